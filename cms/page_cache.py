"""Whole Wagtail pages served from the cache to anonymous visitors.

Correct before fast, so the rules are narrow:
- Only GET/HEAD requests without a session cookie, a messages cookie or an Authorization
  header are looked up; everyone else gets the page rendered for them and never a copy.
- Only 200 answers from Wagtail's page serving (marked by a `before_serve_page` hook) are
  stored, and only when the answer sets no cookie, used no CSRF token (pages with forms), no
  CSP nonce, is not `Cache-Control: private/no-store/no-cache` and the page has no view
  restriction. `/admin/`, Mina sidor, reports, login, search, documents and feeds are not
  Wagtail pages or are excluded by prefix.
- Invalidation clears everything: a generation number kept in the cache is stored with
  every copy, a copy of another generation is never served, and the generation is replaced
  whenever a page is published, unpublished, moved or deleted, or any model of our apps
  (home, visits, training: units, sessions, sign-ups, site settings...), a view
  restriction, a site, a document or an image is saved or deleted. Public content changes
  rarely, so this is simple and never stale. `migrate` (every deploy) replaces it too, so
  pages rendered by old templates go. A short TTL (`INSYN_PAGE_CACHE_SECONDS`, 0 turns the
  cache off) covers pages that depend on today's date and changes made with
  `QuerySet.update()`, which sends no signal.

The middleware sits after the security and whitenoise middleware (HSTS, nosniff and
Referrer-Policy are added to every answer; static files never reach it) and before the
permissions-policy and CSP middleware, whose headers never vary between anonymous visitors
(nonces are refused) and are stored with the page, which keeps a hit cheap. It is also
before the session, CSRF, auth and messages middleware, so it sees every cookie they set.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.http import HttpResponse
from wagtail import hooks
from wagtail.signals import page_published, page_unpublished, post_page_move

CACHE_ALIAS = "default"
GENERATION_KEY = "insyn:pages:generation"
# Raise the version when the stored format changes.
KEY_PREFIX = "insyn:pages:v1"
MESSAGES_COOKIE = "messages"  # django.contrib.messages' CookieStorage.cookie_name
EXCLUDED_PREFIXES = (
    "/admin/", "/mina-sidor/", "/rapporter/", "/logga-in/", "/logga-ut/", "/sok/", "/dokument/", "/kalender/",
)
# Headers that belong to one answer only; every other header is stored with the page.
UNSTORED_HEADERS = {"set-cookie", "x-cache"}
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}
SERVED_PAGE_ATTRIBUTE = "_insyn_served_page"

# Changes to these models (besides every model of WATCHED_APPS) clear the page cache.
WATCHED_APPS = {"home", "visits", "training"}
WATCHED_MODELS = {
    "wagtailcore.page",
    "wagtailcore.pageviewrestriction",
    "wagtailcore.collectionviewrestriction",
    "wagtailcore.site",
    "wagtailcore.collection",
    "wagtaildocs.document",
    "wagtailimages.image",
}


def cache_seconds():
    return getattr(settings, "INSYN_PAGE_CACHE_SECONDS", 300)


def page_cache():
    return caches[CACHE_ALIAS]


# --- generation -----------------------------------------------------------------------------


def new_generation():
    # A clock value, never a counter: a generation lost from the cache (evicted, restarted)
    # is replaced by one no earlier entry was stored under.
    return time.time_ns()


def current_generation(cache):
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, new_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def clear_page_cache():
    page_cache().set(GENERATION_KEY, new_generation(), timeout=None)


def _clear_now_and_after_commit(using=None):
    clear_page_cache()
    # Again after the commit: a visitor who rendered the page between the change and the
    # commit stored the old content under the new generation.
    transaction.on_commit(clear_page_cache, using=using)


def _is_watched(model):
    meta = model._meta
    return meta.app_label in WATCHED_APPS or meta.label_lower in WATCHED_MODELS or _is_page(model)


def _is_page(model):
    from wagtail.models import Page

    return issubclass(model, Page)


def _model_changed(sender, using=None, **kwargs):
    if _is_watched(sender):
        _clear_now_and_after_commit(using)


def _m2m_changed(sender, action, using=None, **kwargs):
    if action.startswith("post_") and _is_watched(sender):
        _clear_now_and_after_commit(using)


def _page_event(sender, **kwargs):
    _clear_now_and_after_commit()


post_save.connect(_model_changed, dispatch_uid="insyn_page_cache_post_save")
post_delete.connect(_model_changed, dispatch_uid="insyn_page_cache_post_delete")
m2m_changed.connect(_m2m_changed, dispatch_uid="insyn_page_cache_m2m")
# A deploy runs `migrate`: pages rendered by the old templates and settings go with it.
post_migrate.connect(_page_event, dispatch_uid="insyn_page_cache_migrated")
page_published.connect(_page_event, dispatch_uid="insyn_page_cache_published")
page_unpublished.connect(_page_event, dispatch_uid="insyn_page_cache_unpublished")
post_page_move.connect(_page_event, dispatch_uid="insyn_page_cache_moved")


@hooks.register("before_serve_page")
def _mark_served_page(page, request, serve_args, serve_kwargs):
    """Only answers of Wagtail's page serving are stored: remember which page it was."""
    setattr(request, SERVED_PAGE_ATTRIBUTE, page)


# --- request and response rules -------------------------------------------------------------


def is_cacheable_request(request):
    if request.method not in ("GET", "HEAD"):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    cookies = request.COOKIES
    if settings.SESSION_COOKIE_NAME in cookies or MESSAGES_COOKIE in cookies:
        return False
    return not request.path.startswith(EXCLUDED_PREFIXES)


def is_storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False  # a nonce belongs to one answer (django-csp's CSPMiddleware)
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    page = getattr(request, SERVED_PAGE_ATTRIBUTE, None)
    if page is None:
        return False
    return not page.get_view_restrictions().exists()


def cache_key(request):
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
    return f"{KEY_PREFIX}:{digest}"


def freeze(response, generation):
    headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
    return (generation, response.status_code, headers, response.content)


def thaw(entry):
    _, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    return response


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = cache_seconds()
        if not seconds or not is_cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = cache_key(request)
        # One round trip on Redis; the copy counts only if it was stored under the current generation.
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation(cache)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            response = thaw(entry)
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_storable(request, response):
            cache.set(key, freeze(response, generation), seconds)
            response["X-Cache"] = "miss"
        return response
