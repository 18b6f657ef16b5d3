"""The demo evaluation: the questionnaire at /utvardering/ and this year's evaluation of
Barn- och utbildningsnämnden with some answers, built twice without change and without mail."""

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.models import OutboxMessage
from visits.evaluation.models import Evaluation, EvaluationAnswer, EvaluationFormPage
from visits.register.models import Politician

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_sent_evaluation_with_some_answers_and_paula_still_to_answer(client):
    outbox = OutboxMessage.objects.count()
    call_command("seed_demo", stdout=None)
    counts = (Evaluation.objects.count(), EvaluationAnswer.objects.count())
    call_command("seed_demo", stdout=None)

    assert (Evaluation.objects.count(), EvaluationAnswer.objects.count()) == counts
    evaluation = Evaluation.objects.get(committee__short_name="BUN", year=timezone.localdate().year)
    assert 0 < evaluation.answers.count() < evaluation.recipients.count()
    assert evaluation.recipients.filter(role="manager").exists()
    paula = Politician.objects.get(user__username="politiker")
    assert evaluation.recipients.get(politician=paula).answered_at is None
    assert OutboxMessage.objects.count() == outbox
    page = EvaluationFormPage.objects.get()
    assert page.url == "/utvardering/" and client.get(page.url).status_code == 200
