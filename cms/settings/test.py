from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "insyn-test-only"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
INSYN_ALLOW_DEMO_USERS = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests start their own SMTP server and point EMAIL_PORT at it.
EMAIL_PORT = 0
AXES_ENABLED = True
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come straight from the source folders (no collectstatic before tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
