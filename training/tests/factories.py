"""Plain builder functions for training tests."""

import datetime
import itertools
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from cms import roles
from training.models import Audience, TrainingProgrammePage, TrainingSession
from visits.register.models import Committee, MandatePeriod, Membership, Party, Politician

ZONE = ZoneInfo("Europe/Stockholm")
_counter = itertools.count(1)


def local(year, month, day, hour=0, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=ZONE)


def make_period(start_year=2027):
    period, _ = MandatePeriod.objects.get_or_create(
        name=f"{start_year}–{start_year + 3}",
        defaults={"starts_on": datetime.date(start_year, 1, 1), "ends_on": datetime.date(start_year + 3, 12, 31)},
    )
    return period


def make_committee(short_name="BUN", name=None):
    committee, _ = Committee.objects.get_or_create(
        short_name=short_name, defaults={"name": name or f"Nämnden {short_name}", "slug": short_name.lower()}
    )
    return committee


def make_programme(home, period=None, slug="utbildning"):
    period = period or make_period()
    page = TrainingProgrammePage.objects.filter(period=period).first()
    if page:
        return page
    return home.add_child(
        instance=TrainingProgrammePage(title=f"Utbildning {period.name}", slug=slug, period=period, show_in_menus=True)
    )


def make_session(programme, publish=True, committees=(), **fields):
    start = fields.pop("starts_at", local(2027, 2, 4, 9))
    values = {
        "title": f"Utbildning {next(_counter)}",
        "programme_year": start.year - programme.period.starts_on.year + 1,
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "location": "Kommunhuset, sessionssalen",
        "responsible_body": fields.pop("responsible_body", None) or make_committee("KF", "Kommunfullmäktige"),
        "audience": Audience.ALL,
    }
    values.update(fields)
    session = TrainingSession(programme=programme, live=False, **values)
    session.full_clean()
    session.save()
    if committees:
        session.audience_committees.set(committees)
    if publish:
        session.save_revision().publish()
        session = TrainingSession.objects.get(pk=session.pk)
    return session


def republish(session, **changes):
    for name, value in changes.items():
        setattr(session, name, value)
    session.full_clean()
    session.save_revision().publish()
    return TrainingSession.objects.get(pk=session.pk)


def make_user(username, group=roles.POLITICIANS):
    user = get_user_model().objects.create_user(username, f"{username}@adala.example.se", "insyn-demo-lösen")
    if group:
        user.groups.add(Group.objects.get_or_create(name=group)[0])
    return user


def make_politician(username=None, committee=None, role=Membership.Role.MEMBER, period=None, with_user=True):
    username = username or f"politiker{next(_counter)}"
    party, _ = Party.objects.get_or_create(abbreviation="FÅ", defaults={"name": "Framtid Ådala"})
    politician = Politician.objects.create(
        first_name=username.capitalize(),
        last_name="Testsson",
        slug=username,
        party=party,
        user=make_user(username) if with_user else None,
        email=f"{username}@politik.adala.example.se",
    )
    if committee:
        period = period or make_period()
        Membership.objects.create(politician=politician, committee=committee, period=period, role=role)
    return politician
