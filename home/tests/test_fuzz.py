"""Odd input to the site's own forms and parameters never gives a server error."""

import pytest
from hypothesis import event, given
from hypothesis import strategies as st

from cms.tests.strategies import (
    SCRIPT,
    assert_no_server_error,
    assert_swedish_field_errors,
    assert_unescaped_script_absent,
    form_data,
    fuzz,
    odd_text,
    odd_value,
)

pytestmark = pytest.mark.django_db


@fuzz(40)
@given(query=odd_text, page_number=odd_text)
def test_search_answers_any_query_without_a_server_error(client, site_home, query, page_number):
    response = client.get("/sok/", {"q": query, "sida": page_number})

    assert_no_server_error(response)
    assert response.status_code == 200
    assert_unescaped_script_absent(response)
    if response.context["form"].errors:
        event("rejected")
        assert_swedish_field_errors(response)


@fuzz(40)
@given(username=odd_text, password=odd_text)
def test_login_answers_any_input_with_a_swedish_message(client, site_home, username, password):
    response = client.post("/logga-in/", {"username": username, "password": password}, REMOTE_ADDR="10.9.9.9")

    assert response.status_code in (200, 429)
    html = response.content.decode()
    assert "stämmer inte" in html or "obligatoriskt" in html or "Detta fält" in html or "spärrad" in html or "Säkerställ" in html or "Null-tecken" in html


@fuzz(25)
@given(next_url=st.one_of(odd_value, st.sampled_from(["//evil.example", "https://evil.example/", "/\\evil.example",
                                                      "javascript:alert(1)", "/mina-sidor/\x00", "/" + "a" * 3000])))
def test_any_next_parameter_on_the_login_page_is_not_a_server_error(client, site_home, next_url):
    response = client.get("/logga-in/", {"next": next_url})
    assert_no_server_error(response)
    assert response.status_code == 200
    assert_unescaped_script_absent(response)


def test_null_byte_in_the_query_string_is_not_a_server_error(client, site_home):
    assert client.get("/sok/?q=%00").status_code in (200, 400)


@fuzz(30)
@given(params=form_data("typ", "organ", "status"))
def test_any_filter_of_the_governing_documents_gives_a_swedish_message_not_an_error(client, document_index, params):
    response = client.get(document_index.url, params)
    assert_no_server_error(response)
    assert response.status_code == 200
    assert_unescaped_script_absent(response)
    if response.context["filter_form"].errors:
        event("rejected")
        assert_swedish_field_errors(response, form_key="filter_form")


@pytest.mark.parametrize("params", [{"typ": "\x00"}, {"organ": "a\x00"}, {"status": "\x00"}])
def test_a_nul_character_in_a_governing_document_filter_is_not_a_server_error(client, document_index, params):
    response = client.get(document_index.url, params)
    assert response.status_code == 200


@fuzz(20)
@given(tail=odd_text.map(lambda text: "".join(c for c in text if c not in "/?#") or "x"))
def test_any_address_below_a_page_is_a_page_or_a_swedish_404(client, document_index, tail):
    from urllib.parse import quote

    response = client.get(document_index.url + quote(tail, safe="") + "/")
    assert_no_server_error(response)
    assert response.status_code in (200, 301, 302, 404)
    if response.status_code == 404:
        assert "Sidan finns inte" in response.content.decode() or "hittades inte" in response.content.decode()
        assert SCRIPT not in response.content.decode()
