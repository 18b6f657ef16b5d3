"""Growth benchmark (issue 9): the public pages with 10, 100 and 1,000 units, training
sessions and governing documents, served to an anonymous visitor by Django's test Client on
a throwaway SQLite database (seed_demo, test settings, the page cache off). For each size:
the median time of `--repeat` requests and the query count of
`/enheter/` (the directory) and a unit page, `/utbildning/` (the programme) and a session
page, and `/styrdokument/`. Prints one table, writes it to bench/results/; asserts nothing.

    .venv/bin/python bench/growth.py [--sizes 10 100 1000] [--repeat 5]

The demo content is the start: units and sessions beyond it are copies of a demo one (each
unit with two contact politicians, one from each bloc), documents copies of a demo
document; below the demo's number the extra units are made inactive and the extra sessions
unpublished (the measured unit and session always stay).
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import header, save  # noqa: E402

PAGINATED = {  # which views split their list into pages (UnitIndexPage.UNITS_PER_PAGE, GoverningDocumentIndexPage.DOCUMENTS_PER_PAGE)
    "/enheter/": "ja, 50 per sida",
    "enhetssida": "– (en enhet)",
    "/utbildning/": "nej",
    "utbildningstillfälle": "– (ett tillfälle)",
    "/styrdokument/": "ja, 25 per sida",
}


def setup_django(workdir):
    os.environ["DJANGO_SETTINGS_MODULE"] = "cms.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'growth.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("seed_demo", verbosity=0)
    call_command("db_worker", "--batch", verbosity=0)  # search index updates and mail queued by the demo


def own_values(obj, exclude=()):
    """The row's own column values, to copy it: not the key, not what must be unique."""
    return {
        field.attname: getattr(obj, field.attname)
        for field in type(obj)._meta.concrete_fields
        if not field.primary_key and field.name not in exclude
    }


class Content:
    def __init__(self):
        from home.models import GoverningDocumentIndexPage
        from training.models import TrainingProgrammePage
        from visits.register.models import MandatePeriod, Unit

        self.period = MandatePeriod.objects.current()
        self.unit = Unit.objects.active().order_by("name").first()
        self.programme = TrainingProgrammePage.objects.get(period=self.period)
        self.session = self.programme.sessions.published().order_by("starts_at", "pk").first()
        self.documents = GoverningDocumentIndexPage.objects.get()

    def urls(self):
        from visits.register.pages import UnitIndexPage

        directory = UnitIndexPage.objects.get()
        return [
            ("/enheter/", directory.url),
            ("enhetssida", directory.unit_url(self.unit)),
            ("/utbildning/", self.programme.url),
            ("utbildningstillfälle", self.programme.url + self.programme.session_path(self.session)),
            ("/styrdokument/", self.documents.url),
        ]

    def resize(self, size):
        return {"units": self.units(size), "sessions": self.sessions(size), "documents": self.documents_to(size)}

    def units(self, size):
        from visits.register.models import ContactAssignment, PartyBloc, Politician, Unit

        active = Unit.objects.filter(active=True).exclude(pk=self.unit.pk).order_by("pk")
        spare = Unit.objects.filter(active=False, slug__startswith="vaxt-").order_by("pk")
        # Back to the size: reactivate copies made inactive by a smaller size, or hide units above it.
        Unit.objects.filter(pk__in=list(spare.values_list("pk", flat=True)[: max(0, size - 1 - active.count())])).update(active=True)
        Unit.objects.filter(pk__in=list(active.values_list("pk", flat=True)[size - 1:])).update(active=False)
        missing = size - Unit.objects.filter(active=True).count()
        if missing > 0:
            start = Unit.objects.filter(slug__startswith="vaxt-").count()
            values = own_values(self.unit, exclude=("name", "slug", "manager"))
            Unit.objects.bulk_create(
                Unit(**values, name=f"Växtenheten {start + i:04d}", slug=f"vaxt-{start + i:04d}")
                for i in range(missing)
            )
            blocs = {bloc: list(Politician.objects.filter(
                party__blocs__period=self.period, party__blocs__bloc=bloc).order_by("pk")[:20])
                for bloc in (PartyBloc.Bloc.MAJORITY, PartyBloc.Bloc.OPPOSITION)}
            new = Unit.objects.filter(slug__startswith="vaxt-", contact_assignments__isnull=True)
            ContactAssignment.objects.bulk_create(
                ContactAssignment(unit=unit, period=self.period, politician=people[i % len(people)])
                for i, unit in enumerate(new.order_by("pk")) for people in blocs.values()
            )
        return Unit.objects.active().count()

    def sessions(self, size):
        from training.models import TrainingSession

        published = self.programme.sessions.published().exclude(pk=self.session.pk).order_by("pk")
        hidden = self.programme.sessions.filter(live=False, slug__startswith="vaxt-").order_by("pk")
        TrainingSession.objects.filter(
            pk__in=list(hidden.values_list("pk", flat=True)[: max(0, size - 1 - published.count())])
        ).update(live=True)
        TrainingSession.objects.filter(pk__in=list(published.values_list("pk", flat=True)[size - 1:])).update(live=False)
        missing = size - self.programme.sessions.published().count()
        if missing > 0:
            start = self.programme.sessions.filter(slug__startswith="vaxt-").count()
            values = own_values(self.session, exclude=("uid", "title", "slug", "starts_at", "ends_at",
                                                       "latest_revision", "live_revision"))
            TrainingSession.objects.bulk_create(
                TrainingSession(
                    **values, uid=uuid.uuid4(), title=f"{self.session.title} ({start + i + 1})",
                    slug=f"vaxt-{start + i + 1}", starts_at=self.session.starts_at + timedelta(days=(start + i) % 1400),
                    ends_at=self.session.ends_at + timedelta(days=(start + i) % 1400),
                )
                for i in range(missing)
            )
        return self.programme.sessions.published().count()

    def documents_to(self, size):
        from home.models import GoverningDocumentPage

        listed = self.documents.documents()
        missing = size - listed.count()
        if missing < 0:
            raise SystemExit(f"Demoinnehållet har fler styrdokument än {size}: välj större storlekar.")
        template = listed.first()
        values = own_values(template, exclude=("replaces", "signed_original"))
        page_fields = {field.attname for field in GoverningDocumentPage._meta.get_parent_list()[0]._meta.concrete_fields}
        values = {name: value for name, value in values.items() if name not in page_fields}
        start = GoverningDocumentPage.objects.filter(slug__startswith="vaxt-").count()
        for i in range(missing):
            self.documents.add_child(instance=GoverningDocumentPage(
                **values, title=f"{template.title} {start + i + 1}", slug=f"vaxt-{start + i + 1}", live=True,
            ))
        return self.documents.documents().count()


def measure(client, url, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(url)  # warm: templates, site root, imports
    if response.status_code != 200:
        raise RuntimeError(f"{url}: HTTP {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    queries = len(captured)  # read now: the log is cleared when the next request starts
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - started)
    return statistics.median(times), queries, len(response.content)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        setup_django(Path(workdir))
        from django.test import Client

        content = Content()
        client = Client()
        rows, counts = {}, {}
        for size in args.sizes:
            started = time.perf_counter()
            counts[size] = content.resize(size)
            built = time.perf_counter() - started
            print(f"storlek {size}: {counts[size]} (byggt på {built:.0f} s)", flush=True)
            for name, url in content.urls():
                rows.setdefault(name, {})[size] = measure(client, url, args.repeat)

    lines = header("Tillväxt: publika sidor, Django test Client som anonym besökare, SQLite, test-inställningar")
    lines.append(f"# median av {args.repeat} anrop; sidcachen av; antal som visas per storlek: "
                 + "; ".join(f"{size}: {c['units']} enheter, {c['sessions']} tillfällen, {c['documents']} styrdokument"
                             for size, c in counts.items()))
    sizes = args.sizes
    lines.append(f"{'sida':<22} {'sidindelad':<18} "
                 + " ".join(f"{'ms ' + str(s):>9}" for s in sizes) + "  "
                 + " ".join(f"{'frågor ' + str(s):>11}" for s in sizes) + "  "
                 + " ".join(f"{'kB ' + str(s):>8}" for s in sizes) + f"  {'tid ' + str(sizes[-1]) + '/' + str(sizes[0]):>10}")
    for name, by_size in rows.items():
        times = [by_size[s][0] * 1000 for s in sizes]
        lines.append(
            f"{name:<22} {PAGINATED[name]:<18} " + " ".join(f"{t:>9.1f}" for t in times) + "  "
            + " ".join(f"{by_size[s][1]:>11}" for s in sizes) + "  "
            + " ".join(f"{by_size[s][2] / 1024:>8.0f}" for s in sizes) + f"  {times[-1] / times[0]:>9.1f}×"
        )
    save("growth", lines)


if __name__ == "__main__":
    main()
