from typing import NamedTuple

from django import template
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from wagtail.models import Page, PageViewRestriction

from cms import memo, page_cache
from cms.translations import localize_pages
from home.models import AccessibilityStatementPage

register = template.Library()

NAVIGATION_ATTRIBUTE = "_insyn_navigation"


class MenuItem(NamedTuple):
    """A page as the header and footer link it; the address is worked out once per generation
    (Wagtail's `get_url` reverses a URL pattern for every call)."""

    pk: int
    title: str
    url: str
    content_language: str


def navigation(request):
    """The main menu and the accessibility statement of the request's site, once per request
    and kept per generation (cms/memo.py: a publish, move or new restriction shows at the next
    request). Read with one query: the live children of the site root that are in the menu or
    are the statement, each marked when it or an ancestor has a view restriction (what
    `PageQuerySet.public()` excludes, without its separate query for the restrictions). In another
    language each page is its translation where there is one (one more query)."""
    cached = getattr(request, NAVIGATION_ATTRIBUTE, None) if request else None
    if cached is not None:
        return cached
    site = memo.site_for_request(request) if request else None
    result = {"menu": [], "statement": None}
    if site is not None:
        key = ("navigation", site.pk, get_language())
        result = memo.shared(key, lambda: _navigation(site.root_page, request))
    if request is not None:
        setattr(request, NAVIGATION_ATTRIBUTE, result)
    return result


def _navigation(root, request):
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
        menu, statement = [], None
        for page in children:
            if page.show_in_menus and not page.restricted:
                menu.append(page)
            if page.content_type_id == statement_type.pk and statement is None:
                statement = page
        items = [
            MenuItem(page.pk, page.title, page.localized_url, page.content_language)
            for page in localize_pages(menu + ([statement] if statement else []), request)
        ]
        result["menu"] = items[: len(menu)]
        result["statement"] = items[-1] if statement else None
    return result


@register.simple_tag(takes_context=True)
def main_menu(context):
    return navigation(context.get("request"))["menu"]


@register.simple_tag(takes_context=True)
def accessibility_statement_url(context):
    statement = navigation(context.get("request"))["statement"]
    return statement.url if statement else ""


@register.simple_tag(takes_context=True)
def personal(context, template_name, argument=None):
    """A part of the page for the user who asks (login or logout, messages, the user bar, a
    session's sign-up status), rendered for every request also when the rest comes from the
    page cache's shared copy. `argument` (letters, digits, `-`) reaches the template as
    `argument`, as text when the part is filled into a shared copy."""
    template = context.template.engine.get_template(template_name)
    name = page_cache.personal_name(template_name, argument)

    def render():
        with context.push(argument=argument):
            return template.render(context)

    return mark_safe(page_cache.personal_part(context.get("request"), name, render))  # noqa: S308


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
