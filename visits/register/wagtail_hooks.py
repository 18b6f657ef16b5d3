"""Admin for the register: snippets with search, filters and choosers, the balance-rule panel on
the dashboard, import, export and a new mandate period; and the register's part of Mina sidor."""

import operator
from functools import reduce

import django_filters
from django.db.models import Q
from django.utils.functional import cached_property
from django.urls import path, reverse
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.admin.widgets.slug import SlugInput
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cms.admin_columns import YesNoColumn

from cms import memo

from cms.translations import localized, originals

from . import views
from .models import Committee, ContactAssignment, MandatePeriod, Membership, Party, Politician, Unit
from .pages import UnitIndexPage

BREAKS_RULE = "bryter"
NO_MANAGER = "saknas"


class UnitFilterSet(WagtailFilterSet):
    balans = django_filters.ChoiceFilter(
        label=_("Balansregeln (innevarande mandatperiod)"),
        choices=[(BREAKS_RULE, _("Bryter mot regeln"))],
        empty_label=_("Alla enheter"),
        method="filter_balance",
    )
    chef = django_filters.ChoiceFilter(
        label=_("Enhetschef"),
        choices=[(NO_MANAGER, _("Saknar enhetschef"))],
        empty_label=_("Alla enheter"),
        method="filter_manager",
    )

    class Meta:
        model = Unit
        fields = ["kind", "committee", "active"]

    def filter_balance(self, queryset, name, value):
        if value == BREAKS_RULE:
            period = MandatePeriod.objects.current()
            return queryset.filter(pk__in=Unit.objects.breaking_balance(period).values("pk"))
        return queryset

    def filter_manager(self, queryset, name, value):
        if value == NO_MANAGER:
            return queryset.filter(active=True, manager__isnull=True)
        return queryset


class PoliticianFilterSet(WagtailFilterSet):
    namnd = django_filters.ModelChoiceFilter(
        label=_("Nämnd"), queryset=Committee.objects.all(), field_name="memberships__committee", distinct=True
    )

    class Meta:
        model = Politician
        fields = ["party"]


def party_filter():
    return django_filters.ModelChoiceFilter(
        label=_("Parti"), queryset=Party.objects.all(), field_name="politician__party"
    )


class MembershipFilterSet(WagtailFilterSet):
    parti = party_filter()

    class Meta:
        model = Membership
        fields = ["period", "committee", "role"]


class ContactAssignmentFilterSet(WagtailFilterSet):
    namnd = django_filters.ModelChoiceFilter(
        label=_("Nämnd"), queryset=Committee.objects.all(), field_name="unit__committee"
    )
    typ = django_filters.ChoiceFilter(
        label=_("Typ av verksamhet"), choices=Unit.Kind.choices, field_name="unit__kind", empty_label=_("Alla")
    )
    parti = party_filter()

    class Meta:
        model = ContactAssignment
        fields = ["period"]


class BalancePanel(Component):
    """Dashboard panel: active units breaking the balance rule in the current period."""

    name = "contact_balance"
    template_name = "visits/register/balance_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        period = MandatePeriod.objects.current()
        return {
            "period": period,
            "units": list(Unit.objects.breaking_balance(period)),
            "without_rule": list(Committee.objects.filter(balance_rule=False, units__active=True).distinct()),
            "listing_url": reverse(Unit.snippet_viewset.get_url_name("list")) + f"?balans={BREAKS_RULE}",
        }


class NameToSlugPanel(TitleFieldPanel):
    """While a row is being added, its slug follows the name as it is typed (the model fills an
    empty slug too, without JavaScript). A saved row keeps its address when renamed."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("placeholder", False)
        kwargs.setdefault("classname", "")
        super().__init__(*args, **kwargs)

    class BoundPanel(TitleFieldPanel.BoundPanel):
        def get_should_apply(self):
            return not (self.instance and self.instance.pk)


def slug_panel():
    # The register's slugs are ASCII: å, ä and ö become a, a and o as the model does.
    return FieldPanel("slug", widget=SlugInput(attrs={"data-w-slug-allow-unicode-value": "false"}))


class ContactPoliticianIndexView(IndexView):
    """The politicians' and assignments' listings offer the one form for a new contact politician."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if views.can_add_contact_politician(self.request.user):
            buttons.append(HeaderButton(_("Ny kontaktpolitiker"), url=reverse("visits_new_contact_politician"), icon_name="user"))
        return buttons


class UnitsWithoutManagerPanel(Component):
    """Dashboard panel: active units with no manager, whose visit requests the secretaries take."""

    name = "units_without_manager"
    template_name = "visits/register/without_manager_panel.html"
    order = 91

    def get_context_data(self, parent_context):
        return {
            "units": list(Unit.objects.without_manager()),
            "listing_url": reverse(Unit.snippet_viewset.get_url_name("list")) + f"?chef={NO_MANAGER}",
        }


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
    list_display = ["name", "short_name", "kind", "visit_routing", "head_of_administration",
                    YesNoColumn("balance_rule", label=_("Balansregeln gäller")), "balance_minimum"]
    list_filter = ["kind", "visit_routing", "balance_rule"]
    search_fields = ["name", "short_name"]
    search_backend_name = None
    panels = [
        FieldPanel("name"),
        FieldRowPanel([NameToSlugPanel("short_name"), slug_panel(), FieldPanel("kind")]),
        MultiFieldPanel(
            [
                FieldPanel("visit_routing"),
                FieldPanel("head_of_administration"),
                FieldPanel("registry_email"),
                FieldRowPanel([FieldPanel("visit_day_starts"), FieldPanel("visit_day_ends")]),
            ],
            heading=_("Besök och rapporter"),
            help_text=_("Ett besök utanför ordinarie arbetstid, en helg eller en helgdag bokas först efter en bekräftelse."),
        ),
        MultiFieldPanel(
            [FieldPanel("balance_rule"), FieldPanel("balance_minimum")], heading=_("Balansregeln för kontaktpolitiker")
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
    filterset_class = PoliticianFilterSet
    index_view_class = ContactPoliticianIndexView
    search_fields = ["first_name", "last_name", "email"]
    search_backend_name = None
    panels = [
        FieldRowPanel([FieldPanel("first_name"), FieldPanel("last_name")]),
        FieldRowPanel([slug_panel(), FieldPanel("party")]),
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
    filterset_class = UnitFilterSet
    search_fields = ["name", "address"]
    search_backend_name = None
    list_display = [
        "name",
        "kind",
        "committee",
        YesNoColumn("active", label=_("Aktiv")),
        Column("manager", label=_("Enhetschef"), accessor=lambda unit: unit.manager or _("Saknas")),
        Column("contact_count", label=_("Kontaktpolitiker")),
        Column("majority_count", label=_("Majoritet")),
        Column("opposition_count", label=_("Opposition")),
    ]
    panels = [
        FieldRowPanel([NameToSlugPanel("name"), slug_panel()]),
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
    filterset_class = MembershipFilterSet
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
    filterset_class = ContactAssignmentFilterSet
    index_view_class = ContactPoliticianIndexView
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
        panels.append(BalancePanel())
        panels.append(UnitsWithoutManagerPanel())


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("register/import/", views.import_register_view, name="visits_import_register"),
        path("register/export/<str:fmt>/", views.export_register_view, name="visits_export_register"),
        path("register/ny-mandatperiod/", views.start_period_view, name="visits_start_period"),
        path("register/ny-kontaktpolitiker/", views.new_contact_politician_view, name="visits_new_contact_politician"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(
        _("Importera register"), reverse("visits_import_register"), icon_name="upload", order=251
    )


class NewContactPoliticianMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_add_contact_politician(request.user)


@hooks.register("register_admin_menu_item")
def register_new_contact_politician_menu_item():
    return NewContactPoliticianMenuItem(
        _("Ny kontaktpolitiker"), reverse("visits_new_contact_politician"), icon_name="user", order=251
    )


@hooks.register("register_admin_menu_item")
def register_start_period_menu_item():
    return ImportMenuItem(_("Ny mandatperiod"), reverse("visits_start_period"), icon_name="date", order=252)


# --- Mina sidor --------------------------------------------------------------------------


def directory_page():
    """The directory in the visitor's language (its `localized_url`); None before it is made."""

    def find():
        page = originals(UnitIndexPage.objects.live()).first()
        return localized(page) if page else None

    return memo.shared(("directory-page", get_language()), find)


@hooks.register("insyn_my_pages_sections")
def politician_section(request):
    politician = Politician.objects.for_user(request.user)
    if politician is None:
        return None
    period = MandatePeriod.objects.current()
    assignments = (
        ContactAssignment.objects.filter(politician=politician, period=period, unit__active=True)
        .select_related("unit__committee", "unit__manager")
        .order_by("unit__name")
    )
    memberships = Membership.objects.current().filter(politician=politician).select_related("committee")
    return {
        "id": "mina-enheter",
        "title": _("Mina enheter som kontaktpolitiker"),
        "template": "visits/register/my_pages_politician.html",
        "order": 10,
        "politician": politician,
        "period": period,
        "assignments": list(assignments),
        "memberships": list(memberships),
        "directory": directory_page(),
    }


@hooks.register("insyn_my_pages_sections")
def manager_section(request):
    period = MandatePeriod.objects.current()
    units = list(Unit.objects.managed_by(request.user).active().with_contacts(period).order_by("name"))
    if not units:
        return None
    return {
        "id": "enheter-jag-leder",
        "title": _("Enheter du är chef för"),
        "template": "visits/register/my_pages_manager.html",
        "order": 20,
        "period": period,
        "units": units,
        "directory": directory_page(),
    }


# --- search ---------------------------------------------------------------------------------


def name_matches(fields, query):
    """Every word of the query occurs in one of the fields (any part of a word: "backa" finds
    "Backaskolan")."""
    condition = Q()
    for word in query.split():
        condition &= reduce(operator.or_, (Q(**{f"{field}__icontains": word}) for field in fields))
    return condition


@hooks.register("insyn_search_results")
def search_register(query, limit=20):
    """Units and politicians for the site search: their public pages in the directory and only
    what those pages show (name, kind, party; never contact details)."""
    directory = directory_page()
    if directory is None:
        return []
    hits = [
        {"kind": gettext("Enhet"), "title": unit.name, "url": directory.unit_url(unit), "text": unit.get_kind_display()}
        for unit in Unit.objects.active().filter(name_matches(["name"], query)).order_by("name")[:limit]
    ]
    politicians = (
        Politician.objects.filter(name_matches(["first_name", "last_name"], query))
        .filter(pk__in=Membership.objects.current().values("politician_id"))
        .select_related("party").order_by("last_name", "first_name")[:limit]
    )
    hits += [
        {"kind": gettext("Politiker"), "title": politician.full_name, "url": directory.politician_url(politician),
         "text": politician.party.name}
        for politician in politicians
    ]
    return hits
