"""A small per-address limit on Django's cache API.

django-ratelimit refuses the local-memory cache this site uses by default, so this counts
with `cache.add` + `cache.incr`, which are atomic on Redis and guarded by a lock in the
local-memory cache. The window is fixed: it starts with the first hit from an address.
"""

import hashlib

from axes.helpers import get_client_ip_address
from django.core.cache import cache


def client_address(request):
    """The client's address as the login lockout sees it (X-Forwarded-For behind the proxy)."""
    return get_client_ip_address(request) or request.META.get("REMOTE_ADDR", "") or "unknown"


def _key(scope, address):
    digest = hashlib.sha256(address.encode()).hexdigest()[:32]
    return f"insyn:ratelimit:{scope}:{digest}"


def hit(request, scope, limit, window):
    """Count one hit for the request's address; False when this hit goes over `limit`
    within `window` seconds."""
    key = _key(scope, client_address(request))
    # `add` only sets the key when it is missing, so the window is not extended by later hits.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this hit opens a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def reset(request, scope):
    cache.delete(_key(scope, client_address(request)))
