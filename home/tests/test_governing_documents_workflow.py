"""Moderation of styrdokument: a communicator submits, the committee secretary approves."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from cms import roles
from cms.testing import client_for
from home.governing_demo import WORKFLOW_NAME, ensure_moderation
from home.models import GoverningDocumentPage

from .documents_factories import admin_form_data, make_document, make_user

pytestmark = pytest.mark.django_db



@pytest.fixture
def people():
    return {
        "communicator": make_user("kommunikator", roles.EDITORS),
        "secretary": make_user("sekreterare", roles.SECRETARIES),
        "politician": make_user("politiker-x", roles.POLITICIANS),
    }


def test_styrdokument_use_the_secretary_approval_workflow(moderated_index):
    document = make_document(moderated_index, live=False)

    assert document.get_workflow().name == WORKFLOW_NAME


def test_communicator_may_edit_but_not_publish_and_secretary_may_publish(moderated_index, people):
    document = make_document(moderated_index, live=False)

    assert document.permissions_for_user(people["communicator"]).can_edit()
    assert not document.permissions_for_user(people["communicator"]).can_publish()
    assert document.permissions_for_user(people["secretary"]).can_publish()
    assert not document.permissions_for_user(people["politician"]).can_edit()


def test_communicator_submits_and_secretary_approves_in_the_admin(moderated_index, people):
    document = make_document(moderated_index, title="Policy för lokalbokning", live=False)
    edit_url = reverse("wagtailadmin_pages:edit", args=[document.pk])
    communicator = client_for(people["communicator"])
    data = {**admin_form_data(document.adopted_by, "BUN 2026/70", title=document.title, slug=document.slug), "action-submit": "1"}

    response = communicator.post(edit_url, data)

    assert response.status_code == 302, response.context["form"].errors if response.context else ""
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(document.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not GoverningDocumentPage.objects.get(pk=document.pk).live

    # The communicator cannot approve their own submission.
    approve_url = reverse(
        "wagtailadmin_pages:workflow_action", args=[document.pk, "approve", state.current_task_state.pk]
    )
    communicator.post(approve_url, {"comment": ""})
    assert not GoverningDocumentPage.objects.get(pk=document.pk).live

    response = client_for(people["secretary"]).post(approve_url, {"comment": ""})

    assert response.status_code in (200, 302)
    assert GoverningDocumentPage.objects.get(pk=document.pk).live
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED


def test_moderation_setup_can_run_twice(moderated_index):
    ensure_moderation(moderated_index)

    assert moderated_index.group_permissions.count() == 5

