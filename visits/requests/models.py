"""Visit requests: a contact politician (or the committee's presidium) asks to visit a unit,
the unit manager decides.

Every change of state goes through one method of `VisitRequest`, which checks the state and
the actor's right, changes the row with a conditional UPDATE (so two people deciding at
once cannot both succeed), records a `VisitEvent` and queues the mail in one transaction.
"""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cms import roles
from visits.register.models import Politician, Unit

from .cap import PAID_HOURS_MAX, compensation_for, unpaid_message
from .eligibility import (
    NotAllowed,
    TransitionError,
    check_invitation,
    check_may_request,
    is_presidium_member,
    manager_candidates,
    no_route_message,
    route_for,
    secretaries,
)
from .notifications import notify_new_request, notify_step
from .querysets import VisitRequestQuerySet
from .timing import hours_between, unusual_time_reasons

DEFAULT_LENGTH = datetime.timedelta(hours=3)


class VisitRequest(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", _("kontaktpolitikerbesök")
        PRESIDIUM = "presidium", _("presidiebesök")

    class State(models.TextChoices):
        REQUESTED = "requested", _("förfrågan skickad")
        REFERRED = "referred", _("hos nämndsekreterarna")
        FORWARDED = "forwarded", _("vidarebefordrad till enhetschefen")
        ACCEPTED = "accepted", _("bokat")
        PROPOSED = "proposed", _("ny tid föreslagen")
        DECLINED = "declined", _("avböjt")
        WITHDRAWN = "withdrawn", _("återkallat")
        CANCELLED = "cancelled", _("inställt")
        HELD = "held", _("genomfört")
        REPORTED = "reported", _("rapporterat")

    S = State
    OPEN_STATES = (S.REQUESTED, S.REFERRED, S.FORWARDED, S.PROPOSED)
    CANCELLABLE_STATES = (S.REQUESTED, S.REFERRED, S.FORWARDED, S.PROPOSED, S.ACCEPTED)
    CLOSED_WITHOUT_VISIT = (S.DECLINED, S.WITHDRAWN, S.CANCELLED)
    CALENDAR_STATES = (S.ACCEPTED, S.HELD, S.REPORTED)

    kind = models.CharField(_("typ av besök"), max_length=20, choices=Kind.choices, default=Kind.CONTACT)
    unit = models.ForeignKey(Unit, verbose_name=_("enhet"), on_delete=models.PROTECT, related_name="visit_requests")
    requested_by = models.ForeignKey(
        Politician, verbose_name=_("begärt av"), on_delete=models.PROTECT, related_name="visit_requests"
    )
    companions = models.ManyToManyField(
        Politician, verbose_name=_("följer med"), blank=True, related_name="accompanied_visits",
        through="VisitCompanion",
    )
    wished_times = models.TextField(_("önskade datum eller perioder"), max_length=1000)
    purpose = models.TextField(_("syfte"), max_length=2000)
    year = models.PositiveSmallIntegerField(_("år"), help_text=_("Kalenderåret besöket gäller, för arvodet."))
    hours = models.DecimalField(_("timmar"), max_digits=4, decimal_places=1, default=PAID_HOURS_MAX)
    paid = models.BooleanField(_("arvoderat"), default=True, help_text=_("För den som begärde besöket."))
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.REQUESTED, db_index=True)
    # Fixed when the request is made, so a later change of the committee's routing does
    # not strand requests already on their way.
    routed_via_administration = models.BooleanField(_("går via förvaltningschefen"), default=False)
    # Named when the request is forwarded: the manager who decides, even if the register changes later.
    responsible_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("ansvarig chef"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="visit_requests_to_decide",
    )
    starts_at = models.DateTimeField(_("börjar"), null=True, blank=True)
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    plan = models.TextField(_("plan för besöket"), max_length=3000, blank=True)
    public_invitation = models.BooleanField(_("allmänheten bjuds in"), default=False)
    invitation_place = models.CharField(_("plats för mötet med allmänheten"), max_length=200, blank=True)
    invitation_topic = models.CharField(_("vad mötet handlar om"), max_length=300, blank=True)
    invitation_starts_at = models.DateTimeField(_("mötet med allmänheten börjar"), null=True, blank=True)
    invitation_ends_at = models.DateTimeField(_("mötet med allmänheten slutar"), null=True, blank=True)
    created_at = models.DateTimeField(_("skapad"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    # Made once, like a training session's: the visit's identity in calendar feeds.
    uid = models.UUIDField(_("kalender-id"), default=uuid.uuid4, unique=True, editable=False)

    objects = VisitRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("besöksförfrågan")
        verbose_name_plural = _("besöksförfrågningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")) | Q(starts_at__isnull=True),
                name="visit_ends_after_start",
            ),
            # A NULL end passes the check above: a start and an end come together, or neither.
            models.CheckConstraint(
                condition=Q(starts_at__isnull=True, ends_at__isnull=True)
                | Q(starts_at__isnull=False, ends_at__isnull=False),
                name="visit_starts_and_ends_together",
            ),
            # Accepted, proposed, held and reported visits have a time.
            models.CheckConstraint(
                condition=~Q(state__in=["accepted", "proposed", "held", "reported"]) | Q(starts_at__isnull=False),
                name="visit_booked_has_time",
            ),
            # Seed 001: the presidium visits each unit once a year. A declined, withdrawn or
            # cancelled one leaves the place free for a new one.
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(kind="presidium") & ~Q(state__in=["declined", "withdrawn", "cancelled"]),
                name="one_presidium_visit_per_unit_and_year",
            ),
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
    def is_presidium(self):
        return self.kind == self.Kind.PRESIDIUM

    @property
    def head_of_administration(self):
        return self.unit.committee.head_of_administration if self.routed_via_administration else None

    @property
    def deciding_manager(self):
        """The manager who decides: the one named when forwarding, else the unit's manager."""
        return self.responsible_manager or self.unit.manager

    @property
    def committee_short_name(self):
        return self.unit.committee.short_name

    @property
    def politician_name(self):
        return self.requested_by.full_name

    @property
    def politicians(self):
        return [self.requested_by, *(row.politician for row in self.companion_rows.all())]

    def participant_lines(self):
        """(politician, paid) for everyone on the visit: the requester first, then the companions."""
        return [(self.requested_by, self.paid), *((row.politician, row.paid) for row in self.companion_rows.all())]

    def paid_hours_for(self, paid):
        if not paid:
            return Decimal("0")
        return self.hours if self.is_presidium else min(self.hours, PAID_HOURS_MAX)

    @property
    def paid_hours(self):
        return self.paid_hours_for(self.paid)

    @property
    def public_starts_at(self):
        return self.invitation_starts_at or self.starts_at

    @property
    def public_ends_at(self):
        return self.invitation_ends_at or self.ends_at

    @property
    def calendar_uid(self):
        """The visit's UID in calendar feeds; never changes for the visit."""
        return f"{self.uid}@insyn"

    @property
    def invitation_uid(self):
        """The public invitation's UID in the committee's feed, from the same UID made once."""
        return f"allmanheten-{self.uid}@insyn"

    def is_participant(self, user):
        if user is None or not user.is_authenticated:
            return False
        return any(p.user_id == user.pk for p in self.politicians if p.user_id)

    def is_requester(self, user):
        return user is not None and user.is_authenticated and self.requested_by.user_id == user.pk

    def is_manager(self, user):
        """The unit's manager or the manager named for this request."""
        return user is not None and user.is_authenticated and user.pk in (
            self.unit.manager_id, self.responsible_manager_id
        )

    def is_head_of_administration(self, user):
        return user is not None and user.is_authenticated and self.unit.committee.head_of_administration_id == user.pk

    def may_decide(self, user):
        """Who books, proposes or declines now: the manager the request waits for, or the
        committee secretaries while it lies with them."""
        if user is None or not user.is_authenticated:
            return False
        if self.state == self.S.REFERRED:
            return roles.is_administration(user)
        if self.state == self.S.FORWARDED:
            return (self.responsible_manager_id or self.unit.manager_id) == user.pk
        return self.state == self.S.REQUESTED and not self.routed_via_administration and self.unit.manager_id == user.pk

    def waits_for_manager(self):
        return self.state == self.S.FORWARDED or (self.state == self.S.REQUESTED and not self.routed_via_administration)

    def may_join(self, user, today=None):
        if not (self.is_presidium and self.state in (*self.OPEN_STATES, self.S.ACCEPTED)):
            return False
        if user is None or not user.is_authenticated or self.is_participant(user):
            return False
        return is_presidium_member(Politician.objects.for_user(user), self.unit.committee, today)

    def allowed_actions(self, user):
        """The steps `user` may take now; the views offer exactly these."""
        actions = []
        waits_for_head = self.state == self.S.REQUESTED and self.routed_via_administration
        if (waits_for_head and self.is_head_of_administration(user)) or (
            self.state == self.S.REFERRED and roles.is_administration(user)
        ):
            actions.append("forward")
        if waits_for_head and self.is_head_of_administration(user) and secretaries().exists():
            actions.append("refer")
        if self.may_decide(user):
            actions += ["accept", "propose", "decline"]
        if self.state == self.S.PROPOSED and self.is_requester(user):
            actions += ["accept_proposal", "withdraw"]
        if self.may_join(user):
            actions.append("join")
        if self.state in self.CANCELLABLE_STATES and self.can_cancel(user):
            actions.append("cancel")
        if self.state == self.S.ACCEPTED and self.starts_at <= timezone.now() and (
            self.is_requester(user) or self.is_manager(user)
        ):
            actions.append("mark_held")
        return actions

    def can_cancel(self, user):
        return self.is_requester(user) or self.is_manager(user) or (
            self.state == self.S.REQUESTED and self.routed_via_administration and self.is_head_of_administration(user)
        ) or (self.state == self.S.REFERRED and roles.is_administration(user))

    def history(self):
        return self.events.select_related("actor", "assigned_to", "visit__requested_by").order_by("at", "pk")

    # --- creating ----------------------------------------------------------------------

    @classmethod
    def submit(cls, *, politician, unit, kind, wished_times, purpose, year, hours=PAID_HOURS_MAX,
               companions=(), confirm_unpaid=False, public_invitation=False, invitation_place="",
               invitation_topic="", invitation_starts_at=None, invitation_ends_at=None, by=None, now=None):
        """A contact politician (or a presidium member) asks to visit a unit. Raises
        ValidationError with a Swedish message when something is not allowed."""
        now = now or timezone.now()
        hours = Decimal(hours)
        presidium = kind == cls.Kind.PRESIDIUM
        check_may_request(politician, unit, presidium, companions, today=timezone.localdate(now))
        if hours <= 0 or hours > 24:
            raise ValidationError({"hours": gettext("Ange hur många timmar besöket ska pågå, högst 24.")})
        invitation = check_invitation(presidium and public_invitation, invitation_starts_at, invitation_ends_at, now)
        route = route_for(unit)
        if route is None:
            raise ValidationError(no_route_message(unit))
        with transaction.atomic():
            # Lock the participants' rows so two requests at once cannot both take a last paid visit.
            people = [politician, *companions]
            list(Politician.objects.select_for_update().filter(pk__in=[p.pk for p in people]).order_by("pk"))
            lines = compensation_for(people, unit, year, hours, presidium)
            if not all(paid for _person, paid, _reason in lines) and not confirm_unpaid:
                raise ValidationError(
                    {"confirm_unpaid": unpaid_message(lines, hours, year) + " " + gettext("Bekräfta att du vill skicka förfrågan ändå.")}
                )
            if presidium:
                check_one_presidium_visit(unit, year)
            state = cls.S.REFERRED if route.to == "secretaries" else cls.S.REQUESTED
            try:
                with transaction.atomic():
                    visit = cls.objects.create(
                        kind=kind, unit=unit, requested_by=politician, wished_times=wished_times, purpose=purpose,
                        year=year, hours=hours, paid=lines[0][1], state=state,
                        routed_via_administration=route.via_administration,
                        public_invitation=invitation, invitation_place=invitation_place if invitation else "",
                        invitation_topic=invitation_topic if invitation else "",
                        invitation_starts_at=invitation_starts_at if invitation else None,
                        invitation_ends_at=invitation_ends_at if invitation else None,
                        created_at=now, updated_at=now,
                    )
            except IntegrityError:
                # Another presidium member was quicker (the unique constraint).
                check_one_presidium_visit(unit, year)
                raise
            VisitCompanion.objects.bulk_create(
                VisitCompanion(visit=visit, politician=person, paid=paid) for person, paid, _reason in lines[1:]
            )
            unpaid = [person.full_name for person, paid, _reason in lines if not paid]
            actor = by or politician.user
            VisitEvent.objects.create(
                visit=visit, actor=actor, at=now, from_state="", to_state=state,
                note=gettext("Oarvoderat besök för %(names)s, bekräftat av politikern.") % {"names": ", ".join(unpaid)}
                if unpaid else "",
            )
            notify_new_request(visit, actor)
        return visit

    # --- transitions -------------------------------------------------------------------

    def _check_state(self, from_states):
        if self.state not in from_states:
            raise TransitionError(
                gettext("Det går inte när besöket har status ”%(state)s”.") % {"state": self.get_state_display()}
            )

    def _transition(self, by, to_state, from_states, note="", event=None, **changes):
        self._check_state(from_states)
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
            timed = to_state in (self.S.ACCEPTED, self.S.PROPOSED)
            # What the person saw and decided is kept with the step: the time and the plan.
            VisitEvent.objects.create(
                visit=self, actor=by, at=now, from_state=from_state, to_state=to_state, note=note,
                starts_at=self.starts_at if timed else None, ends_at=self.ends_at if timed else None,
                plan=self.plan if timed else "", **(event or {}),
            )
            notify_step(to_state, self, actor=by)
        return self

    def _require(self, allowed, message):
        if not allowed:
            raise NotAllowed(message)

    def _require_decider(self, by, message):
        if self.state in self._decision_states():
            allowed = self.may_decide(by)
        else:
            # Decided already, or not yet forwarded: whoever may decide hears what happened instead.
            allowed = self.is_manager(by) or roles.is_administration(by)
        self._require(allowed, message)

    def _check_time(self, starts_at, ends_at, confirm_time):
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
        paid = any(paid for _person, paid in self.participant_lines())
        if not self.is_presidium and paid and hours > PAID_HOURS_MAX:
            raise ValidationError(
                {"ends_at": gettext("Ett arvoderat besök är högst tre timmar. Välj en kortare tid.")}
            )
        reasons = unusual_time_reasons(self.unit.committee, starts_at, ends_at)
        if reasons and not confirm_time:
            raise ValidationError({"confirm_time": [gettext("Tiden ligger utanför ordinarie arbetstid."), *reasons]})
        return starts_at, ends_at, hours, " ".join(reasons)

    def _decision_states(self):
        states = [self.S.FORWARDED, self.S.REFERRED]
        return states if self.routed_via_administration else [self.S.REQUESTED, *states]

    def forward(self, by, manager=None):
        """The head of administration (or, for a request handed to them, a secretary) sends the
        request to the manager who decides: the one named, or else the unit's manager."""
        if self.state == self.S.REFERRED:
            self._require(roles.is_administration(by), gettext("Bara nämndsekreterarna kan skicka förfrågan vidare."))
        else:
            self._require(
                self.is_head_of_administration(by) and self.routed_via_administration,
                gettext("Bara förvaltningschefen för %(committee)s kan skicka förfrågan vidare.")
                % {"committee": self.unit.committee},
            )
        if self.state not in (self.S.REQUESTED, self.S.REFERRED):
            return self._transition(by, self.S.FORWARDED, [])
        manager = manager or self.unit.manager
        if manager is None:
            raise ValidationError(
                {"manager": gettext("%(unit)s har ingen enhetschef i registret. Välj ansvarig chef, eller lämna "
                                    "förfrågan till nämndsekreterarna.") % {"unit": self.unit}}
            )
        if not manager_candidates().filter(pk=manager.pk).exists():
            raise ValidationError({"manager": gettext("Välj en enhetschef i listan.")})
        return self._transition(
            by, self.S.FORWARDED, [self.S.REFERRED] if self.state == self.S.REFERRED else [self.S.REQUESTED],
            responsible_manager=manager, event={"assigned_to": manager},
        )

    def refer(self, by, reason=""):
        """The head of administration hands the request to the committee secretaries (the unit
        has no manager, or the head does not know who decides)."""
        self._require(
            self.is_head_of_administration(by) and self.routed_via_administration,
            gettext("Bara förvaltningschefen kan lämna förfrågan till nämndsekreterarna."),
        )
        if not secretaries().exists():
            raise TransitionError(gettext("Det finns ingen nämndsekreterare i Insyn som kan ta emot förfrågan."))
        return self._transition(by, self.S.REFERRED, [self.S.REQUESTED], note=(reason or "").strip())

    def accept(self, by, starts_at, ends_at=None, note="", plan="", confirm_time=False):
        self._require_decider(by, gettext("Bara enhetens chef kan boka besöket."))
        self._check_state(self._decision_states())
        starts_at, ends_at, hours, notice = self._check_time(starts_at, ends_at, confirm_time)
        return self._transition(
            by, self.S.ACCEPTED, self._decision_states(), note=note, event={"time_notice": notice},
            starts_at=starts_at, ends_at=ends_at, hours=hours, plan=(plan or "").strip(),
        )

    def propose(self, by, starts_at, ends_at=None, message="", plan="", confirm_time=False):
        self._require_decider(by, gettext("Bara enhetens chef kan föreslå en annan tid."))
        self._check_state(self._decision_states())
        starts_at, ends_at, hours, notice = self._check_time(starts_at, ends_at, confirm_time)
        return self._transition(
            by, self.S.PROPOSED, self._decision_states(), note=message, event={"time_notice": notice},
            starts_at=starts_at, ends_at=ends_at, hours=hours, plan=(plan or "").strip(),
        )

    def accept_proposal(self, by):
        self._require(self.is_requester(by), gettext("Bara den som begärde besöket kan godta den föreslagna tiden."))
        return self._transition(by, self.S.ACCEPTED, [self.S.PROPOSED])

    def withdraw(self, by, reason=""):
        self._require(self.is_requester(by), gettext("Bara den som begärde besöket kan återkalla det."))
        return self._transition(by, self.S.WITHDRAWN, [self.S.PROPOSED], note=reason)

    def decline(self, by, reason):
        self._require_decider(by, gettext("Bara enhetens chef kan avböja besöket."))
        if not (reason or "").strip():
            raise ValidationError({"reason": gettext("Skriv varför besöket avböjs. Politikern ser skälet.")})
        return self._transition(by, self.S.DECLINED, self._decision_states(), note=reason.strip())

    def cancel(self, by, reason):
        self._require(self.can_cancel(by), gettext("Du kan inte ställa in det här besöket."))
        if not (reason or "").strip():
            raise ValidationError({"reason": gettext("Skriv varför besöket ställs in.")})
        return self._transition(by, self.S.CANCELLED, self.CANCELLABLE_STATES, note=reason.strip())

    def join(self, by):
        """A member of the committee's presidium comes along on its presidium visit."""
        politician = Politician.objects.for_user(by)
        self._require(
            self.is_presidium and is_presidium_member(politician, self.unit.committee),
            gettext("Bara nämndens presidium kan delta i presidiebesöket."),
        )
        if self.is_participant(by):
            raise TransitionError(gettext("Du är redan med på besöket."))
        self._check_state((*self.OPEN_STATES, self.S.ACCEPTED))
        now = timezone.now()
        with transaction.atomic():
            locked = VisitRequest.objects.select_for_update().filter(pk=self.pk, state=self.state).first()
            if locked is None:
                raise TransitionError(gettext("Någon annan hann före. Ladda om sidan."))
            VisitCompanion.objects.get_or_create(visit=self, politician=politician, defaults={"paid": True})
            VisitRequest.objects.filter(pk=self.pk).update(updated_at=now)
            VisitEvent.objects.create(
                visit=self, actor=by, at=now, from_state=self.state, to_state=self.state,
                note=gettext("%(name)s är med på besöket.") % {"name": politician.full_name},
            )
            notify_step("joined", self, actor=by)
        return self

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


class VisitCompanion(models.Model):
    """A politician who comes along: each has a line in the ledger and their own paid status
    under the cap. (The table is the one the plain many-to-many field had.)"""

    visit = models.ForeignKey(
        VisitRequest, verbose_name=_("besök"), on_delete=models.CASCADE, db_column="visitrequest_id",
        related_name="companion_rows",
    )
    politician = models.ForeignKey(
        Politician, verbose_name=_("politiker"), on_delete=models.CASCADE, related_name="companion_rows"
    )
    paid = models.BooleanField(_("arvoderat"), default=True)

    class Meta:
        db_table = "visits_visitrequest_companions"
        unique_together = [("visit", "politician")]
        ordering = ["pk"]
        verbose_name = _("medföljande politiker")
        verbose_name_plural = _("medföljande politiker")

    def __str__(self):
        return self.politician.full_name


class VisitEvent(models.Model):
    """One step in a visit's history: who, when, from which state to which, and why; for a
    booking or a proposed time also the time, the plan and the confirmed reasons, as they were."""

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
    plan = models.TextField(_("plan för besöket"), blank=True)
    time_notice = models.TextField(_("bekräftad tid utanför arbetstid"), blank=True)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("skickad till"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("händelse")
        verbose_name_plural = _("händelser")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_state or '–'} → {self.to_state}"

    @property
    def actor_name(self):
        if self.actor is not None:
            return self.actor.get_full_name() or self.actor.get_username()
        if not self.from_state:  # the request of a politician without a login, entered for them
            return self.visit.requested_by.full_name
        return gettext("en användare som har tagits bort")

    @property
    def changes_state(self):
        return self.from_state != self.to_state


def check_one_presidium_visit(unit, year):
    existing = VisitRequest.objects.presidium_visits(year).filter(unit=unit).first()
    if existing is not None:
        raise ValidationError({"kind": gettext(
            "%(unit)s har redan ett presidiebesök %(year)s (%(state)s). Presidiet besöker varje enhet en gång om "
            "året: gå med i det besöket i stället."
        ) % {"unit": unit.name, "year": year, "state": existing.get_state_display()}})


__all__ = [
    "NotAllowed",
    "TransitionError",
    "VisitCompanion",
    "VisitEvent",
    "VisitRequest",
]
