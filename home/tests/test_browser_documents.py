"""Styrdokument in a real browser: both page types pass axe and the Nu checker, print puts
the metadata first, and the secretary sees the review reminder on the dashboard."""

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser

DOCUMENT = "/styrdokument/riktlinjer-for-kontaktpolitiker/"


def test_index_and_document_page_are_accessible_and_valid(page, tmp_path):
    page.goto("/styrdokument/")
    assert page.get_by_role("heading", name="Riktlinjer för kontaktpolitiker", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Riktlinjer för kontaktpolitiker", exact=True).click()
    page.wait_for_url(f"**{DOCUMENT}")
    page.get_by_role("heading", name="Beslutshistorik").wait_for()
    assert_accessible(page)

    # The server's HTML, not the DOM after axe has been injected into it.
    documents = {name: page.request.get(url).text() for name, url in (("index", "/styrdokument/"), ("document", DOCUMENT))}
    assert html_errors(documents, tmp_path) == []


def test_visitor_filters_the_index_by_status_and_sees_the_replaced_version(page):
    page.goto("/styrdokument/")
    page.get_by_label("Status").select_option("ersatt")
    page.get_by_role("button", name="Visa").click()

    page.get_by_role("link", name="Riktlinjer för kontaktpolitiker 2019").click()

    page.get_by_text("Ersatt av ett nyare dokument").wait_for()
    assert page.get_by_role("link", name="Riktlinjer för kontaktpolitiker", exact=True).is_visible()
    assert_accessible(page)


def test_invalid_filter_shows_an_accessible_swedish_error(page, tmp_path):
    page.goto("/styrdokument/?typ=finns-inte")

    assert page.get_by_text("Den dokumenttypen finns inte").first.is_visible()
    assert_accessible(page)
    assert html_errors({"index-error": page.request.get("/styrdokument/?typ=finns-inte").text()}, tmp_path) == []


def test_printed_document_starts_with_its_metadata_block(page):
    page.goto(DOCUMENT)
    page.emulate_media(media="print")

    metadata_top = page.locator(".governing-document__meta").bounding_box()["y"]
    title_top = page.get_by_role("heading", level=1).bounding_box()["y"]

    assert metadata_top < title_top
    assert not page.locator(".site-header").is_visible()


def test_secretary_sees_the_document_due_for_review_on_the_dashboard(page):
    login(page, "namndsekreterare")
    page.goto("/admin/")

    panel = page.get_by_role("region", name="Styrdokument att revidera")
    assert panel.get_by_role("link", name="Riktlinjer för kontaktpolitiker", exact=True).is_visible()
