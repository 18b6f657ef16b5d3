"""Odd input to the activity form and the overview's year never gives a server error: a rejected
form says why in Swedish at the field and stores nothing, an accepted one stores one activity
with the text as sent on one line, shown as text."""

import pytest
from django.urls import reverse
from hypothesis import event, example, given

from cms.forms import single_line
from cms.testing import client_for
from cms.tests.strategies import (
    SCRIPT,
    assert_no_server_error,
    assert_swedish_field_errors,
    assert_unescaped_script_absent,
    form_data,
    fuzz,
    is_swedish,
    last,
    mutated,
    rolled_back,
)
from visits.requests.activities.models import Activity

from .factories import make_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def w():
    return make_world()


@fuzz(30)
@example(data={"held_on": "2026-10-01", "description": "Möte", "politicians": "9223372036854775808"})
@example(data={"held_on": "2026-10-01", "description": "Möte\r\n" + SCRIPT, "politicians": ["1", "-1"]})
@given(data=mutated({"held_on": "2026-10-01", "description": "Föräldramöte " + SCRIPT, "politicians": "P"},
                    "held_on", "description", "politicians"))
def test_a_manager_recording_an_activity_gets_it_stored_or_a_swedish_message(w, data):
    data = {key: str(w.politician.pk) if value == "P" else value for key, value in data.items()}
    client = client_for(w.manager)
    with rolled_back():
        response = client.post(reverse("activities:record", args=[w.unit.slug]), data)
        assert_no_server_error(response)
        event(f"status {response.status_code}")
        if response.status_code == 302:
            activity = Activity.objects.get()
            assert activity.description == single_line(last(data["description"]))
            assert_unescaped_script_absent(client.get(reverse("activities:overview")))
            assert_unescaped_script_absent(client_for(w.user).get("/mina-sidor/"))
        else:
            assert response.status_code == 400 and not Activity.objects.exists()
            assert_swedish_field_errors(response)


@fuzz(20)
@given(params=form_data("ar"))
def test_any_year_on_the_overview_gives_the_page_or_a_swedish_message(w, params):
    response = client_for(w.user).get(reverse("activities:overview"), params)

    assert_no_server_error(response)
    if response.status_code == 400:
        assert all(is_swedish(message) for message in response.context["years"].errors["ar"])
