"""The demo content for feedback and newsletters: built once, unchanged on a second run."""

import pytest

from cms import roles
from cms.models import OutboxMessage
from visits import demo
from visits.models import FeedbackFormPage, FeedbackSubmission, Newsletter, NewsletterRecipient

from .feedback_factories import make_user

pytestmark = pytest.mark.django_db


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
