from .pages import UnitIndexPage
from .register import (
    Committee,
    ContactAssignment,
    MandatePeriod,
    Membership,
    Party,
    PartyBloc,
    Politician,
    Unit,
)

__all__ = [
    "Committee",
    "ContactAssignment",
    "MandatePeriod",
    "Membership",
    "Party",
    "PartyBloc",
    "Politician",
    "Unit",
    "UnitIndexPage",
]
