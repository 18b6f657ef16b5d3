"""Review reminders: the dashboard panel and one mail per document and review date."""

import datetime

import pytest
from django.core.management import call_command
from django.test import Client

from cms import roles
from cms.models import OutboxMessage
from home.documents import send_review_reminders
from home.models import GoverningDocumentReviewReminder

from .conftest import TODAY
from .documents_factories import make_document, make_user

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def review_documents(document_index):
    return {
        "soon": make_document(document_index, title="Revideras snart", next_review_on=TODAY + 60 * DAY),
        "overdue": make_document(document_index, title="Revision försenad", next_review_on=TODAY - 5 * DAY,
                                 owner_email="kansliet@adala.example.se"),
        "later": make_document(document_index, title="Revideras senare", next_review_on=TODAY + 61 * DAY),
        "draft": make_document(document_index, title="Utkast", live=False, next_review_on=TODAY),
        "none": make_document(document_index, title="Utan revideringsdatum"),
    }


def test_dashboard_lists_documents_due_within_60_days_or_overdue(review_documents):
    client = Client()
    client.force_login(make_user("sekreterare", roles.SECRETARIES))

    html = client.get("/admin/").content.decode()

    assert "Styrdokument att revidera" in html
    assert "Revideras snart" in html
    assert "Revision försenad" in html and "passerat" in html
    assert "Revideras senare" not in html
    assert "Utkast" not in html


def test_replaced_document_is_not_listed_for_review(document_index):
    old = make_document(document_index, title="Gamla riktlinjer", next_review_on=TODAY, valid_from=datetime.date(2019, 1, 1))
    make_document(document_index, title="Nya riktlinjer", replaces=old, valid_from=TODAY - DAY)

    assert send_review_reminders() == 0


def test_each_document_gets_one_reminder_per_review_date(review_documents, smtp_server, run_tasks):
    call_command("send_review_reminders")
    call_command("send_review_reminders")
    run_tasks()

    assert GoverningDocumentReviewReminder.objects.count() == 2
    recipients = sorted(rcpt for message in smtp_server.messages for rcpt in message.rcpt_tos)
    assert recipients == ["bun.kansli@adala.example.se", "kansliet@adala.example.se"]
    body = next(m for m in smtp_server.messages if "kansliet" in m.rcpt_tos[0]).content.decode("utf-8", "replace")
    assert "Revision f" in body


def test_a_new_review_date_gives_a_new_reminder(review_documents):
    assert send_review_reminders() == 2
    document = review_documents["soon"]
    document.next_review_on = TODAY + 30 * DAY
    document.save()

    assert send_review_reminders() == 1
    assert OutboxMessage.objects.count() == 3


def test_reminder_is_kept_in_the_outbox_when_the_mail_server_is_down(review_documents, closed_smtp_port, run_tasks):
    send_review_reminders()
    run_tasks()

    assert OutboxMessage.objects.filter(status=OutboxMessage.Status.FAILED).count() == 2
    assert send_review_reminders() == 0  # recorded, so not queued again


@pytest.mark.parametrize("group", [roles.POLITICIANS, roles.UNIT_MANAGERS, roles.HEADS_OF_ADMINISTRATION, None])
def test_politicians_managers_and_visitors_do_not_see_the_review_list(client, review_documents, group):
    if group:
        client.force_login(make_user("utan-admin", group))

    response = client.get("/admin/")

    assert response.status_code == 302
    assert "Revideras snart" not in response.content.decode()
