"""The demo site as a real server for browser tests: gunicorn, the task worker and an SMTP
server on loopback, over a SQLite file built by `seed_demo`; plus axe-core and the Nu checker."""

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium tries to reach Google's hosts, which
# this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "insyn-demo"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class MailRecorder:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(envelope)
        return "250 OK"


class DemoServer:
    def __init__(self, workdir):
        self.workdir = Path(workdir)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.mail = MailRecorder()
        self.smtp_port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.test",
            "DATABASE_URL": f"sqlite:///{self.workdir / 'demo.sqlite3'}",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.smtp_port),
            "WAGTAILADMIN_BASE_URL": self.url,
            "PYTHONUNBUFFERED": "1",
        }
        self.processes = []

    def manage(self, *args, timeout=300):
        """Run a management command against the demo database; returns its output."""
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT, env=self.env, capture_output=True, text=True, timeout=timeout,
        )
        if result.returncode != 0:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
        return result.stdout

    def start(self):
        self.smtp = Controller(self.mail, hostname="127.0.0.1", port=self.smtp_port)
        self.smtp.start()
        self.manage("migrate", "--no-input", "-v0")
        self.manage("seed_demo")
        self.manage("db_worker", "--batch", "-v0")  # index the demo pages for search
        log = open(self.workdir / "server.log", "w")
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{self.port}",
                 "--workers", "2", "--threads", "4", "--timeout", "60"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        )
        self.processes.append(
            subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            )
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url + "/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"The demo server did not answer; see {self.workdir / 'server.log'}")

    def stop(self):
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=20)
        self.smtp.stop()

    def wait_for_mail(self, count, timeout=15):
        deadline = time.monotonic() + timeout
        while len(self.mail.messages) < count and time.monotonic() < deadline:
            time.sleep(0.2)
        return self.mail.messages


def axe_violations(page):
    """Run axe-core (from npm, loaded from disk) on the page for WCAG 2.1 A and AA."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] if isinstance(n["target"][0], str) else str(n["target"]) for n in v["nodes"][:5])
        for v in result["violations"]
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    assert violations == [], f"axe-core on {page.url}:\n" + "\n".join(violations)


def login(page, username, password=DEMO_PASSWORD):
    """Logs in through the form; demo staff then type the code of their authenticator app
    (the demo secret, accounts/demo.py), as a person would."""
    from accounts.testing import demo_codes

    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in", exact=True).click()
    page.wait_for_url(re.compile(r"/(mina-sidor|konto/verifiera)/"))
    if "/konto/verifiera/" in page.url:
        page.get_by_label("Kod").fill(demo_codes.code(username))
        page.get_by_role("button", name="Fortsätt").click()
        page.wait_for_url("**/mina-sidor/")


def html_errors(documents, workdir):
    """Errors from the Nu HTML Checker for {name: html}; an empty list means valid."""
    workdir = Path(workdir)
    paths = {}
    for index, (name, html) in enumerate(documents.items()):
        path = workdir / f"page{index}.html"
        path.write_text(html, encoding="utf-8")
        paths[str(path)] = name
    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--stdout", *paths],
        capture_output=True, text=True, timeout=300,
    )
    if result.returncode not in (0, 1) or not result.stdout.strip():
        raise RuntimeError(f"The Nu HTML Checker did not run: {result.stderr}")
    errors = []
    for message in json.loads(result.stdout)["messages"]:
        source = paths.get(message.get("url", "").removeprefix("file:"), message.get("url"))
        errors.append(f"{source}:{message.get('lastLine')}: {message['message']} [{message.get('extract', '').strip()}]")
    return errors


def screenshots(page, name, directory, widths=(1280, 375)):
    """Full-page screenshots of the page at each width (for a person to look at), and the widths
    at which the page scrolls sideways (WCAG 1.4.10 reflow)."""
    overflowing = []
    for width in widths:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(directory) / f"{name}-{width}.png"), full_page=True)
        if page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"):
            overflowing.append(width)
    page.set_viewport_size({"width": 1280, "height": 720})
    return overflowing
class _VisibleText(HTMLParser):
    """Text nodes and text-bearing attributes of a page, leaving out whatever is marked as written in
    another language (`lang="sv"` on a Swedish page's text) and what never reaches a reader."""

    HIDDEN = {"script", "style", "template", "title"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    ATTRIBUTES = ("aria-label", "alt", "title", "placeholder")

    def __init__(self, language):
        super().__init__()
        self.language, self.stack, self.found = language, [], []

    def _skipping(self):
        return any(lang not in (None, self.language) or tag in self.HIDDEN for tag, lang in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in self.VOID:
            self.stack.append((tag, attrs.get("lang")))
        if not self._skipping() and attrs.get("lang") in (None, self.language):
            self.found += [attrs[name] for name in self.ATTRIBUTES if attrs.get(name)]
            if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
                self.found.append(attrs["value"])

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        if data.strip() and not self._skipping():
            self.found.append(" ".join(data.split()))


def insyn_swedish_strings():
    """Insyn's own Swedish strings (the msgids of the English catalogue) that read differently in
    English, as (string, pattern): placeholders match anything."""
    import gettext

    with open(ROOT / "locale" / "en" / "LC_MESSAGES" / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)._catalog
    strings = []
    for key, english in catalogue.items():
        for swedish in (key if isinstance(key, tuple) else (key,))[:1]:
            swedish = swedish.split("\x04")[-1]
            if swedish and swedish != english and "\n" not in swedish and not swedish.startswith(("%", "<")):
                parts = [re.escape(part) for part in re.split(r"%\(\w+\)[sd]|%[sd]", " ".join(swedish.split()))]
                strings.append((swedish, re.compile(r"(?:^|(?<=\W))" + ".+?".join(parts) + r"(?=\W|$)")))
    return strings


def swedish_strings_on(html, language="en", strings=None):
    """The strings of Insyn's own Swedish that a page in `language` shows outside passages marked
    as Swedish: a word or label must match a whole text or attribute, a sentence may sit in one."""
    parser = _VisibleText(language)
    parser.feed(html)
    found = set()
    for swedish, pattern in strings or insyn_swedish_strings():
        for text in parser.found:
            whole = text.strip(" .,:;()") == swedish
            if whole or (" " in swedish and len(swedish) > 12 and pattern.search(text)):
                found.add(swedish)
    return sorted(found)
