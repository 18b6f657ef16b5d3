"""Booked visits (from `visits`) in the politician's personal calendar feed."""

import pytest
from icalendar import Calendar

from training.models import CalendarToken
from visits.requests.tests.factories import make_accepted, make_world

pytestmark = pytest.mark.django_db


def feed_events(client, token):
    response = client.get(f"/kalender/{token.key}.ics")
    assert response.status_code == 200
    return response, {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_a_booked_visit_appears_in_the_personal_feed_without_its_purpose(client):
    w = make_world()
    visit = make_accepted(w, purpose="Samtal om en elev med särskilda behov")
    token = CalendarToken.objects.current_for(w.politician)

    _, events = feed_events(client, token)

    event = events[f"besok-{visit.pk}@insyn"]
    assert "Backaskolan" in str(event["SUMMARY"])
    assert event.decoded("DTSTART") == visit.starts_at
    assert "särskilda behov" not in str(event.to_ical().decode())


def test_a_companion_sees_the_visit_and_an_outsider_does_not(client):
    w = make_world()
    visit = make_accepted(w)
    visit.companions.add(w.colleague)
    outsider_token = CalendarToken.objects.current_for(w.outsider)

    _, events = feed_events(client, CalendarToken.objects.current_for(w.colleague))
    assert f"besok-{visit.pk}@insyn" in events
    _, events = feed_events(client, outsider_token)
    assert f"besok-{visit.pk}@insyn" not in events


def test_a_cancelled_visit_changes_the_etag_and_leaves_the_feed(client):
    w = make_world()
    visit = make_accepted(w)
    token = CalendarToken.objects.current_for(w.politician)
    first, _ = feed_events(client, token)

    visit.cancel(w.manager, "Verksamheten behöver dagen för annat.")

    assert client.get(f"/kalender/{token.key}.ics", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    _, events = feed_events(client, token)
    assert f"besok-{visit.pk}@insyn" not in events
