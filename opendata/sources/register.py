"""The register as OParl: mandate periods (LegislativeTerm), committees, parties and units
(Organization), politicians (Person) and their committee memberships (Membership)."""

from django.db.models import Prefetch
from wagtail.images import get_image_model

from visits.register.models import (
    Committee,
    ContactAssignment,
    MandatePeriod,
    Membership,
    Party,
    PartyBloc,
    Politician,
    Unit,
)

from .. import kinds
from ..stamps import day_boundaries, iso, iso_date
from .base import Source, compact, vendor

PHOTO_SPEC = "fill-160x160"  # the size the public pages show


class Memberships:
    """Every membership's dates, and which are current (Membership.objects.current, as the
    directory's politician page): read once per request for people, committees and memberships."""

    def __init__(self, ctx):
        self.rows = list(Membership.objects.values_list(
            "pk", "politician_id", "committee_id", "starts_on", "ends_on", "created_at", "modified_at"))
        current = set(Membership.objects.current(ctx.today).values_list("pk", flat=True))
        self.current = current if ctx.directory else set()
        self.people = {row[1] for row in self.rows if row[0] in self.current}
        self.by_person, self.by_committee = {}, {}
        for row in self.rows:
            boundaries = day_boundaries(ctx.today, row[3], row[4])
            self.by_person.setdefault(row[1], []).extend(boundaries)
            self.by_committee.setdefault(row[2], []).extend(boundaries)


def memberships(ctx):
    return ctx.shared("memberships", Memberships)


def body_url(ctx):
    return ctx.url("body", 1)


class PeriodSource(Source):
    kind, path, oparl_type = kinds.PERIOD, ("legislativeterm",), "LegislativeTerm"

    def read_rows(self, ctx):
        return {pk: self.row(ctx, pk, created, True, modified)
                for pk, created, modified in MandatePeriod.objects.values_list("pk", "created_at", "modified_at")}

    def build(self, ctx, pks):
        rows = self.rows(ctx)
        return {period.pk: self.obj(ctx, rows[period.pk], {
            "body": body_url(ctx), "name": period.name,
            "startDate": iso_date(period.starts_on), "endDate": iso_date(period.ends_on),
        }) for period in MandatePeriod.objects.filter(pk__in=pks)}


class CommitteeSource(Source):
    kind, path, oparl_type, order = kinds.COMMITTEE, ("organization", "namnd"), "Organization", 0

    def read_rows(self, ctx):
        register = memberships(ctx)
        return {pk: self.row(ctx, pk, created, True, modified, ctx.directory_changed,
                             *register.by_committee.get(pk, []))
                for pk, created, modified in Committee.objects.values_list("pk", "created_at", "modified_at")}

    def build(self, ctx, pks):
        rows, register = self.rows(ctx), memberships(ctx)
        members = {}
        for pk, _person, committee, *_rest in register.rows:
            if pk in register.current:
                members.setdefault(committee, []).append(pk)
        return {committee.pk: self.obj(ctx, rows[committee.pk], {
            "body": body_url(ctx), "name": committee.name, "shortName": committee.short_name,
            "organizationType": "Gremium", "classification": committee.get_kind_display(),
            "membership": [MembershipSource().url(ctx, pk) for pk in sorted(members.get(committee.pk, []))],
        }) for committee in Committee.objects.filter(pk__in=pks)}


class PartySource(Source):
    kind, path, oparl_type, order = kinds.PARTY, ("organization", "parti"), "Organization", 1

    def read_rows(self, ctx):
        return {pk: self.row(ctx, pk, created, True, modified)
                for pk, created, modified in Party.objects.values_list("pk", "created_at", "modified_at")}

    def build(self, ctx, pks):
        rows = self.rows(ctx)
        blocs = PartyBloc.objects.select_related("period").order_by("period__starts_on")
        parties = Party.objects.filter(pk__in=pks).prefetch_related(Prefetch("blocs", queryset=blocs))
        return {party.pk: self.obj(ctx, rows[party.pk], {
            "body": body_url(ctx), "name": party.name, "shortName": party.abbreviation,
            "organizationType": "Partei", "classification": "parti",
            vendor("blocs"): [{"legislativeTerm": PeriodSource().url(ctx, bloc.period_id), "bloc": bloc.get_bloc_display()}
                              for bloc in party.blocs.all()],
        }) for party in parties}


class UnitSource(Source):
    kind, path, oparl_type, order = kinds.UNIT, ("organization", "enhet"), "Organization", 2

    def read_rows(self, ctx):
        return {pk: self.row(ctx, pk, created, active and bool(ctx.directory), modified, ctx.period_started,
                             ctx.directory_changed)
                for pk, created, modified, active in Unit.objects.values_list("pk", "created_at", "modified_at", "active")}

    def location(self, ctx, unit, row):
        if not unit.address:
            return None
        return {"id": ctx.url("location", "enhet", unit.pk), "type": "https://schema.oparl.org/1.1/Location",
                "description": unit.address, "created": iso(row.created), "modified": iso(row.modified)}

    def build(self, ctx, pks):
        rows, period = self.rows(ctx), ctx.period
        breaking = set(Unit.objects.breaking_balance(period).values_list("pk", flat=True))
        built = {}
        for unit in Unit.objects.filter(pk__in=pks).with_contacts(period):
            blocs = [assignment.bloc for assignment in unit.current_contacts]
            built[unit.pk] = self.obj(ctx, rows[unit.pk], {
                "body": body_url(ctx), "name": unit.name, "organizationType": "Institution",
                "classification": unit.get_kind_display(),
                "subOrganizationOf": CommitteeSource().url(ctx, unit.committee_id),
                "location": self.location(ctx, unit, rows[unit.pk]),
                "web": ctx.web(ctx.directory.unit_url(unit)),
                vendor("email"): unit.public_email,
                vendor("managedBy"): str(unit.manager_role),
                vendor("contactPoliticians"): [PersonSource().url(ctx, a.politician_id) for a in unit.current_contacts],
                vendor("balanceRule"): compact({
                    "legislativeTerm": PeriodSource().url(ctx, period.pk) if period else None,
                    "contactPoliticians": len(blocs),
                    "majority": blocs.count(PartyBloc.Bloc.MAJORITY),
                    "opposition": blocs.count(PartyBloc.Bloc.OPPOSITION),
                    "fulfilled": period is not None and unit.pk not in breaking,
                }),
            })
        return built


class PersonSource(Source):
    kind, path, oparl_type = kinds.PERSON, ("person",), "Person"

    def read_rows(self, ctx):
        register = memberships(ctx)
        return {pk: self.row(ctx, pk, created, pk in register.people, modified, ctx.directory_changed,
                             ctx.period_started, *register.by_person.get(pk, []))
                for pk, created, modified in Politician.objects.values_list("pk", "created_at", "modified_at")}

    def build(self, ctx, pks):
        rows, period = self.rows(ctx), ctx.period
        photos = get_image_model().objects.prefetch_renditions(PHOTO_SPEC)
        people = Politician.objects.filter(pk__in=pks).select_related("party").prefetch_related(
            Prefetch("photo", queryset=photos))
        held = {}
        if not ctx.omit_internal:
            current = Membership.objects.current(ctx.today).filter(politician_id__in=pks).order_by("committee__name", "pk")
            for membership in current:
                held.setdefault(membership.politician_id, []).append(membership)
        units = {}
        # The units the politician's public page lists: this period's, active ones.
        for politician_id, unit_id in ContactAssignment.objects.filter(
                politician_id__in=pks, period=period, unit__active=True).order_by("unit__name").values_list(
                "politician_id", "unit_id"):
            units.setdefault(politician_id, []).append(unit_id)
        blocs = dict(PartyBloc.objects.filter(period=period).values_list("party_id", "bloc")) if period else {}
        labels = dict(PartyBloc.Bloc.choices)
        built = {}
        for person in people:
            photo = person.public_photo
            built[person.pk] = self.obj(ctx, rows[person.pk], {
                "body": body_url(ctx), "name": person.full_name,
                "familyName": person.last_name, "givenName": person.first_name,
                "email": [person.public_email] if person.public_email else [],
                "phone": [person.public_phone] if person.public_phone else [],
                "membership": [MembershipSource().embedded(ctx, m, person) for m in held.get(person.pk, [])],
                "web": ctx.web(ctx.directory.politician_url(person)),
                vendor("party"): PartySource().url(ctx, person.party_id),
                vendor("bloc"): str(labels[blocs[person.party_id]]) if person.party_id in blocs else None,
                vendor("contactPoliticianFor"): [UnitSource().url(ctx, pk) for pk in units.get(person.pk, [])],
                vendor("photo"): ctx.web(photo.get_rendition(PHOTO_SPEC).url) if photo else None,
            })
        return built


class MembershipSource(Source):
    kind, path, oparl_type = kinds.MEMBERSHIP, ("membership",), "Membership"

    def read_rows(self, ctx):
        register = memberships(ctx)
        return {pk: self.row(ctx, pk, created, pk in register.current, modified, ctx.directory_changed,
                             *day_boundaries(ctx.today, starts_on, ends_on))
                for pk, _person, _committee, starts_on, ends_on, created, modified in register.rows}

    def properties(self, ctx, membership, politician):
        return {
            "organization": CommitteeSource().url(ctx, membership.committee_id),
            "role": membership.get_role_display(),
            # A substitute (ersättare) votes only when serving in a member's place.
            "votingRight": membership.role != Membership.Role.SUBSTITUTE,
            "startDate": iso_date(membership.starts_on), "endDate": iso_date(membership.ends_on),
            "onBehalfOf": PartySource().url(ctx, politician.party_id),
            vendor("legislativeTerm"): PeriodSource().url(ctx, membership.period_id),
        }

    def embedded(self, ctx, membership, politician):
        """Inside its Person: without the reference back to the person."""
        return self.obj(ctx, self.rows(ctx)[membership.pk], self.properties(ctx, membership, politician))

    def build(self, ctx, pks):
        rows = self.rows(ctx)
        return {m.pk: self.obj(ctx, rows[m.pk], {"person": PersonSource().url(ctx, m.politician_id),
                                                  **self.properties(ctx, m, m.politician)})
                for m in Membership.objects.filter(pk__in=pks).select_related("politician")}
