"""The demo's recorded activities: by a manager and by politicians, this year."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from visits.requests.activities.models import Activity, activity_counts, assignments_in_year

pytestmark = pytest.mark.django_db


def test_the_demo_records_activities_by_managers_and_politicians_and_runs_twice():
    call_command("seed_demo", stdout=None)
    count = Activity.objects.count()
    call_command("seed_demo", stdout=None)

    assert Activity.objects.count() == count >= 3
    assert {activity.recorded_as for activity in Activity.objects.all()} == {"manager", "politician"}
    year = timezone.localdate().year
    paula = {row.unit.slug: row for row in activity_counts(
        year, assignments_in_year(year).filter(politician__user__username="politiker"))}
    assert paula["forskolan-blabaret"].other >= 1
