import csv
import io

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from visits.register import importing
from visits.register.models import ContactAssignment, Membership, Politician, Unit
from visits.register.tests.factories import make_committee, make_party, make_period, make_register, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def basics():
    period = make_period()
    make_committee()
    make_party("FÅ", period=period)
    make_party("SA", bloc="opposition", period=period)
    make_user("erik")
    return period


def workbook_bytes(sheets):
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


GOOD = {
    "enheter": [
        importing.LISTS["enheter"],
        ["ekskolan", "Ekskolan", "grundskola", "BUN", "erik", "rektor", "Ekvägen 1", "ekskolan@example.se", "ja"],
        ["humlan", "Förskolan Humlan", "förskola", "bun", "", "", "", "", ""],
    ],
    "politiker": [
        importing.LISTS["politiker"],
        ["lisa-berg", "Lisa", "Berg", "FÅ", "", "070-1", "lisa@example.se", "", "", "2024-01-01"],
        ["omar-ali", "Omar", "Ali", "SA", "", "", "", "", "", ""],
    ],
    "uppdrag": [
        importing.LISTS["uppdrag"],
        ["lisa-berg", "BUN", "2023–2026", "ordförande", "", ""],
        ["omar-ali", "BUN", "2023–2026", "ersättare", "2024-01-01", ""],
    ],
    "kontaktpolitiker": [
        importing.LISTS["kontaktpolitiker"],
        ["lisa-berg", "ekskolan", "2023–2026"],
        ["omar-ali", "ekskolan", "2023–2026"],
    ],
}


def test_workbook_with_all_four_lists_imports_everything(basics):
    result = importing.import_register("register.xlsx", workbook_bytes(GOOD))

    assert result.counts == {"enheter": 2, "politiker": 2, "uppdrag": 2, "kontaktpolitiker": 2}
    school = Unit.objects.get(slug="ekskolan")
    assert school.manager.username == "erik" and school.kind == "grundskola"
    assert Unit.objects.get(slug="humlan").active
    assert Politician.objects.get(slug="lisa-berg").public_email == "lisa@example.se"
    assert Membership.objects.get(politician__slug="lisa-berg").role == "chair"
    assert ContactAssignment.objects.filter(unit=school).count() == 2
    assert list(Unit.objects.breaking_balance(basics)) == [Unit.objects.get(slug="humlan")]


def test_one_bad_row_changes_nothing_and_every_bad_row_is_reported(basics):
    sheets = {name: [list(row) for row in rows] for name, rows in GOOD.items()}
    sheets["enheter"][2][2] = "kasino"  # line 3: unknown kind
    sheets["politiker"][1][3] = "XX"  # line 2: unknown party
    sheets["uppdrag"].append(["omar-ali", "BUN", "2023–2026", "ledamot", "2025-01-01", "2024-01-01"])
    sheets["kontaktpolitiker"].append(["lisa-berg", "ekskolan", "2023–2026"])  # line 4: twice

    with pytest.raises(importing.ImportFailed) as failure:
        importing.import_register("register.xlsx", workbook_bytes(sheets))

    reported = [str(error) for error in failure.value.errors]
    assert any(r.startswith("enheter, rad 3: ”kasino” är inget giltigt värde i kolumnen typ") for r in reported)
    assert any(r.startswith("politiker, rad 2: Parti ”XX” finns inte i registret") for r in reported)
    assert any(r.startswith("uppdrag, rad 4:") and "Slutdatum kan inte vara före startdatum." in r for r in reported)
    assert any(r.startswith("kontaktpolitiker, rad 4:") for r in reported)
    assert not Unit.objects.exists()
    assert not Politician.objects.exists()
    assert not ContactAssignment.objects.exists()


def test_csv_list_with_semicolons_imports(basics):
    text = "enhet;namn;typ;nämnd\nekskolan;Ekskolan;grundskola;BUN\n"

    importing.import_register("enheter.csv", text.encode("cp1252"))

    assert Unit.objects.get(slug="ekskolan").name == "Ekskolan"


def test_csv_with_a_missing_column_is_refused_with_line_1(basics):
    with pytest.raises(importing.ImportFailed) as failure:
        importing.import_register("fel.csv", "namn;typ\nEkskolan;grundskola\n".encode())

    assert str(failure.value.errors[0]).startswith("filen, rad 1: Rubrikraden passar ingen lista")


def test_empty_required_cell_and_bad_date_are_reported(basics):
    text = "politiker,förnamn,efternamn,parti,samtycke_epost\nx,,Berg,FÅ,\ny,Y,Berg,FÅ,igår\n"

    with pytest.raises(importing.ImportFailed) as failure:
        importing.import_register("p.csv", text.encode())

    reported = [str(error) for error in failure.value.errors]
    assert reported[0] == "politiker, rad 2: Tomt i kolumnen förnamn."
    assert reported[1].startswith("politiker, rad 3: ”igår” i kolumnen samtycke_epost är inget datum")


@pytest.mark.parametrize("name, data", [("bild.png", b"\x89PNG"), ("trasig.xlsx", b"not a zip")])
def test_wrong_or_damaged_file_is_refused(basics, name, data):
    with pytest.raises(importing.ImportFailed) as failure:
        importing.import_register(name, data)

    assert "rad 1" in str(failure.value.errors[0])


def test_command_reports_bad_rows_and_fails(basics, tmp_path, capsys):
    path = tmp_path / "enheter.csv"
    path.write_text("enhet;namn;typ;nämnd\nekskolan;Ekskolan;grundskola;XYZ\n", encoding="utf-8")

    with pytest.raises(CommandError, match="Inget importerades: 1 fel"):
        call_command("import_register", str(path))

    assert "enheter, rad 2: Nämnd ”XYZ” finns inte i registret" in capsys.readouterr().err
    assert not Unit.objects.exists()


def test_command_imports_a_good_file(basics, tmp_path):
    path = tmp_path / "register.xlsx"
    path.write_bytes(workbook_bytes(GOOD))

    call_command("import_register", str(path), stdout=io.StringIO())

    assert Unit.objects.count() == 2


def test_export_neutralises_formula_cells_in_csv_and_xlsx(tmp_path):
    register = make_register()
    unit = register["units"][0]
    unit.name, unit.address = "=HYPERLINK(\"http://evil\")", "@SUM(1)"
    unit.save()
    politician = unit.contact_assignments.first().politician
    Politician.objects.filter(pk=politician.pk).update(phone="+46 70 123", first_name="-Anna")

    rows = list(csv.reader(io.StringIO(importing.export_csv("enheter").decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == importing.LISTS["enheter"]
    assert rows[1][1] == "'=HYPERLINK(\"http://evil\")" and rows[1][6] == "'@SUM(1)"

    workbook = load_workbook(io.BytesIO(importing.export_xlsx()))
    cells = [cell for row in workbook["politiker"].iter_rows(values_only=True) for cell in row]
    assert "'+46 70 123" in cells and "'-Anna" in cells
    assert not any(isinstance(cell, str) and cell.startswith("=") for row in workbook["enheter"].iter_rows(values_only=True) for cell in row)


def test_exported_workbook_imports_again_unchanged():
    register = make_register(unit_count=2)
    Unit.objects.filter(pk=register["units"][0].pk).update(address="=1+1")
    data = importing.export_xlsx()
    before = list(Unit.objects.values_list("slug", "name", "address", "active"))

    importing.import_register("register.xlsx", data)

    assert list(Unit.objects.values_list("slug", "name", "address", "active")) == before
    assert ContactAssignment.objects.count() == 4


def test_admin_import_view_shows_bad_rows_and_imports_good_files(client, basics):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(make_user("admin", is_superuser=True))
    bad = SimpleUploadedFile("enheter.csv", "enhet;namn;typ;nämnd\nx;X;grundskola;XYZ\n".encode())
    html = client.post("/admin/register/import/", {"file": bad}).content.decode()
    assert "enheter, rad 2: Nämnd ”XYZ” finns inte i registret" in html
    assert not Unit.objects.exists()

    good = SimpleUploadedFile("enheter.csv", "enhet;namn;typ;nämnd\nx;X;grundskola;BUN\n".encode())
    response = client.post("/admin/register/import/", {"file": good})
    assert response.status_code == 302
    assert Unit.objects.filter(slug="x").exists()

    pdf = SimpleUploadedFile("enheter.pdf", b"%PDF")
    assert "Välj en fil som slutar på .xlsx eller .csv." in client.post("/admin/register/import/", {"file": pdf}).content.decode()


def test_admin_export_view_downloads_xlsx_and_csv(client):
    make_register()
    client.force_login(make_user("admin", is_superuser=True))

    xlsx = client.get("/admin/register/export/xlsx/")
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    csv_response = client.get("/admin/register/export/csv/", {"lista": "kontaktpolitiker"})
    assert csv_response["Content-Type"] == "text/csv; charset=utf-8"
    assert client.get("/admin/register/export/csv/", {"lista": "hemligt"}).status_code == 302
