import datetime

import pytest
from django.core.management import call_command

from cms import roles
from cms.models import OutboxMessage
from visits import demo
from visits.feedback.models import FeedbackFormPage, FeedbackSubmission
from visits.newsletters.models import Newsletter, NewsletterRecipient
from visits.register.models import Committee, ContactAssignment, MandatePeriod, Membership, Politician, Unit
from visits.register.pages import UnitIndexPage
from visits.register.tests.world import make_user

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


def test_the_demo_has_feedback_in_every_state_and_kind_and_two_newsletters_and_runs_twice(site_home):
    users = {
        "enhetschef": make_user("enhetschef", groups=[roles.UNIT_MANAGERS]),
        "namndsekreterare": make_user("namndsekreterare", groups=[roles.SECRETARIES]),
    }
    demo.build(home=site_home, users=users)
    page = FeedbackFormPage.objects.get()
    assert page.url == "/synpunkter/" and page.show_in_menus
    counts = (FeedbackSubmission.objects.count(), Newsletter.objects.count(), NewsletterRecipient.objects.count())
    assert set(FeedbackSubmission.objects.values_list("state", flat=True)) == set(FeedbackSubmission.State.values)
    assert set(FeedbackSubmission.objects.values_list("kind", flat=True)) == set(FeedbackSubmission.Kind.values)
    assert Newsletter.objects.filter(author=users["enhetschef"]).count() == 2
    assert NewsletterRecipient.objects.exists()
    assert not OutboxMessage.objects.exists()  # the demo sends no mail

    demo.build(home=site_home, users=users)
    assert (FeedbackSubmission.objects.count(), Newsletter.objects.count(), NewsletterRecipient.objects.count()) == counts


def test_an_editor_can_open_the_form_page_in_the_admin(client, site_home):
    admin = make_user("admin", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(f"/admin/pages/add/visits/feedbackformpage/{site_home.pk}/").status_code == 200
    page = site_home.add_child(instance=FeedbackFormPage(title="Lämna synpunkter", slug="synpunkter"))
    assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    assert client.get(f"/admin/forms/submissions/{page.pk}/").status_code == 200
