"""The ledger the administration sends to the pay system: one line per politician on a held
visit, companions too, each with their own paid status (the cap itself is in cap.py)."""

import csv
import io
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.exports import neutralise
from visits.register.models import Politician

from .models import VisitCompanion, VisitRequest

LEDGER_STATES = (VisitRequest.State.HELD, VisitRequest.State.REPORTED)


@dataclass
class LedgerLine:
    politician: Politician
    visit: VisitRequest
    requester: bool
    paid: bool

    @property
    def paid_hours(self):
        return self.visit.paid_hours_for(self.paid)


def ledger_lines(year, politician=None):
    """Held visits of a year, a line per participant: what the pay system needs. Two queries."""
    companions = Prefetch("companion_rows", queryset=VisitCompanion.objects.select_related("politician__party"))
    visits = VisitRequest.objects.filter(year=year, state__in=LEDGER_STATES).select_related(
        "requested_by__party", "unit__committee"
    ).prefetch_related(companions)
    if politician is not None:
        visits = visits.filter(pk__in=VisitRequest.objects.involving(politician).values("pk"))
    lines = []
    for visit in visits:
        lines.append(LedgerLine(visit.requested_by, visit, True, visit.paid))
        lines += [LedgerLine(row.politician, visit, False, row.paid) for row in visit.companion_rows.all()]
    if politician is not None:
        lines = [line for line in lines if line.politician.pk == politician.pk]
    return sorted(lines, key=lambda line: (
        line.politician.last_name, line.politician.first_name, line.politician.pk,
        line.visit.starts_at or timezone.now(), line.visit.pk,
    ))


def ledger_headings():
    return [
        _("Politiker"), _("Parti"), _("Nämnd"), _("Enhet"), _("Typ av besök"), _("Roll på besöket"), _("Datum"),
        _("Börjar"), _("Slutar"), _("Timmar"), _("Arvoderat"), _("Arvoderade timmar"), _("Status"), _("Besök nr"),
    ]


def ledger_rows(lines):
    for line in lines:
        visit = line.visit
        starts = timezone.localtime(visit.starts_at) if visit.starts_at else None
        ends = timezone.localtime(visit.ends_at) if visit.ends_at else None
        yield [
            line.politician.full_name,
            line.politician.party.abbreviation,
            visit.unit.committee.short_name,
            visit.unit.name,
            visit.get_kind_display(),
            _("begärde besöket") if line.requester else _("följde med"),
            starts.date().isoformat() if starts else "",
            starts.strftime("%H:%M") if starts else "",
            ends.strftime("%H:%M") if ends else "",
            str(visit.hours).replace(".", ","),
            _("ja") if line.paid else _("nej"),
            str(line.paid_hours).replace(".", ","),
            visit.get_state_display(),
            visit.pk,
        ]


def ledger_csv(lines):
    output = io.StringIO()
    # Semicolons and a BOM: what Excel with Swedish settings opens without a wizard.
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    writer.writerow(ledger_headings())
    for row in ledger_rows(lines):
        writer.writerow([neutralise(cell) for cell in row])
    return output.getvalue().encode("utf-8")


def ledger_xlsx(lines):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Arvoden")
    sheet.append(ledger_headings())
    for row in ledger_rows(lines):
        sheet.append([neutralise(cell) for cell in row])
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":
                cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
