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
