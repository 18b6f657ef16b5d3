"""Reports after visits: a form-builder page whose submissions are `VisitReport`s.

A report is a draft (only its author sees it) until it is submitted. Submitting makes it a
public record (allmän handling): in one transaction it gets a registration number per
committee and year from a locked counter row, the visit becomes reported and the mail to
the committee's registry and the unit manager is queued. A submitted report is never
changed or deleted again; a correction is a new report that points to the one it replaces.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.fields import RichTextField

from cms import roles
from cms.page_views import page_view
from cms.translations import localized, localized_url, originals
from visits.register.models import Committee, Membership, Politician
from visits.requests.models import NotAllowed, TransitionError, VisitRequest
from visits.requests.questions import form_questions, labelled_answers, labelled_text


class ReportLocked(PermissionDenied):
    """A submitted report is a public record: it cannot be changed or deleted."""


class AlreadySubmitted(Exception):
    """The form was written before the author's latest submitted report (`report`): a second
    click, a parallel request or another tab. Nothing was saved."""

    def __init__(self, report):
        super().__init__(report)
        self.report = report


# save_draft(corrects=...) when the caller does not know which report the form was written after.
UNCHECKED = object()


class VisitReportFormField(AbstractFormField):
    page = ParentalKey("VisitReportFormPage", on_delete=models.CASCADE, related_name="form_fields")


class VisitReportFormPage(AbstractForm):
    """Editors own the questions; the page is used as `<url>?besok=<visit id>`.
    What it serves is in views.py (registered through cms.page_views)."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link", "ul"])

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Frågor")),
    ]
    subpage_types = []
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "visits/reports/report_form_page.html"
    landing_page_template = "visits/reports/report_form_page.html"

    class Meta:
        verbose_name = _("formulär för besöksrapporter")

    def get_submission_class(self):
        return VisitReport

    def get_submissions_list_view_class(self):
        return page_view(self, "submissions_list_view_class")

    def get_data_fields(self):
        # A submitted report is read from its own copy of the questions, not the form as it reads today.
        return [
            ("submit_time", gettext("Skapad")),
            ("registration_number", gettext("Diarienummer")),
            ("answers_text", gettext("Svar")),
        ]

    def url_for(self, visit):
        return f"{localized_url(self)}?besok={visit.pk}"

    def serve(self, request, *args, **kwargs):
        return page_view(self, "serve", request)

    def labels(self):
        """The questions as the form reads now: what a draft is written against."""
        return form_questions(self.form_fields.all())


class ReportCounter(models.Model):
    """The last registration number used per committee and year; locked while a number is taken."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["committee", "year"], name="report_counter_once")]

    @classmethod
    def take_next(cls, committee, year):
        """Call inside a transaction: the row stays locked until it commits, so no two reports share a number."""
        counter, _created = cls.objects.get_or_create(committee=committee, year=year)
        counter = cls.objects.select_for_update().get(pk=counter.pk)
        cls.objects.filter(pk=counter.pk).update(last_number=models.F("last_number") + 1)
        return counter.last_number + 1


class VisitReportQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(state=VisitReport.State.SUBMITTED)

    def drafts(self):
        return self.filter(state=VisitReport.State.DRAFT)

    def with_related(self):
        return self.select_related(
            "visit__unit__committee", "visit__unit__manager", "visit__requested_by", "author__party", "committee",
            "supersedes", "page",
        )

    def readable_by(self, user, today=None):
        """Submitted reports the user may read, and the user's own drafts. Nobody else's draft, ever."""
        if user is None or not user.is_authenticated:
            return self.none()
        own = Q(author__user=user)
        if roles.is_administration(user):
            return self.filter(Q(state=VisitReport.State.SUBMITTED) | own)
        # The unit's manager, and the head of administration for the administration's units
        # (seed 000: the administration reads every report and summarises them).
        readers = (
            Q(visit__unit__manager=user)
            | Q(visit__responsible_manager=user)
            | Q(visit__unit__committee__head_of_administration=user)
        )
        politician = Politician.objects.for_user(user)
        if politician is not None:
            committees = Membership.objects.current(today).filter(politician=politician).values("committee")
            readers |= Q(committee__in=committees)
        return self.filter((Q(state=VisitReport.State.SUBMITTED) & readers) | own)


class VisitReport(AbstractFormSubmission):
    class State(models.TextChoices):
        DRAFT = "draft", _("utkast")
        SUBMITTED = "submitted", _("inskickad")

    visit = models.ForeignKey(VisitRequest, verbose_name=_("besök"), on_delete=models.PROTECT, related_name="reports")
    author = models.ForeignKey(Politician, verbose_name=_("skriven av"), on_delete=models.PROTECT,
                               related_name="visit_reports")
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.DRAFT, db_index=True)
    committee = models.ForeignKey(Committee, verbose_name=_("nämnd"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="visit_reports",
                                  help_text=_("Sätts när rapporten skickas in."))
    registration_year = models.PositiveIntegerField(_("diarieår"), null=True, blank=True)
    number = models.PositiveIntegerField(_("löpnummer"), null=True, blank=True)
    registration_number = models.CharField(_("diarienummer"), max_length=40, blank=True, db_index=True)
    submitted_at = models.DateTimeField(_("inskickad"), null=True, blank=True, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("inskickad av"), null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")
    supersedes = models.ForeignKey("self", verbose_name=_("rättar"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="corrections")
    personal_data_confirmed = models.BooleanField(_("bekräftat utan personuppgifter"), default=False)
    updated_at = models.DateTimeField(_("ändrad"), default=timezone.now)
    questions = models.JSONField(_("frågorna vid inskickandet"), default=list, blank=True, editable=False,
                                 help_text=_("Frågorna som formuläret hade när rapporten skickades in."))

    objects = VisitReportQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("besöksrapport")
        verbose_name_plural = _("besöksrapporter")
        constraints = [
            models.UniqueConstraint(fields=["committee", "registration_year", "number"],
                                    condition=Q(number__isnull=False), name="report_number_once"),
            models.UniqueConstraint(fields=["visit", "author"], condition=Q(state="draft"), name="report_one_draft"),
        ]

    def __str__(self):
        label = self.registration_number or gettext("utkast")
        return gettext("Rapport %(number)s: %(unit)s") % {"number": label, "unit": self.visit.unit.name}

    @property
    def is_submitted(self):
        return self.state == self.State.SUBMITTED

    def save(self, *args, **kwargs):
        if self.pk and VisitReport.objects.filter(pk=self.pk, state=self.State.SUBMITTED).exists():
            raise ReportLocked(gettext("Rapporten är inskickad och kan inte ändras. Skriv en rättelse i stället."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.pk and VisitReport.objects.filter(pk=self.pk, state=self.State.SUBMITTED).exists():
            raise ReportLocked(gettext("Rapporten är inskickad och kan inte tas bort."))
        return super().delete(*args, **kwargs)

    @property
    def unit_name(self):
        return self.visit.unit.name

    @property
    def kind_label(self):
        return self.visit.get_kind_display()

    @property
    def visit_date(self):
        return timezone.localtime(self.visit.starts_at).date() if self.visit.starts_at else None

    def question_labels(self):
        """A submitted report's own copy of its questions; a draft follows the form as it reads now."""
        return self.questions if self.is_submitted else self.page.specific.labels()

    @property
    def answers_text(self):
        return labelled_text(self.form_data, self.question_labels())

    def labelled_items(self):
        """(question, answer) pairs in the order the questions had."""
        return labelled_answers(self.form_data, self.question_labels())

    def get_data(self):
        data = super().get_data()
        data.update(registration_number=self.registration_number, answers_text=self.answers_text)
        return data

    # --- writing -------------------------------------------------------------------------

    @classmethod
    def save_draft(cls, *, visit, author, page, form_data, corrects=UNCHECKED):
        """Create or update the author's draft for the visit; a draft after a submitted report is a correction.

        `corrects` is the pk of the author's latest submitted report when the form was shown (None: there
        was none). If another has been submitted since, AlreadySubmitted is raised and nothing is saved, so
        one form submitted twice (a double click, parallel requests) files one report."""
        if visit.state not in (VisitRequest.State.HELD, VisitRequest.State.REPORTED):
            raise TransitionError(gettext("Du kan skriva en rapport när besöket är genomfört."))
        if not any(p.pk == author.pk for p in visit.politicians):
            raise NotAllowed(gettext("Bara besökets politiker kan skriva rapporten."))
        with transaction.atomic():
            # One writer per visit at a time (PostgreSQL; SQLite's IMMEDIATE transactions already are):
            # the check below and what follows in the caller's transaction see the same reports.
            VisitRequest.objects.select_for_update().filter(pk=visit.pk).values_list("pk").first()
            previous = (cls.objects.submitted().filter(visit=visit, author=author)
                        .order_by("-submitted_at", "-pk").first())
            if corrects is not UNCHECKED and corrects != (previous.pk if previous else None):
                raise AlreadySubmitted(previous)
            draft = cls.objects.select_for_update().filter(visit=visit, author=author, state=cls.State.DRAFT).first()
            if draft is None:
                draft = cls(visit=visit, author=author, page=page, supersedes=previous)
            draft.form_data = form_data
            draft.page = page
            draft.updated_at = timezone.now()
            draft.save()
        return draft

    def submit(self, by, confirmed_personal_data=False):
        """Make the draft a public record. Raises NotAllowed, TransitionError or ReportLocked."""
        if self.author.user_id != getattr(by, "pk", None):
            raise NotAllowed(gettext("Bara rapportens författare kan skicka in den."))
        now = timezone.now()
        with transaction.atomic():
            visit = VisitRequest.objects.with_related().get(pk=self.visit_id)
            committee = visit.unit.committee
            year = timezone.localdate().year
            number = ReportCounter.take_next(committee, year)
            registration_number = f"{committee.short_name} {year}/{number:04d}"
            # The record keeps the questions as they read now: a later change to the form changes no report.
            questions = form_questions(VisitReportFormField.objects.filter(page_id=self.page_id))
            # The draft state is the condition: a second submit (another tab) gets 0 rows and rolls back the number.
            updated = VisitReport.objects.filter(pk=self.pk, state=self.State.DRAFT).update(
                state=self.State.SUBMITTED, committee=committee, registration_year=year, number=number,
                registration_number=registration_number, submitted_at=now, submitted_by=by, updated_at=now,
                personal_data_confirmed=bool(confirmed_personal_data), questions=questions,
            )
            if not updated:
                raise ReportLocked(gettext("Rapporten är redan inskickad."))
            self.state, self.committee, self.registration_year, self.number = self.State.SUBMITTED, committee, year, number
            self.registration_number, self.submitted_at, self.submitted_by = registration_number, now, by
            self.personal_data_confirmed, self.questions = bool(confirmed_personal_data), questions
            self.visit = visit
            if visit.state == VisitRequest.State.HELD:
                from visits.requests.notifications import muted

                # The report's own mail below tells the manager; the visit's generic one would be a duplicate.
                with muted():
                    visit.mark_reported(by)
            queue_report_mail(self)
        return self


def report_page():
    """The report form in the visitor's language (the Swedish page when it is not translated)."""
    page = originals(VisitReportFormPage.objects.live()).first()
    return localized(page) if page else None


def report_url(report):
    from django.urls import reverse

    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("reports:detail", args=[report.pk])


def report_text(report):
    """The full report as plain text: what the registry files."""
    visit = report.visit
    when = timezone.localtime(visit.starts_at).strftime("%Y-%m-%d %H:%M") if visit.starts_at else ""
    lines = [
        gettext("Diarienummer: %(number)s") % {"number": report.registration_number},
        gettext("Nämnd: %(committee)s") % {"committee": report.committee},
        gettext("Enhet: %(unit)s") % {"unit": visit.unit.name},
        gettext("Besök: %(kind)s %(when)s") % {"kind": visit.get_kind_display(), "when": when},
        gettext("Skriven av: %(name)s") % {"name": report.author.full_name},
    ]
    if report.supersedes_id:
        lines.append(gettext("Rättar: %(number)s") % {"number": report.supersedes.registration_number})
    for label, value in report.labelled_items():
        lines += ["", label, value]
    return "\n".join(lines)


def queue_report_mail(report):
    """The registry gets the full text (it files the record, in Swedish); the manager gets a link
    behind the login, in the language of their account."""
    from cms.mail import queue_mail_in_language
    from visits.register.guide import manager_guide_paragraph
    from visits.requests.notifications import is_muted

    if is_muted():  # the demo builds its reports without mailing anyone
        return
    visit = report.visit
    values = {"number": report.registration_number, "unit": visit.unit.name}
    if report.committee.registry_email:
        queue_mail_in_language([report.committee.registry_email],
                               lambda: (gettext("Besöksrapport %(number)s: %(unit)s") % values, report_text(report)))
    manager = visit.unit.manager
    if manager is not None and manager.email:
        def to_manager():
            body = "\n\n".join(part for part in [
                gettext("Hej!"),
                gettext("En rapport om besöket på %(unit)s är inskickad och diarieförd som %(number)s.") % values,
                gettext("Läs den här:") + "\n" + report_url(report),
                manager_guide_paragraph(),
                gettext("Det här meddelandet skickades automatiskt från Insyn."),
            ])
            return gettext("Rapport om besöket på %(unit)s") % values, body

        queue_mail_in_language([manager], to_manager)


@receiver(pre_delete, sender=VisitReport)
def keep_submitted_reports(sender, instance, **kwargs):
    """Bulk deletes (the admin's form submissions, a deleted page) also stop at a public record."""
    if instance.state == VisitReport.State.SUBMITTED:
        raise ReportLocked(gettext("Rapporten är inskickad och kan inte tas bort."))


__all__ = [
    "AlreadySubmitted",
    "ReportCounter",
    "ReportLocked",
    "VisitReport",
    "VisitReportFormField",
    "VisitReportFormPage",
]
