"""Requests themselves, not their fields: any charset, body and content type posted by an
anonymous visitor to any form is never a server error, and no X-Forwarded-For header lets a
client choose the address it is counted as."""

import ipaddress

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st
from wagtail.models import PageViewRestriction

from cms.network import client_address
from home.models import StandardPage
from visits.feedback.tests.factories import make_form_page
from visits.register.tests.world import make_register

from .strategies import assert_no_server_error, charsets, form_bodies, fuzz, is_swedish

pytestmark = pytest.mark.django_db


@pytest.fixture
def form_urls(site_home):
    make_register()
    make_form_page(site_home)
    page = site_home.add_child(instance=StandardPage(title="Gruppens sida", slug="gruppen"))
    restriction = PageViewRestriction.objects.create(page=page, restriction_type="password", password="rätt-lösen")
    cache.clear()
    return ["/logga-in/", "/synpunkter/", "/logga-ut/", "/admin/login/", "/admin/password_reset/",
            f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"]


def csrf_client():
    """A browser's client: CSRF is checked, and it has the cookie and token from a form."""
    client = Client(enforce_csrf_checks=True)
    client.get("/logga-in/")
    return client, client.cookies["csrftoken"].value


@pytest.mark.parametrize("charset", ["utf-16", "latin-1", "UTF8", "cp037"])
def test_a_form_posted_in_another_charset_is_a_swedish_400(form_urls, charset):
    client, token = csrf_client()
    for url in form_urls:
        response = client.generic("POST", url, f"csrfmiddlewaretoken={token}&username=a&password=b".encode(),
                                  content_type=f"application/x-www-form-urlencoded; charset={charset}")

        assert response.status_code == 400, url
        assert "teckenkodning" in response.content.decode() and is_swedish(response.content.decode())


@pytest.mark.parametrize("charset", ["UTF-8", '"utf-8"', "x-unknown"])
def test_a_form_posted_in_utf8_or_an_unknown_charset_is_read_as_utf8(form_urls, charset):
    client, token = csrf_client()

    response = client.generic("POST", "/logga-in/", f"csrfmiddlewaretoken={token}&username=a&password=b".encode(),
                              content_type=f"application/x-www-form-urlencoded; charset={charset}")

    assert response.status_code == 200
    assert "stämmer inte" in response.content.decode()


CONTENT_TYPES = st.sampled_from([
    "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=x",
    "multipart/form-data; boundary=", "text/plain", "application/json", "", "application/x-www-form-urlencoded;;",
])


@fuzz(120)
@given(data=st.data(), content_type=CONTENT_TYPES, charset=charsets, body=form_bodies, with_token=st.booleans())
def test_any_body_in_any_encoding_to_any_form_is_not_a_server_error(form_urls, data, content_type, charset, body, with_token):
    url = data.draw(st.sampled_from(form_urls), label="url")
    client, token = csrf_client()
    if with_token:
        body = f"csrfmiddlewaretoken={token}&".encode() + body
    if charset is not None:
        content_type = f"{content_type}; charset={charset}"

    response = client.generic("POST", url, body, content_type=content_type)

    assert_no_server_error(response)


addresses = st.one_of(st.ip_addresses(v=4), st.ip_addresses(v=6)).map(str)
hops = st.lists(st.one_of(addresses, st.sampled_from(["", "unknown", "::", "[::1]:80", "1.2.3.4:5", "a" * 50])),
                max_size=6)


@fuzz(200)
@given(remote=addresses, hops=hops)
def test_without_a_named_proxy_no_header_changes_the_address(settings, remote, hops):
    settings.INSYN_TRUSTED_PROXIES = []
    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=", ".join(hops))

    assert client_address(request) == str(ipaddress.ip_address(remote))


@fuzz(200)
@given(client_hops=hops, seen=addresses, proxies=st.integers(min_value=0, max_value=3))
def test_behind_named_proxies_what_a_client_writes_is_never_its_address(settings, client_hops, seen, proxies):
    """The client writes `client_hops`; the proxies append the address they saw, then each other's."""
    settings.INSYN_TRUSTED_PROXIES = ["10.9.0.0/16"]
    if ipaddress.ip_address(seen) in ipaddress.ip_network("10.9.0.0/16"):
        return
    chain = [*client_hops, seen] + [f"10.9.0.{n}" for n in range(1, proxies + 1)]
    request = RequestFactory().get("/", REMOTE_ADDR="10.9.0.99", HTTP_X_FORWARDED_FOR=", ".join(chain))

    assert client_address(request) == str(ipaddress.ip_address(seen))
