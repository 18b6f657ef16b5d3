"""The evaluation: a form-builder page whose questions the editors own, and per committee and year
one sending with its recipients and their answers.

A recipient answers through a personal link, with no login: contact politicians include members
and substitutes without an account, and managers seldom log in. The link's key (43 random
characters, like a calendar key) reaches only the recipient's mailbox, opens nothing but that one
questionnaire, and is spent by the answer, so each recipient answers once. The questions are
copied onto the sending when it goes out: the editors may change the page later and the answers
keep the questions they were given."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField
from wagtail.fields import RichTextField

from cms.mail import queue_mail
from cms.page_views import page_view
from visits.register.guide import manager_guide_ending
from visits.register.models import ContactAssignment, Unit

REMIND_AFTER = timedelta(days=7)
KEY_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
CHOICE_TYPES = ("radio", "dropdown", "checkboxes", "multiselect", "checkbox")


class EvaluationFormField(AbstractFormField):
    page = ParentalKey("EvaluationFormPage", on_delete=models.CASCADE, related_name="form_fields")


class EvaluationFormPage(AbstractForm):
    """The questionnaire. Without a personal link the page tells what the evaluation is."""

    intro = RichTextField(
        _("ingress"), blank=True, features=["bold", "italic", "link", "ul"],
        help_text=_("Visas för alla: vad utvärderingen är, vem som får enkäten och vad svaren används till."),
    )
    thank_you_text = RichTextField(_("tack-text"), blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Frågor")),
        FieldPanel("thank_you_text"),
    ]
    subpage_types = []
    parent_page_types = ["home.HomePage"]
    template = "visits/evaluation/evaluation_form_page.html"
    landing_page_template = "visits/evaluation/evaluation_form_page_landing.html"

    class Meta:
        verbose_name = _("enkät för utvärdering av kontaktpolitiker")

    def get_form_class(self):
        return page_view(self, "form_class", self.get_form_fields())

    def serve(self, request, *args, **kwargs):
        return page_view(self, "serve", request)

    def questions(self):
        """The questions as they are now, as plain values: what a sending copies."""
        return [
            {"clean_name": field.clean_name, "label": field.label, "field_type": field.field_type,
             "required": field.required, "choices": field.choices, "default_value": field.default_value,
             "help_text": field.help_text}
            for field in self.get_form_fields()
        ]


def new_key():
    return secrets.token_urlsafe(32)


def valid_key(raw):
    return 20 <= len(raw) <= 64 and set(raw) <= KEY_ALPHABET


class Evaluation(models.Model):
    """One committee's evaluation for one year, as it was sent."""

    page = models.ForeignKey(EvaluationFormPage, verbose_name=_("enkät"), on_delete=models.PROTECT,
                             related_name="evaluations")
    committee = models.ForeignKey("visits.Committee", verbose_name=_("nämnd"), on_delete=models.PROTECT,
                                  related_name="evaluations")
    year = models.PositiveSmallIntegerField(_("år"))
    title = models.CharField(_("rubrik"), max_length=255)
    questions = models.JSONField(_("frågorna som de skickades"), default=list, editable=False)
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("skickad av"), null=True,
                                on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-year", "committee__name"]
        verbose_name = _("utvärdering")
        verbose_name_plural = _("utvärderingar")
        constraints = [
            models.UniqueConstraint(fields=["committee", "year"], name="one_evaluation_per_committee_and_year",
                                    violation_error_message=_("Nämnden har redan fått utvärderingen det året.")),
        ]

    def __str__(self):
        return f"{self.title}: {self.committee.short_name} {self.year}"

    def get_absolute_url(self):
        return reverse("evaluation_results", args=[self.pk])

    @classmethod
    def send(cls, *, page, committee, year, by, now=None, deliver=True):
        """Store the sending with a copy of the questions, one recipient per contact politician and
        unit manager of the committee that year, and a mail with each personal link: all in one
        transaction. Raises ValidationError for a second sending or a page without questions.
        `deliver=False` (demo content only) stores the same records without mail."""
        questions = page.questions()
        if not questions:
            raise ValidationError(gettext("Enkäten har inga frågor. Lägg till frågor på sidan innan den skickas."))
        if cls.objects.filter(committee=committee, year=year).exists():
            raise ValidationError(gettext("%(committee)s har redan fått utvärderingen för %(year)s.")
                                  % {"committee": committee.name, "year": year})
        with transaction.atomic():
            evaluation = cls.objects.create(page=page, committee=committee, year=year, title=page.title,
                                            questions=questions, sent_by=by, sent_at=now or timezone.now())
            rows = [EvaluationRecipient(evaluation=evaluation, **fields) for fields in recipients_for(committee, year)]
            for recipient in rows:  # the key is made with the instance, so the mail can carry it before the save
                recipient.mailed = recipient.mail_invitation() is not None if deliver else bool(recipient.email)
            EvaluationRecipient.objects.bulk_create(rows)
        return evaluation


def recipients_for(committee, year):
    """Who a committee's evaluation goes to: every contact politician of its active units in a
    mandate period covering the year, and every manager of them; each person once, with their units."""
    people = {}
    assignments = (
        ContactAssignment.objects.filter(unit__committee=committee, unit__active=True,
                                         period__starts_on__year__lte=year, period__ends_on__year__gte=year)
        .select_related("politician__user", "unit").order_by("unit__name")
    )
    for assignment in assignments:
        politician = assignment.politician
        entry = people.setdefault(("politician", politician.pk), {
            "role": EvaluationRecipient.Role.CONTACT_POLITICIAN, "politician": politician, "user": politician.user,
            "name": politician.full_name,
            "email": politician.email or (politician.user.email if politician.user_id else ""), "units": []})
        if assignment.unit.name not in entry["units"]:
            entry["units"].append(assignment.unit.name)
    for unit in Unit.objects.filter(committee=committee, active=True, manager__isnull=False).select_related(
            "manager").order_by("name"):
        manager = unit.manager
        entry = people.setdefault(("manager", manager.pk), {
            "role": EvaluationRecipient.Role.MANAGER, "politician": None, "user": manager,
            "name": manager.get_full_name() or manager.get_username(), "email": manager.email, "units": []})
        entry["units"].append(unit.name)
    rows = sorted(people.values(), key=lambda entry: (entry["role"] != EvaluationRecipient.Role.CONTACT_POLITICIAN,
                                                      entry["name"]))
    return [{**entry, "units": ", ".join(entry["units"])} for entry in rows]


class RecipientQuerySet(models.QuerySet):
    def unanswered(self):
        return self.filter(answered_at__isnull=True)

    def due_for_reminder(self, now=None):
        """Mailed a week ago or more, not answered, not yet reminded."""
        now = now or timezone.now()
        return self.unanswered().filter(reminded_at__isnull=True, evaluation__sent_at__lte=now - REMIND_AFTER).exclude(
            email="")


class EvaluationRecipient(models.Model):
    class Role(models.TextChoices):
        CONTACT_POLITICIAN = "contact_politician", _("kontaktpolitiker")
        MANAGER = "manager", _("enhetschef")

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="recipients")
    role = models.CharField(_("som"), max_length=30, choices=Role.choices)
    politician = models.ForeignKey("visits.Politician", verbose_name=_("politiker"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("användare"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="evaluation_invitations")
    # As it was when sent.
    name = models.CharField(_("namn"), max_length=200)
    email = models.EmailField(_("e-post"), blank=True)
    units = models.CharField(_("enheter"), max_length=1000, blank=True)
    key = models.CharField(_("nyckel"), max_length=64, unique=True, default=new_key, editable=False)
    mailed = models.BooleanField(_("e-post köad"), default=False)
    reminded_at = models.DateTimeField(_("påmind"), null=True, blank=True)
    answered_at = models.DateTimeField(_("svarade"), null=True, blank=True)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        ordering = ["role", "name"]
        verbose_name = _("mottagare av utvärdering")
        verbose_name_plural = _("mottagare av utvärdering")

    def __str__(self):
        return f"{self.name} ({self.get_role_display()})"

    @property
    def link(self):
        url = self.evaluation.page.get_url() or ""
        if not url.startswith("http"):  # one site: a path below the configured public address
            url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
        return f"{url}?nyckel={self.key}"

    def mail_invitation(self):
        if not self.email:
            return None
        evaluation = self.evaluation
        message = queue_mail([self.email], gettext("Utvärdering av kontaktpolitikerprogrammet %(year)s: %(committee)s")
                             % {"year": evaluation.year, "committee": evaluation.committee.name},
                             gettext(
                                 "Hej!\n\n%(committee)s utvärderar kontaktpolitikerprogrammet för %(year)s. Du får "
                                 "enkäten som %(role)s (%(units)s). Den tar några minuter och du svarar en gång.\n\n"
                                 "Svara här: %(link)s\n\nLänken är personlig. Dela den inte.\n"
                             ) % {"committee": evaluation.committee.name, "year": evaluation.year,
                                  "role": self.get_role_display(), "units": self.units, "link": self.link}
                             + manager_guide_ending(self.role == self.Role.MANAGER))
        return message

    def remind(self, now=None):
        """Queue the one reminder, in the same transaction as its record."""
        now = now or timezone.now()
        evaluation = self.evaluation
        with transaction.atomic():
            claimed = EvaluationRecipient.objects.filter(pk=self.pk, reminded_at__isnull=True,
                                                         answered_at__isnull=True).update(reminded_at=now)
            if not claimed:
                return None
            self.reminded_at = now
            return queue_mail([self.email], gettext("Påminnelse: utvärdering av kontaktpolitikerprogrammet %(year)s")
                              % {"year": evaluation.year},
                              gettext("Hej!\n\nVi har inte fått ditt svar på utvärderingen från %(committee)s. "
                                      "Svara gärna, det tar några minuter: %(link)s\n\nLänken är personlig. "
                                      "Dela den inte.\n")
                              % {"committee": evaluation.committee.name, "link": self.link}
                              + manager_guide_ending(self.role == self.Role.MANAGER))


def send_reminders(now=None):
    """One reminder to each recipient who has not answered a week after the sending; run daily."""
    count = 0
    for recipient in EvaluationRecipient.objects.due_for_reminder(now).select_related("evaluation__committee",
                                                                                     "evaluation__page"):
        if recipient.remind(now):
            count += 1
    return count


class AlreadyAnswered(Exception):
    """The recipient's key is spent: they have answered."""


class EvaluationAnswer(models.Model):
    """One recipient's answer, keyed by the questions of its evaluation (Evaluation.questions)."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.PROTECT, related_name="answers")
    recipient = models.OneToOneField(EvaluationRecipient, on_delete=models.PROTECT, related_name="answer")
    role = models.CharField(_("som"), max_length=30, choices=EvaluationRecipient.Role.choices)
    form_data = models.JSONField(_("svar"), default=dict, encoder=DjangoJSONEncoder)
    submitted_at = models.DateTimeField(_("inskickat"), default=timezone.now)

    class Meta:
        ordering = ["submitted_at", "pk"]
        verbose_name = _("svar på utvärdering")
        verbose_name_plural = _("svar på utvärdering")

    @classmethod
    def submit(cls, recipient, form_data, now=None):
        """Spend the key and store the answer together; a second answer raises AlreadyAnswered."""
        now = now or timezone.now()
        with transaction.atomic():
            # The conditional update is the claim: two tabs posting at once cannot both answer.
            if not EvaluationRecipient.objects.filter(pk=recipient.pk, answered_at__isnull=True).update(
                    answered_at=now):
                raise AlreadyAnswered
            recipient.answered_at = now
            return cls.objects.create(evaluation_id=recipient.evaluation_id, recipient=recipient, role=recipient.role,
                                      form_data=form_data, submitted_at=now)


def invitations_for(user):
    """Unanswered evaluations a logged-in user was sent: Mina sidor shows the link."""
    if user is None or not user.is_authenticated:
        return EvaluationRecipient.objects.none()
    return EvaluationRecipient.objects.unanswered().filter(user=user).select_related(
        "evaluation__committee", "evaluation__page")


__all__ = ["Evaluation", "EvaluationAnswer", "EvaluationFormField", "EvaluationFormPage", "EvaluationRecipient"]
