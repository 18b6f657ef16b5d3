from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.log_actions import LogContext

from accounts import demo as accounts_demo
from cms import demo_english, roles
from home import demo as home_demo
from training import demo as training_demo
from visits import demo as visits_demo

DEMO_PASSWORD = "insyn-demo"
# username, first name, last name, groups (the role groups plus Wagtail's own)
DEMO_USERS = [
    ("admin", "Ada", "Admin", []),
    ("redaktor", "Rut", "Redaktör", [roles.EDITORS, "Editors"]),
    ("namndsekreterare", "Nils", "Nämndsekreterare", [roles.SECRETARIES, "Moderators"]),
    ("forvaltningschef", "Fatima", "Förvaltningschef", [roles.HEADS_OF_ADMINISTRATION]),
    ("enhetschef", "Erik", "Enhetschef", [roles.UNIT_MANAGERS]),
    ("politiker", "Paula", "Politiker", [roles.POLITICIANS]),
    ("politiker2", "Per", "Politiker", [roles.POLITICIANS]),
]


def ensure_role_groups():
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for name in roles.ROLE_LABELS:
        group, _ = Group.objects.get_or_create(name=name)
        if name in (roles.EDITORS, roles.SECRETARIES):
            group.permissions.add(admin_access)
        groups[name] = group
    # Communicators and secretaries translate pages (Wagtail's simple_translation).
    translate = Permission.objects.get(content_type__app_label="simple_translation", codename="submit_translation")
    for name in (roles.EDITORS, roles.SECRETARIES):
        groups[name].permissions.add(translate)
    return groups


def ensure_demo_users():
    User = get_user_model()
    users = {}
    for username, first, last, group_names in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@adala.example.se"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_superuser = user.is_staff = username == "admin"
            user.save()
        user.groups.add(*Group.objects.filter(name__in=group_names))
        users[username] = user
    return users


class Command(BaseCommand):
    help = "Bygger demoinnehållet för Ådala kommun (kan köras flera gånger)."

    def handle(self, *args, **options):
        if not settings.INSYN_ALLOW_DEMO_USERS:
            raise CommandError(
                "seed_demo skapar demoinloggningar och körs bara med utvecklings- eller testinställningarna."
            )
        with transaction.atomic():
            ensure_role_groups()
            users = ensure_demo_users()
            # Pages and snippets the demo makes are logged as made by the communicator, so no
            # history entry is anonymous ("system").
            with LogContext(user=users["redaktor"]):
                accounts_demo.build(users)
                home = home_demo.build()
                visits_demo.build(home=home, users=users)
                home_demo.build_governing_documents(home=home, users=users)
                training_demo.build(home=home, users=users)
                demo_english.build()
        self.stdout.write(self.style.SUCCESS("Demoinnehållet är klart."))
        self.stdout.write(f"Demoinloggningar (lösenord {DEMO_PASSWORD}): " + ", ".join(u[0] for u in DEMO_USERS))
        self.stdout.write(
            "admin, redaktor och namndsekreterare behöver också en kod: manage.py demo_totp_code, "
            f"eller lägg in nyckeln {accounts_demo.DEMO_TOTP_SECRET} i en autentiseringsapp."
        )
