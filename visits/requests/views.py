"""Visit requests on Mina sidor. Each view finds the object among what the user may see
(404 otherwise), parses the form, calls one model method and renders."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail import hooks

from cms.confirm import confirmation_page, confirmed
from cms.page_views import serves
from cms.private_files import private_file_response
from cms.submissions import RecordSubmissionsListView
from visits.feedback.models import feedback_statistics
from visits.register.documents import UnitDocument
from visits.register.guide import manager_guide
from visits.register.models import Committee, Politician, Unit

from .compensation import ledger_csv, ledger_lines, ledger_xlsx
from .eligibility import (
    current_assignments,
    may_read_unit_documents,
    presidium_committee_ids,
    route_description,
    route_for,
    units_open_to,
)
from .forms import (
    PRESIDIUM_PARAMETER,
    AnswerForm,
    EmptyForm,
    ForwardForm,
    LedgerForm,
    PlanForm,
    ProposeForm,
    ReasonForm,
    ReferForm,
    TimeForm,
    UnitDocumentForm,
    VisitRequestForm,
)
from .models import NotAllowed, TransitionError, VisitRequest
from .notifications import next_step
from .presidium import plan_counts, presidium_plan
from .questions import VisitQuestionsFormPage, accepts_questions, questions_for, questions_page

# url slug -> (model method, form class, success message)
ACTIONS = {
    "forward": ("skicka-vidare", ForwardForm, gettext_lazy("Förfrågan är skickad vidare till ansvarig chef.")),
    "refer": ("till-namndsekreterarna", ReferForm,
              gettext_lazy("Förfrågan är lämnad till nämndsekreterarna. De har fått ett meddelande.")),
    "accept": ("boka", TimeForm, gettext_lazy("Besöket är bokat. Politikerna får ett meddelande.")),
    "propose": ("foresla-tid", ProposeForm, gettext_lazy("Din föreslagna tid är skickad till politikern.")),
    "decline": ("avboj", ReasonForm, gettext_lazy("Besöket är avböjt. Politikern ser ditt skäl.")),
    "accept_proposal": ("godta-tid", EmptyForm, gettext_lazy("Du har godtagit tiden. Besöket är bokat.")),
    "withdraw": ("aterkalla", EmptyForm, gettext_lazy("Förfrågan är återkallad.")),
    "join": ("delta", EmptyForm, gettext_lazy("Du är med på presidiebesöket.")),
    "cancel": ("stall-in", ReasonForm, gettext_lazy("Besöket är inställt.")),
    "mark_held": ("genomfort", EmptyForm, gettext_lazy("Besöket är markerat som genomfört.")),
}
ACTION_BY_SLUG = {slug: name for name, (slug, _form, _message) in ACTIONS.items()}
ACTION_LABELS = {
    "forward": gettext_lazy("Skicka vidare till ansvarig chef"),
    "refer": gettext_lazy("Lämna till nämndsekreterarna"),
    "accept": gettext_lazy("Boka besöket"),
    "propose": gettext_lazy("Föreslå en annan tid"),
    "decline": gettext_lazy("Avböj besöket"),
    "accept_proposal": gettext_lazy("Godta den föreslagna tiden"),
    "withdraw": gettext_lazy("Återkalla förfrågan"),
    "join": gettext_lazy("Delta i presidiebesöket"),
    "cancel": gettext_lazy("Ställ in besöket"),
    "mark_held": gettext_lazy("Markera som genomfört"),
}
SECONDARY_ACTIONS = ("decline", "cancel", "withdraw", "refer")


def visible_visits(user):
    return VisitRequest.objects.visible_to(user).with_related()


def copy_errors(form, error):
    """Put a model ValidationError on the form's fields where they exist."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@login_required
def overview(request):
    user = request.user
    politician = Politician.objects.for_user(user)
    to_decide = VisitRequest.objects.for_manager(user)
    context = {
        "page_title": _("Besök"),
        "politician": politician,
        "assignments": current_assignments(politician).select_related("unit__committee").order_by("unit__name"),
        "my_visits": VisitRequest.objects.involving(politician).with_related().order_by("-created_at", "-pk"),
        "to_decide": to_decide.with_related(),
        "to_forward": VisitRequest.objects.for_head_of_administration(user).with_related(),
        "in_administration": VisitRequest.objects.open_in_administration(user)
        .exclude(pk__in=VisitRequest.objects.for_head_of_administration(user).values("pk")).with_related(),
        "referred": VisitRequest.objects.for_secretaries(user).with_related(),
        "managed": VisitRequest.objects.filter(unit__manager=user)
        .exclude(pk__in=to_decide.values("pk"))
        .with_related()
        .order_by("-created_at", "-pk"),
        "is_manager": Unit.objects.managed_by(user).exists(),
        "is_presidium": politician is not None and presidium_committee_ids(politician).exists(),
    }
    return render(request, "visits/requests/overview.html", context)


@login_required
def new_request(request, unit_slug):
    politician = Politician.objects.for_user(request.user)
    unit = units_open_to(politician).select_related("committee__head_of_administration", "manager").filter(
        slug=unit_slug).first()
    if unit is None:
        raise Http404
    form = VisitRequestForm(request.POST or None, politician=politician, unit=unit,
                            presidium_first=request.GET.get("typ") == PRESIDIUM_PARAMETER)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = VisitRequest.submit(
                politician=politician,
                unit=unit,
                kind=data["kind"],
                wished_times=data["wished_times"],
                purpose=data["purpose"],
                year=data["year"],
                hours=data["hours"],
                companions=list(data["companions"]),
                confirm_unpaid=data["confirm_unpaid"],
                public_invitation=data["public_invitation"],
                invitation_place=data["invitation_place"],
                invitation_topic=data["invitation_topic"],
                invitation_starts_at=data["invitation_starts_at"],
                invitation_ends_at=data["invitation_ends_at"],
                by=request.user,
            )
        except NotAllowed:
            raise Http404
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, _("Din förfrågan är skickad. %(next)s Du får besked med e-post och här.")
                             % {"next": next_step(visit)})
            return redirect("visit_requests:detail", pk=visit.pk)
    route = route_for(unit)
    return render(
        request,
        "visits/requests/request_form.html",
        {"form": form, "unit": unit, "route": route, "route_text": route_description(unit, route),
         "page_title": _("Begär besök på %(unit)s") % {"unit": unit}},
    )


def detail_context(request, visit, bound=None):
    """The visit's page: facts, history, questions and a form for each allowed step."""
    user = request.user
    actions = visit.allowed_actions(user)
    forms = []
    for name in actions:
        slug, form_class, _message = ACTIONS[name]
        form = bound if bound is not None and bound.prefix == name else form_class(prefix=name)
        forms.append({"name": name, "slug": slug, "label": ACTION_LABELS[name], "form": form,
                      "secondary": name in SECONDARY_ACTIONS})
    page = questions_page()
    is_manager = visit.is_manager(user)
    questions = questions_for(visit) if is_manager or visit.is_participant(user) else []
    if is_manager:
        for question in questions:
            question.answer_form = AnswerForm(prefix=f"svar-{question.pk}", initial={"answer": question.answer})
    preparation = visit.is_presidium and may_read_unit_documents(user, visit.unit)
    return {
        "visit": visit,
        "page_title": str(visit),
        "history": visit.history(),
        "actions": forms,
        "questions": questions,
        "is_manager": is_manager,
        "questions_url": page.url_for(visit) if page and visit.is_participant(user) and accepts_questions(visit) else "",
        # What the presidium prepares with (seed 001): the unit's documents and feedback statistics.
        "documents": UnitDocument.objects.latest_per_kind(visit.unit) if preparation else None,
        "statistics": feedback_statistics(unit=visit.unit, year=visit.year) if preparation else None,
        "can_attach": visit.is_presidium and visit.unit.manager_id == user.pk,
        "guide": manager_guide() if is_manager else None,
        # Rooms above this one (reports) add their links, e.g. to write the report.
        "links": [link for links_for in hooks.get_hooks("insyn_visit_links") for link in links_for(visit, user)],
    }


@login_required
def detail(request, pk):
    visit = get_object_or_404(visible_visits(request.user), pk=pk)
    return render(request, "visits/requests/detail.html", detail_context(request, visit))


@login_required
@require_POST
def act(request, pk, action_slug):
    name = ACTION_BY_SLUG.get(action_slug)
    if name is None:
        raise Http404
    visit = get_object_or_404(visible_visits(request.user), pk=pk)
    _slug, form_class, success = ACTIONS[name]
    form = form_class(request.POST, prefix=name)
    if form.is_valid() and name == "withdraw" and not confirmed(request):
        if name not in visit.allowed_actions(request.user):
            raise NotAllowed
        return withdraw_confirmation(request, visit)
    if form.is_valid():
        try:
            getattr(visit, name)(request.user, **form.cleaned_data)
        except TransitionError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("visit_requests:detail", pk=visit.pk)
        except ValidationError as error:
            copy_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("visit_requests:detail", pk=visit.pk)
    if name not in visit.allowed_actions(request.user):
        raise NotAllowed
    return render(request, "visits/requests/detail.html", detail_context(request, visit, bound=form), status=400)


def withdraw_confirmation(request, visit):
    """Withdrawing cannot be undone: the politician says yes once more, knowing what follows."""
    return confirmation_page(
        request,
        title=_("Återkalla förfrågan om att besöka %(unit)s?") % {"unit": visit.unit.name},
        consequences=[
            _("Förfrågan stängs och kan inte öppnas igen. Den som skulle besluta om den får ett meddelande."),
            _("Ett arvoderat besök som förfrågan räknades mot blir ledigt."),
            _("Vill du besöka enheten senare skickar du en ny förfrågan."),
        ],
        button=_("Återkalla förfrågan"),
        cancel_url=reverse("visit_requests:detail", args=[visit.pk]),
        cancel_label=_("Nej, tillbaka till besöket"),
    )


@login_required
@require_POST
def answer(request, pk, question_pk):
    visit = get_object_or_404(visible_visits(request.user), pk=pk)
    question = get_object_or_404(visit.questions.select_related("author__user"), pk=question_pk)
    form = AnswerForm(request.POST, prefix=f"svar-{question.pk}")
    if form.is_valid():
        try:
            question.answer_with(request.user, form.cleaned_data["answer"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Svaret är sparat och skickat till politikern."))
    else:
        messages.error(request, " ".join(form.errors.get("answer", [])))
    return redirect("visit_requests:detail", pk=visit.pk)


# --- presidium visits: the yearly plan and the unit's documents --------------------------


def plan_context(request, committees):
    form = PlanForm(request.GET or None, committees=committees)
    committee, year = form.choice()
    rows = presidium_plan(committee, year)
    return {"form": form, "committee": committee, "year": year, "rows": rows, "counts": plan_counts(rows),
            "this_year": timezone.localdate().year}


@login_required
def presidium_plan_view(request):
    """The presidium's yearly plan on Mina sidor: their committees' units and this year's visit."""
    politician = Politician.objects.for_user(request.user)
    committees = Committee.objects.filter(pk__in=presidium_committee_ids(politician)).order_by("name")
    if politician is None or not committees.exists():
        raise Http404
    context = plan_context(request, committees)
    context["page_title"] = _("Presidiebesök per år")
    return render(request, "visits/requests/presidium_plan.html", context,
                  status=400 if context["form"].errors else 200)


@login_required
def unit_documents(request, unit_slug):
    """The manager attaches the unit's activity plan, budget follow-up and user surveys."""
    unit = get_object_or_404(Unit.objects.managed_by(request.user).select_related("committee"), slug=unit_slug)
    form = UnitDocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            UnitDocument.objects.create(unit=unit, kind=data["kind"], title=data["title"], file=data["file"],
                                        uploaded_by=request.user)
        messages.success(request, _("Dokumentet är bifogat. Presidiet ser det inför sitt besök."))
        return redirect("visit_requests:unit_documents", unit_slug=unit.slug)
    return render(request, "visits/requests/unit_documents.html", {
        "unit": unit, "form": form, "documents": unit.documents.select_related("uploaded_by"),
        "page_title": _("Dokument om %(unit)s") % {"unit": unit.name},
    }, status=400 if form.errors else 200)


@login_required
def document_file(request, pk):
    document = get_object_or_404(UnitDocument.objects.select_related("unit__committee"), pk=pk)
    if not may_read_unit_documents(request.user, document.unit):
        raise Http404
    return private_file_response(document.file, f"{document.kind}-{document.unit.slug}-{document.pk}.pdf",
                                 "application/pdf")


# --- the admin: the compensation ledger and the yearly plan ---------------------------------

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger(request):
    if not request.user.has_perm("visits.view_visitrequest"):
        raise PermissionDenied
    form = LedgerForm(request.GET or None)
    if form.is_valid():
        year, politician = form.cleaned_data["ar"], form.cleaned_data["politiker"]
        lines = ledger_lines(year, politician)
        name = f"arvoden-besok-{year}" + (f"-{politician.slug}" if politician else "")
        if form.cleaned_data["format"] == "csv":
            response = HttpResponse(ledger_csv(lines), content_type="text/csv; charset=utf-8")
            filename = f"{name}.csv"
        else:
            response = HttpResponse(ledger_xlsx(lines), content_type=XLSX_TYPE)
            filename = f"{name}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request,
        "visits/requests/admin_ledger.html",
        {"form": form, "page_title": _("Arvoden för besök")},
        status=400 if form.is_bound else 200,
    )


class QuestionSubmissionsListView(RecordSubmissionsListView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("visit__unit", "visit__requested_by", "author")


@serves(VisitQuestionsFormPage, "submissions_list_view_class")
def question_submissions_list_view_class(page):
    return QuestionSubmissionsListView


def presidium_plan_admin(request):
    """The secretary's yearly plan of presidium visits, per committee."""
    if not request.user.has_perm("visits.view_visitrequest"):
        raise PermissionDenied
    context = plan_context(request, Committee.objects.filter(units__active=True).distinct().order_by("name"))
    context["page_title"] = _("Presidiebesök per år")
    return render(request, "visits/requests/admin_presidium_plan.html", context,
                  status=400 if context["form"].errors else 200)
