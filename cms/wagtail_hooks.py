from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape, format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.contrib.forms.utils import get_form_types
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text.pages import PageLinkHandler
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .modeladmin import CheckedHistoryView, CheckedIndexView, ReadOnlyPermissionHelper
from .models import OutboxMessage
from .translations import localize_pages, original_of


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
class LocalizedPageLinkHandler(PageLinkHandler):
    """A link to a page in rich text leads to the page in the visitor's language (its translation,
    or the Swedish page under the language's prefix), with one query for all the links of a text
    and none in Swedish (Wagtail's own handler asks for the active locale once per link)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        pages = cls.get_many(attrs_list)
        localized = iter(localize_pages([page for page in pages if page is not None]))
        return [
            '<a href="%s">' % escape(next(localized).localized_url or "") if page else "<a>" for page in pages
        ]


@hooks.register("register_rich_text_features", order=100)
def localized_page_links(features):
    features.register_link_type(LocalizedPageLinkHandler)


@hooks.register("on_serve_page")
def restrictions_of_the_original(serve):
    """A translation is as private as its Swedish original, whatever restrictions were copied to it
    (copies keep the restrictions they had when made; later ones are on the original only)."""

    def inner(page, request, args, kwargs):
        source = original_of(page)
        if source is not page:
            for restriction in source.get_view_restrictions():
                if restriction.accept_request(request):
                    continue
                if restriction.restriction_type == PageViewRestriction.PASSWORD:
                    form = PasswordViewRestrictionForm(instance=restriction, initial={"return_url": request.get_full_path()})
                    action_url = reverse("wagtailcore_authenticate_with_password", args=[restriction.id, source.id])
                    response = source.specific.serve_password_required_response(request, form, action_url)
                else:
                    response = redirect_to_login(request.get_full_path(), settings.WAGTAIL_FRONTEND_LOGIN_URL)
                add_never_cache_headers(response)
                return response
        return serve(page, request, args, kwargs)

    return inner
