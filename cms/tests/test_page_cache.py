"""The page cache for anonymous visitors (cms/page_cache.py), through real requests and the
real middleware: what is served from the cache, what never is, and what clears it."""

import pytest
from django.contrib.messages import constants
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client, RequestFactory
from wagtail.models import PageViewRestriction

from cms import page_cache
from home.models import StandardPage
from training.tests.factories import make_programme, make_session, republish
from visits.feedback.tests.factories import make_form_page
from visits.register.tests.factories import make_directory_page, make_register

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.INSYN_PAGE_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def standard_page(site_home):
    return StandardPage.objects.get(slug="om-kontaktpolitiker")


@pytest.fixture
def unit(site_home):
    make_directory_page(site_home)
    return make_register()["units"][0]


def get(path, client=None, **extra):
    return (client or Client()).get(path, **extra)


def test_second_anonymous_visit_is_served_from_the_cache_unchanged(standard_page):
    first = get("/om-kontaktpolitiker/")
    second = get("/om-kontaktpolitiker/")

    assert first["X-Cache"] == "miss"
    assert second["X-Cache"] == "hit"
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]
    assert not second.cookies


def test_cached_answers_still_carry_the_security_headers(standard_page):
    get("/om-kontaktpolitiker/")
    second = get("/om-kontaktpolitiker/")

    assert second["X-Cache"] == "hit"
    assert "default-src 'self'" in second["Content-Security-Policy"]
    assert second["X-Content-Type-Options"] == "nosniff"
    assert second["X-Frame-Options"] == "DENY"
    assert "camera=()" in second["Permissions-Policy"]
    assert second["Referrer-Policy"] == "same-origin"


def test_head_request_is_answered_from_the_copy_of_the_get(standard_page):
    get("/om-kontaktpolitiker/")

    response = Client().head("/om-kontaktpolitiker/")

    assert response.status_code == 200
    assert response["X-Cache"] == "hit"


def test_logged_in_user_never_gets_the_anonymous_copy_and_their_page_is_never_stored(standard_page, django_user_model):
    user = django_user_model.objects.create_user("politiker", password="x" * 12)
    get("/om-kontaktpolitiker/")  # the anonymous copy is stored
    member = Client()
    member.force_login(user)

    html = member.get("/om-kontaktpolitiker/").content.decode()
    cache.clear()
    member.get("/om-kontaktpolitiker/")
    anonymous = get("/om-kontaktpolitiker/")

    assert "Logga ut" in html
    assert anonymous["X-Cache"] == "miss"  # the member's visit stored nothing
    assert "Logga ut" not in anonymous.content.decode()


def test_request_with_authorization_header_bypasses_the_cache(standard_page):
    get("/om-kontaktpolitiker/")

    response = get("/om-kontaktpolitiker/", HTTP_AUTHORIZATION="Basic eDp5")

    assert "X-Cache" not in response


def test_publishing_a_page_shows_the_new_content_to_the_next_visitor(standard_page):
    get("/om-kontaktpolitiker/")
    assert get("/om-kontaktpolitiker/")["X-Cache"] == "hit"

    standard_page.title = "Så arbetar kontaktpolitikerna"
    standard_page.save_revision().publish()
    response = get("/om-kontaktpolitiker/")

    assert response["X-Cache"] == "miss"
    assert "Så arbetar kontaktpolitikerna" in response.content.decode()


def test_unpublishing_a_page_removes_it_for_the_next_visitor(standard_page):
    get("/om-kontaktpolitiker/")

    standard_page.unpublish()

    assert get("/om-kontaktpolitiker/").status_code == 404


def test_saving_a_unit_shows_the_new_content_to_the_next_visitor(unit):
    path = f"/enheter/{unit.slug}/"
    get(path)
    assert get(path)["X-Cache"] == "hit"

    unit.address = "Storgatan 12, Ådala"
    unit.save()
    response = get(path)

    assert response["X-Cache"] == "miss"
    assert "Storgatan 12, Ådala" in response.content.decode()


def test_changing_a_training_session_shows_the_new_content_to_the_next_visitor(site_home):
    session = make_session(make_programme(site_home))
    path = session.get_url()
    get(path)
    assert get(path)["X-Cache"] == "hit"

    republish(session, location="Folkets hus, stora salen")
    response = get(path)

    assert response["X-Cache"] == "miss"
    assert "Folkets hus, stora salen" in response.content.decode()


def test_changing_the_site_settings_shows_them_in_the_next_visitors_footer(standard_page):
    from home.models import SiteSettings

    get("/om-kontaktpolitiker/")
    site_settings = SiteSettings.objects.get()
    site_settings.contact_phone = "0123-45 67 89"
    site_settings.save()

    assert "0123-45 67 89" in get("/om-kontaktpolitiker/").content.decode()


def test_page_with_a_form_is_never_cached(site_home):
    make_form_page(site_home)
    returning = Client()
    first = get("/synpunkter/", returning)  # sets the CSRF cookie
    second = get("/synpunkter/", returning)  # has it: the token is renewed, still not stored
    third = get("/synpunkter/")

    assert first.status_code == second.status_code == third.status_code == 200
    assert "csrfmiddlewaretoken" in third.content.decode()
    assert "X-Cache" not in first and "X-Cache" not in second and "X-Cache" not in third
    assert first.content != third.content  # each visitor has a token of their own


def test_login_page_is_never_cached(site_home):
    get("/logga-in/")

    assert "X-Cache" not in get("/logga-in/")


def test_login_only_page_is_never_cached(standard_page):
    PageViewRestriction.objects.create(page=standard_page, restriction_type=PageViewRestriction.LOGIN)

    first = get("/om-kontaktpolitiker/")
    second = get("/om-kontaktpolitiker/")

    assert first.status_code == second.status_code == 302
    assert "X-Cache" not in second


def test_password_protected_page_is_never_cached(standard_page):
    PageViewRestriction.objects.create(
        page=standard_page, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-ord"
    )

    get("/om-kontaktpolitiker/")
    second = get("/om-kontaktpolitiker/")

    assert "X-Cache" not in second
    assert "Så bokas ett besök" not in second.content.decode()


def test_restricting_a_cached_page_removes_the_copy_at_once(standard_page):
    get("/om-kontaktpolitiker/")
    assert get("/om-kontaktpolitiker/")["X-Cache"] == "hit"

    PageViewRestriction.objects.create(page=standard_page, restriction_type=PageViewRestriction.LOGIN)

    assert get("/om-kontaktpolitiker/").status_code == 302


def messages_cookie(text):
    storage = CookieStorage(RequestFactory().get("/"))
    response = HttpResponse()
    storage._store([Message(constants.INFO, text)], response)
    return response.cookies[storage.cookie_name].value


def test_a_message_never_reaches_another_visitor(standard_page):
    get("/om-kontaktpolitiker/")  # an anonymous copy exists
    with_message = Client()
    with_message.cookies["messages"] = messages_cookie("Du är utloggad")

    own = with_message.get("/om-kontaktpolitiker/")
    cache.clear()
    with_message.cookies["messages"] = messages_cookie("Du är utloggad")
    with_message.get("/om-kontaktpolitiker/")  # stores the shared copy, without its personal parts
    other = get("/om-kontaktpolitiker/")
    another_with_a_cookie = Client()
    another_with_a_cookie.cookies["messages"] = messages_cookie("Sparat")
    shared = another_with_a_cookie.get("/om-kontaktpolitiker/")

    assert "Du är utloggad" in own.content.decode() and own["X-Cache"] == "miss"
    assert other["X-Cache"] == "miss"  # the page with the message was not stored for anonymous visitors
    assert "Du är utloggad" not in other.content.decode()
    assert shared["X-Cache"] == "hit"
    assert "Sparat" in shared.content.decode() and "Du är utloggad" not in shared.content.decode()


# --- logged in: one shared copy, personal parts per request --------------------------------


def logged_in(username, **fields):
    from cms.testing import client_for

    return client_for(get_user_model().objects.create_user(username, password="insyn-test-pass", **fields))


def test_logged_in_users_share_a_pages_copy_and_each_gets_their_own_header(standard_page):
    paula, admin = logged_in("paula"), logged_in("ada", is_superuser=True)

    first = paula.get("/om-kontaktpolitiker/")
    for_admin = admin.get("/om-kontaktpolitiker/")
    again = paula.get("/om-kontaktpolitiker/")

    assert (first["X-Cache"], for_admin["X-Cache"], again["X-Cache"]) == ("miss", "hit", "hit")
    for response in (first, for_admin, again):
        html = response.content.decode()
        assert "Logga ut" in html and "Logga in" not in html and "insyn-personal" not in html
    assert "wagtail-userbar" in for_admin.content.decode()  # the admin's own user bar
    assert "wagtail-userbar" not in again.content.decode()
    assert again.content.decode().replace(csrf_of(again), "") == first.content.decode().replace(csrf_of(first), "")


def csrf_of(response):
    import re

    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()).group(1)


def test_the_logout_form_on_a_shared_copy_carries_the_users_own_token(standard_page):
    from django.contrib.auth import get_user_model as users

    client = Client(enforce_csrf_checks=True)
    client.force_login(users().objects.create_user("paula", password="insyn-test-pass"))
    client.get("/om-kontaktpolitiker/")
    page = client.get("/om-kontaktpolitiker/")
    assert page["X-Cache"] == "hit"

    response = client.post("/logga-ut/", {"csrfmiddlewaretoken": csrf_of(page)})

    assert response.status_code in (200, 302)
    assert "Logga in" in client.get("/om-kontaktpolitiker/").content.decode()


def test_a_page_whose_content_reads_the_user_is_never_shared(site_home):
    programme = make_programme(site_home)
    make_session(programme, title="Grundutbildning")
    paula = logged_in("paula")

    paula.get("/utbildning/", {"mina": "on"})  # only the sessions for the user who asks
    response = paula.get("/utbildning/", {"mina": "on"})

    assert "X-Cache" not in response and "Grundutbildning" in response.content.decode()


def test_a_publish_shows_to_logged_in_users_at_the_next_request(standard_page):
    paula = logged_in("paula")
    paula.get("/om-kontaktpolitiker/")
    assert paula.get("/om-kontaktpolitiker/")["X-Cache"] == "hit"

    standard_page.title = "Så arbetar kontaktpolitikerna"
    standard_page.save_revision().publish()
    response = paula.get("/om-kontaktpolitiker/")

    assert response["X-Cache"] == "miss" and "Så arbetar kontaktpolitikerna" in response.content.decode()


def test_a_login_only_page_is_never_shared(standard_page):
    PageViewRestriction.objects.create(page=standard_page, restriction_type=PageViewRestriction.LOGIN)
    paula = logged_in("paula")

    paula.get("/om-kontaktpolitiker/")
    response = paula.get("/om-kontaktpolitiker/")

    assert response.status_code == 200 and "X-Cache" not in response


def test_query_string_variants_are_cached_separately(unit):
    get("/enheter/?q=Skola")
    get("/enheter/?q=Ingen+s%C3%A5dan")

    found = get("/enheter/?q=Skola")
    missing = get("/enheter/?q=Ingen+s%C3%A5dan")

    assert found["X-Cache"] == missing["X-Cache"] == "hit"
    assert unit.name in found.content.decode()
    assert unit.name not in missing.content.decode()


@pytest.mark.parametrize("path", ["/finns-inte/", "/enheter/finns-inte/"])
def test_a_missing_page_is_not_cached(unit, path):
    get(path)
    response = get(path)

    assert response.status_code == 404
    assert "X-Cache" not in response


def test_calendar_feed_is_not_cached_it_has_its_own_etag(site_home):
    make_session(make_programme(site_home))
    get("/utbildning/kalender.ics")

    response = get("/utbildning/kalender.ics")

    assert response.status_code == 200
    assert "X-Cache" not in response
    assert response.has_header("ETag")


def test_search_is_not_cached(site_home):
    get("/sok/?q=kontaktpolitiker")

    assert "X-Cache" not in get("/sok/?q=kontaktpolitiker")


@pytest.mark.parametrize("path, cacheable", [
    ("/", True), ("/en/", True), ("/en/styrdokument/", True),
    ("/mina-sidor/", False), ("/en/mina-sidor/", False), ("/en/sok/", False), ("/en/rapporter/1/", False),
])
def test_the_excluded_addresses_are_excluded_in_every_language(path, cacheable):
    assert page_cache.is_cacheable_request(RequestFactory().get(path)) is cacheable


def test_cache_is_off_when_its_time_is_zero(standard_page, settings):
    settings.INSYN_PAGE_CACHE_SECONDS = 0
    get("/om-kontaktpolitiker/")

    assert "X-Cache" not in get("/om-kontaktpolitiker/")


# --- the uncached base template -------------------------------------------------------------
# Site, settings, menu and the statement link: the base template costs two queries (site
# settings, and one for the menu and the statement together), whatever the menu holds.
# With the generation cache off, as the test settings have it (cms/tests/test_memo.py pins the
# counts with it on: none for a visitor).
# And the page's translations for the hreflang links and the language switcher (issue 21): 1.
HOME_QUERIES = 9  # routing 4, site settings 1, menu and statement 1, translations 1, the home page's shortcuts 2
STANDARD_PAGE_QUERIES = 9  # routing 6, site settings 1, menu and statement 1, translations 1


def add_menu_pages(home, count):
    for number in range(count):
        home.add_child(instance=StandardPage(title=f"Menysida {number}", slug=f"menysida-{number}", show_in_menus=True))


@pytest.mark.parametrize("menu_pages", [0, 8])
def test_uncached_pages_cost_a_fixed_number_of_queries(site_home, settings, django_assert_num_queries, menu_pages):
    settings.INSYN_PAGE_CACHE_SECONDS = 0
    add_menu_pages(site_home, menu_pages)
    client = Client()
    client.get("/")  # warms Wagtail's site root paths and Django's content types, as a running site has
    client.get("/om-kontaktpolitiker/")

    with django_assert_num_queries(HOME_QUERIES):
        home = client.get("/")
    with django_assert_num_queries(STANDARD_PAGE_QUERIES):
        standard = client.get("/om-kontaktpolitiker/")

    assert home.status_code == standard.status_code == 200
    assert standard.content.decode().count('href="/menysida-') == menu_pages


def test_menu_shows_the_live_public_menu_pages_and_the_footer_links_the_statement(site_home, settings):
    from home.templatetags.insyn_tags import navigation

    settings.INSYN_PAGE_CACHE_SECONDS = 0
    add_menu_pages(site_home, 2)
    hidden = StandardPage.objects.get(slug="menysida-1")
    PageViewRestriction.objects.create(page=hidden, restriction_type=PageViewRestriction.LOGIN)
    draft = site_home.add_child(instance=StandardPage(title="Utkast", slug="utkast", show_in_menus=True, live=False))
    request = RequestFactory().get("/")

    menu = navigation(request)["menu"]
    expected = site_home.get_children().live().public().in_menu().order_by("path")
    html = get("/om-kontaktpolitiker/").content.decode()

    assert [page.pk for page in menu] == [page.pk for page in expected]
    assert hidden not in menu and draft.pk not in [page.pk for page in menu]
    assert navigation(request)["statement"].url == "/tillganglighet/"
    assert 'href="/menysida-0/"' in html and 'href="/menysida-1/"' not in html
    assert '<a href="/tillganglighet/">Tillgänglighetsredogörelse</a>' in html
