"""The compensation ledger export in the Wagtail admin."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .compensation import ledger_csv, ledger_visits, ledger_xlsx
from .visit_forms import LedgerForm

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def ledger(request):
    if not request.user.has_perm("visits.view_visitrequest"):
        raise PermissionDenied
    form = LedgerForm(request.GET or None)
    if form.is_valid():
        year, politician = form.cleaned_data["ar"], form.cleaned_data["politiker"]
        visits = ledger_visits(year, politician)
        name = f"arvoden-besok-{year}" + (f"-{politician.slug}" if politician else "")
        if form.cleaned_data["format"] == "csv":
            response = HttpResponse(ledger_csv(visits), content_type="text/csv; charset=utf-8")
            filename = f"{name}.csv"
        else:
            response = HttpResponse(ledger_xlsx(visits), content_type=XLSX_TYPE)
            filename = f"{name}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    return render(
        request,
        "visits/visit_admin_ledger.html",
        {"form": form, "page_title": _("Arvoden för besök")},
        status=400 if form.is_bound else 200,
    )
