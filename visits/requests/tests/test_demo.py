import pytest
from django.core.management import call_command

from cms.models import OutboxMessage
from visits.requests.models import VisitEvent, VisitRequest
from visits.requests.questions import VisitQuestion, VisitQuestionsFormPage

pytestmark = pytest.mark.django_db
S = VisitRequest.State


def test_demo_has_a_visit_in_every_state_and_is_idempotent():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    counts = (VisitRequest.objects.count(), VisitEvent.objects.count(), VisitQuestion.objects.count())
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    assert (VisitRequest.objects.count(), VisitEvent.objects.count(), VisitQuestion.objects.count()) == counts
    assert set(VisitRequest.objects.values_list("state", flat=True)) == set(S.values)
    assert OutboxMessage.objects.count() == 0  # the demo mails nobody


def test_demo_routes_a_request_through_kfns_head_and_flags_a_third_visit_unpaid():
    call_command("seed_demo", stdout=open("/dev/null", "w"))

    routed = VisitRequest.objects.filter(routed_via_administration=True, unit__committee__short_name="KFN")
    assert routed.filter(state=S.REQUESTED, unit__committee__head_of_administration__username="forvaltningschef").exists()
    assert routed.filter(state=S.FORWARDED, unit__manager__username="enhetschef").exists()
    unpaid = VisitRequest.objects.get(paid=False)
    assert unpaid.requested_by.user.username == "politiker"
    assert unpaid.unit.manager.username == "enhetschef"
    assert VisitRequest.objects.counting_towards_cap(unpaid.requested_by, unpaid.unit, unpaid.year).count() == 2
    assert VisitRequest.objects.public_invitations().count() == 1
    page = VisitQuestionsFormPage.objects.get()
    assert page.live and not page.show_in_menus
    assert page.get_view_restrictions().filter(restriction_type="login").exists()


def test_committee_secretary_follows_visits_in_the_admin():
    from django.test import Client

    call_command("seed_demo", stdout=open("/dev/null", "w"))
    client = Client()
    client.force_login(VisitRequest.objects.model._meta.apps.get_model("auth", "User").objects.get(username="namndsekreterare"))
    assert client.get("/admin/visits/visitrequest/").status_code == 200
    assert "väntat mer än 14 dagar" in client.get("/admin/").content.decode()
