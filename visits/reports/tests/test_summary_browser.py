"""The administration's printable summary in the browser: axe-core and the Nu HTML checker."""

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser


def test_secretary_opens_the_printable_summary_without_axe_or_html_errors(page, demo_server, tmp_path):
    login(page, "namndsekreterare")
    page.goto("/admin/rapporter/sammanstallning/")
    page.get_by_role("link", name="Utskriftsvänlig sida").click()
    page.wait_for_url("**format=print**")
    assert "Svar per fråga" in page.get_by_role("main").inner_text()
    assert page.locator(".bar-chart svg").count() == 2
    html = page.request.get(page.url).text()  # before axe injects its script into the page
    assert_accessible(page)
    page.emulate_media(media="print")
    assert page.locator(".site-header").is_hidden()
    assert_accessible(page)
    assert html_errors({"summary (print)": html}, tmp_path) == []
