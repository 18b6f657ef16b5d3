"""Visit requests: a contact politician asks to visit a unit, the unit manager decides.

Every change of state goes through one method of `VisitRequest`, which checks the state and
the actor's right, changes the row with a conditional UPDATE (so two people deciding at
once cannot both succeed), records a `VisitEvent` and queues the mail in one transaction.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from visits.register.models import ContactAssignment, MandatePeriod, Membership, Politician, Unit

# The compensation rule from the seeds: two paid visits of at most three hours per
# politician, unit and calendar year.
PAID_VISITS_PER_YEAR = 2
PAID_HOURS_MAX = Decimal("3")
DEFAULT_LENGTH = datetime.timedelta(hours=3)


class TransitionError(ValidationError):
    """The visit is not in a state where the step is possible (or someone was quicker)."""


class NotAllowed(PermissionDenied):
    """The user may see the visit but not take this step."""


class VisitRequestQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related(
            "unit__committee__head_of_administration", "unit__manager", "requested_by__party", "requested_by__user"
        ).prefetch_related("companions__user")

    def involving(self, politician):
        """Requests the politician asked for or is asked to come along to."""
        if politician is None:
            return self.none()
        return self.filter(Q(requested_by=politician) | Q(companions=politician)).distinct()

    def visible_to(self, user):
        """What a user may see on Mina sidor: their own visits, their units' requests and,
        for a head of administration, the requests routed through them."""
        if user is None or not user.is_authenticated:
            return self.none()
        politician = Politician.objects.for_user(user)
        condition = Q(unit__manager=user) | Q(
            routed_via_administration=True, unit__committee__head_of_administration=user
        )
        if politician is not None:
            ids = VisitRequest.objects.involving(politician).values("pk")
            condition |= Q(pk__in=ids)
        return self.filter(condition)

    def open(self):
        return self.filter(state__in=VisitRequest.OPEN_STATES)

    def for_manager(self, user):
        """Requests waiting for the manager's decision, in the order they came."""
        return (
            self.filter(unit__manager=user)
            .filter(
                Q(state=VisitRequest.State.REQUESTED, routed_via_administration=False)
                | Q(state=VisitRequest.State.FORWARDED)
            )
            .order_by("created_at", "pk")
        )

    def for_head_of_administration(self, user):
        return self.filter(
            state=VisitRequest.State.REQUESTED,
            routed_via_administration=True,
            unit__committee__head_of_administration=user,
        ).order_by("created_at", "pk")

    def counting_towards_cap(self, politician, unit, year):
        """Paid visits that use up the year's compensation: all but the ones that never happen."""
        return self.filter(requested_by=politician, unit=unit, year=year, paid=True).exclude(
            state__in=VisitRequest.CLOSED_WITHOUT_VISIT
        )

    def stale(self, days=14, now=None):
        """Open requests older than `days` days: the dashboard panel's list."""
        now = now or timezone.now()
        return self.open().filter(created_at__lt=now - datetime.timedelta(days=days)).order_by("created_at")

    def public_invitations(self, unit=None, now=None):
        """Accepted presidium visits that invite the public and have not yet happened."""
        now = now or timezone.now()
        visits = self.filter(
            kind=VisitRequest.Kind.PRESIDIUM,
            public_invitation=True,
            state=VisitRequest.State.ACCEPTED,
            ends_at__gt=now,
        )
        if unit is not None:
            visits = visits.filter(unit=unit)
        return visits.select_related("unit").order_by("starts_at")


class VisitRequest(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", _("kontaktpolitikerbesök")
        PRESIDIUM = "presidium", _("presidiebesök")

    class State(models.TextChoices):
        REQUESTED = "requested", _("förfrågan skickad")
        FORWARDED = "forwarded", _("vidarebefordrad till enhetschefen")
        ACCEPTED = "accepted", _("bokat")
        PROPOSED = "proposed", _("ny tid föreslagen")
        DECLINED = "declined", _("avböjt")
        WITHDRAWN = "withdrawn", _("återkallat")
        CANCELLED = "cancelled", _("inställt")
        HELD = "held", _("genomfört")
        REPORTED = "reported", _("rapporterat")

    S = State
    OPEN_STATES = (S.REQUESTED, S.FORWARDED, S.PROPOSED)
    CANCELLABLE_STATES = (S.REQUESTED, S.FORWARDED, S.PROPOSED, S.ACCEPTED)
    CLOSED_WITHOUT_VISIT = (S.DECLINED, S.WITHDRAWN, S.CANCELLED)
    CALENDAR_STATES = (S.ACCEPTED, S.HELD, S.REPORTED)

    kind = models.CharField(_("typ av besök"), max_length=20, choices=Kind.choices, default=Kind.CONTACT)
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="visit_requests")
    requested_by = models.ForeignKey(
        Politician, verbose_name=_("begärt av"), on_delete=models.PROTECT, related_name="visit_requests"
    )
    companions = models.ManyToManyField(
        Politician, verbose_name=_("följer med"), blank=True, related_name="accompanied_visits"
    )
    wished_times = models.TextField(_("önskade datum eller perioder"), max_length=1000)
    purpose = models.TextField(_("syfte"), max_length=2000)
    year = models.PositiveSmallIntegerField(_("år"), help_text=_("Kalenderåret besöket gäller, för arvodet."))
    hours = models.DecimalField(_("timmar"), max_digits=4, decimal_places=1, default=PAID_HOURS_MAX)
    paid = models.BooleanField(_("arvoderat"), default=True)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.REQUESTED, db_index=True)
    # Fixed when the request is made, so a later change of the committee's routing does
    # not strand requests already on their way.
    routed_via_administration = models.BooleanField(_("går via förvaltningschefen"), default=False)
    starts_at = models.DateTimeField(_("börjar"), null=True, blank=True)
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    public_invitation = models.BooleanField(_("allmänheten bjuds in"), default=False)
    invitation_place = models.CharField(_("plats för mötet med allmänheten"), max_length=200, blank=True)
    invitation_topic = models.CharField(_("vad mötet handlar om"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)

    objects = VisitRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("besöksförfrågan")
        verbose_name_plural = _("besöksförfrågningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")) | Q(starts_at__isnull=True),
                name="visit_ends_after_start",
            )
        ]

    def __str__(self):
        return gettext("%(kind)s till %(unit)s, %(name)s (%(year)s)") % {
            "kind": self.get_kind_display().capitalize(),
            "unit": self.unit,
            "name": self.requested_by.full_name,
            "year": self.year,
        }

    # --- reading -----------------------------------------------------------------------

    @property
    def committee(self):
        return self.unit.committee

    @property
    def head_of_administration(self):
        return self.unit.committee.head_of_administration if self.routed_via_administration else None

    @property
    def committee_short_name(self):
        return self.unit.committee.short_name

    @property
    def politician_name(self):
        return self.requested_by.full_name

    @property
    def politicians(self):
        return [self.requested_by, *self.companions.all()]

    @property
    def paid_hours(self):
        return min(self.hours, PAID_HOURS_MAX) if self.paid else Decimal("0")

    @property
    def calendar_uid(self):
        """A stable identifier for calendar feeds; never changes for the visit."""
        return f"besok-{self.pk}@insyn"

    def is_participant(self, user):
        if user is None or not user.is_authenticated:
            return False
        return any(p.user_id == user.pk for p in self.politicians if p.user_id)

    def is_requester(self, user):
        return user is not None and user.is_authenticated and self.requested_by.user_id == user.pk

    def is_manager(self, user):
        return user is not None and user.is_authenticated and self.unit.manager_id == user.pk

    def is_head_of_administration(self, user):
        return user is not None and user.is_authenticated and self.routed_via_administration and (
            self.unit.committee.head_of_administration_id == user.pk
        )

    def waits_for_manager(self):
        return self.state == self.S.FORWARDED or (self.state == self.S.REQUESTED and not self.routed_via_administration)

    def allowed_actions(self, user):
        """The steps `user` may take now; the views offer exactly these."""
        actions = []
        if self.state == self.S.REQUESTED and self.routed_via_administration and self.is_head_of_administration(user):
            actions.append("forward")
        if self.waits_for_manager() and self.is_manager(user):
            actions += ["accept", "propose", "decline"]
        if self.state == self.S.PROPOSED and self.is_requester(user):
            actions += ["accept_proposal", "withdraw"]
        if self.state in self.CANCELLABLE_STATES and self.can_cancel(user):
            actions.append("cancel")
        if self.state == self.S.ACCEPTED and self.starts_at <= timezone.now() and (
            self.is_requester(user) or self.is_manager(user)
        ):
            actions.append("mark_held")
        return actions

    def can_cancel(self, user):
        return self.is_requester(user) or self.is_manager(user) or (
            self.state == self.S.REQUESTED and self.is_head_of_administration(user)
        )

    def history(self):
        return self.events.select_related("actor").order_by("at", "pk")

    # --- creating ----------------------------------------------------------------------

    @classmethod
    def submit(cls, *, politician, unit, kind, wished_times, purpose, year, hours=PAID_HOURS_MAX,
               companions=(), confirm_unpaid=False, public_invitation=False, invitation_place="",
               invitation_topic="", by=None, now=None):
        """A contact politician asks to visit one of their units. Raises ValidationError
        with a Swedish message when something is not allowed."""
        now = now or timezone.now()
        hours = Decimal(hours)
        check_may_request(politician, unit, kind, companions, today=timezone.localdate(now))
        if hours <= 0 or hours > 24:
            raise ValidationError({"hours": gettext("Ange hur många timmar besöket ska pågå, högst 24.")})
        with transaction.atomic():
            # Lock the politician's row so two requests at once cannot both take the last paid visit.
            Politician.objects.select_for_update().filter(pk=politician.pk).first()
            paid = would_be_paid(politician, unit, year, hours)
            if not paid and not confirm_unpaid:
                raise ValidationError(
                    {"confirm_unpaid": gettext("Bekräfta att du vet att besöket inte arvoderas.")}
                )
            visit = cls.objects.create(
                kind=kind,
                unit=unit,
                requested_by=politician,
                wished_times=wished_times,
                purpose=purpose,
                year=year,
                hours=hours,
                paid=paid,
                routed_via_administration=unit.committee.visit_routing == unit.committee.Routing.VIA_ADMINISTRATION,
                public_invitation=public_invitation and kind == cls.Kind.PRESIDIUM,
                invitation_place=invitation_place if kind == cls.Kind.PRESIDIUM else "",
                invitation_topic=invitation_topic if kind == cls.Kind.PRESIDIUM else "",
                created_at=now,
                updated_at=now,
            )
            visit.companions.set(companions)
            VisitEvent.objects.create(
                visit=visit, actor=by or politician.user, at=now, from_state="", to_state=cls.S.REQUESTED,
                note="" if paid else gettext("Oarvoderat besök, bekräftat av politikern."),
            )
            notify("submitted", visit, actor=by or politician.user)
        return visit

    # --- transitions -------------------------------------------------------------------

    def _transition(self, by, to_state, from_states, note="", **changes):
        if self.state not in from_states:
            raise TransitionError(
                gettext("Det går inte när besöket har status ”%(state)s”.") % {"state": self.get_state_display()}
            )
        now = timezone.now()
        changes["updated_at"] = now
        with transaction.atomic():
            # The state we read is the condition: whoever changes it first wins, the other gets 0 rows.
            updated = VisitRequest.objects.filter(pk=self.pk, state=self.state).update(state=to_state, **changes)
            if not updated:
                self.refresh_from_db()
                raise TransitionError(
                    gettext("Någon annan hann före: besöket har nu status ”%(state)s”. Ladda om sidan.")
                    % {"state": self.get_state_display()}
                )
            from_state = self.state
            self.state = to_state
            for field, value in changes.items():
                setattr(self, field, value)
            VisitEvent.objects.create(
                visit=self, actor=by, at=now, from_state=from_state, to_state=to_state, note=note,
                starts_at=self.starts_at if to_state in (self.S.ACCEPTED, self.S.PROPOSED) else None,
                ends_at=self.ends_at if to_state in (self.S.ACCEPTED, self.S.PROPOSED) else None,
            )
            notify(to_state, self, actor=by)
        return self

    def _require(self, allowed, message):
        if not allowed:
            raise NotAllowed(message)

    def _check_time(self, starts_at, ends_at):
        if starts_at is None:
            raise ValidationError({"starts_at": gettext("Ange när besöket börjar.")})
        ends_at = ends_at or starts_at + DEFAULT_LENGTH
        if ends_at <= starts_at:
            raise ValidationError({"ends_at": gettext("Besöket måste sluta efter att det har börjat.")})
        if timezone.localtime(starts_at).year != self.year:
            raise ValidationError(
                {"starts_at": gettext("Besöket gäller år %(year)s. Välj en tid det året.") % {"year": self.year}}
            )
        hours = hours_between(starts_at, ends_at)
        if self.paid and hours > PAID_HOURS_MAX:
            raise ValidationError(
                {"ends_at": gettext("Ett arvoderat besök är högst tre timmar. Välj en kortare tid.")}
            )
        return starts_at, ends_at, hours

    def forward(self, by):
        self._require(
            self.is_head_of_administration(by),
            gettext("Bara förvaltningschefen för %(committee)s kan skicka förfrågan vidare.")
            % {"committee": self.unit.committee},
        )
        if self.state == self.S.REQUESTED and self.unit.manager_id is None:
            raise TransitionError(
                gettext("%(unit)s har ingen enhetschef i registret. Be nämndsekreteraren lägga in en.")
                % {"unit": self.unit}
            )
        return self._transition(by, self.S.FORWARDED, [self.S.REQUESTED] if self.routed_via_administration else [])

    def _decision_states(self):
        return [self.S.FORWARDED] if self.routed_via_administration else [self.S.REQUESTED]

    def accept(self, by, starts_at, ends_at=None, note=""):
        self._require(self.is_manager(by), gettext("Bara enhetens chef kan boka besöket."))
        starts_at, ends_at, hours = self._check_time(starts_at, ends_at)
        return self._transition(
            by, self.S.ACCEPTED, self._decision_states(), note=note, starts_at=starts_at, ends_at=ends_at, hours=hours
        )

    def propose(self, by, starts_at, ends_at=None, message=""):
        self._require(self.is_manager(by), gettext("Bara enhetens chef kan föreslå en annan tid."))
        starts_at, ends_at, hours = self._check_time(starts_at, ends_at)
        return self._transition(
            by, self.S.PROPOSED, self._decision_states(), note=message, starts_at=starts_at, ends_at=ends_at,
            hours=hours,
        )

    def accept_proposal(self, by):
        self._require(self.is_requester(by), gettext("Bara den som begärde besöket kan godta den föreslagna tiden."))
        return self._transition(by, self.S.ACCEPTED, [self.S.PROPOSED])

    def withdraw(self, by, reason=""):
        self._require(self.is_requester(by), gettext("Bara den som begärde besöket kan återkalla det."))
        return self._transition(by, self.S.WITHDRAWN, [self.S.PROPOSED], note=reason)

    def decline(self, by, reason):
        self._require(self.is_manager(by), gettext("Bara enhetens chef kan avböja besöket."))
        if not (reason or "").strip():
            raise ValidationError({"reason": gettext("Skriv varför besöket avböjs. Politikern ser skälet.")})
        return self._transition(by, self.S.DECLINED, self._decision_states(), note=reason.strip())

    def cancel(self, by, reason):
        self._require(self.can_cancel(by), gettext("Du kan inte ställa in det här besöket."))
        if not (reason or "").strip():
            raise ValidationError({"reason": gettext("Skriv varför besöket ställs in.")})
        return self._transition(by, self.S.CANCELLED, self.CANCELLABLE_STATES, note=reason.strip())

    def mark_held(self, by, now=None):
        self._require(
            self.is_requester(by) or self.is_manager(by),
            gettext("Bara den som begärde besöket eller enhetens chef kan markera det som genomfört."),
        )
        if self.state == self.S.ACCEPTED and self.starts_at > (now or timezone.now()):
            raise TransitionError(gettext("Besöket har inte börjat än."))
        return self._transition(by, self.S.HELD, [self.S.ACCEPTED])

    def mark_reported(self, by):
        """Called by the report when it is submitted."""
        self._require(self.is_participant(by), gettext("Bara besökets politiker kan rapportera det."))
        return self._transition(by, self.S.REPORTED, [self.S.HELD])


class VisitEvent(models.Model):
    """One step in a visit's history: who, when, from which state to which, and why."""

    visit = models.ForeignKey(VisitRequest, verbose_name=_("besök"), on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("av"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    from_state = models.CharField(_("från"), max_length=20, choices=VisitRequest.State.choices, blank=True)
    to_state = models.CharField(_("till"), max_length=20, choices=VisitRequest.State.choices)
    note = models.TextField(_("kommentar"), blank=True)
    starts_at = models.DateTimeField(_("börjar"), null=True, blank=True)
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_state or '–'} → {self.to_state}"

    @property
    def actor_name(self):
        if self.actor is None:
            return gettext("okänd")
        return self.actor.get_full_name() or self.actor.get_username()


def hours_between(starts_at, ends_at):
    seconds = Decimal((ends_at - starts_at).total_seconds())
    return (seconds / Decimal(3600)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def current_assignments(politician, today=None):
    period = MandatePeriod.objects.current(today)
    if politician is None or period is None:
        return ContactAssignment.objects.none()
    return ContactAssignment.objects.filter(politician=politician, period=period, unit__active=True)


def is_presidium_member(politician, committee, today=None):
    return Membership.objects.current(today).presidium().filter(politician=politician, committee=committee).exists()


def fellow_contacts(unit, politician, today=None):
    """The unit's other contact politicians this period: who may come along."""
    period = MandatePeriod.objects.current(today)
    if period is None:
        return Politician.objects.none()
    return (
        Politician.objects.filter(contact_assignments__unit=unit, contact_assignments__period=period)
        .exclude(pk=politician.pk)
        .select_related("party")
        .order_by("last_name", "first_name")
        .distinct()
    )


def check_may_request(politician, unit, kind, companions=(), today=None):
    if not current_assignments(politician, today).filter(unit=unit).exists():
        raise NotAllowed(gettext("Du är inte kontaktpolitiker för %(unit)s.") % {"unit": unit})
    if kind == VisitRequest.Kind.PRESIDIUM and not is_presidium_member(politician, unit.committee, today):
        raise ValidationError({"kind": gettext("Presidiebesök kan bara begäras av nämndens presidium.")})
    allowed = set(fellow_contacts(unit, politician, today).values_list("pk", flat=True))
    if any(companion.pk not in allowed for companion in companions):
        raise ValidationError({"companions": gettext("Bara enhetens andra kontaktpolitiker kan följa med.")})


# A politician is paid for at most two visits of at most three hours per unit and calendar
# year. A further (or longer) visit may still be requested, but is marked unpaid first.


def paid_visits_used(politician, unit, year):
    return VisitRequest.objects.counting_towards_cap(politician, unit, year).count()


def paid_visits_left(politician, unit, year):
    return max(PAID_VISITS_PER_YEAR - paid_visits_used(politician, unit, year), 0)


def would_be_paid(politician, unit, year, hours):
    return hours <= PAID_HOURS_MAX and paid_visits_left(politician, unit, year) > 0


def accepted_visits_for(politician):
    """Booked and held visits of a politician, with times: the personal calendar feed reads these."""
    return (
        VisitRequest.objects.involving(politician)
        .filter(state__in=VisitRequest.CALENDAR_STATES, starts_at__isnull=False)
        .select_related("unit")
        .order_by("starts_at")
    )


def notify(step, visit, actor=None):
    from .notifications import notify_step

    notify_step(step, visit, actor)


__all__ = [
    "NotAllowed",
    "TransitionError",
    "VisitEvent",
    "VisitRequest",
    "accepted_visits_for",
]
