# Each visit gets a calendar UID made once (a UUID per existing row, then unique), and the
# database refuses a booked visit without a time or a start without an end. Rows that
# already have a start without an end get the usual length of a visit first.

import datetime
import uuid

from django.db import migrations, models

DEFAULT_LENGTH = datetime.timedelta(hours=3)


def give_each_visit_a_uid(apps, schema_editor):
    VisitRequest = apps.get_model("visits", "VisitRequest")
    for pk in VisitRequest.objects.filter(uid__isnull=True).values_list("pk", flat=True).iterator():
        VisitRequest.objects.filter(pk=pk).update(uid=uuid.uuid4())


def end_open_ended_visits(apps, schema_editor):
    VisitRequest = apps.get_model("visits", "VisitRequest")
    for visit in VisitRequest.objects.filter(starts_at__isnull=False, ends_at__isnull=True).only("starts_at"):
        VisitRequest.objects.filter(pk=visit.pk).update(ends_at=visit.starts_at + DEFAULT_LENGTH)


class Migration(migrations.Migration):

    dependencies = [
        ("visits", "0012_evaluation"),
    ]

    operations = [
        migrations.AddField(
            model_name="visitrequest",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="kalender-id"),
        ),
        migrations.RunPython(give_each_visit_a_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="visitrequest",
            name="uid",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True, verbose_name="kalender-id"),
        ),
        migrations.RunPython(end_open_ended_visits, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="visitrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("ends_at__isnull", True), ("starts_at__isnull", True)),
                    models.Q(("ends_at__isnull", False), ("starts_at__isnull", False)),
                    _connector="OR",
                ),
                name="visit_starts_and_ends_together",
            ),
        ),
        migrations.AddConstraint(
            model_name="visitrequest",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("state__in", ["accepted", "proposed", "held", "reported"]), _negated=True),
                    ("starts_at__isnull", False),
                    _connector="OR",
                ),
                name="visit_booked_has_time",
            ),
        ),
    ]
