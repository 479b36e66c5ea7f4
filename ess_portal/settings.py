"""Settings of the ESS pole portal, read from the environment (see README)."""

import os
from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF

from ess_portal.env import (
    env_address,
    env_bool,
    env_cache,
    env_database,
    env_email,
    env_int,
    env_list,
    env_rate,
    env_secret_key,
    env_site_url,
)

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_secret_key("SECRET_KEY", DEBUG)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
# The public address the exports' links start with (never the request's Host header);
# `check --deploy` warns while it is not https (core/checks.py).
SITE_URL = env_site_url("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "core.admin.apps.PortalAdminConfig",  # django.contrib.admin, with the portal's site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "simple_history",
    "import_export",
    "axes",
    "core",
    "territories",
    "actors",
    "funding",
    "poles",
    "campaigns",
    "www",
    "rest_framework",
    "drf_spectacular",
    "api",
    "demo",
    "core.page_cache",  # last: its receivers run after the apps' own
]

# The headers' middleware come before the page cache, so that a page served from the cache
# carries them too; the 503 for an unreachable database is handler500 (ess_portal/errors.py),
# which also catches what the middleware below raise. Axes comes last, as its docs ask.
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # An ETag on every page and API answer, cached or not: a reuser polling daily gets 304s.
    "django.middleware.http.ConditionalGetMiddleware",
    "api.middleware.OpenReadsMiddleware",
    "core.page_cache.middleware.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ess_portal.urls"
WSGI_APPLICATION = "ess_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Each worker keeps its connection, PostgreSQL's or SQLite's (CONN_MAX_AGE seconds, checked
# before reuse): opening one per request would cost a cached page most of its throughput.
DATABASES = {
    "default": env_database(
        "DATABASE_URL",
        f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 600),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No parallel query: each gunicorn worker already keeps a processor busy, and a parallel
    # plan spends two or three processes' time on one answer (the count of 200 000 actors
    # under `make bench`: 60 answers per second with it, 97 without). PG_PARALLEL_WORKERS
    # gives some back (a machine with many more processors than workers).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c max_parallel_workers_per_gather={env_int('PG_PARALLEL_WORKERS', 0, minimum=0)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# French only: Django's own admin and messages speak French, our literals are French.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# In debug, whitenoise serves from the app folders directly (no collectstatic needed).
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG
# Files browsers ask for at the site's root (/favicon.ico), served by whitenoise as they are.
WHITENOISE_ROOT = BASE_DIR / "public"

# Anonymous visitors' pages are cached until the data changes, 10 minutes at most
# (core/page_cache/): in each process's memory, or in Redis shared by every process
# when REDIS_URL is set. PAGE_CACHE=false renders every page (to measure them uncached).
CACHES = {"default": {**env_cache("REDIS_URL"), "TIMEOUT": 60 * 60 * 24}}
if "LOCATION" in CACHES["default"]:
    # A Redis that does not answer costs a request half a second at most; pages are then
    # rendered without it for a while (core/page_cache/outage.py).
    CACHES["default"]["OPTIONS"] = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5}
PAGE_CACHE = env_bool("PAGE_CACHE", True)
# The apps whose saves and deletions change public pages: each one bumps the data version.
PAGE_CACHE_DATA_APPS = {"territories", "actors", "funding", "poles", "campaigns"}

# Uploaded documents: at most 20 Mo (checked by the Document model's validators).
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000

# Security headers, in every mode (developers see what production does). The portal has no
# inline script nor style (templates, and the third-party admin templates overridden under
# templates/), so the policy needs no 'unsafe-inline'.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the portal never uses, refused to the page and anything it could embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "encrypted-media",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Admin login throttled (django-axes): 5 failures for one username from one address lock that
# pair out for 15 minutes (the same person elsewhere, or a colleague here, can still log in);
# a success clears the count. 30 failures from one address, whatever the usernames, lock the
# address out for 15 minutes (core/login_throttling.py). `manage.py axes_reset` unlocks
# everyone at once.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "core.login_throttling.AddressLimitHandler"
AXES_FAILURE_LIMIT = 5
AXES_ADDRESS_FAILURE_LIMIT = 30  # ours, not an axes setting
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/lockout.html"
AXES_HTTP_RESPONSE_CODE = 429
# The client's address: REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT reverse proxies the one
# they wrote into X-Forwarded-For (core/client_ip.py).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "core.client_ip.client_ip"

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# E-mail (campaigns/mail.py): EMAIL_URL (smtp://…, smtps://…, console:) or Django's EMAIL_HOST,
# EMAIL_PORT… (ess_portal/env.py); nothing set, each message is printed on the console, which
# `check --deploy` reports in production (core/checks.py). CAMPAIGN_CRES_EMAIL, a shared
# mailbox of the CRES, is told of every submitted fiche and receives the coordinators' replies.
_email = env_email()
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email["EMAIL_HOST"]
EMAIL_PORT = _email["EMAIL_PORT"]
EMAIL_HOST_USER = _email["EMAIL_HOST_USER"]
EMAIL_HOST_PASSWORD = _email["EMAIL_HOST_PASSWORD"]
EMAIL_USE_TLS = _email["EMAIL_USE_TLS"]
EMAIL_USE_SSL = _email["EMAIL_USE_SSL"]
EMAIL_TIMEOUT = 10  # seconds: a server that does not answer fails the send, retried next run
DEFAULT_FROM_EMAIL = env_address("DEFAULT_FROM_EMAIL", "Pôles ESS <noreply@localhost>")
CAMPAIGN_CRES_EMAIL = env_address("CAMPAIGN_CRES_EMAIL")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Spreadsheet imports (django-import-export): a file is imported whole or not at all; importing
# creates and changes records, so it needs the change permission; exporting needs the view one.
IMPORT_EXPORT_USE_TRANSACTIONS = True
IMPORT_EXPORT_IMPORT_PERMISSION_CODE = "change"
IMPORT_EXPORT_EXPORT_PERMISSION_CODE = "view"

# The public API (/api/v1/, api/): read only and anonymous (no session, so nothing a staff
# member sees), JSON, pages of `limit` records (50 by default, 500 at most), the same
# parameters as the pages' filters. An address may ask API_RATE_LIMIT answers (20 a second
# by default; DRF's throttle, in the default cache): a crawl of the national demo data, about
# 1 000 pages of 500, takes a minute or two. Answers from the page cache are not counted.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_PAGINATION_CLASS": "api.pagination.Pages",
    "DEFAULT_THROTTLE_CLASSES": ["api.throttling.PerAddress"],
    "DEFAULT_THROTTLE_RATES": {"anon": env_rate("API_RATE_LIMIT", "20/s")},
    "NUM_PROXIES": TRUSTED_PROXY_COUNT,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "COERCE_DECIMAL_TO_STRING": True,
    "EXCEPTION_HANDLER": "api.errors.handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "API des pôles de développement de l'ESS",
    "DESCRIPTION": (
        "Les données publiques du réseau des pôles : pôles, territoires et chiffres clés, "
        "acteurs, financeurs, programmes et lignes de financement. Lecture seule, sans compte. "
        "Licence Ouverte / Etalab 2.0. Documentation : /api/."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}
