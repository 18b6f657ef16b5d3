"""Attendance exports as CSV and XLSX. Cells that a spreadsheet would run as a formula
(starting with = + - @, or a tab or carriage return) are neutralised with a leading apostrophe."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cms.exports import neutralise

FORMATS = {"csv", "xlsx"}


def safe_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ja") if value else _("nej")
    return neutralise(str(value))


def attendance_label(signup):
    if signup.attended is None:
        return _("ej registrerad")
    return _("ja") if signup.attended else _("nej")


def session_rows(session, signups):
    header = [_("Namn"), _("Deltar som"), _("Parti"), _("Anmälan"), _("Anmäld den"), _("Närvarade")]
    rows = [
        [
            signup.participant_name,
            _("tjänsteperson") if signup.is_staff_member else _("förtroendevald"),
            "" if signup.is_staff_member else signup.politician.party.abbreviation,
            signup.get_status_display(),
            timezone.localtime(signup.queued_at).strftime("%Y-%m-%d %H:%M"),
            attendance_label(signup),
        ]
        for signup in signups
    ]
    return header, rows


def politician_rows(politician, signups):
    header = [_("Tillfälle"), _("Datum"), _("Programår"), _("Ansvarig"), _("Anmälan"), _("Närvarade")]
    rows = [
        [
            signup.session.title,
            timezone.localtime(signup.session.starts_at).strftime("%Y-%m-%d %H:%M"),
            signup.session.programme_year,
            signup.session.responsible_body.short_name,
            signup.get_status_display(),
            attendance_label(signup),
        ]
        for signup in signups
    ]
    return header, rows


def spreadsheet_response(fmt, filename, title, header, rows):
    cells = [[safe_cell(value) for value in row] for row in [header, *rows]]
    if fmt == "csv":
        buffer = io.StringIO()
        # A BOM and semicolons: what Swedish Excel opens correctly.
        buffer.write("\ufeff")
        writer = csv.writer(buffer, delimiter=";")
        writer.writerows(cells)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = title[:31]
        for row in cells:
            sheet.append(row)
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
