"""Public feedback (synpunkter): a form page editors word, a submission model that ties
each item to a unit and walks it through received → answered → closed."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.db.models.functions import ExtractYear
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField

from cms import roles
from cms.mail import queue_mail_in_language
from cms.page_views import page_view
from cms.translations import localized_full_url, originals
from visits.register.guide import manager_guide_ending
from visits.register.models import Unit
from visits.register.pages import UnitIndexPage

# These keys belong to the fixed part of the form and are stored in columns, not form_data.
FIXED_FIELDS = ("enhet", "typ", "text", "namn", "kontakt", "webbplats")


class FeedbackFormField(AbstractFormField):
    page = ParentalKey("FeedbackFormPage", on_delete=models.CASCADE, related_name="form_fields")


class FeedbackFormPage(AbstractForm):
    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link"])
    public_record_notice = RichTextField(
        _("om allmän handling"),
        features=["bold", "italic", "link"],
        default="<p>Det du skickar blir en allmän handling. Vem som helst kan begära att få läsa den. "
        "Skriv inte personnummer eller uppgifter om hälsa, och inte om andra personer.</p>",
        help_text=_("Visas ovanför knappen. Säg att det som skickas blir en allmän handling."),
    )
    thank_you_text = RichTextField(_("tack-text"), blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractForm.content_panels + [
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Extra frågor")),
        FieldPanel("public_record_notice"),
        FieldPanel("thank_you_text"),
    ]
    subpage_types = []
    max_count = 1
    template = "visits/feedback/feedback_form_page.html"
    landing_page_template = "visits/feedback/feedback_form_page_landing.html"

    class Meta:
        verbose_name = _("formulär för synpunkter")

    def get_form_class(self):
        return page_view(self, "form_class")

    def get_submission_class(self):
        return FeedbackSubmission

    def get_submissions_list_view_class(self):
        return page_view(self, "submissions_list_view_class")

    def get_data_fields(self):
        return [
            ("submit_time", gettext("Inkom")),
            ("unit", gettext("Enhet")),
            ("kind", gettext("Typ")),
            ("text", gettext("Synpunkt")),
            ("name", gettext("Namn")),
            ("contact", gettext("E-post")),
            ("state", gettext("Status")),
        ] + [(field.clean_name, field.label) for field in self.get_form_fields()]

    def process_form_submission(self, form):
        return FeedbackSubmission.receive(page=self, data=form.cleaned_data)

    def serve(self, request, *args, **kwargs):
        return page_view(self, "serve", request)

    def unit_link(self, unit):
        return f"{self.url}?enhet={unit.slug}"


class FeedbackQuerySet(models.QuerySet):
    def for_listing(self):
        return self.select_related("unit__committee", "answered_by", "closed_by")

    def handled_by(self, user):
        """Items a unit manager handles on Mina sidor: those about the units they lead."""
        if user is None or not user.is_authenticated:
            return self.none()
        return self.filter(unit__manager=user)

    def open(self):
        return self.exclude(state=FeedbackSubmission.State.CLOSED)

    def statistics(self):
        """Counts per unit, year and kind ("synpunktsstatistik"), one row each."""
        return (
            self.annotate(year=ExtractYear("submit_time"))
            .values("unit_id", "unit__name", "year", "kind")
            .annotate(count=Count("id"))
            .order_by("unit__name", "-year", "kind")
        )


class FeedbackSubmission(AbstractFormSubmission):
    class Kind(models.TextChoices):
        PRAISE = "beröm", _("beröm")
        COMPLAINT = "klagomål", _("klagomål")
        SUGGESTION = "förslag", _("förslag")
        QUESTION = "fråga", _("fråga")

    class State(models.TextChoices):
        RECEIVED = "received", _("mottagen")
        ANSWERED = "answered", _("besvarad")
        CLOSED = "closed", _("avslutad")

    unit = models.ForeignKey(
        Unit, verbose_name=_("enhet"), null=True, blank=True, on_delete=models.SET_NULL, related_name="feedback"
    )
    kind = models.CharField(_("typ"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("synpunkt"))
    name = models.CharField(_("namn"), max_length=200, blank=True)
    contact = models.EmailField(_("e-post för svar"), blank=True)
    # The language of the form the sender used: the answer is mailed in it.
    language = models.CharField(_("språk"), max_length=10, default=settings.LANGUAGE_CODE, editable=False)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.RECEIVED)
    answer = models.TextField(_("svar"), blank=True)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besvarad av"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    closed_at = models.DateTimeField(_("avslutad"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("avslutad av"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-submit_time"]
        verbose_name = _("synpunkt")
        verbose_name_plural = _("synpunkter")

    def __str__(self):
        where = self.unit.name if self.unit_id else gettext("ingen enhet")
        return f"{self.get_kind_display().capitalize()} {self.submit_time:%Y-%m-%d} ({where})"

    @classmethod
    def receive(cls, page, data):
        """Store a submission from the public form and tell whoever handles it, in one transaction."""
        extra = {key: value for key, value in data.items() if key not in FIXED_FIELDS}
        with transaction.atomic():
            item = cls.objects.create(
                page=page,
                form_data=extra,
                unit=data.get("enhet"),
                kind=data["typ"],
                text=data["text"],
                name=data.get("namn", ""),
                contact=data.get("kontakt", ""),
                language=translation.get_language(),
            )
            queue_mail_in_language(item.handler_addresses(), item.notice_for_handlers)
            if item.contact:
                # The receipt goes out in the language the resident wrote in.
                queue_mail_in_language([(item.contact, item.language)], item.receipt_message,
                                       reply_to=item.unit.public_email if item.unit_id else "")
        return item

    def notice_for_handlers(self):
        """(subject, body) of the mail that tells the handlers, in the active language."""
        subject = gettext("Ny synpunkt: %(title)s") % {"title": self}
        body = gettext(
            "En ny synpunkt har kommit in via webbplatsen.\n\nTyp: %(kind)s\nEnhet: %(unit)s\n\n%(text)s\n\n"
            "Hantera den här: %(url)s\n"
        ) % {
            "kind": self.get_kind_display(),
            "unit": self.unit.name if self.unit_id else gettext("ingen vald"),
            "text": self.text,
            "url": self.handling_url(),
        }
        return subject, body + manager_guide_ending(bool(self.unit_id and self.unit.manager_id))  # issue 14

    def receipt_message(self):
        """The receipt to a resident who left an address: received, who answers, and where to read
        more. It never repeats the text, so the form cannot be used to send someone a message."""
        directory = originals(UnitIndexPage.objects.live().public()).first()
        if self.unit_id and directory is not None:
            url = localized_full_url(directory) + directory.reverse_subpage("unit", kwargs={"slug": self.unit.slug})
        else:
            url = localized_full_url(self.page.specific) if self.page_id else ""
        if self.unit_id and self.unit.manager_id:
            handler = gettext("%(role)s för %(unit)s") % {"role": capfirst(self.unit.manager_role), "unit": self.unit.name}
        else:
            handler = gettext("Kommunens nämndsekreterare")
        where = self.unit.name if self.unit_id else gettext("kommunen")
        subject = gettext("Vi har tagit emot din synpunkt")
        body = gettext(
            "Hej!\n\nTack för din synpunkt (%(kind)s) om %(where)s. Den kom in %(date)s och är en allmän handling.\n\n"
            "Vad händer nu: %(handler)s läser synpunkten och svarar dig på den här adressen. Du behöver inte göra "
            "något mer.\n\nMer om %(where)s: %(url)s\n\n"
            "Har du inte lämnat någon synpunkt kan du bortse från det här mejlet.\n"
        ) % {
            "kind": self.get_kind_display(),
            "where": where,
            "date": timezone.localtime(self.submit_time).strftime("%Y-%m-%d %H:%M"),
            "handler": handler,
            "url": url,
        }
        return subject, body

    def handler_addresses(self):
        """The unit manager, or the administration (secretaries) when no unit or manager is set: their
        accounts, so each is mailed in its own language."""
        if self.unit_id and self.unit.manager_id and self.unit.manager.email:
            return [self.unit.manager]
        User = get_user_model()
        return list(User.objects.filter(is_active=True, groups__name=roles.SECRETARIES).exclude(email=""))

    def handling_url(self):
        if self.unit_id and self.unit.manager_id:
            path = reverse("feedback_detail", args=[self.pk])
        else:
            path = reverse("feedback_admin:edit", args=[self.pk])
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path

    def can_be_handled_by(self, user):
        if user is None or not user.is_authenticated:
            return False
        if self.unit_id and self.unit.manager_id == user.pk:
            return True
        return roles.is_administration(user)

    def _check(self, by, allowed_states):
        if not self.can_be_handled_by(by):
            raise PermissionDenied
        if self.state not in allowed_states:
            raise ValidationError(
                gettext("Synpunkten är redan %(state)s.") % {"state": self.get_state_display()}
            )

    def give_answer(self, by, text):
        """received → answered; the answer goes to the sender when they left an address."""
        text = (text or "").strip()
        if not text:
            raise ValidationError(gettext("Skriv ett svar."))
        self._check(by, [self.State.RECEIVED])
        now = timezone.now()
        with transaction.atomic():
            # The conditional update is the check: two people cannot both answer.
            changed = type(self).objects.filter(pk=self.pk, state=self.State.RECEIVED).update(
                state=self.State.ANSWERED, answer=text, answered_at=now, answered_by=by
            )
            if not changed:
                raise ValidationError(gettext("Synpunkten har redan besvarats."))
            self.state, self.answer, self.answered_at, self.answered_by = self.State.ANSWERED, text, now, by
            if self.contact:
                def compose():
                    who = self.unit.name if self.unit_id else gettext("kommunen")
                    return gettext("Svar på din synpunkt"), gettext(
                        "Hej!\n\nTack för din synpunkt. Här är svaret från %(who)s:\n\n%(answer)s\n\n"
                        "Du skrev:\n%(text)s\n"
                    ) % {"who": who, "answer": text, "text": self.text}

                # The sender gets the answer in the language they wrote in.
                queue_mail_in_language([(self.contact, self.language)], compose,
                                       reply_to=self.unit.public_email if self.unit_id else "")

    def close(self, by):
        """received or answered → closed."""
        self._check(by, [self.State.RECEIVED, self.State.ANSWERED])
        now = timezone.now()
        with transaction.atomic():
            changed = (
                type(self)
                .objects.filter(pk=self.pk, state__in=[self.State.RECEIVED, self.State.ANSWERED])
                .update(state=self.State.CLOSED, closed_at=now, closed_by=by)
            )
            if not changed:
                raise ValidationError(gettext("Synpunkten är redan avslutad."))
            self.state, self.closed_at, self.closed_by = self.State.CLOSED, now, by

    def extra_answers(self):
        """Answers to the questions editors added, as (label, value) in the form's order."""
        page = self.page.specific if self.page_id else None
        fields = list(page.get_form_fields()) if isinstance(page, FeedbackFormPage) else []
        labels = {field.clean_name: field.label for field in fields}
        answers = []
        for key, value in self.form_data.items():
            if value in ("", None, []):
                continue
            answers.append((labels.get(key, key), ", ".join(map(str, value)) if isinstance(value, list) else value))
        return answers

    def get_data(self):
        data = super().get_data()
        data.update(
            unit=self.unit.name if self.unit_id else "",
            kind=self.get_kind_display(),
            text=self.text,
            name=self.name,
            contact=self.contact,
            state=self.get_state_display(),
        )
        return data


def feedback_statistics(unit=None, committee=None, year=None):
    """Synpunktsstatistik for the presidium visit's preparation: rows of unit, year, kind and
    count, plus totals per kind. Narrow by unit, committee and/or year."""
    items = FeedbackSubmission.objects.all()
    if unit is not None:
        items = items.filter(unit=unit)
    if committee is not None:
        items = items.filter(unit__committee=committee)
    if year is not None:
        items = items.filter(submit_time__year=year)
    rows = list(items.statistics())
    labels = dict(FeedbackSubmission.Kind.choices)
    totals = {kind: 0 for kind in FeedbackSubmission.Kind.values}
    for row in rows:
        row["kind_label"] = labels.get(row["kind"], row["kind"])
        totals[row["kind"]] = totals.get(row["kind"], 0) + row["count"]
    return {
        "rows": rows,
        "totals": [{"kind": kind, "label": labels[kind], "count": totals[kind]} for kind in labels],
        "total": sum(totals.values()),
    }


@receiver(pre_delete, sender=FeedbackSubmission)
def keep_feedback(sender, instance, **kwargs):
    """Received feedback is a public record: Wagtail's form submissions view (and deleting the
    form page) would otherwise remove it."""
    raise PermissionDenied(gettext("Synpunkter är allmänna handlingar och kan inte tas bort."))


__all__ = ["FeedbackFormField", "FeedbackFormPage", "FeedbackSubmission", "feedback_statistics"]
