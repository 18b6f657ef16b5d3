"""Reading reports at /rapporter/: plain views that find reports among what the user may
read (404 otherwise), validate the filters and render."""

from urllib.parse import urlencode

from functools import wraps

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models.reports import VisitReport, report_page
from .report_forms import ReportFilterForm


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
    return render(request, "visits/report_list.html",
                  {"form": form, "reports": reports, "page_title": _("Besöksrapporter")}, status=status)


@members_only
def report_detail(request, pk):
    report = get_object_or_404(readable(request.user), pk=pk)
    page = report_page()
    is_author = report.author.user_id == request.user.pk
    return render(request, "visits/report_detail.html", {
        "report": report,
        "items": report.labelled_items(),
        "corrections": report.corrections.filter(state=VisitReport.State.SUBMITTED).order_by("submitted_at"),
        "correct_url": page.url_for(report.visit) if page and is_author and report.is_submitted else "",
        "edit_url": page.url_for(report.visit) if page and is_author and not report.is_submitted else "",
        "page_title": str(report),
    })


def summary_admin(request):
    """The admin's summary per committee and year, as a table or an XLSX/CSV file."""
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponse
    from django.utils import timezone

    from .models.report_summary import report_summary, summary_csv, summary_headings, summary_xlsx
    from .models.reports import is_administration
    from .report_forms import SummaryForm

    if not (request.user.has_perm("visits.view_visitreport") or is_administration(request.user)):
        raise PermissionDenied
    params = request.GET.copy() if request.GET else {"ar": timezone.localdate().year}
    # The printable page is one more format; the shared form knows only table, XLSX and CSV.
    printable = params.get("format") == "print"
    if printable:
        params.pop("format")
    form = SummaryForm(params)
    if not form.is_valid():
        return render(request, "visits/report_summary_admin.html",
                      {"form": form, "page_title": _("Sammanställning av besök och rapporter")}, status=400)
    data = form.cleaned_data
    summary = report_summary(data["ar"], data["namnd"])
    name = f"besoksrapporter-{data['ar']}" + (f"-{data['namnd'].slug}" if data["namnd"] else "")
    if data["format"] in ("csv", "xlsx"):
        if data["format"] == "csv":
            response = HttpResponse(summary_csv(summary), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(summary_xlsx(summary), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{name}.{data["format"]}"'
        return response
    print_query = {"ar": data["ar"], "format": "print"}
    if data["namnd"]:
        print_query["namnd"] = data["namnd"].pk
    context = {
        "form": form, "summary": summary, "headings": summary_headings(),
        "page_title": _("Sammanställning av besök och rapporter"), "now": timezone.localtime(),
        "print_query": urlencode(print_query),
    }
    template = "visits/report_summary_print.html" if printable else "visits/report_summary_admin.html"
    return render(request, template, context)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
