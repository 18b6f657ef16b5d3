"""Every mail to a unit manager ends with the guide for managers (issue 14, seed 002: managers
are unsure what is expected), beyond the visit steps: a resident's feedback on their unit and
the yearly evaluation with its reminder. Nobody else's mail carries it."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from cms.models import OutboxMessage
from visits.evaluation.models import Evaluation, send_reminders
from visits.evaluation.tests.factories import make_evaluation_page
from visits.feedback.models import FeedbackSubmission
from visits.feedback.tests.factories import make_form_page
from visits.register.guide import ManagerGuideSettings
from visits.register.tests.world import make_register

pytestmark = pytest.mark.django_db
GUIDE = "Så tar du emot kontaktpolitiker"


@pytest.fixture
def guide(site_home):
    page = site_home.get_children().get(slug="sa-tar-du-emot-kontaktpolitiker")
    setting = ManagerGuideSettings.for_site(Site.objects.get(is_default_site=True))
    setting.manager_guide = page
    setting.save()
    return page


def test_feedback_on_a_unit_tells_its_manager_with_the_guide(site_home, guide):
    world = make_register()
    FeedbackSubmission.receive(make_form_page(site_home), {
        "enhet": world["unit"], "typ": FeedbackSubmission.Kind.COMPLAINT, "text": "Trångt vid cykelstället.",
        "namn": "", "kontakt": "boende@example.org"})

    to_manager = OutboxMessage.objects.get(recipients=[world["manager"].email])
    assert GUIDE in to_manager.body and guide.url in to_manager.body
    receipt = OutboxMessage.objects.get(recipients=["boende@example.org"])
    assert GUIDE not in receipt.body


def test_the_evaluation_and_its_reminder_give_managers_the_guide_and_politicians_not(site_home, guide):
    world = make_register()
    evaluation = Evaluation.send(page=make_evaluation_page(site_home), committee=world["committee"], year=2026,
                                 by=world["manager"])
    send_reminders(now=timezone.now() + datetime.timedelta(days=8))

    manager_mails = OutboxMessage.objects.filter(recipients=[world["manager"].email])
    assert manager_mails.count() == 2  # the invitation and the reminder
    assert all(GUIDE in mail.body for mail in manager_mails)
    politician = evaluation.recipients.exclude(role="manager").first()
    assert politician and all(GUIDE not in mail.body for mail in OutboxMessage.objects.filter(
        recipients=[politician.email]))
