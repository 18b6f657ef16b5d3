from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.forms import PasswordViewRestrictionForm
from wagtail.models import PageViewRestriction
from wagtail.rich_text.pages import PageLinkHandler
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .modeladmin import CheckedHistoryView, ReadOnlyPermissionHelper
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
