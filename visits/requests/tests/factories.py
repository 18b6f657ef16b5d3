"""Plain builders for visit tests: a small municipality with one committee that routes
requests directly to the unit manager and one that routes them through the head of
administration, and the people who act on them."""

import datetime
from types import SimpleNamespace

from django.contrib.auth import get_user_model
from django.utils import timezone

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
from visits.requests.models import VisitRequest
from visits.requests.timing import next_workday

PASSWORD = "ett-langt-testlosenord"


def make_user(username, **extra):
    return get_user_model().objects.create_user(
        username, email=f"{username}@adala.example.se", password=PASSWORD, first_name=username.capitalize(), **extra
    )


def make_politician(slug, party, user=None, email=""):
    return Politician.objects.create(
        first_name=slug.capitalize(), last_name="Testsson", slug=slug, party=party, user=user, email=email
    )


def make_world():
    """Everything the visit tests need, as attributes of one namespace."""
    today = timezone.localdate()
    period = MandatePeriod.objects.create(
        name="Testperioden", starts_on=today - datetime.timedelta(days=400), ends_on=today + datetime.timedelta(days=900)
    )
    majority = Party.objects.create(name="Framtid Ådala", abbreviation="FÅ")
    opposition = Party.objects.create(name="Socialt ansvar", abbreviation="SA")
    PartyBloc.objects.create(party=majority, period=period, bloc=PartyBloc.Bloc.MAJORITY)
    PartyBloc.objects.create(party=opposition, period=period, bloc=PartyBloc.Bloc.OPPOSITION)

    w = SimpleNamespace(period=period, majority=majority, opposition=opposition)
    w.manager = make_user("rektor")
    w.other_manager = make_user("annanchef")
    w.head = make_user("forvaltningschef")
    w.nobody = make_user("ingen")
    w.bun = Committee.objects.create(name="Barn- och utbildningsnämnden", short_name="BUN", slug="bun")
    w.kfn = Committee.objects.create(
        name="Kultur- och fritidsnämnden", short_name="KFN", slug="kfn",
        visit_routing=Committee.Routing.VIA_ADMINISTRATION, head_of_administration=w.head,
    )
    w.unit = Unit.objects.create(name="Backaskolan", slug="backaskolan", kind=Unit.Kind.SCHOOL, committee=w.bun,
                                 manager=w.manager)
    w.other_unit = Unit.objects.create(name="Norrbyskolan", slug="norrbyskolan", kind=Unit.Kind.SCHOOL,
                                       committee=w.bun, manager=w.other_manager)
    w.library = Unit.objects.create(name="Stadsbiblioteket", slug="stadsbiblioteket", kind=Unit.Kind.LIBRARY,
                                    committee=w.kfn, manager=w.manager)

    w.user = make_user("politiker")
    w.colleague_user = make_user("politiker2")
    w.outsider_user = make_user("kfnpolitiker")
    w.politician = make_politician("paula", majority, w.user)
    w.colleague = make_politician("per", opposition, w.colleague_user)
    w.outsider = make_politician("otto", opposition, w.outsider_user)
    for politician, committee, role in (
        (w.politician, w.bun, Membership.Role.CHAIR),
        (w.colleague, w.bun, Membership.Role.MEMBER),
        (w.politician, w.kfn, Membership.Role.MEMBER),
        (w.outsider, w.kfn, Membership.Role.MEMBER),
    ):
        Membership.objects.create(politician=politician, committee=committee, period=period, role=role)
    for politician, unit in (
        (w.politician, w.unit), (w.colleague, w.unit), (w.politician, w.library), (w.outsider, w.library),
        (w.colleague, w.other_unit),
    ):
        ContactAssignment.objects.create(politician=politician, unit=unit, period=period)
    return w


def future(days=7, hour=9):
    """`hour` on the first working day `days` from today or later: inside ordinary working hours."""
    day = next_workday(timezone.localdate() + datetime.timedelta(days=days))
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, hour))


def make_request(w, unit=None, politician=None, year=None, **kwargs):
    politician = politician or w.politician
    return VisitRequest.submit(
        politician=politician,
        unit=unit or w.unit,
        kind=kwargs.pop("kind", VisitRequest.Kind.CONTACT),
        wished_times=kwargs.pop("wished_times", "Vecka 12"),
        purpose=kwargs.pop("purpose", "Se hur skolan arbetar med trygghet."),
        year=year or future().year,
        by=politician.user,
        **kwargs,
    )


def make_accepted(w, days=7, **kwargs):
    starts = future(days)
    visit = make_request(w, year=starts.year, **kwargs)
    if visit.routed_via_administration:
        visit.forward(w.head)
    return visit.accept(visit.unit.manager or w.manager, starts)
