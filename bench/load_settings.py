"""Production settings for `make load`: plain HTTP on loopback (bench.settings), errors logged.

The load spreads anonymous feedback over many client addresses, as many residents would
send it: each client sends its own X-Forwarded-For, and the load client on loopback plays the
proxy that production believes.
"""

from bench.settings import *  # noqa: F403

INSYN_TRUSTED_PROXIES = ["127.0.0.1"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
