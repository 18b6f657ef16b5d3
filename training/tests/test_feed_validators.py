"""What a calendar client's HTTP cache sees: HEAD answers like GET without a body, and a copy
kept by ETag or by date is never taken for current after the feed's bytes changed, whatever
changed them (an event leaving, a committee's new name, the personal feed's set)."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone
from django.utils.http import parse_http_date

from cms.testing import generation_cache_on
from training.models import Audience, CalendarToken, SignUp, TrainingSession
from visits.register.models import Membership

from .factories import local, make_committee, make_politician, make_session, republish
from .parsers import parse_both

pytestmark = pytest.mark.django_db

ALL = "/utbildning/kalender.ics"
SAME_HEADERS = ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Cache-Control", "Content-Disposition")


def assert_old_copy_is_not_current(client, url, before):
    """Neither the old ETag nor the old date gets a 304, and the new date is later."""
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=before["Last-Modified"])

    assert by_etag.status_code == 200 and by_date.status_code == 200
    assert by_etag.content != before.content
    assert by_etag["ETag"] != before["ETag"]
    assert parse_http_date(by_etag["Last-Modified"]) > parse_http_date(before["Last-Modified"])
    assert by_date["ETag"] == by_etag["ETag"] and by_date["Last-Modified"] == by_etag["Last-Modified"]
    return by_etag


@pytest.fixture(params=["read every time", "kept per generation"])
def feed_cache(request, settings):
    """Each change must show at the next request also where feeds are kept (production)."""
    if request.param == "kept per generation":
        keep_feeds(settings)
    yield request.param
    cache.clear()


def keep_feeds(settings):
    cache.clear()
    settings.INSYN_FEED_CACHE_SECONDS = 900
    generation_cache_on(settings)


def summaries(response):
    return {name: sorted(event["summary"] for event in parsed["events"])
            for name, parsed in parse_both(response.content).items()}


@pytest.fixture
def member(programme):
    """A BUN member with a personal feed, and sessions for BUN and for KFN."""
    bun = make_committee("BUN", "Barn- och utbildningsnämnden")
    kfn = make_committee("KFN", "Kultur- och fritidsnämnden")
    politician = make_politician("paula", committee=bun)
    make_session(programme, title="För BUN", audience=Audience.COMMITTEES, committees=[bun],
                 starts_at=local(2030, 5, 6, 9))
    for_kfn = make_session(programme, title="För KFN", audience=Audience.COMMITTEES, committees=[kfn],
                           starts_at=local(2030, 5, 7, 9))
    token = CalendarToken.objects.current_for(politician)
    return politician, f"/kalender/{token.key}.ics", for_kfn, kfn


# --- HEAD ------------------------------------------------------------------------------------------------


def test_head_answers_every_feed_like_get_without_a_body(client, member, programme):
    _politician, personal, session, _kfn = member
    urls = [ALL, "/utbildning/kalender/alla.ics", "/utbildning/kalender/namnd-kfn.ics",
            f"/utbildning/{session.pk}-{session.slug}/kalender.ics", personal]

    for url in urls:
        get, head = client.get(url), client.head(url)

        assert head.status_code == get.status_code == 200, url
        assert head.content == b"", url
        assert {name: head[name] for name in SAME_HEADERS} == {name: get[name] for name in SAME_HEADERS}, url
        assert int(head["Content-Length"]) == len(get.content), url
        assert client.head(url, HTTP_IF_NONE_MATCH=get["ETag"]).status_code == 304, url


def test_a_feed_refuses_other_methods(client, programme):
    assert client.post(ALL).status_code == 405
    assert client.put(ALL).status_code == 405


# --- validators ----------------------------------------------------------------------------------------


def test_an_unchanged_feed_keeps_its_validators_and_answers_either_with_304(client, programme, feed_cache):
    make_session(programme, title="Grundutbildning")
    first = client.get(ALL)
    again = client.get(ALL)

    assert (again["ETag"], again["Last-Modified"]) == (first["ETag"], first["Last-Modified"])
    assert client.get(ALL, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(ALL, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


def test_an_unpublished_session_leaves_the_feed_and_no_old_copy_stays_current(client, programme, feed_cache):
    make_session(programme, title="Grundutbildning")
    leaving = make_session(programme, title="Avpubliceras", starts_at=local(2027, 2, 5, 9))
    before = client.get(ALL)

    leaving.unpublish()

    after = assert_old_copy_is_not_current(client, ALL, before)
    assert summaries(after) == {"vobject": ["Grundutbildning"], "ical.js": ["Grundutbildning"]}


def test_a_cancelled_session_past_its_retention_leaves_and_no_old_copy_stays_current(client, programme, settings):
    settings.INSYN_CALENDAR_CANCELLED_DAYS = 60
    make_session(programme, title="Grundutbildning")
    cancelled = republish(make_session(programme, title="Inställd", starts_at=local(2027, 2, 5, 9)),
                          status=TrainingSession.Status.CANCELLED, status_reason="För få anmälda.")
    before = client.get(ALL)
    assert "Inställd" in summaries(before)["vobject"]

    # Sixty-one days later: only the clock moved, no record changed.
    TrainingSession.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now() - datetime.timedelta(days=61))

    after = assert_old_copy_is_not_current(client, ALL, before)
    assert summaries(after) == {"vobject": ["Grundutbildning"], "ical.js": ["Grundutbildning"]}


def test_renaming_the_responsible_committee_changes_the_validators(client, programme, feed_cache):
    committee = make_committee("KF", "Kommunfullmäktige")
    make_session(programme, title="Grundutbildning", responsible_body=committee)
    before = client.get(ALL)

    committee.name = "Fullmäktige i Ådala"
    committee.save()

    after = assert_old_copy_is_not_current(client, ALL, before)
    for parsed in parse_both(after.content).values():
        assert "Ansvarig: Fullmäktige i Ådala" in parsed["events"][0]["description"]


def test_renaming_a_committee_changes_the_name_of_its_audience_feed(client, programme, feed_cache):
    kfn = make_committee("KFN", "Kultur- och fritidsnämnden")
    make_session(programme, title="För KFN", audience=Audience.COMMITTEES, committees=[kfn])
    url = "/utbildning/kalender/namnd-kfn.ics"
    before = client.get(url)

    kfn.name = "Kulturnämnden"
    kfn.save()

    after = assert_old_copy_is_not_current(client, url, before)
    assert {parsed["name"] for parsed in parse_both(after.content).values()} == {"Utbildning för ledamöter i Kulturnämnden"}


def test_two_changes_within_a_second_give_three_different_dates(client, programme):
    session = make_session(programme, title="Första")
    dates = [parse_http_date(client.get(ALL)["Last-Modified"])]
    for title in ("Andra", "Tredje"):
        session = republish(session, title=title)
        dates.append(parse_http_date(client.get(ALL)["Last-Modified"]))

    assert dates[0] < dates[1] < dates[2]


def test_a_cancelled_sign_up_takes_the_session_out_of_my_feed_and_no_old_copy_stays_current(client, member, feed_cache):
    politician, url, for_kfn, _kfn = member
    for_kfn.sign_up(politician)
    before = client.get(url)
    assert summaries(before)["ical.js"] == ["För BUN", "För KFN"]

    for_kfn.cancel_sign_up(politician)

    after = assert_old_copy_is_not_current(client, url, before)
    assert summaries(after) == {"vobject": ["För BUN"], "ical.js": ["För BUN"]}


def test_a_new_sign_up_puts_the_session_in_my_feed_and_no_old_copy_stays_current(client, member, feed_cache):
    politician, url, for_kfn, _kfn = member
    before = client.get(url)

    SignUp.objects.create(session=for_kfn, politician=politician)

    after = assert_old_copy_is_not_current(client, url, before)
    assert summaries(after)["vobject"] == ["För BUN", "För KFN"]


def test_joining_a_committee_changes_my_feed_and_no_old_copy_stays_current(client, member, programme, feed_cache):
    politician, url, _for_kfn, kfn = member
    before = client.get(url)

    Membership.objects.create(politician=politician, committee=kfn, period=programme.period,
                              role=Membership.Role.SUBSTITUTE)

    after = assert_old_copy_is_not_current(client, url, before)
    assert summaries(after)["ical.js"] == ["För BUN", "För KFN"]


# --- the calendar's name, and the address of a session's feed -------------------------------------------


def test_the_calendar_name_is_escaped_as_text_and_read_whole_by_both_parsers(client, programme):
    title = "Budget, mål; uppföljning \\ del 1"
    session = make_session(programme, title=title)

    data = client.get(f"/utbildning/{session.pk}-{session.slug}/kalender.ics").content

    assert "\r\nNAME:Budget\\, mål\\; uppföljning \\\\ del 1\r\n" in data.decode()
    assert "\r\nX-WR-CALNAME:Budget\\, mål\\; uppföljning \\\\ del 1\r\n" in data.decode()
    for name, parsed in parse_both(data).items():
        assert parsed["name"] == parsed["calname"] == title, name
        assert parsed["events"][0]["summary"] == title, name


def test_a_session_feed_under_an_old_or_wrong_slug_redirects_to_the_right_address(client, programme):
    session = make_session(programme, title="Grundutbildning")
    old = f"/utbildning/{session.pk}-{session.slug}/kalender.ics"

    session = republish(session, title="Grundutbildning för nya ledamöter")
    right = f"/utbildning/{session.pk}-grundutbildning-for-nya-ledamoter/kalender.ics"

    for url in (old, f"/utbildning/{session.pk}-fel/kalender.ics"):
        for response in (client.get(url), client.head(url)):
            assert response.status_code == 301, url
            assert response["Location"] == right
    assert client.get(right).status_code == 200


# --- kept feeds ------------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 30])
def test_a_kept_personal_feed_costs_one_query_for_one_or_many_sessions(
    client, member, programme, count, settings, django_assert_num_queries
):
    keep_feeds(settings)
    _politician, personal, _session, _kfn = member
    for index in range(count):
        make_session(programme, title=f"För alla {index}", starts_at=local(2030, 6, 1 + index % 28, 9))
    first = client.get(personal)

    with django_assert_num_queries(1):  # the token, with its account and role
        again = client.get(personal)
    with django_assert_num_queries(1):
        unchanged = client.get(personal, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content and first.content.count(b"BEGIN:VEVENT") == count + 1
    assert unchanged.status_code == 304


def test_a_renewed_address_stops_a_kept_personal_feed_at_once(client, member, feed_cache):
    politician, personal, _session, _kfn = member
    assert client.get(personal).status_code == 200

    CalendarToken.objects.renew(politician)

    assert client.get(personal).status_code == 404
