import datetime
import threading
import time

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from cms.models import OutboxMessage
from training.models import SignUp, SignUpError

from .factories import make_politician, make_programme, make_session

pytestmark = pytest.mark.django_db


def test_a_politician_signs_up_and_cancels(programme):
    session = make_session(programme, capacity=2)
    paula = make_politician("paula")

    assert session.sign_up(paula).status == SignUp.Status.CONFIRMED
    assert session.sign_up(paula).status == SignUp.Status.CONFIRMED  # twice is once
    session.cancel_sign_up(paula)
    assert SignUp.objects.get(politician=paula).status == SignUp.Status.CANCELLED
    assert session.sign_up(paula).status == SignUp.Status.CONFIRMED


def test_a_full_session_puts_the_next_on_the_waiting_list_in_order(programme):
    session = make_session(programme, capacity=1)
    first, second, third = make_politician("forsta"), make_politician("andra"), make_politician("tredje")

    session.sign_up(first)
    assert session.sign_up(second).status == SignUp.Status.WAITING
    assert session.sign_up(third).status == SignUp.Status.WAITING
    assert [s.politician for s in session.signups.filter(status=SignUp.Status.WAITING).order_by("queued_at")] == [second, third]


def test_a_cancellation_moves_the_first_on_the_waiting_list_up_and_mails_them(programme, smtp_server, run_tasks):
    session = make_session(programme, title="Ordförandeutbildning", capacity=1)
    first, second, third = make_politician("forsta"), make_politician("andra"), make_politician("tredje")
    session.sign_up(first)
    session.sign_up(second)
    session.sign_up(third)
    run_tasks()  # the three receipts
    receipts = len(smtp_server.messages)

    promoted = session.cancel_sign_up(first)

    assert [signup.politician for signup in promoted] == [second]
    assert SignUp.objects.get(politician=second).status == SignUp.Status.CONFIRMED
    assert SignUp.objects.get(politician=third).status == SignUp.Status.WAITING
    message = OutboxMessage.objects.get(subject__startswith="Du har fått en plats")
    assert message.recipients == ["andra@adala.example.se"]
    run_tasks()
    assert len(smtp_server.messages) == receipts + 1
    body = smtp_server.messages[-1].content.decode("utf-8", "replace")
    assert "Ordf" in body and f"/utbildning/{session.pk}-" in body


def test_cancelling_from_the_waiting_list_moves_nobody_and_mails_nobody(programme):
    session = make_session(programme, capacity=1)
    first, second = make_politician("forsta"), make_politician("andra")
    session.sign_up(first)
    session.sign_up(second)
    receipts = OutboxMessage.objects.count()

    assert session.cancel_sign_up(second) == []
    assert OutboxMessage.objects.count() == receipts


def test_nobody_signs_up_or_cancels_after_the_deadline(programme):
    session = make_session(programme, signup_deadline=timezone.now() + datetime.timedelta(days=1))
    paula = make_politician("paula")
    session.sign_up(paula)
    later = timezone.now() + datetime.timedelta(days=2)

    with pytest.raises(SignUpError, match="stängd"):
        session.sign_up(make_politician("per"), now=later)
    with pytest.raises(SignUpError, match="inte längre"):
        session.cancel_sign_up(paula, now=later)


def test_nobody_signs_up_for_a_cancelled_session(programme):
    from .factories import republish

    session = republish(make_session(programme), status="cancelled", status_reason="Sjukdom")

    with pytest.raises(SignUpError):
        session.sign_up(make_politician("paula"))


def test_cancelling_without_a_sign_up_is_refused(programme):
    with pytest.raises(SignUpError, match="inte anmäld"):
        make_session(programme).cancel_sign_up(make_politician("paula"))


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sign_ups_for_the_last_place_cannot_both_get_it(site_home):
    programme = make_programme(site_home)
    session = make_session(programme, capacity=1)
    people = [make_politician(f"samtidig{n}") for n in range(4)]
    barrier = threading.Barrier(len(people))
    errors = []

    def attempt(politician):
        try:
            barrier.wait()
            # The test database of SQLite (shared in-memory cache) refuses a locked table at
            # once instead of waiting like the file database does: wait and retry here.
            for _ in range(200):
                try:
                    session.sign_up(politician)
                    return
                except OperationalError as error:
                    if "locked" not in str(error):
                        raise
                    time.sleep(0.01)
        except Exception as error:  # recorded and asserted below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    statuses = sorted(SignUp.objects.values_list("status", flat=True))
    assert statuses == ["confirmed", "waiting", "waiting", "waiting"]


def test_adding_places_moves_the_waiting_list_up_and_mails_them(programme):
    from .factories import republish

    session = make_session(programme, capacity=1)
    first, second, third = make_politician("forsta"), make_politician("andra"), make_politician("tredje")
    for person in (first, second, third):
        session.sign_up(person)

    republish(session, capacity=2)

    assert SignUp.objects.get(politician=second).status == SignUp.Status.CONFIRMED
    assert SignUp.objects.get(politician=third).status == SignUp.Status.WAITING
    promotions = OutboxMessage.objects.filter(subject__startswith="Du har fått en plats")
    assert [m.recipients for m in promotions] == [["andra@adala.example.se"]]


def test_a_sign_up_queues_a_receipt_that_says_what_happens_next(programme, smtp_server, run_tasks):
    session = make_session(programme, title="Grundutbildning", capacity=10)
    paula = make_politician("paula")

    session.sign_up(paula)
    session.sign_up(paula)  # twice is once: one receipt

    message = OutboxMessage.objects.get()
    assert message.recipients == ["paula@adala.example.se"]
    assert message.subject == "Du är anmäld: Grundutbildning"
    assert "Vad händer nu" in message.body and "avanmäl dig senast" in message.body
    assert f"/utbildning/{session.pk}-grundutbildning/" in message.body
    run_tasks()
    assert smtp_server.messages[0].rcpt_tos == ["paula@adala.example.se"]


def test_a_place_on_the_waiting_list_gets_a_receipt_with_the_position(programme):
    session = make_session(programme, title="Ordförandeutbildning", capacity=1)
    session.sign_up(make_politician("forsta"))

    session.sign_up(make_politician("andra"))

    message = OutboxMessage.objects.get(recipients=["andra@adala.example.se"])
    assert message.subject == "Du står på väntelistan: Ordförandeutbildning"
    assert "väntelistan, plats 1" in message.body and "blir en plats ledig" in message.body


def test_a_refused_sign_up_queues_no_receipt(programme):
    session = make_session(programme, signup_deadline=timezone.now() + datetime.timedelta(days=1))

    with pytest.raises(SignUpError):
        session.sign_up(make_politician("sen"), now=timezone.now() + datetime.timedelta(days=2))

    assert not OutboxMessage.objects.exists()
