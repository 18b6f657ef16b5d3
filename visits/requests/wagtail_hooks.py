"""Admin and Mina sidor for visit requests: the modeladmin listing with filters, inspect
and export, the compensation ledger, the dashboard panel of old open requests, and the
sections of Mina sidor. Imported by visits/wagtail_hooks.py."""

from django.contrib.admin.filters import SimpleListFilter
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register
from wagtail_modeladmin.views import IndexView, InspectView

from cms.exports import neutralise
from cms.modeladmin import CheckedHistoryView, ReadOnlyPermissionHelper
from visits.register.models import Committee, Politician, Unit

from . import views as visit_admin_views
from .models import VisitRequest, current_assignments
from .questions import questions_for

VIEW_PERMISSION = "visits.view_visitrequest"


class VisitIndexView(IndexView):
    # wagtail-modeladmin reads the export headings from the index view, not the ModelAdmin.
    export_headings = {
        "pk": _("Besök nr"),
        "committee_short_name": _("Nämnd"),
        "politician_name": _("Politiker"),
    }

    def preprocess_field_value(self, field, value, export_format):
        # Free text typed by politicians must not become a formula in the CSV.
        return neutralise(super().preprocess_field_value(field, value, export_format))

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
    list_display = ("created_at", "unit", "requested_by", "kind", "state", "starts_at", "paid", "hours")
    list_filter = (CommitteeFilter, UnitFilter, "state", "kind", "year")
    search_fields = ("unit__name", "requested_by__first_name", "requested_by__last_name", "purpose")
    inspect_view_fields = (
        "kind", "unit", "requested_by", "wished_times", "purpose", "year", "hours", "paid", "state",
        "routed_via_administration", "starts_at", "ends_at", "public_invitation", "invitation_place",
        "invitation_topic", "created_at",
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
    return [path("besok/arvoden/", visit_admin_views.ledger, name="visit_ledger")]


@hooks.register("register_admin_menu_item")
def ledger_menu_item():
    return LedgerMenuItem(_("Arvoden för besök"), reverse("visit_ledger"), icon_name="download", order=311)


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
    if not Unit.objects.managed_by(request.user).exists():
        return None
    return {
        "id": "besok-att-besluta",
        "title": _("Besöksförfrågningar till dina enheter"),
        "template": "visits/requests/my_pages_manager.html",
        "order": 21,
        "visits": list(VisitRequest.objects.for_manager(request.user).select_related("unit", "requested_by")),
    }


@hooks.register("insyn_my_pages_sections")
def head_of_administration_section(request):
    if not request.user.administered_committees.filter(visit_routing="via_administration").exists():
        return None
    return {
        "id": "besok-att-skicka-vidare",
        "title": _("Besöksförfrågningar att skicka vidare"),
        "template": "visits/requests/my_pages_head.html",
        "order": 22,
        "visits": list(
            VisitRequest.objects.for_head_of_administration(request.user).select_related("unit", "requested_by")
        ),
    }


@hooks.register("insyn_personal_calendar_events")
def booked_visits_in_personal_feed(politician):
    """A politician's booked visits in their personal calendar feed (read by `training`,
    which visits never imports). Only unit, kind and time: no purpose or questions."""
    from django.conf import settings
    from django.db.models import Count, Max

    from .models import accepted_visits_for

    mine = VisitRequest.objects.filter(pk__in=VisitRequest.objects.involving(politician).values("pk"))
    state = mine.aggregate(changed=Max("updated_at"), count=Count("pk"))

    def events():
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        for visit in accepted_visits_for(politician).annotate(changes=Count("events", distinct=True)):
            yield {
                "uid": visit.calendar_uid,
                "sequence": max(visit.changes - 1, 0),
                "summary": f"{visit.get_kind_display()}: {visit.unit.name}",
                "start": visit.starts_at,
                "end": visit.ends_at,
                "last_modified": visit.updated_at,
                "location": visit.unit.address,
                "url": base + reverse("visit_requests:detail", args=[visit.pk]),
                "categories": (gettext("Besök"),),
            }

    return {"state": f"visits-{state['count']}-{state['changed']}", "last_modified": state["changed"], "events": events}
