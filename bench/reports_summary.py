"""Report summary benchmark: 10,000 submitted reports on as many held visits in a
throwaway SQLite database, then the admin summary (one grouped query) and its XLSX export.
Prints the median time and the peak memory (tracemalloc, a separate run, above the start of the step);
asserts nothing.

    .venv/bin/python bench/reports_summary.py [--reports 10000] [--repeat 3]

Target (issue 7): under 3 s and under 100 MB.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(workdir):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'reports.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def make_reports(count):
    from zoneinfo import ZoneInfo

    from home import demo as home_demo
    from visits.register.models import Committee, Party, Politician, Unit
    from visits.reports.demo import ensure_report_page
    from visits.reports.models import VisitReport
    from visits.requests.models import VisitRequest

    home = home_demo.build()
    page = ensure_report_page(home)
    questions = page.labels()  # each report's own copy of the questions, as submit() stores it
    fields = [name for name, _label in questions]
    party = Party.objects.create(name="Framtid Ådala", abbreviation="FÅ")
    committees = [Committee.objects.create(name=f"Nämnd {i}", short_name=f"N{i}", slug=f"n{i}") for i in range(4)]
    units = [Unit.objects.create(name=f"Enhet {i}", slug=f"enhet-{i}", kind=Unit.Kind.SCHOOL,
                                 committee=committees[i % 4]) for i in range(40)]
    politicians = [Politician.objects.create(first_name=f"Politiker{i}", last_name="Testsson", slug=f"p{i}",
                                             party=party) for i in range(30)]
    zone = ZoneInfo("Europe/Stockholm")
    first = datetime(2027, 1, 4, 9, tzinfo=zone)
    visits = []
    for index in range(count + count // 10):
        starts = first + timedelta(days=index % 340)
        visits.append(VisitRequest(
            kind=VisitRequest.Kind.PRESIDIUM if index % 7 == 0 else VisitRequest.Kind.CONTACT,
            unit=units[index % 40], requested_by=politicians[index % 30], wished_times="–", purpose="Besök.",
            year=2027, state=VisitRequest.State.REPORTED if index < count else VisitRequest.State.HELD,
            starts_at=starts, ends_at=starts + timedelta(hours=3),
        ))
    VisitRequest.objects.bulk_create(visits, batch_size=1000)
    visits = list(VisitRequest.objects.filter(state=VisitRequest.State.REPORTED).order_by("pk"))
    committee_of = {unit.pk: unit.committee_id for unit in units}
    answer = "Barnen trivs och känner sig trygga. Personalen vill ha mer stöd från förvaltningen. " * 3
    reports = [
        VisitReport(page=page, visit=visit, author=visit.requested_by, state=VisitReport.State.SUBMITTED,
                    committee_id=committee_of[visit.unit_id],
                    registration_year=2027, number=index + 1, registration_number=f"N 2027/{index + 1:05d}",
                    submitted_at=visit.ends_at + timedelta(days=2), form_data={name: answer for name in fields},
                    questions=questions)
        for index, visit in enumerate(visits)
    ]
    VisitReport.objects.bulk_create(reports, batch_size=1000)
    return len(reports)


def measure(step, repeat):
    """Median time of `repeat` plain runs, then one run under tracemalloc for the peak: tracing
    slows Python several times, so time and memory are measured apart."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = step()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    step()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(times), peak, result


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from visits.reports.summary import report_summary, summary_xlsx

        started = time.perf_counter()
        made = make_reports(args.reports)
        print(f"reports: {made:,} (built in {time.perf_counter() - started:.1f} s; median of {args.repeat} runs)")
        now = datetime(2028, 2, 1, tzinfo=timezone.utc)
        seconds, peak, summary = measure(lambda: report_summary(2027, now=now), args.repeat)
        print(f"summary (query + rows):        {seconds * 1000:8.1f} ms  peak {peak / 2**20:6.2f} MB  "
              f"({len(summary.rows)} rows, totals {summary.totals})")
        seconds, peak, body = measure(lambda: summary_xlsx(report_summary(2027, now=now)), args.repeat)
        print(f"summary + XLSX export:         {seconds * 1000:8.1f} ms  peak {peak / 2**20:6.2f} MB  "
              f"({len(body):,} bytes)")
        print("target: under 3000 ms and under 100 MB")


if __name__ == "__main__":
    main()
