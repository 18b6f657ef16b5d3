"""Activities per contact politician, unit and calendar year (seed 002): held visits and
recorded activities count; central training is shown beside and never counted."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail import hooks

from visits.requests.activities.models import (
    TRAINING_HOOK,
    Activity,
    activity_counts,
    assignments_in_year,
)
from visits.requests.models import NotAllowed, VisitRequest

from .factories import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_world()


def held_visit(w, unit, politician, day, companions=(), state=VisitRequest.State.HELD):
    """A visit already held: written directly, since the counting is what is tested here."""
    starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    visit = VisitRequest.objects.create(
        unit=unit, requested_by=politician, wished_times="Vecka 12", purpose="Se verksamheten.", year=day.year,
        state=state, starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
    )
    visit.companions.set(companions)
    return visit


def counts_by_pair(year, assignments=None):
    rows = activity_counts(year, assignments if assignments is not None else assignments_in_year(year))
    return {(row.politician.slug, row.unit.slug): (row.visits, row.other, row.total) for row in rows}


def test_held_visits_and_recorded_activities_count_per_politician_unit_and_year(w):
    this_year, last_year = datetime.date(2026, 3, 10), datetime.date(2025, 11, 3)
    held_visit(w, w.unit, w.politician, this_year, companions=[w.colleague])
    held_visit(w, w.unit, w.politician, datetime.date(2026, 9, 1), state=VisitRequest.State.REPORTED)
    held_visit(w, w.unit, w.politician, last_year)
    VisitRequest.objects.create(unit=w.unit, requested_by=w.colleague, wished_times="x", purpose="y", year=2026,
                                state=VisitRequest.State.DECLINED)
    Activity.record(unit=w.unit, politicians=[w.colleague], held_on=datetime.date(2026, 5, 20),
                    description="Föräldramöte", by=w.manager)
    Activity.record(unit=w.library, politicians=[w.politician], held_on=last_year, description="Författarkväll",
                    by=w.user)

    assert counts_by_pair(2026) == {
        ("paula", "backaskolan"): (2, 0, 2),
        ("paula", "stadsbiblioteket"): (0, 0, 0),
        ("per", "backaskolan"): (1, 1, 2),
        ("per", "norrbyskolan"): (0, 0, 0),
        ("otto", "stadsbiblioteket"): (0, 0, 0),
    }
    assert counts_by_pair(2025)[("paula", "backaskolan")] == (1, 0, 1)
    assert counts_by_pair(2025)[("paula", "stadsbiblioteket")] == (0, 1, 1)


def test_a_visit_at_another_unit_is_not_an_activity_in_this_units_area(w):
    held_visit(w, w.library, w.politician, datetime.date(2026, 4, 2))
    held_visit(w, w.library, w.politician, datetime.date(2026, 5, 2))

    counts = counts_by_pair(2026)

    assert counts[("paula", "stadsbiblioteket")] == (2, 0, 2)
    assert counts[("paula", "backaskolan")] == (0, 0, 0)


def test_below_two_is_per_unit_and_central_training_is_shown_beside_but_not_counted(w):
    held_visit(w, w.unit, w.politician, datetime.date(2026, 2, 2))

    def five_trainings(politicians, year):
        return {w.politician.pk: 5}

    with hooks.register_temporarily(TRAINING_HOOK, five_trainings):
        rows = {row.unit.slug: row for row in activity_counts(2026, assignments_in_year(2026).filter(
            politician=w.politician))}

    assert rows["backaskolan"].training == 5 and rows["backaskolan"].total == 1
    assert rows["backaskolan"].below_required and rows["backaskolan"].missing == 1
    assert rows["stadsbiblioteket"].training == 5 and rows["stadsbiblioteket"].total == 0
    assert rows["stadsbiblioteket"].missing == 2


def test_counting_costs_the_same_queries_for_one_and_for_many_politicians(w, django_assert_num_queries):
    held_visit(w, w.unit, w.politician, datetime.date(2026, 2, 2), companions=[w.colleague])
    one = assignments_in_year(2026).filter(politician=w.politician, unit=w.unit)
    # assignments, visits, companions, recorded activities and the training app's hook
    with django_assert_num_queries(5):
        assert len(activity_counts(2026, one)) == 1
    with django_assert_num_queries(5):
        assert len(activity_counts(2026, assignments_in_year(2026))) == 5


def test_a_politician_records_an_activity_for_themselves_at_their_unit(w):
    activity = Activity.record(unit=w.unit, politicians=[w.politician], held_on=datetime.date(2026, 11, 1),
                               description="  Skolavslutning\n i aulan ", by=w.user)

    assert activity.recorded_as == Activity.RecordedAs.POLITICIAN
    assert activity.description == "Skolavslutning i aulan"
    assert list(activity.politicians.all()) == [w.politician]


def test_a_politician_cannot_record_for_a_colleague(w):
    with pytest.raises(NotAllowed):
        Activity.record(unit=w.unit, politicians=[w.colleague], held_on=datetime.date(2026, 11, 1),
                        description="Möte", by=w.user)


def test_a_politician_cannot_record_at_a_unit_they_are_not_assigned_to(w):
    with pytest.raises(ValidationError) as error:
        Activity.record(unit=w.other_unit, politicians=[w.politician], held_on=datetime.date(2026, 11, 1),
                        description="Möte", by=w.user)
    assert "var inte kontaktpolitiker för Norrbyskolan" in " ".join(error.value.messages)


def test_a_manager_records_for_the_units_contact_politicians_only(w):
    activity = Activity.record(unit=w.unit, politicians=[w.politician, w.colleague],
                               held_on=datetime.date(2026, 10, 1), description="Föräldramöte", by=w.manager)
    assert activity.recorded_as == Activity.RecordedAs.MANAGER

    with pytest.raises(ValidationError) as error:
        Activity.record(unit=w.unit, politicians=[w.outsider], held_on=datetime.date(2026, 10, 1),
                        description="Föräldramöte", by=w.manager)
    assert "Otto Testsson var inte kontaktpolitiker" in " ".join(error.value.messages)


def test_the_wrong_manager_and_nobody_cannot_record(w):
    for user in (w.other_manager, w.nobody):
        with pytest.raises(NotAllowed):
            Activity.record(unit=w.unit, politicians=[w.politician], held_on=datetime.date(2026, 10, 1),
                            description="Föräldramöte", by=user)


@pytest.mark.parametrize("held_on, description, message", [
    (datetime.date(2026, 11, 25), "Föräldramöte", "datumet ligger i framtiden"),
    (datetime.date(2020, 5, 1), "Föräldramöte", "var inte kontaktpolitiker"),
    (datetime.date(2026, 5, 1), "   ", "Skriv kort vad aktiviteten var"),
    (None, "Föräldramöte", "Ange datum"),
])
def test_an_activity_needs_a_past_day_within_the_assignment_and_a_line_of_text(w, held_on, description, message):
    with pytest.raises(ValidationError) as error:
        Activity.record(unit=w.unit, politicians=[w.politician], held_on=held_on, description=description, by=w.user)
    assert message in " ".join(error.value.messages)
    assert not Activity.objects.exists()


def test_the_recorder_or_the_units_manager_may_remove_an_activity(w):
    activity = Activity.record(unit=w.unit, politicians=[w.politician], held_on=datetime.date(2026, 11, 1),
                               description="Möte", by=w.user)

    assert activity.can_be_removed_by(w.user) and activity.can_be_removed_by(w.manager)
    assert not activity.can_be_removed_by(w.colleague_user)
    assert not activity.can_be_removed_by(w.other_manager)
