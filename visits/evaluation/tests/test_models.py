"""The evaluation's rules: who it goes to, one answer each, questions kept as sent, a reminder
after a week, and the counts of the results."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from cms.models import OutboxMessage
from visits.evaluation.models import (
    AlreadyAnswered,
    Evaluation,
    EvaluationAnswer,
    EvaluationFormField,
    EvaluationRecipient,
    send_reminders,
)
from visits.evaluation.results import evaluation_results
from visits.register.models import ContactAssignment
from visits.register.tests.world import make_register, make_unit, make_user

from .factories import field_names, make_evaluation_page

pytestmark = pytest.mark.django_db
ROLE = EvaluationRecipient.Role


@pytest.fixture
def register():
    world = make_register()
    second = make_unit(world["committee"], manager=world["manager"])
    ContactAssignment.objects.create(politician=world["member_a"], unit=second, period=world["period"])
    world["second_unit"] = second
    return world


@pytest.fixture
def page(site_home):
    return make_evaluation_page(site_home)


def send(page, register, year=2026, **kwargs):
    return Evaluation.send(page=page, committee=register["committee"], year=year, by=register["manager"], **kwargs)


def test_the_evaluation_goes_to_every_contact_politician_and_unit_manager_once(page, register):
    evaluation = send(page, register)

    recipients = {(r.name, r.role): r for r in evaluation.recipients.all()}
    assert set(recipients) == {
        (register["member_a"].full_name, ROLE.CONTACT_POLITICIAN),
        (register["member_b"].full_name, ROLE.CONTACT_POLITICIAN),
        ("rektor", ROLE.MANAGER),
    }
    member_a = recipients[(register["member_a"].full_name, ROLE.CONTACT_POLITICIAN)]
    assert register["unit"].name in member_a.units and register["second_unit"].name in member_a.units
    assert OutboxMessage.objects.count() == 3
    assert all(r.mailed for r in recipients.values())
    mail = OutboxMessage.objects.get(recipients=[member_a.email])
    assert f"?nyckel={member_a.key}" in mail.body and "Länken är personlig" in mail.body


def test_a_recipient_without_an_address_is_stored_but_not_mailed(page, register):
    politician = register["member_b"]
    politician.email = ""
    politician.save()
    politician.user.email = ""
    politician.user.save()

    evaluation = send(page, register)

    assert not evaluation.recipients.get(politician=politician).mailed
    assert OutboxMessage.objects.count() == 2


def test_a_committee_gets_one_evaluation_a_year(page, register):
    send(page, register)

    with pytest.raises(ValidationError, match="har redan fått utvärderingen för 2026"):
        send(page, register)
    assert send(page, register, year=2025).year == 2025


def test_a_page_without_questions_cannot_be_sent(site_home, register):
    empty = make_evaluation_page(site_home, questions=[], slug="tom")

    with pytest.raises(ValidationError, match="Enkäten har inga frågor"):
        send(empty, register)
    assert not Evaluation.objects.exists() and not OutboxMessage.objects.exists()


def test_the_answers_keep_the_questions_as_they_were_sent(page, register):
    evaluation = send(page, register)
    field = page.form_fields.get(sort_order=0)
    field.label, field.choices = "Ny formulering", "Ja\nNej"
    field.save()
    EvaluationFormField.objects.create(page=page, sort_order=9, label="En fråga till", field_type="singleline")

    evaluation.refresh_from_db()
    assert [q["label"] for q in evaluation.questions] == [
        "Hur mycket kontakt har du haft under året?", "Hur har ni haft kontakt?",
        "Vad fungerar bra och vad kan bli bättre?"]
    assert evaluation.questions[0]["choices"] == "Mycket\nEn del\nLite\nIngen"


def test_each_recipient_answers_once(page, register):
    evaluation = send(page, register)
    recipient = evaluation.recipients.first()
    first, _second, third = field_names(page)

    EvaluationAnswer.submit(recipient, {first: "Lite", third: "Mer struktur."})

    with pytest.raises(AlreadyAnswered):
        EvaluationAnswer.submit(EvaluationRecipient.objects.get(pk=recipient.pk), {first: "Mycket"})
    assert EvaluationAnswer.objects.get().form_data[first] == "Lite"
    assert EvaluationRecipient.objects.get(pk=recipient.pk).answered_at is not None


def test_a_reminder_goes_after_a_week_to_those_who_have_not_answered_and_only_once(page, register, run_tasks,
                                                                                 smtp_server):
    sent_at = timezone.now() - datetime.timedelta(days=8)
    evaluation = send(page, register, now=sent_at)
    answered = evaluation.recipients.get(role=ROLE.MANAGER)
    EvaluationAnswer.submit(answered, {field_names(page)[0]: "En del"})
    run_tasks()
    invitations = len(smtp_server.messages)

    assert send_reminders() == 2
    assert send_reminders() == 0
    run_tasks()

    reminders = smtp_server.messages[invitations:]
    assert len(reminders) == 2
    assert answered.email not in {to for message in reminders for to in message.rcpt_tos}
    assert "Vi har inte fått ditt svar på utvärderingen" in reminders[0].content.decode()


def test_no_reminder_before_a_week_has_passed(page, register):
    send(page, register, now=timezone.now() - datetime.timedelta(days=6))

    assert send_reminders() == 0


def test_the_reminder_command_runs_daily_from_cron(page, register, capsys):
    send(page, register, now=timezone.now() - datetime.timedelta(days=7, minutes=1))

    call_command("send_evaluation_reminders")

    assert "3 påminnelser om utvärderingen köade." in capsys.readouterr().out
    assert EvaluationRecipient.objects.filter(reminded_at__isnull=False).count() == 3


def test_results_count_each_choice_per_group_and_list_free_text_without_names(page, register):
    evaluation = send(page, register)
    first, second, third = field_names(page)
    recipients = {r.role: r for r in evaluation.recipients.order_by("name")}
    politicians = list(evaluation.recipients.filter(role=ROLE.CONTACT_POLITICIAN))
    EvaluationAnswer.submit(politicians[0], {first: "Lite", second: ["Besök", "E-post"], third: "Fler träffar."})
    EvaluationAnswer.submit(politicians[1], {first: "Lite", second: ["Besök"], third: ""})
    EvaluationAnswer.submit(recipients[ROLE.MANAGER], {first: "Mycket", second: ["Nyhetsbrev"], third: ""})

    results = evaluation_results(evaluation)

    contact, ways, free = results.questions
    assert [(o.label, o.total, o.politicians, o.managers) for o in contact.options] == [
        ("Mycket", 1, 0, 1), ("En del", 0, 0, 0), ("Lite", 2, 2, 0), ("Ingen", 0, 0, 0)]
    assert [(o.label, o.total) for o in ways.options] == [("Besök", 2), ("E-post", 1), ("Nyhetsbrev", 1), ("Möten", 0)]
    assert free.texts == [("kontaktpolitiker", "Fler träffar.")] and free.answered == 1
    assert (results.sent_total, results.answered_total) == (3, 3)
    assert [bar["value"] for bar in contact.chart["bars"]] == [1, 0, 2, 0]


def test_a_logged_in_recipient_finds_the_evaluation_on_mina_sidor_until_they_answer(page, register, client):
    evaluation = send(page, register)
    recipient = evaluation.recipients.get(role=ROLE.MANAGER)
    client.force_login(register["manager"])

    assert f"?nyckel={recipient.key}" in client.get("/mina-sidor/").content.decode()
    EvaluationAnswer.submit(recipient, {field_names(page)[0]: "Lite"})
    assert "Utvärdering att besvara" not in client.get("/mina-sidor/").content.decode()
    client.force_login(make_user("nagon"))
    assert "Utvärdering att besvara" not in client.get("/mina-sidor/").content.decode()
