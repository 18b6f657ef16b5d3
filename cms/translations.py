"""Pages in several languages (Wagtail's locales; editors translate with simple_translation).

The Swedish page tree is the site: every page is made in Swedish first, and a translation is a
copy in another locale that carries the same `translation_key`. So:

- records are read from the Swedish originals (`originals()`): a translated styrdokument or
  programme page is the same document, never a second one in a listing, a feed or open data;
- an address in another language is the translation's address, or, while a page has no live
  translation, the Swedish page's address under the language's prefix (`/en/styrdokument/`),
  which serves the Swedish page with a notice (`route`);
- lists (the menu, the home page's shortcuts, the styrdokument index) are the originals with
  each one's translation swapped in where there is one (`localize_pages`).

An alias (what Wagtail makes of an untranslated parent when an editor translates a child) shows
Swedish text: it counts as no translation, and its address serves the Swedish page with the notice.
"""

from django.conf import settings
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.http import Http404, HttpResponseRedirect
from django.urls import translate_url
from django.utils import translation
from django.utils.http import urlencode
from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage
from wagtail.signals import copy_for_translation_done

from . import memo
from .i18n import (
    default_language,
    site_language_codes,
    strip_language_prefix,
    with_language_prefix,
)

# Query parameters that carry a personal key (the evaluation's link): never copied into a link.
SECRET_PARAMETERS = {"nyckel"}

_locale_codes = {}


def _forget_locale(sender, instance, **kwargs):
    for locale_id in [key for key, code in _locale_codes.items() if code == instance.language_code]:
        _locale_codes.pop(locale_id)
    _locale_codes.pop(instance.pk, None)


post_save.connect(_forget_locale, sender=Locale)
post_delete.connect(_forget_locale, sender=Locale)


@receiver(copy_for_translation_done)
def govern_like_the_original(sender, source_obj, target_obj, **kwargs):
    """A translation is edited and approved like its original: the same moderation workflow (a
    styrdokument's translation too is approved by the committee secretary) and the same groups'
    permissions on the page."""
    if not isinstance(source_obj, Page):
        return
    for assigned in WorkflowPage.objects.filter(page=source_obj):
        WorkflowPage.objects.get_or_create(page=target_obj, defaults={"workflow": assigned.workflow})
    for granted in GroupPagePermission.objects.filter(page=source_obj):
        GroupPagePermission.objects.get_or_create(group=granted.group, page=target_obj, permission=granted.permission)


def language_of(page):
    """The language code of a page's locale, without a query once the locales are known."""
    code = _locale_codes.get(page.locale_id)
    if code is None:
        _locale_codes.update(Locale.all_objects.values_list("pk", "language_code"))
        code = _locale_codes.get(page.locale_id, default_language())
    return code


def originals(queryset):
    """The Swedish pages of a page queryset: the records themselves, not their translations."""
    return queryset.filter(locale__language_code=default_language())


def ensure_locales(**kwargs):
    """A Wagtail locale for every language the site speaks (run after every migrate)."""
    for code in site_language_codes():
        Locale.all_objects.get_or_create(language_code=code)


def original_of(page):
    """The Swedish page a translation was made from (itself for a Swedish page)."""
    if language_of(page) == default_language():
        return page
    found = Page.objects.filter(translation_key=page.translation_key, locale__language_code=default_language()).first()
    return found.specific_deferred if found else page


def _live_translations(pages, language):
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    found = Page.objects.live().filter(translation_key__in=keys, locale__language_code=language, alias_of__isnull=True)
    return {page.translation_key: page for page in found}


def _mark(page, language, url):
    page.content_language = language
    page.localized_url = url
    return page


def localize_pages(pages, request=None, specific=False):
    """The pages in the visitor's language, in the same order: each page's live translation where
    there is one, else the page itself, addressed under the language's prefix. Each page carries
    `localized_url` and `content_language` (for a `lang` attribute). One query, none in Swedish."""
    pages = list(pages)
    language = translation.get_language()
    if language == default_language():
        return [_mark(page, language_of(page), page.get_url(request)) for page in pages]
    found = _live_translations([page for page in pages if language_of(page) != language], language)
    if specific and found:
        found = {page.translation_key: page for page in Page.objects.filter(pk__in=[p.pk for p in found.values()]).specific()}
    result = []
    for page in pages:
        if language_of(page) == language:
            result.append(_mark(page, language, page.get_url(request)))
        elif page.translation_key in found:
            result.append(_mark(found[page.translation_key], language, found[page.translation_key].get_url(request)))
        else:
            result.append(_mark(page, language_of(page), with_language_prefix(page.get_url(request) or "/", language)))
    return result


def localized_url(page, request=None):
    """The address of a page for the visitor's language (see the module's docstring)."""
    url = getattr(page, "localized_url", None)
    if url is None:
        # Kept on the page: a listing asks for it once per row.
        url = page.localized_url = localize_pages([page], request)[0].localized_url
    return url


def localized_full_url(page):
    """`localized_url` with the site's address in front, for a mail or a feed."""
    url = localized_url(page)
    if url.startswith("/"):
        url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url


def localized(page):
    """The page to show for the visitor's language: its live translation, else the page itself."""
    return localize_pages([page])[0]


# --- serving -----------------------------------------------------------------------------------


def _route(root, request, components):
    try:
        return root.specific.route(request, components)
    except Http404:
        return None


def route(request, path):
    """Wagtail's route for the address, in the visitor's language: the translated tree first, then
    the Swedish one. A Swedish page found under /en/ whose translation lives at another address
    answers with a redirect there; one with no translation is served as it is (the notice and the
    `lang` attributes come from the templates)."""
    site = memo.site_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    language = translation.get_language()
    root = site.root_page
    if language != default_language():
        # The translated tree may hang from an alias of the home page; routing goes through it.
        translated_root = Page.objects.live().filter(
            translation_key=root.translation_key, locale__language_code=language
        ).first()
        if translated_root is not None:
            result = _route(translated_root, request, components)
            if result is not None and result[0].alias_of_id:
                return (result[0].alias_of.specific, *result[1:])
            if result is not None:
                return result
    result = _route(root, request, components)
    if result is None or language == default_language() or language_of(result[0]) == language:
        return result
    page = result[0]
    translated = _live_translations([page], language).get(page.translation_key)
    if translated is None:
        return result
    depth = page.depth - root.depth
    rest = "".join(f"{component}/" for component in components[depth:])
    target = translated.get_url(request) + rest
    if target == request.path:
        return result
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(target + (f"?{query}" if query else ""))


def serve(request, path):
    """Wagtail's `serve`, with the route found in the visitor's language."""
    from wagtail import views

    if translation.get_language() == default_language():
        # Swedish routes as Wagtail does, through the routes kept per generation when they are on.
        memo.prepare_route(request, path)
    if not hasattr(request, "_wagtail_route_for_request"):
        result = route(request, path)
        if isinstance(result, HttpResponseRedirect):
            return result
        request._wagtail_route_for_request = result
    return views.serve(request, path)


# --- the same place in every language ----------------------------------------------------------


def _page_remainder(request, page):
    """What follows the page's own address in the request (a routable page's sub-path), or None
    when the request is not about this page."""
    url = page.get_url(request)
    if not url:
        return None
    for path in (request.path, strip_language_prefix(request.path)):
        if path.startswith(url):
            return path[len(url) :]
    return None


def translation_urls(request, page):
    """{language: address} of the page's live translations (itself included), read once per
    content generation (cms/memo.py)."""
    site = memo.site_for_request(request)

    def find():
        found = Page.objects.live().filter(translation_key=page.translation_key, alias_of__isnull=True)
        return {language_of(p): p.get_url(request) for p in found}

    return memo.shared(("translation-urls", site.pk if site else None, page.translation_key), find)


def alternates(request, page=None):
    """The current address in each of the site's languages, as dicts with `code`, `url` (with the
    query string), `current` and `available` (False when that language would show the page in
    Swedish). Empty where the address has no other languages (the admin, open data, feeds)."""
    cached = getattr(request, "_insyn_alternates", None)
    if cached is not None:
        return cached
    codes = site_language_codes()
    current = translation.get_language()
    # The same query in the other language, but never a personal key (it would be written into the page).
    query = urlencode([(name, values) for name, values in request.GET.lists() if name not in SECRET_PARAMETERS], doseq=True)
    suffix = f"?{query}" if query else ""
    result = []
    remainder = _page_remainder(request, page) if isinstance(page, Page) and page.pk else None
    if remainder is not None:
        urls = translation_urls(request, page)
        source = urls.get(default_language())
        source_url = source + remainder if source else strip_language_prefix(request.path)
        for code in codes:
            found = urls.get(code)
            url = found + remainder if found else with_language_prefix(source_url, code)
            result.append({"code": code, "url": url + suffix, "available": found is not None})
    elif len(codes) > 1 and translate_url(request.path, next(c for c in codes if c != current)) != request.path:
        for code in codes:
            result.append({"code": code, "url": with_language_prefix(request.path, code) + suffix, "available": True})
    for item in result:
        item["current"] = item["code"] == current
        item["absolute_url"] = request.build_absolute_uri(item["url"])
    request._insyn_alternates = result
    return result
