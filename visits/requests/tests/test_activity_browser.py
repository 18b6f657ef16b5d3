"""Recording an activity in the browser, as a contact politician and as a unit manager, with
axe-core, the Nu HTML checker and screenshots at 1280 and 375 px on each page type."""

import pytest

from cms.browser import assert_accessible, html_errors, login, screenshots

pytestmark = pytest.mark.browser


def test_a_politician_records_an_activity_and_sees_it_counted(page, tmp_path):
    documents = {}
    login(page, "politiker")
    section = page.locator("section", has=page.get_by_role("heading", name="Mina aktiviteter", exact=False))
    assert "Förskolan Blåbäret" in section.inner_text()
    assert "räknas inte som aktivitet" in section.inner_text()
    documents["mina sidor"] = page.content()
    assert_accessible(page)
    section.get_by_role("link", name="Registrera en aktivitet eller se alla aktiviteter").click()

    assert page.get_by_role("heading", level=1).inner_text().startswith("Aktiviteter")
    documents["översikt"] = page.content()
    assert_accessible(page)
    assert screenshots(page, "aktiviteter-politiker", tmp_path) == []
    page.get_by_role("link", name="Registrera en aktivitet på Backaskolan F–6").click()

    page.get_by_role("button", name="Registrera aktiviteten").click()
    assert "Formuläret behöver rättas" in page.get_by_role("alert").inner_text()
    documents["formulär med fel"] = page.content()
    assert_accessible(page)
    page.get_by_label("Vad").fill("Föräldramöte i årskurs 4")
    page.get_by_role("button", name="Registrera aktiviteten").click()

    assert "Aktiviteten på Backaskolan F–6 är registrerad." in page.get_by_role("status").inner_text()
    row = page.locator("tr", has_text="Föräldramöte i årskurs 4")
    assert "Kontaktpolitikern" in row.inner_text()
    row.get_by_role("button", name="Ta bort").click()
    assert "Aktiviteten är borttagen." in page.get_by_role("status").inner_text()
    assert page.locator("tr", has_text="Föräldramöte i årskurs 4").count() == 0
    assert html_errors(documents, tmp_path) == []


def test_a_manager_records_an_activity_for_the_units_contact_politicians(page, tmp_path):
    documents = {}
    login(page, "enhetschef")
    section = page.locator("section", has=page.get_by_role("heading", name="Kontaktpolitikernas aktiviteter",
                                                             exact=False))
    assert "Paula Politiker" in section.inner_text()
    section.get_by_role("link", name="Registrera en aktivitet eller se alla aktiviteter").click()
    page.get_by_role("link", name="Registrera en aktivitet på Förskolan Blåbäret").click()

    page.get_by_label("Vad").fill("Föreställning på förskolans sommarfest")
    page.get_by_label("Paula Politiker (FÅ)").check()
    documents["formulär"] = page.content()
    assert_accessible(page)
    assert screenshots(page, "aktivitet-formular-chef", tmp_path) == []
    page.get_by_role("button", name="Registrera aktiviteten").click()

    assert "Aktiviteten på Förskolan Blåbäret är registrerad." in page.get_by_role("status").inner_text()
    assert "Enhetschefen" in page.locator("tr", has_text="Föreställning på förskolans sommarfest").inner_text()
    documents["översikt chef"] = page.content()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, "politiker")
    page.goto("/mina-sidor/aktiviteter/")
    assert page.locator("tr", has_text="Föreställning på förskolans sommarfest").count() == 1
    assert page.locator("tr", has_text="Föreställning på förskolans sommarfest").get_by_role("button").count() == 0
    assert html_errors(documents, tmp_path) == []
