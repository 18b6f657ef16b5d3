"""Contact politicians below two activities a year at a unit: held visits plus recorded
activities, per politician and unit; central training (the insyn_politician_activity_counts
hook) is carried beside and not counted."""

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from visits.reports.summary import below_two_activities
from visits.reports.tests.test_admin import known_data, secretary, w  # noqa: F401 (fixtures)
from visits.requests.activities.models import TRAINING_HOOK, Activity

pytestmark = pytest.mark.django_db


def rows(year, committee=None):
    return [(r.politician, r.unit, r.visits, r.other, r.total) for r in below_two_activities(year, committee)]


def test_contact_politicians_below_two_activities_are_listed_per_unit(w):  # noqa: F811
    known_data(w)  # Paula held three visits at Backaskolan and one at the library; Per and Otto none
    year = timezone.localdate().year
    assert rows(year, w.bun) == [(w.colleague, w.unit, 0, 0, 0), (w.colleague, w.other_unit, 0, 0, 0)]
    assert rows(year, w.kfn) == [(w.outsider, w.library, 0, 0, 0), (w.politician, w.library, 1, 0, 1)]
    assert len(rows(year)) == 4


def test_recorded_activities_lift_a_politician_above_the_limit_at_that_unit_only(w):  # noqa: F811
    known_data(w)
    year = timezone.localdate().year
    for day in (1, 2):
        Activity.record(unit=w.unit, politicians=[w.colleague], held_on=datetime.date(year, 10, day),
                        description="Föräldramöte", by=w.manager)
    assert rows(year, w.bun) == [(w.colleague, w.other_unit, 0, 0, 0)]


def test_central_training_is_shown_beside_and_never_lifts_anyone(w):  # noqa: F811
    known_data(w)
    year = timezone.localdate().year

    def two_trainings(politicians, counted_year):
        return {w.colleague.pk: 2, w.outsider.pk: 2}

    with hooks.register_temporarily(TRAINING_HOOK, two_trainings):
        listed = below_two_activities(year, w.bun)
    assert [(r.politician, r.total, r.training) for r in listed] == [(w.colleague, 0, 2), (w.colleague, 0, 2)]


def test_the_summary_page_and_xlsx_list_politicians_below_two_activities(w, secretary):  # noqa: F811
    known_data(w)
    params = {"namnd": w.bun.pk, "ar": timezone.localdate().year}
    html = secretary.get(reverse("report_summary"), params).content.decode()
    assert (f'<th scope="row">{w.colleague.full_name}</th><td>{w.unit.name}</td>'
            "<td>0</td><td>0</td><td>0</td><td>0</td>") in html
    assert f'<th scope="row">{w.politician.full_name}</th>' not in html
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(secretary.get(reverse("report_summary"), {**params, "format": "xlsx"}).content))
    assert list(book["Under två aktiviteter"].iter_rows(values_only=True))[1:] == [
        (w.colleague.full_name, w.unit.name, 0, 0, 0, 0), (w.colleague.full_name, w.other_unit.name, 0, 0, 0, 0)]
