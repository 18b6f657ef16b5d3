"""Issue 16's answers walked in Chromium as the people who get them: search finds a unit, a
politician and a session published a moment ago; the secretary answers feedback beside the
resident's own text, in a visit listing whose columns break no word; and each new mail (the
politician's receipt, the companion's mail, the sign-up's receipt) reaches the right person
through the outbox and the SMTP server."""

import email
import time
from email.header import decode_header, make_header

import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser

NEW_SESSION = (
    "import datetime\n"
    "from django.utils import timezone\n"
    "from training.models import TrainingProgrammePage, TrainingSession\n"
    "from visits.register.models import Committee\n"
    "programme = TrainingProgrammePage.objects.get(slug='utbildning')\n"
    "start = timezone.make_aware(datetime.datetime(2027, 5, 12, 13, 0))\n"
    "TrainingSession(programme=programme, title='Bisittarutbildning om offentlighetsprincipen', programme_year=1,"
    " starts_at=start, ends_at=start + datetime.timedelta(hours=2), location='Stadshuset',"
    " responsible_body=Committee.objects.get(short_name='KS'), live=True).save()\n"
)
LATEST_FEEDBACK = (
    "from visits.feedback.models import FeedbackSubmission\n"
    "item = FeedbackSubmission.objects.exclude(text='').order_by('-pk').first()\n"
    "print(item.pk); print(item.text.splitlines()[0])\n"
)
# Words of a cell that the browser draws on more than one line: a word broken in two.
BROKEN_WORDS = """() => {
    const broken = [];
    for (const cell of document.querySelectorAll('.listing td')) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const match of node.textContent.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, match.index);
                range.setEnd(node, match.index + match[0].length);
                const tops = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                if (tops.size > 1) broken.push(match[0]);
            }
        }
    }
    return broken;
}"""


def subject(message):
    return str(make_header(decode_header(email.message_from_bytes(message.content)["Subject"])))


def mail_to(demo_server, address, start, timeout=20):
    """Subjects of the mails that reached `address` after the first `start` messages."""
    deadline = time.monotonic() + timeout
    while True:
        found = [subject(m) for m in demo_server.mail.messages[start:] if address in m.rcpt_tos]
        if found or time.monotonic() > deadline:
            return found
        time.sleep(0.2)


def test_search_finds_a_unit_a_politician_and_a_newly_published_session(page, demo_server, tmp_path):
    demo_server.manage("shell", "-c", NEW_SESSION)
    demo_server.manage("db_worker", "--batch", "-v0")  # what the task worker does for a save
    documents = {}

    page.goto("/sok/?q=Backaskolan")
    page.locator("main").get_by_role("link", name="Backaskolan F–6").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Backaskolan F–6")

    page.goto("/sok/?q=Paula Politiker")
    documents["politician"] = page.content()
    page.locator("main").get_by_role("link", name="Paula Politiker").first.click()
    assert "Paula Politiker" in page.get_by_role("heading", level=1).inner_text()

    page.goto("/sok/?q=bisittar")  # the start of a word finds it
    documents["session"] = page.content()
    assert_accessible(page)
    page.locator("main").get_by_role("link", name="Bisittarutbildning om offentlighetsprincipen").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Bisittarutbildning om offentlighetsprincipen"

    assert html_errors(documents, tmp_path) == []


def test_the_secretary_answers_beside_the_residents_text_and_the_visit_listing_breaks_no_word(page, demo_server):
    pk, first_line = demo_server.manage("shell", "-c", LATEST_FEEDBACK).strip().splitlines()[-2:]
    login(page, "namndsekreterare")

    page.goto(f"/admin/synpunkter/edit/{pk}/")
    main = page.get_by_role("main").inner_text()
    assert first_line in main  # the resident's text beside the answer box
    assert page.get_by_label("Svar", exact=False).first.is_visible()
    assert "None" not in main and "Form data" not in main

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/admin/visits/visitrequest/")
    assert page.evaluate(BROKEN_WORDS) == []
    listing = page.locator(".result-list").bounding_box()
    filters = page.locator(".changelist-filter, [class*=filter]").first.bounding_box()
    assert listing["x"] + listing["width"] <= filters["x"] + 1  # the table does not run under the filters
    assert "True" not in page.locator(".listing").inner_text()


def test_each_new_mail_reaches_the_person_it_is_for(page, demo_server):
    start = len(demo_server.mail.messages)
    login(page, "politiker")

    page.get_by_role("link", name="Begär besök på Förskolan Blåbäret").click()
    page.get_by_label("Önskade datum eller perioder").fill("En förmiddag i februari")
    page.get_by_label("Syfte").fill("Se hur språkleken fungerar i vardagen")
    page.get_by_label("Per Politiker").check()
    page.get_by_role("button", name="Skicka förfrågan").click()
    if page.locator("input[name$=confirm_unpaid]").count():  # the year's paid places may be used
        page.locator("input[name$=confirm_unpaid]").check()
        page.get_by_role("button", name="Skicka förfrågan").click()
    assert "Din förfrågan är skickad" in page.get_by_role("status").inner_text()

    assert "Din besöksförfrågan till Förskolan Blåbäret är skickad" in mail_to(
        demo_server, "politiker@adala.example.se", start)
    assert "Du är med på en besöksförfrågan till Förskolan Blåbäret" in mail_to(
        demo_server, "politiker2@adala.example.se", start)

    start = len(demo_server.mail.messages)
    page.goto("/utbildning/?ar=4")
    page.locator("main .session-item a").first.click()
    title = page.get_by_role("heading", level=1).inner_text()
    page.get_by_role("button", name="Anmäl mig").click()
    page.get_by_role("button", name="Avanmäl mig").wait_for()  # the sign-up has been made
    assert f"Du är anmäld: {title}" in mail_to(demo_server, "politiker@adala.example.se", start)
