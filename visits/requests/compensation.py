"""The ledger the administration sends to the pay system (the cap itself is in models.py)."""

import csv
import io

from django.utils import timezone
from django.utils.translation import gettext as _

from cms.exports import neutralise

from .models import VisitRequest

LEDGER_STATES = (VisitRequest.State.HELD, VisitRequest.State.REPORTED)


def ledger_visits(year, politician=None):
    """Held visits of a year, per politician: what the pay system needs."""
    visits = VisitRequest.objects.filter(year=year, state__in=LEDGER_STATES).select_related(
        "requested_by__party", "unit__committee"
    )
    if politician is not None:
        visits = visits.filter(requested_by=politician)
    return visits.order_by("requested_by__last_name", "requested_by__first_name", "starts_at", "pk")


def ledger_headings():
    return [
        _("Politiker"), _("Parti"), _("Nämnd"), _("Enhet"), _("Typ av besök"), _("Datum"), _("Börjar"), _("Slutar"),
        _("Timmar"), _("Arvoderat"), _("Arvoderade timmar"), _("Status"), _("Besök nr"),
    ]


def ledger_rows(visits):
    for visit in visits:
        starts = timezone.localtime(visit.starts_at) if visit.starts_at else None
        ends = timezone.localtime(visit.ends_at) if visit.ends_at else None
        yield [
            visit.requested_by.full_name,
            visit.requested_by.party.abbreviation,
            visit.unit.committee.short_name,
            visit.unit.name,
            visit.get_kind_display(),
            starts.date().isoformat() if starts else "",
            starts.strftime("%H:%M") if starts else "",
            ends.strftime("%H:%M") if ends else "",
            str(visit.hours).replace(".", ","),
            _("ja") if visit.paid else _("nej"),
            str(visit.paid_hours).replace(".", ","),
            visit.get_state_display(),
            visit.pk,
        ]


def ledger_csv(visits):
    output = io.StringIO()
    # Semicolons and a BOM: what Excel with Swedish settings opens without a wizard.
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    writer.writerow(ledger_headings())
    for row in ledger_rows(visits):
        writer.writerow([neutralise(cell) for cell in row])
    return output.getvalue().encode("utf-8")


def ledger_xlsx(visits):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Arvoden")
    sheet.append(ledger_headings())
    for row in ledger_rows(visits):
        sheet.append([neutralise(cell) for cell in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
