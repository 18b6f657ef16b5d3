"""The summary for the systematic quality work: per committee and year, visits held,
reports submitted and reports missing (held, not reported 14 days after the visit), per
unit and kind. One grouped query; the totals are summed in Python from its rows."""

import csv
import datetime
import io
import json
from dataclasses import dataclass, field
from itertools import chain

from django.db.models import Count, Q, TextField
from django.db.models.functions import Cast, ExtractMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from cms.exports import neutralise
from visits.requests.models import VisitRequest
from visits.requests.questions import labelled_answers

from .models import VisitReport

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
    unvisited: list = field(default_factory=list)  # active units with no held visit in the year
    answers: list = field(default_factory=list)  # [(question, [AnswerRow, ...]), ...]
    per_month: list = field(default_factory=list)  # held visits in January … December
    inactive: list = field(default_factory=list)  # [ActivityRow, ...]: contact politicians below two activities

    def per_unit(self):
        units = {}
        for row in self.rows:
            units[row.unit] = units.get(row.unit, 0) + row.held
        return list(units.items())

    def unit_chart(self):
        return bar_chart(self.per_unit())

    def month_chart(self):
        return bar_chart(list(zip(month_names(), self.per_month)))

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


@dataclass
class ActivityRow:
    politician: object
    visits: int
    other: int  # from the insyn_politician_activity_counts hooks (training)

    @property
    def total(self):
        return self.visits + self.other


@dataclass
class AnswerRow:
    unit: str
    registration_number: str
    answer: str


def coverage(year):
    """Per committee: active units with at least one held visit in the year, and all active units. One query."""
    from visits.register.models import Committee

    held = (VisitRequest.State.HELD, VisitRequest.State.REPORTED)
    active = Q(units__active=True)
    return list(
        Committee.objects.annotate(
            unit_count=Count("units", filter=active, distinct=True),
            covered=Count("units", distinct=True, filter=active & Q(
                units__visit_requests__year=year, units__visit_requests__state__in=held)),
        ).filter(unit_count__gt=0).order_by("name")
    )


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
    ], unvisited=units_without_visits(visits, committee), answers=answers_by_question(year, committee),
        per_month=visits_per_month(visits), inactive=below_two_activities(year, committee))


ACTIVITY_HOOK = "insyn_politician_activity_counts"


def below_two_activities(year, committee=None):
    """Contact politicians (an assignment in a period covering the year) with fewer than two
    activities in it: held visits they asked for or came along to, plus what other apps count
    through the hook; `visits` never imports them."""
    from wagtail import hooks

    from visits.register.models import Politician

    assigned = Q(contact_assignments__period__starts_on__year__lte=year,
                 contact_assignments__period__ends_on__year__gte=year)
    if committee is not None:
        assigned &= Q(contact_assignments__unit__committee=committee)
    politicians = list(Politician.objects.filter(assigned).distinct().order_by("last_name", "first_name", "pk"))
    held = VisitRequest.objects.filter(year=year, state__in=(VisitRequest.State.HELD, VisitRequest.State.REPORTED))
    ids = [politician.pk for politician in politicians]
    visits = dict.fromkeys(ids, 0)
    for field_name in ("requested_by", "companions"):
        for pk, count in (held.filter(**{f"{field_name}__in": ids}).order_by().values_list(field_name)
                          .annotate(n=Count("pk", distinct=True))):
            visits[pk] += count
    other = dict.fromkeys(ids, 0)
    for count_activities in hooks.get_hooks(ACTIVITY_HOOK):
        for pk, count in count_activities(politicians, year).items():
            if pk in other:
                other[pk] += count
    rows = [ActivityRow(p, visits[p.pk], other[p.pk]) for p in politicians]
    return [row for row in rows if row.total < 2]


def visits_per_month(held_visits):
    counts = dict(held_visits.filter(starts_at__isnull=False).order_by()
                  .annotate(month=ExtractMonth("starts_at")).values_list("month").annotate(n=Count("pk")))
    return [counts.get(month, 0) for month in range(1, 13)]


def month_names():
    from django.utils.dates import MONTHS

    return [str(MONTHS[month]) for month in range(1, 13)]


BAR_HEIGHT, BAR_GAP, LABEL_WIDTH, BAR_AREA = 22, 8, 190, 300


def bar_chart(items):
    """Geometry for a horizontal bar chart drawn as inline SVG (no script): one bar per (label, value)."""
    largest = max([value for _label, value in items] + [1])
    bars = []
    for index, (label, value) in enumerate(items):
        y = index * (BAR_HEIGHT + BAR_GAP)
        bars.append({"label": label, "value": value, "y": y, "text_y": y + BAR_HEIGHT - 6,
                     "width": round(BAR_AREA * value / largest), "x": LABEL_WIDTH,
                     "value_x": LABEL_WIDTH + round(BAR_AREA * value / largest) + 6})
    return {"bars": bars, "height": max(len(items), 1) * (BAR_HEIGHT + BAR_GAP),
            "width": LABEL_WIDTH + BAR_AREA + 50, "bar_height": BAR_HEIGHT, "label_x": LABEL_WIDTH - 8}


def units_without_visits(held_visits, committee=None):
    from visits.register.models import Unit

    units = Unit.objects.active().exclude(pk__in=held_visits.values("unit"))
    if committee is not None:
        units = units.filter(committee=committee)
    return list(units.select_related("committee").order_by("committee__short_name", "name"))


def answers_by_question(year, committee=None):
    """Each question's answers from the year's submitted reports, under the question as each report
    had it when it was filed; a report that a submitted correction supersedes is left out, so the
    correction's answers stand in its place."""
    reports = (VisitReport.objects.submitted().filter(visit__year=year)
               .exclude(corrections__state=VisitReport.State.SUBMITTED)
               .order_by("visit__unit__name", "registration_number"))
    if committee is not None:
        reports = reports.filter(visit__unit__committee=committee)
    # Plain values, not model instances: thousands of reports must stay cheap in time and memory. The
    # question copies are read as text and decoded once per distinct wording, not once per report.
    rows = reports.annotate(asked=Cast("questions", TextField())).values_list(
        "asked", "form_data", "visit__unit__name", "registration_number")
    grouped, position, copies = {}, {}, {}
    for asked, form_data, unit_name, registration_number in rows.iterator(chunk_size=2000):
        questions = copies.get(asked)
        if questions is None:
            questions = copies[asked] = json.loads(asked)
        for label, value in labelled_answers(form_data, questions):
            grouped.setdefault(label, []).append(AnswerRow(unit_name, registration_number, value))
            if label not in position:
                position[label] = next(i for i, (_name, asked) in enumerate(questions) if asked == label)
    # The form's order as the reports had it; a stable sort keeps first-seen order between equals.
    return sorted(grouped.items(), key=lambda item: position[item[0]])


def summary_headings():
    return [_("Nämnd"), _("Enhet"), _("Slags besök"), _("Genomförda besök"), _("Inskickade rapporter"),
            _("Saknade rapporter (mer än 14 dagar)")]


def summary_cells(summary):
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
    """Every answer of thousands of reports: written by cms.xlsx, which streams the sheets
    (openpyxl took 8 s for 10,000 reports). cms.xlsx neutralises every text cell."""
    from cms.xlsx import workbook

    return workbook([
        (_("Sammanställning"), chain([summary_headings()], summary_cells(summary))),
        (_("Enheter utan besök"), chain([[_("Nämnd"), _("Enhet")]],
                                        ([unit.committee.short_name, unit.name] for unit in summary.unvisited))),
        (_("Svar per fråga"), chain([[_("Fråga"), _("Enhet"), _("Diarienummer"), _("Svar")]],
                                    ([question, row.unit, row.registration_number, row.answer]
                                     for question, rows in summary.answers for row in rows))),
        (_("Under två aktiviteter"), chain(
            [[_("Kontaktpolitiker"), _("Genomförda besök"), _("Utbildningar"), _("Totalt")]],
            ([row.politician.full_name, row.visits, row.other, row.total] for row in summary.inactive))),
    ])
