from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .modeladmin import CheckedHistoryView, CheckedIndexView, ReadOnlyPermissionHelper
from .models import OutboxMessage


@modeladmin_register
class OutboxMessageAdmin(ModelAdmin):
    model = OutboxMessage
    menu_label = _("Utgående e-post")
    menu_icon = "mail"
    add_to_settings_menu = True
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = CheckedHistoryView
    index_view_class = CheckedIndexView
    inspect_view_enabled = True
    inspect_view_fields = ["recipients", "subject", "body", "status", "attempts", "last_error", "created_at", "sent_at"]
    list_display = ["subject", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject"]


@hooks.register("insyn_my_pages_sections")
def admin_section(request):
    """Staff who work in the Wagtail admin get a way there from Mina sidor."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return None
    return {"id": "administration", "title": _("Administration"), "template": "cms/my_pages_admin.html", "order": 900}
