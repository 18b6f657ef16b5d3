"""What requests read over and over, read once.

Three lifetimes, each one exact:
- **One request** (`per_request`): a value asked for several times while one request is
  answered (the politician of the user, the current mandate period, the units a user
  manages). Outside a request (commands, the task worker, a test calling a function) every
  call builds the value afresh.
- **One generation, in this process** (`shared`): what every page reads and only editors
  change (the Site, site settings, the menu, the path from an address to its page and the
  page's view restrictions). Kept in a dict of this worker that belongs to the content
  generation of `cms.page_cache`; every write to a watched table replaces the generation,
  and with it the dict, in every worker at their next request.
- **One user, until a watched write** (`per_user`, `with_cached_permissions`): a user's
  permissions and group names (the auth generation), and the parts of Mina sidor (both
  generations and a few minutes, for what depends on the time of day), in the shared cache.
  `per_generation` keeps a value for everyone the same way (the calendar feeds).

A request that itself writes a watched table stops storing anything (its reads may see rows
its transaction has not committed yet). `INSYN_GENERATION_CACHE = False` turns the shared
and per-user kinds off (the test settings do, so query counts elsewhere stay as they are).
"""

import contextvars
import copy
import hashlib
from functools import partial

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.http import Http404
from django.http.request import split_domain_port
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import get_language
from wagtail.models import Page

from . import page_cache

# Beyond this many values in one generation nothing more is kept (addresses are the visitors' choice).
MAX_SHARED_VALUES = 5_000
PER_USER_PREFIX = "insyn:user:v1"
PER_GENERATION_PREFIX = "insyn:generation:v1"
PERMISSIONS_SECONDS = 24 * 60 * 60


def enabled():
    return getattr(settings, "INSYN_GENERATION_CACHE", True)


# --- one request ------------------------------------------------------------------------


class _Scope:
    __slots__ = ("values", "generations", "wrote")

    def __init__(self):
        self.values = {}
        self.generations = None
        self.wrote = False

    def current_generations(self):
        """(content, auth) generations, read once per request in one round trip."""
        if self.generations is None:
            self.generations = page_cache.current_generations()
        return self.generations


_scope = contextvars.ContextVar("insyn_request_memo", default=None)


def per_request(key, build):
    scope = _scope.get()
    if scope is None:
        return build()
    try:
        return scope.values[key]
    except KeyError:
        value = scope.values[key] = build()
        return value


def _note_write(sender, **kwargs):
    scope = _scope.get()
    if scope is not None:
        scope.wrote = True


page_cache.watched_write.connect(_note_write, dispatch_uid="insyn_memo_note_write")


# --- one generation, in this process -----------------------------------------------------


class _Generation:
    __slots__ = ("number", "values")

    def __init__(self, number):
        self.number = number
        self.values = {}


_generation = _Generation(None)


def shared(key, build):
    """`build()`, kept in this process while the content generation stays the same. The value
    is shared by every request and thread of the process: treat it as read-only."""
    global _generation
    scope = _scope.get()
    if scope is None or scope.wrote or not enabled():
        return build()
    number = scope.current_generations()[0]
    current = _generation
    if current.number != number:
        current = _generation = _Generation(number)
    try:
        return current.values[key]
    except KeyError:
        pass
    value = build()
    if len(current.values) < MAX_SHARED_VALUES and not scope.wrote:
        current.values[key] = value
    return value


# --- one user, in the shared cache ---------------------------------------------------------


def per_user(user, name, build, seconds):
    """`build()` for this user, kept in the shared cache until the next watched write (content
    or auth) or `seconds`. The value must pickle (plain data, strings, not querysets)."""
    if not user.is_authenticated:
        return build()
    return _kept(f"{PER_USER_PREFIX}:{user.pk}", name, build, seconds)


def per_generation(name, build, seconds):
    """`build()`, kept in the shared cache for every worker until the next watched write
    (content or auth) or `seconds`; `name` says everything the value depends on."""
    return _kept(PER_GENERATION_PREFIX, name, build, seconds)


def _kept(prefix, name, build, seconds):
    scope = _scope.get()
    if not seconds or scope is None or scope.wrote or not enabled():
        return build()
    generations = scope.current_generations()
    digest = hashlib.sha256(name.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    key = f"{prefix}:{digest}"
    cache = page_cache.page_cache()
    entry = cache.get(key)
    if entry is not None and entry[0] == generations and entry[1] == name:
        return entry[2]
    value = build()
    if not scope.wrote:
        cache.set(key, (generations, name, value), seconds)
    return value


def with_cached_permissions(user):
    """Fill in what Django's ModelBackend keeps on a user object (`_user_perm_cache`,
    `_group_perm_cache`, `_perm_cache`) and the user's group names from the shared cache. They
    are computed by ModelBackend itself and kept under the auth generation, which every write
    to users, groups, permissions and their links replaces: the checks stay exact, and a
    request no longer reads every permission of the user twice."""
    scope = _scope.get()
    if scope is None or not enabled() or not user.is_authenticated or not user.is_active:
        return user
    auth_generation = scope.current_generations()[1]
    cache = page_cache.page_cache()
    key = f"{PER_USER_PREFIX}:{user.pk}:permissions"
    entry = cache.get(key)
    if entry is None or entry[0] != auth_generation:
        ModelBackend().get_all_permissions(user)
        groups = frozenset(user.groups.values_list("name", flat=True))
        entry = (auth_generation, user._user_perm_cache, user._group_perm_cache, user._perm_cache, groups)
        if not scope.wrote:
            cache.set(key, entry, PERMISSIONS_SECONDS)
    else:
        user._user_perm_cache, user._group_perm_cache, user._perm_cache = entry[1:4]
    user._insyn_group_names = entry[4]
    return user


def _load_user(lazy_user):
    if lazy_user._wrapped is empty:
        lazy_user._setup()
    return with_cached_permissions(lazy_user._wrapped)


class WatchedUser(SimpleLazyObject):
    """`request.user`, loaded on first use, that tells the page cache when a page's content
    reads it (such a page is never shared between users: cms.page_cache)."""

    def __init__(self, func, request):
        self.__dict__["_request"] = request
        super().__init__(func)

    def __getattr__(self, name):
        page_cache.note_user_read(self.__dict__["_request"])
        return super().__getattr__(name)


# --- Wagtail: the site and the page for an address ----------------------------------------


def site_for_request(request):
    """`Site.find_for_request`, with the root page loaded, kept per generation."""
    from wagtail.models import Site

    hostname, port = split_domain_port(request._get_raw_host())[0], request.get_port()

    def find():
        # Wagtail may have found it already in this request (a page's `get_url(request)`).
        site = request._wagtail_site if hasattr(request, "_wagtail_site") else Site._find_for_request(request)
        if site is not None:
            site.root_page  # noqa: B018 (loaded once, before the instance is shared)
        return site

    site = shared(("site", hostname, port), find)
    if not hasattr(request, "_wagtail_site"):
        request._wagtail_site = site
    return request._wagtail_site


class KnownRestrictions(list):
    """Stands in for `page.get_view_restrictions` (a method returning a queryset): the page's
    and its ancestors' view restrictions, read once per generation. Wagtail's check iterates
    it and tests it for truth, as it does the queryset."""

    def __call__(self):
        return self


def _routes(site):
    return shared(("routes", site.pk, get_language()), dict)


def _pristine(page):
    """A copy of `page`, kept per generation, with its view restrictions and the rows its own
    foreign keys point at (a styrdokument's type, committee, predecessor) read once."""
    kept = copy.copy(page)
    kept.get_view_restrictions = KnownRestrictions(page.get_view_restrictions())
    for field in type(page)._meta.concrete_fields:
        if field.many_to_one and not issubclass(Page, field.model) and getattr(page, field.attname) is not None:
            getattr(kept, field.name)
    return kept


def _fresh(kept):
    """A copy of a kept page for one request: what the request sets on it stays its own."""
    page = copy.copy(kept)
    for name in ("specific", "specific_deferred"):  # cached properties that point at the kept page
        page.__dict__.pop(name, None)
    return page


def _walks_plainly(page, root, start):
    """True when Wagtail's own walk from `root` down to `page` passes only pages that route by
    their children's slugs (no RoutablePageMixin or own `route` above `page`), so that a later
    address below `page` can start the walk at `page`. `start` is the kept page this walk began
    at, which already passed this test."""
    from django.contrib.contenttypes.models import ContentType

    if type(start).route is not Page.route:
        return False
    if page.depth == start.depth + 1:
        return True  # found among `start`'s children: the walk above `start` is known
    content_types = (
        Page.objects.ancestor_of(page).filter(depth__gte=root.depth).values_list("content_type_id", flat=True)
    )
    for content_type_id in content_types:
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None or model.route is not Page.route:
            return False
    return True


def prepare_route(request, path):
    """Answer Wagtail's `Page.route_for_request` before its serve view asks: start the walk
    down the tree at the deepest page already known for the start of the address (kept per
    generation, so a publish, move or unpublish is seen at the next request), and let that
    page's own `route()` decide the rest exactly as Wagtail would."""
    scope = _scope.get()
    if scope is None or not enabled() or request.method not in ("GET", "HEAD"):
        return
    if hasattr(request, "_wagtail_route_for_request"):
        return
    site = site_for_request(request)
    if site is None:
        return
    components = tuple(part for part in path.split("/") if part)
    routes = _routes(site)
    # The Swedish tree (cms.translations routes the other languages): `.localized` would ask for the locale.
    root = site.root_page.specific
    if () not in routes:
        routes[()] = _pristine(root)
    depth = next(n for n in range(len(components), -1, -1) if components[:n] in routes)
    start = routes[components[:depth]]
    try:
        result = _fresh(start).route(request, list(components[depth:]))
    except Http404:
        result = None
    request._wagtail_route_for_request = result
    if result is None or isinstance(result[0].get_view_restrictions, KnownRestrictions):
        return
    page = result[0]
    kept = _pristine(page)
    page.get_view_restrictions = kept.get_view_restrictions
    if not page.url_path.startswith(root.url_path):
        return
    found = tuple(part for part in page.url_path[len(root.url_path):].split("/") if part)
    if found == components[: len(found)] and not scope.wrote and _walks_plainly(page, root, start):
        if len(routes) < MAX_SHARED_VALUES:
            routes[found] = kept


# --- the middleware --------------------------------------------------------------------------


class RequestMemoMiddleware:
    """Opens the request's memo; before the view, prepares Wagtail's routing and puts the
    user in a `WatchedUser`, whose permissions are filled in from the shared cache when it is
    first read."""

    def __init__(self, get_response):
        from wagtail.views import serve

        self.get_response = get_response
        self.wagtail_serve = serve

    def __call__(self, request):
        token = _scope.set(_Scope())
        try:
            return self.get_response(request)
        finally:
            _scope.reset(token)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.__dict__.get("user")
        if isinstance(user, SimpleLazyObject) and not isinstance(user, WatchedUser):
            request.user = WatchedUser(partial(_load_user, user), request)
        if view_func is self.wagtail_serve:
            prepare_route(request, view_args[0] if view_args else view_kwargs.get("path", ""))
        return None
