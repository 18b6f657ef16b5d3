"""Mail Wagtail sends by itself (moderation and workflow notices) goes through the outbox, and
the admin asks no outside service for users' pictures."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import WorkflowState

from cms import roles
from cms.models import OutboxMessage
from cms.testing import client_for
from home.governing_demo import ensure_index, ensure_moderation
from home.tests.documents_factories import admin_form_data, make_document, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def submission(site_home):
    index = ensure_index(site_home)
    for name in (roles.EDITORS, roles.SECRETARIES):
        Group.objects.get_or_create(name=name)
    ensure_moderation(index)
    communicator = make_user("kommunikator", roles.EDITORS)
    secretary = make_user("sekreterare", roles.SECRETARIES)
    secretary.email = "sekreterare@adala.example.se"
    secretary.save()
    document = make_document(index, title="Policy för lokalbokning", live=False)
    data = {**admin_form_data(document.adopted_by, "BUN 2026/70", title=document.title, slug=document.slug),
            "action-submit": "1"}
    return communicator, secretary, document, data


def test_a_submission_for_moderation_is_told_through_the_outbox_while_the_mail_server_is_down(
    submission, closed_smtp_port, smtp_server, run_tasks, settings
):
    communicator, secretary, document, data = submission
    settings.EMAIL_PORT = closed_smtp_port

    response = client_for(communicator).post(reverse("wagtailadmin_pages:edit", args=[document.pk]), data)

    assert response.status_code == 302
    assert WorkflowState.objects.get(object_id=str(document.pk)).status == WorkflowState.STATUS_IN_PROGRESS
    notice = OutboxMessage.objects.get(recipients=[secretary.email])
    assert "Policy för lokalbokning" in notice.subject + notice.body
    run_tasks()
    notice.refresh_from_db()
    assert notice.status == OutboxMessage.Status.FAILED  # delayed, not lost

    settings.EMAIL_PORT = smtp_server.port
    from cms.mail import requeue_unsent

    requeue_unsent()
    run_tasks()
    notice.refresh_from_db()
    assert notice.status == OutboxMessage.Status.SENT
    assert [m.rcpt_tos for m in smtp_server.messages] == [[secretary.email]]


def test_a_notice_is_not_queued_when_the_submission_is_rolled_back(submission, run_tasks):
    from django.db import transaction

    communicator, secretary, document, data = submission
    with pytest.raises(RuntimeError), transaction.atomic():
        client_for(communicator).post(reverse("wagtailadmin_pages:edit", args=[document.pk]), data)
        assert OutboxMessage.objects.filter(recipients=[secretary.email]).exists()
        raise RuntimeError("the edit failed after the notice")

    assert not OutboxMessage.objects.exists()


def test_the_admin_shows_no_gravatar_pictures(site_home):
    from django.contrib.auth.models import User

    admin = User.objects.create_superuser("nils", "nils@adala.example.se", "ett-riktigt-bra-lösenord")
    client = client_for(admin)

    for url in ("/admin/", "/admin/users/", "/admin/account/"):
        assert "gravatar" not in client.get(url).content.decode().lower(), url
