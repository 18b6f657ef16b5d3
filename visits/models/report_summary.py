"""The summary for the systematic quality work: per committee and year, visits held,
reports submitted and reports missing (held, not reported 14 days after the visit), per
unit and kind. One grouped query; the totals are summed in Python from its rows."""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .reports import VisitReport
from .requests import VisitRequest

MISSING_AFTER = datetime.timedelta(days=14)


@dataclass
class SummaryRow:
    committee: str
    unit: str
    kind: str
    held: int
    reports: int
    missing: int


@dataclass
class Summary:
    year: int
    committee: object = None
    rows: list = field(default_factory=list)

    @property
    def totals(self):
        return {
            "held": sum(row.held for row in self.rows),
            "reports": sum(row.reports for row in self.rows),
            "missing": sum(row.missing for row in self.rows),
        }

    def by_kind(self):
        kinds = {}
        for row in self.rows:
            totals = kinds.setdefault(row.kind, {"held": 0, "reports": 0, "missing": 0})
            totals["held"] += row.held
            totals["reports"] += row.reports
            totals["missing"] += row.missing
        return kinds


def outstanding_visits(now=None):
    """Held visits whose report is more than 14 days late, oldest first."""
    now = now or timezone.now()
    return VisitRequest.objects.filter(
        state=VisitRequest.State.HELD, ends_at__lt=now - MISSING_AFTER
    ).order_by("ends_at", "pk")


def report_summary(year, committee=None, now=None):
    now = now or timezone.now()
    held_states = (VisitRequest.State.HELD, VisitRequest.State.REPORTED)
    visits = VisitRequest.objects.filter(year=year, state__in=held_states)
    if committee is not None:
        visits = visits.filter(unit__committee=committee)
    # A correction is not a new report: count the first version of each report only.
    first_versions = Q(reports__state=VisitReport.State.SUBMITTED, reports__supersedes__isnull=True)
    missing = Q(pk__in=outstanding_visits(now).values("pk"))
    rows = (
        visits.order_by()
        .values("unit__committee__short_name", "unit__name", "kind")
        .annotate(
            held=Count("pk", distinct=True),
            reports=Count("reports", filter=first_versions, distinct=True),
            missing=Count("pk", filter=missing, distinct=True),
        )
        .order_by("unit__committee__short_name", "unit__name", "kind")
    )
    labels = dict(VisitRequest.Kind.choices)
    return Summary(year=year, committee=committee, rows=[
        SummaryRow(row["unit__committee__short_name"], row["unit__name"], str(labels.get(row["kind"], row["kind"])),
                   row["held"], row["reports"], row["missing"])
        for row in rows
    ])


def summary_headings():
    return [_("Nämnd"), _("Enhet"), _("Slags besök"), _("Genomförda besök"), _("Inskickade rapporter"),
            _("Saknade rapporter (mer än 14 dagar)")]


def summary_cells(summary):
    from ..compensation import neutralise

    for row in summary.rows:
        yield [neutralise(row.committee), neutralise(row.unit), neutralise(row.kind), row.held, row.reports,
               row.missing]


def summary_csv(summary):
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";")
    writer.writerow(summary_headings())
    writer.writerows(summary_cells(summary))
    return output.getvalue().encode("utf-8")


def summary_xlsx(summary):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Sammanställning")
    sheet.append(summary_headings())
    for cells in summary_cells(summary):
        sheet.append(cells)
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            if cell.data_type == "f":  # never a formula, even after neutralising
                cell.data_type = "s"
    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()
