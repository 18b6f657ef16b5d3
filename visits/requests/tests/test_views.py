import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.testing import client_for
from visits.requests.models import VisitRequest
from visits.requests.tests.factories import future, make_accepted, make_request, make_world

pytestmark = pytest.mark.django_db
S = VisitRequest.State


@pytest.fixture
def w():
    return make_world()



def detail_url(visit):
    return reverse("visit_requests:detail", args=[visit.pk])


def act_url(visit, slug):
    return reverse("visit_requests:act", args=[visit.pk, slug])


def local_input(dt):
    from django.utils import timezone

    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


# --- who may see what ------------------------------------------------------------------


@pytest.mark.parametrize(
    "who, status",
    [("user", 200), ("colleague_user", 200), ("manager", 200), ("other_manager", 404), ("outsider_user", 404),
     ("head", 404), ("nobody", 404)],
)
def test_visit_page_is_shown_only_to_its_politicians_and_the_units_manager(w, who, status):
    visit = make_request(w, companions=[w.colleague])
    assert client_for(getattr(w, who)).get(detail_url(visit)).status_code == status


@pytest.mark.parametrize(
    "who, status",
    [("head", 200), ("manager", 200), ("user", 200), ("outsider_user", 404), ("other_manager", 404), ("nobody", 404)],
)
def test_routed_visit_is_shown_to_the_head_of_administration(w, who, status):
    visit = make_request(w, unit=w.library)
    assert client_for(getattr(w, who)).get(detail_url(visit)).status_code == status


def test_anonymous_visitor_is_sent_to_the_login_page_from_every_visit_view(w):
    visit = make_request(w)
    question_url = reverse("visit_requests:answer", args=[visit.pk, 1])
    for url in (reverse("visit_requests:overview"), reverse("visit_requests:new", args=["backaskolan"]),
                detail_url(visit), act_url(visit, "boka"), question_url):
        response = Client().post(url) if "boka" in url or "svara" in url else Client().get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/logga-in/")


@pytest.mark.parametrize(
    "who, status",
    [("user", 200), ("colleague_user", 200), ("outsider_user", 404), ("manager", 404), ("nobody", 404)],
)
def test_only_the_units_contact_politicians_may_open_the_request_form(w, who, status):
    url = reverse("visit_requests:new", args=["backaskolan"])
    assert client_for(getattr(w, who)).get(url).status_code == status


def test_request_form_for_a_unit_that_does_not_exist_is_404(w):
    assert client_for(w.user).get(reverse("visit_requests:new", args=["finns-inte"])).status_code == 404


@pytest.mark.parametrize("who", ["other_manager", "outsider_user", "nobody", "head"])
def test_people_who_may_not_see_a_visit_get_404_for_every_action(w, who):
    visit = make_request(w)
    client = client_for(getattr(w, who))
    for slug in ("boka", "foresla-tid", "avboj", "godta-tid", "aterkalla", "stall-in", "genomfort", "skicka-vidare"):
        assert client.post(act_url(visit, slug), {}).status_code == 404
    assert client.post(reverse("visit_requests:answer", args=[visit.pk, 1]), {}).status_code == 404
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


def test_politician_who_sees_the_visit_cannot_take_the_managers_step(w):
    visit = make_request(w)
    response = client_for(w.user).post(act_url(visit, "boka"), {"accept-starts_at": local_input(future())})
    assert response.status_code == 403
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


def test_actions_need_post_and_a_csrf_token(w):
    visit = make_request(w)
    assert client_for(w.manager).get(act_url(visit, "boka")).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(w.manager)
    assert strict.post(act_url(visit, "boka"), {"accept-starts_at": local_input(future())}).status_code == 403
    assert client_for(w.manager).post(act_url(visit, "finns-inte"), {}).status_code == 404


# --- the flow --------------------------------------------------------------------------


def test_politician_sends_a_request_from_the_form(w):
    client = client_for(w.user)
    url = reverse("visit_requests:new", args=["backaskolan"])
    page = client.get(url)
    assert "Per Testsson" in page.content.decode()  # the colleague may come along

    response = client.post(url, {
        "kind": "contact", "wished_times": "Vecka 12", "purpose": "Trygghet på rasterna.",
        "companions": [w.colleague.pk], "year": future().year, "hours": "3",
    })

    visit = VisitRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(visit)
    assert (visit.requested_by, list(visit.companions.all()), visit.paid) == (w.politician, [w.colleague], True)
    # The answer says who decides next, and where the answer will come.
    shown = client.get(response["Location"]).content.decode()
    assert "Din förfrågan är skickad. Rektor bestämmer om och när besöket blir av." in shown


def test_request_form_shows_the_paid_visits_left_for_each_year_it_offers(w):
    from django.utils import timezone

    this_year = timezone.localdate().year
    url = reverse("visit_requests:new", args=["backaskolan"])
    make_request(w, year=this_year)  # a paid visit asked for this year takes a place

    shown = client_for(w.user).get(url).content.decode()
    for_a_colleague = client_for(w.colleague_user).get(url).content.decode()

    assert f"{this_year}: 1 av 2, {this_year + 1}: 2 av 2." in shown
    assert f"{this_year}: 2 av 2, {this_year + 1}: 2 av 2." in for_a_colleague  # the cap is per person


def test_request_form_shows_swedish_errors_and_saves_nothing(w):
    response = client_for(w.user).post(reverse("visit_requests:new", args=["backaskolan"]), {
        "kind": "presidium-ish", "wished_times": "", "purpose": "x" * 2001, "year": "1999", "hours": "tre",
        "companions": ["999999"],
    })
    html = response.content.decode()
    assert response.status_code == 200
    for message in ("Välj kontaktpolitikerbesök eller presidiebesök.", "Fyll i fältet.", "Skriv högst 2000 tecken.",
                    "Välj i år eller nästa år.", "Skriv ett antal timmar", "Välj bland dem som kan följa med."):
        assert message in html
    assert not VisitRequest.objects.exists()


def test_a_third_visit_in_a_year_must_be_confirmed_as_unpaid_before_it_is_sent(w):
    year = future().year
    make_request(w, year=year)
    make_request(w, year=year)
    client = client_for(w.user)
    url = reverse("visit_requests:new", args=["backaskolan"])
    data = {"kind": "contact", "wished_times": "Hösten", "purpose": "Uppföljning.", "year": year, "hours": "3"}

    assert "Jag förstår att besöket inte arvoderas" in client.get(url).content.decode()
    refused = client.post(url, data)
    assert "Besöket blir oarvoderat" in refused.content.decode()
    assert VisitRequest.objects.count() == 2

    client.post(url, {**data, "confirm_unpaid": "on"})
    third = VisitRequest.objects.order_by("pk").last()
    assert third.paid is False
    assert "Oarvoderat" in client.get(detail_url(third)).content.decode()


def test_a_longer_visit_must_be_confirmed_as_unpaid(w):
    url = reverse("visit_requests:new", args=["backaskolan"])
    data = {"kind": "contact", "wished_times": "En dag", "purpose": "Heldag.", "year": future().year, "hours": "6"}
    client = client_for(w.user)
    assert "Besöket blir oarvoderat" in client.post(url, data).content.decode()
    client.post(url, {**data, "confirm_unpaid": "on"})
    assert VisitRequest.objects.get().paid is False


def test_head_forwards_the_manager_proposes_and_the_politician_accepts(w):
    visit = make_request(w, unit=w.library)
    head, manager, politician = client_for(w.head), client_for(w.manager), client_for(w.user)

    assert "Skicka vidare till ansvarig chef" in head.get(detail_url(visit)).content.decode()
    assert head.post(act_url(visit, "skicka-vidare")).status_code == 302
    starts = future(10, 13)
    response = manager.post(act_url(visit, "foresla-tid"), {
        "propose-starts_at": local_input(starts), "propose-ends_at": "", "propose-message": "Eftermiddag?",
    })
    assert response.status_code == 302
    assert "Godta den föreslagna tiden" in politician.get(detail_url(visit)).content.decode()
    politician.post(act_url(visit, "godta-tid"))

    visit.refresh_from_db()
    assert visit.state == S.ACCEPTED
    assert visit.starts_at == starts
    page = politician.get(detail_url(visit)).content.decode()
    for step in ("Förfrågan skickad", "Vidarebefordrad till enhetschefen", "Ny tid föreslagen", "Eftermiddag?"):
        assert step in page


def test_decision_form_errors_are_shown_on_the_visit_page(w):
    visit = make_request(w)
    manager = client_for(w.manager)
    bad_time = manager.post(act_url(visit, "boka"), {"accept-starts_at": "i morgon"})
    assert bad_time.status_code == 400
    assert "Ange datum och tid" in bad_time.content.decode()
    past = manager.post(act_url(visit, "boka"), {"accept-starts_at": "2001-01-01T09:00"})
    assert "Välj en tid som inte har passerat." in past.content.decode()
    no_reason = manager.post(act_url(visit, "avboj"), {"decline-reason": ""})
    assert "Skriv ett skäl." in no_reason.content.decode()
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


def test_a_time_the_clock_repeats_is_refused_with_the_reason(w):
    import datetime

    from django.utils import timezone

    year = timezone.localdate().year + 1
    october_31 = datetime.date(year, 10, 31)
    last_sunday = october_31 - datetime.timedelta(days=(october_31.weekday() - 6) % 7)
    visit = make_request(w, year=year)

    response = client_for(w.manager).post(act_url(visit, "boka"), {"accept-starts_at": f"{last_sunday}T02:30"})

    assert response.status_code == 400
    assert "Klockan 02:30 finns två gånger" in response.content.decode()
    assert VisitRequest.objects.get(pk=visit.pk).state == S.REQUESTED


def test_a_decision_on_a_request_already_decided_says_someone_was_quicker(w):
    visit = make_request(w)
    visit.decline(w.manager, "Nej.")
    response = client_for(w.manager).post(act_url(visit, "boka"), {"accept-starts_at": local_input(future())},
                                          follow=True)
    # The form is valid but the state has changed: a message, not a 500.
    assert response.status_code == 200
    assert "Det går inte när besöket har status ”avböjt”." in response.content.decode()
    assert VisitRequest.objects.get(pk=visit.pk).state == S.DECLINED


def test_manager_sees_only_their_units_requests_oldest_first(w):
    first = make_request(w)
    second = make_request(w, politician=w.colleague)
    other = make_request(w, unit=w.other_unit, politician=w.colleague)
    html = client_for(w.manager).get(reverse("visit_requests:overview")).content.decode()
    assert html.index(detail_url(first)) < html.index(detail_url(second))
    assert detail_url(other) not in html


def test_my_pages_show_each_roles_visit_section(w):
    make_request(w, unit=w.library)
    make_request(w)
    assert "Mina besök" in client_for(w.user).get("/mina-sidor/").content.decode()
    assert "Besöksförfrågningar till dina enheter" in client_for(w.manager).get("/mina-sidor/").content.decode()
    assert "Besöksförfrågningar i din förvaltning" in client_for(w.head).get("/mina-sidor/").content.decode()
    nobody = client_for(w.nobody).get("/mina-sidor/").content.decode()
    assert "Mina besök" not in nobody and "Besöksförfrågningar" not in nobody


def count_queries(client, url):
    client.get(url)  # warm the per-process caches (site, settings) first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["manager", "user", "head"])
def test_overview_query_count_does_not_grow_with_the_number_of_visits(w, who, django_assert_num_queries):
    client = client_for(getattr(w, who))
    url = reverse("visit_requests:overview")
    # One item in each list (with a companion, so every prefetch runs), then many.
    make_request(w, companions=[w.colleague])
    make_request(w, unit=w.library, companions=[w.outsider])
    one = count_queries(client, url)
    make_accepted(w, politician=w.colleague, companions=[w.politician], confirm_unpaid=True)
    make_request(w, unit=w.library, politician=w.outsider, companions=[w.politician], confirm_unpaid=True)
    make_request(w, politician=w.colleague, companions=[w.politician], confirm_unpaid=True)
    make_request(w, confirm_unpaid=True).decline(w.manager, "Nej.")
    with django_assert_num_queries(one):
        client.get(url)


def test_visit_page_query_count_does_not_grow_with_the_history(w, django_assert_num_queries):
    short = make_accepted(w, companions=[w.colleague])
    long = make_request(w, politician=w.colleague, companions=[w.politician])
    long.propose(w.manager, future())
    long.accept_proposal(w.colleague_user)
    client = client_for(w.manager)
    one = count_queries(client, detail_url(short))
    with django_assert_num_queries(one):
        client.get(detail_url(long))


def test_withdrawing_asks_once_more_and_only_the_requester_may_confirm(w):
    visit = make_request(w, companions=[w.colleague])
    visit.propose(w.manager, future())  # the politician may withdraw instead of taking the new time
    url = act_url(visit, "aterkalla")

    asked = client_for(w.user).post(url, {})
    html = asked.content.decode()
    assert asked.status_code == 200 and "Återkalla förfrågan om att besöka Backaskolan?" in html
    assert 'name="bekrafta" value="ja"' in html and f'href="{reverse("visit_requests:detail", args=[visit.pk])}"' in html
    assert VisitRequest.objects.get(pk=visit.pk).state == S.PROPOSED  # nothing happened yet

    # A companion, the manager, another unit's manager and nobody cannot withdraw it, confirmed or not.
    for who, status in (("colleague_user", 403), ("manager", 403), ("other_manager", 404), ("outsider_user", 404),
                        ("nobody", 404)):
        for data in ({}, {"bekrafta": "ja"}):
            assert client_for(getattr(w, who)).post(url, data).status_code == status, (who, data)
    assert VisitRequest.objects.get(pk=visit.pk).state == S.PROPOSED

    done = client_for(w.user).post(url, {"bekrafta": "ja"})
    assert done.status_code == 302 and done["Location"] == reverse("visit_requests:detail", args=[visit.pk])
    assert VisitRequest.objects.get(pk=visit.pk).state == S.WITHDRAWN
