"""The evaluation in the browser: the secretary sends it, a recipient answers through the link in
the mail without logging in, a politician answers from Mina sidor, and the secretary reads the
results; axe-core and the Nu HTML checker on each page type, screenshots at 1280 and 375 px."""

import re

import pytest
from django.utils import timezone

from cms.browser import assert_accessible, html_errors, login, screenshots

pytestmark = pytest.mark.browser

LINK = re.compile(r"http://127\.0\.0\.1:\d+/utvardering/\?nyckel=[\w-]+")


def admin_main(page, title):
    # Wagtail's own admin chrome fails the Nu checker; our part of the page is checked.
    return (f'<!DOCTYPE html><html lang="sv"><head><title>{title}</title></head>'
            f'<body><main>{page.locator("main").inner_html()}</main></body></html>')


def answer(page):
    page.get_by_label("Lite", exact=True).check()
    page.get_by_label("Ganska tydligt").check()
    page.get_by_label("Alla lika mycket").check()
    page.get_by_label("Besök", exact=True).check()
    page.get_by_label("Vad fungerar bra, och vad vill du ändra?").fill("Fler träffar med enheten.")
    page.get_by_role("button", name="Skicka svaren").click()


def test_the_secretary_sends_a_recipient_answers_from_the_mail_and_the_secretary_reads_the_results(
        page, demo_server, tmp_path):
    documents = {}
    mail_before = len(demo_server.mail.messages)
    login(page, "namndsekreterare")
    page.goto("/admin/utvardering/")
    page.get_by_label("Nämnd").select_option(label="Kultur- och fritidsnämnden")
    page.get_by_label("År").fill(str(timezone.localdate().year))
    page.get_by_role("button", name="Visa mottagarna").click()
    preview = page.locator("table", has=page.get_by_role("columnheader", name="Enheter")).inner_text()
    assert "Erik Enhetschef" in preview and "enhetschef" in preview
    documents["skicka (admin)"] = admin_main(page, "Skicka utvärdering")
    assert_accessible(page)
    page.get_by_role("button", name="Skicka utvärderingen").click()

    assert "Utvärderingen är skickad till" in page.get_by_role("status").inner_text()
    results_url = page.url
    mail = [m for m in demo_server.wait_for_mail(mail_before + 1)[mail_before:]
            if "enhetschef@adala.example.se" in m.rcpt_tos and b"nyckel=" in m.content]
    link = LINK.search(mail[0].content.decode()).group(0)

    # The recipient needs no login: the link is the key.
    page.context.clear_cookies()
    page.goto(link)
    assert "Du svarar som enhetschef i Kultur- och fritidsnämnden" in page.get_by_role("main").inner_text()
    documents["enkät"] = page.content()
    assert_accessible(page)
    assert screenshots(page, "utvardering-enkat", tmp_path) == []
    page.get_by_role("button", name="Skicka svaren").click()
    assert "Formuläret behöver rättas" in page.get_by_role("alert").inner_text()
    documents["enkät med fel"] = page.content()
    assert_accessible(page)
    answer(page)
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar"
    documents["tack"] = page.content()
    assert_accessible(page)
    page.goto(link)
    assert "Du svarade på enkäten" in page.get_by_role("main").inner_text()
    assert page.get_by_role("button", name="Skicka svaren").count() == 0
    documents["redan besvarad"] = page.content()
    assert_accessible(page)

    login(page, "namndsekreterare")
    page.goto(results_url)
    rates = page.locator("table", has_text="Svarsfrekvens").inner_text()
    assert re.search(r"Enhetschefer\s+1\s+1", rates)
    assert page.locator(".bar-chart svg").count() == 4
    documents["resultat (admin)"] = admin_main(page, "Resultat")
    assert_accessible(page)
    screenshots(page, "utvardering-resultat", tmp_path)  # Wagtail's admin scrolls sideways at 375 px itself
    page.locator(".bar-chart").first.screenshot(path=str(tmp_path / "utvardering-diagram.png"))
    with page.expect_download() as download:
        page.get_by_role("link", name="Exportera XLSX").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    errors = html_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


def test_a_politician_answers_the_demo_evaluation_from_mina_sidor(page, tmp_path):
    documents = {}
    page.goto("/utvardering/")
    assert "personliga länken i mejlet" in page.get_by_role("main").inner_text()
    documents["utan länk"] = page.content()
    assert_accessible(page)

    login(page, "politiker")
    section = page.locator("section", has=page.get_by_role("heading", name="Utvärdering att besvara"))
    section.get_by_role("link", name=re.compile("Svara på utvärderingen från Barn- och utbildningsnämnden")).click()
    assert "Du svarar som kontaktpolitiker" in page.get_by_role("main").inner_text()
    answer(page)

    assert page.get_by_role("heading", level=1).inner_text() == "Tack för dina svar"
    page.goto("/mina-sidor/")
    assert page.get_by_role("heading", name="Utvärdering att besvara").count() == 0
    assert html_errors(documents, tmp_path) == []
