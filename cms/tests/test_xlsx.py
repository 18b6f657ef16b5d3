"""The streaming XLSX writer: what a spreadsheet program reads back from it."""

import io

from openpyxl import load_workbook

from cms.xlsx import workbook


def read(body):
    book = load_workbook(io.BytesIO(body))
    return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book.worksheets}


def test_sheets_keep_their_order_titles_text_and_numbers():
    body = workbook([("Sammanställning", [["Enhet", "Besök"], ["Åbyskolan", 3]]),
                     ("Svar per fråga", iter([["Fråga", "Svar"], ["Trygghet?", "Ja & <bra>"]]))])
    assert read(body) == {
        "Sammanställning": [["Enhet", "Besök"], ["Åbyskolan", 3]],
        "Svar per fråga": [["Fråga", "Svar"], ["Trygghet?", "Ja & <bra>"]],
    }


def test_no_text_cell_becomes_a_formula():
    book = load_workbook(io.BytesIO(workbook([("Blad", [['=HYPERLINK("http://x")', "+1", "@SUM(A1)"]])])))
    cells = next(book.active.iter_rows())
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == ["'=HYPERLINK(\"http://x\")", "'+1", "'@SUM(A1)"]


def test_control_characters_and_sheet_title_rules_do_not_break_the_file():
    body = workbook([("Frågor: [alla]/* och en mycket lång titel", [["rad\x00ett\x1b", None, True]])])
    sheets = read(body)
    title = next(iter(sheets))
    assert len(title) <= 31 and not set(title) & set("[]:*?/\\")
    assert sheets[title] == [["radett", None, True]]
