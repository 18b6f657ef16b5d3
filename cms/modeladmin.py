"""Admin pieces every app shares."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import HistoryView

from . import roles


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
