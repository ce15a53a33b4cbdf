"""Settings for intkommun.

Every difference between environments is an environment variable with a safe
default: a fresh clone runs on SQLite in ``var/`` with ``DJANGO_DEBUG=1``;
production sets ``DJANGO_SECRET_KEY``, ``DJANGO_ALLOWED_HOSTS`` and
``DATABASE_URL``. This is the only module that reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from intkommun.countries import COUNTRY_NAMES

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("INTKOMMUN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


DEBUG = env_bool("DJANGO_DEBUG")

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        )
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105 (debug only)

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver" if DEBUG else ""
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "simple_history",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "intkommun",
    "strategies",
    "actions",
    "projects",
    "reports",
    "api",
    "public",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intkommun.middleware.SessionRefreshMiddleware",
    "intkommun.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "intkommun.middleware.AbsoluteSessionLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "intkommun.sso.ProviderLogoutFormActionMiddleware",
    "intkommun.middleware.PrivacyHeadersMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intkommun.urls"

# The read-only API (api/): lists are paged with ?limit=&offset=.
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_LIMIT = 500
# An address that sends this many invalid API tokens within the window is refused
# (429) until the window ends, counted in the cache (docs/api.md). Guessing a token
# (256 random bits) is hopeless anyway; this stops scripts that hammer the API
# with a wrong or revoked one, without locking anyone out for long.
API_TOKEN_FAILURE_LIMIT = int(os.environ.get("DJANGO_API_TOKEN_FAILURE_LIMIT", "20"))
API_TOKEN_FAILURE_WINDOW_MINUTES = int(
    os.environ.get("DJANGO_API_TOKEN_FAILURE_WINDOW_MINUTES", "15")
)

WSGI_APPLICATION = "intkommun.wsgi.application"

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
                "django.template.context_processors.i18n",
                "intkommun.context_processors.navigation",
            ],
        },
    },
]

# SQLite in var/ unless DATABASE_URL says otherwise (PostgreSQL in production and CI).
if "DATABASE_URL" not in os.environ:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
# In production each process keeps its connection for a minute instead of opening a
# new one (about 5 ms on PostgreSQL) for every request, and checks that it still
# works before reusing it, so a restarted database costs no failed request.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'intkommun.sqlite3'}",
        conn_max_age=int(
            os.environ.get("DJANGO_DB_CONN_MAX_AGE", "0" if DEBUG else "60")
        ),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker and app server: a table in the database
# (created by the migration intkommun 0006), so nothing more to run. It holds the
# start page's key figures per kommun (projects.key_figures_cache).
CACHE_TABLE = "intkommun_cache"
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (intkommun/sso.py): does nothing unless OIDC_ENABLED.
    "intkommun.sso.KommunOIDCBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
# How long an invitation's (or a password reset's) link to choose a password works;
# the invitation e-mail says so.
PASSWORD_RESET_TIMEOUT = int(
    os.environ.get("DJANGO_PASSWORD_RESET_TIMEOUT", str(3 * 24 * 60 * 60))
)
LOGOUT_REDIRECT_URL = "login"

# Sessions (ASVS level 2): 30 minutes idle, and re-authentication after 12 hours
# whatever the activity (enforced by AbsoluteSessionLimitMiddleware). A session is
# written when its data changes, and otherwise at most once a minute (a tenth of the
# idle limit if that is shorter) to push its expiry on: SessionRefreshMiddleware.
# An idle session thus ends between the idle limit less a minute and the idle limit.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = min(60, SESSION_COOKIE_AGE // 10)
SESSION_ABSOLUTE_SECONDS = int(
    os.environ.get("DJANGO_SESSION_ABSOLUTE_SECONDS", 12 * 60 * 60)
)

# django-axes: lock a username from one address only, and let the lock expire,
# so nobody can lock a colleague out for good.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# The client's address: REMOTE_ADDR, or with DJANGO_TRUSTED_PROXY_COUNT proxies in
# front of gunicorn the entry the outermost of them added to X-Forwarded-For.
# Without it every user behind the proxy would share the proxy's address.
TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "intkommun.login_throttling.client_ip_address"
# One address that tries many user names is stopped too: 30 failures over any user
# names in 10 minutes lock the address. A whole office may share one NAT address,
# so the limit is six users' worth of typos (a successful login clears that user's
# failures), and the lock lifts 10 minutes after the last failure instead of 30.
AXES_HANDLER = "intkommun.login_throttling.LoginThrottleHandler"
LOGIN_FAILURES_PER_ADDRESS = 30
LOGIN_ADDRESS_COOLOFF_MINUTES = 10
# Attempts refused during a lockout (colleagues behind a locked address too) do not
# make it last longer; it ends on time.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False


def oidc_settings(environ: Mapping[str, str], *, debug: bool) -> dict[str, Any]:
    """Single sign-on over OpenID Connect (intkommun/sso.py, docs/sso.md).

    Off unless INTKOMMUN_OIDC_CLIENT_ID is set. The provider's endpoints come from
    INTKOMMUN_OIDC_ISSUER's discovery document, or each from its own variable.
    """
    client_id = environ.get("INTKOMMUN_OIDC_CLIENT_ID", "").strip()
    issuer = environ.get("INTKOMMUN_OIDC_ISSUER", "").strip()
    endpoints = {
        setting: environ.get(f"INTKOMMUN_OIDC_{name}_ENDPOINT", "").strip()
        for setting, name in (
            ("OIDC_OP_AUTHORIZATION_ENDPOINT", "AUTHORIZATION"),
            ("OIDC_OP_TOKEN_ENDPOINT", "TOKEN"),
            ("OIDC_OP_USER_ENDPOINT", "USERINFO"),
            ("OIDC_OP_JWKS_ENDPOINT", "JWKS"),
        )
    }
    # Optional: the provider's end_session_endpoint (RP-initiated logout), when
    # discovery does not give it.
    logout_endpoint = environ.get("INTKOMMUN_OIDC_LOGOUT_ENDPOINT", "").strip()
    if client_id and not issuer and not all(endpoints.values()):
        raise ImproperlyConfigured(
            "INTKOMMUN_OIDC_CLIENT_ID needs INTKOMMUN_OIDC_ISSUER or all four "
            "INTKOMMUN_OIDC_*_ENDPOINT variables."
        )
    urls = [issuer, *endpoints.values(), logout_endpoint]
    if (
        client_id
        and not debug
        and any(u and not u.startswith("https://") for u in urls)
    ):
        raise ImproperlyConfigured("The OpenID provider's URLs must be https://.")
    return {
        "OIDC_ENABLED": bool(client_id),
        "OIDC_ISSUER": issuer,
        **{setting: url or None for setting, url in endpoints.items()},
        "OIDC_OP_LOGOUT_ENDPOINT": logout_endpoint or None,
        # The id_token goes back to the provider as id_token_hint when the user logs
        # out, so it is kept in the session when the provider may have an
        # end_session_endpoint (named, or in the issuer's discovery document).
        "OIDC_STORE_ID_TOKEN": bool(client_id and (issuer or logout_endpoint)),
        "OIDC_RP_CLIENT_ID": client_id,
        "OIDC_RP_CLIENT_SECRET": environ.get("INTKOMMUN_OIDC_CLIENT_SECRET", ""),
        # Only the provider's signing algorithm (an RSA one unless set), never "none"
        # or HS256 with the client secret.
        "OIDC_RP_SIGN_ALGO": environ.get("INTKOMMUN_OIDC_SIGN_ALGO", "RS256"),
        "OIDC_RP_SCOPES": environ.get("INTKOMMUN_OIDC_SCOPES", "openid email profile"),
        "OIDC_USE_PKCE": True,
        "OIDC_USE_NONCE": True,
        "OIDC_CREATE_USER": False,
        "OIDC_TIMEOUT": 10,
        "OIDC_AUTHENTICATION_CALLBACK_URL": "oidc_authentication_callback",
        "OIDC_REQUIRE_VERIFIED_EMAIL": environ.get(
            "INTKOMMUN_OIDC_REQUIRE_VERIFIED_EMAIL", "1"
        )
        .strip()
        .lower()
        in {"1", "true", "yes", "on"},
        # Empty: "Logga in med kommunens konto" (translated in intkommun/sso.py).
        "OIDC_BUTTON_LABEL": environ.get("INTKOMMUN_OIDC_BUTTON_LABEL", "").strip(),
    }


_oidc = oidc_settings(os.environ, debug=DEBUG)
OIDC_ENABLED = _oidc["OIDC_ENABLED"]
OIDC_ISSUER = _oidc["OIDC_ISSUER"]
OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc["OIDC_OP_AUTHORIZATION_ENDPOINT"]
OIDC_OP_TOKEN_ENDPOINT = _oidc["OIDC_OP_TOKEN_ENDPOINT"]
OIDC_OP_USER_ENDPOINT = _oidc["OIDC_OP_USER_ENDPOINT"]
OIDC_OP_JWKS_ENDPOINT = _oidc["OIDC_OP_JWKS_ENDPOINT"]
OIDC_OP_LOGOUT_ENDPOINT = _oidc["OIDC_OP_LOGOUT_ENDPOINT"]
OIDC_STORE_ID_TOKEN = _oidc["OIDC_STORE_ID_TOKEN"]
OIDC_RP_CLIENT_ID = _oidc["OIDC_RP_CLIENT_ID"]
OIDC_RP_CLIENT_SECRET = _oidc["OIDC_RP_CLIENT_SECRET"]
OIDC_RP_SIGN_ALGO = _oidc["OIDC_RP_SIGN_ALGO"]
OIDC_RP_SCOPES = _oidc["OIDC_RP_SCOPES"]
OIDC_USE_PKCE = _oidc["OIDC_USE_PKCE"]
OIDC_USE_NONCE = _oidc["OIDC_USE_NONCE"]
OIDC_CREATE_USER = _oidc["OIDC_CREATE_USER"]
OIDC_TIMEOUT = _oidc["OIDC_TIMEOUT"]
OIDC_AUTHENTICATION_CALLBACK_URL = _oidc["OIDC_AUTHENTICATION_CALLBACK_URL"]
OIDC_REQUIRE_VERIFIED_EMAIL = _oidc["OIDC_REQUIRE_VERIFIED_EMAIL"]
OIDC_BUTTON_LABEL = _oidc["OIDC_BUTTON_LABEL"]

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# django-countries' Swedish names are partly English or outdated ("Brazil",
# "Swaziland", "Makedonien"); ours are in intkommun/countries.py.
COUNTRIES_OVERRIDE = COUNTRY_NAMES
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", VAR_DIR / "media"))


def uploaded_files_storage(environ: Mapping[str, str]) -> dict[str, Any]:
    """Where uploaded files and KS report PDFs are kept: MEDIA_ROOT on a single
    server, or with INTKOMMUN_S3_BUCKET an S3-compatible bucket that several app
    servers and task workers share.

    Objects are private: the app reads them and streams them to a user only after
    the permission check (strategies.views.strategy_document,
    reports.year_end.views.year_end_download). Nothing links to the bucket; should
    code ever ask for a URL, it is signed and short-lived, never a public domain.
    """
    bucket = environ.get("INTKOMMUN_S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "intkommun.storage.FileSystemStorage"}
    endpoint_url = environ.get("INTKOMMUN_S3_ENDPOINT_URL") or None
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "endpoint_url": endpoint_url,
        "region_name": environ.get("INTKOMMUN_S3_REGION") or None,
        "location": environ.get("INTKOMMUN_S3_PREFIX", ""),
        # Most S3-compatible services take path-style requests; AWS both.
        "addressing_style": environ.get(
            "INTKOMMUN_S3_ADDRESSING_STYLE", "path" if endpoint_url else ""
        )
        or None,
        "signature_version": "s3v4",
        "default_acl": "private",
        "querystring_auth": True,
        "querystring_expire": 60,
        "custom_domain": None,
        # A name already taken gets a suffix, as on the file system: a file is
        # never overwritten by another upload.
        "file_overwrite": False,
        # A file being read is kept in memory up to 5 MB, then on disk.
        "max_memory_size": 5 * 1024 * 1024,
    }
    # Without keys boto3 looks further: AWS_ACCESS_KEY_ID, an instance role.
    for option, name in (
        ("access_key", "INTKOMMUN_S3_ACCESS_KEY_ID"),
        ("secret_key", "INTKOMMUN_S3_SECRET_ACCESS_KEY"),
    ):
        if environ.get(name):
            options[option] = environ[name]
    return {"BACKEND": "intkommun.object_storage.S3Storage", "OPTIONS": options}


STORAGES = {
    "default": uploaded_files_storage(os.environ),
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Background work (the KS report PDF). The immediate backend runs a task when it is
# enqueued; production uses "django_tasks_db.backend.DatabaseBackend" with
# `manage.py db_worker` (a separate, regularly restarted process).
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "DJANGO_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# Render a KS preview someone has looked at again in the task worker after each
# change (reports.year_end.preview_cache), so that the next visit need not gather
# the year. Off with the immediate backend, which would render it inside the
# request that saved the change.
INTKOMMUN_KS_PREVIEW_REFRESH = env_bool(
    "INTKOMMUN_KS_PREVIEW_REFRESH",
    default=not TASKS["default"]["BACKEND"].endswith(".ImmediateBackend"),
)

# A KS report that has been generating for longer than this counts as failed: the
# worker died or the task was lost, and the coordinator may try again.
INTKOMMUN_PDF_TIMEOUT_SECONDS = int(
    os.environ.get("INTKOMMUN_PDF_TIMEOUT_SECONDS", str(15 * 60))
)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Uploaded plans and bulk updates: bounds checked before and while a file is read,
# so that a small .docx or .xlsx that unpacks to millions of rows is refused at once
# instead of holding a worker for minutes.
IMPORT_MAX_UNCOMPRESSED_BYTES = int(
    os.environ.get("INTKOMMUN_IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
)
IMPORT_MAX_ZIP_MEMBERS = int(os.environ.get("INTKOMMUN_IMPORT_MAX_ZIP_MEMBERS", 1000))
IMPORT_MAX_COMPRESSION_RATIO = int(
    os.environ.get("INTKOMMUN_IMPORT_MAX_COMPRESSION_RATIO", 100)
)
IMPORT_MAX_ROWS = int(os.environ.get("INTKOMMUN_IMPORT_MAX_ROWS", 5000))
IMPORT_MAX_CELLS = int(os.environ.get("INTKOMMUN_IMPORT_MAX_CELLS", 100_000))
IMPORT_MAX_PARAGRAPHS = int(os.environ.get("INTKOMMUN_IMPORT_MAX_PARAGRAPHS", 20_000))

# Where users report accessibility problems (the accessibility statement shows it).
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("INTKOMMUN_ACCESSIBILITY_CONTACT", "")

# E-mail: printed to the console unless an SMTP host is configured.
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=bool(EMAIL_HOST))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "intkommun@localhost")

# Production hardening: on whenever debug is off, so `check --deploy` is clean.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = not DEBUG and env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = (
    0 if DEBUG else int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Everything the pages load comes from our own origin: Bootstrap and htmx are
# vendored, there is no inline script, and htmx's indicator style is in our CSS
# (includeIndicatorStyles is off in base.html). data: images are Bootstrap's
# inline SVG icons in its CSS and the kommun logo in the KS report preview.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features no page of the register uses; see PrivacyHeadersMiddleware.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
    # django-axes logs every successful login at INFO; failures and lockouts suffice.
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every layout step at INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
