"""Issue 16 in Chromium against the demo site: every page type fits a 375 px phone, for each role;
focus lands on the error summary; the subscribe dialog copies its address; what cannot be undone
asks first; a GET on an action answers a Swedish page. New and changed page types are checked
with axe-core at 1280 and 375 px and with the Nu HTML checker."""

import re
import urllib.parse

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser

WIDE, NARROW = 1280, 375
SKIP = ("/admin/", "/logga-ut/", "/dokument/", "/static/", "/media/", "/konto/", "/oparl/", "/opendata/")
PAGES_PER_ROLE = 70
SAMPLES_PER_FOLDER = 3


def page_type(path):
    """Pages of one type share their address with numbers taken out (and a folder's many pages)."""
    return re.sub(r"\d+", "N", path.split("?")[0])


def crawl_at_phone_width(page, start):
    """Every same-site HTML page reachable from `start` (a few per folder), at 375 px:
    {path: sideways overflow in px}."""
    page.set_viewport_size({"width": NARROW, "height": 800})
    host = urllib.parse.urlsplit(page.url or "http://x/").netloc
    queue, seen_types, per_folder, overflow = list(start), set(), {}, {}
    while queue and len(overflow) < PAGES_PER_ROLE:
        path = queue.pop(0)
        kind = page_type(path)
        # Top-level pages are each their own type; below them a few samples of a folder's pages.
        folder = kind.rstrip("/").rsplit("/", 1)[0] or kind
        if kind in seen_types or path.startswith(SKIP) or path.endswith((".ics", ".pdf", ".csv", ".xlsx", ".json")):
            continue
        if per_folder.get(folder, 0) >= SAMPLES_PER_FOLDER:
            continue
        seen_types.add(kind)
        head = page.request.get(path)
        if "text/html" not in head.headers.get("content-type", ""):
            continue
        per_folder[folder] = per_folder.get(folder, 0) + 1
        page.goto(path)
        host = urllib.parse.urlsplit(page.url).netloc
        overflow[path] = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
            url = urllib.parse.urlsplit(href)
            if url.netloc == host and url.scheme.startswith("http"):
                queue.append(url.path + (f"?{url.query}" if url.query else ""))
    return overflow


@pytest.mark.parametrize("username", [None, "politiker", "enhetschef", "forvaltningschef", "namndsekreterare"])
def test_no_page_is_wider_than_a_phone_for_any_role(page, username):
    if username:
        login(page, username)
    start = ["/", "/mina-sidor/"] if username else ["/", "/sok/?q=skola", "/logga-in/"]

    overflow = crawl_at_phone_width(page, start)

    assert len(overflow) >= 8, overflow
    assert {path: px for path, px in overflow.items() if px > 0} == {}
    if username:
        assert any(path.startswith("/mina-sidor/") for path in overflow)


def check_both_widths(page, name):
    for width in (NARROW, WIDE):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        if width == NARROW:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"


def test_focus_moves_to_the_error_summary_after_a_form_error(page):
    page.goto("/synpunkter/")
    page.get_by_role("button", name="Skicka synpunkten").click()

    summary = page.locator("#felsammanfattning")
    summary.wait_for()  # the answer to the post has loaded
    page.wait_for_function("document.activeElement && document.activeElement.id === 'felsammanfattning'")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.tagName") in ("INPUT", "SELECT", "TEXTAREA")


def test_the_subscribe_dialog_shows_the_steps_and_copies_the_address(page, demo_server, tmp_path):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_server.url)
    page.goto("/utbildning/")
    assert page.get_by_text("https-adress").count() == 0
    summaries = page.locator("summary.subscribe__summary").all_inner_texts()
    assert len(summaries) == len(set(summaries)) > 2

    page.get_by_text("Prenumerera på hela programmet").click()
    dialog = page.locator("#kalender-alla")
    for step in ("Outlook", "Google Kalender", "Apple Kalender på Mac", "Telefon och surfplatta"):
        assert dialog.get_by_text(step, exact=True).is_visible()
    address = dialog.get_by_label("Adress att kopiera: hela programmet").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/utbildning/program/\d+/kalender\.ics", address)
    dialog.get_by_role("button", name="Kopiera adressen").click()

    assert dialog.get_by_role("status").inner_text() == "Adressen är kopierad. Klistra in den i din kalender."
    assert page.evaluate("navigator.clipboard.readText()") == address
    # The programme of this period carries none of the last period's sessions.
    assert "2023" not in "".join(re.findall(r"SUMMARY:(.*)", page.request.get(address).text()))
    html = page.content()
    check_both_widths(page, "programme with the subscribe dialog")
    assert html_errors({"programme, dialog open": html}, tmp_path) == []


def test_a_new_calendar_link_is_asked_for_first_and_a_get_answers_swedish(page, tmp_path):
    login(page, "politiker")
    page.get_by_text("Prenumerera på din personliga kalender").click()
    old = page.get_by_label("Adress att kopiera: din personliga kalender").input_value()
    page.get_by_role("button", name="Skapa ny kalenderlänk").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Skapa en ny kalenderlänk?"
    documents = {"confirm": page.content()}
    check_both_widths(page, "confirm a new calendar link")
    page.get_by_role("link", name="Avbryt").click()
    page.get_by_text("Prenumerera på din personliga kalender").click()
    assert page.get_by_label("Adress att kopiera: din personliga kalender").input_value() == old

    page.get_by_role("button", name="Skapa ny kalenderlänk").click()
    page.get_by_role("button", name="Skapa ny länk").click()
    page.get_by_text("Du har fått en ny kalenderlänk").wait_for()
    page.get_by_text("Prenumerera på din personliga kalender").click()
    assert page.get_by_label("Adress att kopiera: din personliga kalender").input_value() != old

    response = page.goto("/mina-sidor/kalender/ny-lank/")
    assert response.status == 405
    assert page.get_by_role("heading", level=1).inner_text() == "Adressen öppnas med en knapp"
    documents["405"] = page.content()
    check_both_widths(page, "405")
    assert html_errors(documents, tmp_path) == []


@pytest.mark.parametrize("username, path", [
    ("enhetschef", "/mina-sidor/synpunkter/"),
    ("politiker", "/mina-sidor/besok/"),
    ("politiker", "/rapporter/"),
])
def test_the_lists_that_stack_on_a_phone_are_accessible_and_valid(page, tmp_path, username, path):
    login(page, username)
    page.goto(path)
    assert page.locator("main table.stack-table tbody tr").count() >= 1
    html = page.content()

    check_both_widths(page, path)
    assert html_errors({path: html}, tmp_path) == []


def test_the_newsletter_recipients_stack_on_a_phone(page, tmp_path):
    login(page, "enhetschef")
    page.goto("/mina-sidor/nyhetsbrev/")
    page.locator("main li a[href^='/mina-sidor/nyhetsbrev/']").first.click()
    page.get_by_role("heading", name="Skickat till").wait_for()  # the click's page has loaded
    html = page.content()

    check_both_widths(page, "newsletter detail")
    page.set_viewport_size({"width": NARROW, "height": 900})
    # Stacked: each recipient a card, each cell named by its column.
    assert page.locator("main table.stack-table td[data-label='Namn']").first.evaluate(
        "cell => getComputedStyle(cell).display") == "block"
    assert html_errors({"newsletter detail": html}, tmp_path) == []
