"""Starting a new mandate period by copying what the administration confirms from the old
one. The old period's records are never changed."""

from dataclasses import dataclass, field

from django.db import transaction

from .models import ContactAssignment, Membership


@dataclass
class CopyPlan:
    memberships: list = field(default_factory=list)
    assignments: list = field(default_factory=list)
    skipped_assignments: list = field(default_factory=list)


def plan_copy(
    source,
    target,
    exclude_politicians=(),
    exclude_units=(),
    memberships_only=False,
    membership_ids=None,
    assignment_ids=None,
):
    """What copying `source` into `target` would create, leaving out excluded politicians
    and units, records not among the chosen ids (when given) and anything the target
    already has."""
    plan = CopyPlan()
    existing_memberships = set(Membership.objects.filter(period_id=target.pk).values_list("politician_id", "committee_id"))
    memberships = Membership.objects.filter(period=source).exclude(politician__slug__in=exclude_politicians)
    if membership_ids is not None:
        memberships = memberships.filter(pk__in=membership_ids)
    for membership in memberships.select_related("politician__party", "committee").order_by(
        "committee__name", "politician__last_name"
    ):
        key = (membership.politician_id, membership.committee_id)
        if key not in existing_memberships:
            existing_memberships.add(key)
            plan.memberships.append(membership)
    if memberships_only:
        return plan
    existing_assignments = set(ContactAssignment.objects.filter(period_id=target.pk).values_list("politician_id", "unit_id"))
    assignments = (
        ContactAssignment.objects.filter(period=source, unit__active=True)
        .exclude(politician__slug__in=exclude_politicians)
        .exclude(unit__slug__in=exclude_units)
    )
    if assignment_ids is not None:
        assignments = assignments.filter(pk__in=assignment_ids)
    for assignment in assignments.select_related("politician__party", "unit").order_by(
        "unit__name", "politician__last_name"
    ):
        if (assignment.politician_id, assignment.unit_id) in existing_assignments:
            continue
        if (assignment.politician_id, assignment.unit.committee_id) in existing_memberships:
            plan.assignments.append(assignment)
        else:
            # A contact politician must sit on the unit's committee in the new period too.
            plan.skipped_assignments.append(assignment)
    return plan


@transaction.atomic
def apply_copy(plan, target):
    for membership in plan.memberships:
        Membership.objects.create(
            politician=membership.politician,
            committee=membership.committee,
            period=target,
            role=membership.role,
            starts_on=target.starts_on,
            ends_on=target.ends_on,
        )
    for assignment in plan.assignments:
        ContactAssignment.objects.create(politician=assignment.politician, unit=assignment.unit, period=target)
    return len(plan.memberships), len(plan.assignments)
