import pytest
from wagtail.models import Page, PageViewRestriction

from home.models import AccessibilityStatementPage, HomePage, StandardPage

pytestmark = pytest.mark.django_db


def test_home_page_is_swedish_and_links_to_the_sections(client, site_home):
    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert 'href="#innehall"' in html  # skip link
    assert "Ådala kommun" in html
    assert 'href="/om-kontaktpolitiker/"' in html
    assert 'href="/tillganglighet/"' in html  # footer link to the statement


def test_standard_page_renders_its_body(client, site_home):
    response = client.get("/om-kontaktpolitiker/")

    assert response.status_code == 200
    assert "Så bokas ett besök" in response.content.decode()


def test_accessibility_statement_shows_what_the_law_asks_for(client, site_home):
    html = client.get("/tillganglighet/").content.decode()

    assert "delvis förenlig med lagkraven" in html
    assert "Innehåll som inte är tillgängligt" in html
    assert "tillganglighet@adala.example.se" in html
    assert 'href="https://www.digg.se/tdosanmalan"' in html
    assert 'datetime="2026-11-01"' in html


def test_only_one_accessibility_statement_and_home_page_can_exist(site_home):
    assert not AccessibilityStatementPage.can_create_at(site_home)
    assert not HomePage.can_create_at(Page.get_first_root_node())
    assert StandardPage.can_create_at(site_home)


def test_unknown_address_gives_a_swedish_404(client, site_home):
    response = client.get("/finns-inte/")

    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_login_only_page_is_not_shown_to_visitors(client, site_home):
    page = site_home.add_child(instance=StandardPage(title="Internt underlag", slug="internt"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/internt/")

    assert response.status_code == 302
    assert response["Location"].startswith("/logga-in/")


def test_public_pages_send_security_headers(client, site_home):
    response = client.get("/")

    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_pages_stay_swedish_for_a_browser_that_prefers_english(client, site_home):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    html = response.content.decode()
    assert '<html lang="sv">' in html
    assert "Hoppa till innehållet" in html
