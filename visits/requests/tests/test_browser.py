"""The whole visit flow in the browser, with axe-core and the Nu HTML checker on each page type."""

import datetime
import re

import icalendar
import pytest

from cms.browser import assert_accessible, html_errors, login
from visits.requests.timing import next_workday

pytestmark = pytest.mark.browser

ROUTE_BUN = (
    "from visits.models import Committee; from django.contrib.auth.models import User; "
    "Committee.objects.filter(slug='bun').update(visit_routing='{routing}', head_of_administration={head})"
)


def switch_user(page, username):
    page.context.clear_cookies()
    login(page, username)


def visit_id(page):
    return int(re.search(r"/mina-sidor/besok/(\d+)/", page.url).group(1))


def test_politician_asks_head_forwards_manager_proposes_politician_accepts_and_sends_questions(page, demo_server, tmp_path):
    documents = {}
    day = next_workday(datetime.date.today() + datetime.timedelta(days=5))
    # Barn- och utbildningsnämnden routes directly in the demo; for this flow it routes
    # through the head of administration, as Kultur- och fritidsnämnden does.
    demo_server.manage("shell", "-c", ROUTE_BUN.format(
        routing="via_administration", head="User.objects.get(username='forvaltningschef')"))
    try:
        login(page, "politiker")
        page.get_by_role("link", name="Begär besök på Backaskolan F–6").first.click()
        documents["request form"] = page.content()
        assert_accessible(page)
        page.get_by_label("Önskade datum eller perioder").fill("En förmiddag i slutet av månaden")
        page.get_by_label("Syfte med besöket").fill("Se hur skolan arbetar med trygghet på rasterna.")
        page.locator("#id_year").select_option(str(day.year))
        page.get_by_role("button", name="Skicka förfrågan").click()
        page.wait_for_url("**/mina-sidor/besok/*/")
        pk = visit_id(page)
        assert "Förfrågan skickad" in page.get_by_role("main").inner_text()
        documents["visit page (politician)"] = page.content()
        assert_accessible(page)

        switch_user(page, "forvaltningschef")
        page.get_by_role("link", name=re.compile("Backaskolan F–6, Paula Politiker")).first.click()
        page.get_by_role("button", name="Skicka vidare till ansvarig chef").click()
        assert "skickad vidare" in page.get_by_role("status").inner_text()
        assert_accessible(page)

        switch_user(page, "enhetschef")
        page.goto("/mina-sidor/besok/")
        documents["overview (manager)"] = page.content()
        assert_accessible(page)
        page.goto(f"/mina-sidor/besok/{pk}/")
        documents["visit page (manager)"] = page.content()
        assert_accessible(page)
        page.locator("#id_propose-starts_at").fill(f"{day.isoformat()}T13:00")
        page.get_by_label("Meddelande till politikern").fill("Förmiddagarna är fulla. Passar en eftermiddag?")
        page.get_by_role("button", name="Föreslå en annan tid").click()
        assert "föreslagna tid" in page.get_by_role("status").inner_text()

        switch_user(page, "politiker")
        page.goto(f"/mina-sidor/besok/{pk}/")
        page.get_by_role("button", name="Godta den föreslagna tiden").click()
        assert "Status: bokat" in page.get_by_role("main").inner_text()
        page.get_by_role("link", name="Skicka frågor inför besöket").click()
        documents["questions form"] = page.content()
        assert_accessible(page)
        page.get_by_label(re.compile("Vad vill du att enheten förbereder")).fill("Hur följer ni upp tryggheten?")
        page.get_by_role("button", name="Skicka frågorna").click()
        assert page.get_by_role("heading", level=1).inner_text() == "Tack, frågorna är skickade"
        documents["questions sent"] = page.content()
        assert_accessible(page)

        # The booked visit is in the personal calendar feed the politician subscribes to.
        page.goto("/mina-sidor/")
        feed_url = page.locator("#kalender-personlig-adress").input_value()
        feed = page.context.request.get(feed_url.replace(feed_url.split("/kalender/")[0], demo_server.url))
        assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
        links = {str(event.get("URL")) for event in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")}
        assert f"{demo_server.url}/mina-sidor/besok/{pk}/" in links

        switch_user(page, "enhetschef")
        page.goto(f"/mina-sidor/besok/{pk}/")
        assert "Hur följer ni upp tryggheten?" in page.get_by_role("main").inner_text()
        page.get_by_label("Kort svar").fill("Vi går igenom trygghetsenkäten.")
        page.get_by_role("button", name="Markera som besvarad").click()
        assert "Vi går igenom trygghetsenkäten." in page.get_by_role("main").inner_text()
        assert_accessible(page)
    finally:
        demo_server.manage("shell", "-c", ROUTE_BUN.format(routing="direct", head="None"))

    messages = demo_server.wait_for_mail(1)
    assert any("forvaltningschef@adala.example.se" in m.rcpt_tos for m in messages)
    assert html_errors(documents, tmp_path) == []


def test_a_third_visit_in_a_year_is_flagged_unpaid_before_it_is_sent(page, demo_server, tmp_path):
    login(page, "politiker")
    page.goto("/mina-sidor/besok/ny/forskolan-blabaret/")
    assert page.get_by_label("Jag förstår att besöket inte arvoderas").is_visible()
    page.get_by_label("Önskade datum eller perioder").fill("I december")
    page.get_by_label("Syfte med besöket").fill("Luciafirandet med föräldrarna.")
    page.get_by_role("button", name="Skicka förfrågan").click()

    assert "Besöket blir oarvoderat" in page.get_by_role("alert").inner_text()
    errors_page = page.content()
    assert_accessible(page)
    page.get_by_label("Jag förstår att besöket inte arvoderas").check()
    page.get_by_role("button", name="Skicka förfrågan").click()
    page.wait_for_url("**/mina-sidor/besok/*/")
    assert "Oarvoderat" in page.get_by_role("main").inner_text()
    page.goto("/mina-sidor/besok/")
    overview = page.content()
    assert_accessible(page)
    assert html_errors({"request form with errors": errors_page, "overview (politician)": overview}, tmp_path) == []
