"""Production settings for benchmarks: a bare view beside the real URLs, plain HTTP on loopback."""

import os

from cms.settings.production import *  # noqa: F403

# Each run collects static files into its own temporary folder.
STATIC_ROOT = os.environ["INSYN_BENCH_STATIC_ROOT"]

ROOT_URLCONF = "bench.urls"
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
LOGGING = {"version": 1, "disable_existing_loggers": True}
