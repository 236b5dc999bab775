"""Settings of Thi đua, driven by environment variables (see docs/settings.md).

Defaults make `make run` work with nothing set: SQLite under var/, DEBUG on, a secret generated once
into var/secret_key when it is first used (importing the settings writes nothing). DJANGO_ENV=production turns DEBUG off, refuses an insecure secret and enables the
HTTPS settings that `manage.py check --deploy` asks for.
"""
import ipaddress
import secrets
import sys
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import SimpleLazyObject

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DJANGO_ENV = env("DJANGO_ENV", default="development")
PRODUCTION = DJANGO_ENV == "production"
DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)


def _secret_key():
    key = env("DJANGO_SECRET_KEY", default="")
    if PRODUCTION:
        if len(key) < 50 or key.startswith("django-insecure") or len(set(key)) < 5:
            raise ImproperlyConfigured(
                "DJANGO_ENV=production needs DJANGO_SECRET_KEY: at least 50 random characters."
            )
        return key
    if key:
        return key
    # Development: read (or made) only when something signs or seals, so that importing the settings, a
    # `manage.py check` or a tool reading them writes nothing.
    return SimpleLazyObject(_development_secret_key)


def _development_secret_key():
    """A secret generated once into var/secret_key and kept, so sessions survive restarts."""
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Keys rotated out that still open what the old key signed or sealed: sessions, signed links, and the
# sealed totals of a secret ballot still open when the key changed (awards.ballot_box).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "emulation",
    "emulation.documents",
    "emulation.jobs",
    "campaigns",
    "awards",
    "reports",
    "scoring",
    "bench",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "import_export",
    "simple_history",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "axes",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Every answer of Django carries the policy, error pages included (static files are WhiteNoise's).
    "csp.middleware.CSPMiddleware",
    # Django's, answering the kind 503 page when the database is too busy to save the session.
    "config.middleware.SessionMiddleware",
    "config.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A view that found the database busy (locked by another's write) gets the kind 503 page, not a 500.
    "config.middleware.DatabaseBusyMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After authentication and messages: it logs out an idle session and leaves a message.
    "config.middleware.IdleSessionMiddleware",
    # After the idle check (a logged-out session is not redirected): a temporary password must be changed first.
    "config.middleware.PasswordChangeRequiredMiddleware",
    "config.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: turns a refused login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "emulation.navigation.navigation",
            ],
        },
    },
]



def _database():
    """The database of DATABASE_URL (the SQLite file under var/ when unset; in production that is said on
    the console, as `make serve`'s one-server set-up uses it). A URL that cannot be read stops the start-up
    with a message: django-environ would give an empty or unknown engine and
    the server would run on no database, or on a SQLite file nobody backs up."""
    url = env("DATABASE_URL", default="")
    if not url:
        url = f"sqlite:///{VAR_DIR / 'thidua.sqlite3'}"
        if PRODUCTION:  # the one-server set-up of `make serve` (README, "Production"): said, never silent
            sys.stderr.write(f"DATABASE_URL is not set: the database is the SQLite file {VAR_DIR / 'thidua.sqlite3'} "
                             "(set DATABASE_URL=postgres://… for PostgreSQL).\n")
    try:
        config = environ.Env.db_url_config(url)
    except ValueError as error:
        raise ImproperlyConfigured(f"DATABASE_URL cannot be read: {error}.") from None
    if config.get("ENGINE") not in ("django.db.backends.postgresql", "django.db.backends.sqlite3") or not config.get("NAME"):
        raise ImproperlyConfigured(
            "DATABASE_URL cannot be read: it must look like postgres://user:password@host:5432/thidua or "
            "sqlite:////path/to/thidua.sqlite3 (special characters of the password written as %XX)."
        )
    return config


DATABASES = {"default": _database()}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A web server with a worker beside it (docs/settings.md, "SQLite"): the write-ahead log lets pages
    # read while the worker writes; a transaction takes the write lock when it begins (IMMEDIATE), so two
    # writers queue for it instead of one failing at once with "database is locked" when it upgrades a
    # read; the busy timeout (`timeout`, seconds) is how long a writer queues.
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": env.int("SQLITE_BUSY_TIMEOUT", default=20),
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })
    # Django's SQLite back end, except that a missing database file is not created by a request.
    DATABASES["default"]["ENGINE"] = "config.sqlite"
    # Tests on SQLite use an in-memory database, as they do with Django's own back end.
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}

AUTH_USER_MODEL = "emulation.User"
# Django's model back end, loading the unread notification count with the user (no extra query).
# django-axes first: it counts failed logins and refuses a locked (user, address) pair.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "emulation.notifications.AuthBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "emulation.passwords.NotTheCurrentPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Failed logins (django-axes): a (user name, address) pair is locked after LOGIN_FAILURE_LIMIT failures
# for LOGIN_LOCKOUT_MINUTES; an administrator unlocks earlier ("Unlock login" on the users list).
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Addresses or networks of the proxies in front of the app that append to X-Forwarded-For (`make serve`
# on a loopback address: the local proxy, 127.0.0.1 and ::1). The header is read only from them, and the
# lockout then counts per address of the person; from anyone else the header is ignored (a client
# reaching gunicorn directly could otherwise send a new one with every guess). An invalid entry stops
# the start here rather than silently trusting nobody.
try:
    TRUSTED_PROXIES = [str(ipaddress.ip_network(proxy, strict=False)) for proxy in env.list("TRUSTED_PROXIES", default=[])]
except ValueError as error:
    raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error} (addresses or networks, comma-separated)") from error
AXES_CLIENT_IP_CALLABLE = "emulation.accounts.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "emulation.accounts.lockout_response"
AXES_VERBOSE = False

# Sessions end when the browser closes, and after SESSION_IDLE_MINUTES without a request
# (config.middleware.IdleSessionMiddleware; the stored session outlives it by one refresh step).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30 if PRODUCTION else 8 * 60)
SESSION_IDLE_REFRESH_SECONDS = 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60 + SESSION_IDLE_REFRESH_SECONDS

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["emulation.formats"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
# Outside production WhiteNoise serves straight from the app and package folders (no collectstatic).
WHITENOISE_USE_FINDERS = not PRODUCTION
# Pages name static files by their hashed names only ({% static %}): the plain copies are not kept,
# which also halves the compression work of collectstatic.
WHITENOISE_KEEP_ONLY_HASHED_FILES = True
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Production serves hashed, compressed copies made by `collectstatic` (`make serve` runs it).
    "staticfiles": {
        "BACKEND": "config.storage.ManifestStaticStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# Uploaded files (evidence, dossiers) go through the `default` storage: a local folder (MEDIA_ROOT) unless
# FILE_STORAGE=s3 puts them in an S3-compatible bucket (django-storages), for several app servers
# (docs/deployment.md). The bucket stays private: files go out only through permission-checked views.
FILE_STORAGE = env("FILE_STORAGE", default="local")
if FILE_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default=None),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "location": env("S3_PREFIX", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
elif FILE_STORAGE != "local":
    raise ImproperlyConfigured(f"FILE_STORAGE must be 'local' or 's3', not {FILE_STORAGE!r}.")
# Uploaded files (evidence, dossiers, pending imports) live outside the static path and are served
# only through views that check permissions.
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"  # never routed: files go out through permission-checked views

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=5 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=60 * 1024 * 1024)
IMPORT_MAX_ROWS = env.int("IMPORT_MAX_ROWS", default=60000)
# Files larger than this (about 2,000 rows) are checked and imported in the background (emulation.imports);
# their preview keeps up to IMPORT_PREVIEW_ROWS rows, shown a page at a time.
IMPORT_BACKGROUND_BYTES = env.int("IMPORT_BACKGROUND_BYTES", default=150 * 1024)
IMPORT_PREVIEW_ROWS = env.int("IMPORT_PREVIEW_ROWS", default=5000)
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="thidua@localhost")
# Mail is sent by the task worker (emulation.mail): it waits at most EMAIL_TIMEOUT seconds for the server,
# and tries EMAIL_ATTEMPTS times in all, the n-th retry EMAIL_RETRY_SECONDS × n after the failure.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
EMAIL_ATTEMPTS = env.int("EMAIL_ATTEMPTS", default=4)
EMAIL_RETRY_SECONDS = env.int("EMAIL_RETRY_SECONDS", default=300)
# The address of the site, for links in e-mails (notifications, reminders).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
# Unit reports: remind unit heads this many working days before a due date (see README, Reminders).
REPORT_REMINDER_WORKING_DAYS = env.int("REPORT_REMINDER_WORKING_DAYS", default=3)
# A standard period's due date: this many working days after the period ends.
REPORT_DUE_WORKING_DAYS = env.int("REPORT_DUE_WORKING_DAYS", default=5)

# Background work (emulation.jobs): the queue lives in our own database and `manage.py run_worker`
# runs it. TASKS_BACKEND=immediate runs each job inside the request instead (no worker needed).
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if env("TASKS_BACKEND", default="database") == "immediate"
        else "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

JOB_KEEP_DAYS = env.int("JOB_KEEP_DAYS", default=7)
# A running job writes a heartbeat every JOB_HEARTBEAT_SECONDS; one silent for JOB_STALE_SECONDS lost its
# worker (killed, machine down) and is marked failed, so that its owner may run it again.
JOB_HEARTBEAT_SECONDS = env.int("JOB_HEARTBEAT_SECONDS", default=15)
JOB_STALE_SECONDS = env.int("JOB_STALE_SECONDS", default=120)
# On SQLite a job also keeps its progress and heartbeat in a small file here (emulation.jobs.runner): the
# database is locked while an import writes its rows, the file is not.
JOB_PROGRESS_DIR = Path(env("JOB_PROGRESS_DIR", default=str(VAR_DIR / "job-progress")))
# The worker (`manage.py run_worker`) waits this long after a database error, then goes on.
WORKER_RETRY_SECONDS = env.int("WORKER_RETRY_SECONDS", default=10)
# Exports with more rows than this are made in the background (emulation.large_exports).
EXPORT_BACKGROUND_ROWS = env.int("EXPORT_BACKGROUND_ROWS", default=3000)
# A council session with more nominations on its agenda is closed by a background job (awards.jobs).
COUNCIL_CLOSE_BACKGROUND = env.int("COUNCIL_CLOSE_BACKGROUND", default=200)

# The organisation that issues documents; the Department chooses its own abbreviation (Decree 30).
ORGANISATION = {
    "parent_authority": env("ORG_PARENT_AUTHORITY", default="UBND TỈNH QUẢNG NGÃI"),
    "name": env("ORG_NAME", default="SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"),
    "abbreviation": env("ORG_ABBREVIATION", default="STNMT"),
    "place": env("ORG_PLACE", default="Quảng Ngãi"),
    # The local legal texts a Director's decision cites after the law and decree of the rule set in force
    # (the provincial regulation on emulation and commendation, the decision on the Department's functions),
    # separated by "|". The defaults are demo texts: set yours.
    "legal_bases": [text.strip() for text in env("ORG_LEGAL_BASES", default=(
        "Quyết định số 26/2024/QĐ-UBND ngày 10 tháng 5 năm 2024 của Ủy ban nhân dân tỉnh Quảng Ngãi ban hành "
        "Quy chế công tác thi đua, khen thưởng trên địa bàn tỉnh"
        "|Quyết định số 12/2025/QĐ-UBND ngày 28 tháng 02 năm 2025 của Ủy ban nhân dân tỉnh Quảng Ngãi quy định "
        "chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tài nguyên và Môi trường"
    )).split("|") if text.strip()],
    # Who signs documents “TL. GIÁM ĐỐC / CHÁNH VĂN PHÒNG” by default (tờ trình, registration summary, extracts).
    "office_chief": env("ORG_OFFICE_CHIEF", default="Lê Thị Văn"),
}

#: Largest PDF the public verification page accepts for checking against the archive.
DOCUMENT_VERIFY_MAX_BYTES = env.int("DOCUMENT_VERIFY_MAX_BYTES", default=20 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "emulation.log_filters.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="WARNING")},
    # A 403 is one line (who, what, why), not a traceback: docs/security.md, Refusals in the log.
    "loggers": {"django.request": {"filters": ["one_line_refusals"]}},
}

# Content Security Policy (django-csp) on every page: only our own files, no inline script or style
# (templates load static files only), no plugins, no framing. Bootstrap's CSS draws its small icons
# (menu toggler, select arrow, close button) as data: SVG images, hence `img-src data:`.
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
    },
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# `make backup` writes its archives here (emulation.backup).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(VAR_DIR / "backups")))
# With a passphrase, archives are encrypted (AES-256-GCM, scrypt-derived key); `restore` needs the same one.
BACKUP_PASSPHRASE = env("BACKUP_PASSPHRASE", default="")

# The dossier package for the province (reports.dossier): refused above this many MB, with a message.
DOSSIER_MAX_MB = env.int("DOSSIER_MAX_MB", default=200)

# gunicorn (`make serve`, gunicorn.conf.py): worker processes and the longest a request may take.
GUNICORN_WORKERS = env.int("GUNICORN_WORKERS", default=3)
GUNICORN_TIMEOUT = env.int("GUNICORN_TIMEOUT", default=120)

# Digital signatures (emulation.documents.digital_signatures, docs/documents.md): the certificates (PEM files)
# /verify/ trusts as roots (the licensed CAs' in production; the demo's own test CA, var/signing/root.pem,
# when none is set), and a timestamp authority's URL (RFC 3161) to timestamp each signature (none: no timestamp).
SIGNING_TRUST_ROOTS = env.list("SIGNING_TRUST_ROOTS", default=[str(BASE_DIR / "var" / "signing" / "root.pem")])
SIGNING_TSA_URL = env("SIGNING_TSA_URL", default="")
SIGNING_TSA_TIMEOUT = env.int("SIGNING_TSA_TIMEOUT", default=10)
# The PIN of the agency's PKCS#11 token or HSM, and the remote-signing provider's API (docs/documents.md).
SIGNING_PKCS11_PIN = env("SIGNING_PKCS11_PIN", default="")
SIGNING_REMOTE_URL = env("SIGNING_REMOTE_URL", default="")
# Where `manage.py make_test_signing_keys` (run by seed_demo) keeps the demo's own test CA.
SIGNING_TEST_CA_DIR = Path(env("SIGNING_TEST_CA_DIR", default=str(BASE_DIR / "var" / "signing")))

if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
    # Preloading puts the domain in browsers' built-in lists, hard to undo: only when asked for.
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
