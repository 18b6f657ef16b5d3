"""The directory as CSV: what /enheter/ shows, one row per unit and contact politician,
opened by Swedish Excel as it is (UTF-8 with a BOM, semicolons), and never a formula."""

import csv
import io

from wagtail.models import PageViewRestriction

from visits.register.models import ContactAssignment, MandatePeriod, Unit
from visits.register.pages import UnitIndexPage

URL = "/enheter/kontaktpolitiker.csv"


def read(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="kontaktpolitiker.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def test_one_row_per_active_unit_and_contact_politician_of_the_period(oparl_demo, client):
    header, *rows = read(client)
    assert header[:3] == ["Mandatperiod", "Enhet", "Verksamhet"] and header[-2:] == ["E-post", "Telefon"]
    period = MandatePeriod.objects.current()
    expected = sum(max(1, ContactAssignment.objects.filter(unit=unit, period=period).count())
                   for unit in Unit.objects.active())
    assert len(rows) == expected
    assert {row[1] for row in rows} == set(Unit.objects.active().values_list("name", flat=True))
    paula = oparl_demo["paula"]
    paula_row = next(row for row in rows if row[8] == paula.full_name)
    assert (paula_row[9], paula_row[11], paula_row[13], paula_row[14]) == (
        paula.party.name, "majoritet", paula.email, paula.phone)


def test_contact_data_without_consent_stays_out(oparl_demo, client):
    per = oparl_demo["per"]
    rows = [row for row in read(client) if row[8] == per.full_name]
    assert rows and all(row[13] == "" and row[14] == "" for row in rows)
    assert per.email not in str(rows) and per.phone not in str(rows)


def test_a_cell_a_spreadsheet_would_run_is_plain_text(oparl_demo, client):
    Unit.objects.filter(slug="backaskolan").update(name='=HYPERLINK("http://example.org","klicka")',
                                                    address="+46 fel", public_email="@mejl")
    row = next(row for row in read(client) if "HYPERLINK" in row[1])
    assert row[1].startswith("'=HYPERLINK") and row[5] == "'+46 fel" and row[6] == "'@mejl"


def test_no_csv_while_the_directory_is_not_public(oparl_demo, client):
    directory = UnitIndexPage.objects.get()
    PageViewRestriction.objects.create(page=directory, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(URL).status_code == 404
