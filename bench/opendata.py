"""Open data benchmark (issue 19): the OParl Person and Paper lists with 10, 100 and 1,000
objects, read by an anonymous Django test Client on a throwaway SQLite database (seed_demo,
test settings). For each size: the first page (100 objects, as the endpoint pages them) and
the whole list followed through every `links.next` — median time of `--repeat` runs, queries
per page, size. Prints one table, writes it to bench/results/; asserts nothing.

    .venv/bin/python bench/opendata.py [--sizes 10 100 1000] [--repeat 3]

Politicians beyond the demo are copies (each a member of a committee and contact politician
for a unit, so every Person embeds a membership and lists a unit); papers are styrdokument
pages (with a revision) and submitted visit reports, half of each.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import header, save  # noqa: E402


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'opendata.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0)
    call_command("db_worker", "--batch", verbosity=0)


def grow_people(size):
    from visits.register.models import ContactAssignment, Membership, Politician, Unit

    from_demo = Politician.objects.exclude(slug__startswith="vaxt-")
    template = from_demo.filter(memberships__isnull=False, contact_assignments__isnull=False).first()
    membership, assignment = template.memberships.first(), template.contact_assignments.first()
    have = Politician.objects.count()
    missing = size - have
    if missing > 0:
        start = Politician.objects.filter(slug__startswith="vaxt-").count()
        made = Politician.objects.bulk_create(
            Politician(first_name="Växt", last_name=f"Ledamot {start + i:04d}", slug=f"vaxt-{start + i:04d}",
                       party_id=template.party_id, email=f"vaxt{start + i}@example.se",
                       email_consent_on=template.email_consent_on or None)
            for i in range(missing))
        made = Politician.objects.filter(slug__startswith="vaxt-", memberships__isnull=True)
        Membership.objects.bulk_create(
            Membership(politician=p, committee_id=membership.committee_id, period_id=membership.period_id,
                       role=Membership.Role.MEMBER, starts_on=membership.starts_on, ends_on=membership.ends_on)
            for p in made)
        ContactAssignment.objects.bulk_create(
            ContactAssignment(politician=p, unit=Unit.objects.get(pk=assignment.unit_id), period_id=assignment.period_id)
            for p in made)
    return Politician.objects.count()


def grow_papers(size):
    from home.models import GoverningDocumentDecision, GoverningDocumentPage
    from visits.reports.models import VisitReport

    documents = GoverningDocumentPage.objects.live()
    template = documents.order_by("pk").first()
    index = template.get_parent()
    fields = ("document_type_id", "diary_number", "created_by_name", "created_by_title", "created_on",
              "adopted_by_id", "adopted_on", "adopted_paragraph", "valid_from", "owner_role", "owner_email")
    start = GoverningDocumentPage.objects.filter(slug__startswith="vaxt-").count()
    for i in range(start, start + max(0, size // 2 - documents.count())):
        page = index.add_child(instance=GoverningDocumentPage(
            title=f"{template.title} {i + 1}", slug=f"vaxt-{i + 1}", live=True,
            first_published_at=template.first_published_at, last_published_at=template.last_published_at,
            **{name: getattr(template, name) for name in fields}))
        GoverningDocumentDecision.objects.create(page=page, decided_on=template.adopted_on,
                                                 decided_by_id=template.adopted_by_id, paragraph="§ 1", change="Ny.")
    report = VisitReport.objects.submitted().order_by("pk").first()
    reports = VisitReport.objects.submitted().count()
    missing = size - GoverningDocumentPage.objects.live().count() - reports
    VisitReport.objects.bulk_create(
        VisitReport(page_id=report.page_id, form_data={}, visit_id=report.visit_id, author_id=report.author_id,
                    state=VisitReport.State.SUBMITTED, committee_id=report.committee_id, registration_year=2030,
                    number=reports + i, registration_number=f"BUN 2030/{reports + i:04d}",
                    submitted_at=report.submitted_at)
        for i in range(max(0, missing)))
    return GoverningDocumentPage.objects.live().count() + VisitReport.objects.submitted().count()


def read(client, url):
    """Every page of the list from `url`: (seconds, queries per page, bytes, pages)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    started, queries, size, pages = time.perf_counter(), [], 0, 0
    while url:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url}: HTTP {response.status_code}")
        queries.append(len(captured))
        size += len(response.content)
        pages += 1
        url = json.loads(response.content)["links"].get("next")
    return time.perf_counter() - started, queries, size, pages


def measure(client, url, repeat, whole):
    first = read(client, url) if whole else None  # warm
    runs = []
    for _ in range(repeat):
        if whole:
            runs.append(read(client, url))
        else:
            from django.db import connection
            from django.test.utils import CaptureQueriesContext

            started = time.perf_counter()
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url)
            runs.append((time.perf_counter() - started, [len(captured)], len(response.content), 1))
    del first
    seconds = statistics.median(run[0] for run in runs)
    return seconds, runs[-1][1], runs[-1][2], runs[-1][3]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from django.test import Client

        client = Client()
        rows, counts = {}, {}
        for size in args.sizes:
            started = time.perf_counter()
            counts[size] = (grow_people(size), grow_papers(size))
            print(f"storlek {size}: {counts[size][0]} politiker, {counts[size][1]} handlingar "
                  f"(byggt på {time.perf_counter() - started:.0f} s)", flush=True)
            for name in ("person", "paper"):
                url = f"/oparl/v1.1/{name}/"
                client.get(url)
                rows.setdefault(f"{name}, första sidan", {})[size] = measure(client, url, args.repeat, whole=False)
                rows.setdefault(f"{name}, hela listan", {})[size] = measure(client, url, args.repeat, whole=True)

    lines = header("Öppna data: OParl-listorna Person och Paper, Django test Client som anonym klient, SQLite")
    lines.append(f"# median av {args.repeat} körningar; 100 objekt per sida; antal per storlek: "
                 + "; ".join(f"{size}: {p} politiker, {d} handlingar" for size, (p, d) in counts.items()))
    lines.append("# frågor/sida: de olika antal som sidorna kostade; en sida med både styrdokument och rapporter "
                 "läser båda slagen, en sida med bara det ena färre")
    sizes = args.sizes
    lines.append(f"{'lista':<22} " + " ".join(f"{'ms ' + str(s):>9}" for s in sizes) + "  "
                 + " ".join(f"{'sidor ' + str(s):>9}" for s in sizes) + "  "
                 + " ".join(f"{'frågor/sida ' + str(s):>16}" for s in sizes) + "  "
                 + " ".join(f"{'kB ' + str(s):>8}" for s in sizes))
    for name, by_size in rows.items():
        lines.append(
            f"{name:<22} " + " ".join(f"{by_size[s][0] * 1000:>9.0f}" for s in sizes) + "  "
            + " ".join(f"{by_size[s][3]:>9}" for s in sizes) + "  "
            + " ".join(f"{'/'.join(map(str, sorted(set(by_size[s][1])))):>16}" for s in sizes) + "  "
            + " ".join(f"{by_size[s][2] / 1024:>8.0f}" for s in sizes))
    save("opendata", lines)


if __name__ == "__main__":
    main()
