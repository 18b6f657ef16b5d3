"""Admin for the register (snippets with search, filters and choosers), the balance-rule
panel on the dashboard and the register's part of "Mina sidor"."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views, my_pages, views
from .models import Committee, ContactAssignment, MandatePeriod, Membership, Party, Politician, Unit


class MandatePeriodViewSet(SnippetViewSet):
    model = MandatePeriod
    icon = "date"
    list_display = ["name", "starts_on", "ends_on"]
    search_fields = ["name"]
    search_backend_name = None
    panels = [FieldPanel("name"), FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")])]


class CommitteeViewSet(SnippetViewSet):
    model = Committee
    icon = "group"
    list_display = ["name", "short_name", "kind", "visit_routing", "head_of_administration"]
    list_filter = ["kind", "visit_routing"]
    search_fields = ["name", "short_name"]
    search_backend_name = None
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("slug"), FieldPanel("kind")]),
        MultiFieldPanel(
            [FieldPanel("visit_routing"), FieldPanel("head_of_administration"), FieldPanel("registry_email")],
            heading=_("Besök och rapporter"),
        ),
    ]


class PartyViewSet(SnippetViewSet):
    model = Party
    icon = "tag"
    list_display = ["name", "abbreviation"]
    search_fields = ["name", "abbreviation"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("abbreviation")]),
        InlinePanel("blocs", heading=_("Block per mandatperiod"), label=_("Block")),
    ]


class PoliticianViewSet(SnippetViewSet):
    model = Politician
    icon = "user"
    list_display = [
        Column("full_name", label=_("Namn"), sort_key="last_name"),
        "party",
        "user",
        "photo_consent_on",
        "phone_consent_on",
        "email_consent_on",
    ]
    filterset_class = admin_views.PoliticianFilterSet
    search_fields = ["first_name", "last_name", "email"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([FieldPanel("slug"), FieldPanel("party")]),
        FieldPanel("user"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_consent_on")]),
                FieldRowPanel([FieldPanel("phone"), FieldPanel("phone_consent_on")]),
                FieldRowPanel([FieldPanel("email"), FieldPanel("email_consent_on")]),
            ],
            heading=_("Publicering med samtycke"),
            help_text=_(
                "Namn, parti och roll är offentliga. Foto, telefon och e-post visas bara när det finns "
                "ett datum för samtycke."
            ),
        ),
    ]


class UnitViewSet(SnippetViewSet):
    model = Unit
    icon = "home"
    filterset_class = admin_views.UnitFilterSet
    search_fields = ["name", "address"]
    search_backend_name = None
    list_display = [
        "name",
        "kind",
        "committee",
        "manager",
        "active",
        Column("contact_count", label=_("Kontaktpolitiker")),
        Column("majority_count", label=_("Majoritet")),
        Column("opposition_count", label=_("Opposition")),
    ]
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("slug")]),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("committee")]),
        FieldRowPanel([FieldPanel("manager"), FieldPanel("manager_title")]),
        FieldPanel("address"),
        FieldPanel("public_email"),
        FieldPanel("active"),
    ]

    def get_queryset(self, request):
        # The counts shown in the listing are those of the current mandate period.
        period = MandatePeriod.objects.current()
        units = Unit.objects.select_related("committee", "manager")
        return units.with_balance(period) if period else units


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "list-ul"
    list_display = ["politician", "committee", "period", "role", "starts_on", "ends_on"]
    filterset_class = admin_views.MembershipFilterSet
    search_fields = ["politician__first_name", "politician__last_name", "committee__name"]
    search_backend_name = None
    panels = [
        FieldPanel("politician"),
        FieldRowPanel([FieldPanel("committee"), FieldPanel("period"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    def get_queryset(self, request):
        return Membership.objects.select_related("politician__party", "committee", "period")


class ContactAssignmentViewSet(SnippetViewSet):
    model = ContactAssignment
    icon = "link"
    list_display = ["unit", "politician", "period"]
    filterset_class = admin_views.ContactAssignmentFilterSet
    search_fields = ["politician__first_name", "politician__last_name", "unit__name"]
    search_backend_name = None
    panels = [FieldPanel("unit"), FieldPanel("politician"), FieldPanel("period")]

    def get_queryset(self, request):
        return ContactAssignment.objects.select_related("politician__party", "unit", "period")


class RegisterGroup(SnippetViewSetGroup):
    menu_label = _("Register")
    menu_icon = "group"
    menu_order = 250
    items = [
        UnitViewSet,
        PoliticianViewSet,
        ContactAssignmentViewSet,
        MembershipViewSet,
        CommitteeViewSet,
        PartyViewSet,
        MandatePeriodViewSet,
    ]


register_snippet(RegisterGroup)


@hooks.register("construct_homepage_panels")
def add_balance_panel(request, panels):
    if request.user.has_perm("visits.view_unit") or request.user.has_perm("visits.change_unit"):
        panels.append(admin_views.BalancePanel())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("register/import/", views.import_register_view, name="visits_import_register"),
        path("register/export/<str:fmt>/", views.export_register_view, name="visits_export_register"),
        path("register/ny-mandatperiod/", views.start_period_view, name="visits_start_period"),
    ]


hooks.register("insyn_my_pages_sections", my_pages.politician_section)
hooks.register("insyn_my_pages_sections", my_pages.manager_section)


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Importera register"), reverse("visits_import_register"), icon_name="upload", order=251
    )


@hooks.register("register_admin_menu_item")
def register_start_period_menu_item():
    return ImportMenuItem(_("Ny mandatperiod"), reverse("visits_start_period"), icon_name="date", order=252)


# Visit requests, feedback and newsletters register their own admin parts.
from . import feedback_hooks, report_hooks, visit_hooks  # noqa: E402,F401
