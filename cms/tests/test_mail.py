import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from cms.mail import deliver, queue_mail
from cms.models import OutboxMessage

pytestmark = pytest.mark.django_db


def test_queued_mail_reaches_the_smtp_server_through_the_task_queue(smtp_server, run_tasks):
    message = queue_mail(["ordforande@adala.example.se"], "Ny besöksförfrågan", "Hej!\nSe Mina sidor.")

    assert smtp_server.messages == []  # nothing is sent inside the request
    assert run_tasks() == 1

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert [m.rcpt_tos for m in smtp_server.messages] == [["ordforande@adala.example.se"]]
    assert "Se Mina sidor." in smtp_server.messages[0].content.decode()


def test_a_subject_with_line_breaks_is_still_delivered_on_one_line(smtp_server, run_tasks):
    message = queue_mail(["rektor@adala.example.se"], "Rektorsbrev\r\nvecka 48", "Hej!")

    run_tasks()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert "Subject: Rektorsbrev vecka 48" in smtp_server.messages[0].content.decode()


def test_mail_is_not_saved_when_the_callers_record_is_rolled_back():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue_mail(["a@adala.example.se"], "Ämne", "Text")
        raise RuntimeError("the record failed validation")

    assert OutboxMessage.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_mail_server_down_delays_the_message_and_loses_nothing(settings, closed_smtp_port, run_tasks):
    message = queue_mail(["rektor@adala.example.se"], "Rapport inskickad", "Text")
    run_tasks()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED
    assert message.attempts == 1
    assert "Connection refused" in message.last_error or "Errno" in message.last_error


def test_retry_sends_once_when_the_server_is_back(settings, closed_smtp_port, smtp_server, run_tasks):
    # smtp_server was started last, so point the settings back at the closed port first.
    settings.EMAIL_PORT = closed_smtp_port
    message = queue_mail(["rektor@adala.example.se"], "Rapport inskickad", "Text")
    run_tasks()
    assert OutboxMessage.objects.get().status == OutboxMessage.Status.FAILED

    settings.EMAIL_PORT = smtp_server.port
    call_command("retry_mail", verbosity=0)
    run_tasks()
    call_command("retry_mail", verbosity=0)
    run_tasks()

    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(smtp_server.messages) == 1


def test_a_message_is_sent_once_even_if_delivered_twice(smtp_server):
    message = queue_mail(["a@adala.example.se"], "Ämne", "Text")

    assert deliver(message.pk) is True
    assert deliver(message.pk) is False
    assert len(smtp_server.messages) == 1


def test_server_refusing_the_message_keeps_it_for_retry(smtp_server, run_tasks):
    smtp_server.refuse = True
    message = queue_mail(["a@adala.example.se"], "Ämne", "Text")
    run_tasks()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.FAILED

    smtp_server.refuse = False
    call_command("retry_mail", verbosity=0)
    run_tasks()
    message.refresh_from_db()
    assert message.status == OutboxMessage.Status.SENT
    assert len(smtp_server.messages) == 1


def test_queue_mail_without_recipients_saves_nothing():
    assert queue_mail(["", "  "], "Ämne", "Text") is None
    assert OutboxMessage.objects.count() == 0


def test_administration_sees_the_outbox_read_only(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@adala.example.se", "x")
    message = queue_mail(["a@adala.example.se"], "Påminnelse om rapport", "Text")
    client.force_login(admin)

    listing = client.get("/admin/cms/outboxmessage/")
    assert listing.status_code == 200
    assert "Påminnelse om rapport" in listing.content.decode()
    assert client.get(f"/admin/cms/outboxmessage/inspect/{message.pk}/").status_code == 200
    assert client.get("/admin/cms/outboxmessage/create/").status_code in (302, 403)
    assert client.get(f"/admin/cms/outboxmessage/edit/{message.pk}/").status_code in (302, 403)


def test_politician_cannot_see_the_outbox(client, django_user_model):
    user = django_user_model.objects.create_user("paula")
    client.force_login(user)

    assert client.get("/admin/cms/outboxmessage/").status_code == 302
