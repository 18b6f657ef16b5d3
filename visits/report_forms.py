"""The report form page's request handling and the reading filters.

`serve_report_form` is `VisitReportFormPage.serve`: it validates `?besok=`, finds the
author's draft, saves it, warns about personal data and submits through the model."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Committee, MandatePeriod, Politician, Unit
from .models.reports import ReportLocked, VisitReport
from .models.requests import NotAllowed, TransitionError, VisitRequest
from .models.visit_questions import questions_for
from .personal_data import warnings_for

ACTIONS = ("draft", "submit")
CONFIRM_VALUE = "ja"


def parse_visit_id(raw):
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw) > 12:
        return None
    return int(raw)


def visit_for(request):
    """The held or reported visit named by `?besok=`, or a Swedish problem. 404 when not the user's."""
    pk = parse_visit_id(request.GET.get("besok", ""))
    if pk is None:
        return None, None, _("Länken saknar ett giltigt besök. Öppna rapportformuläret från besökets sida på Mina sidor.")
    politician = Politician.objects.for_user(request.user)
    visit = VisitRequest.objects.involving(politician).with_related().filter(pk=pk).first()
    if visit is None:
        raise Http404
    if visit.state not in (VisitRequest.State.HELD, VisitRequest.State.REPORTED):
        return visit, politician, _(
            "Du kan skriva en rapport när besöket är genomfört. Besöket har status ”%(state)s”."
        ) % {"state": visit.get_state_display()}
    return visit, politician, ""


def answers(page, form):
    names = {field.clean_name for field in page.form_fields.all()}
    return {name: value for name, value in form.cleaned_data.items() if name in names}


def serve_report_form(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    visit, politician, problem = visit_for(request)
    context = page.get_context(request)
    context.update(visit=visit, problem=problem)
    if problem:
        return TemplateResponse(request, page.get_template(request), context, status=400 if visit is None else 200)
    draft = VisitReport.objects.drafts().filter(visit=visit, author=politician).select_related("supersedes").first()
    previous = (draft.supersedes if draft else None) or (
        VisitReport.objects.submitted().filter(visit=visit, author=politician).order_by("-submitted_at").first()
    )
    context.update(draft=draft, previous=previous, questions=[q for q in questions_for(visit)],
                   form_url=page.url_for(visit), warnings=[])
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        form = page.get_form(request.POST, page=page, user=request.user)
        if action == "draft":
            # A draft may be unfinished: nothing is required until it is submitted.
            for field in form.fields.values():
                field.required = False
        if action not in ACTIONS:
            form.add_error(None, _("Välj om du vill spara ett utkast eller skicka in rapporten."))
            status = 400
        elif form.is_valid():
            data = answers(page, form)
            try:
                draft = VisitReport.save_draft(visit=visit, author=politician, page=page, form_data=data)
            except NotAllowed:
                raise Http404
            except TransitionError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(page.url_for(visit))
            if action == "draft":
                messages.success(request, _("Utkastet är sparat. Bara du kan se det."))
                return redirect(page.url_for(visit))
            labels = dict((f.clean_name, f.label) for f in page.form_fields.all())
            warnings = warnings_for([(labels.get(name, name), value) for name, value in data.items()])
            confirmed = request.POST.get("bekrafta", "") == CONFIRM_VALUE
            if warnings and not confirmed:
                context.update(warnings=warnings, draft=draft)
                status = 400
            else:
                try:
                    draft.submit(request.user, confirmed_personal_data=bool(warnings and confirmed))
                except ReportLocked as error:
                    messages.error(request, str(error))
                    return redirect("reports:list")
                messages.success(request, _("Rapporten är inskickad och diarieförd som %(number)s.")
                                 % {"number": draft.registration_number})
                return redirect("reports:detail", pk=draft.pk)
        else:
            status = 400
    else:
        form = page.get_form(initial=draft.form_data if draft else (previous.form_data if previous else None),
                             page=page, user=request.user)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


class ReportFilterForm(forms.Form):
    """The filters of /rapporter/; every value is checked, errors are Swedish."""

    enhet = forms.ModelChoiceField(
        queryset=Unit.objects.order_by("name"), required=False, to_field_name="slug", label=gettext_lazy("Enhet"),
        empty_label=gettext_lazy("Alla enheter"),
        error_messages={"invalid_choice": gettext_lazy("Välj en enhet i listan.")},
    )
    period = forms.ModelChoiceField(
        queryset=MandatePeriod.objects.order_by("-starts_on"), required=False, label=gettext_lazy("Mandatperiod"),
        empty_label=gettext_lazy("Alla perioder"),
        error_messages={"invalid_choice": gettext_lazy("Välj en mandatperiod i listan.")},
    )
    forfattare = forms.ModelChoiceField(
        queryset=Politician.objects.filter(visit_reports__state=VisitReport.State.SUBMITTED).distinct()
        .select_related("party").order_by("last_name", "first_name"),
        required=False, to_field_name="slug", label=gettext_lazy("Skriven av"), empty_label=gettext_lazy("Alla"),
        error_messages={"invalid_choice": gettext_lazy("Välj en politiker i listan.")},
    )
    typ = forms.ChoiceField(
        choices=[("", gettext_lazy("Alla slags besök"))] + list(VisitRequest.Kind.choices), required=False,
        label=gettext_lazy("Slags besök"),
        error_messages={"invalid_choice": gettext_lazy("Välj ett slags besök i listan.")},
    )

    def filter(self, reports):
        data = self.cleaned_data
        if data.get("enhet"):
            reports = reports.filter(visit__unit=data["enhet"])
        if data.get("period"):
            period = data["period"]
            reports = reports.filter(visit__starts_at__date__gte=period.starts_on,
                                     visit__starts_at__date__lte=period.ends_on)
        if data.get("forfattare"):
            reports = reports.filter(author=data["forfattare"])
        if data.get("typ"):
            reports = reports.filter(visit__kind=data["typ"])
        return reports



class SummaryForm(forms.Form):
    """The admin summary's choices: a committee (or all), a year and the output format."""

    namnd = forms.ModelChoiceField(
        queryset=Committee.objects.order_by("name"), required=False, label=gettext_lazy("Nämnd"),
        empty_label=gettext_lazy("Alla nämnder"),
        error_messages={"invalid_choice": gettext_lazy("Välj en nämnd i listan.")},
    )
    ar = forms.IntegerField(
        label=gettext_lazy("År"), min_value=2000, max_value=2100,
        error_messages={"invalid": gettext_lazy("Ange ett år med fyra siffror."),
                        "min_value": gettext_lazy("Ange ett år från 2000."),
                        "max_value": gettext_lazy("Ange ett år före 2100."),
                        "required": gettext_lazy("Ange ett år.")},
    )
    format = forms.ChoiceField(
        label=gettext_lazy("Visa som"), required=False, initial="html",
        choices=[("html", gettext_lazy("Tabell här")), ("xlsx", "Excel (XLSX)"), ("csv", "CSV")],
        error_messages={"invalid_choice": gettext_lazy("Välj tabell, XLSX eller CSV.")},
    )
