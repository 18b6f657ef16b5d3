"""What logged-in people get (issue 18): every page uncached, measured in-process with
Django's test Client on the demo, with the production settings (file cache, whitenoise's
manifest, persistent connections) on SQLite. Each page is requested alternately with a bare
Django view (a static template through the same middleware), and its time is given as a
ratio to the bare view's time in the same run, so load from other work on the machine moves
both sides. Times are CPU time of this process per request (median), which other work on the
machine moves less than the wall clock; queries are counted for one request.

Three columns per page. "Uncached" has the page cache off (INSYN_PAGE_CACHE_SECONDS=0): the
page is rendered for every request, with what every page reads kept per generation and Mina
sidor per user. "After a write" does the same but replaces the content generation before each
request, as a write anywhere in the site (a sign-up, a feedback form) does. "As in
production" has the page cache on: anonymous visitors get the stored page, logged-in users
the shared copy with their own personal parts, when the page's content never reads the user.

Then the growth table: `/utbildning/` (one programme year per page), Mina sidor of a
politician and their personal calendar feed with 10 and with 1,000 sessions in each of the
two programmes of the demo (the past one and the coming one), all for everyone.

    .venv/bin/python bench/logged_in.py [--rounds 200] [--sizes 10 1000]

Prints both tables and writes them to bench/results/; asserts nothing.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import header, save  # noqa: E402

BARE = "/__bench__/bare/"
# (name, who, path or None for a demo path, target ratio, target queries)
PAGES = [
    ("home", "anonym", "/", 4, 4),
    ("home", "politiker", "/", 4, 4),
    ("standard page", "anonym", "/om-kontaktpolitiker/", 4, 4),
    ("standard page", "politiker", "/om-kontaktpolitiker/", 4, 4),
    ("styrdokument page", "anonym", None, 4, 4),
    ("styrdokument page", "politiker", None, 4, 4),
    ("unit page", "anonym", None, 4, 4),
    ("unit page", "politiker", None, 4, 4),
    ("/enheter/", "anonym", "/enheter/", 6, 6),
    ("/enheter/", "politiker", "/enheter/", 6, 6),
    ("/styrdokument/", "anonym", "/styrdokument/", 6, 6),
    ("/styrdokument/", "politiker", "/styrdokument/", 6, 6),
    ("/utbildning/", "anonym", "/utbildning/", 6, 6),
    ("/utbildning/", "politiker", "/utbildning/", 6, 6),
    ("/mina-sidor/", "politiker", "/mina-sidor/", 8, 8),
    ("/mina-sidor/", "enhetschef", "/mina-sidor/", 8, 8),
]
DEMO_PATHS = """
import json
from home.models import GoverningDocumentPage
from visits.register.models import Unit
from visits.register.pages import UnitIndexPage

directory = UnitIndexPage.objects.live().first()
unit = Unit.objects.active().order_by("name").first()
document = GoverningDocumentPage.objects.live().public().order_by("path").first()
print(json.dumps({"unit page": directory.unit_url(unit), "styrdokument page": document.url}))
"""


def build_demo(workdir, env, copy_of=None):
    """The demo is built with the test settings (production refuses demo users), in a child
    process; `--demo-db` starts from a copy of a database seeded before (while developing)."""
    python = sys.executable
    if copy_of:
        shutil.copyfile(copy_of, workdir / "bench.sqlite3")
        commands = [["migrate", "-v0"]]
    else:
        commands = [["migrate", "-v0"], ["seed_demo"], ["db_worker", "--batch", "-v0"]]
    for command in commands:
        subprocess.run([python, "manage.py", *command, "--settings=cms.settings.test"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)
    out = subprocess.run([python, "manage.py", "shell", "--settings=cms.settings.test", "-c", DEMO_PATHS],
                         cwd=ROOT, env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def production_environment(workdir):
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "DJANGO_SECRET_KEY": "bench-" + "x" * 50,
        "DJANGO_ALLOWED_HOSTS": "testserver,127.0.0.1",
        "WAGTAILADMIN_BASE_URL": "http://testserver",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "bench@example.se",
        "INSYN_BEHIND_PROXY": "0",
        "INSYN_CACHE_DIR": str(workdir / "cache"),
        "INSYN_BENCH_STATIC_ROOT": str(workdir / "static"),
        "INSYN_PAGE_CACHE_SECONDS": "0",
    }


def clients():
    from django.contrib.auth import get_user_model
    from django.test import Client

    result = {"anonym": Client()}
    for username in ("politiker", "enhetschef"):
        client = Client()
        client.force_login(get_user_model().objects.get(username=username))
        result[username] = client
    return result


def count_queries(client, path):
    from django.db import connection, reset_queries

    connection.force_debug_cursor = True
    try:
        reset_queries()
        response = client.get(path)
        return len(connection.queries), response
    finally:
        connection.force_debug_cursor = False


def measure(client, path, bare, rounds, after_write=False):
    """Median CPU milliseconds of the page and of the bare view, requested alternately."""
    from cms.page_cache import replace_generation

    for _ in range(3):
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {response.status_code}")
        bare.get(BARE)
    pages, bares = [], []
    for _ in range(rounds):
        if after_write:
            replace_generation()
        started = time.process_time()
        client.get(path)
        pages.append(time.process_time() - started)
        started = time.process_time()
        bare.get(BARE)
        bares.append(time.process_time() - started)
    queries, response = 0, None
    if after_write:
        replace_generation()
    queries, response = count_queries(client, path)
    return statistics.median(pages) * 1000, statistics.median(bares) * 1000, queries, len(response.content)


# --- growth -------------------------------------------------------------------------------------


def resize_programmes(size):
    """Each of the demo's two programmes gets `size` published sessions for everyone: copies of
    its first session spread over its mandate period (the past one's all before today)."""
    from django.utils import timezone

    from bench.growth import own_values
    from training.models import Audience, TrainingProgrammePage, TrainingSession

    for programme in TrainingProgrammePage.objects.select_related("period"):
        sessions = programme.sessions.all()
        sessions.filter(slug__startswith="vaxt-").delete()
        original = sessions.filter(live=True).order_by("starts_at", "pk")
        keep = list(original.values_list("pk", flat=True)[:size])
        original.exclude(pk__in=keep).update(live=False)
        template = original.first()
        missing = size - len(keep)
        if missing <= 0:
            continue
        period = programme.period
        first = period.starts_on
        # A programme under way gets its copies before today: the politician's past sessions.
        last = min(period.ends_on, timezone.localdate() - timedelta(days=1)) if first < timezone.localdate() else period.ends_on
        span = max((last - first).days, 1)
        values = own_values(template, exclude=("uid", "title", "slug", "starts_at", "ends_at", "programme_year",
                                               "audience", "latest_revision", "live_revision"))
        new = []
        for index in range(missing):
            day = first + timedelta(days=(index * 7) % span)
            start = timezone.make_aware(datetime.combine(day, clock(9 + index % 5)))
            new.append(TrainingSession(
                **values, uid=uuid.uuid4(), title=f"{template.title} ({index + 1})", slug=f"vaxt-{index + 1}",
                starts_at=start, ends_at=start + timedelta(hours=2), audience=Audience.ALL,
                programme_year=start.year - period.starts_on.year + 1,
            ))
        TrainingSession.objects.bulk_create(new, batch_size=500)


def growth(sizes, rounds, people):
    from training.models import CalendarToken
    from visits.register.models import Politician

    politician = Politician.objects.get(user__username="politiker")
    feed = f"/kalender/{CalendarToken.objects.current_for(politician).key}.ics"
    rows = {}
    for size in sizes:
        resize_programmes(size)
        for name, client, path in (
            ("/utbildning/", people["politiker"], "/utbildning/"),
            ("/mina-sidor/ (warm)", people["politiker"], "/mina-sidor/"),
            ("/mina-sidor/ (after a write)", people["politiker"], "/mina-sidor/"),
            ("personal feed", people["anonym"], feed),
        ):
            after_write = "after a write" in name
            page, bare, queries, size_bytes = measure(client, path, people["anonym"], max(rounds // 10, 5), after_write)
            rows.setdefault(name, {})[size] = (page, bare, queries, size_bytes)
    return rows


# --- output -----------------------------------------------------------------------------------


def page_table(results):
    lines = [
        "# 1. CPU-ms per anrop; kvot = sidan / bar vy i samma körning; mål: issue 18",
        f"{'':<33}{'okachat (sidcachen av)':^27} {'efter en skrivning':^21} {'som i drift (sidcachen på)':^27}",
        f"{'sida':<20} {'vem':<11} {'ms':>6} {'bar':>5} {'kvot':>6} {'frågor':>6}  {'ms':>6} {'kvot':>6} {'frågor':>6}  "
        f"{'ms':>6} {'kvot':>6} {'frågor':>6}   {'mål':<18} okachat  i drift",
    ]
    for (name, who, path, ratio_target, query_target), warm, cold, live in results:
        ratio, cold_ratio, live_ratio = warm[0] / warm[1], cold[0] / cold[1], live[0] / live[1]
        met = "ja" if ratio <= ratio_target and warm[2] <= query_target else "nej"
        live_met = "ja" if live_ratio <= ratio_target and live[2] <= query_target else "nej"
        lines.append(
            f"{name:<20} {who:<11} {warm[0]:>6.2f} {warm[1]:>5.2f} {ratio:>5.1f}× {warm[2]:>6}  "
            f"{cold[0]:>6.2f} {cold_ratio:>5.1f}× {cold[2]:>6}  {live[0]:>6.2f} {live_ratio:>5.1f}× {live[2]:>6}   "
            f"≤ {ratio_target}×, ≤ {query_target} frågor  {met:<8} {live_met}"
        )
    return lines


def growth_table(rows, sizes):
    first, last = sizes[0], sizes[-1]
    lines = [
        f"# 2. Tillväxt: {first} och {last} tillfällen i vart och ett av demons två program (alla för alla), politiker",
        f"{'sida':<30} " + " ".join(f"{'ms ' + str(s):>9} {'frågor':>6} {'kB':>5}" for s in sizes)
        + f"  {f'{last}/{first}':>9}  mål",
    ]
    for name, by_size in rows.items():
        # Each time relative to the bare view measured beside it, so that the load of the moment cancels.
        relative = {s: by_size[s][0] / by_size[s][1] for s in sizes}
        lines.append(
            f"{name:<30} " + " ".join(f"{by_size[s][0]:>9.2f} {by_size[s][2]:>6} {by_size[s][3] / 1024:>5.0f}" for s in sizes)
            + f"  {relative[last] / relative[first]:>8.2f}×  ≤ 1,5×"
        )
    return lines


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 1000])
    parser.add_argument("--demo-db", help="a SQLite file seeded with the demo before, instead of building it")
    args = parser.parse_args()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="insyn-bench-") as tmp:
        workdir = Path(tmp)
        env = production_environment(workdir)
        demo_paths = build_demo(workdir, env, args.demo_db)
        os.environ.update(env)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import override_settings

        call_command("collectstatic", interactive=False, verbosity=0)
        people = clients()
        results = []
        for row in PAGES:
            name, who, path = row[:3]
            path = path or demo_paths[name]
            warm = measure(people[who], path, people["anonym"], args.rounds)
            cold = measure(people[who], path, people["anonym"], max(args.rounds // 4, 10), after_write=True)
            with override_settings(INSYN_PAGE_CACHE_SECONDS=300):
                live = measure(people[who], path, people["anonym"], args.rounds)
            results.append((row, warm, cold, live))
            print(f"{name} ({who}): {warm[0]:.2f} ms, bar vy {warm[1]:.2f} ms, {warm[2]} frågor", flush=True)
        grown = growth(args.sizes, args.rounds, people)

    lines = header("Inloggade: okachade sidor i processen (Django test Client), produktionsinställningar, SQLite")
    lines.append(f"# {args.rounds} varv per sida (sida och bar vy växelvis), belastning (1 min) före {load_before:.2f}, "
                 f"efter {os.getloadavg()[0]:.2f}; maskinen delas med annat arbete: läs kvoterna")
    save("logged-in", [*lines, *page_table(results), "", *growth_table(grown, args.sizes)])


if __name__ == "__main__":
    main()
