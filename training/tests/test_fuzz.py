"""Odd input to the training programme's filters, sign-up, attendance and calendar feeds never
gives a server error: a bad filter says why in Swedish, a bad feed address is a 404."""

import datetime
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import event, example, given
from hypothesis import strategies as st

from cms.testing import client_for
from cms.tests.strategies import (
    SCRIPT,
    assert_no_server_error,
    assert_swedish_field_errors,
    assert_unescaped_script_absent,
    form_data,
    fuzz,
    is_swedish,
    odd_text,
    odd_value,
    rolled_back,
)
from training.models import Audience, CalendarToken, SignUp

from .factories import make_committee, make_period, make_politician, make_programme, make_session

pytestmark = pytest.mark.django_db



@pytest.fixture
def world(site_home):
    # A programme whose period holds both today and a session held three days ago.
    period = make_period(timezone.localdate().year - 2)
    programme = make_programme(site_home, period=period)
    committee = make_committee("BUN", "Barn- och utbildningsnämnden")
    politician = make_politician("paula", committee=committee, period=period)
    start = timezone.now() + datetime.timedelta(days=30)
    session = make_session(programme, title="Budget för nya ledamöter " + SCRIPT, starts_at=start,
                           ends_at=start + datetime.timedelta(hours=3), responsible_body=committee,
                           programme_year=3, capacity=5)
    past = make_session(programme, starts_at=timezone.now() - datetime.timedelta(days=3),
                        ends_at=timezone.now() - datetime.timedelta(days=3) + datetime.timedelta(hours=2),
                        audience=Audience.ALL, programme_year=3)
    token = CalendarToken.objects.renew(politician)
    return {"programme": programme, "committee": committee, "politician": politician, "session": session,
            "past": past, "token": token}


@fuzz(30)
@given(params=form_data("malgrupp", "ansvarig", "mina"), logged_in=st.booleans())
def test_any_filter_of_the_programme_gives_a_swedish_message_not_an_error(world, params, logged_in):
    client = client_for(world["politician"].user) if logged_in else Client()
    response = client.get(world["programme"].url, params)
    assert_no_server_error(response)
    assert response.status_code == 200
    assert_unescaped_script_absent(response)
    if response.context["filter_form"].errors:
        event("rejected")
        assert_swedish_field_errors(response, form_key="filter_form")


@fuzz(25)
@given(tail=st.one_of(odd_text.map(lambda text: quote(text.replace("/", ""), safe="")),
                      st.sampled_from(["99999999999999999999-x/", "0-/", "\u0661\u0662-x/", "1-%00/", "-1-x/"])))
def test_any_session_address_below_the_programme_is_a_page_or_a_404(world, tail):
    response = Client().get(world["programme"].url + tail)
    assert_no_server_error(response)
    assert response.status_code in (200, 301, 302, 404)


@fuzz(30)
@given(fields=form_data("atgard", "x"), which=st.sampled_from(["session", "past"]))
@example(fields={"atgard": ["anmal", "avanmal"]}, which="session")
def test_signing_up_with_any_action_gives_a_swedish_message_and_at_most_one_sign_up(world, fields, which):
    session = world[which]
    client = client_for(world["politician"].user)
    with rolled_back():
        response = client.post(reverse("training:sign_up", args=[session.pk]), fields)
        assert_no_server_error(response)
        assert response.status_code == 302
        assert SignUp.objects.active().filter(session=session, politician=world["politician"]).count() <= 1
        page = client.get(response["Location"])
        assert page.status_code == 200
        assert_unescaped_script_absent(page)
        messages = [str(message) for message in page.context["messages"]]
        assert messages and all(is_swedish(message) for message in messages)


@pytest.mark.parametrize("pk", ["0", "99999999999999999999", "2147483648", "9223372036854775808"])
def test_signing_up_for_a_session_that_does_not_exist_is_a_404(world, pk):
    response = client_for(world["politician"].user).post(f"/utbildning/{pk}/anmalan/", {"atgard": "anmal"})
    assert response.status_code == 404


FEED_PATHS = st.one_of(
    st.sampled_from([
        "/utbildning/kalender/alla.ics", "/utbildning/kalender/namnd-bun.ics", "/utbildning/kalender/namnd-.ics",
        "/utbildning/kalender/namnd-finns-inte.ics", "/utbildning/kalender/okand.ics",
        "/utbildning/99999999999999999999-x/kalender.ics", "/utbildning/0-x/kalender.ics", "/kalender/.ics",
        "/kalender/%00.ics", "/kalender/" + "a" * 500 + ".ics", "/kalender/%C3%A5%E2%80%AE.ics",
        "/kalender/..%2F..%2Fetc.ics", "/kalender/%FF%FE.ics", "/utbildning/1-fel-kortnamn/kalender.ics",
    ]),
    odd_text.map(lambda text: "/kalender/" + quote(text, safe="") + ".ics"),
)
CONDITIONAL = st.fixed_dictionaries({}, optional={
    "HTTP_IF_NONE_MATCH": st.one_of(odd_value, st.just("*"), st.just('W/"x", "y"')),
    "HTTP_IF_MODIFIED_SINCE": st.one_of(odd_value, st.sampled_from([
        "Sat, 29 Oct 1994 19:43:31 GMT", "Mon, 30 Feb 2026 00:00:00 GMT", "Fri, 31 Dec 99999 23:59:59 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT", "-1"])),
}).map(lambda headers: {key: value.replace("\x00", "").replace("\n", " ").replace("\r", " ")
                        for key, value in headers.items() if isinstance(value, str)})


@fuzz(40)
@given(path=FEED_PATHS, params=form_data("token", "format", "from"), headers=CONDITIONAL,
       method=st.sampled_from(["get", "head"]))
def test_any_feed_address_query_or_conditional_header_is_a_calendar_a_304_or_a_404(world, path, params, headers,
                                                                                   method):
    response = getattr(Client(), method)(path, params, **headers)
    assert_no_server_error(response)
    event(f"status {response.status_code}")
    assert response.status_code in (200, 301, 304, 404)
    if response.status_code == 200:
        assert response["Content-Type"] == "text/calendar; charset=utf-8"
        assert b"<script>" not in response.content or b"SUMMARY:" in response.content


@fuzz(25)
@given(params=form_data("token"), headers=CONDITIONAL)
def test_a_valid_personal_feed_answers_any_query_and_header(world, params, headers):
    response = Client().get(f"/kalender/{world['token'].key}.ics", params, **headers)
    assert_no_server_error(response)
    assert response.status_code in (200, 304)


@fuzz(25)
@given(fields=st.dictionaries(st.sampled_from(["narvaro-{pk}", "narvaro-0", "narvaro-x", "y"]), odd_value, max_size=3))
def test_recording_attendance_with_any_value_stores_a_yes_or_no(world, admin_user, fields):
    past = world["past"]
    client = client_for(admin_user)
    with rolled_back():
        signup = SignUp.objects.create(session=past, politician=world["politician"], status=SignUp.Status.CONFIRMED)
        data = {key.format(pk=signup.pk): value for key, value in fields.items()}
        response = client.post(reverse("training_attendance", args=[past.pk]), data)
        assert_no_server_error(response)
        assert response.status_code in (200, 302)
        signup.refresh_from_db()
        assert signup.attended in (True, False, None)


@fuzz(20)
@given(fmt=st.one_of(odd_text.map(lambda text: quote(text.replace("/", ""), safe="")), st.sampled_from(["csv", "xlsx"])),
       pk=st.sampled_from(["0", "1", "99999999999999999999"]))
def test_any_attendance_export_address_is_a_file_or_a_404(world, admin_user, fmt, pk):
    client = client_for(admin_user)
    for url in (f"/admin/utbildning/narvaro/{pk}/export.{fmt}", f"/admin/utbildning/deltagare/{pk}/export.{fmt}"):
        response = client.get(url)
        assert_no_server_error(response)
        assert response.status_code in (200, 301, 404)  # 301: APPEND_SLASH for an empty format


@fuzz(25)
@given(data=st.data())
def test_an_editor_adding_a_session_with_any_values_gets_a_draft_or_a_swedish_message(world, admin_user, data):
    from cms.tests.strategies import assert_swedish_form_errors, mutated
    from training.models import TrainingSession

    base = session_form(world)
    fields = data.draw(mutated(base, "title", "programme_year", "starts_at", "ends_at", "location", "audience",
                               "description", "status", "status_reason", "capacity", "signup_deadline",
                               "recording_url", "audience_committees"))
    # The StreamField's own count field stays: without it Wagtail 8.0.1 answers 500 (MultiValueDictKeyError).
    fields["materials-count"] = "0"
    client = client_for(admin_user)
    with rolled_back():
        before = TrainingSession.objects.count()
        response = client.post("/admin/snippets/training/trainingsession/add/", fields)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 302:
            assert TrainingSession.objects.count() == before + 1
        else:
            assert response.status_code == 200 and TrainingSession.objects.count() == before
            form = response.context["form"]
            assert_swedish_form_errors(form, response.content.decode(), tied="admin")


@pytest.mark.parametrize("key", ["%00", "a%00b", "%C3%A5", "a" * 65, "..", "%20"])
def test_a_personal_feed_key_outside_the_token_alphabet_is_a_404(world, key):
    assert Client().get(f"/kalender/{key}.ics").status_code == 404


def session_form(world):
    return {
        "programme": str(world["programme"].pk), "title": "Nämndutbildning " + SCRIPT, "programme_year": "3",
        "responsible_body": str(world["committee"].pk), "starts_at": "2026-12-10 17:00",
        "ends_at": "2026-12-10 20:00", "location": "Kommunhuset " + SCRIPT, "audience": Audience.ALL,
        "description": "", "status": "planned", "status_reason": "", "capacity": "", "signup_deadline": "",
        "recording_url": "",
    }


@pytest.mark.parametrize("committee_id", ["9223372036854775808", "-99999999999999999999"])
def test_a_committee_id_past_64_bits_is_refused_in_swedish_not_a_server_error(world, admin_user, committee_id):
    data = {**session_form(world), "audience": Audience.COMMITTEES, "audience_committees": [committee_id],
            "materials-count": "0"}
    response = client_for(admin_user).post("/admin/snippets/training/trainingsession/add/", data)
    assert response.status_code == 200
    assert all(is_swedish(m) for m in response.context["form"].errors["audience_committees"])
