from django.db import migrations

# The kinds of governing documents a Swedish municipality uses; editors may add more.
DEFAULT_TYPES = [
    ("policy", "Policy"),
    ("riktlinje", "Riktlinje"),
    ("reglemente", "Reglemente"),
    ("program", "Program"),
    ("plan", "Plan"),
    ("rutin", "Rutin"),
]


def add_default_types(apps, schema_editor):
    DocumentType = apps.get_model("home", "GoverningDocumentType")
    for slug, name in DEFAULT_TYPES:
        DocumentType.objects.get_or_create(slug=slug, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("home", "0002_governing_documents")]

    operations = [migrations.RunPython(add_default_types, migrations.RunPython.noop)]
