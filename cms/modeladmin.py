"""Admin pieces every app shares."""

from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth import get_user_model
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import HistoryView, IndexView

from . import roles

# The lookups Django's list filters put in the query string.
FILTER_LOOKUPS = {"exact", "isnull", "in", "gt", "gte", "lt", "lte"}


def yes_no(model, field_name):
    """A boolean column as Ja/Nej. Django's own column shows `admin/img/icon-yes.svg`, which is never
    collected (Insyn does not install django.contrib.admin) and has the alt text "True"."""

    def column(obj):
        return _("Ja") if getattr(obj, field_name) else _("Nej")

    column.__name__ = field_name
    column.short_description = model._meta.get_field(field_name).verbose_name
    column.admin_order_field = field_name
    return column


def short_time(model, field_name, with_time=True):
    """A date (and time) column as 2026-03-10 09:00 in local time: Wagtail's long form ("10 mars
    2026 09:00") made the listings' columns break words at 1280 px."""

    def column(obj):
        value = getattr(obj, field_name)
        if value is None:
            return "–"
        text = timezone.localtime(value).strftime("%Y-%m-%d %H:%M" if with_time else "%Y-%m-%d")
        return format_html('<span class="no-wrap">{}</span>', text)  # static/css/admin.css

    column.__name__ = field_name
    column.short_description = model._meta.get_field(field_name).verbose_name
    column.admin_order_field = field_name
    return column


class ReadOnlyPermissionHelper(PermissionHelper):
    """Records that change only through their own transitions (or never, like sent mail):
    nobody creates, edits or deletes them in the admin."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class CheckedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission at all: any admin user could
    open the history of any record. Ask what the inspect view asks."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_helper.user_can_inspect_obj(request.user, self.instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdministrationPolicy(BasePermissionPolicy):
    """For Wagtail viewsets of public records (feedback, newsletters): the committee secretaries
    (and superusers) may do `actions`; nobody adds or deletes them in the admin."""

    def __init__(self, model, actions):
        super().__init__(model)
        self.actions = set(actions)

    def user_has_permission(self, user, action):
        return action in self.actions and roles.is_administration(user)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions):
        User = get_user_model()
        if not self.actions.intersection(actions):
            return User.objects.none()
        return User.objects.filter(Q(is_superuser=True) | Q(groups__name=roles.SECRETARIES), is_active=True).distinct()

    def users_with_permission(self, action):
        return self.users_with_any_permission([action])


class CheckedIndexView(IndexView):
    """wagtail-modeladmin turns every query parameter it does not know into a database lookup,
    unchecked: `?requested_by__user__password__startswith=…` let anyone who may read a listing
    read password hashes a character at a time, and a mistyped parameter was a 500. Only the
    declared filters' own parameters are used; a value that a filter cannot use shows the whole
    list with a message."""

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            messages.error(request, _("Filtret kunde inte användas, så hela listan visas."))
            return redirect(request.path)

    def get_filters_params(self, params=None):
        return {name: values for name, values in super().get_filters_params(params).items() if self.is_filter_parameter(name)}

    def is_filter_parameter(self, name):
        for list_filter in self.list_filter:
            if isinstance(list_filter, (tuple, list)):
                list_filter = list_filter[0]
            if isinstance(list_filter, str) and self.is_field_filter_parameter(list_filter, name):
                return True
            if getattr(list_filter, "parameter_name", None) == name:
                return True
        return False

    def is_field_filter_parameter(self, path, name):
        """`state`, `state__exact`, `state__isnull`; for a relation also `unit__id__exact`."""
        base, parts = path.split("__"), name.split("__")
        if parts[: len(base)] != base:
            return False
        rest = parts[len(base):]
        if not rest:
            return True
        if rest[-1] not in FILTER_LOOKUPS or len(rest) > 2:
            return False
        if len(rest) == 1:
            return True
        try:
            field = get_fields_from_path(self.model, path)[-1]
        except FieldDoesNotExist:
            return False
        return bool(field.remote_field) and rest[0] == field.target_field.name
