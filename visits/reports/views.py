"""Writing and reading reports. The report form page (`VisitReportFormPage.serve`) validates
`?besok=`, finds the author's draft, saves it, warns about personal data and submits through
the model; /rapporter/ finds reports among what the user may read (404 otherwise)."""

import json
from functools import wraps
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms import roles
from cms.page_views import serves
from cms.submissions import RecordSubmissionsListView
from visits.register.models import Politician
from visits.requests.models import NotAllowed, TransitionError, VisitRequest
from visits.requests.questions import questions_for

from .forms import ReportFilterForm, SummaryForm
from .models import AlreadySubmitted, ReportLocked, VisitReport, VisitReportFormPage, report_page
from .personal_data import warnings_for
from .summary import report_summary, summary_csv, summary_headings, summary_xlsx

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


def parse_corrects(raw):
    """The hidden `rattar` field: the report the form was written after ("" for none). Anything
    else matches no report, so the form counts as out of date."""
    if raw in (None, ""):
        return None
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 12 else -1


def same_answers(data, report):
    return report is not None and json.loads(json.dumps(data, cls=DjangoJSONEncoder)) == report.form_data


def latest_submitted(visit, politician):
    return (VisitReport.objects.submitted().filter(visit=visit, author=politician)
            .order_by("-submitted_at", "-pk").first())


@serves(VisitReportFormPage, "submissions_list_view_class")
def submissions_list_view_class(page):
    return RecordSubmissionsListView


@serves(VisitReportFormPage, "serve")
def serve_report_form(page, request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    visit, politician, problem = visit_for(request)
    context = page.get_context(request)
    context.update(visit=visit, problem=problem)
    if problem:
        return TemplateResponse(request, page.get_template(request), context, status=400 if visit is None else 200)
    draft = VisitReport.objects.drafts().filter(visit=visit, author=politician).select_related("supersedes").first()
    previous = latest_submitted(visit, politician)
    context.update(draft=draft, previous=previous, questions=questions_for(visit), form_url=page.url_for(visit),
                   warnings=[], corrects=previous.pk if previous else "")
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        corrects = parse_corrects(request.POST.get("rattar"))
        context["corrects"] = request.POST.get("rattar", "")
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
            status = 400  # the form again, with the personal-data warning, unless write_report answers
            try:
                response = write_report(request, page, visit, politician, data, action, corrects, context)
            except AlreadySubmitted as error:
                if same_answers(data, error.report):
                    # A second click, or the same form sent twice at once: the report is already filed.
                    messages.info(request, _("Rapporten är redan inskickad och diarieförd som %(number)s.")
                                  % {"number": error.report.registration_number})
                    return redirect("reports:detail", pk=error.report.pk)
                # Written before the latest report was filed (another tab): keep the text, say what happened.
                form.add_error(None, stale_message(error.report))
                context.update(previous=error.report, corrects=error.report.pk if error.report else "")
                response, status = None, 409
            if response is not None:
                return response
        else:
            status = 400
    else:
        form = page.get_form(initial=draft.form_data if draft else (previous.form_data if previous else None),
                             page=page, user=request.user)
    context["form"] = form
    return TemplateResponse(request, page.get_template(request), context, status=status)


def stale_message(report):
    if report is None:
        return _("Formuläret var inaktuellt. Dina svar finns kvar nedan: spara eller skicka in igen.")
    return _("Rapporten skickades redan in som %(number)s från ett annat fönster. Dina svar finns kvar nedan: "
             "skickar du in dem blir de en rättelse av %(number)s.") % {"number": report.registration_number}


def write_report(request, page, visit, politician, data, action, corrects, context):
    """Save the draft and, for "submit", file it: one transaction, so parallel posts of one form
    wait for each other and the later ones find the report filed (AlreadySubmitted).
    Returns the response, or None to show the form again with the warnings put in `context`."""
    with transaction.atomic():
        try:
            draft = VisitReport.save_draft(visit=visit, author=politician, page=page, form_data=data,
                                           corrects=corrects)
        except NotAllowed:
            raise Http404
        except TransitionError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(page.url_for(visit))
        if action == "draft":
            messages.success(request, _("Utkastet är sparat. Bara du kan se det."))
            return redirect(page.url_for(visit))
        labels = dict(page.labels())
        warnings = warnings_for([(labels.get(name, name), value) for name, value in data.items()])
        confirmed = request.POST.get("bekrafta", "") == CONFIRM_VALUE
        if warnings and not confirmed:
            context.update(warnings=warnings, draft=draft)
            return None
        try:
            draft.submit(request.user, confirmed_personal_data=bool(warnings and confirmed))
        except ReportLocked as error:
            messages.error(request, str(error))
            return redirect("reports:list")
    messages.success(request, _("Rapporten är inskickad och diarieförd som %(number)s.")
                     % {"number": draft.registration_number})
    return redirect("reports:detail", pk=draft.pk)


def members_only(view):
    """Reports are public records only once requested from the registry: to an anonymous
    visitor /rapporter/ does not exist (404, whose page offers the login)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def readable(user):
    return VisitReport.objects.readable_by(user).with_related()


@members_only
def report_list(request):
    form = ReportFilterForm(request.GET or None)
    reports = readable(request.user).submitted().order_by("-submitted_at", "-pk")
    status = 200
    if form.is_bound:
        if form.is_valid():
            reports = form.filter(reports)
        else:
            reports, status = reports.none(), 400
    return render(request, "visits/reports/list.html",
                  {"form": form, "reports": reports, "page_title": _("Besöksrapporter")}, status=status)


def report_detail(request, pk):
    # A link in a mail (to the unit manager) must lead a logged-out reader to the login and back,
    # for any number alike, so the answer says nothing about which reports exist.
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
    report = get_object_or_404(readable(request.user), pk=pk)
    page = report_page()
    is_author = report.author.user_id == request.user.pk
    return render(request, "visits/reports/detail.html", {
        "report": report,
        "items": report.labelled_items(),
        "corrections": report.corrections.filter(state=VisitReport.State.SUBMITTED).order_by("submitted_at"),
        "correct_url": page.url_for(report.visit) if page and is_author and report.is_submitted else "",
        "edit_url": page.url_for(report.visit) if page and is_author and not report.is_submitted else "",
        "page_title": str(report),
    })


def summary_admin(request):
    """The admin's summary per committee and year, as a table or an XLSX/CSV file."""

    if not (request.user.has_perm("visits.view_visitreport") or roles.is_administration(request.user)):
        raise PermissionDenied
    params = request.GET.copy() if request.GET else {"ar": timezone.localdate().year}
    # The printable page is one more format; the shared form knows only table, XLSX and CSV.
    printable = params.get("format") == "print"
    if printable:
        params.pop("format")
    form = SummaryForm(params)
    if not form.is_valid():
        return render(request, "visits/reports/summary_admin.html",
                      {"form": form, "page_title": _("Sammanställning av besök och rapporter")}, status=400)
    data = form.cleaned_data
    summary = report_summary(data["ar"], data["namnd"])
    if data["format"] in ("csv", "xlsx"):
        return summary_download(summary, data)
    print_query = {"ar": data["ar"], "format": "print"}
    if data["namnd"]:
        print_query["namnd"] = data["namnd"].pk
    context = {
        "form": form, "summary": summary, "headings": summary_headings(),
        "page_title": _("Sammanställning av besök och rapporter"), "now": timezone.localtime(),
        "print_query": urlencode(print_query),
    }
    template = "visits/reports/summary_print.html" if printable else "visits/reports/summary_admin.html"
    return render(request, template, context)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def summary_download(summary, data):
    name = f"besoksrapporter-{data['ar']}" + (f"-{data['namnd'].slug}" if data["namnd"] else "")
    if data["format"] == "csv":
        response = HttpResponse(summary_csv(summary), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(summary_xlsx(summary), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{data["format"]}"'
    return response


@members_only
def summary_page(request):
    """The summary of their administration for a head of administration, on the site (the
    secretaries have it in the admin): one of the committees they head, and a year."""
    committees = request.user.administered_committees.order_by("name")
    if not committees.exists():
        raise Http404
    params = request.GET.copy()
    params.setdefault("ar", str(timezone.localdate().year))
    params.setdefault("namnd", str(committees.first().pk))
    form = SummaryForm(params, committees=committees)
    context = {"form": form, "page_title": _("Sammanställning av besök och rapporter")}
    if not form.is_valid():
        return render(request, "visits/reports/summary_page.html", context, status=400)
    data = form.cleaned_data
    summary = report_summary(data["ar"], data["namnd"])
    if data["format"] in ("csv", "xlsx"):
        return summary_download(summary, data)
    context.update(summary=summary, headings=summary_headings(), now=timezone.localtime())
    return render(request, "visits/reports/summary_page.html", context)
