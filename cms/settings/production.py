"""Production: every secret and host comes from the environment, and a missing one stops start-up."""

import hashlib
import importlib.util
import os
import tempfile
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"Miljövariabeln {name} saknas: Insyn startar inte utan den (se README, Konfiguration)."
        )
    return value


DEBUG = False
SECRET_KEY = required("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required("DJANGO_ALLOWED_HOSTS").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS]
WAGTAILADMIN_BASE_URL = required("WAGTAILADMIN_BASE_URL")

EMAIL_HOST = required("EMAIL_HOST")
DEFAULT_FROM_EMAIL = required("DEFAULT_FROM_EMAIL")


def cache_from_environment():
    """One cache shared by every gunicorn worker: the page cache's generation and the feedback
    limit's counters must be the same in all of them, so no local-memory cache here."""
    # Two Insyn instances on one machine (or one Redis) must not share pages or counters.
    instance = hashlib.sha256(f"{BASE_DIR}|{DATABASES['default']['NAME']}".encode()).hexdigest()[:10]  # noqa: F405
    url = os.environ.get("INSYN_CACHE_URL", "").strip()
    if url:
        if not url.startswith(("redis://", "rediss://", "unix://")):
            raise ImproperlyConfigured("INSYN_CACHE_URL måste börja med redis://, rediss:// eller unix://.")
        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured("INSYN_CACHE_URL pekar på Redis men paketet redis är inte installerat.")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url, "KEY_PREFIX": instance}
    directory = Path(
        os.environ.get("INSYN_CACHE_DIR", "").strip() or Path(tempfile.gettempdir()) / f"insyn-cache-{os.getuid()}-{instance}"
    )
    # The file cache unpickles what it reads: a folder someone else owns or can write to
    # would let them run code in Insyn.
    if directory.exists():
        info = directory.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            raise ImproperlyConfigured(
                f"Cachemappen {directory} ägs av någon annan eller är skrivbar för andra: ange INSYN_CACHE_DIR."
            )
    return {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(directory),
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }


CACHES = {"default": cache_from_environment()}

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# A file missing from the manifest gets its plain URL instead of taking the page down with a 500
# (cms/tests/test_static_manifest.py proves every file a page names is there).
WHITENOISE_MANIFEST_STRICT = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# HSTS preload binds the whole domain for years; the municipality's IT decides that, not Insyn.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}

# INSYN_BEHIND_PROXY=1 trusted X-Forwarded-For from anyone; name the proxy instead.
if os.environ.get("INSYN_BEHIND_PROXY", "").strip() == "1":
    raise ImproperlyConfigured(
        "INSYN_BEHIND_PROXY används inte längre: ange proxyns adress i INSYN_TRUSTED_PROXIES (se README, Konfiguration)."
    )
