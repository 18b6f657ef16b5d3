import datetime
from unittest import mock

import icalendar
import pytest
from django.utils import timezone

from training.feeds import FeedEvent, build_calendar
from training.models import Audience, CalendarToken, SignUp, TrainingSession
from visits.register.models import Membership

from .factories import local, make_committee, make_politician, make_session, republish
from .parsers import parse_both

UTC = datetime.timezone.utc


def events_of(data):
    return [c for c in icalendar.Calendar.from_ical(data).walk("VEVENT")]


# --- the builder on plain values ------------------------------------------------------------------


def plain_event(**changes):
    values = {
        "uid": "0b7c-test@insyn",
        "sequence": 0,
        "summary": "Grundutbildning",
        "start": local(2027, 2, 4, 9),
        "end": local(2027, 2, 4, 12),
        "last_modified": datetime.datetime(2026, 11, 20, 10, 0, tzinfo=UTC),
    }
    values.update(changes)
    return FeedEvent(**values)


def test_an_empty_feed_still_names_itself_and_carries_the_stockholm_timezone():
    data = build_calendar("Utbildning", [])
    text = data.decode()

    assert "NAME:Utbildning\r\n" in text
    assert "X-WR-CALNAME:Utbildning\r\n" in text
    assert "REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in text
    assert "X-PUBLISHED-TTL:PT1H\r\n" in text
    assert "METHOD" not in text
    zone = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")[0]
    assert zone["TZID"] == "Europe/Stockholm"
    rules = {sub.name: sub["RRULE"].to_ical().decode() for sub in zone.subcomponents}
    assert rules == {"DAYLIGHT": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "STANDARD": "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10"}
    assert "RDATE" not in text


def test_the_same_events_give_byte_identical_feeds():
    events = [plain_event(), plain_event(uid="other@insyn", summary="Ordförandeutbildning")]

    assert build_calendar("Utbildning", events) == build_calendar("Utbildning", list(events))


def test_stamps_come_from_the_record_in_utc():
    data = build_calendar("Utbildning", [plain_event()])

    assert "DTSTAMP:20261120T100000Z\r\n" in data.decode()
    assert "LAST-MODIFIED:20261120T100000Z\r\n" in data.decode()


def test_swedish_characters_survive_line_folding_in_every_parser():
    title = "Grundutbildning för förtroendevalda i Ådala: åäö ÅÄÖ é " * 3
    description = "Första raden om förvaltningslagen.\nAndra raden: ärenden, jäv & sekretess."
    data = build_calendar("Utbildning", [plain_event(summary=title, description=description)])

    assert max(len(line) for line in data.split(b"\r\n")) <= 75
    for parsed in parse_both(data).values():
        assert parsed["events"][0]["summary"] == title
        assert parsed["events"][0]["description"] == description


# --- feeds served from the database ----------------------------------------------------------------


@pytest.fixture
def sessions_around_dst(programme):
    # Summer time starts on 28 March 2027: 17:00 before it is 16:00 UTC, 13:00 after it is 11:00 UTC.
    before = make_session(programme, title="Före sommartid", starts_at=local(2027, 3, 17, 17))
    after = make_session(programme, title="Efter sommartid", starts_at=local(2027, 3, 31, 13))
    return before, after


@pytest.mark.django_db
def test_sessions_on_both_sides_of_summer_time_start_at_the_right_utc_time_in_every_parser(client, sessions_around_dst):
    data = client.get("/utbildning/kalender.ics").content

    for name, parsed in parse_both(data).items():
        assert parsed["timezones"] == ["Europe/Stockholm"], name
        times = {event["summary"]: (event["start"], event["end"]) for event in parsed["events"]}
        assert times["Före sommartid"] == ("2027-03-17T16:00:00.000Z", "2027-03-17T19:00:00.000Z"), name
        assert times["Efter sommartid"] == ("2027-03-31T11:00:00.000Z", "2027-03-31T14:00:00.000Z"), name
    assert "DTSTART;TZID=Europe/Stockholm:20270317T170000" in data.decode()


@pytest.mark.django_db
def test_an_all_day_session_ends_on_the_next_day_as_a_date(client, programme):
    make_session(programme, title="Introduktionsdag", all_day=True, starts_at=local(2027, 2, 13), ends_at=local(2027, 2, 13))

    data = client.get("/utbildning/kalender.ics").content

    assert "DTSTART;VALUE=DATE:20270213\r\n" in data.decode()
    assert "DTEND;VALUE=DATE:20270214\r\n" in data.decode()
    for parsed in parse_both(data).values():
        assert parsed["events"][0]["isDate"] is True


@pytest.mark.django_db
def test_the_feed_is_calendar_text_with_validators_and_no_compression(client, sessions_around_dst):
    response = client.get("/utbildning/kalender.ics", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert not response.has_header("Content-Encoding")
    assert client.get("/utbildning/kalender.ics").content == response.content


@pytest.mark.django_db
def test_an_edit_keeps_the_uid_and_raises_the_sequence(client, programme):
    session = make_session(programme, title="Nämndutbildning")
    first = events_of(client.get("/utbildning/kalender.ics").content)[0]

    republish(session, starts_at=local(2027, 3, 3, 9), ends_at=local(2027, 3, 3, 12), status=TrainingSession.Status.MOVED)
    data = client.get("/utbildning/kalender.ics").content

    for parsed in parse_both(data).values():
        event = parsed["events"][0]
        assert event["uid"] == str(first["UID"]) == f"{session.uid}@insyn"
        assert event["sequence"] == int(first["SEQUENCE"]) + 1
        assert event["start"] == "2027-03-03T08:00:00.000Z"


@pytest.mark.django_db
def test_a_description_edit_does_not_raise_the_sequence_but_changes_the_feed(client, programme):
    session = make_session(programme)
    before = client.get("/utbildning/kalender.ics")

    republish(session, description="Ny beskrivning")
    after = client.get("/utbildning/kalender.ics")

    assert events_of(after.content)[0]["SEQUENCE"] == events_of(before.content)[0]["SEQUENCE"]
    assert after["ETag"] != before["ETag"]


@pytest.mark.django_db
def test_a_cancelled_session_stays_as_cancelled_and_leaves_after_the_retention_time(client, programme, settings):
    settings.INSYN_CALENDAR_CANCELLED_DAYS = 60
    session = make_session(programme, title="Arbetsgivarrollen")
    republish(session, status=TrainingSession.Status.CANCELLED, status_reason="För få anmälda.")

    data = client.get("/utbildning/kalender.ics").content
    for parsed in parse_both(data).values():
        assert [event["status"] for event in parsed["events"]] == ["CANCELLED"]
        assert "För få anmälda." in parsed["events"][0]["description"]

    TrainingSession.objects.filter(pk=session.pk).update(cancelled_at=timezone.now() - datetime.timedelta(days=61))
    assert events_of(client.get("/utbildning/kalender.ics").content) == []


@pytest.mark.django_db
def test_drafts_are_not_in_the_feed(client, programme):
    make_session(programme, title="Utkast", publish=False)

    assert events_of(client.get("/utbildning/kalender.ics").content) == []


@pytest.mark.django_db
def test_a_conditional_get_with_the_etag_gets_304_without_building_the_feed(client, sessions_around_dst, django_assert_num_queries):
    first = client.get("/utbildning/kalender.ics")

    # The sessions, their programme pages and the date the ETag was first served, however many
    # sessions; icalendar never runs.
    with mock.patch("training.feeds.build_calendar", side_effect=AssertionError("built")), django_assert_num_queries(3):
        again = client.get("/utbildning/kalender.ics", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Last-Modified"] == first["Last-Modified"]


@pytest.mark.django_db
def test_a_conditional_get_by_date_gets_304_until_a_session_changes(client, sessions_around_dst):
    first = client.get("/utbildning/kalender.ics")
    assert client.get("/utbildning/kalender.ics", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304

    republish(sessions_around_dst[0], title="Före sommartid, ny rubrik")

    changed = client.get("/utbildning/kalender.ics", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


@pytest.mark.django_db
def test_the_feed_of_one_audience_holds_only_its_sessions(client, programme):
    bun = make_committee("BUN", "Barn- och utbildningsnämnden")
    make_session(programme, title="För alla")
    make_session(programme, title="För presidier", audience=Audience.PRESIDIUMS)
    make_session(programme, title="För BUN", audience=Audience.COMMITTEES, committees=[bun])

    def titles(url):
        return sorted(str(event["SUMMARY"]) for event in events_of(client.get(url).content))

    assert titles("/utbildning/kalender/presidier.ics") == ["För presidier"]
    assert titles("/utbildning/kalender/alla.ics") == ["För alla"]
    assert titles("/utbildning/kalender/namnd-bun.ics") == ["För BUN"]
    assert client.get("/utbildning/kalender/finns-inte.ics").status_code == 404
    assert client.get("/utbildning/kalender/namnd-finns-inte.ics").status_code == 404


@pytest.mark.django_db
def test_one_session_has_its_own_feed(client, programme):
    session = make_session(programme, title="Ett tillfälle")
    make_session(programme, title="Ett annat")

    response = client.get(f"/utbildning/{session.pk}-{session.slug}/kalender.ics")

    assert [str(e["SUMMARY"]) for e in events_of(response.content)] == ["Ett tillfälle"]
    assert "X-WR-CALNAME:Ett tillfälle" in response.content.decode()


@pytest.mark.django_db
def test_a_draft_session_has_no_feed(client, programme):
    session = make_session(programme, publish=False)

    assert client.get(f"/utbildning/{session.pk}-{session.slug}/kalender.ics").status_code == 404


# --- the personal feed ---------------------------------------------------------------------------------


@pytest.fixture
def member_feed(programme):
    bun = make_committee("BUN", "Barn- och utbildningsnämnden")
    kfn = make_committee("KFN", "Kultur- och fritidsnämnden")
    politician = make_politician("paula", committee=bun)
    make_session(programme, title="För alla")
    make_session(programme, title="För BUN", audience=Audience.COMMITTEES, committees=[bun])
    make_session(programme, title="För KFN", audience=Audience.COMMITTEES, committees=[kfn])
    make_session(programme, title="För presidier", audience=Audience.PRESIDIUMS)
    chosen = make_session(programme, title="Anmäld trots annan målgrupp", audience=Audience.COMMITTEES,
                          committees=[kfn], starts_at=local(2027, 5, 5, 9))
    SignUp.objects.create(session=chosen, politician=politician)
    token = CalendarToken.objects.current_for(politician)
    return politician, token


@pytest.mark.django_db
def test_the_personal_feed_holds_my_audiences_and_sign_ups_and_nothing_personal(client, member_feed):
    politician, token = member_feed
    make_politician("annan", committee=make_committee("KFN"))

    response = client.get(f"/kalender/{token.key}.ics")

    titles = sorted(str(e["SUMMARY"]) for e in events_of(response.content))
    assert titles == ["Anmäld trots annan målgrupp", "För BUN", "För alla"]
    text = response.content.decode()
    assert "ATTENDEE" not in text and "ORGANIZER" not in text
    assert "@politik.adala.example.se" not in text and "Testsson" not in text
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_presidium_member_gets_presidium_sessions_in_the_personal_feed(client, programme):
    chair = make_politician("ordforande", committee=make_committee("KS"), role=Membership.Role.CHAIR)
    make_session(programme, title="För presidier", audience=Audience.PRESIDIUMS)

    token = CalendarToken.objects.current_for(chair)

    assert [str(e["SUMMARY"]) for e in events_of(client.get(f"/kalender/{token.key}.ics").content)] == ["För presidier"]


@pytest.mark.django_db
def test_an_unknown_or_revoked_token_is_a_404(client, member_feed):
    politician, token = member_feed

    assert client.get("/kalender/gissat-vardet-som-inte-finns.ics").status_code == 404
    new = CalendarToken.objects.renew(politician)
    assert client.get(f"/kalender/{token.key}.ics").status_code == 404
    assert client.get(f"/kalender/{new.key}.ics").status_code == 200
    assert len(new.key) >= 40


@pytest.mark.django_db
def test_a_personal_feed_answers_only_while_its_user_is_active_and_still_a_politician(client, member_feed):
    from django.contrib.auth.models import Group

    from cms import roles

    politician, token = member_feed
    url = f"/kalender/{token.key}.ics"
    user = politician.user

    user.is_active = False
    user.save()
    assert client.get(url).status_code == 404 and client.head(url).status_code == 404
    user.is_active = True
    user.save()
    assert client.get(url).status_code == 200

    user.groups.clear()
    assert client.get(url).status_code == 404
    user.groups.add(Group.objects.get(name=roles.POLITICIANS))
    assert client.get(url).status_code == 200

    politician.user = None
    politician.save()
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_the_personal_feed_changes_its_etag_when_i_sign_up(client, member_feed, programme):
    politician, token = member_feed
    extra = make_session(programme, title="Extra", audience=Audience.COMMITTEES, committees=[make_committee("KFN")],
                         starts_at=local(2027, 6, 1, 9))
    first = client.get(f"/kalender/{token.key}.ics")

    SignUp.objects.create(session=extra, politician=politician)
    again = client.get(f"/kalender/{token.key}.ics", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 200
    assert "Extra" in again.content.decode()


@pytest.mark.django_db
def test_other_apps_add_events_to_the_personal_feed_through_a_hook(client, member_feed, settings):
    from wagtail import hooks

    settings.INSYN_CALENDAR_CANCELLED_DAYS = 60
    politician, token = member_feed
    visit = {
        "uid": "visit-1@insyn", "sequence": 0, "summary": "Besök på Backaskolan",
        "start": local(2027, 3, 29, 9), "end": local(2027, 3, 29, 12),
        "last_modified": datetime.datetime(2026, 11, 1, tzinfo=UTC),
    }
    asked = []

    def accepted_visits(person, base, cancelled_since):
        asked.append((person, base, cancelled_since))
        return [visit]

    with hooks.register_temporarily("insyn_personal_calendar_events", accepted_visits):
        response = client.get(f"/kalender/{token.key}.ics")
        again = client.get(f"/kalender/{token.key}.ics", HTTP_IF_NONE_MATCH=response["ETag"])

    person, base, cancelled_since = asked[0]
    assert person == politician and base == "http://testserver"
    assert abs(timezone.now() - datetime.timedelta(days=60) - cancelled_since) < datetime.timedelta(minutes=1)
    for parsed in parse_both(response.content).values():
        by_uid = {event["uid"]: event for event in parsed["events"]}
        assert by_uid["visit-1@insyn"]["start"] == "2027-03-29T07:00:00.000Z"
    assert again.status_code == 304
    assert client.get(f"/kalender/{token.key}.ics", HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 200


@pytest.mark.django_db
def test_every_kind_of_feed_parses_in_both_independent_parsers(client, member_feed, programme):
    politician, token = member_feed
    session = TrainingSession.objects.published().first()
    urls = [
        "/utbildning/kalender.ics",
        "/utbildning/kalender/alla.ics",
        "/utbildning/kalender/presidier.ics",
        "/utbildning/kalender/nya-fortroendevalda.ics",
        "/utbildning/kalender/namnd-bun.ics",
        f"/utbildning/{session.pk}-{session.slug}/kalender.ics",
        f"/kalender/{token.key}.ics",
    ]

    for url in urls:
        data = client.get(url).content
        expected = sorted(str(event["UID"]) for event in events_of(data))
        for name, parsed in parse_both(data).items():
            assert parsed["timezones"] == ["Europe/Stockholm"], (url, name)
            assert sorted(event["uid"] for event in parsed["events"]) == expected, (url, name)


@pytest.mark.django_db
def test_cancelling_in_the_admin_shows_the_session_as_cancelled_in_the_feed(client, programme):
    from django.contrib.auth import get_user_model

    session = make_session(programme, title="Grundutbildning")
    before = events_of(client.get("/utbildning/kalender.ics").content)[0]
    editor = get_user_model().objects.create_superuser("admin", "admin@adala.example.se", "x")
    client.force_login(editor)
    data = {
        "programme": programme.pk, "title": session.title, "programme_year": 1,
        "responsible_body": session.responsible_body_id, "starts_at": "2027-02-04 09:00", "ends_at": "2027-02-04 12:00",
        "location": session.location, "online_url": "", "audience": Audience.ALL, "description": "",
        "status": "cancelled", "status_reason": "Sjukdom hos föreläsaren.", "capacity": "", "signup_deadline": "",
        "recording_url": "", "materials-count": "0", "action-publish": "action-publish",
    }

    response = client.post(f"/admin/snippets/training/trainingsession/edit/{session.pk}/", data)
    client.logout()

    assert response.status_code == 302
    after = events_of(client.get("/utbildning/kalender.ics").content)[0]
    assert str(after["STATUS"]) == "CANCELLED"
    assert after["UID"] == before["UID"]
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
