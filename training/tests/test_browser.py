"""The training programme in Chromium against the demo site: a politician signs up,
finds the session on Mina sidor and in the personal feed."""

import re

import icalendar
import pytest

from cms.browser import assert_accessible, html_errors, login

pytestmark = pytest.mark.browser


def test_visitor_reads_the_programme_and_a_session_without_axe_or_html_errors(page, tmp_path):
    page.goto("/utbildning/")
    assert page.get_by_role("heading", name="År 1 av mandatperioden").is_visible()
    programme_html = page.content()
    assert_accessible(page)

    page.get_by_label("Målgrupp").select_option("presidiums")
    page.get_by_role("button", name="Visa").click()
    page.get_by_role("link", name="Ordförandeutbildning för presidier").wait_for()
    assert page.get_by_role("link", name="Medborgardialog i praktiken").count() == 0

    page.get_by_role("link", name="Ordförandeutbildning för presidier").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Ordförandeutbildning för presidier"
    page.get_by_text("Prenumerera på det här tillfället").click()
    page.get_by_text("Apple Kalender på Mac").wait_for()
    session_html = page.content()
    assert_accessible(page)

    assert html_errors({"programme": programme_html, "session": session_html}, tmp_path) == []


def test_politician_signs_up_and_finds_the_session_on_my_pages_and_in_the_personal_feed(page, tmp_path):
    login(page, "politiker")
    page.goto("/utbildning/")
    page.get_by_role("link", name="År 3 (2029)").click()  # one programme year a page
    page.get_by_role("link", name="Omvärldsanalys: komplexa samhällsfrågor").click()
    page.get_by_role("button", name="Anmäl mig").click()

    page.get_by_text("Du är anmäld till Omvärldsanalys").wait_for()
    assert page.get_by_role("button", name="Avanmäl mig").is_visible()
    session_html = page.content()
    assert_accessible(page)

    page.goto("/mina-sidor/")
    section = page.locator("section", has=page.get_by_role("heading", name="Mina utbildningar"))
    assert section.get_by_role("link", name="Omvärldsanalys: komplexa samhällsfrågor").is_visible()
    assert section.get_by_role("cell", name="Närvarade").first.is_visible()
    my_pages_html = page.content()
    assert_accessible(page)

    page.get_by_text("Prenumerera på din personliga kalender").click()
    feed_url = page.get_by_label("Adress att kopiera: din personliga kalender").input_value()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/kalender/[\w-]{40,}\.ics", feed_url)
    webcal = page.get_by_role("link", name="öppna din personliga kalender direkt i Kalender").get_attribute("href")
    assert webcal == "webcal://" + feed_url.removeprefix("http://")
    feed = page.request.get(feed_url)
    assert feed.headers["content-type"] == "text/calendar; charset=utf-8"
    events = {str(e["SUMMARY"]): e for e in icalendar.Calendar.from_ical(feed.body()).walk("VEVENT")}
    # 14 March 2029, 09:00 in Stockholm (winter time) is 08:00 UTC.
    start = events["Omvärldsanalys: komplexa samhällsfrågor"].decoded("DTSTART")
    assert start.utctimetuple()[:5] == (2029, 3, 14, 8, 0)

    assert html_errors({"session": session_html, "my-pages": my_pages_html}, tmp_path) == []


def test_head_through_gunicorn_gives_the_headers_of_get_and_not_one_byte_of_body(demo_server):
    """Through the real server (two workers): HEAD has GET's headers and no body, and every
    answer carries the same validators, whichever worker gives it."""
    import socket
    import urllib.request

    host, port = demo_server.url.removeprefix("http://").split(":")

    def head():
        with socket.create_connection((host, int(port))) as connection:
            connection.sendall(f"HEAD /utbildning/kalender.ics HTTP/1.1\r\nHost: {host}:{port}\r\n"
                               "Connection: close\r\n\r\n".encode())
            answer = b"".join(iter(lambda: connection.recv(65536), b""))
        head, _, rest = answer.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        return lines[0], {name.lower(): value for name, _, value in (line.partition(": ") for line in lines[1:])}, rest

    with urllib.request.urlopen(demo_server.url + "/utbildning/kalender.ics") as get:
        body, get_headers = get.read(), get.headers
    status, headers, rest = head()

    assert status == "HTTP/1.1 200 OK"
    assert rest == b""
    assert int(headers["content-length"]) == len(body) > 0
    assert headers["etag"] == get_headers["ETag"] and headers["last-modified"] == get_headers["Last-Modified"]
    assert headers["content-type"] == "text/calendar; charset=utf-8"
    validators = {(headers["etag"], headers["last-modified"]) for _status, headers, _rest in (head() for _ in range(8))}
    assert validators == {(get_headers["ETag"], get_headers["Last-Modified"])}
