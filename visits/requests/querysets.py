"""Queries over visit requests, written once and used by Mina sidor, the admin and the feeds.
The model is reached as `self.model` (and its events through the relation), so this module
and models.py do not import each other."""

import datetime

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils import timezone

from cms import roles
from visits.register.models import Politician

from .eligibility import presidium_committee_ids


class VisitRequestQuerySet(models.QuerySet):
    def with_related(self):
        return self.select_related(
            "unit__committee__head_of_administration", "unit__manager", "responsible_manager",
            "requested_by__party", "requested_by__user",
        ).prefetch_related("companion_rows__politician__user", "companion_rows__politician__party")

    def involving(self, politician):
        """Requests the politician asked for or comes along to."""
        if politician is None:
            return self.none()
        return self.filter(Q(requested_by=politician) | Q(companion_rows__politician=politician)).distinct()

    def visible_to(self, user, today=None):
        """What a user may see on Mina sidor: their own visits, their units' requests, their
        administration's requests (head of administration), the committee's presidium visits
        (its presidium), and the requests handed to the committee secretaries (secretaries)."""
        if user is None or not user.is_authenticated:
            return self.none()
        politician = Politician.objects.for_user(user)
        condition = (
            Q(unit__manager=user) | Q(responsible_manager=user) | Q(unit__committee__head_of_administration=user)
        )
        if politician is not None:
            condition |= Q(pk__in=self.model.objects.involving(politician).values("pk"))
            presidium_of = presidium_committee_ids(politician, today)
            condition |= Q(kind=self.model.Kind.PRESIDIUM, unit__committee__in=presidium_of)
        if roles.is_administration(user):
            events = self.model.events.rel.related_model.objects
            condition |= Q(pk__in=events.filter(to_state=self.model.State.REFERRED).values("visit"))
        return self.filter(condition)

    def open(self):
        return self.filter(state__in=self.model.OPEN_STATES)

    def for_manager(self, user):
        """Requests waiting for the manager's decision, in the order they came: a direct request
        to their unit, or one forwarded to them (or, named nobody, to their unit)."""
        S = self.model.State
        forwarded_to_user = Q(responsible_manager=user) | Q(responsible_manager__isnull=True, unit__manager=user)
        return self.filter(
            Q(state=S.REQUESTED, routed_via_administration=False, unit__manager=user)
            | (Q(state=S.FORWARDED) & forwarded_to_user)
        ).order_by("created_at", "pk")

    def for_head_of_administration(self, user):
        return self.filter(
            state=self.model.State.REQUESTED,
            routed_via_administration=True,
            unit__committee__head_of_administration=user,
        ).order_by("created_at", "pk")

    def open_in_administration(self, user):
        """Every open request to a unit of the committees the user is head of administration for."""
        return self.open().filter(unit__committee__head_of_administration=user).order_by("created_at", "pk")

    def for_secretaries(self, user):
        """Requests no manager can take yet: handed to the committee secretaries."""
        if not roles.is_administration(user):
            return self.none()
        return self.filter(state=self.model.State.REFERRED).order_by("created_at", "pk")

    def counting_towards_cap(self, politician, unit, year):
        """Paid contact visits that use up the politician's year at the unit (as requester or
        companion): all but the ones that never happen."""
        paid_for = Q(requested_by=politician, paid=True) | Q(
            companion_rows__politician=politician, companion_rows__paid=True
        )
        return (
            self.filter(unit=unit, year=year, kind=self.model.Kind.CONTACT)
            .exclude(state__in=self.model.CLOSED_WITHOUT_VISIT)
            .filter(paid_for)
            .distinct()
        )

    def presidium_visits(self, year):
        """Presidium visits of a year that are planned or held (not declined, withdrawn or cancelled)."""
        return self.filter(kind=self.model.Kind.PRESIDIUM, year=year).exclude(state__in=self.model.CLOSED_WITHOUT_VISIT)

    def stale(self, days=14, now=None):
        """Open requests older than `days` days: the dashboard panel's list."""
        now = now or timezone.now()
        return self.open().filter(created_at__lt=now - datetime.timedelta(days=days)).order_by("created_at")

    def booked_for(self, politician):
        """Booked and held visits of a politician, with times: the personal calendar feed reads these."""
        return (
            self.involving(politician)
            .filter(state__in=self.model.CALENDAR_STATES, starts_at__isnull=False)
            .select_related("unit")
            .order_by("starts_at")
        )

    def public_invitations(self, unit=None, committee=None, now=None):
        """Booked presidium visits that invite the public, until the meeting with the public has passed."""
        now = now or timezone.now()
        visits = self.filter(
            kind=self.model.Kind.PRESIDIUM,
            public_invitation=True,
            state__in=self.model.CALENDAR_STATES,
        ).annotate(
            public_starts=Coalesce("invitation_starts_at", "starts_at"),
            public_ends=Coalesce("invitation_ends_at", "ends_at"),
        ).filter(public_ends__gt=now)
        if unit is not None:
            visits = visits.filter(unit=unit)
        if committee is not None:
            visits = visits.filter(unit__committee=committee)
        return visits.select_related("unit").order_by("public_starts", "pk")
