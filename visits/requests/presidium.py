"""The yearly plan of presidium visits (seed 001): the presidium visits every unit of the
committee once a year, so the secretary and the presidium see, per active unit, this year's
presidium visit as held, planned or missing. Three queries however many units and visits."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from visits.register.models import Unit

from .models import VisitCompanion, VisitRequest

HELD, PLANNED, MISSING = "held", "planned", "missing"
STATUS_LABELS = {HELD: _("genomfört"), PLANNED: _("planerat"), MISSING: _("saknas")}


@dataclass
class PlanRow:
    unit: Unit
    visit: VisitRequest | None

    @property
    def status(self):
        if self.visit is None:
            return MISSING
        if self.visit.state in (VisitRequest.State.HELD, VisitRequest.State.REPORTED):
            return HELD
        return PLANNED

    @property
    def status_label(self):
        return STATUS_LABELS[self.status]


def presidium_plan(committee, year):
    """One row per active unit of `committee`: its presidium visit of `year`, if any."""
    if committee is None:
        return []
    units = list(Unit.objects.active().filter(committee=committee).order_by("name"))
    visits = (
        VisitRequest.objects.presidium_visits(year)
        .filter(unit__committee=committee)
        .select_related("requested_by__party")
        .prefetch_related(Prefetch("companion_rows", queryset=VisitCompanion.objects.select_related("politician")))
    )
    by_unit = {visit.unit_id: visit for visit in visits}
    return [PlanRow(unit, by_unit.get(unit.pk)) for unit in units]


def plan_counts(rows):
    counts = {HELD: 0, PLANNED: 0, MISSING: 0}
    for row in rows:
        counts[row.status] += 1
    return counts
