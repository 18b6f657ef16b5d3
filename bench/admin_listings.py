"""Admin listings benchmark (issue 9): the wagtail-modeladmin indexes of visit requests and
of submitted reports, logged in as the admin user through Django's test Client, on a
throwaway SQLite database with the test settings. The same requests are made with 100 and
then with 10,000 rows: the query count of each must be the same (printed as "lika"/"olika"),
and the median time of `--repeat` requests is printed for the first page, a filtered page,
a search, the last page and the CSV/XLSX exports (these with their peak memory, measured by
tracemalloc in a separate run). Prints a table, writes it to bench/results/; asserts nothing.

    .venv/bin/python bench/admin_listings.py [--rows 10000] [--repeat 5]

Data: every visit request is a held, reported visit with one submitted report, so both
listings hold `--rows` rows; units, committees, politicians and kinds vary between rows.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import header, save  # noqa: E402

SMALL = 100
PER_PAGE = 100  # wagtail-modeladmin's list_per_page


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'admin.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


class World:
    """The register the rows point at: 4 committees, 40 units, 30 politicians, the report form."""

    def __init__(self):
        from django.contrib.auth import get_user_model

        from home import demo as home_demo
        from visits.register.models import Committee, Party, Politician, Unit
        from visits.reports.demo import ensure_report_page

        self.page = ensure_report_page(home_demo.build())
        self.questions = self.page.labels()  # each report's own copy, as submit() stores it
        self.fields = [name for name, _label in self.questions]
        party = Party.objects.create(name="Framtid Ådala", abbreviation="FÅ")
        self.committees = [
            Committee.objects.create(name=f"Nämnd {i}", short_name=f"N{i}", slug=f"n{i}") for i in range(4)
        ]
        self.units = [
            Unit.objects.create(name=f"Enhet {i}", slug=f"enhet-{i}", kind=Unit.Kind.SCHOOL,
                                committee=self.committees[i % 4])
            for i in range(40)
        ]
        self.politicians = [
            Politician.objects.create(first_name=f"Politiker{i}", last_name="Testsson", slug=f"p{i}", party=party)
            for i in range(30)
        ]
        self.admin = get_user_model().objects.create_superuser("admin", "admin@example.se", "insyn-demo")

    def grow(self, total):
        """Adds held, reported visits with one submitted report each until there are `total`."""
        from zoneinfo import ZoneInfo

        from visits.reports.models import VisitReport
        from visits.requests.models import VisitRequest

        start = VisitRequest.objects.count()
        first = datetime(2027, 1, 4, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
        visits = []
        presidium_visited = set(VisitRequest.objects.filter(kind=VisitRequest.Kind.PRESIDIUM).values_list("unit", "year"))
        for index in range(start, total):
            starts = first + timedelta(days=index % 700)
            unit = self.units[index % 40]
            # The presidium visits a unit once a year (seed 001, a constraint): the rest are contact visits.
            presidium = index % 7 == 0 and (unit.pk, starts.year) not in presidium_visited
            if presidium:
                presidium_visited.add((unit.pk, starts.year))
            visits.append(VisitRequest(
                kind=VisitRequest.Kind.PRESIDIUM if presidium else VisitRequest.Kind.CONTACT,
                unit=unit, requested_by=self.politicians[index % 30], wished_times="–",
                purpose=f"Besök nr {index}: lärmiljön och tryggheten.", year=starts.year,
                state=VisitRequest.State.REPORTED, starts_at=starts, ends_at=starts + timedelta(hours=3),
            ))
        VisitRequest.objects.bulk_create(visits, batch_size=1000)
        committee_of = {unit.pk: unit.committee_id for unit in self.units}
        answer = "Barnen trivs och känner sig trygga. Personalen vill ha mer stöd från förvaltningen. "
        reports = [
            VisitReport(page=self.page, visit=visit, author=visit.requested_by, state=VisitReport.State.SUBMITTED,
                        committee_id=committee_of[visit.unit_id], registration_year=visit.year,
                        number=start + offset + 1, registration_number=f"N {visit.year}/{start + offset + 1:05d}",
                        submitted_at=visit.ends_at + timedelta(days=2),
                        form_data={name: answer for name in self.fields}, questions=self.questions)
            for offset, visit in enumerate(VisitRequest.objects.filter(reports__isnull=True).order_by("pk"))
        ]
        VisitReport.objects.bulk_create(reports, batch_size=1000)


def requests_for(world, rows):
    last = max(1, -(-rows // PER_PAGE))
    committee = world.committees[1].pk
    listings = []
    for name, url in (("besöksförfrågningar", "/admin/visits/visitrequest/"),
                      ("besöksrapporter", "/admin/visits/visitreport/")):
        listings += [
            (name, "första sidan", url, {}),
            (name, "filtrerad (nämnd)", url, {"namnd": committee}),
            (name, "sökning (enhet)", url, {"q": "Enhet 7"}),
            (name, f"sista sidan (p={last})", url, {"p": last}),
            (name, "export CSV", url, {"export": "csv"}),
            (name, "export XLSX", url, {"export": "xlsx"}),
        ]
    return listings


def fetch(client, url, params):
    response = client.get(url, params)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if response.status_code != 200:
        raise RuntimeError(f"{url} {params}: HTTP {response.status_code}")
    return len(body)


def count_queries(client, url, params):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fetch(client, url, params)  # the first answer also fills per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as captured:
        fetch(client, url, params)
    return len(captured)


def timed(client, url, params, repeat, memory):
    fetch(client, url, params)  # warm: templates, site root, imports
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        size = fetch(client, url, params)
        times.append(time.perf_counter() - started)
    peak = None
    if memory:
        tracemalloc.start()
        fetch(client, url, params)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return statistics.median(times), size, peak


def measure(world, rows, repeat, with_time):
    from cms.testing import client_for

    client = client_for(world.admin)  # with the second factor the admin needs
    results = {}
    for listing, label, url, params in requests_for(world, rows):
        queries = count_queries(client, url, params)
        seconds = size = peak = None
        if with_time:
            seconds, size, peak = timed(client, url, params, repeat, memory="export" in label)
        # The last page's number depends on the size: key it by kind, not by its label.
        results[(listing, label.split(" (p=")[0])] = (label, queries, seconds, size, peak)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        world = World()
        world.grow(SMALL)
        small = measure(world, SMALL, args.repeat, with_time=True)
        print(f"{SMALL} rader mätta; bygger {args.rows:,}", flush=True)
        started = time.perf_counter()
        world.grow(args.rows)
        built = time.perf_counter() - started
        print(f"{args.rows:,} rader byggda på {built:.0f} s; mäter", flush=True)
        large = measure(world, args.rows, args.repeat, with_time=True)

    lines = header("Adminlistor (wagtail-modeladmin), Django test Client som admin, SQLite, test-inställningar")
    lines.append(f"# {SMALL} och {args.rows:,} rader i varje lista (byggda på {built:.0f} s); "
                 f"median av {args.repeat} anrop; minnestopp med tracemalloc i ett eget anrop")
    lines.append(
        f"{'lista':<20} {'anrop':<22} {'frågor ' + str(SMALL):>11} {'frågor ' + format(args.rows, ','):>14} "
        f"{'':>6} {'ms ' + str(SMALL):>8} {'ms ' + format(args.rows, ','):>10} {'svar':>10} {'minnestopp':>11}"
    )
    for key, (label, queries, seconds, size, peak) in large.items():
        small_label, small_queries, small_seconds, _size, _peak = small[key]
        same = "lika" if small_queries == queries else "olika"
        memory = f"{peak / 2**20:.1f} MB" if peak is not None else ""
        lines.append(
            f"{key[0]:<20} {label:<22} {small_queries:>11} {queries:>14} {same:>6} "
            f"{small_seconds * 1000:>8.1f} {seconds * 1000:>10.1f} {size / 1024:>8.0f} kB {memory:>11}"
        )
    save("admin-listings", lines)


if __name__ == "__main__":
    main()
