"""Settings shared by every environment. Secrets and hosts live in production.py."""

import os
from pathlib import Path

import dj_database_url

from cms.languages import admin_languages, site_languages
from cms.network import parse_networks

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

INSTALLED_APPS = [
    "cms",
    "home",
    "visits",
    "training",
    "opendata",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail_modeladmin",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the form: a form in another charset is a Swedish 400 (cms/middleware.py).
    "cms.middleware.RequestGuardMiddleware",
    # Opens each request's memo and prepares Wagtail's routing from it: see cms/memo.py.
    "cms.memo.RequestMemoMiddleware",
    # Before the policy headers (a cached page keeps the ones it was stored with: they never
    # vary, nonces are refused) and before sessions, CSRF and messages, so that it sees every
    # cookie they set: see cms/page_cache.py.
    "cms.page_cache.AnonymousPageCacheMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "cms.preview.PreviewFrameMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of the address (/en/… English, the rest Swedish): cms/i18n.py.
    "cms.i18n.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Needs the user: what a signed-in user gets is `Cache-Control: private, no-store`.
    "cms.middleware.PrivateResponseMiddleware",
    # A GET on an action that takes only POST gets a Swedish page, not an empty 405.
    "cms.middleware.MethodNotAllowedPage",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cms.urls"

# Whole pages for anonymous visitors, cleared on every content change (cms/page_cache.py);
# the time bounds pages that depend on today's date. 0 turns the page cache off.
INSYN_PAGE_CACHE_SECONDS = int(os.environ.get("INSYN_PAGE_CACHE_SECONDS", "300"))
# What every page reads (site, settings, menu, routes to pages), each user's permissions and the
# parts of Mina sidor, kept under the same generations (cms/memo.py); False reads them every time.
INSYN_GENERATION_CACHE = os.environ.get("INSYN_GENERATION_CACHE", "1") == "1"
# Mina sidor's parts also depend on the time of day (an upcoming visit becomes a past one).
INSYN_MY_PAGES_CACHE_SECONDS = int(os.environ.get("INSYN_MY_PAGES_CACHE_SECONDS", "120"))
# A calendar feed's validators, kept per generation; its bytes, kept by their ETag. The time
# bounds how long a cancelled session stays in a feed past its retention (training/feeds.py).
INSYN_FEED_CACHE_SECONDS = int(os.environ.get("INSYN_FEED_CACHE_SECONDS", "900"))

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# SQLite by default, tuned for concurrent form posts (see shared NOTES: WAL,
# IMMEDIATE transactions and a 20 s timeout lose nothing; ATOMIC_REQUESTS does).
SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
}


def database_from_environment(default_sqlite_path):
    url = os.environ.get("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] == "django.db.backends.sqlite3":
            config["OPTIONS"] = dict(SQLITE_OPTIONS)
            config["CONN_MAX_AGE"] = 0
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": default_sqlite_path,
        "OPTIONS": dict(SQLITE_OPTIONS),
    }


DATABASES = {"default": database_from_environment(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Answers here are never kept by a browser or a shared cache, whoever asks (cms/middleware.py).
INSYN_PRIVATE_PATH_PREFIXES = ["/mina-sidor/", "/rapporter/", "/admin/", "/kalender/"]
# A session of someone who may enter the admin ends after a working day without use.
INSYN_STAFF_SESSION_IDLE_SECONDS = 8 * 60 * 60

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "cms.passwords.KeyboardRunValidator"},
    {"NAME": "cms.passwords.MunicipalityNameValidator"},
]
# Passwords may not contain it (cms/passwords.py); the demo municipality in dev and test.
INSYN_MUNICIPALITY_NAME = os.environ.get("INSYN_MUNICIPALITY_NAME", "").strip()

# The client's address (cms/network.py): X-Forwarded-For is believed only from these proxies
# (comma-separated addresses or networks). Empty: gunicorn faces the clients itself.
INSYN_TRUSTED_PROXIES = [p.strip() for p in os.environ.get("INSYN_TRUSTED_PROXIES", "").split(",") if p.strip()]
parse_networks(tuple(INSYN_TRUSTED_PROXIES))  # a typo stops start-up
AXES_CLIENT_IP_CALLABLE = "cms.network.client_address"

# Lock a username from one address after five failed logins.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "home/login_locked.html"
# Also lock an address after this many failures for all usernames together (cms/login_limits.py).
AXES_HANDLER = "cms.login_limits.AddressLimitHandler"
INSYN_LOGIN_FAILURES_PER_ADDRESS = 30
# Tries of a page's or document's shared password per client address and window (seconds).
INSYN_PAGE_PASSWORD_LIMIT = 10
INSYN_PAGE_PASSWORD_WINDOW = 10 * 60
# Password reset mails per e-mail address an hour, and requests per client address an hour.
INSYN_PASSWORD_RESET_LIMIT = 3
INSYN_PASSWORD_RESET_CLIENT_LIMIT = 20
WAGTAILADMIN_USER_PASSWORD_RESET_FORM = "cms.password_reset.QueuedPasswordResetForm"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "my_pages"
WAGTAIL_FRONTEND_LOGIN_URL = "login"  # a name: the login in the visitor's language

# Swedish first and always; the other languages a municipality turns on (cms/languages.py knows
# en, fi, fit, se, smj, sma). Each needs its translation in locale/<code>/ (README: Languages).
LANGUAGE_CODE = "sv"
LANGUAGES = site_languages(os.environ.get("INSYN_LANGUAGES", "sv,en"))
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times the Swedish way in every language (cms/formats/).
FORMAT_MODULE_PATH = ["cms.formats"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("INSYN_STATIC_ROOT", "").strip() or BASE_DIR / "staticfiles")
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"
# Files of restricted records (newsletter attachments): outside MEDIA_ROOT, under random names,
# served only by views that check the reader (cms/private_files.py). Never serve this folder.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("INSYN_PRIVATE_MEDIA_ROOT", "").strip() or BASE_DIR / "private_media")
# An internal nginx location (e.g. "/_privat/") that aliases PRIVATE_MEDIA_ROOT: the view checks the
# reader and the proxy sends the file (X-Accel-Redirect). Empty: gunicorn streams it.
PRIVATE_MEDIA_ACCEL_PREFIX = os.environ.get("INSYN_PRIVATE_MEDIA_ACCEL", "").strip()

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Background work (mail, Wagtail's own index updates) goes through a real queue in the
# database; `manage.py db_worker` runs it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Everything Django and Wagtail send goes into the outbox (cms/mail.py); only the task that
# delivers an outbox message uses the delivery backend.
EMAIL_BACKEND = "cms.mail.OutboxEmailBackend"
INSYN_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "1025"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "insyn@example.se")
# An outbox message that failed is tried again this many times by `retry_mail`.
OUTBOX_MAX_ATTEMPTS = 20

WAGTAIL_SITE_NAME = "Insyn"
# Editors translate pages with Wagtail's locales and simple_translation (cms/translations.py).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Swedish stemming on PostgreSQL ("skolor" finds "skola"); SQLite's index matches whole words.
# After changing it, rebuild the index: `manage.py update_index`.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "swedish"}}
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "txt", "xlsx", "vtt"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Documents are always served by /dokument/, which checks a collection's privacy, never by a /media/ address.
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Bitmaps only: an SVG can carry script.
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
# A damaged image is a Swedish form error, not a 500 (cms/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.ImageForm"
# Form fields (not files) up to 2.5 MB, so a long styrdokument edit still fits; bigger uploads go to a temporary file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = True
# No Gravatar: a hash of each user's e-mail address would leave the municipality for every picture.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAILADMIN_PERMITTED_LANGUAGES = admin_languages(LANGUAGES)

# Content-Security-Policy for the public site. The admin needs inline script and is left out.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}
PERMISSIONS_POLICY = {
    "camera": [],
    "microphone": [],
    "geolocation": [],
    "payment": [],
    "usb": [],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN

# Open data (opendata/): the licence of everything published there (a URL; CC0 by default,
# written exactly as Sweden's data portal expects it), the address data users can write to
# (empty: the contact address of the site settings), the municipality's organisation number
# (10 digits; when set, the DCAT publisher is the data portal's identifier for it) and the
# number of objects on one page of an OParl list.
INSYN_OPENDATA_LICENSE = os.environ.get(
    "INSYN_OPENDATA_LICENSE", "http://creativecommons.org/publicdomain/zero/1.0/"
).strip()
INSYN_OPENDATA_CONTACT_EMAIL = os.environ.get("INSYN_OPENDATA_CONTACT_EMAIL", "").strip()
INSYN_ORGANISATION_NUMBER = os.environ.get("INSYN_ORGANISATION_NUMBER", "").strip()
INSYN_OPARL_PAGE_SIZE = int(os.environ.get("INSYN_OPARL_PAGE_SIZE", "100"))

# Demo users (password `insyn-demo`) may only be created with dev and test settings.
INSYN_ALLOW_DEMO_USERS = False

# --- Login through the municipality's identity provider, and a second factor (accounts/) -------
# OpenID Connect (mozilla-django-oidc) is on when INSYN_OIDC_ISSUER is set; the endpoints come
# from the issuer's discovery document (accounts/provider.py). TOTP (django-otp) with one-time
# recovery codes is required before the admin for everyone with admin access (accounts/middleware.py).
INSTALLED_APPS += ["accounts", "django_otp", "django_otp.plugins.otp_totp"]  # noqa: F405
_after_auth = MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1
MIDDLEWARE[_after_auth:_after_auth] = ["django_otp.middleware.OTPMiddleware", "accounts.middleware.SecondFactorMiddleware"]
# The policy backend refuses passwords for all but superusers when INSYN_PASSWORD_LOGIN=superusers;
# it must come before Django's ModelBackend. The OIDC backend only answers the provider's callback.
AUTHENTICATION_BACKENDS.insert(  # noqa: F405
    AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend"), "accounts.backends.PasswordLoginPolicy"
)
AUTHENTICATION_BACKENDS.append("accounts.backends.OIDCBackend")

INSYN_PASSWORD_LOGIN = os.environ.get("INSYN_PASSWORD_LOGIN", "all").strip() or "all"  # "all" or "superusers"
INSYN_OIDC_ISSUER = os.environ.get("INSYN_OIDC_ISSUER", "").strip().rstrip("/")
OIDC_RP_CLIENT_ID = os.environ.get("INSYN_OIDC_CLIENT_ID", "").strip()
OIDC_RP_CLIENT_SECRET = os.environ.get("INSYN_OIDC_CLIENT_SECRET", "").strip()
OIDC_RP_SCOPES = os.environ.get("INSYN_OIDC_SCOPES", "openid email profile").strip()
OIDC_RP_SIGN_ALGO = os.environ.get("INSYN_OIDC_SIGN_ALGO", "RS256").strip()
# The claim that identifies a person for good (Entra ID: oid); never the e-mail address.
INSYN_OIDC_USER_CLAIM = os.environ.get("INSYN_OIDC_USER_CLAIM", "sub").strip()
INSYN_OIDC_USERNAME_CLAIM = os.environ.get("INSYN_OIDC_USERNAME_CLAIM", "preferred_username").strip()
INSYN_OIDC_CREATE_USERS = os.environ.get("INSYN_OIDC_CREATE_USERS", "0") == "1"
INSYN_OIDC_LINK_BY_USERNAME = os.environ.get("INSYN_OIDC_LINK_BY_USERNAME", "0") == "1"
INSYN_OIDC_GROUPS_CLAIM = os.environ.get("INSYN_OIDC_GROUPS_CLAIM", "groups").strip()
INSYN_OIDC_GROUP_MAP = os.environ.get("INSYN_OIDC_GROUP_MAP", "").strip()  # "<group id>=<Insyn group>;…"
INSYN_OIDC_MFA_CLAIM = os.environ.get("INSYN_OIDC_MFA_CLAIM", "amr").strip()
INSYN_OIDC_MFA_VALUES = os.environ.get("INSYN_OIDC_MFA_VALUES", "mfa").strip()
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_TOKEN_USE_BASIC_AUTH = True
OIDC_TIMEOUT = 10
# Only the ID token stays in the session, as the hint for the provider's logout.
OIDC_STORE_ID_TOKEN = True
OIDC_STORE_ACCESS_TOKEN = False
LOGIN_REDIRECT_URL_FAILURE = "/logga-in/"

OTP_TOTP_ISSUER = "Insyn"
OTP_TOTP_THROTTLE_FACTOR = 1
# Accept one step either side of the server's clock, always. With django-otp's default the device
# remembers the step of the last code it took as a drift, so a code typed just after a change of
# step was refused after one typed early (phones keep network time; there is no drift to learn).
OTP_TOTP_SYNC = False
