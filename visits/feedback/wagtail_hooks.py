"""Admin, dashboard and Mina sidor for feedback."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models.functions import ExtractYear
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views.generic import EditView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms import roles
from cms.exports import NeutralisingExportMixin
from cms.modeladmin import AdministrationPolicy
from visits.register.models import Unit

from .models import FeedbackSubmission, feedback_statistics
from .views import statistics_view

register_permission_policy(FeedbackSubmission, AdministrationPolicy(FeedbackSubmission, ["view", "change", "export"]))


def year_choices():
    years = (
        FeedbackSubmission.objects.annotate(year=ExtractYear("submit_time"))
        .values_list("year", flat=True)
        .distinct()
        .order_by("-year")
    )
    return [(year, str(year)) for year in years]


class FeedbackFilterSet(WagtailFilterSet):
    unit = django_filters.ModelChoiceFilter(label=gettext_lazy("Enhet"), queryset=Unit.objects.order_by("name"))
    kind = django_filters.ChoiceFilter(label=gettext_lazy("Typ"), choices=FeedbackSubmission.Kind.choices)
    state = django_filters.ChoiceFilter(label=gettext_lazy("Status"), choices=FeedbackSubmission.State.choices)
    year = django_filters.TypedChoiceFilter(
        label=gettext_lazy("År"), field_name="submit_time__year", choices=year_choices, coerce=int
    )

    class Meta:
        model = FeedbackSubmission
        fields = ["unit", "kind", "state", "year"]


class FeedbackIndexView(NeutralisingExportMixin, IndexView):
    def get_base_queryset(self):
        return FeedbackSubmission.objects.for_listing()


class FeedbackAdminForm(WagtailAdminModelForm):
    close_item = forms.BooleanField(label=gettext_lazy("Avsluta synpunkten"), required=False)

    class Meta:
        model = FeedbackSubmission
        fields = ["answer"]
        help_texts = {"answer": gettext_lazy("Skickas med e-post till avsändaren när en adress finns.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.state != FeedbackSubmission.State.RECEIVED:
            self.fields["answer"].disabled = True
        if self.instance.state == FeedbackSubmission.State.CLOSED:
            self.fields["close_item"].disabled = True


class FeedbackEditView(EditView):
    def save_instance(self):
        # The state changes go through the model's transitions, never a plain save.
        item = FeedbackSubmission.objects.select_related("unit").get(pk=self.object.pk)
        answer = (self.form.cleaned_data.get("answer") or "").strip()
        try:
            if item.state == FeedbackSubmission.State.RECEIVED and answer:
                item.give_answer(by=self.request.user, text=answer)
            if self.form.cleaned_data.get("close_item") and item.state != FeedbackSubmission.State.CLOSED:
                item.close(by=self.request.user)
        except ValidationError as error:
            # Someone else handled it in the meantime: say so instead of failing.
            messages.error(self.request, " ".join(error.messages))
        return item


class FeedbackInspectView(InspectView):
    """What the resident sent and how it was handled, in Swedish; an empty value shows as a dash."""

    def get_extra_answers_display_value(self):
        return "; ".join(f"{label}: {value}" for label, value in self.object.extra_answers()) or "–"

    def get_field_label(self, field_name, field):
        if field_name == "extra_answers":
            return gettext_lazy("Svar på extra frågor")
        return super().get_field_label(field_name, field)

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, datetime.datetime):
            # Wagtail prints stored times in UTC here; the handler reads them as local time.
            return date_format(timezone.localtime(value), "j F Y, H:i")
        if isinstance(value, str) and field_name in ("kind", "state"):
            return capfirst(value)
        return "–" if value in (None, "") else value


class FeedbackViewSet(ModelViewSet):
    model = FeedbackSubmission
    name = "synpunkter"
    url_namespace = "feedback_admin"
    icon = "comment"
    menu_label = gettext_lazy("Synpunkter")
    menu_order = 260
    add_to_admin_menu = True
    index_view_class = FeedbackIndexView
    edit_view_class = FeedbackEditView
    inspect_view_class = FeedbackInspectView
    edit_template_name = "visits/feedback/admin_edit.html"
    form_fields = ["answer"]
    filterset_class = FeedbackFilterSet
    inspect_view_enabled = True
    inspect_view_fields = [
        "submit_time", "unit", "kind", "text", "extra_answers", "name", "contact", "state",
        "answer", "answered_at", "answered_by", "closed_at", "closed_by",
    ]
    list_display = ["__str__", "unit", "kind", "state", "submit_time", "answered_by"]
    list_export = ["submit_time", "unit", "kind", "state", "text", "name", "contact", "answer", "answered_at", "closed_at"]
    export_filename = "synpunkter"
    search_fields = ["text", "name", "answer"]
    search_backend_name = None

    def get_form_class(self, for_update=False):
        return FeedbackAdminForm


feedback_viewset = FeedbackViewSet()


@hooks.register("register_admin_viewset")
def register_feedback_viewset():
    return feedback_viewset


class FeedbackStatisticsPanel(Component):
    """Synpunktsstatistik per unit, year and kind on the admin dashboard."""

    name = "feedback_statistics"
    order = 160
    template_name = "visits/feedback/statistics_panel.html"

    def get_context_data(self, parent_context):
        return {
            "statistics": feedback_statistics(year=timezone.localdate().year),
            "admin_url": reverse("feedback_admin:index"),
            "statistics_url": reverse("feedback_statistics"),
        }


@hooks.register("register_admin_urls")
def register_statistics_url():
    return [path("synpunkter-statistik/", statistics_view, name="feedback_statistics")]


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_administration(request.user)


@hooks.register("register_admin_menu_item")
def register_statistics_menu_item():
    return StatisticsMenuItem(
        gettext_lazy("Synpunktsstatistik"), reverse("feedback_statistics"), icon_name="table", order=262
    )


@hooks.register("construct_homepage_panels")
def add_feedback_statistics_panel(request, panels):
    if roles.is_administration(request.user):
        panels.append(FeedbackStatisticsPanel())


def manager_feedback_section(request):
    items = FeedbackSubmission.objects.handled_by(request.user).open().for_listing()
    if not Unit.objects.managed_by(request.user).exists():
        return None
    return {
        "id": "synpunkter",
        "title": _("Synpunkter på dina enheter"),
        "template": "visits/feedback/my_pages.html",
        "order": 30,
        "items": list(items[:10]),
    }


hooks.register("insyn_my_pages_sections", manager_feedback_section)
