"""Contact politicians below two activities a year: held visits plus what other apps count
through the insyn_politician_activity_counts hook."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from visits.reports.summary import ACTIVITY_HOOK, below_two_activities
from visits.reports.tests.test_admin import known_data, secretary, w  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db


def test_contact_politicians_with_fewer_than_two_visits_and_trainings_are_listed(w):
    known_data(w)  # Paula held four visits this year; Per and Otto none
    year = timezone.localdate().year
    assert [(r.politician, r.visits, r.other) for r in below_two_activities(year, w.bun)] == [(w.colleague, 0, 0)]
    assert [r.politician for r in below_two_activities(year, w.kfn)] == [w.outsider]
    assert {r.politician for r in below_two_activities(year)} == {w.colleague, w.outsider}


def test_activities_counted_by_a_hook_lift_a_politician_above_the_limit(w):
    known_data(w)
    year = timezone.localdate().year
    calls = []

    def two_trainings(politicians, counted_year):
        calls.append((sorted(p.pk for p in politicians), counted_year))
        return {w.colleague.pk: 1, w.outsider.pk: 2, 999999: 5}

    with hooks.register_temporarily(ACTIVITY_HOOK, two_trainings):
        rows = below_two_activities(year, w.bun)
        assert [(r.politician, r.visits, r.other, r.total) for r in rows] == [(w.colleague, 0, 1, 1)]
        assert below_two_activities(year, w.kfn) == []
    assert calls[0] == (sorted([w.politician.pk, w.colleague.pk]), year)


def test_the_summary_page_and_xlsx_list_politicians_below_two_activities(w, secretary):  # noqa: F811
    known_data(w)
    params = {"namnd": w.bun.pk, "ar": timezone.localdate().year}
    html = secretary.get(reverse("report_summary"), params).content.decode()
    assert f'<th scope="row">{w.colleague.full_name}</th><td>0</td><td>0</td><td>0</td>' in html
    assert f'<th scope="row">{w.politician.full_name}</th>' not in html
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(secretary.get(reverse("report_summary"), {**params, "format": "xlsx"}).content))
    assert list(book["Under två aktiviteter"].iter_rows(values_only=True))[1:] == [(w.colleague.full_name, 0, 0, 0)]
