"""The questionnaire served by EvaluationFormPage (`?nyckel=` is the recipient's personal key) and
the secretary's admin views: send an evaluation, read its results and export them."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from cms import roles
from cms.page_views import serves

from .forms import EvaluationFormBuilder, SendEvaluationForm
from .models import (
    AlreadyAnswered,
    Evaluation,
    EvaluationAnswer,
    EvaluationFormField,
    EvaluationFormPage,
    EvaluationRecipient,
    recipients_for,
    valid_key,
)
from .results import evaluation_results, results_csv, results_xlsx

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@serves(EvaluationFormPage, "form_class")
def form_class(page, fields):
    return EvaluationFormBuilder(fields).get_form_class()


def sent_form(recipient, data=None):
    """The form of the questions as they were sent, not as the page reads today."""
    fields = [EvaluationFormField(**question) for question in recipient.evaluation.questions]
    return EvaluationFormBuilder(fields).get_form_class()(data)


def private(response):
    # A personal link's answer is never kept by a cache, ours or anyone's.
    patch_cache_control(response, private=True, no_store=True)
    return response


@serves(EvaluationFormPage, "serve")
def serve_evaluation(page, request):
    context = page.get_context(request)
    raw = request.GET.get("nyckel", "")
    if not raw:
        if getattr(request, "is_preview", False):
            context.update(form=page.get_form(page=page, user=request.user), preview=True)
        return TemplateResponse(request, page.get_template(request), context)
    recipient = None
    if valid_key(raw):
        recipient = (EvaluationRecipient.objects.select_related("evaluation__committee", "answer")
                     .filter(key=raw, evaluation__page=page).first())
    if recipient is None:
        context["problem"] = _("Länken till enkäten gäller inte. Kontrollera att du har kopierat hela länken från mejlet.")
        return private(TemplateResponse(request, page.get_template(request), context, status=404))
    context["recipient"] = recipient
    if recipient.answered_at:
        return private(TemplateResponse(request, page.get_template(request), context))
    form = sent_form(recipient, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                EvaluationAnswer.submit(recipient, form.cleaned_data)
            except AlreadyAnswered:
                return private(TemplateResponse(request, page.get_template(request), context))
            return private(TemplateResponse(request, page.get_landing_page_template(request), context))
        status = 400
    context["form"] = form
    return private(TemplateResponse(request, page.get_template(request), context, status=status))


# --- admin ---------------------------------------------------------------------------------------


def check_administration(request):
    if not roles.is_administration(request.user):
        raise PermissionDenied


def evaluation_index(request):
    """The evaluations sent, and the sending form: choose, see who it goes to, then send."""
    check_administration(request)
    evaluations = Evaluation.objects.select_related("committee", "sent_by").order_by("-year", "committee__name")
    form = SendEvaluationForm(request.POST or request.GET or None)
    preview, status = None, 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            if request.method == "POST":
                try:
                    evaluation = Evaluation.send(page=data["enkat"], committee=data["namnd"], year=data["ar"],
                                                 by=request.user)
                except ValidationError as error:
                    form.add_error(None, error)
                    status = 400
                else:
                    mailed = evaluation.recipients.filter(mailed=True).count()
                    messages.success(request, _("Utvärderingen är skickad till %(count)d mottagare med e-post.")
                                     % {"count": mailed})
                    return redirect(evaluation)
            preview = recipients_for(data["namnd"], data["ar"])
            if Evaluation.objects.filter(committee=data["namnd"], year=data["ar"]).exists():
                form.add_error(None, _("%(committee)s har redan fått utvärderingen för %(year)s.")
                               % {"committee": data["namnd"].name, "year": data["ar"]})
                preview, status = None, 400
        else:
            status = 400
    return TemplateResponse(request, "visits/evaluation/admin_index.html", {
        "page_title": _("Utvärdering av kontaktpolitiker"), "evaluations": evaluations, "form": form,
        "preview": preview,
    }, status=status)


def evaluation_results_view(request, pk):
    check_administration(request)
    evaluation = get_object_or_404(Evaluation.objects.select_related("committee", "page"), pk=pk)
    results = evaluation_results(evaluation)
    fmt = request.GET.get("format", "")
    name = f"utvardering-{evaluation.committee.slug}-{evaluation.year}"
    if fmt == "csv":
        response = HttpResponse(results_csv(evaluation), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(results_xlsx(evaluation, results), content_type=XLSX_TYPE)
    elif fmt in ("", "html"):
        return TemplateResponse(request, "visits/evaluation/admin_results.html", {
            "page_title": str(evaluation), "evaluation": evaluation, "results": results,
        })
    else:
        return TemplateResponse(request, "visits/evaluation/admin_results.html", {
            "page_title": str(evaluation), "evaluation": evaluation, "results": results,
            "format_error": _("Välj formatet csv eller xlsx."),
        }, status=400)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
