import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import OutboxMessage
from visits.register.documents import UnitDocument
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
    unpaid = VisitRequest.objects.get(paid=False, requested_by__user__username="politiker")
    assert unpaid.unit.manager.username == "enhetschef"
    assert VisitRequest.objects.counting_towards_cap(unpaid.requested_by, unpaid.unit, unpaid.year).count() == 2
    assert VisitRequest.objects.public_invitations().count() == 1
    # The companion on the unpaid visit has a paid place left: unpaid only for Paula.
    assert [paid for _person, paid in unpaid.participant_lines()] == [False, True]
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


def test_demo_shows_every_case_of_the_presidium_plan_managers_and_referrals():
    from visits.register.models import Committee, Unit
    from visits.requests.presidium import HELD, MISSING, PLANNED, presidium_plan

    call_command("seed_demo", stdout=open("/dev/null", "w"))

    year = timezone.localdate().year
    statuses = {row.unit.slug: row.status for row in presidium_plan(Committee.objects.get(short_name="BUN"), year)}
    assert statuses["forskolan-myrstacken"] == HELD
    assert statuses["norrbyskolan"] == statuses["forskolan-lillan"] == PLANNED
    assert list(statuses.values()).count(MISSING) >= 5
    held = VisitRequest.objects.get(kind="presidium", unit__slug="forskolan-myrstacken")
    assert len(held.politicians) == 3  # the whole presidium came
    assert Unit.objects.without_manager().exists() and Unit.objects.filter(manager__isnull=False).exists()
    # Handed to the secretaries by the head of administration, and a direct request to a unit without a manager.
    referred = VisitRequest.objects.filter(state=S.REFERRED)
    assert referred.filter(routed_via_administration=True, events__from_state=S.REQUESTED).exists()
    assert referred.filter(routed_via_administration=False, unit__manager__isnull=True).exists()
    assert VisitRequest.objects.filter(state=S.FORWARDED, responsible_manager__isnull=False).exists()
    assert UnitDocument.objects.filter(unit__slug="backaskolan").count() >= 2


def test_demo_holds_no_visit_on_a_sunday_and_confirms_every_time_outside_working_hours():
    from visits.requests.timing import unusual_time_reasons

    call_command("seed_demo", stdout=open("/dev/null", "w"))

    booked = VisitEvent.objects.filter(starts_at__isnull=False).select_related("visit__unit__committee")
    assert booked.exists()
    for event in booked:
        assert timezone.localtime(event.starts_at).weekday() != 6
        reasons = unusual_time_reasons(event.visit.unit.committee, event.starts_at, event.ends_at)
        assert bool(reasons) == bool(event.time_notice)
    assert booked.exclude(time_notice="").exists()  # the parents' evening
    assert booked.exclude(plan="").exists()
