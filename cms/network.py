"""The client's address, for the login lockout and every per-address limit.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only when the
request comes from a proxy named in `INSYN_TRUSTED_PROXIES` (addresses or networks; none by
default). Then the header is read from the right, where each trusted proxy appended the address
it saw, and the first address that is not a trusted proxy is the client: whatever a client puts
at the left of the header itself is never reached.
"""

import ipaddress
import logging
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)
_warned = set()


@lru_cache(maxsize=8)
def parse_networks(items):
    """('10.0.0.1', '192.168.0.0/24') as networks; settings call it at start-up, so a typo stops it."""
    networks = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(f"INSYN_TRUSTED_PROXIES: {item!r} är ingen IP-adress eller nätmask.") from error
    return tuple(networks)


def parse_address(value):
    """An address as a header or WSGI gives it ('203.0.113.9', '[2001:db8::1]:443',
    '203.0.113.9:51234'), or None when it is not one."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        return ipaddress.ip_address(value)
    except ValueError:
        return None


def _trusted(address, networks):
    return any(address in network for network in networks)


def client_address(request):
    """The address the request came from, as a string (None when the server gave none)."""
    remote = parse_address(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    networks = parse_networks(tuple(settings.INSYN_TRUSTED_PROXIES))
    if not _trusted(remote, networks):
        if remote.is_private and "HTTP_X_FORWARDED_FOR" in request.META and remote not in _warned:
            # Most likely a proxy nobody named: every client then counts as the proxy's address.
            _warned.add(remote)
            logger.warning("X-Forwarded-For från %s, som inte står i INSYN_TRUSTED_PROXIES, används inte.", remote)
        return str(remote)
    client = remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for hop in reversed([part for part in forwarded.split(",") if part.strip()]):
        address = parse_address(hop)
        if address is None:
            # A trusted proxy passed on something that is no address: count that proxy.
            break
        client = address
        if not _trusted(address, networks):
            break
    return str(client)
