"""Recorded activities and the yearly count per contact politician and unit.

The count is held visits (requester or companion) plus recorded activities, per calendar year;
central training is read beside it through the `insyn_politician_activity_counts` hook and never
added to it: it is not an activity in the unit's area."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.register.models import ContactAssignment, Politician, Unit

from ..models import NotAllowed, VisitRequest

# Seed 002: a contact politician takes part in at least two activities a year within the area.
REQUIRED_PER_YEAR = 2
TRAINING_HOOK = "insyn_politician_activity_counts"
HELD_STATES = (VisitRequest.State.HELD, VisitRequest.State.REPORTED)


class ActivityQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("unit", "recorded_by").prefetch_related("politicians__party")

    def visible_to(self, user):
        """Activities a user may see on Mina sidor: those of the units they lead and those they took part in."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(Q(unit__manager=user) | Q(politicians__user=user)).distinct()


class Activity(models.Model):
    class RecordedAs(models.TextChoices):
        POLITICIAN = "politician", _("kontaktpolitikern")
        MANAGER = "manager", _("enhetschefen")

    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="activities")
    politicians = models.ManyToManyField(Politician, verbose_name=_("kontaktpolitiker"), related_name="activities")
    held_on = models.DateField(_("datum"))
    description = models.CharField(_("vad"), max_length=200)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("registrerad av"), null=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_as = models.CharField(_("registrerad av"), max_length=20, choices=RecordedAs.choices)
    recorded_at = models.DateTimeField(_("registrerad"), default=timezone.now)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("aktivitet")
        verbose_name_plural = _("aktiviteter")

    def __str__(self):
        return f"{self.held_on:%Y-%m-%d} {self.unit}: {self.description}"

    @classmethod
    def record(cls, *, unit, politicians, held_on, description, by, today=None):
        """Store an activity the way the rules allow: a contact politician for themselves at a unit
        they are assigned to, a manager for contact politicians of a unit they lead; each politician
        assigned to the unit on the day; not in the future."""
        today = today or timezone.localdate()
        politicians = list(politicians)
        own = Politician.objects.for_user(by)
        if unit.manager_id is not None and unit.manager_id == getattr(by, "pk", None):
            recorded_as = cls.RecordedAs.MANAGER
        elif own is not None and [p.pk for p in politicians] == [own.pk]:
            recorded_as = cls.RecordedAs.POLITICIAN
        else:
            raise NotAllowed(gettext("Du kan bara registrera aktiviteter för dina egna enheter."))
        errors = {}
        description = " ".join((description or "").split())
        if not description:
            errors["description"] = gettext("Skriv kort vad aktiviteten var.")
        if not politicians:
            errors["politicians"] = gettext("Välj minst en kontaktpolitiker.")
        if held_on is None:
            errors["held_on"] = gettext("Ange datum.")
        elif held_on > today:
            errors["held_on"] = gettext("Registrera aktiviteten när den har ägt rum: datumet ligger i framtiden.")
        elif politicians:
            assigned = set(
                ContactAssignment.objects.filter(
                    unit=unit, politician__in=politicians, period__starts_on__lte=held_on, period__ends_on__gte=held_on
                ).values_list("politician_id", flat=True)
            )
            missing = [p.full_name for p in politicians if p.pk not in assigned]
            if missing:
                errors["held_on"] = gettext(
                    "%(names)s var inte kontaktpolitiker för %(unit)s det datumet."
                ) % {"names": ", ".join(missing), "unit": unit.name}
        if errors:
            raise ValidationError(errors)
        with transaction.atomic():
            activity = cls.objects.create(
                unit=unit, held_on=held_on, description=description, recorded_by=by, recorded_as=recorded_as
            )
            activity.politicians.set(politicians)
        return activity

    def can_be_removed_by(self, user):
        """A wrong entry is removed by whoever recorded it, or by the unit's manager."""
        if user is None or not user.is_authenticated:
            return False
        return self.recorded_by_id == user.pk or self.unit.manager_id == user.pk


@dataclass
class ActivityCount:
    """One contact politician at one unit in one calendar year."""

    politician: Politician
    unit: Unit
    year: int
    visits: int = 0
    other: int = 0  # recorded activities
    training: int = 0  # central training attended that year: shown beside, never counted

    @property
    def total(self):
        return self.visits + self.other

    @property
    def below_required(self):
        return self.total < REQUIRED_PER_YEAR

    @property
    def missing(self):
        return max(REQUIRED_PER_YEAR - self.total, 0)


def assignments_in_year(year):
    """Contact assignments in a mandate period that covers some day of the calendar year."""
    return ContactAssignment.objects.filter(period__starts_on__year__lte=year, period__ends_on__year__gte=year)


def activity_counts(year, assignments):
    """An ActivityCount per (politician, unit) of `assignments` (a ContactAssignment queryset),
    in five queries however many there are: the assignments, held visits as requester, as
    companion, recorded activities, and the training hook."""
    from wagtail import hooks

    pairs = {}
    for assignment in assignments.select_related("politician__party", "unit__committee").order_by(
        "politician__last_name", "politician__first_name", "politician_id", "unit__name", "unit_id"
    ):
        key = (assignment.politician_id, assignment.unit_id)
        pairs.setdefault(key, ActivityCount(assignment.politician, assignment.unit, year))
    if not pairs:
        return []
    politician_ids = {politician_id for politician_id, _unit in pairs}
    unit_ids = {unit_id for _politician, unit_id in pairs}
    held = VisitRequest.objects.filter(year=year, state__in=HELD_STATES, unit_id__in=unit_ids)
    companions = VisitRequest.companions.through.objects.filter(visit__in=held, politician_id__in=politician_ids)
    taking_part = Activity.politicians.through.objects.filter(
        activity__held_on__year=year, activity__unit_id__in=unit_ids, politician_id__in=politician_ids
    )
    for rows, field in (
        (held.filter(requested_by_id__in=politician_ids).order_by().values_list("requested_by_id", "unit_id")
         .annotate(n=Count("pk", distinct=True)), "visits"),
        (companions.order_by().values_list("politician_id", "visit__unit_id")
         .annotate(n=Count("visit_id", distinct=True)), "visits"),
        (taking_part.order_by().values_list("politician_id", "activity__unit_id")
         .annotate(n=Count("activity_id", distinct=True)), "other"),
    ):
        for politician_id, unit_id, n in rows:
            count = pairs.get((politician_id, unit_id))
            if count is not None:
                setattr(count, field, getattr(count, field) + n)
    politicians = list({count.politician.pk: count.politician for count in pairs.values()}.values())
    training = {}
    for count_training in hooks.get_hooks(TRAINING_HOOK):
        for politician_id, n in count_training(politicians, year).items():
            training[politician_id] = training.get(politician_id, 0) + n
    for count in pairs.values():
        count.training = training.get(count.politician.pk, 0)
    return list(pairs.values())


__all__ = ["Activity", "ActivityCount", "REQUIRED_PER_YEAR", "activity_counts", "assignments_in_year"]
