"""A small register for the feedback and newsletter tests (plain builders, no fixture framework):
one committee with its presidium and members, a unit with a manager and two contact politicians."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from cms import roles
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

_counter = itertools.count(1)


def make_user(username=None, groups=(), **fields):
    username = username or f"user{next(_counter)}"
    user = get_user_model().objects.create_user(
        username=username, password="insyn-test-pass", email=fields.pop("email", f"{username}@example.se"), **fields
    )
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


def current_period():
    today = timezone.localdate()
    period = MandatePeriod.objects.current(today)
    if period is None:
        period = MandatePeriod.objects.create(
            name=f"{today.year - 1}–{today.year + 2}",
            starts_on=datetime.date(today.year - 1, 1, 1),
            ends_on=datetime.date(today.year + 2, 12, 31),
        )
    return period


def make_party(bloc, period):
    n = next(_counter)
    party = Party.objects.create(name=f"Parti {n}", abbreviation=f"P{n}")
    PartyBloc.objects.create(party=party, period=period, bloc=bloc)
    return party


def make_committee():
    n = next(_counter)
    return Committee.objects.create(name=f"Nämnd {n}", short_name=f"N{n}", slug=f"namnd-{n}")


def make_politician(party, user=True, email=True):
    n = next(_counter)
    account = make_user(f"politiker{n}", groups=[roles.POLITICIANS]) if user else None
    return Politician.objects.create(
        first_name=f"Förnamn{n}", last_name=f"Efternamn{n}", slug=f"politiker-{n}", party=party, user=account,
        email=f"politiker{n}@politik.example.se" if email else "",
    )


def make_membership(politician, committee, period, role=Membership.Role.MEMBER):
    return Membership.objects.create(politician=politician, committee=committee, period=period, role=role)


def make_unit(committee, manager=None, slug=None):
    n = next(_counter)
    return Unit.objects.create(
        name=f"Enhet {n}", slug=slug or f"enhet-{n}", kind=Unit.Kind.SCHOOL, committee=committee, manager=manager,
        public_email=f"enhet{n}@example.se",
    )


def make_register():
    """A committee with a chair, two vice chairs and two members; a unit with a manager and
    two contact politicians (the members)."""
    period = current_period()
    majority, opposition = make_party(PartyBloc.Bloc.MAJORITY, period), make_party(PartyBloc.Bloc.OPPOSITION, period)
    committee = make_committee()
    R = Membership.Role
    people = {}
    for key, party, role in [
        ("chair", majority, R.CHAIR),
        ("first_vice", opposition, R.FIRST_VICE_CHAIR),
        ("second_vice", majority, R.SECOND_VICE_CHAIR),
        ("member_a", majority, R.MEMBER),
        ("member_b", opposition, R.MEMBER),
        ("substitute", opposition, R.SUBSTITUTE),
    ]:
        people[key] = make_politician(party)
        make_membership(people[key], committee, period, role)
    manager = make_user("rektor", groups=[roles.UNIT_MANAGERS])
    unit = make_unit(committee, manager=manager, slug="testskolan")
    for key in ("member_a", "member_b"):
        ContactAssignment.objects.create(politician=people[key], unit=unit, period=period)
    return {"period": period, "committee": committee, "unit": unit, "manager": manager, **people}
