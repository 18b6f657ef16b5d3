"""Admin and Mina sidor for visit reports: a read-only listing with filters and CSV/XLSX
export, keeping the report form out of Wagtail's form submissions (drafts are private and
submitted reports must not be deleted there), and the Mina sidor section. Imported by
visits/wagtail_hooks.py."""


from django.contrib.admin.filters import SimpleListFilter
from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import InspectView

from cms import roles
from cms.exports import NeutralisingExportMixin
from cms.modeladmin import CheckedHistoryView, CheckedIndexView, ReadOnlyPermissionHelper
from cms.xlsx import StreamingXlsxExportMixin
from visits.register.models import Politician, Unit
from visits.requests.models import VisitRequest
from visits.requests.wagtail_hooks import CommitteeFilter as VisitCommitteeFilter
from visits.requests.wagtail_hooks import RelatedFilter

from . import views as report_views
from .models import VisitReport, VisitReportFormPage, report_page

MY_PAGES_REPORTS = 10


class ReportIndexView(StreamingXlsxExportMixin, NeutralisingExportMixin, CheckedIndexView):
    # The export reads its headings from the view, not from the ModelAdmin. Free text typed by
    # politicians goes through the neutraliser; the answers come from each report's own copy of
    # its questions, so the export costs no query per row.
    export_headings = {"unit_name": _("Enhet"), "kind_label": _("Slags besök"), "visit_date": _("Besöksdag"),
                       "author": _("Skriven av"), "answers_text": _("Svar")}

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Rows are read in chunks, not all at once: 10,000 reports peaked at 123 MB, in chunks at 24 MB
        # (bench/admin_listings.py); the query count is the same.
        return super().as_spreadsheet(queryset.iterator(chunk_size=1000), spreadsheet_format)


class ReportCommitteeFilter(VisitCommitteeFilter):
    lookup = "committee_id"


class ReportUnitFilter(RelatedFilter):
    title = _("enhet")
    parameter_name = "enhet"
    lookup = "visit__unit_id"

    def options(self):
        from visits.register.models import Unit

        return Unit.objects.filter(visit_requests__reports__state=VisitReport.State.SUBMITTED).distinct().order_by("name")


class ReportKindFilter(SimpleListFilter):
    title = _("slags besök")
    parameter_name = "typ"

    def lookups(self, request, model_admin):
        return VisitRequest.Kind.choices

    def queryset(self, request, queryset):
        if self.value() in VisitRequest.Kind.values:
            return queryset.filter(visit__kind=self.value())
        return queryset


class ReportInspectView(InspectView):
    # modeladmin finds the record by its default manager; the admin has only submitted reports.
    def __init__(self, model_admin, instance_pk):
        super().__init__(model_admin, instance_pk)
        if not self.instance.is_submitted:
            raise Http404


class VisitReportAdmin(ModelAdmin):
    """Submitted reports only: drafts belong to their authors."""

    model = VisitReport
    menu_label = _("Besöksrapporter")
    menu_icon = "doc-full"
    menu_order = 312
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = CheckedHistoryView
    index_view_class = ReportIndexView
    inspect_view_class = ReportInspectView
    inspect_view_enabled = True
    list_display = ("registration_number", "unit_name", "author", "kind_label", "visit_date", "submitted_at")
    list_filter = (ReportCommitteeFilter, ReportUnitFilter, ReportKindFilter, "registration_year")
    search_fields = ("registration_number", "visit__unit__name", "author__first_name", "author__last_name")
    inspect_view_fields = ("registration_number", "visit", "author", "committee", "submitted_at", "supersedes")
    list_export = ("registration_number", "committee", "unit_name", "author", "kind_label", "visit_date",
                   "submitted_at", "answers_text")
    export_filename = "besoksrapporter"

    def get_queryset(self, request):
        return VisitReport.objects.submitted().with_related().order_by("-submitted_at", "-pk")


modeladmin_register(VisitReportAdmin)


class SummaryMenuItem(MenuItem):
    def is_shown(self, request):
        return can_follow_reports(request.user)


@hooks.register("register_admin_urls")
def summary_urls():
    return [path("rapporter/sammanstallning/", report_views.summary_admin, name="report_summary")]


@hooks.register("register_admin_menu_item")
def summary_menu_item():
    return SummaryMenuItem(_("Sammanställning av rapporter"), reverse("report_summary"), icon_name="table", order=313)


def can_follow_reports(user):
    return user.has_perm("visits.view_visitreport") or roles.is_administration(user)


class OutstandingReportsPanel(Component):
    """Held visits with no report 14 days after they ended: someone needs a reminder."""

    name = "outstanding_visit_reports"
    template_name = "visits/reports/admin_outstanding_panel.html"
    order = 151

    def get_context_data(self, parent_context):
        from .summary import outstanding_visits

        context = super().get_context_data(parent_context)
        context["visits"] = list(outstanding_visits().select_related("unit__committee", "requested_by")[:20])
        return context


@hooks.register("construct_homepage_panels")
def add_outstanding_reports_panel(request, panels):
    if can_follow_reports(request.user):
        panels.append(OutstandingReportsPanel())


class CoveragePanel(Component):
    """Täckning i år: how many of each committee's active units have had a held visit this year."""

    name = "visit_coverage"
    template_name = "visits/reports/admin_coverage_panel.html"
    order = 152

    def get_context_data(self, parent_context):
        from django.utils import timezone

        from .summary import coverage

        context = super().get_context_data(parent_context)
        context["year"] = timezone.localdate().year
        context["committees"] = coverage(context["year"])
        return context


@hooks.register("construct_homepage_panels")
def add_coverage_panel(request, panels):
    if can_follow_reports(request.user):
        panels.append(CoveragePanel())


@hooks.register("filter_form_submissions_for_user")
def hide_report_form_submissions(user, editable_forms):
    from visits.feedback.models import FeedbackFormPage
    from visits.requests.questions import VisitQuestionsFormPage

    if roles.is_administration(user):
        return editable_forms.not_type(VisitReportFormPage)
    # Residents' feedback and politicians' questions are for the administration, not for
    # everyone who may edit the form page (editors).
    return editable_forms.not_type(VisitReportFormPage, FeedbackFormPage, VisitQuestionsFormPage)


@hooks.register("insyn_my_pages_sections")
def report_section(request):
    politician = Politician.objects.for_user(request.user)
    page = report_page()
    if politician is None or page is None:
        return None
    drafts = list(VisitReport.objects.drafts().filter(author=politician).select_related("visit__unit")
                  .order_by("-updated_at"))
    drafted = {report.visit_id for report in drafts}
    reported = VisitReport.objects.filter(author=politician).values("visit")
    awaiting = [
        visit for visit in VisitRequest.objects.involving(politician).filter(state=VisitRequest.State.HELD)
        .exclude(pk__in=reported).select_related("unit").order_by("starts_at")
        if visit.pk not in drafted
    ]
    return {
        "id": "mina-rapporter",
        "title": _("Mina besöksrapporter"),
        "template": "visits/reports/my_pages.html",
        "order": 22,
        "page_url": page.localized_url,
        "drafts": drafts,
        "awaiting": awaiting,
    }


@hooks.register("insyn_my_pages_sections")
def manager_report_section(request):
    """Rapporter om mina enheter: submitted reports on the units a manager leads or decided on."""
    user = request.user
    if not user.is_authenticated:
        return None
    mine = Q(visit__unit__manager=user) | Q(visit__responsible_manager=user)
    reports = list(VisitReport.objects.readable_by(user).submitted().filter(mine)
                   .select_related("visit__unit", "author").order_by("-submitted_at", "-pk")[:MY_PAGES_REPORTS])
    if not reports and not Unit.objects.managed_by(user).exists():
        return None
    return {
        "id": "rapporter-om-mina-enheter",
        "title": _("Rapporter om mina enheter"),
        "template": "visits/reports/my_pages_manager.html",
        "order": 24,
        "reports": reports,
    }


@hooks.register("insyn_my_pages_sections")
def head_report_section(request):
    """The head of administration reads the reports of the administration and its summary."""
    user = request.user
    if not user.is_authenticated or not user.administered_committees.exists():
        return None
    return {
        "id": "rapporter-i-forvaltningen",
        "title": _("Rapporter i din förvaltning"),
        "template": "visits/reports/my_pages_head.html",
        "order": 25,
        "count": VisitReport.objects.submitted().filter(visit__unit__committee__head_of_administration=user).count(),
    }


@hooks.register("insyn_visit_links")
def report_link(visit, user):
    """Participants write their report from the visit's page once the visit is held; everyone
    who may read the visit's submitted reports gets a link to each."""
    if visit.state not in (VisitRequest.State.HELD, VisitRequest.State.REPORTED):
        return []
    links = []
    page = report_page()
    if page and visit.is_participant(user):
        links.append({"label": _("Skriv rapport från besöket"), "url": page.url_for(visit)})
    for report in VisitReport.objects.readable_by(user).submitted().filter(visit=visit).select_related("author"):
        links.append({
            "label": _("Läs rapport %(number)s av %(name)s") % {
                "number": report.registration_number, "name": report.author.full_name},
            "url": reverse("reports:detail", args=[report.pk]),
        })
    return links
