"""Admin pieces every app shares."""

from django.core.exceptions import PermissionDenied
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.views import HistoryView


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
