"""The language lives in the address: Swedish at the root, English under /en/, whatever the
browser asks; pages translated by editors, and Swedish pages with a notice where they are not."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.models import Locale, PageViewRestriction

from cms.demo_english import translate
from home.models import StandardPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def english(db):
    return Locale.objects.get_or_create(language_code="en")[0]


@pytest.fixture
def standard_page(site_home):
    return StandardPage.objects.child_of(site_home).get(slug="om-kontaktpolitiker")


@pytest.fixture
def english_home(site_home, english):
    return translate(site_home, english, {"title": "Insyn for elected representatives", "intro": "<p>Welcome.</p>"})


@pytest.fixture
def english_page(english_home, standard_page, english):
    return translate(standard_page, english, {
        "title": "About contact politicians", "slug": "about", "intro": "Two per unit.", "body": [],
    })


def html(response):
    return response.content.decode()


def alternates(body):
    return dict(re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)">', body))


def switcher(body):
    nav = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S)
    return re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="(\w+)">([^<]+)</a>', nav.group(0)) if nav else []


def test_the_root_is_swedish_whatever_the_browser_asks_for(client, english_home):
    client.cookies["django_language"] = "en"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")

    assert '<html lang="sv">' in html(response)
    assert response["Content-Language"] == "sv"
    assert "Accept-Language" not in response.get("Vary", "")


def test_english_lives_under_its_prefix(client, english_home):
    response = client.get("/en/")
    body = html(response)

    assert response.status_code == 200
    assert '<html lang="en">' in body
    assert response["Content-Language"] == "en"
    assert "Insyn for elected representatives" in body
    assert ">Search</a>" in body and ">Log in</a>" in body and "Skip to content" in body
    assert "Accept-Language" not in response.get("Vary", "")


def test_a_translated_page_names_both_languages_and_the_switcher_leads_between_them(client, english_page):
    swedish = html(client.get("/om-kontaktpolitiker/"))
    english = html(client.get("/en/about/"))

    expected = {
        "x-default": "http://testserver/om-kontaktpolitiker/",
        "sv": "http://testserver/om-kontaktpolitiker/",
        "en": "http://testserver/en/about/",
    }
    assert alternates(swedish) == expected and alternates(english) == expected
    assert switcher(swedish) == [("/en/about/", "en", "en", "English")]
    assert switcher(english) == [("/om-kontaktpolitiker/", "sv", "sv", "Svenska")]
    assert "About contact politicians" in english and "translation-notice" not in english


def test_an_untranslated_page_is_shown_in_swedish_with_a_notice_in_english(client, english_home, standard_page):
    body = html(client.get("/en/om-kontaktpolitiker/"))

    assert '<html lang="en">' in body
    assert "This page is not yet available in English, so it is shown in Swedish." in body
    assert '<article class="prose" lang="sv">' in body and "Om kontaktpolitiker" in body
    # Not announced as English to search engines; the menu keeps the visitor in English.
    assert set(alternates(body)) == {"x-default", "sv"}
    assert '<a href="/en/om-kontaktpolitiker/" lang="sv" aria-current="page">Om kontaktpolitiker</a>' in body


def test_the_swedish_address_of_a_translated_page_under_the_prefix_leads_to_the_translation(client, english_page):
    response = client.get("/en/om-kontaktpolitiker/?sida=2")

    assert response.status_code == 302
    assert response["Location"] == "/en/about/?sida=2"


def test_switching_language_keeps_the_query(client, site_home):
    body = html(client.get("/sok/", {"q": "kontakt"}))

    assert switcher(body) == [("/en/sok/?q=kontakt", "en", "en", "English")]
    assert alternates(body)["en"] == "http://testserver/en/sok/?q=kontakt"


def test_an_alias_made_for_an_untranslated_parent_counts_as_untranslated(client, site_home, standard_page, english):
    # Translating a child first makes Wagtail put an alias of the home page in the English tree.
    translation = standard_page.copy_for_translation(english, copy_parents=True)
    translation.title, translation.slug = "About", "about"
    translation.save_revision().publish()

    home = html(client.get("/en/"))
    about = html(client.get("/en/about/"))

    assert "This page is not yet available in English" in home
    assert '<h1 lang="sv">Insyn för förtroendevalda</h1>' in home
    assert "translation-notice" not in about and ">About<" in about


def test_a_translation_is_as_private_as_its_swedish_original(client, english_page, standard_page):
    # A restriction added after the translation was made sits on the Swedish page only.
    PageViewRestriction.objects.create(page=standard_page, restriction_type=PageViewRestriction.LOGIN)

    response = client.get("/en/about/")

    assert response.status_code == 302
    assert response["Location"] == "/en/logga-in/?next=/en/about/"


def test_search_in_english_finds_each_page_once_in_the_visitors_language(client, english_page, run_tasks):
    run_tasks()  # Wagtail indexes pages through the task queue

    english = html(client.get("/en/sok/", {"q": "About"}))
    swedish = html(client.get("/sok/", {"q": "kontaktpolitiker"}))
    untranslated = html(client.get("/en/sok/", {"q": "Tillgänglighetsredogörelse"}))

    assert '<a href="/en/about/">About contact politicians</a>' in english
    assert "/om-kontaktpolitiker/" not in english
    assert '<a href="/om-kontaktpolitiker/">Om kontaktpolitiker</a>' in swedish and "/en/about/" not in swedish
    assert '<a href="/en/tillganglighet/" lang="sv">Tillgänglighetsredogörelse</a>' in untranslated


def test_the_sitemap_lists_the_pages_of_every_language(client, english_page):
    locations = re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", html(client.get("/sitemap.xml")))

    assert {"/", "/om-kontaktpolitiker/", "/en/", "/en/about/"} <= set(locations)


def test_not_found_answers_in_the_language_of_the_address(client, site_home):
    response = client.get("/en/finns-inte/")
    body = html(response)

    assert response.status_code == 404
    assert '<html lang="en">' in body and "Page not found" in body
    assert '<a href="/en/">Go to the home page</a>' in body


def test_the_standalone_error_pages_follow_the_language_of_the_request():
    with translation.override("en"):
        pages = {name: render_to_string(name) for name in ("400.html", "403_csrf.html", "500.html")}

    for body in pages.values():
        assert '<html lang="en">' in body and '<a href="/en/">To the home page</a>' in body
    assert "Something went wrong on our side" in pages["500.html"]
    assert "The form had expired" in pages["403_csrf.html"]


def test_links_in_rich_text_lead_to_the_page_in_the_visitors_language(client, english_home, standard_page, english):
    english_home.intro = f'<p><a linktype="page" id="{standard_page.pk}">Read more</a></p>'
    english_home.save_revision().publish()

    before = html(client.get("/en/"))
    translate(standard_page, english, {"title": "About", "slug": "about"})
    after = html(client.get("/en/"))

    assert '<a href="/en/om-kontaktpolitiker/">Read more</a>' in before
    assert '<a href="/en/about/">Read more</a>' in after


def test_the_accessibility_statement_lists_the_languages_turned_on(client, site_home):
    swedish = html(client.get("/tillganglighet/"))
    english = html(client.get("/en/tillganglighet/"))

    assert '<li><span lang="sv">Svenska</span></li>' in swedish
    assert '<li><span lang="en">English</span> (Engelska)</li>' in swedish
    assert '<li><span lang="sv">Svenska</span> (Swedish)</li>' in english
    assert "The website is available in these languages:" in english


def test_the_admin_open_data_and_the_sitemap_have_one_address(client, site_home):
    assert client.get("/en/oparl/v1.1/").status_code == 404
    assert client.get("/oparl/v1.1/").status_code == 200
    assert client.get("/en/sitemap.xml").status_code == 404
    assert client.get("/en/admin/").status_code == 404
