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
