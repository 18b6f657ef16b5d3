from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from wagtail.models import Page, PageViewRestriction, Site

from cms.translations import localize_pages
from home.models import AccessibilityStatementPage

register = template.Library()

NAVIGATION_ATTRIBUTE = "_insyn_navigation"


def _site_root(request):
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


def navigation(request):
    """The main menu and the accessibility statement of the request's site, with one query
    and once per request: the live children of the site root that are in the menu or are the
    statement, each marked when it or an ancestor has a view restriction (what
    `PageQuerySet.public()` excludes, without its separate query for the restrictions). In another
    language each page is its translation where there is one (one more query)."""
    cached = getattr(request, NAVIGATION_ATTRIBUTE, None) if request else None
    if cached is not None:
        return cached
    root = _site_root(request)
    result = {"menu": [], "statement": None}
    if root is not None:
        statement_type = ContentType.objects.get_for_model(AccessibilityStatementPage)  # cached by Django
        restricted = PageViewRestriction.objects.filter(
            page__path=Substr(OuterRef("path"), 1, Length("page__path"))
        )
        children = (
            Page.objects.child_of(root)
            .live()
            .filter(Q(show_in_menus=True) | Q(content_type=statement_type))
            .annotate(restricted=Exists(restricted))
            .order_by("path")
        )
        for page in children:
            if page.show_in_menus and not page.restricted:
                result["menu"].append(page)
            if page.content_type_id == statement_type.pk and result["statement"] is None:
                result["statement"] = page
        pages = localize_pages(result["menu"] + ([result["statement"]] if result["statement"] else []), request)
        result["menu"] = pages[: len(result["menu"])]
        result["statement"] = pages[-1] if result["statement"] else None
    if request is not None:
        setattr(request, NAVIGATION_ATTRIBUTE, result)
    return result


@register.simple_tag(takes_context=True)
def main_menu(context):
    return navigation(context.get("request"))["menu"]


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    request = context.get("request")
    statement = navigation(request)["statement"]
    return statement.localized_url if statement else ""


@register.simple_tag
def field_widget(bound_field):
    """The widget with its help text and errors tied to it for screen readers."""
    described_by = []
    if bound_field.help_text:
        described_by.append(f"{bound_field.auto_id}_helptext")
    attrs = {}
    if bound_field.errors:
        described_by.append(f"{bound_field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return bound_field.as_widget(attrs=attrs)
