"""Migration 0013 on rows written before it: every visit gets its own calendar UID, and a
booked visit stored without an end gets the usual three hours before the database starts
refusing such rows."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# serialized_rollback restores what migrations created (Wagtail root page, groups) after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("visits", "0012_evaluation")]
AFTER = [("visits", "0013_visit_uid_and_times")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def test_old_visits_get_their_own_uid_and_an_open_ended_booking_gets_three_hours():
    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    try:
        apps = migrate(BEFORE)
        Committee, Unit = apps.get_model("visits", "Committee"), apps.get_model("visits", "Unit")
        Party, Politician = apps.get_model("visits", "Party"), apps.get_model("visits", "Politician")
        VisitRequest = apps.get_model("visits", "VisitRequest")
        committee = Committee.objects.create(name="Barn- och utbildningsnämnden", short_name="BUN", slug="bun")
        unit = Unit.objects.create(name="Backaskolan", slug="backaskolan", kind="grundskola", committee=committee)
        politician = Politician.objects.create(
            first_name="Paula", last_name="Testsson", slug="paula",
            party=Party.objects.create(name="Framtid Ådala", abbreviation="FÅ"),
        )
        starts = datetime.datetime(2027, 3, 2, 8, tzinfo=datetime.timezone.utc)
        common = {"unit": unit, "requested_by": politician, "wished_times": "Vecka 9", "purpose": "Trygghet",
                  "year": 2027}
        open_ended = VisitRequest.objects.create(state="accepted", starts_at=starts, ends_at=None, **common)
        booked = VisitRequest.objects.create(state="accepted", starts_at=starts, ends_at=starts + datetime.timedelta(hours=2),
                                             **common)
        requested = VisitRequest.objects.create(state="requested", **common)

        apps = migrate(AFTER)

        rows = {row.pk: row for row in apps.get_model("visits", "VisitRequest").objects.all()}
        assert len({row.uid for row in rows.values()}) == 3 and None not in {row.uid for row in rows.values()}
        assert rows[open_ended.pk].ends_at == starts + datetime.timedelta(hours=3)
        assert rows[booked.pk].ends_at == starts + datetime.timedelta(hours=2)
        assert rows[requested.pk].starts_at is None and rows[requested.pk].ends_at is None
    finally:
        migrate(leaf)
