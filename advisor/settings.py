"""Lock-in Advisor settings: one flat file, driven by environment variables.

With no environment at all the app runs on embedded defaults: SQLite under var/,
a filesystem Celery broker under var/ (a real worker process, no server), and a
secret key generated once into var/. Production points DATABASE_URL at PostgreSQL
and REDIS_URL at Redis; see README.md.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
VAR_DIR = Path(env.str("VAR_DIR", default=str(BASE_DIR / "var")))
# The catalog, questionnaire and template profiles shipped with the app.
FIXTURES_DIR = BASE_DIR / "fixtures"
VAR_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once and kept in var/."""
    if env.str("SECRET_KEY", default=""):
        return env.str("SECRET_KEY")
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_NAME = "Lock-in Advisor"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "advisor.core",
    "advisor.accounts",
    "advisor.catalog",
    "advisor.questionnaire",
    "advisor.scoring",
    "advisor.reports",
    "advisor.workspace",
    "advisor.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "advisor.core.middleware.PrivatePagesMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "advisor.urls"
WSGI_APPLICATION = "advisor.wsgi.application"

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
                "advisor.accounts.context_processors.navigation",
            ],
        },
    },
]

# SQLite by default so a fresh checkout just works; WAL and IMMEDIATE transactions
# let the web server and the worker write at the same time without "database is locked".
DATABASES = {
    "default": env.db_url_config(env.str("DATABASE_URL", default="") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # A file, not memory, for tests too: the live server's threads and worker processes
    # then share it the way the real app does.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test.sqlite3")}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "accounts:home"
LOGOUT_REDIRECT_URL = "login"

# django-axes first: it refuses a locked-out address before the password is even checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT failed sign-ins for one address (existing or not, so the pause
# tells nothing), it cannot sign in, even with the right password, until AXES_COOLOFF_TIME
# has passed since the last attempt. Attempts live in the database: all web workers see them.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "advisor.accounts.auth.lockout_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "advisor.accounts.auth.lockout_response"
AXES_VERBOSE = False
# axes.W006 asks for a lockout by IP address too. Deliberately not: behind a proxy or an
# office NAT one address is many people, and five typos would lock them all out. Sign-ins per
# client address are rate-limited instead, at a higher count (accounts.limits.SIGN_INS_PER_CLIENT).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Serve files straight from the app's static folders when collectstatic has not run
# (tests, DEBUG); production runs collectstatic and serves the hashed copies.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)


def _mailer() -> dict:
    """EMAIL_URL (smtp+tls://user:password@host:587) names the mail server; else EMAIL_BACKEND.

    With neither, email goes to the console, which suits `make run`; `check --deploy` warns.
    """
    if not env.str("EMAIL_URL", default=""):
        return {"BACKEND": env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")}
    config = env.email_url("EMAIL_URL")
    options = {
        "host": config.get("EMAIL_HOST") or "localhost",
        "port": config.get("EMAIL_PORT") or 25,
        "username": config.get("EMAIL_HOST_USER") or None,
        "password": config.get("EMAIL_HOST_PASSWORD") or None,
        "use_tls": bool(config.get("EMAIL_USE_TLS")),
        "use_ssl": bool(config.get("EMAIL_USE_SSL")),
        "timeout": env.int("EMAIL_TIMEOUT", default=10),
    }
    is_smtp = config["EMAIL_BACKEND"].endswith("smtp.EmailBackend")
    return {"BACKEND": config["EMAIL_BACKEND"], "OPTIONS": options if is_smtp else {}}


MAILERS = {"default": _mailer()}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lock-in Advisor <noreply@localhost>")

# A strict policy from day one: every script and style is a file served by the app.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_HTTPONLY = True
# Production runs behind HTTPS (deploy/production.env.example turns these on); the defaults
# keep `make run` working on plain http://127.0.0.1.
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=False)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # load balancers probe over plain HTTP
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=False)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
# Behind a proxy that ends TLS, the proxy's X-Forwarded-Proto says the request was HTTPS.
# Only set it when the proxy always sets (or strips) that header.
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz shows its details (worker names, database vendor, errors) to staff, and to a
# monitor that sends this token in the X-Healthz-Token header; others get only the status.
HEALTHZ_TOKEN = env.str("HEALTHZ_TOKEN", default="")

# Celery. Redis in production and CI; without REDIS_URL a filesystem broker under
# var/ that still needs a real worker process but no server.
REDIS_URL = env.str("REDIS_URL", default="")
BROKER_DIR = VAR_DIR / "broker"
if REDIS_URL:
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or REDIS_URL
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or REDIS_URL
    # A task not acknowledged within this time is delivered again (acks_late below), also
    # when its worker was killed outright: set it above the longest task (time limit 180 s).
    CELERY_BROKER_TRANSPORT_OPTIONS: dict[str, object] = {
        "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=3600)
    }
else:
    for folder in ("queue", "processed", "control", "results"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
    CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="") or "filesystem://"
    CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or f"file://{BROKER_DIR / 'results'}"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
        "polling_interval": 0.1,
    }
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 120
CELERY_TASK_TIME_LIMIT = 180
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=False)
# A worker child that grew past this (KiB) is replaced after its task: WeasyPrint keeps a
# whole document in memory and Python does not hand it back to the system.
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("WORKER_MAX_MEMORY_KB", default=400_000)
CELERY_TASK_ROUTES = {"advisor.reports.tasks.*": {"queue": env.str("REPORTS_QUEUE", default="reports")}}
CELERY_BEAT_SCHEDULE = {
    "sweep-stuck-reports": {
        "task": "advisor.reports.tasks.sweep_reports",
        "schedule": env.float("REPORT_SWEEP_EVERY", default=60.0),
    },
}

# Reports (advisor/reports). Rendering runs on its own queue, so a batch of reports never
# delays the default queue's short tasks.
REPORTS_QUEUE = env.str("REPORTS_QUEUE", default="reports")
# A render is stopped after the soft limit (it ends failed, with the reason) and killed after
# the hard one. A full report takes one to two seconds on one core.
REPORT_SOFT_TIME_LIMIT = env.float("REPORT_SOFT_TIME_LIMIT", default=60.0)
REPORT_TIME_LIMIT = env.float("REPORT_TIME_LIMIT", default=90.0)
# The sweep treats a report queued or rendering for longer than this as lost (its worker died);
# longer than the hard limit, so a render that is still running is never taken for lost.
REPORT_STUCK_AFTER = env.float("REPORT_STUCK_AFTER", default=180.0)
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
REPORT_MAX_RETRIES = 3  # transient errors (database, storage), with exponential backoff
REPORT_BATCH_MAX = 50

# The cache holds the rate-limit counts and the health check's last worker ping, so every web
# worker must see the same one: Redis when REDIS_URL is set, else a table in the database
# (created by `migrate`: advisor/core/migrations/0001_cache_table.py).
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env.str("CACHE_URL", default="") or REDIS_URL,
            "KEY_PREFIX": "lockin",
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "django_cache"}
    }

# The REST API under /api/v1/ (advisor/api/; README "The REST API").
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "advisor.api.authentication.BearerTokenAuthentication",
        "advisor.api.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["advisor.api.conventions.TokenRateThrottle"],
    "DEFAULT_PAGINATION_CLASS": "advisor.api.conventions.PageNumberPagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "advisor.api.schema.ApiAutoSchema",
    "EXCEPTION_HANDLER": "advisor.api.problems.problem_exception_handler",
}
# Requests per token (per user for a browser session) and per address without one.
API_THROTTLE_RATE = env.str("API_THROTTLE_RATE", default="600/min")
API_ANON_THROTTLE_RATE = env.str("API_ANON_THROTTLE_RATE", default="60/min")
SPECTACULAR_SETTINGS = {
    "TITLE": "Lock-in Advisor API",
    "DESCRIPTION": (
        "Organizations, assessments (created from a workload profile), their scores, PDF reports (one "
        "or a batch, rendered by workers: request, follow, download) and recorded migration outcomes, "
        "and the published vendor catalog, with exactly the access the web app "
        "gives you. Errors are problem details (RFC 9457) naming the field. Lists are paginated "
        "(`page`, `page_size`), filtered and ordered (`ordering`)."
    ),
    "VERSION": "1",
    "OAS_VERSION": "3.1.0",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None, "displayOperationId": False},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint logs every page of every report at INFO; django-axes every sign-in (its failures
    # and lockouts are WARNING).
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}
