"""Production settings for `make load`: plain HTTP on loopback (bench.settings), errors logged.

The load spreads anonymous feedback over many client addresses, as many residents would
send it: each client sends its own X-Forwarded-For, which production reads behind its proxy.
"""

from bench.settings import *  # noqa: F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR"}},
}
