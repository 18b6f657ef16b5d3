"""Issue 14's journeys in the browser, each as the role that does it: a presidium member proposes
a presidium visit and joins another, the head of administration forwards a request to a unit
without a manager and hands another to the committee secretaries, a manager books a visit with a
plan outside working hours, the secretary reads the yearly plan. Every new page type is checked
with axe-core and the Nu HTML checker, at 1280 and at 375 px (screenshots in INSYN_SCREENSHOT_DIR
when set, else in the test's temporary folder)."""

import datetime
import os
import re
import time
from pathlib import Path

import pytest

from cms.browser import assert_accessible, html_errors, login
from visits.requests.timing import next_workday

pytestmark = pytest.mark.browser

WIDE, NARROW = 1280, 375
# A one-page PDF small enough to write here.
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def check_both_widths(page, name, tmp_path, reflow=True):
    """axe-core at both widths, no sideways scrolling on a phone (the site's own pages; Wagtail's
    admin chrome is Wagtail's), and a screenshot of each."""
    folder = Path(os.environ.get("INSYN_SCREENSHOT_DIR") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    for width in (NARROW, WIDE):
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        if width == NARROW and reflow:
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"
        page.screenshot(path=str(folder / f"{slug}-{width}.png"), full_page=True)


def main_only(page, title):
    """Wagtail's admin chrome fails the Nu checker on its own; check the part of the page that is ours."""
    return (f'<!DOCTYPE html><html lang="sv"><head><title>{title}</title></head>'
            f'<body><main>{page.locator("main").inner_html()}</main></body></html>')


def wait_for_mail_to(demo_server, address, after=0, timeout=15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(address in message.rcpt_tos for message in demo_server.mail.messages[after:]):
            return True
        time.sleep(0.2)
    return False


def test_presidium_member_proposes_a_presidium_visit_joins_another_and_prepares(page, demo_server, tmp_path):
    documents = {}
    login(page, "politiker")
    page.get_by_role("link", name="Presidiebesök per år").click()
    main = page.get_by_role("main")
    assert "Förskolan Myrstacken" in main.inner_text() and "Genomfört" in main.inner_text()
    documents["yearly plan (presidium)"] = page.content()
    check_both_widths(page, "presidium plan", tmp_path)

    page.get_by_role("link", name="Föreslå presidiebesök på Strandskolan 7–9").click()
    assert "Förfrågan går till rektor Erik Enhetschef" in page.get_by_role("main").inner_text()
    documents["presidium request form"] = page.content()
    check_both_widths(page, "presidium request form", tmp_path)
    page.get_by_label("Önskade datum eller perioder").fill("En arbetsplatsträff i december")
    page.get_by_label("Syfte med besöket").fill("Mål, budget och kvalitet: presidiets årliga besök.")
    page.get_by_label("Agneta Strömberg (FÅ)").check()
    page.get_by_label("Bjud in allmänheten att träffa presidiet").check()
    page.get_by_label("Vad mötet handlar om").fill("Skolans mål och budget")
    page.get_by_label("Plats för mötet med allmänheten").fill("Aulan")
    page.get_by_role("button", name="Skicka förfrågan").click()
    page.wait_for_url("**/mina-sidor/besok/*/")
    main = page.get_by_role("main").inner_text()
    assert "Presidiebesök till Strandskolan 7–9" in main and "Agneta Strömberg" in main
    assert "Presidiebesök, 3.0 timmar" in main or "Presidiebesök, 3,0 timmar" in main
    documents["presidium visit (proposer)"] = page.content()
    check_both_widths(page, "presidium visit proposer", tmp_path)

    # Agneta's visit to Norrbyskolan: Paula joins it from the plan.
    page.goto("/mina-sidor/besok/presidiebesok/")
    row = page.get_by_role("row").filter(has_text="Norrbyskolan F–9")
    row.get_by_role("link").click()
    page.get_by_role("button", name="Delta i presidiebesöket").click()
    assert "Du är med på presidiebesöket." in page.get_by_role("status").inner_text()
    assert "Paula Politiker" in page.locator(".visit-facts").inner_text()
    assert "Paula Politiker är med på besöket." in page.get_by_role("main").inner_text()

    # Her own booked visit to Backaskolan: the unit's documents and feedback statistics.
    page.goto("/mina-sidor/besok/")
    page.get_by_role("link", name=re.compile("Presidiebesök, Backaskolan")).first.click()
    preparation = page.get_by_role("region", name="Underlag: mål, budget och kvalitet")
    assert "Aktivitetsplan" in preparation.inner_text() and "Budgetuppföljning" in preparation.inner_text()
    assert "Synpunkter om enheten" in preparation.inner_text()
    documents["presidium visit with documents"] = page.content()
    check_both_widths(page, "presidium visit with documents", tmp_path)
    pdf = page.request.get(preparation.get_by_role("link", name=re.compile("Aktivitetsplan")).get_attribute("href"))
    assert pdf.headers["content-type"] == "application/pdf" and pdf.body().startswith(b"%PDF-")

    # The public invitation is on the unit's public page, with its own time and place.
    page.context.clear_cookies()
    page.goto("/enheter/backaskolan/")
    invitation = page.get_by_role("region", name="Träffa nämndens presidium")
    assert "Skolans matsal" in invitation.inner_text() and "16:00–17:00" in invitation.inner_text()
    documents["unit page with invitation"] = page.content()
    check_both_widths(page, "unit page with invitation", tmp_path)

    errors = html_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


def test_head_names_the_manager_for_a_unit_without_one_and_hands_another_to_the_secretary(
        page, demo_server, tmp_path):
    documents = {}
    login(page, "forvaltningschef")
    section = page.get_by_role("region", name="Besöksförfrågningar i din förvaltning")
    assert "enheten saknar chef" in section.inner_text()
    section.get_by_role("link", name=re.compile("Ådala stadsbibliotek")).click()
    page.get_by_role("button", name="Skicka vidare till ansvarig chef").click()
    assert "Välj ansvarig chef, eller lämna förfrågan till nämndsekreterarna." in page.get_by_role("alert").inner_text()
    documents["visit page (head, error)"] = page.content()
    check_both_widths(page, "head forwards with error", tmp_path)
    page.get_by_label("Ansvarig chef").select_option(label="Erik Enhetschef")
    page.get_by_role("button", name="Skicka vidare till ansvarig chef").click()
    assert "skickad vidare till ansvarig chef" in page.get_by_role("status").inner_text()
    assert "till Erik Enhetschef, ansvarig chef" in page.locator(".visit-facts").inner_text()

    mails_before = len(demo_server.mail.messages)
    page.goto("/mina-sidor/")
    page.get_by_role("region", name="Besöksförfrågningar i din förvaltning").get_by_role(
        "link", name=re.compile("Fritidsgården Lyktan")).click()
    page.get_by_label("Meddelande till nämndsekreterarna").fill("Fritidsledartjänsten är vakant.")
    page.get_by_role("button", name="Lämna till nämndsekreterarna").click()
    assert "lämnad till nämndsekreterarna" in page.get_by_role("status").inner_text()
    assert wait_for_mail_to(demo_server, "namndsekreterare@adala.example.se", after=mails_before)

    switch_user(page, "namndsekreterare")
    section = page.get_by_role("region", name="Besöksförfrågningar till enheter utan chef")
    section.get_by_role("link", name=re.compile("Fritidsgården Lyktan")).click()
    assert "Fritidsledartjänsten är vakant." in page.get_by_role("main").inner_text()
    documents["visit page (secretary)"] = page.content()
    check_both_widths(page, "secretary takes a referred request", tmp_path)
    page.get_by_label("Ansvarig chef").select_option(label="Erik Enhetschef")
    page.get_by_role("button", name="Skicka vidare till ansvarig chef").click()
    assert "skickad vidare" in page.get_by_role("status").inner_text()

    switch_user(page, "enhetschef")
    page.goto("/mina-sidor/besok/")
    to_decide = page.get_by_role("region", name="Att besluta om").inner_text()
    assert "Ådala stadsbibliotek" in to_decide and "Fritidsgården Lyktan" in to_decide

    errors = html_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


def test_manager_books_a_visit_with_a_plan_outside_working_hours_and_attaches_a_document(
        page, demo_server, tmp_path):
    documents = {}
    day = next_workday(datetime.date.today() + datetime.timedelta(days=9))
    login(page, "politiker")
    page.goto("/mina-sidor/besok/ny/backaskolan/")
    page.get_by_label("Önskade datum eller perioder").fill("En kväll när föräldrarna är där")
    page.get_by_label("Syfte med besöket").fill("Träffa föräldraföreningen.")
    page.locator("#id_year").select_option(str(day.year))
    page.get_by_role("button", name="Skicka förfrågan").click()
    page.wait_for_url("**/mina-sidor/besok/*/")
    visit_url = page.url

    switch_user(page, "enhetschef")
    page.goto(visit_url)
    page.locator("#id_accept-starts_at").fill(f"{day.isoformat()}T18:30")
    page.locator("#id_accept-ends_at").fill(f"{day.isoformat()}T20:00")
    page.locator("#id_accept-plan").fill("18.30 Föräldraföreningens möte i biblioteket.\n19.30 Frågor till politikern.")
    page.get_by_role("button", name="Boka besöket").click()
    alert = page.get_by_role("alert").inner_text()
    assert "Tiden ligger utanför ordinarie arbetstid." in alert
    assert "Besöket slutar kl. 20:00, efter ordinarie arbetstid (07:00–18:00)." in alert
    documents["visit page (manager confirms the time)"] = page.content()
    check_both_widths(page, "manager confirms time", tmp_path)
    page.get_by_label("Jag bekräftar tiden, fast den ligger utanför ordinarie arbetstid").check()
    page.get_by_role("button", name="Boka besöket").click()
    assert "Besöket är bokat" in page.get_by_role("status").inner_text()
    assert "Tiden bekräftad utanför ordinarie arbetstid" in page.get_by_role("main").inner_text()

    page.goto("/mina-sidor/")
    guide = page.get_by_role("link", name="Så tar du emot kontaktpolitiker")
    assert guide.count() >= 1
    page.get_by_role("link", name="Dokument om Backaskolan F–6").click()
    page.get_by_label("Slags dokument").select_option(label="brukarundersökning")
    page.get_by_label("Rubrik").fill("Elevenkät hösten")
    page.get_by_label("Fil (PDF, högst 10 MB)").set_input_files(
        files=[{"name": "elevenkat.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Bifoga dokumentet").click()
    assert "Dokumentet är bifogat" in page.get_by_role("status").inner_text()
    assert "Elevenkät hösten" in page.get_by_role("main").inner_text()
    documents["unit documents (manager)"] = page.content()
    check_both_widths(page, "unit documents", tmp_path)

    switch_user(page, "politiker")
    page.goto(visit_url)
    facts = page.locator(".visit-facts").inner_text()
    assert "Enhetens plan för besöket" in facts and "Föräldraföreningens möte i biblioteket" in facts
    documents["visit page (politician reads the plan)"] = page.content()
    check_both_widths(page, "politician reads the plan", tmp_path)

    errors = html_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)


def test_secretary_reads_the_yearly_plan_of_presidium_visits(page, demo_server, tmp_path):
    login(page, "namndsekreterare")
    page.goto("/admin/")
    assert "Enheter utan enhetschef" in page.get_by_role("main").inner_text()
    page.goto("/admin/besok/presidiebesok/")
    table = page.get_by_role("table").inner_text()
    for text in ("Förskolan Myrstacken", "Genomfört", "Norrbyskolan F–9", "Planerat", "Saknas"):
        assert text in table
    documents = {"yearly plan (admin)": main_only(page, "Presidiebesök per år")}
    check_both_widths(page, "presidium plan admin", tmp_path, reflow=False)
    page.get_by_label("Nämnd").select_option(label="Kultur- och fritidsnämnden")
    page.get_by_role("button", name="Visa").click()
    assert "Presidiebesök" in page.get_by_role("table").inner_text() and "Kulturhuset Valvet" in page.get_by_role(
        "table").inner_text()

    errors = html_errors(documents, tmp_path)
    assert errors == [], "\n".join(errors)
