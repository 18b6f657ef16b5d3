"""Odd parameters to every listing and chooser of the admin never give a server error; a NUL or
an integer past 64 bits, which no database lookup can take, gets a Swedish 400.

The listings are found in the URL configuration (cms/tests/admin_listings.py) and their
parameters in their own pages, so a new listing or filter is covered without a line here."""

import pytest
from django.contrib.auth import get_user_model
from hypothesis import given
from hypothesis import strategies as st

from cms.testing import client_for

from .admin_listings import listing_urls, parameters
from .strategies import assert_no_server_error, filter_value, fuzz, is_swedish

UNUSABLE = ["99999999999999999999", "-99999999999999999999", "1" * 5000, "a\x00", "\x00"]


@pytest.fixture(scope="module")
def listings(matrix_demo, django_db_blocker):
    """{url: [parameter names]} as the admin sees them in the demo."""
    with django_db_blocker.unblock():
        client = client_for(get_user_model().objects.get(username="admin"))
        found = {}
        for url in listing_urls():
            response = client.get(url)
            # The report form's submissions are kept out of the admin (a redirect).
            if response.status_code == 200:
                found[url] = parameters(response.content.decode())
    return found


@pytest.fixture
def admin_client(demo):
    return client_for(demo["users"]["admin"])


def test_the_listings_are_found(listings):
    # Wagtail's own, modeladmin's and our viewsets', and listings that belong to an object.
    for url in ("/admin/pages/", "/admin/users/", "/admin/images/", "/admin/visits/visitrequest/",
                "/admin/snippets/visits/unit/", "/admin/synpunkter/", "/admin/reports/site-history/"):
        assert url in listings
    assert any(url.startswith("/admin/forms/submissions/") for url in listings)
    assert len(listings) > 60
    assert {"content_type", "site"} <= set(listings["/admin/pages/"])


def test_a_value_no_database_can_look_up_gets_a_swedish_400_in_every_listing(listings, admin_client):
    wrong = []
    for url, names in listings.items():
        for name in names:
            for value in UNUSABLE:
                response = admin_client.get(url, {name: value})
                if response.status_code != 400 or not is_swedish(response.content.decode()):
                    wrong.append(f"{url}?{name}={value[:25]!r}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@fuzz(150)
@given(data=st.data())
def test_any_parameters_of_any_listing_are_not_a_server_error(listings, admin_client, data):
    url = data.draw(st.sampled_from(sorted(listings)), label="url")
    names = listings[url]
    params = data.draw(st.dictionaries(st.sampled_from(names), st.one_of(filter_value, st.lists(filter_value, max_size=3)),
                                       max_size=4), label="params")

    response = admin_client.get(url, params)

    assert_no_server_error(response)


def test_a_modeladmin_listing_reads_no_field_but_its_filters(demo):
    client = client_for(demo["users"]["namndsekreterare"])
    url = "/admin/visits/visitrequest/"
    everything = client.get(url).content.decode().count("data-object-pk")

    probes = [client.get(url, {"requested_by__user__password__startswith": prefix}) for prefix in ("md5", "pbkdf2", "x")]

    assert everything > 0
    assert [probe.content.decode().count("data-object-pk") for probe in probes] == [everything] * 3


def test_a_modeladmin_filter_still_filters_and_a_value_it_cannot_use_shows_everything(demo):
    client = client_for(demo["users"]["namndsekreterare"])
    url = "/admin/visits/visitrequest/"
    everything = client.get(url).content.decode().count("data-object-pk")

    requested = client.get(url, {"state__exact": "requested"}).content.decode().count("data-object-pk")
    unusable = client.get(url, {"year": "ett år"}, follow=True)

    assert 0 < requested < everything
    assert unusable.status_code == 200
    assert "Filtret kunde inte användas" in unusable.content.decode()
