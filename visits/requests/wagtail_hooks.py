"""Admin and Mina sidor for visit requests: the modeladmin listing with filters, inspect
and export, the compensation ledger, the dashboard panel of old open requests, and the
sections of Mina sidor. Imported by visits/wagtail_hooks.py."""

from django.contrib.admin.filters import SimpleListFilter
from django.db.models import Count
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import InspectView

from cms.exports import NeutralisingExportMixin
from cms.modeladmin import CheckedHistoryView, CheckedIndexView, ReadOnlyPermissionHelper, short_time, yes_no
from cms.translations import localized, originals
from cms.xlsx import StreamingXlsxExportMixin
from visits.register.guide import manager_guide
from visits.register.models import Committee, Politician, Unit
from visits.register.pages import UnitIndexPage

from . import views as visit_admin_views
from .eligibility import current_assignments, presidium_committee_ids
from .models import DEFAULT_LENGTH, VisitRequest
from .presidium import plan_counts, presidium_plan
from .questions import questions_for

VIEW_PERMISSION = "visits.view_visitrequest"


class VisitIndexView(StreamingXlsxExportMixin, NeutralisingExportMixin, CheckedIndexView):
    # wagtail-modeladmin reads the export headings from the index view, not the ModelAdmin.
    # Free text typed by politicians goes through the neutraliser (cms.exports).
    export_headings = {
        "pk": _("Besök nr"),
        "committee_short_name": _("Nämnd"),
        "politician_name": _("Politiker"),
    }

    def as_spreadsheet(self, queryset, spreadsheet_format):
        # Rows are read in chunks, not all at once: 10,000 requests peaked at 40 MB, in chunks at 6 MB
        # (bench/admin_listings.py); the query count is the same.
        return super().as_spreadsheet(queryset.iterator(chunk_size=1000), spreadsheet_format)


class VisitInspectView(InspectView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["history"] = self.instance.history()
        context["questions"] = questions_for(self.instance)
        return context


class RelatedFilter(SimpleListFilter):
    """A filter on a related record; Django's own needs django.contrib.admin, which Insyn does not install."""

    lookup = ""

    def lookups(self, request, model_admin):
        return [(str(obj.pk), str(obj)) for obj in self.options()]

    def queryset(self, request, queryset):
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(**{self.lookup: int(value)})
        return queryset


class CommitteeFilter(RelatedFilter):
    title = _("nämnd")
    parameter_name = "namnd"
    lookup = "unit__committee_id"

    def options(self):
        return Committee.objects.order_by("name")


class UnitFilter(RelatedFilter):
    title = _("enhet")
    parameter_name = "enhet"
    lookup = "unit_id"

    def options(self):
        return Unit.objects.filter(visit_requests__isnull=False).distinct().order_by("name")


class VisitRequestAdmin(ModelAdmin):
    model = VisitRequest
    menu_label = _("Besök")
    menu_icon = "date"
    menu_order = 310
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = CheckedHistoryView
    index_view_class = VisitIndexView
    inspect_view_class = VisitInspectView
    inspect_view_enabled = True
    inspect_template_name = "visits/requests/admin_inspect.html"
    # The unit first (the row's link); dates short, so no column breaks a word at 1280 px. Columns
    # are named attributes, so each cell's class is field-<name>.
    starts = staticmethod(short_time(VisitRequest, "starts_at"))
    paid_yes_no = staticmethod(yes_no(VisitRequest, "paid"))
    created = staticmethod(short_time(VisitRequest, "created_at", with_time=False))
    list_display = ("unit", "requested_by", "kind", "state", "starts", "paid_yes_no", "hours", "created")
    list_filter = (CommitteeFilter, UnitFilter, "state", "kind", "year")
    search_fields = ("unit__name", "requested_by__first_name", "requested_by__last_name", "purpose")
    inspect_view_fields = (
        "kind", "unit", "requested_by", "wished_times", "purpose", "year", "hours", "paid", "state",
        "routed_via_administration", "responsible_manager", "starts_at", "ends_at", "plan", "public_invitation",
        "invitation_place", "invitation_topic", "invitation_starts_at", "invitation_ends_at", "created_at",
    )
    list_export = (
        "pk", "created_at", "unit", "committee_short_name", "politician_name", "kind", "state",
        "year", "starts_at", "ends_at", "hours", "paid", "wished_times", "purpose",
    )
    export_filename = "besoksforfragningar"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit__committee", "requested_by__party")


modeladmin_register(VisitRequestAdmin)


class StaleVisitsPanel(Component):
    """Open requests older than 14 days: somebody has not answered."""

    name = "stale_visit_requests"
    template_name = "visits/requests/admin_stale_panel.html"
    order = 150

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["visits"] = list(
            VisitRequest.objects.stale(days=14).select_related("unit__committee", "requested_by")[:20]
        )
        return context


@hooks.register("construct_homepage_panels")
def add_stale_visits_panel(request, panels):
    if request.user.has_perm(VIEW_PERMISSION):
        panels.append(StaleVisitsPanel())


class LedgerMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW_PERMISSION)


@hooks.register("register_admin_urls")
def ledger_urls():
    return [
        path("besok/arvoden/", visit_admin_views.ledger, name="visit_ledger"),
        path("besok/presidiebesok/", visit_admin_views.presidium_plan_admin, name="presidium_plan_admin"),
    ]


@hooks.register("register_admin_menu_item")
def ledger_menu_item():
    return LedgerMenuItem(_("Arvoden för besök"), reverse("visit_ledger"), icon_name="download", order=311)


@hooks.register("register_admin_menu_item")
def presidium_plan_menu_item():
    return LedgerMenuItem(_("Presidiebesök per år"), reverse("presidium_plan_admin"), icon_name="calendar", order=312)


# --- Mina sidor ------------------------------------------------------------------------


@hooks.register("insyn_my_pages_sections")
def politician_section(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        return None
    visits = list(
        VisitRequest.objects.involving(politician)
        .filter(state__in=(VisitRequest.State.ACCEPTED, VisitRequest.State.PROPOSED))
        .select_related("unit")
        .order_by("starts_at")
    )
    return {
        "id": "mina-besok",
        "title": _("Mina besök"),
        "template": "visits/requests/my_pages_politician.html",
        "order": 20,
        "assignments": current_assignments(politician).select_related("unit").order_by("unit__name"),
        "upcoming": [v for v in visits if v.state == VisitRequest.State.ACCEPTED and v.ends_at > timezone.now()],
        "waiting": [v for v in visits if v.state == VisitRequest.State.PROPOSED and v.requested_by_id == politician.pk],
    }


@hooks.register("insyn_my_pages_sections")
def manager_section(request):
    units = list(Unit.objects.managed_by(request.user).active().order_by("name"))
    to_decide = list(VisitRequest.objects.for_manager(request.user).select_related("unit", "requested_by"))
    if not units and not to_decide:
        return None
    return {
        "id": "besok-att-besluta",
        "title": _("Besöksförfrågningar till dina enheter"),
        "template": "visits/requests/my_pages_manager.html",
        "order": 21,
        "visits": to_decide,
        "units": units,
        "guide": manager_guide(),
    }


@hooks.register("insyn_my_pages_sections")
def head_of_administration_section(request):
    if not request.user.administered_committees.exists():
        return None
    return {
        "id": "besok-att-skicka-vidare",
        "title": _("Besöksförfrågningar i din förvaltning"),
        "template": "visits/requests/my_pages_head.html",
        "order": 22,
        "visits": list(
            VisitRequest.objects.for_head_of_administration(request.user).select_related("unit", "requested_by")
        ),
        "open_count": VisitRequest.objects.open_in_administration(request.user).count(),
    }


@hooks.register("insyn_my_pages_sections")
def secretary_section(request):
    referred = list(VisitRequest.objects.for_secretaries(request.user).select_related("unit", "requested_by"))
    if not referred:
        return None
    return {
        "id": "besok-hos-namndsekreterarna",
        "title": _("Besöksförfrågningar till enheter utan chef"),
        "template": "visits/requests/my_pages_secretary.html",
        "order": 23,
        "visits": referred,
    }


@hooks.register("insyn_my_pages_sections")
def presidium_section(request):
    """This year's presidium visits for each committee where the user is chair or vice chair."""
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        return None
    committees = list(Committee.objects.filter(pk__in=presidium_committee_ids(politician)).order_by("name"))
    if not committees:
        return None
    year = timezone.localdate().year
    return {
        "id": "presidiebesok",
        "title": _("Presidiets besök %(year)s") % {"year": year},
        "template": "visits/requests/my_pages_presidium.html",
        "order": 19,
        "year": year,
        "committees": [(committee, plan_counts(presidium_plan(committee, year))) for committee in committees],
    }


@hooks.register("insyn_personal_calendar_events")
def booked_visits_in_personal_feed(politician, base, cancelled_since):
    """A politician's booked visits in their personal calendar feed (read by `training`,
    which visits never imports), and those cancelled since `cancelled_since` as cancelled.
    Only unit, kind and time: no purpose, questions or reasons."""
    visits = VisitRequest.objects.booked_for(politician, cancelled_since).annotate(changes=Count("events", distinct=True))
    for visit in visits:
        yield {
            "uid": visit.calendar_uid,
            "sequence": max(visit.changes - 1, 0),
            "summary": f"{visit.get_kind_display()}: {visit.unit.name}",
            "start": visit.starts_at,
            # Rows from before the database required an end get the usual length of a visit.
            "end": visit.ends_at or visit.starts_at + DEFAULT_LENGTH,
            "last_modified": visit.updated_at,
            "location": visit.unit.address,
            "url": base + reverse("visit_requests:detail", args=[visit.pk]),
            "categories": (gettext("Besök"),),
            "status": "CANCELLED" if visit.state == VisitRequest.State.CANCELLED else "CONFIRMED",
        }


@hooks.register("insyn_committee_calendar_events")
def public_invitations_in_committee_feed(committee, base, cancelled_since):
    """The presidium's meetings with the public in the committee's public calendar feed (read
    by `training`, which visits never imports), until they have passed, and those cancelled
    since `cancelled_since` as cancelled: when, where and what about, never the visit's
    purpose, plan or reasons."""
    invitations = VisitRequest.objects.public_invitations(committee=committee, cancelled_since=cancelled_since)
    directory = originals(UnitIndexPage.objects.live()).first()
    directory = localized(directory) if directory else None
    for visit in invitations:
        url = directory.unit_url(visit.unit) if directory else ""
        place = ", ".join(part for part in (visit.invitation_place, visit.unit.address) if part)
        cancelled = visit.state == VisitRequest.State.CANCELLED
        yield {
            "uid": visit.invitation_uid,
            # The step to cancelled raises it, so calendars take the cancellation.
            "sequence": 1 if cancelled else 0,
            "summary": gettext("Träffa presidiet: %(unit)s") % {"unit": visit.unit.name},
            "start": visit.public_starts,
            "end": visit.public_ends,
            "last_modified": visit.updated_at,
            "description": visit.invitation_topic,
            "location": place,
            "url": base + url if url.startswith("/") else url,
            "categories": (gettext("Presidiebesök"),),
            "status": "CANCELLED" if cancelled else "CONFIRMED",
        }
