"""Booked visits (from `visits`) in the politician's personal calendar feed."""

import datetime
import logging
import uuid

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError, transaction
from django.utils.http import parse_http_date
from icalendar import Calendar
from wagtail import hooks

from cms import roles
from training.models import CalendarToken
from visits.requests.models import VisitEvent, VisitRequest
from visits.requests.tests.factories import future, make_accepted, make_request, make_world

from .factories import local, make_session
from .parsers import parse_both

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    world = make_world()
    group, _ = Group.objects.get_or_create(name=roles.POLITICIANS)
    for user in (world.user, world.colleague_user, world.outsider_user):
        user.groups.add(group)
    return world


def feed_url(politician):
    return f"/kalender/{CalendarToken.objects.current_for(politician).key}.ics"


def feed_events(client, politician, **headers):
    response = client.get(feed_url(politician), **headers)
    assert response.status_code == 200
    return response, {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def parsed_by_uid(response):
    return {name: {event["uid"]: event for event in parsed["events"]} for name, parsed in parse_both(response.content).items()}


def test_a_booked_visit_appears_in_the_personal_feed_without_its_purpose(client, w):
    visit = make_accepted(w, purpose="Samtal om en elev med särskilda behov")

    response, events = feed_events(client, w.politician)

    event = events[visit.calendar_uid]
    assert "Backaskolan" in str(event["SUMMARY"])
    assert event.decoded("DTSTART") == visit.starts_at
    assert "särskilda behov" not in response.content.decode()


def test_a_companion_sees_the_visit_and_an_outsider_does_not(client, w):
    visit = make_accepted(w)
    visit.companions.add(w.colleague)

    assert visit.calendar_uid in feed_events(client, w.colleague)[1]
    assert visit.calendar_uid not in feed_events(client, w.outsider)[1]


def test_a_visit_has_a_uid_made_once_that_is_not_its_database_id(client, w):
    visit = make_request(w)
    made = visit.uid

    visit.accept(w.manager, future(14))
    other = make_accepted(w, days=9)

    visit.refresh_from_db()
    assert visit.uid == made and isinstance(made, uuid.UUID)
    assert visit.calendar_uid == f"{made}@insyn" and other.calendar_uid != visit.calendar_uid
    assert set(feed_events(client, w.politician)[1]) == {visit.calendar_uid, other.calendar_uid}


def test_a_cancelled_visit_stays_as_cancelled_for_sixty_days_then_leaves(client, w, settings):
    settings.INSYN_CALENDAR_CANCELLED_DAYS = 60
    visit = make_accepted(w)
    before = client.get(feed_url(w.politician))

    visit.cancel(w.manager, "Verksamheten behöver dagen för annat.")

    cancelled = client.get(feed_url(w.politician), HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])
    assert cancelled.status_code == 200
    assert client.get(feed_url(w.politician), HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200
    for name, events in parsed_by_uid(cancelled).items():
        first = parsed_by_uid(before)[name][visit.calendar_uid]
        assert events[visit.calendar_uid]["status"] == "CANCELLED", name
        assert events[visit.calendar_uid]["sequence"] > first["sequence"], name
        assert events[visit.calendar_uid]["start"] == first["start"], name
    assert "behöver dagen" not in cancelled.content.decode()

    VisitEvent.objects.filter(visit=visit, to_state=VisitRequest.State.CANCELLED).update(
        at=visit.updated_at - datetime.timedelta(days=61)
    )

    gone = client.get(feed_url(w.politician), HTTP_IF_MODIFIED_SINCE=cancelled["Last-Modified"])
    assert gone.status_code == 200
    assert parse_http_date(gone["Last-Modified"]) > parse_http_date(cancelled["Last-Modified"])
    for name, events in parsed_by_uid(gone).items():
        assert visit.calendar_uid not in events, name


def test_a_request_cancelled_before_it_was_booked_never_appears(client, w):
    visit = make_request(w)
    visit.cancel(w.user, "Vi hittar ingen tid.")

    assert visit.calendar_uid not in feed_events(client, w.politician)[1]


def test_visit_and_session_links_start_with_the_address_the_feed_was_fetched_from(client, w, site_home, settings):
    from .factories import make_programme

    settings.ALLOWED_HOSTS = ["insyn.adala.example.se"]
    settings.WAGTAILADMIN_BASE_URL = "https://annan.example.se"
    make_session(make_programme(site_home), title="Grundutbildning")
    visit = make_accepted(w)

    response = client.get(feed_url(w.politician), HTTP_HOST="insyn.adala.example.se")

    for name, events in parsed_by_uid(response).items():
        session = next(event for event in events.values() if event["summary"] == "Grundutbildning")
        assert session["url"].startswith("http://insyn.adala.example.se/utbildning/"), name
        assert events[visit.calendar_uid]["url"] == f"http://insyn.adala.example.se/mina-sidor/besok/{visit.pk}/", name
    assert "annan.example.se" not in response.content.decode()


def test_one_event_no_calendar_can_show_is_logged_and_left_out_and_the_feed_still_answers(client, w, caplog):
    visit = make_accepted(w)
    start = local(2030, 4, 2, 9)
    bad = [
        {"uid": "utan-slut@insyn", "sequence": 0, "summary": "Utan slut", "start": start, "end": None,
         "last_modified": start},
        {"uid": "baklanges@insyn", "sequence": 0, "summary": "Baklänges", "start": start,
         "end": start - datetime.timedelta(hours=1), "last_modified": start},
        {"uid": "okant-falt@insyn", "summary": "Okänt fält", "start": start, "end": start, "mood": "glad"},
    ]

    with hooks.register_temporarily("insyn_personal_calendar_events", lambda p, base, cancelled_since: bad), \
            caplog.at_level(logging.WARNING, logger="training.feeds"):
        response, events = feed_events(client, w.politician)

    assert set(events) == {visit.calendar_uid}
    for name, parsed in parsed_by_uid(response).items():
        assert set(parsed) == {visit.calendar_uid}, name
    logged = caplog.text
    assert "utan-slut@insyn" in logged and "baklanges@insyn" in logged and "okant-falt@insyn" in logged


def test_the_database_refuses_a_booked_visit_without_an_end_or_a_time(w):
    visit = make_accepted(w)

    for changes in ({"ends_at": None}, {"starts_at": None, "ends_at": None}):
        with pytest.raises(IntegrityError), transaction.atomic():
            VisitRequest.objects.filter(pk=visit.pk).update(**changes)
    requested = make_request(w)
    with pytest.raises(IntegrityError), transaction.atomic():
        VisitRequest.objects.filter(pk=requested.pk).update(starts_at=visit.starts_at)


def test_the_personal_feed_reads_as_many_queries_for_one_visit_as_for_many(client, w):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = feed_url(w.politician)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    make_accepted(w)
    one = queries()
    for days in (9, 11, 13):
        make_accepted(w, days=days, confirm_unpaid=True).companions.add(w.colleague)
    cancelled = make_accepted(w, days=15, confirm_unpaid=True)
    cancelled.cancel(w.manager, "Krockar med ett studiebesök.")

    assert queries() == one
