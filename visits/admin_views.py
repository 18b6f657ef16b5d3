"""Admin pieces for the register: filters, the balance-rule panel."""

import django_filters
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.components import Component

from .models import Committee, ContactAssignment, MandatePeriod, Membership, Party, Politician, Unit

BREAKS_RULE = "bryter"


class UnitFilterSet(WagtailFilterSet):
    balans = django_filters.ChoiceFilter(
        label=_("Balansregeln (innevarande mandatperiod)"),
        choices=[(BREAKS_RULE, _("Bryter mot regeln"))],
        empty_label=_("Alla enheter"),
        method="filter_balance",
    )

    class Meta:
        model = Unit
        fields = ["kind", "committee", "active"]

    def filter_balance(self, queryset, name, value):
        if value == BREAKS_RULE:
            period = MandatePeriod.objects.current()
            return queryset.filter(pk__in=Unit.objects.breaking_balance(period).values("pk"))
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
    template_name = "visits/admin/balance_panel.html"
    order = 90

    def get_context_data(self, parent_context):
        period = MandatePeriod.objects.current()
        return {
            "period": period,
            "units": list(Unit.objects.breaking_balance(period)),
            "listing_url": reverse(Unit.snippet_viewset.get_url_name("list")) + f"?balans={BREAKS_RULE}",
        }
