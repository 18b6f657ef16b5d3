"""Public pages served by gunicorn with the production settings on SQLite, in two tables:
1. uncached (INSYN_PAGE_CACHE_SECONDS=0), beside a bare Django view in the same run;
2. through the page cache for anonymous visitors (production's file cache), beside a static
   file served by whitenoise.
Prints both tables and writes them to bench/results/.

    make bench            # or: .venv/bin/python bench/pages.py [--seconds 5]

Target (issue 9): each page at least 60 % of its yardstick's requests per second.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import header, save  # noqa: E402
from cms.browser import free_port  # noqa: E402

# (name, path); a path None is looked up in the demo data (DEMO_PATHS) at run time.
UNCACHED_PAGES = [
    ("bare Django view", "/__bench__/bare/"),
    ("home", "/"),
    ("standard page", "/om-kontaktpolitiker/"),
    ("accessibility statement", "/tillganglighet/"),
    ("search", "/sok/?q=kontaktpolitiker"),
    ("/enheter/", "/enheter/"),
    ("unit page", None),
    ("/utbildning/", "/utbildning/"),
    ("session page", None),
    ("/styrdokument/", "/styrdokument/"),
    ("styrdokument page", None),
]
# Search is never cached (it depends on who asks); the rest are Wagtail pages.
CACHED_PAGES = [("static file (whitenoise)", "static")] + [
    row for row in UNCACHED_PAGES if row[0] not in ("bare Django view", "search")
]

# Printed by `manage.py shell` against the benchmark database: the first live page of each kind.
DEMO_PATHS = """
import json
from home.models import GoverningDocumentPage
from training.models import TrainingSession
from visits.register.models import Unit
from visits.register.pages import UnitIndexPage

paths = {}
directory = UnitIndexPage.objects.live().first()
unit = Unit.objects.active().order_by("name").first()
if directory and unit:
    paths["unit page"] = directory.unit_url(unit)
session = TrainingSession.objects.published().for_page().order_by("starts_at").first()
if session:
    paths["session page"] = session.get_url()
document = GoverningDocumentPage.objects.live().public().order_by("path").first()
if document:
    paths["styrdokument page"] = document.url
print(json.dumps(paths))
"""


def run(cmd, env):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    if not rps:
        sys.exit(f"wrk fick inga svar från {url}:\n{out}")
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(median.group(1)) * factor, int(errors.group(1)) if errors else 0


def start_server(python, port, env):
    server = subprocess.Popen(
        # No control socket: gunicorn's default path is shared by every server on the machine.
        [python, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2",
         "--no-control-socket"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=open(os.environ.get("INSYN_BENCH_SERVER_LOG", os.devnull), "a"),
    )
    for _ in range(100):
        try:
            fetch(f"http://127.0.0.1:{port}/__bench__/bare/")
            break
        except OSError:
            time.sleep(0.2)
    return server


def fetch(url):
    """GET, read and close: an unread answer holds one of gunicorn's threads."""
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
        return response.headers


def measure(base, pages, args, check_cache=False):
    """The first page is the yardstick. It is measured again right before every other page and
    each page's share is taken against that neighbouring run, so a machine shared with other
    work (load that comes and goes) moves both sides of each ratio together."""
    (yard_name, yard_path), pages = pages[0], pages[1:]
    fetch(base + yard_path)
    yard_runs, rows = [], []
    for name, path in pages:
        if path is None:
            rows.append((name, "", None, None, None, "finns inte i demoinnehållet"))
            continue
        try:
            fetch(base + path)  # warms the page (and the cache)
            probe = fetch(base + path)
        except urllib.error.HTTPError:
            rows.append((name, path, None, None, None, "finns inte i demoinnehållet"))
            continue
        yard_rps, yard_median, _ = wrk(base + yard_path, args.seconds, args.connections)
        yard_runs.append((yard_rps, yard_median))
        rps, median, errors = wrk(base + path, args.seconds, args.connections)
        notes = [f"{errors} fel"] if errors else []
        if check_cache:
            after = fetch(base + path)
            notes.append(f"X-Cache före/efter: {probe.get('X-Cache', '–')}/{after.get('X-Cache', '–')}")
        rows.append((name, path, rps, median, rps / yard_rps, ", ".join(notes)))
    yard_rps = statistics.median(run[0] for run in yard_runs)
    yard_median = statistics.median(run[1] for run in yard_runs)
    note = f"median av {len(yard_runs)} körningar, {min(r[0] for r in yard_runs):.0f}–{max(r[0] for r in yard_runs):.0f} req/s"
    return [(yard_name, yard_path, yard_rps, yard_median, 1.0, note)] + rows


def format_table(title, yardstick_label, rows):
    lines = [title, f"{'sida':<26} {'req/s':>8} {'median ms':>10} {yardstick_label:>20}  adress, anm."]
    for name, path, rps, median, share, note in rows:
        if rps is None:
            lines.append(f"{name:<26} {'–':>8} {'–':>10} {'–':>20}  {note}")
        else:
            lines.append(f"{name:<26} {rps:>8.0f} {median:>10.2f} {share:>19.0%}  {path} {note}".rstrip())
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    if not shutil.which("wrk"):
        sys.exit("wrk saknas: apt-get install wrk (make bench installerar det).")

    workdir = Path(tempfile.mkdtemp(prefix="insyn-bench-"))
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "WAGTAILADMIN_BASE_URL": f"http://127.0.0.1:{port}",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "bench@example.se",
        "INSYN_CACHE_DIR": str(workdir / "cache"),
    }
    env.pop("INSYN_CACHE_URL", None)
    python = sys.executable
    # Demo content is built with the test settings (production refuses demo users), then served with production's.
    run([python, "manage.py", "migrate", "-v0", "--settings=cms.settings.test"], env)
    run([python, "manage.py", "seed_demo", "--settings=cms.settings.test"], env)
    run([python, "manage.py", "db_worker", "--batch", "-v0", "--settings=cms.settings.test"], env)
    demo_paths = json.loads(
        subprocess.run(
            [python, "manage.py", "shell", "--settings=cms.settings.test", "-c", DEMO_PATHS],
            cwd=ROOT, env=env, check=True, capture_output=True, text=True,
        ).stdout.strip().splitlines()[-1]
    )
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env["INSYN_BENCH_STATIC_ROOT"] = str(workdir / "static")
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    static_path = "/static/" + next(
        p.relative_to(workdir / "static").as_posix() for p in (workdir / "static" / "css").glob("insyn.*.css")
    )

    def resolve(pages):
        return [(name, static_path if path == "static" else path or demo_paths.get(name)) for name, path in pages]

    try:
        server = start_server(python, port, {**env, "INSYN_PAGE_CACHE_SECONDS": "0"})
        try:
            uncached = measure(f"http://127.0.0.1:{port}", resolve(UNCACHED_PAGES), args)
        finally:
            server.terminate()
            server.wait()
        # A new port: the first server's workers may still hold the old one for a moment.
        port = free_port()
        server = start_server(python, port, {**env, "INSYN_PAGE_CACHE_SECONDS": "300"})
        try:
            cached = measure(f"http://127.0.0.1:{port}", resolve(CACHED_PAGES), args, check_cache=True)
        finally:
            server.terminate()
            server.wait()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    lines = header("Publika sidor, gunicorn 2×2, produktionsinställningar, SQLite")
    lines.append(f"# wrk {args.connections} anslutningar × {args.seconds} s, belastning (1 min) före {load_before:.2f}, "
                 f"efter {os.getloadavg()[0]:.2f}")
    first = format_table("# 1. Okachade sidor", "andel av bar vy*", uncached)
    second = format_table(
        "# 2. Samma sidor genom sidcachen för anonyma besökare (filcache, INSYN_CACHE_DIR), "
        "bredvid en statisk fil via whitenoise",
        "andel av statisk fil*", cached,
    )
    save("pages", [*lines, first, "", second,
                   "# * mot jämförelsen som kördes närmast före sidan. Mål: minst 60 % i båda tabellerna."])

if __name__ == "__main__":
    main()
