"""The admin's read-only report listing and the summary for the quality work."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from cms import roles
from visits.reports.models import VisitReport
from visits.reports.summary import report_summary
from visits.reports.tests.factories import make_held, make_report_world, write
from visits.requests.models import VisitRequest
from visits.requests.tests.factories import make_accepted, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def w(site_home):
    return make_report_world(site_home)


@pytest.fixture
def secretary(w):
    user = make_user("sekreterare")
    group, _created = Group.objects.get_or_create(name=roles.SECRETARIES)
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          Permission.objects.get(codename="view_visitreport"))
    user.groups.add(group)
    client = Client()
    client.force_login(user)
    return client


def known_data(w):
    """BUN: three held visits at Backaskolan (one reported, corrected; one held 20 days ago, unreported;
    one held 3 days ago, unreported), one presidium-free visit at the library (KFN) reported."""
    reported = make_held(w, days=-30)
    first = write(w.page, reported, w.politician, "Tryggt.").submit(w.user)
    write(w.page, VisitRequest.objects.get(pk=reported.pk), w.politician, "Tryggt, rättat.").submit(w.user)
    make_held(w, days=-20)
    make_held(w, days=-3)
    write(w.page, make_held(w, days=-25, unit=w.library), w.politician, "Biblioteket.").submit(w.user)
    make_accepted(w, days=10, confirm_unpaid=True)  # booked, not held: not counted
    return first


def test_summary_counts_held_visits_reports_and_missing_reports_per_unit(w):
    known_data(w)
    year = (timezone.localdate() - datetime.timedelta(days=30)).year
    if year != timezone.localdate().year:
        pytest.fail("the known data must fall in one year")
    summary = report_summary(year, committee=w.bun)
    assert [(r.committee, r.unit, r.held, r.reports, r.missing) for r in summary.rows] == [
        ("BUN", "Backaskolan", 3, 1, 1),
    ]
    everything = report_summary(year)
    assert everything.totals == {"held": 4, "reports": 2, "missing": 1}
    assert list(everything.by_kind().values()) == [{"held": 4, "reports": 2, "missing": 1}]
    assert report_summary(year - 1).rows == []


def test_secretary_sees_the_summary_and_exports_it(w, secretary):
    known_data(w)
    url = reverse("report_summary")
    page = secretary.get(url, {"namnd": w.bun.pk, "ar": timezone.localdate().year})
    assert page.status_code == 200 and "Backaskolan" in page.content.decode()
    csv = secretary.get(url, {"ar": timezone.localdate().year, "format": "csv"})
    assert csv["Content-Disposition"].endswith('.csv"')
    assert "BUN;Backaskolan;kontaktpolitikerbesök;3;1;1" in csv.content.decode()
    xlsx = secretary.get(url, {"ar": timezone.localdate().year, "format": "xlsx"})
    from openpyxl import load_workbook

    rows = list(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert rows[1][:6] == ("BUN", "Backaskolan", "kontaktpolitikerbesök", 3, 1, 1)


@pytest.mark.parametrize("params,message", [
    ({"ar": "tjugo"}, "Ange ett år med fyra siffror."),
    ({"ar": "1999"}, "Ange ett år från 2000."),
    ({"ar": "2026", "namnd": "x"}, "Välj en nämnd i listan."),
    ({"ar": "2026", "format": "pdf"}, "Välj tabell, XLSX eller CSV."),
])
def test_summary_refuses_bad_choices_with_swedish_errors(w, secretary, params, message):
    response = secretary.get(reverse("report_summary"), params)
    assert response.status_code == 400 and message in response.content.decode()


def test_politicians_and_managers_cannot_open_the_summary(w):
    for user in (w.user, w.manager):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("report_summary")).status_code in (302, 403)


def test_admin_lists_submitted_reports_read_only_and_exports_neutralised_cells(w, secretary):
    w.unit.name = "=HYPERLINK(\"http://x\")"  # a cell that starts with = must not become a formula
    w.unit.save()
    report = write(w.page, make_held(w), w.politician, "Tryggt.").submit(w.user)
    write(w.page, make_held(w, days=-2), w.politician, "Hemligt utkast.")
    index = secretary.get("/admin/visits/visitreport/")
    assert index.status_code == 200
    assert report.registration_number in index.content.decode()
    assert VisitReport.objects.drafts().count() == 1
    assert secretary.get(f"/admin/visits/visitreport/edit/{report.pk}/").status_code in (302, 403)
    assert secretary.get(f"/admin/visits/visitreport/delete/{report.pk}/").status_code in (302, 403)
    response = secretary.get("/admin/visits/visitreport/?export=csv")
    exported = b"".join(response.streaming_content).decode()
    assert report.registration_number in exported
    assert "'=HYPERLINK" in exported and "Hemligt utkast." not in exported
    assert exported.startswith("Diarienummer,Nämnd,Enhet,Skriven av,Slags besök,Besöksdag")


def test_the_report_xlsx_export_carries_the_csvs_cells_in_local_time_and_neutralised(w, secretary):
    w.unit.name = "=HYPERLINK(\"http://x\")"
    w.unit.save()
    report = write(w.page, make_held(w), w.politician, "Tryggt.").submit(w.user)

    from openpyxl import load_workbook

    response = secretary.get("/admin/visits/visitreport/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))

    assert response["Content-Disposition"] == 'attachment; filename="besoksrapporter.xlsx"'
    assert rows[0][:6] == ("Diarienummer", "Nämnd", "Enhet", "Skriven av", "Slags besök", "Besöksdag")
    assert rows[1][0] == report.registration_number
    assert rows[1][2] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][6] == timezone.localtime(report.submitted_at).strftime("%Y-%m-%d %H:%M")
    assert "Tryggt." in rows[1][7]


def test_the_report_form_is_not_in_wagtails_form_submissions(w, secretary):
    admin = make_user("superchef", is_superuser=True)
    client = Client()
    client.force_login(admin)
    write(w.page, make_held(w), w.politician, "Utkast.")
    assert w.page.title not in client.get("/admin/forms/").content.decode()
    assert client.get(f"/admin/forms/submissions/{w.page.pk}/").status_code in (302, 403, 404)


def test_the_dashboard_shows_visits_whose_report_is_more_than_14_days_late(w, secretary):
    known_data(w)
    html = secretary.get("/admin/").content.decode()
    assert "Rapporter som saknas mer än 14 dagar efter besöket" in html
    assert html.count("Backaskolan (BUN)") == 1  # held 20 days ago; the one held 3 days ago is not late yet
    editor = make_user("redaktor2")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client = Client()
    client.force_login(editor)
    assert "Rapporter som saknas" not in client.get("/admin/").content.decode()
