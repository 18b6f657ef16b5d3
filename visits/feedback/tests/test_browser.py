"""In the browser: a resident gives feedback about a school from its unit page, the
manager answers on Mina sidor and the answer reaches the resident; a manager's newsletter
reaches the contact politicians and the presidium. Every page type passes axe and the Nu checker."""

import email
import json

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser

RESIDENT = "boende.webbtest@example.org"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def body(envelope):
    message = email.message_from_bytes(envelope.content)
    part = message.get_payload(decode=True) if not message.is_multipart() else message.get_payload(0).get_payload(decode=True)
    return part.decode()


def test_a_resident_sends_feedback_from_a_unit_page_and_gets_the_managers_answer(page, demo_server, tmp_path):
    documents = {}
    mail_before = len(demo_server.mail.messages)

    page.goto("/enheter/backaskolan/")
    page.get_by_role("link", name="Lämna synpunkter om enheten").click()
    page.wait_for_url("**/synpunkter/?enhet=backaskolan")
    assert page.get_by_label("Enhet").input_value() == "backaskolan"
    assert "allmän handling" in page.get_by_role("main").inner_text()
    documents["formulär"] = page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Skicka synpunkten").click()
    assert "Formuläret behöver rättas" in page.get_by_role("alert").inner_text()
    documents["formulär med fel"] = page.content()
    assert_accessible(page)

    page.get_by_label("Klagomål").check()
    page.get_by_label("Din synpunkt").fill("Det är trångt vid cykelstället på morgonen.")
    page.get_by_label("Namn (frivilligt)").fill("Boende i Ådala")
    page.get_by_label("E-post för svar (frivilligt)").fill(RESIDENT)
    page.get_by_role("button", name="Skicka synpunkten").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Tack för din synpunkt"
    documents["tack"] = page.content()
    assert_accessible(page)

    messages = demo_server.wait_for_mail(mail_before + 1)
    assert "enhetschef@adala.example.se" in messages[mail_before].rcpt_tos

    login(page, "enhetschef")
    page.get_by_role("link", name="Alla synpunkter på dina enheter").click()
    documents["lista"] = page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Det är trångt vid cykelstället").first.click()
    documents["synpunkt"] = page.content()
    assert_accessible(page)

    page.locator("textarea[name=answer]").fill("Tack! Vi sätter upp ett cykelställ till vid entrén.")
    page.get_by_role("button", name="Skicka svar").click()
    assert f"skickas till {RESIDENT}" in page.get_by_role("status").inner_text()
    documents["besvarad"] = page.content()
    assert_accessible(page)

    # The manager was told, the resident got a receipt and then the answer.
    messages = demo_server.wait_for_mail(mail_before + 3)
    to_resident = [body(m) for m in messages[mail_before:] if RESIDENT in m.rcpt_tos]
    assert len(to_resident) == 2
    assert "Tack för din synpunkt" in to_resident[0] and "Vad händer nu" in to_resident[0]
    assert "Vi sätter upp ett cykelställ till vid entrén." in to_resident[1]

    assert html_errors(documents, tmp_path) == []


def expected_newsletter_recipients(demo_server, slug):
    script = (
        "import json\n"
        "from visits.models import *\n"
        f"unit = Unit.objects.get(slug='{slug}')\n"
        "period = MandatePeriod.objects.current()\n"
        "contacts = set(ContactAssignment.objects.filter(unit=unit, period=period).values_list('politician__slug', flat=True))\n"
        "presidium = set(Membership.objects.current().presidium().filter(committee=unit.committee).values_list('politician__slug', flat=True))\n"
        "people = Politician.objects.filter(slug__in=contacts | presidium).select_related('user')\n"
        "print(json.dumps({p.full_name: p.email or (p.user.email if p.user else '') for p in people}))\n"
    )
    return json.loads(demo_server.manage("shell", "-c", script).strip().splitlines()[-1])


def test_a_managers_newsletter_reaches_exactly_the_contact_politicians_and_the_presidium(page, demo_server, tmp_path):
    documents = {}
    expected = expected_newsletter_recipients(demo_server, "strandskolan")
    mail_before = len(demo_server.mail.messages)

    login(page, "enhetschef")
    page.get_by_role("link", name="Skriv nyhetsbrev").first.click()
    documents["skriv"] = page.content()
    assert_accessible(page)
    page.get_by_label("Enhet").select_option("strandskolan")
    page.get_by_label("Rubrik").fill("Rektorsbrev från webbtestet")
    page.get_by_label("Text", exact=False).first.fill("Hej! Här är nytt från Strandskolan.")
    page.locator("input[name=pdf]").set_input_files(
        files=[{"name": "brev.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Skicka nyhetsbrevet").click()
    assert "Nyhetsbrevet är skickat" in page.get_by_role("status").inner_text()
    documents["skickat"] = page.content()
    assert_accessible(page)

    rows = page.locator("table tbody tr")
    shown = {rows.nth(i).locator("td").first.inner_text() for i in range(rows.count())}
    assert shown == set(expected)

    addresses = {address for address in expected.values() if address}
    messages = demo_server.wait_for_mail(mail_before + len(addresses))
    newsletter_mail = [m for m in messages[mail_before:] if "nytt från Strandskolan" in body(m)]
    assert {to for m in newsletter_mail for to in m.rcpt_tos} == addresses

    page.goto("/mina-sidor/nyhetsbrev/")
    documents["lista"] = page.content()
    assert_accessible(page)
    assert html_errors(documents, tmp_path) == []


def test_a_contact_politician_reads_the_newsletter_on_mina_sidor(page, tmp_path):
    login(page, "politiker")
    section = page.locator("section", has=page.get_by_role("heading", name="Nyhetsbrev från enheter"))
    section.get_by_role("link", name="Rektorsbrev september").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Rektorsbrev september"
    html = page.content()  # before axe adds its script to the page
    assert_accessible(page)
    assert html_errors({"nyhetsbrev": html}, tmp_path) == []


def test_too_many_submissions_from_one_address_get_a_swedish_429_page(page, tmp_path):
    # Honeypot posts count against the limit but store and mail nothing. Gunicorn's two
    # workers each keep their own local-memory count, so at most 21 posts are needed.
    status = None
    for _ in range(25):
        page.goto("/synpunkter/")
        page.evaluate("document.querySelector('[name=webbplats]').value = 'http://spam.example'")
        page.get_by_label("Din synpunkt").fill("Reklam")
        with page.expect_response(lambda r: r.request.method == "POST") as answer:
            page.get_by_role("button", name="Skicka synpunkten").click()
        status = answer.value.status
        if status == 429:
            break
    assert status == 429
    assert page.get_by_role("heading", level=1).inner_text() == "För många synpunkter på kort tid"
    html = page.content()
    assert_accessible(page)
    assert html_errors({"429": html}, tmp_path) == []
