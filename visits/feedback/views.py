"""Views for public feedback: the public form (served by FeedbackFormPage), the unit
manager's list and handling page on Mina sidor, and exports that neutralise formulas."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cms import ratelimit, roles
from cms.confirm import confirmation_page, confirmed
from cms.page_views import serves
from cms.submissions import RecordSubmissionsListView

from .forms import AnswerForm, FeedbackFilterForm, StatisticsFilterForm, UnitParameterForm, feedback_form_class
from .models import FeedbackFormPage, FeedbackSubmission, feedback_statistics

SUBMISSION_LIMIT = 10
SUBMISSION_WINDOW = 10 * 60  # seconds


class FeedbackSubmissionsListView(RecordSubmissionsListView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")


@serves(FeedbackFormPage, "submissions_list_view_class")
def submissions_list_view_class(page):
    return FeedbackSubmissionsListView


@serves(FeedbackFormPage, "form_class")
def form_class(page):
    return feedback_form_class(page.get_form_fields())


@serves(FeedbackFormPage, "serve")
def serve_feedback_form(page, request):
    """GET shows the form (unit preselected by `?enhet=`); POST counts against the
    per-address limit, drops bots silently and stores the rest."""
    unknown_unit = False
    if request.method == "POST":
        if not ratelimit.hit(request, "feedback", SUBMISSION_LIMIT, SUBMISSION_WINDOW):
            return TemplateResponse(
                request,
                "visits/feedback/rate_limited.html",
                {"page": page, "minutes": SUBMISSION_WINDOW // 60, "limit": SUBMISSION_LIMIT},
                status=429,
            )
        form = page.get_form(request.POST, page=page, user=request.user)
        if form.is_bot():
            # The bot sees the usual thank-you page; nothing is stored or sent.
            return page.render_landing_page(request, None)
        if form.is_valid():
            return page.render_landing_page(request, page.process_form_submission(form))
    else:
        parameter = UnitParameterForm(request.GET)
        unit = parameter.unit()
        unknown_unit = parameter.unknown()
        form = page.get_form(page=page, user=request.user, initial={"enhet": unit.slug} if unit else {})
    context = page.get_context(request)
    context.update(form=form, unknown_unit=unknown_unit)
    return TemplateResponse(request, page.get_template(request), context)


def _item_for(request, pk):
    """The feedback item if the user handles it; others get a 404, not a hint it exists."""
    item = FeedbackSubmission.objects.for_listing().filter(pk=pk).first()
    if item is None or not item.can_be_handled_by(request.user):
        raise Http404
    return item


@login_required
def feedback_list(request):
    filters = FeedbackFilterForm(request.GET or None)
    items = filters.filter(FeedbackSubmission.objects.handled_by(request.user).for_listing())
    return render(
        request,
        "visits/feedback/list.html",
        {"items": list(items), "filters": filters, "page_title": _("Synpunkter på dina enheter")},
    )


@login_required
def feedback_detail(request, pk, answer_form=None):
    item = _item_for(request, pk)
    return render(
        request,
        "visits/feedback/detail.html",
        {
            "item": item,
            "answer_form": answer_form or AnswerForm(),
            "page_title": str(item),
        },
        status=400 if answer_form is not None else 200,
    )


@login_required
@require_POST
def feedback_answer(request, pk):
    item = _item_for(request, pk)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return feedback_detail(request, pk, answer_form=form)
    try:
        item.give_answer(by=request.user, text=form.cleaned_data["answer"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404
    else:
        messages.success(
            request,
            _("Svaret är sparat och skickas till %(address)s.") % {"address": item.contact}
            if item.contact
            else _("Svaret är sparat. Avsändaren lämnade ingen e-postadress."),
        )
    return redirect("feedback_detail", pk=item.pk)


@login_required
@require_POST
def feedback_close(request, pk):
    item = _item_for(request, pk)
    if item.state == FeedbackSubmission.State.RECEIVED and not confirmed(request):
        # Closed without an answer, the resident never gets one: a closed item cannot be answered.
        return confirmation_page(
            request,
            title=_("Avsluta utan att svara?"),
            consequences=[
                _("Synpunkten har inte besvarats. En avslutad synpunkt kan inte öppnas igen eller besvaras."),
                _("Avsändaren får inget svar från Insyn.") if item.contact else
                _("Avsändaren lämnade ingen e-postadress, så inget svar kan skickas ändå."),
            ],
            button=_("Avsluta synpunkten"),
            cancel_url=reverse("feedback_detail", args=[item.pk]),
            cancel_label=_("Tillbaka till synpunkten"),
        )
    try:
        item.close(by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        raise Http404
    else:
        messages.success(request, _("Synpunkten är avslutad."))
    return redirect("feedback_detail", pk=item.pk)


def statistics_view(request):
    """Synpunktsstatistik in the admin, narrowed by year, committee or unit."""
    if not roles.is_administration(request.user):
        raise PermissionDenied
    form = StatisticsFilterForm(request.GET or None)
    return TemplateResponse(
        request,
        "visits/feedback/statistics_admin.html",
        {"form": form, "statistics": feedback_statistics(**form.statistics_kwargs())},
    )
