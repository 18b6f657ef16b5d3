"""Recording activities on Mina sidor: who may record at which unit, the form's errors, removal,
the sections of Mina sidor, and query counts that do not grow with the number of activities."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cms.testing import client_for
from visits.requests.activities.models import Activity

from .factories import make_world
from .test_activities import held_visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_world()


def record_url(unit):
    return reverse("activities:record", args=[unit.slug])


def remove_url(activity):
    return reverse("activities:remove", args=[activity.pk])


def an_activity(w, by=None, unit=None, politicians=None, description="Föräldramöte"):
    return Activity.record(unit=unit or w.unit, politicians=politicians or [w.politician],
                           held_on=datetime.date(2026, 10, 1), description=description, by=by or w.user)


# --- who may record where ------------------------------------------------------------------------


@pytest.mark.parametrize("who, status", [
    ("user", 200), ("colleague_user", 200), ("manager", 200),
    ("outsider_user", 404),  # a politician of another unit
    ("other_manager", 404),  # the manager of another unit
    ("nobody", 404), ("head", 404),
])
def test_only_the_units_contact_politicians_and_its_manager_may_open_the_form(w, who, status):
    assert client_for(getattr(w, who)).get(record_url(w.unit)).status_code == status


def test_an_anonymous_visitor_is_sent_to_the_login_page(w):
    activity = an_activity(w)
    for url in (reverse("activities:overview"), record_url(w.unit)):
        response = client_for(None).get(url)
        assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
    response = client_for(None).post(remove_url(activity))
    assert response.status_code == 302 and response["Location"].startswith("/logga-in/")
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_a_unit_that_does_not_exist_or_is_closed_is_404(w):
    w.unit.active = False
    w.unit.save()
    assert client_for(w.manager).get(record_url(w.unit)).status_code == 404
    assert client_for(w.user).get(reverse("activities:record", args=["finns-inte"])).status_code == 404


def test_a_politician_records_an_activity_from_the_form(w):
    client = client_for(w.user)

    response = client.post(record_url(w.unit), {"held_on": "2026-11-12", "description": "Luciafirande"})

    assert response.status_code == 302 and response["Location"] == reverse("activities:overview")
    activity = Activity.objects.get()
    assert (activity.unit, activity.held_on, activity.description) == (w.unit, datetime.date(2026, 11, 12),
                                                                      "Luciafirande")
    assert list(activity.politicians.all()) == [w.politician]
    assert "Luciafirande" in client.get(reverse("activities:overview")).content.decode()


def test_a_politician_cannot_name_colleagues_in_the_form(w):
    client_for(w.user).post(record_url(w.unit), {"held_on": "2026-11-12", "description": "Möte",
                                                 "politicians": [w.colleague.pk]})

    assert list(Activity.objects.get().politicians.all()) == [w.politician]


def test_a_manager_records_an_activity_for_the_units_contact_politicians(w):
    page = client_for(w.manager).get(record_url(w.unit)).content.decode()
    assert "Paula Testsson" in page and "Per Testsson" in page and "Otto" not in page

    response = client_for(w.manager).post(record_url(w.unit), {
        "held_on": "2026-10-05", "description": "Föräldramöte", "politicians": [w.politician.pk, w.colleague.pk]})

    assert response.status_code == 302
    activity = Activity.objects.get()
    assert set(activity.politicians.all()) == {w.politician, w.colleague}
    assert activity.recorded_as == Activity.RecordedAs.MANAGER


@pytest.mark.parametrize("data, message", [
    ({"held_on": "", "description": "Möte", "politicians": ["P"]}, "Ange datum."),
    ({"held_on": "2026-02-30", "description": "Möte", "politicians": ["P"]}, "Skriv datumet som ÅÅÅÅ-MM-DD."),
    ({"held_on": "2026-12-24", "description": "Möte", "politicians": ["P"]}, "datumet ligger i framtiden"),
    ({"held_on": "2026-10-01", "description": "", "politicians": ["P"]}, "Skriv kort vad aktiviteten var."),
    ({"held_on": "2026-10-01", "description": "x" * 201, "politicians": ["P"]}, "Skriv högst 200 tecken."),
    ({"held_on": "2026-10-01", "description": "Möte"}, "Välj minst en kontaktpolitiker."),
    ({"held_on": "2026-10-01", "description": "Möte", "politicians": ["O"]}, "Välj bland enhetens kontaktpolitiker."),
    ({"held_on": "2026-10-01", "description": "Möte", "politicians": ["99999999999999999999"]},
     "Välj bland enhetens kontaktpolitiker."),
])
def test_the_form_shows_swedish_errors_and_stores_nothing(w, data, message):
    people = {"P": str(w.politician.pk), "O": str(w.outsider.pk)}
    data = {**data, "politicians": [people.get(value, value) for value in data.get("politicians", [])]}

    response = client_for(w.manager).post(record_url(w.unit), data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.exists()


# --- removing ------------------------------------------------------------------------------------


def test_the_recorder_removes_a_wrong_entry(w):
    activity = an_activity(w)

    response = client_for(w.user).post(remove_url(activity))

    assert response.status_code == 302 and not Activity.objects.exists()


@pytest.mark.parametrize("who", ["colleague_user", "outsider_user", "other_manager", "nobody"])
def test_others_cannot_remove_an_activity(w, who):
    activity = an_activity(w)

    assert client_for(getattr(w, who)).post(remove_url(activity)).status_code == 404
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_the_units_manager_removes_an_entry_a_politician_made(w):
    activity = an_activity(w)

    assert client_for(w.manager).post(remove_url(activity)).status_code == 302
    assert not Activity.objects.exists()


def test_removing_needs_a_post(w):
    assert client_for(w.user).get(remove_url(an_activity(w))).status_code == 405


# --- the overview and Mina sidor -----------------------------------------------------------------


def test_the_overview_shows_each_unit_and_the_activities_the_user_may_see(w):
    an_activity(w, description="Skolavslutning")
    an_activity(w, by=w.outsider_user, unit=w.library, politicians=[w.outsider], description="Bokcirkel")

    mine = client_for(w.user).get(reverse("activities:overview")).content.decode()
    others = client_for(w.other_manager).get(reverse("activities:overview")).content.decode()

    assert "Skolavslutning" in mine and "Bokcirkel" not in mine
    assert "Skolavslutning" not in others and "Bokcirkel" not in others


def test_the_overview_answers_a_bad_year_with_a_swedish_error(w):
    response = client_for(w.user).get(reverse("activities:overview"), {"ar": "tjugo"})

    assert response.status_code == 400
    assert "Ange ett år med fyra siffror." in response.content.decode()


def test_my_pages_show_a_politician_below_two_and_training_beside(w):
    held_visit(w, w.unit, w.politician, datetime.date(2026, 3, 3))
    an_activity(w)

    html = client_for(w.user).get("/mina-sidor/").content.decode()

    assert "Mina aktiviteter 2026" in html
    assert "Du har färre än två aktiviteter i år vid 1 enhet." in html  # the library: none
    assert "2 aktiviteter kvar till två" in html
    assert "räknas inte som aktivitet" in html


def test_my_pages_show_the_manager_the_contact_politicians_counts(w):
    html = client_for(w.manager).get("/mina-sidor/").content.decode()
    assert "Kontaktpolitikernas aktiviteter 2026" in html and "Per Testsson" in html
    nobody = client_for(w.nobody).get("/mina-sidor/").content.decode()
    assert "aktiviteter" not in nobody.lower()


def count_queries(client, url):
    client.get(url)  # warm the per-process caches first
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("who", ["user", "manager"])
def test_the_overview_costs_the_same_queries_with_one_and_many_activities(w, who, django_assert_num_queries):
    client = client_for(getattr(w, who))
    url = reverse("activities:overview")
    an_activity(w, politicians=[w.politician])
    one = count_queries(client, url)
    for day in range(1, 8):
        Activity.record(unit=w.unit, politicians=[w.politician, w.colleague], held_on=datetime.date(2026, 9, day),
                        description=f"Möte {day}", by=w.manager)
        held_visit(w, w.unit, w.colleague, datetime.date(2026, 8, day), companions=[w.politician])
    with django_assert_num_queries(one):
        client.get(url)


def test_my_pages_cost_the_same_queries_with_one_and_many_activities(w, django_assert_num_queries):
    client = client_for(w.manager)
    an_activity(w)
    one = count_queries(client, "/mina-sidor/")
    for day in range(1, 8):
        an_activity(w, by=w.manager, politicians=[w.politician, w.colleague], description=f"Möte {day}")
    with django_assert_num_queries(one):
        client.get("/mina-sidor/")
