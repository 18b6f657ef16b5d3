import datetime
import re

import icalendar
import pytest
from django.utils import timezone

from cms import roles
from cms.testing import generation_cache_on
from training.models import Audience, CalendarToken, SignUp, TrainingSession

from .factories import (
    local, make_committee, make_period, make_politician, make_programme, make_session, make_user, republish,
)

pytestmark = pytest.mark.django_db


def test_the_programme_shows_one_programme_year_grouped_by_month(client, programme):
    make_session(programme, title="Grundutbildning", starts_at=local(2027, 2, 4, 9))
    make_session(programme, title="Vision och mål", starts_at=local(2028, 2, 16, 17))
    cancelled = make_session(programme, title="Arbetsgivarrollen", starts_at=local(2027, 11, 10, 13))
    republish(cancelled, status=TrainingSession.Status.CANCELLED, status_reason="För få anmälda.")
    make_session(programme, title="Utkastet", publish=False)

    html = client.get("/utbildning/").content.decode()
    second = client.get("/utbildning/", {"ar": "2"}).content.decode()

    assert html.index("År 1 av mandatperioden") < html.index("Februari 2027") < html.index("Grundutbildning")
    assert html.index("November 2027") < html.index("Arbetsgivarrollen")
    assert "Inställt" in html
    assert "Vision och mål" not in html and "Utkastet" not in html
    assert 'aria-current="page">År 1 (2027)</a> <span class="programme-years__count">2 tillfällen' in html
    assert 'href="?ar=2">År 2 (2028)</a> <span class="programme-years__count">1 tillfälle' in html
    assert "År 2 av mandatperioden" in second and "Vision och mål" in second and "Grundutbildning" not in second
    feed = f"testserver/utbildning/program/{programme.pk}/kalender.ics"
    assert f'value="http://{feed}"' in html and f'href="webcal://{feed}"' in html
    assert "Prenumerera på hela programmet" in html
    assert "Google Kalender" in html and "Outlook" in html and "Apple Kalender" in html and "iPhone" in html


def test_the_programme_opens_at_the_year_of_today_and_pages_through_a_long_year(client, programme, monkeypatch):
    for index in range(27):
        make_session(programme, title=f"Tillfälle {index + 1:02d}", starts_at=local(2029, 1, 2 + index, 9))
    make_session(programme, title="Året innan", starts_at=local(2028, 3, 1, 9))
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: datetime.date(2029, 5, 1))

    first = client.get("/utbildning/").content.decode()
    last = client.get("/utbildning/", {"sida": "2"}).content.decode()

    assert "År 3 av mandatperioden" in first and "Året innan" not in first
    assert "Tillfälle 01" in first and "Tillfälle 20" in first and "Tillfälle 21" not in first
    assert "Sida 1 av 2" in first and 'href="?sida=2"' in first
    assert "Tillfälle 21" in last and "Tillfälle 27" in last and "Tillfälle 20" not in last
    assert last.index("Januari 2029") < last.index("Tillfälle 21")  # the month heading again on the next page


def test_a_programme_year_outside_1_to_4_gives_a_swedish_error_and_the_default_year(client, programme):
    make_session(programme, title="Grundutbildning", starts_at=local(2027, 2, 4, 9))

    for value in ("5", "0", "x", "1; DROP", "\x00"):
        response = client.get("/utbildning/", {"ar": value})
        html = response.content.decode()
        assert response.status_code == 200
        assert "Programåret är 1, 2, 3 eller 4." in html
        assert "Grundutbildning" in html


def test_the_programme_filters_by_audience_and_responsible_body(client, programme):
    ks = make_committee("KS", "Kommunstyrelsen")
    make_session(programme, title="För alla")
    make_session(programme, title="Ordförandeutbildning", audience=Audience.PRESIDIUMS, responsible_body=ks)

    by_audience = client.get("/utbildning/", {"malgrupp": "presidiums"}).content.decode()
    by_body = client.get("/utbildning/", {"ansvarig": "ks"}).content.decode()

    assert "Ordförandeutbildning" in by_audience and "För alla" not in by_audience
    assert "Ordförandeutbildning" in by_body and "För alla" not in by_body


def test_an_invalid_filter_gives_a_swedish_error_not_a_500(client, programme):
    make_session(programme, title="För alla")

    response = client.get("/utbildning/", {"malgrupp": "<script>", "ansvarig": "finns-inte", "mina": "x"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Välj en av målgrupperna i listan." in html
    assert "Välj en av de ansvariga i listan." in html
    assert "För alla" in html


def test_mine_shows_a_politician_only_their_sessions(client, programme):
    bun = make_committee("BUN", "Barn- och utbildningsnämnden")
    paula = make_politician("paula", committee=bun)
    make_session(programme, title="För BUN", audience=Audience.COMMITTEES, committees=[bun])
    make_session(programme, title="För KFN", audience=Audience.COMMITTEES, committees=[make_committee("KFN")])
    client.force_login(paula.user)

    html = client.get("/utbildning/", {"mina": "on"}).content.decode()

    assert "För BUN" in html and "För KFN" not in html


def test_mine_is_not_offered_to_visitors(client, programme):
    assert "Bara tillfällen för mig" not in client.get("/utbildning/").content.decode()


# A politician's programme page with their own filter ("only mine" reads the user, so the page is
# rendered for them; their sign-up statuses are one query of their own). Without the generation cache
# (cms/memo.py): routing 6, session, user, politician, committees with sessions, the
# politician's audiences 3 (memberships, programmes, sessions with an audience), counts per
# year, the programme's start, the year's page and its committees, their sign-ups, committees for
# the feed links, the page's translations (hreflang links, language switcher), site settings,
# permissions 2, menu. With it: session, user, counts per year, the year's page and its
# committees, their sign-ups.
PROGRAMME_QUERIES = {False: 24, True: 6}


@pytest.mark.parametrize("cached", [False, True])
@pytest.mark.parametrize("count", [1, 30])
def test_the_programme_page_makes_the_same_number_of_queries_for_one_or_many_sessions(
    client, programme, count, cached, settings, django_assert_num_queries
):
    bun = make_committee("BUN")
    paula = make_politician("paula", committee=bun)
    for index in range(count):
        session = make_session(
            programme, audience=Audience.COMMITTEES, committees=[bun], starts_at=local(2027, 2 + index % 10, 4, 9),
            programme_year=1,
        )
        SignUp.objects.create(session=session, politician=paula)
    if cached:
        generation_cache_on(settings)
    client.force_login(paula.user)
    client.get("/utbildning/", {"malgrupp": "committees", "mina": "on"})  # warm the site and session caches

    with django_assert_num_queries(PROGRAMME_QUERIES[cached]):
        response = client.get("/utbildning/", {"malgrupp": "committees", "mina": "on"})
    assert response.content.decode().count("Du är anmäld") == min(count, 20)


def shared_programme_world(programme, count):
    """Two politicians of BUN: Paula signed up for every session, Petra on the waiting list of
    the first; `count` sessions for BUN in programme year 1."""
    bun = make_committee("BUN")
    paula, petra = make_politician("paula", committee=bun), make_politician("petra", committee=bun)
    sessions = [
        make_session(programme, title=f"Tillfälle {index + 1:02d}", audience=Audience.COMMITTEES, committees=[bun],
                     starts_at=local(2027, 2 + index % 10, 4, 9), programme_year=1)
        for index in range(count)
    ]
    for session in sessions:
        SignUp.objects.create(session=session, politician=paula)
    SignUp.objects.create(session=sessions[0], politician=petra, status=SignUp.Status.WAITING)
    return paula, petra, sessions


def page_cache_on(settings):
    from django.core.cache import cache

    cache.clear()
    settings.INSYN_PAGE_CACHE_SECONDS = 300
    generation_cache_on(settings)


def test_politicians_share_one_copy_of_the_programme_each_with_their_own_sign_ups(programme, settings):
    from cms.testing import client_for

    paula, petra, _sessions = shared_programme_world(programme, 3)
    page_cache_on(settings)

    for_paula = client_for(paula.user).get("/utbildning/")
    for_petra = client_for(petra.user).get("/utbildning/")
    for_a_secretary = client_for(make_user("sekreteraren", group=roles.SECRETARIES)).get("/utbildning/")

    assert (for_paula["X-Cache"], for_petra["X-Cache"], for_a_secretary["X-Cache"]) == ("miss", "hit", "hit")
    paula_html, petra_html = for_paula.content.decode(), for_petra.content.decode()
    assert paula_html.count("Du är anmäld") == 3 and "Du står på väntelistan" not in paula_html
    assert petra_html.count("Du står på väntelistan") == 1 and "Du är anmäld" not in petra_html
    first = re.search(r"<h4>.*?</h4>", petra_html, re.DOTALL).group(0)
    assert "Tillfälle 01" in first and "Du står på väntelistan" in first  # the status sits with its session
    for html in (paula_html, petra_html):
        assert "Bara tillfällen för mig" in html and "Din personliga kalender" in html
    secretary_html = for_a_secretary.content.decode()
    assert "Bara tillfällen för mig" in secretary_html  # staff sign up too
    assert "Din personliga kalender" not in secretary_html and "Du är anmäld" not in secretary_html
    assert "insyn-personal" not in paula_html + petra_html + secretary_html


def test_a_sign_up_shows_on_the_shared_programme_at_the_next_request(programme, settings):
    from cms.testing import client_for

    _paula, petra, sessions = shared_programme_world(programme, 2)
    page_cache_on(settings)
    client = client_for(petra.user)
    client.get("/utbildning/")
    assert client.get("/utbildning/")["X-Cache"] == "hit"

    SignUp.objects.create(session=sessions[1], politician=petra)
    response = client.get("/utbildning/")

    assert response.content.decode().count("Du är anmäld") == 1


@pytest.mark.parametrize("count", [1, 30])
def test_the_shared_programme_costs_a_politician_the_same_queries_for_one_or_many_sessions(
    programme, count, settings, django_assert_num_queries
):
    from cms.testing import client_for

    paula, _petra, _sessions = shared_programme_world(programme, count)
    page_cache_on(settings)
    client = client_for(paula.user)
    client.get("/utbildning/")  # stores the shared copy

    # The session, the user and their sign-ups (the politician is kept per generation).
    with django_assert_num_queries(3):
        response = client.get("/utbildning/")
    assert response["X-Cache"] == "hit" and response.content.decode().count("Du är anmäld") == min(count, 20)


def test_a_session_page_shows_everything_and_its_calendar_links(client, programme):
    session = make_session(
        programme, title="Grundutbildning", description="Kommunallagen.\n\nRoller.", capacity=10,
        online_url="https://moten.adala.example.se/grund", recording_url="https://video.adala.example.se/grund",
        recording_captioned_at_source=True,
    )

    response = client.get(f"/utbildning/{session.pk}-{session.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Grundutbildning</h1>" in html
    assert "Kommunhuset, sessionssalen" in html and "https://moten.adala.example.se/grund" in html
    assert "10 lediga av 10" in html
    assert "torsdag 4 februari 2027, kl. 09.00" in html
    assert f"webcal://testserver/utbildning/{session.pk}-{session.slug}/kalender.ics" in html
    assert "Logga in för att anmäla dig" in html
    assert "Se inspelningen" not in html  # not held yet


def test_a_past_session_shows_its_captioned_recording(client, site_home):
    from .factories import make_period, make_programme

    old = make_programme(site_home, make_period(2023), slug="utbildning-2023")
    session = make_session(
        old, title="Grundutbildning 2023", starts_at=local(2023, 2, 8, 9),
        recording_url="https://video.adala.example.se/2023", recording_captioned_at_source=True,
    )

    html = client.get(f"/utbildning-2023/{session.pk}-{session.slug}/").content.decode()

    assert 'href="https://video.adala.example.se/2023"' in html
    assert "Anmälan är stängd." in html


def test_a_session_address_with_an_old_slug_redirects_and_drafts_are_not_found(client, programme):
    session = make_session(programme, title="Ny rubrik")
    draft = make_session(programme, publish=False)

    assert client.get(f"/utbildning/{session.pk}-gammal/").headers["Location"] == f"/utbildning/{session.pk}-ny-rubrik/"
    assert client.get(f"/utbildning/{draft.pk}-{draft.slug}/").status_code == 404
    assert client.get("/utbildning/999999-x/").status_code == 404


def test_a_session_of_another_programme_is_not_found_under_this_one(client, site_home, programme):
    from .factories import make_period, make_programme

    other = make_session(make_programme(site_home, make_period(2031), slug="utbildning-2031"),
                         starts_at=local(2031, 2, 4, 9))

    assert client.get(f"/utbildning/{other.pk}-{other.slug}/").status_code == 404


def test_a_politician_signs_up_and_cancels_on_the_session_page(client, programme):
    session = make_session(programme, capacity=1)
    paula = make_politician("paula")
    client.force_login(paula.user)
    url = f"/utbildning/{session.pk}-{session.slug}/"
    assert 'value="anmal"' in client.get(url).content.decode()

    response = client.post(f"/utbildning/{session.pk}/anmalan/", {"atgard": "anmal"}, follow=True)

    html = response.content.decode()
    assert "Du är anmäld till" in html and 'value="avanmal"' in html and "0 lediga av 1" in html
    client.post(f"/utbildning/{session.pk}/anmalan/", {"atgard": "avanmal"})
    assert SignUp.objects.get().status == SignUp.Status.CANCELLED


def test_a_politician_on_a_full_session_is_offered_the_waiting_list(client, programme):
    session = make_session(programme, capacity=1)
    session.sign_up(make_politician("forsta"))
    paula = make_politician("paula")
    client.force_login(paula.user)

    assert "Ställ mig på väntelistan" in client.get(f"/utbildning/{session.pk}-{session.slug}/").content.decode()
    html = client.post(f"/utbildning/{session.pk}/anmalan/", {"atgard": "anmal"}, follow=True).content.decode()
    assert "väntelistan, plats 1" in html


def test_a_closed_sign_up_gives_a_message_not_an_error(client, programme):
    session = make_session(programme, signup_deadline=timezone.now() + datetime.timedelta(seconds=1))
    session = TrainingSession.objects.get(pk=session.pk)
    TrainingSession.objects.filter(pk=session.pk).update(signup_deadline=timezone.now() - datetime.timedelta(days=1))
    client.force_login(make_politician("paula").user)

    response = client.post(f"/utbildning/{session.pk}/anmalan/", {"atgard": "anmal"}, follow=True)

    assert "Anmälan till det här tillfället är stängd." in response.content.decode()
    assert SignUp.objects.count() == 0


def test_an_unknown_action_gives_a_message(client, programme):
    session = make_session(programme)
    client.force_login(make_politician("paula").user)

    html = client.post(f"/utbildning/{session.pk}/anmalan/", {"atgard": "hacka"}, follow=True).content.decode()

    assert "Okänd åtgärd" in html


def test_nobody_signs_up_without_logging_in_nor_without_being_a_politician(client, programme):
    session = make_session(programme)
    url = f"/utbildning/{session.pk}/anmalan/"

    assert client.post(url, {"atgard": "anmal"})["Location"].startswith("/logga-in/")
    client.force_login(make_user("enhetschef", group="Enhetschefer"))
    assert client.post(url, {"atgard": "anmal"}).status_code == 403
    assert "Anmälan är till för förtroendevalda" in client.get(f"/utbildning/{session.pk}-{session.slug}/").content.decode()
    assert client.get(url).status_code == 405
    assert SignUp.objects.count() == 0


def test_nobody_signs_up_for_a_draft(client, programme):
    draft = make_session(programme, publish=False)
    client.force_login(make_politician("paula").user)

    assert client.post(f"/utbildning/{draft.pk}/anmalan/", {"atgard": "anmal"}).status_code == 404


def test_my_pages_show_my_sessions_what_i_attended_and_my_personal_feed(client, site_home, programme):
    from .factories import make_period, make_programme

    paula = make_politician("paula", committee=make_committee("BUN"), period=make_period(2023))
    coming = make_session(programme, title="Grundutbildning 2027")
    coming.sign_up(paula)
    old = make_programme(site_home, make_period(2023), slug="utbildning-2023")
    held = make_session(old, title="Grundutbildning 2023", starts_at=local(2023, 2, 8, 9))
    SignUp.objects.create(session=held, politician=paula, attended=True)
    missed = make_session(old, title="Omvärldsanalys 2025", starts_at=local(2025, 3, 12, 9))
    client.force_login(paula.user)

    html = client.get("/mina-sidor/").content.decode()

    assert "Mina utbildningar" in html
    assert "Grundutbildning 2027" in html
    assert re.search(r"Grundutbildning 2023</a></td><td[^>]*>2023-02-08</td>\s*<td[^>]*>Närvarade", html)
    assert missed.title in html and "Ej registrerad" in html
    token = CalendarToken.objects.active().get(politician=paula)
    assert f"webcal://testserver/kalender/{token.key}.ics" in html
    assert client.get("/mina-sidor/").content.decode().count(token.key) == 2  # the same link on every visit


def test_a_politician_renews_the_personal_feed_link_and_the_old_one_dies(client, programme):
    paula = make_politician("paula")
    client.force_login(paula.user)
    client.get("/mina-sidor/")
    old = CalendarToken.objects.active().get(politician=paula)

    asked = client.post("/mina-sidor/kalender/ny-lank/")
    assert asked.status_code == 200 and "slutar fungera direkt" in asked.content.decode()
    assert CalendarToken.objects.active().get(politician=paula) == old
    response = client.post("/mina-sidor/kalender/ny-lank/", {"bekrafta": "ja"}, follow=True)

    new = CalendarToken.objects.active().get(politician=paula)
    assert new.key != old.key
    assert "Du har fått en ny kalenderlänk" in response.content.decode()
    assert client.get(f"/kalender/{old.key}.ics").status_code == 404
    assert client.get(f"/kalender/{new.key}.ics").status_code == 200


def test_my_pages_offer_no_calendar_link_to_a_registered_politician_without_the_role(client, programme):
    paula = make_politician("paula")
    paula.user.groups.clear()
    client.force_login(paula.user)

    html = client.get("/mina-sidor/").content.decode()

    assert "Mina utbildningar" in html
    assert "Din personliga kalender" not in html and "/kalender/" not in html


def test_nobody_renews_a_feed_link_without_logging_in_nor_without_being_a_politician(client, programme):
    paula = make_politician("paula")
    token = CalendarToken.objects.current_for(paula)

    assert client.post("/mina-sidor/kalender/ny-lank/")["Location"].startswith("/logga-in/")
    client.force_login(make_user("enhetschef", group="Enhetschefer"))
    assert client.post("/mina-sidor/kalender/ny-lank/").status_code == 403
    assert "Mina utbildningar" not in client.get("/mina-sidor/").content.decode()
    # Another politician renews their own link, never Paula's.
    client.force_login(make_politician("per").user)
    client.post("/mina-sidor/kalender/ny-lank/", {"bekrafta": "ja"})
    assert CalendarToken.objects.active().filter(pk=token.pk).exists()
    assert client.get("/mina-sidor/kalender/ny-lank/").status_code == 405


@pytest.mark.parametrize("count", [1, 6])
def test_my_training_section_makes_the_same_number_of_queries_for_one_or_many(
    rf, site_home, programme, count, django_assert_num_queries
):
    from django.template.loader import render_to_string

    from training.wagtail_hooks import my_training

    from .factories import make_period, make_programme

    paula = make_politician("paula", committee=make_committee("BUN"), period=make_period(2023))
    old = make_programme(site_home, make_period(2023), slug="utbildning-2023")
    for index in range(count):
        make_session(programme, starts_at=local(2027, 2 + index, 4, 9)).sign_up(paula)
        held = make_session(old, starts_at=local(2023, 2 + index, 8, 9))
        SignUp.objects.create(session=held, politician=paula, attended=True)
    request = rf.get("/mina-sidor/")
    request.user = paula.user
    my_training(request)  # makes the feed token and warms the site cache

    # politician, sign-ups, the politician's audiences 3, the latest past sessions, the user's groups
    # (for the personal feed; in a request cms.memo has them), the feed token
    with django_assert_num_queries(8):
        section = my_training(request)
        html = render_to_string(section["template"], {"section": section, "request": request})
    assert html.count(">Närvarade</td>") == count


def test_the_programme_page_offers_feeds_of_its_own_sessions_only(client, site_home, programme):
    make_session(programme, title="Grundutbildning 2027", starts_at=local(2027, 2, 4, 9))
    make_session(programme, title="För presidier 2027", audience=Audience.PRESIDIUMS, starts_at=local(2027, 9, 22, 9))
    old = make_programme(site_home, make_period(2023), slug="utbildning-2023")
    make_session(old, title="Grundutbildning 2023", starts_at=local(2023, 2, 8, 9))
    make_session(old, title="För presidier 2023", audience=Audience.PRESIDIUMS, starts_at=local(2023, 9, 20, 9))

    html = client.get("/utbildning/").content.decode()
    addresses = re.findall(r'value="http://testserver(/utbildning/program/[^"]+)"', html)

    assert addresses[0] == f"/utbildning/program/{programme.pk}/kalender.ics"
    assert f"/utbildning/program/{programme.pk}/kalender/presidier.ics" in addresses
    for address in addresses:
        titles = [str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(client.get(address).content).walk("VEVENT")]
        assert not [title for title in titles if "2023" in title], address
    assert "Grundutbildning 2027" in client.get(addresses[0]).content.decode()
    assert f"/utbildning/program/{old.pk}/kalender.ics" in client.get("/utbildning-2023/").content.decode()


def test_every_feed_on_the_programme_has_one_subscribe_action_that_names_it(client, programme):
    make_committee("BUN", "Barn- och utbildningsnämnden")

    html = client.get("/utbildning/").content.decode()

    summaries = re.findall(r'<summary class="subscribe__summary">([^<]+)</summary>', html)
    assert "Prenumerera på utbildningar för presidier" in summaries
    assert "Prenumerera på utbildningar för ledamöter i Barn- och utbildningsnämnden" in summaries
    assert len(summaries) == len(set(summaries)) == html.count('class="subscribe"')
    assert "https-adress" not in html
    assert html.count("Kopiera adressen") == len(summaries)


def test_a_programme_feed_of_an_unpublished_or_restricted_programme_is_not_found(client, programme):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(page=programme, restriction_type=PageViewRestriction.LOGIN)

    assert client.get(f"/utbildning/program/{programme.pk}/kalender.ics").status_code == 404
    assert client.get(f"/utbildning/program/{programme.pk}/kalender/alla.ics").status_code == 404
    assert client.get("/utbildning/program/999999/kalender.ics").status_code == 404
