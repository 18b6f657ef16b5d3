"""Template tags for pages in several languages (cms/i18n.py, cms/translations.py)."""

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info

from cms.i18n import default_language, site_language_codes, with_language_prefix
from cms.languages import KNOWN
from cms.translations import alternates, language_of, localize_pages, localized_url

register = template.Library()


def _described(code):
    info = get_language_info(code)
    return {"code": code, "name_local": KNOWN[code][2] if code in KNOWN else info["name_local"],
            "name": translation.gettext(KNOWN[code][0]) if code in KNOWN else info["name_translated"]}


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """The current address in every language the site speaks (for hreflang and the switcher)."""
    request = context.get("request")
    if request is None:
        return []
    return [{**item, **_described(item["code"])} for item in alternates(request, context.get("page"))]


@register.simple_tag
def site_languages():
    """The languages the municipality has turned on, with their own and their translated names."""
    return [_described(code) for code in site_language_codes()]


@register.simple_tag(takes_context=True)
def localized_pageurl(context, page):
    """`{% pageurl %}` in the visitor's language: the translation, or the page under the prefix."""
    return localized_url(page, context.get("request"))


@register.simple_tag
def localized_path(path):
    """A path of Insyn's own (`/synpunkter/`) in the visitor's language (`/en/synpunkter/`)."""
    return with_language_prefix(path, translation.get_language())


@register.simple_tag
def content_language(page):
    """The language a page's text is written in."""
    return getattr(page, "content_language", None) or language_of(page)


@register.simple_tag
def content_lang(page):
    """` lang="sv"` on a page's own text when it is shown on a page in another language."""
    if page is None:
        return ""
    language = content_language(page)
    if language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)


@register.simple_tag
def register_lang():
    """` lang="sv"` on the register's own Swedish text (a manager's title, a reason written in
    Swedish) when the page around it is in another language."""
    if translation.get_language() == default_language():
        return ""
    return format_html(' lang="{}"', default_language())


@register.simple_tag(takes_context=True)
def localized_page(context, page):
    """The page to show for the visitor's language (its translation, or the page itself)."""
    return localize_pages([page], context.get("request"))[0] if page is not None else None
