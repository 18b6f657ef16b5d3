"""Results of one evaluation: per question the count of each choice, overall and per group
(contact politicians and unit managers, whom seed 002 compares), or the free-text answers
without names; and the CSV/XLSX exports. Two queries however many answers."""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from wagtail.contrib.forms.forms import FormBuilder

from cms.charts import bar_chart
from cms.exports import neutralise

from .models import CHOICE_TYPES, EvaluationFormField, EvaluationRecipient

ROLES = EvaluationRecipient.Role


@dataclass
class Option:
    label: str
    total: int = 0
    politicians: int = 0
    managers: int = 0


@dataclass
class QuestionResult:
    number: int
    label: str
    field_type: str
    answered: int = 0
    options: list = field(default_factory=list)  # [Option, ...] for choice questions
    texts: list = field(default_factory=list)  # [(role label, text), ...] for the others

    @property
    def is_choice(self):
        return self.field_type in CHOICE_TYPES

    @property
    def chart_id(self):
        return f"diagram-fraga-{self.number}"

    @property
    def chart(self):
        return bar_chart([(option.label, option.total) for option in self.options])


@dataclass
class Results:
    evaluation: object
    questions: list
    sent: dict  # role -> recipients
    answered: dict  # role -> answers
    reminded: int
    unreached: list  # recipients with no address: the secretary hands them their link

    @property
    def sent_total(self):
        return sum(self.sent.values())

    @property
    def answered_total(self):
        return sum(self.answered.values())


def options_of(question):
    if question["field_type"] == "checkbox":
        return [_("Ja"), _("Nej")]
    # Split as the form builder splits them, so the counted options are the ones that were offered.
    choices = FormBuilder([]).get_formatted_field_choices(EvaluationFormField(choices=question["choices"]))
    return [value for value, _label in choices]


def as_list(value, field_type):
    if field_type == "checkbox":
        return [_("Ja") if value else _("Nej")]
    if isinstance(value, list):
        return [str(item) for item in value]
    return [] if value in (None, "") else [str(value)]


def evaluation_results(evaluation):
    recipients = list(evaluation.recipients.order_by("role", "name"))
    answers = list(evaluation.answers.order_by("submitted_at", "pk").values_list("role", "form_data"))
    questions = []
    for number, question in enumerate(evaluation.questions, start=1):
        result = QuestionResult(number, question["label"], question["field_type"])
        options = {label: Option(label) for label in options_of(question)} if result.is_choice else {}
        for role, data in answers:
            values = as_list(data.get(question["clean_name"]), question["field_type"])
            if values:
                result.answered += 1
            for value in values:
                if result.is_choice:
                    option = options.setdefault(value, Option(value))
                    option.total += 1
                    if role == ROLES.CONTACT_POLITICIAN:
                        option.politicians += 1
                    else:
                        option.managers += 1
                else:
                    result.texts.append((ROLES(role).label, value))
        result.options = list(options.values())
        questions.append(result)
    count = {role: 0 for role in ROLES.values}
    sent = dict(count)
    for recipient in recipients:
        sent[recipient.role] += 1
    answered = dict(count)
    for role, _data in answers:
        answered[role] += 1
    return Results(evaluation=evaluation, questions=questions, sent=sent, answered=answered,
                   reminded=sum(1 for recipient in recipients if recipient.reminded_at),
                   unreached=[recipient for recipient in recipients if not recipient.email])


def count_rows(results):
    yield [_("Fråga"), _("Svarsalternativ"), _("Alla"), _("Kontaktpolitiker"), _("Enhetschefer")]
    for question in results.questions:
        if question.is_choice:
            for option in question.options:
                yield [question.label, option.label, option.total, option.politicians, option.managers]
        else:
            yield [question.label, _("%(count)d fritextsvar") % {"count": len(question.texts)}, len(question.texts),
                   "", ""]


def answer_rows(evaluation):
    """One row per answer, in the order the questions were sent; no names."""
    yield [_("Svarade som")] + [question["label"] for question in evaluation.questions]
    for role, data in evaluation.answers.order_by("submitted_at", "pk").values_list("role", "form_data"):
        yield [str(ROLES(role).label)] + [", ".join(as_list(data.get(question["clean_name"]), question["field_type"]))
                                          for question in evaluation.questions]


def results_csv(evaluation):
    output = io.StringIO()
    output.write("\ufeff")  # Swedish Excel opens UTF-8 with semicolons when it sees the BOM
    writer = csv.writer(output, delimiter=";")
    for row in answer_rows(evaluation):
        writer.writerow([neutralise(value) for value in row])
    return output.getvalue().encode("utf-8")


def results_xlsx(evaluation, results):
    from cms.xlsx import workbook

    recipients = evaluation.recipients.order_by("role", "name")
    return workbook([
        (_("Resultat"), count_rows(results)),
        (_("Svar"), answer_rows(evaluation)),
        (_("Mottagare"), [[_("Namn"), _("Som"), _("Enheter"), _("Fick e-post"), _("Påmind"), _("Har svarat")]] + [
            [recipient.name, str(recipient.get_role_display()), recipient.units,
             _("ja") if recipient.mailed else _("nej"), _("ja") if recipient.reminded_at else _("nej"),
             _("ja") if recipient.answered_at else _("nej")] for recipient in recipients]),
    ])
