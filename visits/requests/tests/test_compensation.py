import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from cms.exports import neutralise
from visits.requests.compensation import ledger_csv, ledger_visits, ledger_xlsx
from visits.requests.models import paid_visits_left, would_be_paid
from visits.requests.tests.factories import make_request, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_world()


def held(w, day, politician=None, **kwargs):
    """A visit held `day` days ago (in this year when possible)."""
    politician = politician or w.politician
    starts = timezone.now() - datetime.timedelta(days=day)
    year = timezone.localtime(starts).year
    visit = make_request(w, politician=politician, year=year, **kwargs)
    visit.accept(w.manager, starts)
    visit.mark_held(w.manager)
    return visit


def test_two_visits_per_politician_unit_and_year_are_paid_then_the_next_is_not(w):
    year = timezone.localdate().year
    assert paid_visits_left(w.politician, w.unit, year) == 2
    make_request(w, year=year)
    make_request(w, year=year)

    assert paid_visits_left(w.politician, w.unit, year) == 0
    assert would_be_paid(w.politician, w.unit, year, 3) is False
    assert would_be_paid(w.politician, w.unit, year + 1, 3) is True  # a new calendar year
    assert would_be_paid(w.politician, w.library, year, 3) is True  # another unit
    assert would_be_paid(w.colleague, w.unit, year, 3) is True  # another politician
    with pytest.raises(Exception, match="Bekräfta"):
        make_request(w, year=year)
    third = make_request(w, year=year, confirm_unpaid=True)
    assert third.paid is False
    assert "Oarvoderat" in third.history().first().note


def test_a_visit_longer_than_three_hours_is_unpaid(w):
    with pytest.raises(Exception, match="Bekräfta"):
        make_request(w, hours="3.5")
    assert make_request(w, hours="3.5", confirm_unpaid=True).paid is False
    assert make_request(w, hours="3").paid is True


def test_declined_withdrawn_and_cancelled_visits_give_the_paid_visit_back(w):
    year = timezone.localdate().year
    make_request(w, year=year).decline(w.manager, "Nej.")
    make_request(w, year=year).cancel(w.user, "Förhindrad.")
    assert paid_visits_left(w.politician, w.unit, year) == 2


def test_ledger_lists_held_visits_per_politician_and_year(w):
    first = held(w, 2)
    other = held(w, 3, politician=w.colleague)
    make_request(w)  # not held: not in the ledger

    assert list(ledger_visits(first.year, w.politician)) == [first]
    assert set(ledger_visits(first.year)) == {first, other}
    assert list(ledger_visits(first.year - 1)) == []


def test_csv_and_xlsx_ledgers_neutralise_formulas(w):
    held(w, 2)
    Politician = type(w.politician)
    Politician.objects.filter(pk=w.politician.pk).update(first_name="=HYPERLINK(\"http://x\")", last_name="")
    visits = ledger_visits(timezone.localtime(timezone.now() - datetime.timedelta(days=2)).year)

    rows = list(csv.reader(io.StringIO(ledger_csv(visits).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Politiker"
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][9] == "ja"
    sheet = load_workbook(io.BytesIO(ledger_xlsx(visits))).active
    assert sheet.cell(row=2, column=1).value.startswith("'=HYPERLINK")
    assert sheet.cell(row=2, column=1).data_type == "s"


@pytest.mark.parametrize("value, expected", [("=1+1", "'=1+1"), ("+46", "'+46"), ("-2", "'-2"), ("@x", "'@x"),
                                             ("Ådala", "Ådala"), (3, 3)])
def test_neutralise_makes_formula_cells_text(value, expected):
    assert neutralise(value) == expected


def admin_user(w):
    user = make_user("sekreterare")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"), Permission.objects.get(codename="view_visitrequest")
    )
    return user


def test_administration_downloads_the_ledger_as_xlsx_and_csv(w):
    visit = held(w, 2)
    client = Client()
    client.force_login(admin_user(w))

    page = client.get("/admin/besok/arvoden/")
    assert page.status_code == 200
    xlsx = client.get("/admin/besok/arvoden/", {"ar": visit.year, "politiker": w.politician.pk, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"arvoden-besok-{visit.year}-paula.xlsx" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=4).value == "Backaskolan"
    csv_response = client.get("/admin/besok/arvoden/", {"ar": visit.year, "format": "csv"})
    assert "Backaskolan" in csv_response.content.decode("utf-8-sig")


def test_ledger_parameters_are_validated_in_swedish(w):
    client = Client()
    client.force_login(admin_user(w))
    response = client.get("/admin/besok/arvoden/", {"ar": "1066", "politiker": "abc", "format": "pdf"})
    html = response.content.decode()
    assert response.status_code == 400
    for message in ("Välj ett år i listan.", "Välj en politiker i listan.", "Välj XLSX eller CSV."):
        assert message in html


def test_ledger_is_closed_to_users_without_the_permission(w):
    client = Client()
    w.nobody.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(w.nobody)
    assert client.get("/admin/besok/arvoden/").status_code in (302, 403)
    assert Client().get("/admin/besok/arvoden/").status_code == 302
