"""Plain builder functions for register records (no fixture framework)."""

import datetime
import itertools

from django.contrib.auth.models import User

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
from visits.register.pages import UnitIndexPage

_numbers = itertools.count(1)


def make_period(name="2023–2026", starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2026, 12, 31)):
    return MandatePeriod.objects.get_or_create(name=name, defaults={"starts_on": starts_on, "ends_on": ends_on})[0]


def make_committee(short_name="BUN", name="Barn- och utbildningsnämnden", **fields):
    return Committee.objects.get_or_create(
        short_name=short_name, defaults={"name": name, "slug": short_name.lower(), **fields}
    )[0]


def make_party(abbreviation="FÅ", name=None, bloc=PartyBloc.Bloc.MAJORITY, period=None):
    party = Party.objects.get_or_create(abbreviation=abbreviation, defaults={"name": name or f"Parti {abbreviation}"})[0]
    if period is not None:
        PartyBloc.objects.get_or_create(party=party, period=period, defaults={"bloc": bloc})
    return party


def make_politician(first_name="Anna", last_name=None, party=None, **fields):
    number = next(_numbers)
    last_name = last_name or f"Andersson{number}"
    return Politician.objects.create(
        first_name=first_name,
        last_name=last_name,
        slug=f"{first_name}-{last_name}-{number}".lower(),
        party=party or make_party(),
        **fields,
    )


def make_membership(politician, committee, period, role=Membership.Role.MEMBER, **fields):
    return Membership.objects.create(politician=politician, committee=committee, period=period, role=role, **fields)


def make_unit(name=None, committee=None, kind=Unit.Kind.SCHOOL, **fields):
    number = next(_numbers)
    name = name or f"Skola {number}"
    return Unit.objects.create(
        name=name, slug=f"enhet-{number}", kind=kind, committee=committee or make_committee(), **fields
    )


def make_user(username, **fields):
    return User.objects.create_user(username, password="testlösenord-123", **fields)


def make_register(unit_count=1, politicians_per_unit=2):
    """A current period with `unit_count` units, each with contact politicians from both blocs."""
    period = make_period()
    committee = make_committee()
    majority = make_party("FÅ", bloc=PartyBloc.Bloc.MAJORITY, period=period)
    opposition = make_party("SA", bloc=PartyBloc.Bloc.OPPOSITION, period=period)
    units = []
    for _ in range(unit_count):
        unit = make_unit(committee=committee)
        for index in range(politicians_per_unit):
            politician = make_politician(party=majority if index % 2 == 0 else opposition)
            make_membership(politician, committee, period)
            ContactAssignment.objects.create(politician=politician, unit=unit, period=period)
        units.append(unit)
    return {"period": period, "committee": committee, "majority": majority, "opposition": opposition, "units": units}


def make_directory_page(home):
    existing = UnitIndexPage.objects.first()
    if existing:
        return existing
    return home.add_child(instance=UnitIndexPage(title="Enheter och kontaktpolitiker", slug="enheter"))
