import csv
import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from cms.exports import neutralise
from visits.register.models import Membership
from visits.requests.cap import paid_visits_left, would_be_paid
from visits.requests.compensation import ledger_csv, ledger_lines, ledger_xlsx
from visits.requests.models import VisitRequest
from visits.requests.tests.factories import future, make_request, make_user, make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_world()


def held(w, day, politician=None, **kwargs):
    """A visit held `day` days ago (in this year when possible), booked at nine on a weekday."""
    politician = politician or w.politician
    starts = timezone.now() - datetime.timedelta(days=day)
    year = timezone.localtime(starts).year
    visit = make_request(w, politician=politician, year=year, **kwargs)
    visit.accept(w.manager, starts, confirm_time=True)
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


def test_a_visit_longer_than_three_hours_is_unpaid_for_everyone_and_the_message_says_so(w):
    with pytest.raises(Exception, match="oarvoderat för alla som är med: det är 3,5 timmar") as error:
        make_request(w, hours="3.5", companions=[w.colleague])
    assert "Bekräfta" in str(error.value)
    visit = make_request(w, hours="3.5", companions=[w.colleague], confirm_unpaid=True)
    assert [paid for _person, paid in visit.participant_lines()] == [False, False]
    assert make_request(w, hours="3").paid is True


def test_companions_count_towards_their_own_cap_and_the_message_names_them(w):
    year = timezone.localdate().year
    make_request(w, politician=w.colleague, year=year)
    make_request(w, year=year, companions=[w.colleague])  # the colleague's second paid visit
    assert paid_visits_left(w.colleague, w.unit, year) == 0
    assert paid_visits_left(w.politician, w.unit, year) == 1

    with pytest.raises(Exception, match="oarvoderat för Per Testsson: två arvoderade besök hos enheten år"):
        make_request(w, year=year, companions=[w.colleague])
    visit = make_request(w, year=year, companions=[w.colleague], confirm_unpaid=True)

    assert visit.participant_lines() == [(w.politician, True), (w.colleague, False)]
    assert paid_visits_left(w.politician, w.unit, year) == 0
    assert "Per Testsson" in visit.history().first().note


def test_the_cap_follows_the_year_of_the_visit(w):
    year = timezone.localdate().year
    make_request(w, year=year)
    make_request(w, year=year)

    assert make_request(w, year=year + 1).paid is True
    with pytest.raises(Exception, match=f"år {year}"):
        make_request(w, year=year)


def test_declined_withdrawn_and_cancelled_visits_give_the_paid_visit_back(w):
    year = timezone.localdate().year
    make_request(w, year=year).decline(w.manager, "Nej.")
    make_request(w, year=year, companions=[w.colleague]).cancel(w.user, "Förhindrad.")
    assert paid_visits_left(w.politician, w.unit, year) == 2
    assert paid_visits_left(w.colleague, w.unit, year) == 2


def test_a_presidium_visit_leaves_the_contact_visits_paid_places_untouched(w):
    year = future().year
    Membership.objects.filter(politician=w.colleague, committee=w.bun).update(role=Membership.Role.FIRST_VICE_CHAIR)
    make_request(w, year=year)
    make_request(w, year=year)

    visit = make_request(w, year=year, kind=VisitRequest.Kind.PRESIDIUM, companions=[w.colleague], hours="4")

    assert visit.participant_lines() == [(w.politician, True), (w.colleague, True)]
    assert paid_visits_left(w.politician, w.unit, year) == 0  # still the two contact visits, nothing more
    assert paid_visits_left(w.colleague, w.unit, year) == 2
    assert VisitRequest.objects.counting_towards_cap(w.politician, w.unit, year).count() == 2
    assert visit.paid_hours == 4  # a kind of its own: not cut to the contact visits' three hours


def test_ledger_has_a_line_for_every_politician_on_a_held_visit(w):
    first = held(w, 2, companions=[w.colleague])
    other = held(w, 3, politician=w.colleague)
    make_request(w)  # not held: not in the ledger

    lines = ledger_lines(first.year)
    assert [(line.politician, line.visit, line.requester, line.paid) for line in lines] == [
        (w.politician, first, True, True),
        (w.colleague, other, True, True),  # three days ago: earlier than the first
        (w.colleague, first, False, True),
    ]
    assert [(line.visit, line.requester) for line in ledger_lines(first.year, w.colleague)] == [
        (other, True), (first, False)]
    assert ledger_lines(first.year - 1) == []


def test_ledger_reads_a_fixed_number_of_queries(w, django_assert_num_queries):
    held(w, 2, companions=[w.colleague])
    year = timezone.localtime(timezone.now() - datetime.timedelta(days=2)).year
    with django_assert_num_queries(2):
        one = list(ledger_rows_of(year))
    for day in range(3, 8):
        held(w, day, companions=[w.colleague], confirm_unpaid=True)
    with django_assert_num_queries(2):
        many = list(ledger_rows_of(year))
    assert len(many) > len(one)


def ledger_rows_of(year):
    from visits.requests.compensation import ledger_rows

    return ledger_rows(ledger_lines(year))


def test_csv_and_xlsx_ledgers_neutralise_formulas(w):
    held(w, 2)
    Politician = type(w.politician)
    Politician.objects.filter(pk=w.politician.pk).update(first_name="=HYPERLINK(\"http://x\")", last_name="")
    lines = ledger_lines(timezone.localtime(timezone.now() - datetime.timedelta(days=2)).year)

    rows = list(csv.reader(io.StringIO(ledger_csv(lines).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Politiker"
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][5] == "begärde besöket"
    assert rows[1][10] == "ja"
    sheet = load_workbook(io.BytesIO(ledger_xlsx(lines))).active
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


def test_administration_downloads_the_ledger_with_a_line_per_participant(w):
    visit = held(w, 2, companions=[w.colleague])
    client = Client()
    client.force_login(admin_user(w))

    page = client.get("/admin/besok/arvoden/")
    assert page.status_code == 200
    xlsx = client.get("/admin/besok/arvoden/", {"ar": visit.year, "politiker": w.politician.pk, "format": "xlsx"})
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert f"arvoden-besok-{visit.year}-paula.xlsx" in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=2, column=4).value == "Backaskolan"
    assert sheet.max_row == 2
    csv_response = client.get("/admin/besok/arvoden/", {"ar": visit.year, "format": "csv"})
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert [(row[0], row[5]) for row in rows[1:]] == [("Paula Testsson", "begärde besöket"),
                                                      ("Per Testsson", "följde med")]


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
