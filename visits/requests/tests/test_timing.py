"""Booking outside ordinary working hours or on a holiday asks for a confirmation, with the reason."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from visits.requests.models import VisitRequest
from visits.requests.tests.factories import make_request, make_world
from visits.requests.timing import easter_sunday, next_workday, swedish_holidays, unusual_time_reasons

S = VisitRequest.State


@pytest.fixture
def w(db):
    return make_world()


@pytest.mark.parametrize("year, easter", [
    (2024, datetime.date(2024, 3, 31)), (2025, datetime.date(2025, 4, 20)), (2026, datetime.date(2026, 4, 5)),
    (2027, datetime.date(2027, 3, 28)), (2028, datetime.date(2028, 4, 16)), (2038, datetime.date(2038, 4, 25)),
    (2285, datetime.date(2285, 3, 22)),
])
def test_easter_sunday_is_computed_for_any_year(year, easter):
    assert easter_sunday(year) == easter


def test_swedish_public_holidays_of_2027_including_easter_midsummer_and_all_saints():
    days = {day.isoformat(): name for day, name in swedish_holidays(2027).items()}
    assert days == {
        "2027-01-01": "nyårsdagen", "2027-01-06": "trettondedag jul", "2027-03-26": "långfredagen",
        "2027-03-27": "påskafton", "2027-03-28": "påskdagen", "2027-03-29": "annandag påsk",
        "2027-05-01": "första maj", "2027-05-06": "Kristi himmelsfärdsdag", "2027-05-16": "pingstdagen",
        "2027-06-06": "Sveriges nationaldag", "2027-06-25": "midsommarafton", "2027-06-26": "midsommardagen",
        "2027-11-06": "alla helgons dag", "2027-12-24": "julafton", "2027-12-25": "juldagen",
        "2027-12-26": "annandag jul", "2027-12-31": "nyårsafton",
    }


@pytest.mark.parametrize("year, midsummer, all_saints", [
    (2026, datetime.date(2026, 6, 20), datetime.date(2026, 10, 31)),
    (2028, datetime.date(2028, 6, 24), datetime.date(2028, 11, 4)),
    (2030, datetime.date(2030, 6, 22), datetime.date(2030, 11, 2)),
])
def test_midsummer_and_all_saints_fall_on_the_saturday_of_their_week(year, midsummer, all_saints):
    days = swedish_holidays(year)
    assert days[midsummer] == "midsommardagen" and midsummer.weekday() == 5
    assert days[midsummer - datetime.timedelta(days=1)] == "midsommarafton"
    assert days[all_saints] == "alla helgons dag" and all_saints.weekday() == 5


def test_next_workday_skips_weekends_and_holidays():
    assert next_workday(datetime.date(2027, 3, 26)) == datetime.date(2027, 3, 30)  # Good Friday to Tuesday
    assert next_workday(datetime.date(2026, 12, 24)) == datetime.date(2026, 12, 28)
    assert next_workday(datetime.date(2026, 11, 24)) == datetime.date(2026, 11, 24)


def local(*args):
    return timezone.make_aware(datetime.datetime(*args))


class Hours:
    visit_day_starts, visit_day_ends = datetime.time(7), datetime.time(18)


def test_reasons_name_the_weekend_the_holiday_and_the_hours():
    assert unusual_time_reasons(Hours, local(2026, 12, 1, 9), local(2026, 12, 1, 12)) == []
    assert unusual_time_reasons(Hours, local(2026, 12, 5, 10), local(2026, 12, 5, 12)) == [
        "Lördag 5 december 2026 är ingen vardag."]
    assert unusual_time_reasons(Hours, local(2027, 5, 6, 10), local(2027, 5, 6, 12)) == [
        "Torsdag 6 maj 2027 är Kristi himmelsfärdsdag och ingen ordinarie arbetsdag."]
    assert unusual_time_reasons(Hours, local(2026, 12, 1, 6, 30), local(2026, 12, 1, 9)) == [
        "Besöket börjar kl. 06:30, före ordinarie arbetstid (07:00–18:00)."]
    assert unusual_time_reasons(Hours, local(2026, 12, 1, 17), local(2026, 12, 1, 19, 30)) == [
        "Besöket slutar kl. 19:30, efter ordinarie arbetstid (07:00–18:00)."]


def test_manager_must_confirm_a_time_outside_working_hours_and_the_reason_is_kept(w):
    visit = make_request(w, hours="2")
    day = next_workday(timezone.localdate() + datetime.timedelta(days=8))
    starts, ends = local(day.year, day.month, day.day, 18, 30), local(day.year, day.month, day.day, 20, 30)

    with pytest.raises(ValidationError) as error:
        visit.accept(w.manager, starts, ends, plan="Föräldramöte.")
    assert "slutar kl. 20:30, efter ordinarie arbetstid" in " ".join(error.value.message_dict["confirm_time"])
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED

    visit.accept(w.manager, starts, ends, plan="Föräldramöte.", confirm_time=True)

    event = visit.history().last()
    assert "efter ordinarie arbetstid" in event.time_notice
    assert (event.plan, event.starts_at, event.ends_at) == ("Föräldramöte.", starts, ends)


def test_working_hours_are_a_setting_of_each_committee(w):
    w.bun.visit_day_starts, w.bun.visit_day_ends = datetime.time(6), datetime.time(22)
    w.bun.save()
    visit = make_request(w, hours="2")
    day = next_workday(timezone.localdate() + datetime.timedelta(days=8))

    visit.accept(w.manager, local(day.year, day.month, day.day, 19), local(day.year, day.month, day.day, 21))

    assert visit.state == S.ACCEPTED and visit.history().last().time_notice == ""
    with pytest.raises(ValidationError, match="Arbetstiden måste sluta"):
        w.bun.visit_day_ends = datetime.time(5)
        w.bun.full_clean()


def test_a_proposed_time_on_a_holiday_is_confirmed_by_the_manager_and_accepted_as_it_was(w):
    visit = make_request(w, year=2027)
    starts = local(2027, 5, 6, 10)  # Ascension Day

    with pytest.raises(ValidationError, match="Kristi himmelsfärdsdag"):
        visit.propose(w.manager, starts)
    visit.propose(w.manager, starts, message="Öppet hus den dagen.", plan="10.00 Öppet hus.", confirm_time=True)
    visit.accept_proposal(w.user)

    accepted = visit.history().last()
    assert (accepted.to_state, accepted.starts_at, accepted.plan) == (S.ACCEPTED, starts, "10.00 Öppet hus.")
    assert "Kristi himmelsfärdsdag" in visit.history().filter(to_state=S.PROPOSED).get().time_notice
