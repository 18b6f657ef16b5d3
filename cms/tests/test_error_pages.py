"""What a visitor reads when Django refuses a request: Swedish, never Django's English page."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.views.defaults import permission_denied

pytestmark = pytest.mark.django_db


def test_an_expired_form_says_so_in_swedish(site_home):
    response = Client(enforce_csrf_checks=True).post("/logga-in/", {"username": "x", "password": "y"})

    assert response.status_code == 403
    assert "Formuläret hade gått ut" in response.content.decode()


def test_a_post_with_too_many_fields_is_refused_in_swedish(site_home, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    response = Client().post("/logga-in/", {f"f{n}": "x" for n in range(20)})

    assert response.status_code == 400
    assert "kunde inte ta emot det du skickade" in response.content.decode()


def test_a_refused_action_names_the_reason_in_swedish(site_home, rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied("Bara politiker kan anmäla sig."))

    body = response.content.decode()
    assert response.status_code == 403
    assert "Du har inte behörighet" in body and "Bara politiker kan anmäla sig." in body
    assert '<html lang="sv"' in body


@pytest.mark.parametrize("path", ["/logga-ut/", "/mina-sidor/kalender/ny-lank/", "/konto/tvastegsverifiering/stang-av/"])
def test_opening_an_action_address_in_the_browser_answers_a_swedish_page(site_home, path):
    from training.tests.factories import make_politician

    client = Client()
    client.force_login(make_politician("paula").user)

    response = client.get(path)

    body = response.content.decode()
    assert response.status_code == 405
    assert "POST" in response["Allow"] and "GET" not in response["Allow"]
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert '<html lang="sv"' in body and "Adressen öppnas med en knapp" in body
    assert 'href="/mina-sidor/"' in body


def test_an_anonymous_get_on_an_action_is_swedish_too(site_home):
    response = Client().get("/logga-ut/")
    assert response.status_code == 405 and "Adressen öppnas med en knapp" in response.content.decode()
    assert "Mina sidor" not in response.content.decode()


def test_an_answer_that_wrote_its_own_405_keeps_it(site_home):
    response = Client().post("/oparl/v1.1/")

    assert response.status_code == 405
    assert "Adressen öppnas med en knapp" not in response.content.decode()
