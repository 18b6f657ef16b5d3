"""Many authors submitting at the same moment get distinct registration numbers.

Real threads with their own connections: on PostgreSQL the counter row's lock makes the
others wait; on SQLite the IMMEDIATE transactions serialise the writers (and a thread that
times out on the database lock has taken no number)."""

import threading

import pytest
from django.db import OperationalError, connection, connections

from visits.reports.demo import ensure_report_page
from visits.reports.models import ReportCounter, VisitReport
from visits.reports.tests.factories import make_held, write
from visits.requests.tests.factories import make_world

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def race(steps):
    barrier = threading.Barrier(len(steps))
    outcomes = [None] * len(steps)

    def run(index, step):
        try:
            barrier.wait(timeout=10)
            step()
            outcomes[index] = "ok"
        except OperationalError as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_submits_never_share_a_registration_number(site_home):
    w = make_world()
    page = ensure_report_page(site_home)
    drafts = [write(page, make_held(w, days=-1 - i), w.politician, f"Rapport {i}.") for i in range(6)]

    outcomes = race([lambda pk=d.pk: VisitReport.objects.get(pk=pk).submit(w.user) for d in drafts])

    submitted = VisitReport.objects.submitted()
    numbers = list(submitted.values_list("registration_number", flat=True))
    assert len(numbers) == len(set(numbers)) == outcomes.count("ok")
    if connection.vendor == "postgresql":
        assert outcomes.count("ok") == len(drafts)
    assert sorted(submitted.values_list("number", flat=True)) == list(range(1, len(numbers) + 1))
    assert ReportCounter.objects.get().last_number == len(numbers)


def test_sequential_submits_count_up_without_gaps(site_home):
    w = make_world()
    page = ensure_report_page(site_home)
    for i in range(3):
        write(page, make_held(w, days=-1 - i), w.politician, f"Rapport {i}.").submit(w.user)
    assert sorted(VisitReport.objects.values_list("number", flat=True)) == [1, 2, 3]
