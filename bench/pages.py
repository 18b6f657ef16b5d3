"""Uncached public pages served by gunicorn with the production settings on SQLite, beside a
bare Django view in the same run. Prints a table and writes it to bench/results/.

    make bench            # or: .venv/bin/python bench/pages.py [--seconds 5]

Target (issue 9): each page at least 60 % of the bare view's requests per second.
"""

import argparse
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cms.browser import free_port  # noqa: E402

CANDIDATE_PAGES = [
    ("bare Django view", "/__bench__/bare/"),
    ("static file (whitenoise)", None),
    ("home", "/"),
    ("standard page", "/om-kontaktpolitiker/"),
    ("accessibility statement", "/tillganglighet/"),
    ("search", "/sok/?q=kontaktpolitiker"),
    ("/enheter/", "/enheter/"),
    ("/utbildning/", "/utbildning/"),
    ("/styrdokument/", "/styrdokument/"),
]


def run(cmd, env):
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wrk(url, seconds, connections):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url],
        capture_output=True, text=True, check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1, "s": 1000}[median.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(median.group(1)) * factor, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args()
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
        "INSYN_BEHIND_PROXY": "0",
    }
    python = sys.executable
    # Demo content is built with the test settings (production refuses demo users), then served with production's.
    run([python, "manage.py", "migrate", "-v0", "--settings=cms.settings.test"], env)
    run([python, "manage.py", "seed_demo", "--settings=cms.settings.test"], env)
    run([python, "manage.py", "db_worker", "--batch", "-v0", "--settings=cms.settings.test"], env)
    env["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    env["INSYN_BENCH_STATIC_ROOT"] = str(workdir / "static")
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    server = subprocess.Popen(
        [python, "-m", "gunicorn", "cms.wsgi", "-b", f"127.0.0.1:{port}", "--workers", "2", "--threads", "2"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/__bench__/bare/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        static_path = "/static/" + next(
            p.relative_to(workdir / "static").as_posix() for p in (workdir / "static" / "css").glob("insyn.*.css")
        )
        rows = []
        for name, path in CANDIDATE_PAGES:
            path = path or static_path
            try:
                urllib.request.urlopen(base + path, timeout=10)
            except urllib.error.HTTPError:
                rows.append((name, path, None, None, "finns inte i demoinnehållet"))
                continue
            rps, median, errors = wrk(base + path, args.seconds, args.connections)
            rows.append((name, path, rps, median, f"{errors} fel" if errors else ""))
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(workdir, ignore_errors=True)

    bare = rows[0][2]
    lines = [
        f"# Okachade sidor, gunicorn 2×2, produktionsinställningar, SQLite — {datetime.now():%Y-%m-%d %H:%M}",
        f"# {platform.node()} {platform.machine()}, {os.cpu_count()} kärnor, Python {platform.python_version()}, "
        f"Django {version('django')}, Wagtail {version('wagtail')}, "
        f"wrk {args.connections} anslutningar × {args.seconds} s",
        f"{'sida':<28} {'req/s':>8} {'median ms':>10} {'andel av bar vy':>16}  anm.",
    ]
    for name, path, rps, median, note in rows:
        if rps is None:
            lines.append(f"{name:<28} {'–':>8} {'–':>10} {'–':>16}  {note}")
        else:
            lines.append(f"{name:<28} {rps:>8.0f} {median:>10.2f} {rps / bare:>15.0%}  {note}")
    table = "\n".join(lines)
    print(table)
    out = ROOT / "bench" / "results" / f"pages-{datetime.now():%Y%m%d-%H%M%S}.txt"
    out.write_text(table + "\n", encoding="utf-8")
    print(f"\nSparat i {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
