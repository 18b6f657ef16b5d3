"""The summary's units without a visit and its answers grouped by question."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone

from visits.reports.summary import report_summary
from visits.reports.tests.factories import make_held, write
from visits.reports.tests.test_admin import known_data, secretary, w  # noqa: F401 (fixtures)
from visits.requests.models import VisitRequest

pytestmark = pytest.mark.django_db


def test_units_with_no_held_visit_this_year_are_listed_per_committee(w):
    known_data(w)
    year = timezone.localdate().year
    assert [unit.name for unit in report_summary(year, committee=w.bun).unvisited] == ["Norrbyskolan"]
    assert report_summary(year, committee=w.kfn).unvisited == []
    w.other_unit.active = False
    w.other_unit.save()
    assert report_summary(year, committee=w.bun).unvisited == []


def test_answers_are_grouped_by_question_and_a_correction_replaces_what_it_supersedes(w):
    first = known_data(w)
    other = write(w.page, make_held(w, days=-5), w.politician, "Lugnt.", "Fler vuxna.")
    other = other.submit(w.user)
    summary = report_summary(timezone.localdate().year, committee=w.bun)
    question, second_question = [label for _name, label in w.page.labels()][:2]
    assert summary.answers[0][0] == question
    answers = [(row.unit, row.answer) for row in summary.answers[0][1]]
    assert answers == [("Backaskolan", "Tryggt, rättat."), ("Backaskolan", "Lugnt.")]
    assert first.registration_number not in [row.registration_number for row in summary.answers[0][1]]
    assert summary.answers[1] == (second_question, [summary.answers[1][1][0]])
    assert summary.answers[1][1][0].registration_number == other.registration_number


def test_the_admin_page_and_the_xlsx_show_unvisited_units_and_answers(w, secretary):  # noqa: F811
    known_data(w)
    params = {"namnd": w.bun.pk, "ar": timezone.localdate().year}
    html = secretary.get(reverse("report_summary"), params).content.decode()
    assert "Norrbyskolan (BUN)" in html and "Tryggt, rättat." in html and "Tryggt.<" not in html
    from openpyxl import load_workbook

    xlsx = secretary.get(reverse("report_summary"), {**params, "format": "xlsx"})
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Sammanställning", "Enheter utan besök", "Svar per fråga", "Under två aktiviteter"]
    assert list(book["Enheter utan besök"].iter_rows(values_only=True))[1] == ("BUN", "Norrbyskolan")
    answers = list(book["Svar per fråga"].iter_rows(values_only=True))
    assert answers[1][1:] == ("Backaskolan", VisitRequest.objects.get(unit=w.unit, state="reported")
                              .reports.get(supersedes__isnull=False).registration_number, "Tryggt, rättat.")


def test_the_printable_summary_has_no_admin_chrome_and_passes_the_html_checker(w, secretary, tmp_path):  # noqa: F811
    from cms.browser import html_errors

    known_data(w)
    params = {"namnd": w.bun.pk, "ar": timezone.localdate().year}
    admin = secretary.get(reverse("report_summary"), params).content.decode()
    assert "format=print" in admin
    response = secretary.get(reverse("report_summary"), {**params, "format": "print"})
    html = response.content.decode()
    assert response.status_code == 200 and "Tryggt, rättat." in html and "Norrbyskolan (BUN)" in html
    assert "nice-padding" not in html and "site-header" in html and "css/reports.css" in html
    assert html_errors({"summary-print": html}, tmp_path) == []


def test_nobody_but_the_administration_opens_the_printable_summary(w):
    from django.test import Client

    anonymous = Client().get(reverse("report_summary"), {"format": "print"})
    assert anonymous.status_code == 302
    for user in (w.user, w.manager):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("report_summary"), {"format": "print"}).status_code in (302, 403)


def test_the_charts_count_visits_per_unit_and_month_with_a_text_alternative_and_a_table(w, secretary):  # noqa: F811
    known_data(w)
    year = timezone.localdate().year
    summary = report_summary(year, committee=w.bun)
    assert summary.per_unit() == [("Backaskolan", 3)]
    assert sum(summary.per_month) == 3 and len(summary.per_month) == 12
    months = [timezone.localtime(v.starts_at).month for v in VisitRequest.objects.filter(unit=w.unit, year=year)
              .exclude(state__in=["accepted"])]
    assert all(summary.per_month[month - 1] >= 1 for month in months)
    chart = summary.unit_chart()
    assert chart["bars"][0]["width"] == 300 and chart["bars"][0]["value"] == 3
    for params in ({}, {"format": "print"}):
        html = secretary.get(reverse("report_summary"), {"namnd": w.bun.pk, "ar": year, **params}).content.decode()
        assert html.count('<svg role="img"') == 2 and "<script" not in html.split("<main", 1)[-1].split("</main>")[0]
        assert '<title id="diagram-enheter-title">Genomförda besök per enhet</title>' in html
        assert "Backaskolan: 3" in html and '<th scope="row">Backaskolan</th><td>3</td>' in html
