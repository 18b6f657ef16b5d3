"""Whole Wagtail pages served from the cache to anonymous visitors, and the generation
numbers that say when anything cached from the database is out of date.

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
  whenever a row of a watched table is written: every table of our apps (home, visits,
  training: pages, units, sessions, sign-ups, site settings...), Wagtail's pages, view
  restrictions, sites, collections, documents and images. The writes are seen in the SQL
  itself (a database execute wrapper), so `QuerySet.update()`, `bulk_create()` and raw SQL
  count as much as `save()`. Public content changes rarely, so this is simple and never
  stale. `migrate` (every deploy) replaces it too, so pages rendered by old templates go. A
  short TTL (`INSYN_PAGE_CACHE_SECONDS`, 0 turns the cache off) covers pages that depend on
  today's date.
- A second generation does the same for users, groups and permissions (`auth` tables):
  what is kept per user (permissions, Mina sidor) is stored under both, so a login (which
  writes `last_login`) does not clear the anonymous pages.

Logged-in users (and anyone with a session) get the same copy of a page, minus its personal
parts: the `on_serve_page` hook below stores a page's answer once per generation when its
content never read the user, the CSRF token or the session and set no cookie (a page with a
sign-up button or a form never qualifies), with the parts marked personal (`{% personal %}`:
in `base.html` the login or logout links, messages and Wagtail's user bar; on the training
programme each session's sign-up status) cut out; each request renders those for its own user
and puts them back. The view restriction check runs before it, and pages with a restriction are
never stored.

The middleware sits after the security and whitenoise middleware (HSTS, nosniff and
Referrer-Policy are added to every answer; static files never reach it) and before the
permissions-policy and CSP middleware, whose headers never vary between anonymous visitors
(nonces are refused) and are stored with the page, which keeps a hit cheap. It is also
before the session, CSRF, auth and messages middleware, so it sees every cookie they set.
"""

import hashlib
import re
import time
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.signals import setting_changed
from django.db import connections, transaction
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.dispatch import Signal
from django.http import HttpResponse
from django.template import RequestContext
from django.template.loader import get_template
from django.utils.translation import get_language
from wagtail import hooks

from .i18n import strip_language_prefix

CACHE_ALIAS = "default"
GENERATION_KEY = "insyn:pages:generation"
AUTH_GENERATION_KEY = "insyn:auth:generation"
CONTENT, AUTH = GENERATION_KEY, AUTH_GENERATION_KEY  # the two kinds of writes, named by their key
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
# A page rendered to be shared marks its personal parts (cms.page_cache.personal_part).
SHARED_RENDER_ATTRIBUTE = "_insyn_shared_render"
PERSONAL_DEPTH_ATTRIBUTE = "_insyn_personal_depth"
USER_READ_ATTRIBUTE = "_insyn_user_read"
# A personal part's name: its template, and an argument after a colon (`training/x.html:12`).
PERSONAL_NAME = r"[\w./-]+(?::[\w-]+)?"
PERSONAL_PART = re.compile(rf"<!--insyn-personal:({PERSONAL_NAME})-->(.*?)<!--/insyn-personal-->", re.DOTALL)
PERSONAL_HOLE = re.compile(rf"<!--insyn-personal:({PERSONAL_NAME})-->")

# Writes to the tables of these models (besides every model of WATCHED_APPS and every page
# type) replace the content generation; writes to the tables of AUTH_APPS the auth generation.
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
# A watched app's table that no page or kept value reads: the feeds' record of what they served
# changes only after the content did (training/models/served_feeds.py).
UNWATCHED_MODELS = {"training.servedfeed"}
AUTH_APPS = {"auth"}
# SQLite writes `INSERT OR IGNORE INTO` for bulk_create(ignore_conflicts=True).
WRITE_STATEMENT = re.compile(
    r"\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM|REPLACE\s+INTO)\s+[\"`]?(\w+)", re.IGNORECASE
)

# Sent (sender = CONTENT or AUTH) on every write to a watched table, in the writing thread.
watched_write = Signal()


def cache_seconds():
    return getattr(settings, "INSYN_PAGE_CACHE_SECONDS", 300)


def page_cache():
    return caches[CACHE_ALIAS]


# --- generations ----------------------------------------------------------------------------


def new_generation():
    # A clock value, never a counter: a generation lost from the cache (evicted, restarted)
    # is replaced by one no earlier entry was stored under.
    return time.time_ns()


def current_generation(cache, key=GENERATION_KEY):
    generation = cache.get(key)
    if generation is None:
        cache.add(key, new_generation(), timeout=None)
        generation = cache.get(key)
    return generation


def current_generations(keys=(CONTENT, AUTH)):
    """The current generations of `keys`, in one round trip when they are all there."""
    cache = page_cache()
    found = cache.get_many(keys)
    return tuple(found.get(key) or current_generation(cache, key) for key in keys)


def replace_generation(kind=CONTENT):
    page_cache().set(kind, new_generation(), timeout=None)


def clear_page_cache():
    replace_generation(CONTENT)


@lru_cache(maxsize=1)
def watched_tables():
    """{table name: kind} for every watched model, m2m link tables included."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        owner = model._meta.auto_created or model  # a link table belongs to the model that declares it
        if _is_watched(owner):
            tables[model._meta.db_table] = CONTENT
        elif owner._meta.app_label in AUTH_APPS:
            tables[model._meta.db_table] = AUTH
    return tables


def _is_watched(model):
    meta = model._meta
    if meta.label_lower in UNWATCHED_MODELS:
        return False
    return meta.app_label in WATCHED_APPS or meta.label_lower in WATCHED_MODELS or _is_page(model)


def _is_page(model):
    from wagtail.models import Page

    return issubclass(model, Page)


def _bump_content_after_commit():
    replace_generation(CONTENT)


def _bump_auth_after_commit():
    replace_generation(AUTH)


AFTER_COMMIT = {CONTENT: _bump_content_after_commit, AUTH: _bump_auth_after_commit}


def written(kind, connection):
    """A watched table was written: replace the generation now and once more after the commit
    (a reader between the write and the commit stored the old rows under the new number)."""
    replace_generation(kind)
    if connection.in_atomic_block:
        after_commit = AFTER_COMMIT[kind]
        queued = connection.run_on_commit
        if not queued or queued[-1][1] is not after_commit:  # a loop of writes queues it once
            transaction.on_commit(after_commit, using=connection.alias)
    watched_write.send(sender=kind)


def watch_writes(execute, sql, params, many, context):
    """Database execute wrapper: every INSERT, UPDATE or DELETE of a watched table counts."""
    result = execute(sql, params, many, context)
    if isinstance(sql, str) and sql[:1] in "IUDRiudr":
        match = WRITE_STATEMENT.match(sql)
        kind = match and watched_tables().get(match.group(1))
        if kind:
            written(kind, context["connection"])
    return result


def install_write_watch(connection, **kwargs):
    if watch_writes not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, watch_writes)


def _migrated(sender, **kwargs):
    # A deploy runs `migrate`: pages rendered by the old templates and settings go with it.
    replace_generation(CONTENT)
    replace_generation(AUTH)


def _settings_changed(setting, **kwargs):
    if setting == "INSTALLED_APPS":
        watched_tables.cache_clear()


connection_created.connect(install_write_watch, dispatch_uid="insyn_watch_writes")
for _connection in connections.all(initialized_only=True):
    install_write_watch(_connection)
post_migrate.connect(_migrated, dispatch_uid="insyn_page_cache_migrated")
setting_changed.connect(_settings_changed, dispatch_uid="insyn_watched_tables")


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
    return not is_excluded(request)


def is_excluded(request):
    """Under a language's prefix too (`/en/mina-sidor/`)."""
    return strip_language_prefix(request.path).startswith(EXCLUDED_PREFIXES)


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
    return not page.get_view_restrictions()


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


# --- one copy for everyone with a session, personal parts apart ---------------------------------


def personal_part(request, template_name, render):
    """Render a personal part of the page (`render()`); while a page is rendered to be shared,
    mark it so the stored copy leaves it out, and do not count its reading of the user."""
    if request is None or not getattr(request, SHARED_RENDER_ATTRIBUTE, False):
        return render()
    depth = getattr(request, PERSONAL_DEPTH_ATTRIBUTE, 0)
    setattr(request, PERSONAL_DEPTH_ATTRIBUTE, depth + 1)
    try:
        html = render()
    finally:
        setattr(request, PERSONAL_DEPTH_ATTRIBUTE, depth)
    return f"<!--insyn-personal:{template_name}-->{html}<!--/insyn-personal-->"


def personal_name(template_name, argument=None):
    if argument is None:
        return template_name
    name = f"{template_name}:{argument}"
    if not re.fullmatch(PERSONAL_NAME, name):
        raise ValueError(f"A personal part's argument is letters, digits and '-': {argument!r}")
    return name


def note_user_read(request):
    """Called when a page's content reads the user (cms.memo's user proxy): never shared."""
    if getattr(request, SHARED_RENDER_ATTRIBUTE, False) and not getattr(request, PERSONAL_DEPTH_ATTRIBUTE, 0):
        setattr(request, USER_READ_ATTRIBUTE, True)


def shared_key(request):
    return f"{cache_key(request)}:shared:{get_language()}"


def fill_personal_parts(html, request, page):
    """Each hole rendered once for this request, in one context: the context processors run
    once however many holes (a programme's sessions each have one)."""
    names = dict.fromkeys(PERSONAL_HOLE.findall(html))
    if not names:
        return html
    templates = {}
    for name in names:
        template_name = name.partition(":")[0]
        if template_name not in templates:
            templates[template_name] = get_template(template_name).template
    context = RequestContext(request, {"page": page, "self": page})
    rendered = {}
    with context.bind_template(next(iter(templates.values()))):
        for name in names:
            template_name, _, argument = name.partition(":")
            with context.push(argument=argument or None):
                rendered[name] = templates[template_name].render(context)
    return PERSONAL_HOLE.sub(lambda match: rendered[match.group(1)], html)


def is_shareable(request, response, page, shared_html):
    """The rules for anonymous copies, and nothing in the content read by the user."""
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    if response.cookies or getattr(request, USER_READ_ATTRIBUTE, False):
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    if isinstance(getattr(request, "_csp_nonce", None), str):
        return False
    if "csrfmiddlewaretoken" in shared_html:
        return False  # a form outside the personal parts
    directives = {part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")}
    if directives & UNCACHEABLE_DIRECTIVES:
        return False
    return not page.get_view_restrictions()


@hooks.register("on_serve_page", order=10)
def serve_shared_copy(serve):
    """Inside Wagtail's view restriction check (order 0): a request that the middleware above
    does not answer (it has a session) gets the shared copy with its own personal parts."""

    def shared_or_served(page, request, serve_args, serve_kwargs):
        seconds = cache_seconds()
        if not seconds or request.method not in ("GET", "HEAD") or is_cacheable_request(request):
            return serve(page, request, serve_args, serve_kwargs)
        if "HTTP_AUTHORIZATION" in request.META or is_excluded(request):
            return serve(page, request, serve_args, serve_kwargs)
        cache = page_cache()
        key = shared_key(request)
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY) or current_generation(cache)
        entry = found.get(key)
        if entry is not None and entry[0] == generation:
            _, status, headers, html = entry
            response = HttpResponse(fill_personal_parts(html, request, page), status=status)
            for name, value in headers:
                response[name] = value
            response["X-Cache"] = "hit"
            return response
        setattr(request, SHARED_RENDER_ATTRIBUTE, True)
        try:
            response = serve(page, request, serve_args, serve_kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        finally:
            setattr(request, SHARED_RENDER_ATTRIBUTE, False)
        if response.streaming or "<!--insyn-personal:" not in (text := response.content.decode(response.charset)):
            return response
        shared_html = PERSONAL_PART.sub(lambda match: f"<!--insyn-personal:{match.group(1)}-->", text)
        response.content = PERSONAL_PART.sub(lambda match: match.group(2), text)
        if is_shareable(request, response, page, shared_html):
            headers = [(name, value) for name, value in response.items() if name.lower() not in UNSTORED_HEADERS]
            cache.set(key, (generation, response.status_code, headers, shared_html), seconds)
            response["X-Cache"] = "miss"
        return response

    return shared_or_served
