"""Password reset (Wagtail's admin form): the same answer at the same speed whether an address has
an account or not, a few mails per address and hour, and the link sent through the outbox."""

import asyncio
import time

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache

from cms.models import OutboxMessage

pytestmark = pytest.mark.django_db
URL = "/admin/password_reset/"


@pytest.fixture(autouse=True)
def clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def secretary(db):
    return User.objects.create_user("nils", email="nils@adala.example.se", password="ett-riktigt-bra-lösenord")


def ask(client, email, remote="203.0.113.9"):
    started = time.perf_counter()
    response = client.post(URL, {"email": email}, REMOTE_ADDR=remote)
    return response, time.perf_counter() - started


def test_the_answer_is_the_same_whether_the_address_has_an_account(client, secretary):
    known, _ = ask(client, "nils@adala.example.se")
    unknown, _ = ask(client, "ingen@adala.example.se")

    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert known["Location"] == "/admin/password_reset/done/"


def test_a_slow_mail_server_does_not_make_a_known_address_answer_slower(client, secretary, smtp_server):
    async def slow(server, session, envelope):
        await asyncio.sleep(1.0)
        smtp_server.messages.append(envelope)
        return "250 OK"

    smtp_server.handle_DATA = slow
    ask(client, "ingen@adala.example.se", remote="192.0.2.1")  # warm up the view

    _, known = ask(client, "nils@adala.example.se")
    _, unknown = ask(client, "ingen@adala.example.se")

    assert abs(known - unknown) < 0.5
    assert smtp_server.messages == []  # nothing is sent from the request


def test_the_link_goes_through_the_outbox_to_the_account_holder(client, secretary, smtp_server, run_tasks):
    ask(client, "NILS@adala.example.se")
    ask(client, "ingen@adala.example.se")

    run_tasks()

    message = OutboxMessage.objects.get()
    assert message.recipients == ["nils@adala.example.se"]
    assert message.status == OutboxMessage.Status.SENT
    assert "/admin/password_reset/confirm/" in message.body
    assert [m.rcpt_tos for m in smtp_server.messages] == [["nils@adala.example.se"]]


def test_an_address_gets_at_most_three_reset_mails_an_hour(client, secretary, run_tasks, settings):
    answers = {ask(client, "nils@adala.example.se", remote=f"198.51.100.{n}")[0]["Location"] for n in range(6)}

    run_tasks()

    assert answers == {"/admin/password_reset/done/"}
    assert OutboxMessage.objects.count() == settings.INSYN_PASSWORD_RESET_LIMIT == 3


def test_one_client_cannot_send_reset_mails_to_every_address(client, secretary, run_tasks, settings):
    for n in range(settings.INSYN_PASSWORD_RESET_CLIENT_LIMIT):
        ask(client, f"person{n}@adala.example.se")

    ask(client, "nils@adala.example.se")
    run_tasks()

    assert not OutboxMessage.objects.exists()
