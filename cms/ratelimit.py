"""A small per-key limit on Django's cache API.

django-ratelimit refuses the local-memory cache this site uses by default, so this counts
with `cache.add` + `cache.incr`, which are atomic on Redis and guarded by a lock in the
local-memory cache. The window is fixed: it starts with the first hit.
"""

import hashlib

from django.core.cache import cache

from .network import client_address


def _key(scope, value):
    digest = hashlib.sha256(value.encode()).hexdigest()[:32]
    return f"insyn:ratelimit:{scope}:{digest}"


def hit_key(scope, value, limit, window):
    """Count one hit for `value` (an address, an e-mail address); False when this hit goes
    over `limit` within `window` seconds."""
    key = _key(scope, value)
    # `add` only sets the key when it is missing, so the window is not extended by later hits.
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add and incr: this hit opens a new window.
        cache.add(key, 1, timeout=window)
        count = 1
    return count <= limit


def hit(request, scope, limit, window):
    """Count one hit for the request's client address (cms.network)."""
    return hit_key(scope, client_address(request) or "unknown", limit, window)


def reset(request, scope):
    cache.delete(_key(scope, client_address(request) or "unknown"))
