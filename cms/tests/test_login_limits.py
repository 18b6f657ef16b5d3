"""Guessing passwords from one address: many usernames, or a page's shared password."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db
PASSWORD = "ett-riktigt-bra-lösenord"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


def log_in(client, username, password, remote):
    return client.post("/logga-in/", {"username": username, "password": password}, REMOTE_ADDR=remote)


def test_one_address_trying_a_few_passwords_on_many_accounts_is_locked_out(client, site_home, settings):
    User.objects.create_user("paula", password=PASSWORD)
    limit = settings.INSYN_LOGIN_FAILURES_PER_ADDRESS
    # Two tries per username stays far below the lock of one username (five).
    answers = [log_in(client, f"namn{n // 2}", "gissning", "203.0.113.9").status_code for n in range(limit)]

    locked = log_in(client, "paula", PASSWORD, "203.0.113.9")

    assert answers[:-1] == [200] * (limit - 1)
    assert answers[-1] == 429
    assert locked.status_code == 429
    assert "tillfälligt spärrad" in locked.content.decode()
    # Everyone else still logs in.
    assert log_in(client, "paula", PASSWORD, "198.51.100.7").status_code == 302


def test_an_address_below_the_limit_can_still_log_in(client, site_home, settings):
    User.objects.create_user("paula", password=PASSWORD)
    for n in range(settings.INSYN_LOGIN_FAILURES_PER_ADDRESS - 1):
        log_in(client, f"namn{n}", "gissning", "203.0.113.9")

    assert log_in(client, "paula", PASSWORD, "203.0.113.9").status_code == 302


@pytest.fixture
def protected_page(site_home):
    page = site_home.add_child(instance=StandardPage(title="Gruppens sida", slug="gruppen"))
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="rätt-lösen"
    )
    return page, f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"


def test_a_page_password_cannot_be_guessed_without_end(client, protected_page, settings):
    page, url = protected_page
    limit = settings.INSYN_PAGE_PASSWORD_LIMIT
    for n in range(limit):
        response = client.post(url, {"password": f"gissning-{n}", "return_url": page.url}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 200  # the form again, with its error

    throttled = client.post(url, {"password": "rätt-lösen", "return_url": page.url}, REMOTE_ADDR="203.0.113.9")

    assert throttled.status_code == 429
    assert "För många försök" in throttled.content.decode()
    assert not client.session.get("passed_page_view_restrictions")
    other = client.post(url, {"password": "rätt-lösen", "return_url": page.url}, REMOTE_ADDR="198.51.100.7")
    assert other.status_code == 302
    assert client.session.get("passed_page_view_restrictions")
