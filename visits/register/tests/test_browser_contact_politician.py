"""The secretary adds a contact politician in one form in the admin (issue 16), in Chromium."""

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser


def main_only(page, title):
    """Wagtail's admin chrome fails the Nu checker on its own; check the part of the page that is ours."""
    return (f'<!DOCTYPE html><html lang="sv"><head><title>{title}</title></head>'
            f'<body><main>{page.locator("main").inner_html()}</main></body></html>')


def test_the_secretary_adds_a_contact_politician_in_one_form(page, tmp_path):
    login(page, "namndsekreterare")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/")
    page.get_by_role("link", name="Ny kontaktpolitiker").first.click()
    assert page.get_by_role("heading", level=1).inner_text().strip() == "Ny kontaktpolitiker"
    documents = {"form": main_only(page, "Ny kontaktpolitiker")}
    assert_accessible(page)

    page.get_by_role("button", name="Lägg till kontaktpolitikern").click()
    summary = page.locator("#felsammanfattning")
    assert "Skriv förnamnet." in summary.inner_text() and "Välj minst en enhet." in summary.inner_text()
    documents["errors"] = main_only(page, "Ny kontaktpolitiker")
    assert_accessible(page)

    page.get_by_label("Förnamn").fill("Åsa")
    page.get_by_label("Efternamn").fill("Öberg")
    page.locator("#id_party").select_option(index=1)
    page.locator("#id_committee").select_option(label="Barn- och utbildningsnämnden")
    page.get_by_label("Backaskolan F–6 (BUN)").check()
    page.get_by_role("button", name="Lägg till kontaktpolitikern").click()

    page.wait_for_url("**/admin/snippets/visits/politician/edit/**")
    assert "Åsa Öberg är" in page.locator(".messages").inner_text()
    assert page.get_by_label("Kortnamn i adresser").input_value() == "asa-oberg"
    assert html_errors(documents, tmp_path) == []
