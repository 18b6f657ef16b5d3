"""Site-wide checks against the running demo site: every public page is valid HTML."""

import re
import urllib.parse
import urllib.request

import pytest

from cms.browser import html_errors, login

pytestmark = pytest.mark.browser

SKIP_PREFIXES = ("/admin/", "/dokument/", "/static/", "/media/", "/logga-ut/")
MAX_PAGES = 400


def crawl(base_url, start_paths):
    """Every same-site HTML page reachable from the start paths, as {path: html}."""
    seen, queue, pages = set(), list(start_paths), {}
    while queue and len(pages) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(SKIP_PREFIXES):
            continue
        seen.add(path)
        try:
            response = urllib.request.urlopen(base_url + path, timeout=30)
        except urllib.error.HTTPError as error:
            if error.code == 404:
                pages[path] = error.read().decode()
                continue
            raise
        if "text/html" not in response.headers.get("Content-Type", ""):
            continue
        html = response.read().decode()
        pages[path] = html
        for href in re.findall(r'href="([^"#]+)', html):
            url = urllib.parse.urlsplit(urllib.parse.urljoin(base_url + path, href.replace("&amp;", "&")))
            if url.netloc == urllib.parse.urlsplit(base_url).netloc:
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return pages


def test_every_public_page_of_the_demo_site_is_valid_html(demo_server, tmp_path):
    pages = crawl(demo_server.url, ["/", "/sok/?q=kontaktpolitiker", "/logga-in/", "/finns-inte/"])

    assert len(pages) >= 5
    assert html_errors(pages, tmp_path) == []


@pytest.mark.parametrize("username", ["politiker", "enhetschef", "forvaltningschef", "namndsekreterare"])
def test_my_pages_is_valid_html_for_each_role(page, username, tmp_path):
    login(page, username)

    html = page.context.request.get("/mina-sidor/").text()

    assert html_errors({f"/mina-sidor/ ({username})": html}, tmp_path) == []


def test_the_standalone_error_pages_are_swedish_valid_and_accessible(page, tmp_path):
    # 400, the CSRF failure and 500 are rendered without the request (and without base.html).
    from django.template.loader import render_to_string

    from cms.browser import assert_accessible

    pages = {name: render_to_string(name) for name in ("400.html", "403_csrf.html", "500.html")}

    assert html_errors(pages, tmp_path) == []
    for html in pages.values():
        assert '<html lang="sv">' in html
        page.set_content(html)
        assert_accessible(page)


PROTECTED_PAGE = """
from wagtail.models import Page, PageViewRestriction
from home.models import StandardPage
home = Page.objects.get(depth=2, locale__language_code="sv").specific  # one home per language (issue 21)
page = StandardPage.objects.filter(slug="gruppens-sida").first() or home.add_child(
    instance=StandardPage(title="Gruppens sida", slug="gruppens-sida"))
PageViewRestriction.objects.get_or_create(page=page, restriction_type="password", password="ratt-losen")
print(page.url)
"""


def test_guessing_a_page_password_ends_in_an_accessible_swedish_429(page, demo_server, tmp_path):
    from django.conf import settings

    from cms.browser import assert_accessible

    url = demo_server.manage("shell", "-c", PROTECTED_PAGE).strip().splitlines()[-1]
    status = None
    # Each gunicorn worker of the demo counts in its own memory cache (production shares one).
    for attempt in range(2 * settings.INSYN_PAGE_PASSWORD_LIMIT + 1):
        page.goto(url)
        page.locator("input[name=password]").fill(f"gissning-{attempt}")
        with page.expect_navigation() as navigation:
            page.locator("form [type=submit]").click()
        status = navigation.value.status
        if status == 429:
            break

    html = page.content()  # before axe-core is injected
    assert status == 429
    assert page.get_by_role("heading", level=1).inner_text() == "För många försök"
    assert_accessible(page)
    assert html_errors({"429 (sidlösenord)": html}, tmp_path) == []


def test_the_400_page_with_a_reason_is_valid_and_accessible(page, tmp_path):
    from django.template.loader import render_to_string

    from cms.browser import assert_accessible

    html = render_to_string("400.html", {"reason": "Formuläret skickades i en annan teckenkodning än UTF-8."})

    assert html_errors({"400 med orsak": html}, tmp_path) == []
    page.set_content(html)
    assert_accessible(page)
