import pytest
from wagtail.models import PageViewRestriction

from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed_pages(site_home, run_tasks):
    secret = site_home.add_child(
        instance=StandardPage(title="Hemlig budgetdragning", slug="hemlig", intro="budgetdragning")
    )
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    site_home.add_child(instance=StandardPage(title="Öppen budgetdragning", slug="oppen", intro="budgetdragning"))
    draft = StandardPage(title="Utkast budgetdragning", slug="utkast", intro="budgetdragning", live=False)
    site_home.add_child(instance=draft)
    run_tasks()  # Wagtail updates its search index through the task queue


def test_search_finds_live_public_pages_only(client, indexed_pages):
    html = client.get("/sok/", {"q": "budgetdragning"}).content.decode()

    assert "Öppen budgetdragning" in html
    assert "Hemlig budgetdragning" not in html
    assert "Utkast budgetdragning" not in html
    assert "1 träff" in html


def test_search_without_query_shows_the_form(client, site_home):
    response = client.get("/sok/")

    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_too_long_query_gets_a_swedish_error_not_a_500(client, site_home):
    response = client.get("/sok/", {"q": "x" * 500})

    assert response.status_code == 200
    assert "Skriv högst 200 tecken." in response.content.decode()


@pytest.mark.parametrize("page_number", ["abc", "-1", "99999", "1e9", ""])
def test_bad_page_number_shows_the_first_page(client, indexed_pages, page_number):
    response = client.get("/sok/", {"q": "budgetdragning", "sida": page_number})

    assert response.status_code == 200
    assert "Öppen budgetdragning" in response.content.decode()


@pytest.mark.parametrize("query", ['"', 'budget"dragning', "budget*", "(budgetdragning", "NEAR(a b)", "-", "a AND OR"])
def test_search_syntax_characters_are_treated_as_plain_text(client, indexed_pages, query):
    response = client.get("/sok/", {"q": query})

    assert response.status_code == 200
