"""Whose address a request counts as: X-Forwarded-For only from the proxies the municipality
names, so rotating the header neither escapes the login lockout nor the feedback limit, and
nobody can lock out someone else by sending their address."""

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from cms.network import client_address
from visits.feedback.models import FeedbackSubmission
from visits.feedback.tests.factories import make_form_page
from visits.register.tests.world import make_register

from .test_settings import PRODUCTION_ENV, run_manage

pytestmark = pytest.mark.django_db
PASSWORD = "ett-riktigt-bra-lösenord"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def paula(db):
    return User.objects.create_user("paula", password=PASSWORD)


def log_in(client, password, remote, forwarded=None, username="paula"):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client.post("/logga-in/", {"username": username, "password": password}, **extra)


def test_without_a_trusted_proxy_the_header_is_ignored(rf):
    request = rf.get("/", HTTP_X_FORWARDED_FOR="198.51.100.7", REMOTE_ADDR="203.0.113.9")

    assert client_address(request) == "203.0.113.9"


def test_rotating_the_header_does_not_escape_the_login_lockout(client, site_home, paula):
    for n in range(5):
        log_in(client, "fel", "203.0.113.9", forwarded=f"198.51.100.{n}")

    response = log_in(client, PASSWORD, "203.0.113.9", forwarded="198.51.100.99")

    assert response.status_code == 429


def test_sending_someone_elses_address_does_not_lock_them_out(client, site_home, paula):
    for _ in range(6):
        log_in(client, "fel", "203.0.113.66", forwarded="198.51.100.7")

    response = log_in(client, PASSWORD, "198.51.100.7")

    assert response.status_code == 302


def test_rotating_the_header_does_not_escape_the_feedback_limit(client, site_home):
    make_register()
    make_form_page(site_home)
    data = {"enhet": "testskolan", "typ": "beröm", "text": "Bra bemötande.", "namn": "", "kontakt": "", "webbplats": ""}

    answers = [
        client.post("/synpunkter/", data, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR=f"198.51.100.{n}").status_code
        for n in range(11)
    ]

    assert answers == [200] * 10 + [429]
    assert FeedbackSubmission.objects.count() == 10


def test_behind_a_named_proxy_clients_are_told_apart_by_the_header(client, site_home, paula, settings):
    settings.INSYN_TRUSTED_PROXIES = ["10.0.0.1"]
    for _ in range(5):
        log_in(client, "fel", "10.0.0.1", forwarded="198.51.100.7")

    assert log_in(client, PASSWORD, "10.0.0.1", forwarded="198.51.100.7").status_code == 429
    assert log_in(client, PASSWORD, "10.0.0.1", forwarded="203.0.113.9").status_code == 302


@pytest.mark.parametrize("forwarded, expected", [
    ("198.51.100.7", "198.51.100.7"),
    # The client wrote the left part itself; the proxy appended the address it saw.
    ("192.0.2.1, 198.51.100.7", "198.51.100.7"),
    # Two trusted proxies in a row: the first untrusted address from the right.
    ("198.51.100.7, 10.0.0.2", "198.51.100.7"),
    ("192.0.2.1, 198.51.100.7, 10.0.0.2", "198.51.100.7"),
    ("[2001:db8::7]:443", "2001:db8::7"),
    ("198.51.100.7:51234", "198.51.100.7"),
    # Nothing usable: the proxy itself.
    ("", "10.0.0.1"),
    ("inte-en-adress", "10.0.0.1"),
    ("192.0.2.1, inte-en-adress, 10.0.0.2", "10.0.0.2"),
])
def test_behind_a_named_proxy_only_what_the_proxies_appended_counts(rf, settings, forwarded, expected):
    settings.INSYN_TRUSTED_PROXIES = ["10.0.0.0/29"]
    request = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.1")

    assert client_address(request) == expected


ADDRESS_SCRIPT = """
from axes.helpers import get_client_ip_address
from django.test import RequestFactory
for header in ("198.51.100.7", "192.0.2.1, 198.51.100.7"):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=header, REMOTE_ADDR="10.0.0.1")
    print("address", get_client_ip_address(request))
"""


def test_production_counts_the_connecting_address_unless_its_proxy_is_named():
    # What the login lockout and the feedback limit count, as production computes it.
    unnamed = run_manage("shell", "-c", ADDRESS_SCRIPT, env=PRODUCTION_ENV)
    named = run_manage("shell", "-c", ADDRESS_SCRIPT, env={**PRODUCTION_ENV, "INSYN_TRUSTED_PROXIES": "10.0.0.1"})

    assert unnamed.stdout.count("address 10.0.0.1") == 2, unnamed.stdout + unnamed.stderr
    assert named.stdout.count("address 198.51.100.7") == 2, named.stdout + named.stderr


def test_production_refuses_a_proxy_setting_that_is_no_address():
    result = run_manage("check", env={**PRODUCTION_ENV, "INSYN_TRUSTED_PROXIES": "10.0.0.1, proxyn"})

    assert result.returncode != 0
    assert "INSYN_TRUSTED_PROXIES: 'proxyn' är ingen IP-adress" in result.stderr


def test_production_refuses_the_old_setting_that_trusted_everyone():
    result = run_manage("check", env={**PRODUCTION_ENV, "INSYN_BEHIND_PROXY": "1"})

    assert result.returncode != 0
    assert "INSYN_TRUSTED_PROXIES" in result.stderr
