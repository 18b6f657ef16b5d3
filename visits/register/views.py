"""What the register shows: the public directory's listing, and the admin views to import and
export the register and start a new mandate period."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from cms.page_views import serves

from . import importing, periods
from .forms import ContactPoliticianForm, CopyChoiceForm, DirectoryFilterForm, ExportForm, ImportForm, PeriodCopyForm
from .models import MandatePeriod, Politician, Unit
from .pages import UnitIndexPage


@serves(UnitIndexPage, "directory_context")
def directory_context(page, request):
    form = DirectoryFilterForm(request.GET or None)
    period = MandatePeriod.objects.current()
    # Grouped by kind in the order of Unit.Kind, so a group continues from one page to the next.
    kind_order = Case(*(When(kind=kind, then=index) for index, kind in enumerate(Unit.Kind.values)),
                      default=len(Unit.Kind.values))
    units = Unit.objects.active().with_contacts(period).order_by(kind_order, "name")
    if form.is_valid():
        units = form.filter(units)
    page_obj = Paginator(units, page.UNITS_PER_PAGE).get_page(request.GET.get("sida"))
    labels = dict(Unit.Kind.choices)
    groups = []
    for kind in Unit.Kind.values:
        members = [unit for unit in page_obj.object_list if unit.kind == kind]
        if members:
            groups.append({"kind": kind, "label": labels[kind], "units": members})
    return {"form": form, "period": period, "groups": groups, "unit_count": page_obj.paginator.count,
            "page_obj": page_obj}


IMPORT_PERMISSIONS = ("visits.change_unit", "visits.change_politician", "visits.change_membership", "visits.change_contactassignment")


def can_import(user):
    return all(user.has_perm(permission) for permission in IMPORT_PERMISSIONS)


def can_export(user):
    return user.has_perm("visits.view_unit") or user.has_perm("visits.change_unit")


def import_register_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    errors = []
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importing.import_register(upload.name, upload.read())
        except importing.ImportFailed as failure:
            errors = failure.errors
        else:
            summary = ", ".join(f"{name} {count}" for name, count in result.counts.items())
            messages.success(request, _("Registret är importerat (%(summary)s rader).") % {"summary": summary})
            return redirect("visits_import_register")
    return TemplateResponse(
        request,
        "visits/register/import_register.html",
        {
            "form": form,
            "errors": errors,
            "export_form": ExportForm(),
            "xlsx_form": ExportForm(auto_id="xlsx_%s"),
            "columns": importing.LISTS,
        },
    )


def export_register_view(request, fmt):
    if not can_export(request.user):
        raise PermissionDenied
    form = ExportForm(request.GET)
    if fmt not in ("xlsx", "csv") or not form.is_valid():
        messages.error(request, _("Exporten kunde inte göras: välj format, lista och mandatperiod i formuläret."))
        return redirect("visits_import_register")
    period = form.cleaned_data["period"]
    if fmt == "xlsx":
        response = HttpResponse(
            importing.export_xlsx(period),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = 'attachment; filename="register.xlsx"'
        return response
    name = form.cleaned_data["lista"]
    response = HttpResponse(importing.export_csv(name, period), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


def start_period_view(request):
    """Copies the memberships and assignments the administration ticks into a new period."""
    if not (can_import(request.user) and request.user.has_perm("visits.add_membership")):
        raise PermissionDenied
    periods_form = PeriodCopyForm(request.GET or None)
    context = {"periods_form": periods_form}
    if periods_form.is_valid():
        source, target = periods_form.cleaned_data["fran"], periods_form.cleaned_data["till"]
        plan = periods.plan_copy(source, target)
        choice_form = CopyChoiceForm(request.POST or None, plan=plan)
        if request.method == "POST" and choice_form.is_valid():
            chosen = periods.plan_copy(
                source,
                target,
                membership_ids=choice_form.cleaned_data["uppdrag"],
                assignment_ids=choice_form.cleaned_data["kontaktpolitiker"],
            )
            memberships, assignments = periods.apply_copy(chosen, target)
            messages.success(
                request,
                _("Kopierade %(memberships)d uppdrag och %(assignments)d kontaktpolitiker till %(period)s.")
                % {"memberships": memberships, "assignments": assignments, "period": target},
            )
            return redirect(request.get_full_path())
        context.update({"plan": plan, "choice_form": choice_form, "source": source, "target": target})
    return TemplateResponse(request, "visits/register/start_period.html", context)


CONTACT_PERMISSIONS = ("visits.add_politician", "visits.add_membership", "visits.add_contactassignment")


def can_add_contact_politician(user):
    return all(user.has_perm(permission) for permission in CONTACT_PERMISSIONS)


def new_contact_politician_view(request):
    """Politician, committee membership and contact assignments in one form (the secretaries)."""
    if not can_add_contact_politician(request.user):
        raise PermissionDenied
    form = ContactPoliticianForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assignments = form.save()
        except ValidationError as error:  # someone else changed the register in the meantime
            form.add_error(None, error.messages)
        else:
            politician, membership = form.politician, form.membership
            messages.success(
                request,
                _("%(name)s är %(role)s i %(committee)s %(period)s och kontaktpolitiker för %(units)s.")
                % {
                    "name": politician.full_name,
                    "role": membership.get_role_display(),
                    "committee": membership.committee.short_name,
                    "period": membership.period,
                    "units": ", ".join(assignment.unit.name for assignment in assignments),
                },
            )
            return redirect(reverse(Politician.snippet_viewset.get_url_name("edit"), args=[politician.pk]))
    return TemplateResponse(
        request,
        "visits/register/new_contact_politician.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
