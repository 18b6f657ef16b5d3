"""Questions sent ahead of a visit: a form-builder page whose submissions belong to a visit
and its author, and which the unit manager answers on the visit's page."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models.signals import pre_delete
from django.dispatch import receiver
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.forms.models import AbstractForm, AbstractFormField, AbstractFormSubmission
from wagtail.fields import RichTextField

from cms.page_views import page_view
from cms.translations import localized, localized_url, originals
from visits.register.models import Politician

from .models import NotAllowed, VisitRequest

ANSWER_MAX_LENGTH = 1000


def form_questions(fields):
    """The copy of a form's questions a record keeps when it is sent: [[clean_name, label], ...]
    in the form's order. A later change to the form changes no record made before it."""
    return [[field.clean_name, field.label] for field in fields.order_by("sort_order", "pk")]


def labelled_answers(form_data, labels):
    """(label, answer) pairs in the form's field order, empty answers left out; `labels` is
    [(clean_name, label), ...]. A plain function so summaries need no model instance per row."""
    items = []
    for clean_name, label in labels:
        value = form_data.get(clean_name)
        if value in (None, "", []):
            continue
        items.append((label, ", ".join(value) if isinstance(value, list) else str(value)))
    return items


def labelled_text(form_data, labels):
    """The answers as one text ("question: answer" blocks), for exports and listings."""
    return "\n\n".join(f"{label}: {value}" for label, value in labelled_answers(form_data, labels))


class VisitQuestionsFormField(AbstractFormField):
    page = ParentalKey("VisitQuestionsFormPage", on_delete=models.CASCADE, related_name="form_fields")


class VisitQuestionsFormPage(AbstractForm):
    """Editors own the wording; the page is used as `<url>?besok=<visit id>`."""

    intro = RichTextField(_("ingress"), blank=True, features=["bold", "italic", "link", "ul"])
    thank_you_text = RichTextField(_("tack-text"), blank=True, features=["bold", "italic", "link"])

    content_panels = AbstractForm.content_panels + [
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Frågor")),
        FieldPanel("thank_you_text"),
    ]
    subpage_types = []
    parent_page_types = ["home.HomePage"]
    max_count = 1
    template = "visits/requests/visit_questions_form_page.html"
    landing_page_template = "visits/requests/visit_questions_form_page_landing.html"

    class Meta:
        verbose_name = _("formulär för frågor inför besök")

    def get_submission_class(self):
        return VisitQuestion

    def get_submissions_list_view_class(self):
        return page_view(self, "submissions_list_view_class")

    def get_data_fields(self):
        # Each row carries the questions as they were sent, not the form as it reads today.
        return [
            ("submit_time", gettext("Skickad")),
            ("visit", gettext("Besök")),
            ("author", gettext("Skickat av")),
            ("questions_text", gettext("Frågor")),
            ("answer", gettext("Svar från enheten")),
        ]

    def url_for(self, visit):
        return f"{localized_url(self)}?besok={visit.pk}"

    def _visit_for(self, request):
        """The visit named by `?besok=`, or a Swedish problem to show. 404 for what the user may not see."""
        raw = request.GET.get("besok", "")
        if not raw.isascii() or not raw.isdigit() or len(raw) > 12:
            return None, None, gettext(
                "Länken saknar ett giltigt besök. Öppna frågeformuläret från besökets sida på Mina sidor."
            )
        politician = Politician.objects.for_user(request.user)
        visit = VisitRequest.objects.involving(politician).with_related().filter(pk=int(raw)).first()
        if visit is None:
            raise Http404
        if not accepts_questions(visit):
            return visit, politician, gettext(
                "Frågor kan skickas till ett bokat besök fram till att det börjar. Det här besöket har status "
                "”%(state)s”."
            ) % {"state": visit.get_state_display()}
        return visit, politician, ""

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        visit, politician, problem = self._visit_for(request)
        context = self.get_context(request)
        context.update(visit=visit, problem=problem)
        if problem:
            status = 400 if visit is None else 200
            return TemplateResponse(request, self.get_template(request), context, status=status)
        form = self.get_form(request.POST if request.method == "POST" else None, page=self, user=request.user)
        if request.method == "POST" and form.is_valid():
            form.visit, form.politician = visit, politician
            submission = self.process_form_submission(form)
            return self.render_landing_page(request, submission)
        context["form"] = form
        return TemplateResponse(request, self.get_template(request), context)

    def process_form_submission(self, form):
        from .notifications import notify_step

        with transaction.atomic():
            submission = VisitQuestion.objects.create(
                form_data=form.cleaned_data, page=self, visit=form.visit, author=form.politician
            )
            notify_step("question", form.visit, actor=form.politician.user)
        return submission

    def render_landing_page(self, request, form_submission=None, *args, **kwargs):
        response = super().render_landing_page(request, form_submission, *args, **kwargs)
        response.context_data["visit"] = getattr(form_submission, "visit", None)
        return response


class QuestionLocked(PermissionDenied):
    """Questions sent ahead are records: nobody deletes them."""


class VisitQuestion(AbstractFormSubmission):
    """One politician's questions for one visit, and the manager's short answer. The questions
    are copied from the form when they are sent (`questions`) and read from that copy after."""

    visit = models.ForeignKey(VisitRequest, verbose_name=_("besök"), on_delete=models.CASCADE, related_name="questions")
    author = models.ForeignKey(
        Politician, verbose_name=_("skickat av"), on_delete=models.PROTECT, related_name="visit_questions"
    )
    answer = models.TextField(_("svar"), blank=True, max_length=ANSWER_MAX_LENGTH)
    answered_at = models.DateTimeField(_("besvarad"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("besvarad av"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    questions = models.JSONField(_("frågorna när de skickades"), default=list, blank=True, editable=False)

    class Meta:
        ordering = ["submit_time", "pk"]
        verbose_name = _("fråga inför besök")
        verbose_name_plural = _("frågor inför besök")

    @property
    def is_answered(self):
        return self.answered_at is not None

    def save(self, *args, **kwargs):
        if self._state.adding and not self.questions and self.page_id:
            self.questions = form_questions(VisitQuestionsFormField.objects.filter(page_id=self.page_id))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise QuestionLocked(gettext("Frågor som skickats inför ett besök kan inte tas bort."))

    def labelled_items(self):
        return labelled_answers(self.form_data, self.questions)

    def get_data(self):
        data = super().get_data()
        data.update(visit=str(self.visit), author=self.author.full_name,
                    questions_text=labelled_text(self.form_data, self.questions), answer=self.answer)
        return data

    def answer_with(self, by, text):
        from .notifications import notify_step, politician_address

        if not self.visit.is_manager(by):
            raise NotAllowed(gettext("Bara enhetens chef kan besvara frågorna."))
        text = (text or "").strip()
        if not text:
            raise ValidationError({"answer": gettext("Skriv ett kort svar.")})
        if len(text) > ANSWER_MAX_LENGTH:
            raise ValidationError({"answer": gettext("Svaret får vara högst %(max)s tecken.") % {"max": ANSWER_MAX_LENGTH}})
        now = timezone.now()
        with transaction.atomic():
            VisitQuestion.objects.filter(pk=self.pk).update(answer=text, answered_at=now, answered_by=by)
            self.answer, self.answered_at, self.answered_by = text, now, by
            notify_step("answered", self.visit, actor=by, recipients=[politician_address(self.author)])
        return self


def accepts_questions(visit, now=None):
    return visit.state == VisitRequest.State.ACCEPTED and visit.starts_at > (now or timezone.now())


def questions_for(visit):
    """The visit's questions with `items` (label, value) as they were sent, in one query."""
    questions = list(visit.questions.select_related("author", "answered_by").order_by("submit_time", "pk"))
    for question in questions:
        question.items = question.labelled_items()
    return questions


def unanswered_questions(visit):
    """What the report form shows again: questions the unit has not answered."""
    return [question for question in questions_for(visit) if not question.is_answered]


def questions_page():
    """The questions form in the visitor's language (the Swedish page when it is not translated)."""
    page = originals(VisitQuestionsFormPage.objects.live()).first()
    return localized(page) if page else None


@receiver(pre_delete, sender=VisitQuestion)
def keep_questions(sender, instance, **kwargs):
    """Bulk deletes (Wagtail's form submissions view, a deleted page or visit) stop here too."""
    raise QuestionLocked(gettext("Frågor som skickats inför ett besök kan inte tas bort."))


__all__ = [
    "QuestionLocked",
    "VisitQuestion",
    "VisitQuestionsFormField",
    "VisitQuestionsFormPage",
    "accepts_questions",
    "questions_for",
    "unanswered_questions",
]
