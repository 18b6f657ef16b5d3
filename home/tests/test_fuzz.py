"""Odd input to the site's own forms and parameters never gives a server error."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

# Text as people and bots send it: control characters, odd Unicode, overlong strings.
odd_text = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=190, max_size=400),
    st.sampled_from(["", " ", "\x00", "<script>alert(1)</script>", "' OR 1=1 --", "%", "ÅÄÖ" * 100, "𝕏" * 50]),
)
fuzz = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@fuzz
@given(query=odd_text, page_number=odd_text)
def test_search_answers_any_query_without_a_server_error(client, site_home, query, page_number):
    response = client.get("/sok/", {"q": query.replace("\x00", ""), "sida": page_number.replace("\x00", "")})

    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


@fuzz
@given(username=odd_text, password=odd_text)
def test_login_answers_any_input_with_a_swedish_message(client, site_home, username, password):
    response = client.post("/logga-in/", {"username": username, "password": password}, REMOTE_ADDR="10.9.9.9")

    assert response.status_code in (200, 429)
    html = response.content.decode()
    assert "stämmer inte" in html or "obligatoriskt" in html or "Detta fält" in html or "spärrad" in html or "Säkerställ" in html


def test_null_byte_in_the_query_string_is_not_a_server_error(client, site_home):
    assert client.get("/sok/?q=%00").status_code in (200, 400)
