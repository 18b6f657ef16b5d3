"""The two nights a year when Stockholm's clock changes. In October 02:00–03:00 happens twice
and parsers disagree which of the two a local time there means (icalendar and vobject take
the first, ical.js and libical the second), so such times are written in UTC; in March
02:00–03:00 does not exist, and the admin refuses a time there, like one in October's
repeated hour, with the reason."""

import datetime

import icalendar
import pytest
from django.contrib.auth import get_user_model

from training.feeds import ZONE, FeedEvent, build_calendar
from training.models import Audience, TrainingSession

from .factories import local, make_session
from .parsers import parse_both

UTC = datetime.timezone.utc


def utc(year, month, day, hour, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=UTC)


def iso(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


def read_times(data):
    """(start, end) in UTC per summary, as icalendar, vobject and ical.js each read them."""
    readers = {"icalendar": {
        str(event["SUMMARY"]): (iso(event.decoded("DTSTART").astimezone(UTC)), iso(event.decoded("DTEND").astimezone(UTC)))
        for event in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }}
    for name, parsed in parse_both(data).items():
        readers[name] = {event["summary"]: (event["start"], event["end"]) for event in parsed["events"]}
    return readers


@pytest.mark.django_db
def test_sessions_in_the_repeated_hour_of_october_start_at_their_stored_instant_in_every_parser(client, programme):
    # 31 October 2027: 00:30 UTC is the first 02:30 (summer time), 01:30 UTC the second (winter time).
    stored = {
        "Första 02:30": (utc(2027, 10, 31, 0, 30), utc(2027, 10, 31, 2, 30)),
        "Andra 02:30": (utc(2027, 10, 31, 1, 30), utc(2027, 10, 31, 3, 30)),
        "Slutar i timmen": (utc(2027, 10, 30, 22), utc(2027, 10, 31, 0, 15)),
        "Efter timmen": (utc(2027, 10, 31, 2, 30), utc(2027, 10, 31, 4)),
    }
    for title, (start, end) in stored.items():
        make_session(programme, title=title, starts_at=start, ends_at=end)

    data = client.get("/utbildning/kalender.ics").content

    expected = {title: (iso(start), iso(end)) for title, (start, end) in stored.items()}
    for name, times in read_times(data).items():
        assert times == expected, name
    text = data.decode()
    assert "DTSTART:20271031T003000Z\r\n" in text and "DTEND:20271031T023000Z\r\n" in text
    assert "DTSTART:20271031T013000Z\r\n" in text and "DTEND:20271031T033000Z\r\n" in text
    assert "DTSTART:20271030T220000Z\r\n" in text
    # No local time in the repeated hour is written; outside it a time stays in Stockholm time.
    assert "TZID=Europe/Stockholm:20271031T02" not in text
    assert "DTSTART;TZID=Europe/Stockholm:20271031T033000\r\n" in text


@pytest.mark.django_db
def test_sessions_around_the_skipped_hour_of_march_start_at_their_stored_instant_in_every_parser(client, programme):
    # 28 March 2027: 00:30 UTC is 01:30 winter time, 01:30 UTC is 03:30 summer time; 02:xx never happens.
    stored = {
        "Före": (utc(2027, 3, 28, 0, 30), utc(2027, 3, 28, 1, 0)),
        "Över natten": (utc(2027, 3, 28, 0, 45), utc(2027, 3, 28, 1, 30)),
        "Efter": (utc(2027, 3, 28, 1, 30), utc(2027, 3, 28, 3)),
    }
    for title, (start, end) in stored.items():
        make_session(programme, title=title, starts_at=start, ends_at=end)

    data = client.get("/utbildning/kalender.ics").content

    expected = {title: (iso(start), iso(end)) for title, (start, end) in stored.items()}
    for name, times in read_times(data).items():
        assert times == expected, name
    text = data.decode()
    assert "DTSTART;TZID=Europe/Stockholm:20270328T013000\r\n" in text
    assert "DTEND;TZID=Europe/Stockholm:20270328T033000\r\n" in text
    assert "DTSTART;TZID=Europe/Stockholm:20270328T033000\r\n" in text
    assert "20270328T02" not in text


def test_an_event_handed_over_as_a_wall_time_that_does_not_exist_is_written_as_the_instant_it_stands_for():
    # Another app's event at "02:30" on 28 March: Python takes it as 01:30 UTC (PEP 495), which is 03:30.
    start = datetime.datetime(2027, 3, 28, 2, 30, tzinfo=ZONE)
    event = FeedEvent(uid="vagg@insyn", sequence=0, summary="Väggtid", start=start,
                      end=start + datetime.timedelta(hours=2), last_modified=utc(2026, 11, 1, 8))

    data = build_calendar("Utbildning", [event])

    assert "DTSTART;TZID=Europe/Stockholm:20270328T033000\r\n" in data.decode()
    for name, times in read_times(data).items():
        assert times["Väggtid"][0] == "2027-03-28T01:30:00.000Z", name


@pytest.mark.django_db
@pytest.mark.parametrize("moment, reason", [
    ("2027-03-28 02:30", "Klockan 02:30 finns inte den 28 mars 2027, när sommartiden börjar"),
    ("2027-10-31 02:30", "Klockan 02:30 finns två gånger den 31 oktober 2027, när sommartiden slutar"),
])
def test_the_admin_refuses_a_time_the_clock_skips_or_repeats_and_says_why(client, programme, moment, reason):
    session = make_session(programme, title="Nattpass", starts_at=local(2027, 3, 27, 22), ends_at=local(2027, 3, 27, 23))
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@adala.example.se", "x"))
    data = {
        "programme": programme.pk, "title": session.title, "programme_year": 1,
        "responsible_body": session.responsible_body_id, "starts_at": moment, "ends_at": "2027-12-01 05:00",
        "location": session.location, "online_url": "", "audience": Audience.ALL, "description": "",
        "status": "planned", "status_reason": "", "capacity": "", "signup_deadline": "",
        "recording_url": "", "materials-count": "0", "action-publish": "action-publish",
    }

    response = client.post(f"/admin/snippets/training/trainingsession/edit/{session.pk}/", data)

    assert response.status_code == 200
    assert reason in response.content.decode()
    assert TrainingSession.objects.get(pk=session.pk).starts_at == local(2027, 3, 27, 22)
