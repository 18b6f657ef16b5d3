import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from cms.models import OutboxMessage
from visits.reports.models import VisitReport, VisitReportFormPage
from visits.requests.models import VisitRequest

pytestmark = pytest.mark.django_db


def seed():
    call_command("seed_demo", stdout=open("/dev/null", "w"))


def test_demo_has_numbered_reports_a_correction_and_a_draft_and_is_idempotent():
    seed()
    counts = (VisitReport.objects.count(), VisitRequest.objects.count())
    seed()
    assert (VisitReport.objects.count(), VisitRequest.objects.count()) == counts

    submitted = VisitReport.objects.submitted()
    assert submitted.count() == 3
    assert {r.author.user.username for r in submitted} == {"politiker", "politiker2"}
    assert len(set(submitted.values_list("registration_number", flat=True))) == 3
    assert submitted.filter(supersedes__isnull=False).count() == 1
    draft = VisitReport.objects.drafts().get()
    assert draft.author.user.username == "politiker" and draft.visit.state == VisitRequest.State.HELD
    assert OutboxMessage.objects.count() == 0
    page = VisitReportFormPage.objects.get()
    assert page.live and not page.show_in_menus
    assert page.get_view_restrictions().filter(restriction_type="login").exists()
    assert page.form_fields.count() >= 6


def test_demo_politician2_and_the_manager_read_the_demo_reports():
    seed()
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    report = VisitReport.objects.submitted().filter(author__user__username="politiker").first()
    for username in ("politiker2", "enhetschef", "namndsekreterare", "politiker"):
        client = Client()
        client.force_login(users.get(username=username))
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 200, username
    client = Client()
    client.force_login(users.get(username="redaktor"))
    assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
