import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "insyn-test-only"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
INSYN_ALLOW_DEMO_USERS = True
INSYN_MUNICIPALITY_NAME = "Ådala kommun"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://testserver")
# Static files come straight from the source folders (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Off by default so other tests' query counts and cross-test state are unaffected;
# cms/tests/test_page_cache.py turns it on.
INSYN_PAGE_CACHE_SECONDS = 0
# The same for the generation cache (cms/memo.py): cms/tests/test_memo.py and the query-count
# tests of issue 18 turn it on.
INSYN_GENERATION_CACHE = False
INSYN_MY_PAGES_CACHE_SECONDS = 0
INSYN_FEED_CACHE_SECONDS = 0
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
