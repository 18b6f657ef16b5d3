from django.contrib import messages
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.forms.utils import get_form_types
from wagtail.models import Page
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


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("css/admin.css"))


@hooks.register("insyn_my_pages_sections")
def admin_section(request):
    """Staff who work in the Wagtail admin get a way there from Mina sidor."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        return None
    return {"id": "administration", "title": _("Administration"), "template": "cms/my_pages_admin.html", "order": 900}


def page_holding_submissions(page):
    """The page itself or a page below it whose form has submissions, or None. Submissions are
    records (feedback, questions sent ahead, reports and their drafts): deleting the page would
    delete them, so the page stays (it can be unpublished)."""
    forms = Page.objects.descendant_of(page, inclusive=True).filter(content_type__in=get_form_types())
    for form_page in forms.specific().order_by("path"):
        if form_page.get_submissions().exists():
            return form_page
    return None


def refuse_deleting(request, page, holder):
    if holder.pk == page.pk:
        message = gettext("”%(title)s” kan inte tas bort: formuläret har inskickade svar, och de är allmänna "
                          "handlingar som ska bevaras. Avpublicera sidan i stället.")
    else:
        message = gettext("”%(title)s” kan inte tas bort: formuläret ”%(holder)s” under den har inskickade svar, "
                          "och de är allmänna handlingar som ska bevaras. Avpublicera sidan i stället.")
    messages.error(request, message % {"title": page.get_admin_display_title(),
                                       "holder": holder.get_admin_display_title()})


@hooks.register("before_delete_page")
def keep_pages_holding_submissions(request, page):
    holder = page_holding_submissions(page)
    if holder is not None:
        refuse_deleting(request, page, holder)
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None


@hooks.register("before_bulk_action")
def keep_pages_holding_submissions_in_bulk(request, action_type, objects, action_class_instance):
    if action_type != "delete" or not all(isinstance(obj, Page) for obj in objects):
        return None
    for page in objects:
        holder = page_holding_submissions(page)
        if holder is not None:
            refuse_deleting(request, page, holder)
            return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None
