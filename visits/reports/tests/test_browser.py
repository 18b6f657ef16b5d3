"""Writing, submitting and reading a report in the browser, with axe-core and the Nu HTML
checker on each page type."""

import re

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser

FIRST_QUESTION = re.compile("trygghet och trivsel")


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def test_politician_writes_is_warned_submits_and_colleague_and_manager_read_it(page, demo_server, tmp_path):
    documents = {}
    login(page, "politiker")
    page.goto("/mina-sidor/")
    documents["my pages"] = page.content()
    page.get_by_role("link", name=re.compile("sparat")).first.click()
    assert "besok=" in page.url
    form_url = page.url
    documents["report form"] = page.content()
    assert_accessible(page)

    page.get_by_label(FIRST_QUESTION).fill("Eleven med personnummer 811218-9876 var ledsen på rasten.")
    page.get_by_role("button", name="Spara utkast").click()
    assert "Utkastet är sparat" in page.get_by_role("status").inner_text()
    page.get_by_role("button", name="Skicka in rapporten").click()
    warning = page.get_by_role("alert").filter(has_text="Kontrollera personuppgifter")
    assert "811218-9876" in warning.inner_text()
    documents["personal data warning"] = page.content()
    assert_accessible(page)

    page.get_by_label(FIRST_QUESTION).fill("En elev var ledsen på rasten; personalen tog hand om det direkt.")
    page.get_by_role("button", name="Skicka in rapporten").click()
    page.wait_for_url("**/rapporter/*/")
    number = re.search(r"BUN \d{4}/\d{4}", page.get_by_role("status").inner_text()).group(0)
    assert number in page.get_by_role("heading", level=1).inner_text()
    report_url = page.url
    documents["report"] = page.content()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.get_by_role("link", name="Skriv en rättelse").is_visible()
    page.emulate_media(media="screen")

    switch_user(page, "politiker2")
    page.goto("/rapporter/")
    documents["report list"] = page.content()
    assert_accessible(page)
    page.get_by_role("link", name=number).click()
    assert "personalen tog hand om det direkt" in page.get_by_role("main").inner_text()
    page.goto("/rapporter/?enhet=finns-inte")
    assert "Välj en enhet i listan." in page.get_by_role("main").inner_text()
    documents["report list with an error"] = page.content()
    assert_accessible(page)
    assert page.request.get(form_url).status == 404  # not politiker2's visit

    switch_user(page, "enhetschef")
    page.goto(report_url)
    assert number in page.get_by_role("heading", level=1).inner_text()

    switch_user(page, "namndsekreterare")
    page.goto("/admin/rapporter/sammanstallning/")
    assert "Backaskolan" in page.get_by_role("main").inner_text() or "Förskolan" in page.get_by_role("main").inner_text()
    # Wagtail's own admin chrome (sidebar, shortcuts dialog) fails the Nu checker; check our part of the page.
    documents["summary (admin)"] = ('<!DOCTYPE html><html lang="sv"><head><title>Sammanställning</title></head>'
                                    f'<body><main>{page.locator("main").inner_html()}</main></body></html>')
    assert_accessible(page)
    page.get_by_label("Visa som").select_option("xlsx")
    with page.expect_download() as download:
        page.get_by_role("button", name="Visa").click()
    assert download.value.suggested_filename.endswith(".xlsx")

    switch_user(page, "redaktor")
    assert page.goto(report_url).status == 404
    page.context.clear_cookies()
    assert page.goto("/rapporter/").status == 404  # anonymous: no list, but the page offers the login
    login_link = page.locator("main").get_by_role("link", name="Logga in")
    assert "/logga-in/?next=/rapporter/" in login_link.get_attribute("href")

    # The manager follows the link in the mail while logged out: the login, then the report.
    page.goto(report_url)
    assert "/logga-in/?next=/rapporter/" in page.url
    page.get_by_label("Användarnamn").fill("enhetschef")
    page.get_by_label("Lösenord").fill("insyn-demo")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url(report_url)
    assert number in page.get_by_role("heading", level=1).inner_text()
    page.goto("/mina-sidor/")
    assert number in page.get_by_role("region", name="Rapporter om mina enheter").inner_text()
    documents["my pages (manager)"] = page.content()
    assert_accessible(page)

    errors = html_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
