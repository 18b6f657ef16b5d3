"""Load and faults (issue 9): 8 clients × 200 submissions at once against a real gunicorn +
`db_worker` server on loopback, on SQLite and then on a throwaway PostgreSQL.

    make load             # or: .venv/bin/python bench/load.py [--clients 8 --submissions 200]

The four endpoints take turns: a visit request, questions ahead of a visit, a visit report
(a draft saved, then submitted, for a held visit of the client's own that nobody has
reported on yet) and anonymous feedback. Each submission carries a unique marker, so every
answer can be matched with the rows stored for it: a success answer (the redirect to the
new visit or to the submitted report, or the thank-you page) must have exactly one row, no
answer may be a 5xx, no row may be stored twice and no two reports may share a
registration number. The
mail server is down for the whole load; then an SMTP server comes up on the same port and
`retry_mail` plus the worker run until the outbox is empty, and the Message-IDs received
are counted (sent once / lost / twice). During the load `manage.py backup_db` takes an
online backup, which is checked (SQLite: PRAGMA integrity_check and a migration check on
the copy; PostgreSQL: `pg_restore --list`). It prints numbers and asserts nothing; the exit
code is non-zero only when the run could not be made.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections import Counter, defaultdict
from datetime import datetime, timezone
from email.parser import BytesHeaderParser
from pathlib import Path

import requests
from aiosmtpd.controller import Controller

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_db import MARK  # noqa: E402
from cms.browser import free_port  # noqa: E402

# Ports other test runs on this machine start their own PostgreSQL on: never use one of them.
RESERVED_PG_PORTS = range(54329, 54338)
ENDPOINTS = ("visit", "questions", "report", "feedback")
LABELS = {
    "visit": "besöksförfrågan (inloggad)",
    "questions": "frågor inför besök (inloggad)",
    "report": "besöksrapport (inloggad)",
    "feedback": "synpunkt (anonym)",
}
VISIT_DONE = re.compile(r"/mina-sidor/besok/\d+/$")
REPORT_DONE = re.compile(r"/rapporter/\d+/$")


def reports_per_client(submissions):
    """The endpoints take turns, so a client writes at most this many reports (each on its own held visit)."""
    return -(-submissions // len(ENDPOINTS))


def free_pg_port():
    while True:
        port = free_port()
        if port not in RESERVED_PG_PORTS:
            return port


class MessageIds:
    """The SMTP server that comes back after the outage: records each Message-ID it accepts."""

    def __init__(self):
        self.ids = Counter()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        message_id = BytesHeaderParser().parsebytes(envelope.content).get("Message-ID", "").strip()
        with self.lock:
            self.ids[message_id] += 1
        return "250 OK"


def manage(env, *args, settings=None, capture=False, timeout=600):
    command = [sys.executable, "manage.py", *args] + ([f"--settings={settings}"] if settings else [])
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"manage.py {' '.join(args)} misslyckades:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def load_db(env, *args):
    result = subprocess.run(
        [sys.executable, "-m", "bench.load_db", *map(str, args)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"bench.load_db {args[0]} misslyckades:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


class Client(threading.Thread):
    """One person's browser: logs in as its own politician and sends `count` submissions,
    a quarter of each kind, with anonymous feedback from addresses of its own."""

    def __init__(self, index, base, plan, count, db_label, progress):
        super().__init__(daemon=True)
        self.index, self.base, self.plan, self.count = index, base, plan, count
        self.person = plan["people"][index]
        self.db_label, self.progress = db_label, progress
        self.results = []  # (endpoint, marker, status or None, ok, note)
        self.held = list(self.person["held"])  # visits waiting for this client's reports

    def session_with_token(self, url):
        session = requests.Session()
        session.get(self.base + url, timeout=60)
        return session

    def run(self):
        try:
            self.submit_all()
        except Exception as error:  # reported by main(): the run could not be made
            self.failure = f"{type(error).__name__}: {error}"

    failure = None

    def submit_all(self):
        person = self.person
        self.user = self.session_with_token("/logga-in/")
        response = self.user.post(
            self.base + "/logga-in/",
            data={"username": person["username"], "password": person["password"],
                  "csrfmiddlewaretoken": self.user.cookies["csrftoken"]},
            allow_redirects=False, timeout=60,
        )
        if response.status_code != 302:
            raise RuntimeError(f"inloggningen som {person['username']} gav {response.status_code}")
        self.anonymous = self.session_with_token(self.plan["feedback_url"])
        for number in range(self.count):
            endpoint = ENDPOINTS[(number + self.index) % len(ENDPOINTS)]
            marker = f"{MARK} {self.db_label} k{self.index + 1}-{number + 1}"
            try:
                status, ok, note = getattr(self, endpoint)(number, marker)
            except requests.RequestException as error:
                status, ok, note = None, False, type(error).__name__
            self.results.append((endpoint, marker, status, ok, note))
            self.progress.update(1)

    def visit(self, number, marker):
        response = self.user.post(
            self.base + f"/mina-sidor/besok/ny/{self.person['unit']}/",
            data={"kind": "contact", "wished_times": "Vecka 12, gärna förmiddag", "purpose": marker,
                  "year": str(datetime.now().year), "hours": "3", "confirm_unpaid": "on",
                  "csrfmiddlewaretoken": self.user.cookies["csrftoken"]},
            allow_redirects=False, timeout=60,
        )
        ok = response.status_code == 302 and bool(VISIT_DONE.search(response.headers.get("Location", "")))
        return response.status_code, ok, ""

    def questions(self, number, marker):
        response = self.user.post(
            self.base + f"{self.plan['questions_url']}?besok={self.person['visit']}",
            data={self.plan["question_field"]: marker, "csrfmiddlewaretoken": self.user.cookies["csrftoken"]},
            allow_redirects=False, timeout=60,
        )
        ok = response.status_code == 200 and "Tack, frågorna är skickade" in response.text
        return response.status_code, ok, ""

    def report(self, number, marker):
        """Saves a draft, then submits it: two requests, one stored report, one registration number."""
        url = f"{self.base}{self.plan['report_url']}?besok={self.held.pop(0)}"
        answers = {name: "Inget att tillägga." for name in self.plan["report_fields"]}
        answers[self.plan["report_fields"][0]] = marker
        draft = self.user.post(
            url, data={**answers, "action": "draft", "csrfmiddlewaretoken": self.user.cookies["csrftoken"]},
            allow_redirects=False, timeout=60,
        )
        if draft.status_code != 302:
            return draft.status_code, False, "utkastet sparades inte"
        response = self.user.post(
            url, data={**answers, "action": "submit", "csrfmiddlewaretoken": self.user.cookies["csrftoken"]},
            allow_redirects=False, timeout=60,
        )
        ok = response.status_code == 302 and bool(REPORT_DONE.search(response.headers.get("Location", "")))
        return response.status_code, ok, ""

    def feedback(self, number, marker):
        units = self.plan["feedback_units"]
        # A new resident for each item: the per-address limit (10 per 10 minutes) is not what is measured.
        address = f"10.{self.index + 1}.{number // 200}.{number % 200 + 1}"
        response = self.anonymous.post(
            self.base + self.plan["feedback_url"],
            data={"enhet": units[number % len(units)], "typ": "förslag", "text": marker, "namn": "",
                  "kontakt": "", "webbplats": "", "csrfmiddlewaretoken": self.anonymous.cookies["csrftoken"]},
            headers={"X-Forwarded-For": address},
            allow_redirects=False, timeout=60,
        )
        ok = response.status_code == 200 and "Tack för din synpunkt" in response.text
        return response.status_code, ok, ""


class Progress:
    def __init__(self):
        self.done, self.lock = 0, threading.Lock()

    def update(self, n):
        with self.lock:
            self.done += n


def take_backup(env, vendor, workdir, progress, half, report):
    """Waits until half the submissions are in, then runs backup_db against the live database."""
    while progress.done < half:
        time.sleep(0.05)
    target = workdir / ("backup.sqlite3" if vendor == "sqlite" else "backup.dump")
    started, done_before = time.monotonic(), progress.done
    try:
        output = manage(env, "backup_db", str(target)).strip()
    except RuntimeError as error:
        report.update(error=str(error).strip().splitlines()[-1])
        return
    report.update(seconds=time.monotonic() - started, done_at=(done_before, progress.done), output=output, path=target)
    if vendor == "sqlite":
        copy = sqlite3.connect(target)
        report["integrity"] = copy.execute("PRAGMA integrity_check").fetchone()[0]
        report["rows"] = {
            "visit": copy.execute(
                "SELECT count(*) FROM visits_visitrequest WHERE purpose LIKE ?", (MARK + "%",)
            ).fetchone()[0],
            "feedback": copy.execute(
                "SELECT count(*) FROM visits_feedbacksubmission WHERE text LIKE ?", (MARK + "%",)
            ).fetchone()[0],
            "report": copy.execute(
                "SELECT count(*) FROM visits_visitreport WHERE state = 'submitted' AND form_data LIKE ?",
                ("%" + MARK + "%",),
            ).fetchone()[0],
        }
        copy.close()
    else:
        listing = subprocess.run(["pg_restore", "--list", str(target)], capture_output=True, text=True)
        report["integrity"] = (
            f"pg_restore --list: {'ok' if listing.returncode == 0 else 'fel ' + listing.stderr.strip()[:200]}, "
            f"{sum(1 for line in listing.stdout.splitlines() if ' TABLE DATA ' in line)} tabeller"
        )


def check_sqlite_copy(env, report):
    """The copy is the restored database: Django starts on it and finds every migration applied."""
    restored = Path(report["path"]).with_name("restored.sqlite3")
    shutil.copyfile(report["path"], restored)
    copy_env = {**env, "DATABASE_URL": f"sqlite:///{restored}"}
    try:
        manage(copy_env, "migrate", "--check", settings="cms.settings.test")
        report["restored"] = "Django startar på kopian; migrate --check: inga saknade migreringar"
    except RuntimeError as error:
        report["restored"] = "migrate --check på kopian misslyckades: " + str(error).strip().splitlines()[-1]


def wait_for(url, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"Servern svarade inte på {url}")


def drain_mail(env, smtp_port, expected_ids, seconds):
    """Brings the mail server up and runs retry_mail until every message is sent (or time runs out)."""
    recorder = MessageIds()
    controller = Controller(recorder, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    started = time.monotonic()
    rounds = 0
    try:
        while time.monotonic() - started < seconds:
            manage(env, "retry_mail", "-v0")
            rounds += 1
            time.sleep(2)
            with recorder.lock:
                received = set(recorder.ids)
            if expected_ids <= received:
                break
        drained = time.monotonic() - started
        time.sleep(3)  # a late duplicate would arrive now
    finally:
        controller.stop()
    return recorder.ids, drained, rounds


def run_database(vendor, database_url, clients, submissions, mail_seconds):
    label = "SQLite" if vendor == "sqlite" else "PostgreSQL"
    workdir = Path(tempfile.mkdtemp(prefix=f"insyn-load-{vendor}-"))
    port, smtp_port = free_port(), free_port()  # nothing listens on smtp_port: the mail server is down
    env = {
        **os.environ,
        "DATABASE_URL": database_url or f"sqlite:///{workdir / 'load.sqlite3'}",
        "DJANGO_SECRET_KEY": "load-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": str(smtp_port),
        "DEFAULT_FROM_EMAIL": "lasttest@example.se",
        "INSYN_BENCH_STATIC_ROOT": str(workdir / "static"),
        "PYTHONUNBUFFERED": "1",
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    # Demo content with the test settings (production refuses demo users); served with production's.
    manage(env, "migrate", "--no-input", "-v0", settings="cms.settings.test")
    manage(env, "seed_demo", settings="cms.settings.test")
    manage(env, "db_worker", "--batch", "-v0", settings="cms.settings.test")
    env["DJANGO_SETTINGS_MODULE"] = "bench.load_settings"
    manage(env, "collectstatic", "--no-input", "-v0")
    plan = load_db(env, "setup", clients, reports_per_client(submissions))

    log = open(workdir / "server.log", "w")
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "2",
             "--threads", "4", "--timeout", "120"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        ),
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        ),
    ]
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/")
        progress = Progress()
        workers = [Client(i, base, plan, submissions, vendor, progress) for i in range(clients)]
        backup = {}
        backup_thread = threading.Thread(
            target=take_backup, args=(env, vendor, workdir, progress, clients * submissions // 2, backup), daemon=True
        )
        started = time.monotonic()
        backup_thread.start()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        failures = [worker.failure for worker in workers if worker.failure]
        if failures:
            raise RuntimeError("Klienterna kunde inte köra: " + "; ".join(failures))
        load_seconds = time.monotonic() - started
        backup_thread.join(timeout=300)
        if vendor == "sqlite" and "path" in backup:
            check_sqlite_copy(env, backup)

        stored = load_db(env, "count", plan["question_field"], plan["outbox_before"])
        outbox_ids = {f"<outbox-{pk}@insyn>" for pk in stored["outbox"]["ids"]}
        status_before = stored["outbox"]["status"]
        received, drained, rounds = drain_mail(env, smtp_port, outbox_ids, mail_seconds)
        after = load_db(env, "count", plan["question_field"], plan["outbox_before"])["outbox"]["status"]
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()

    server_errors = [line for line in (workdir / "server.log").read_text().splitlines() if "Traceback" in line]
    if server_errors:
        where = f"(logg: {workdir / 'server.log'})"
    else:
        where = "(loggen och kopian är borttagna)"
        shutil.rmtree(workdir, ignore_errors=True)
    lines = table(label, clients, submissions, load_seconds, workers, stored)
    lines += mail_table(outbox_ids, received, status_before, after, drained, rounds)
    lines += backup_lines(vendor, backup)
    lines.append(f"Tracebacks i serverns logg: {len(server_errors)}  {where}")
    return lines


def table(label, clients, submissions, seconds, workers, stored):
    answers = defaultdict(Counter)
    ok_markers = defaultdict(set)
    all_markers = defaultdict(set)
    failures = Counter()  # what a failed answer was, to say why
    for worker in workers:
        for endpoint, marker, status, ok, note in worker.results:
            all_markers[endpoint].add(marker)
            if not ok:
                failures[(LABELS[endpoint], status or "inget svar", note)] += 1
            kind = "ok" if ok else "no answer" if status is None else f"{status // 100}xx"
            if not ok and status is not None and status // 100 == 2:
                kind = "2xx utan kvitto"
            answers[endpoint][kind] += 1
            if ok:
                ok_markers[endpoint].add(marker)
    total = clients * submissions
    lines = [
        "",
        f"## {label}: {clients} klienter × {submissions} inskick = {total}, samtidigt, på {seconds:.0f} s "
        f"({total / seconds:.0f} inskick/s) — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC",
        f"{'slutpunkt':<32} {'skickade':>8} {'ok-svar':>8} {'4xx':>5} {'5xx':>5} {'inget svar':>10} "
        f"{'rader':>6} {'förlorade':>9} {'dubbla':>7} {'rad utan ok':>11}",
    ]
    totals = Counter()
    for endpoint in ENDPOINTS:
        rows = Counter({marker: n for marker, n in stored[endpoint].items() if marker in all_markers[endpoint]})
        ok = ok_markers[endpoint]
        row = {
            "sent": len(all_markers[endpoint]),
            "ok": answers[endpoint]["ok"],
            "4xx": answers[endpoint]["4xx"] + answers[endpoint]["3xx"] + answers[endpoint]["2xx utan kvitto"],
            "5xx": answers[endpoint]["5xx"],
            "none": answers[endpoint]["no answer"],
            "rows": sum(rows.values()),
            "lost": sum(1 for marker in ok if rows[marker] == 0),
            "twice": sum(1 for marker in rows if rows[marker] > 1),
            "unanswered": sum(1 for marker in rows if marker not in ok),
        }
        totals.update(row)
        lines.append(fmt(LABELS[endpoint], row))
    lines.append(fmt("totalt", totals))
    numbers = stored["report_numbers"]
    lines.append(
        f"diarienummer: {numbers['submitted']} inskickade rapporter i databasen, {numbers['distinct']} olika nummer, "
        f"{numbers['submitted'] - numbers['distinct']} dubbla; utkast kvar från lasten: {numbers['drafts_left']}"
    )
    for (name, status, note), n in sorted(failures.items(), key=str):
        lines.append(f"  misslyckat: {name}: {status} {note} ×{n}")
    return lines


def fmt(name, row):
    return (
        f"{name:<32} {row['sent']:>8} {row['ok']:>8} {row['4xx']:>5} {row['5xx']:>5} {row['none']:>10} "
        f"{row['rows']:>6} {row['lost']:>9} {row['twice']:>7} {row['unanswered']:>11}"
    )


def mail_table(outbox_ids, received, before, after, drained, rounds):
    once = sum(1 for message_id in outbox_ids if received[message_id] == 1)
    twice = sum(1 for message_id in outbox_ids if received[message_id] > 1)
    lost = sum(1 for message_id in outbox_ids if received[message_id] == 0)
    strangers = sum(n for message_id, n in received.items() if message_id not in outbox_ids)
    return [
        "",
        "E-post: servern nere under hela lasten, sedan uppe; retry_mail + db_worker tills utkorgen är tom",
        f"  i utkorgen efter lasten: {len(outbox_ids)}  (status då: {fmt_status(before)})",
        f"  skickade en gång: {once}   förlorade: {lost}   två gånger eller fler: {twice}   okända: {strangers}",
        f"  tömd på {drained:.0f} s, {rounds} körningar av retry_mail; status efteråt: {fmt_status(after)}",
    ]


def fmt_status(counts):
    return ", ".join(f"{name} {n}" for name, n in sorted(counts.items())) or "–"


def backup_lines(vendor, backup):
    if "error" in backup:
        return ["", f"Säkerhetskopia under lasten: MISSLYCKADES: {backup['error']}"]
    if "output" not in backup:
        return ["", "Säkerhetskopia under lasten: kördes inte"]
    lines = [
        "",
        f"Säkerhetskopia under lasten (backup_db, {backup['seconds']:.1f} s, startad efter {backup['done_at'][0]} "
        f"och klar efter {backup['done_at'][1]} inskick):",
        f"  {backup['output']}",
        f"  kontroll av kopian: {backup['integrity']}",
    ]
    if vendor == "sqlite":
        lines.append(f"  rader från lasten i kopian: {backup['rows']['visit']} besök, {backup['rows']['report']} "
                     f"rapporter, {backup['rows']['feedback']} synpunkter")
        lines.append(f"  {backup.get('restored', '')}")
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--mail-seconds", type=int, default=300, help="längsta tid för att tömma utkorgen")
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    args = parser.parse_args()
    if args.clients > 50 or args.submissions > 2000:
        sys.exit("Lasten är begränsad till högst 50 klienter och 2000 inskick per klient.")

    output = []
    if args.database in ("sqlite", "both"):
        output += run_database("sqlite", None, args.clients, args.submissions, args.mail_seconds)
        print("\n".join(output), flush=True)
    if args.database == "postgresql":
        url = os.environ.get("DATABASE_URL", "")
        if not url.startswith("postgres"):
            sys.exit("--database postgresql kräver DATABASE_URL=postgres://… (scripts/with-postgres.sh sätter den).")
        lines = run_database("postgresql", url, args.clients, args.submissions, args.mail_seconds)
        print("\n".join(lines), flush=True)
        return
    if args.database == "both":
        # A throwaway PostgreSQL on its own port, started and removed by the project's script.
        env = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
        env["INSYN_PG_PORT"] = str(free_pg_port())
        result = subprocess.run(
            ["scripts/with-postgres.sh", sys.executable, "bench/load.py", "--database", "postgresql",
             "--clients", str(args.clients), "--submissions", str(args.submissions),
             "--mail-seconds", str(args.mail_seconds)],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600,
        )
        print(result.stdout, end="", flush=True)
        if result.returncode != 0:
            sys.exit(f"PostgreSQL-delen kunde inte köras:\n{result.stderr}")
        output.append(result.stdout.rstrip("\n"))
    out = ROOT / "bench" / "results" / f"load-{datetime.now():%Y%m%d-%H%M%S}.txt"
    out.write_text("\n".join(output) + "\n", encoding="utf-8")
    print(f"\nSparat i {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
