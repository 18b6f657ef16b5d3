import datetime

import pytest
from django.core.management import call_command

from visits.models import Committee, ContactAssignment, MandatePeriod, Membership, Politician, Unit, UnitIndexPage

pytestmark = pytest.mark.django_db


def test_demo_register_is_believable_and_idempotent(client):
    call_command("seed_demo", stdout=None)
    counts = [model.objects.count() for model in (Unit, Politician, Membership, ContactAssignment, Committee)]
    call_command("seed_demo", stdout=None)

    assert [model.objects.count() for model in (Unit, Politician, Membership, ContactAssignment, Committee)] == counts
    period = MandatePeriod.objects.current()
    assert period.name == "2023–2026"
    assert len(list(Unit.objects.breaking_balance(period))) == 2
    paula = Politician.objects.get(user__username="politiker")
    per = Politician.objects.get(user__username="politiker2")
    for politician in (paula, per):
        assert politician.memberships.filter(committee__short_name="BUN").exists()
        assert politician.contact_assignments.filter(period=period).count() >= 2
    assert paula.memberships.current().get(committee__short_name="BUN").is_presidium
    # Re-elected: the next period has the same register, so the live demo still works in 2027.
    next_period = MandatePeriod.objects.current(datetime.date(2027, 1, 1))
    assert next_period.name == "2027–2030"
    assert paula.contact_assignments.filter(period=next_period).count() >= 2
    assert paula.memberships.current(datetime.date(2027, 1, 1)).filter(committee__short_name="BUN").exists()
    assert Unit.objects.filter(manager__username="enhetschef", committee__short_name="BUN").count() >= 2
    kfn = Committee.objects.get(short_name="KFN")
    assert kfn.visit_routing == "via_administration" and kfn.head_of_administration.username == "forvaltningschef"
    assert UnitIndexPage.objects.get().url == "/enheter/"
    assert client.get("/enheter/").status_code == 200
