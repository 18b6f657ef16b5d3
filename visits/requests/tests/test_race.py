"""Two people deciding on the same request at the same moment: exactly one succeeds.

Runs with real threads and separate database connections; on PostgreSQL the loser waits
for the winner's row lock and then finds the state changed, on SQLite the IMMEDIATE
transaction serialises the two writers."""

import threading

import pytest
from django.db import OperationalError, connection, connections

from visits.requests.models import TransitionError, VisitEvent, VisitRequest
from visits.requests.tests.factories import future, make_request, make_world

# serialized_rollback restores what migrations created (Wagtail root page, locale, groups) after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def race(*steps):
    barrier = threading.Barrier(len(steps))
    outcomes = [None] * len(steps)

    def run(index, step):
        try:
            barrier.wait(timeout=10)
            step()
            outcomes[index] = "ok"
        except (TransitionError, OperationalError) as error:
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


def test_accept_and_decline_at_the_same_moment_cannot_both_succeed():
    w = make_world()
    visit = make_request(w)
    starts = future()

    outcomes = race(
        lambda: VisitRequest.objects.get(pk=visit.pk).accept(w.manager, starts),
        lambda: VisitRequest.objects.get(pk=visit.pk).decline(w.manager, "Nej."),
    )

    assert sorted(o == "ok" for o in outcomes) == [False, True]
    loser = next(o for o in outcomes if o != "ok")
    if connection.vendor == "postgresql":
        assert isinstance(loser, TransitionError)
    visit.refresh_from_db()
    decisions = VisitEvent.objects.filter(visit=visit).exclude(from_state="")
    assert decisions.count() == 1
    assert decisions.get().to_state == visit.state
    assert visit.state in (VisitRequest.State.ACCEPTED, VisitRequest.State.DECLINED)


def test_head_forwarding_twice_at_once_records_one_forward():
    w = make_world()
    visit = make_request(w, unit=w.library)

    outcomes = race(
        lambda: VisitRequest.objects.get(pk=visit.pk).forward(w.head),
        lambda: VisitRequest.objects.get(pk=visit.pk).forward(w.head),
    )

    assert outcomes.count("ok") == 1
    assert VisitEvent.objects.filter(visit=visit, to_state=VisitRequest.State.FORWARDED).count() == 1
