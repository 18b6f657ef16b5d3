"""A head of administration signs up for a session meant for staff, in the browser, with axe-core,
the Nu HTML checker and screenshots at 1280 and 375 px."""

import pytest

from cms.browser import assert_accessible, html_errors, login, screenshots

pytestmark = pytest.mark.browser


def test_a_head_of_administration_signs_up_for_a_session_meant_for_staff(page, tmp_path):
    documents = {}
    login(page, "forvaltningschef")
    section = page.locator("section", has=page.get_by_role(
        "heading", name="Utbildningar för förvaltningschefer och nämndsekreterare"))
    assert "du är anmäld" in section.locator("li", has_text="Grundutbildning för alla förtroendevalda").inner_text()
    documents["mina sidor"] = page.content()
    assert_accessible(page)
    section.get_by_role("link", name="Verksamhets- och ekonomistyrning").click()

    assert "Även förvaltningschefer och nämndsekreterare" in page.get_by_role("main").inner_text()
    page.get_by_role("button", name="Anmäl mig").click()
    page.get_by_text("Du är anmäld till Verksamhets- och ekonomistyrning").wait_for()
    page.get_by_role("button", name="Avanmäl mig").wait_for()
    documents["tillfälle"] = page.content()
    assert_accessible(page)
    assert screenshots(page, "utbildning-forvaltningschef", tmp_path) == []

    page.goto("/utbildning/")
    page.get_by_role("link", name="Ordförandeutbildning för presidier").click()
    assert page.get_by_role("button", name="Anmäl mig").count() == 0
    assert "Tillfället är till för förtroendevalda" in page.get_by_role("main").inner_text()

    page.goto("/mina-sidor/")
    assert "du är anmäld" in page.locator("li", has_text="Verksamhets- och ekonomistyrning").inner_text()
    assert html_errors(documents, tmp_path) == []


def test_the_secretary_sees_staff_apart_from_politicians_in_the_attendance(page):
    login(page, "namndsekreterare")
    page.goto("/admin/utbildning/narvaro/")
    page.get_by_role("link", name="Grundutbildning för förtroendevalda 2023").click()

    main = page.get_by_role("main").inner_text()
    politicians, staff = main.split("Förvaltningschefer och nämndsekreterare")
    assert "Paula Politiker" in politicians and "Fatima Förvaltningschef" in staff
    assert_accessible(page)
