"""Django settings for Kontaktcenter, read from the environment.

Every value that differs between deployments is an environment variable (see README,
"Konfiguration"). The defaults are safe for production: DEBUG is off, SECRET_KEY must be
set, cookies are secure. `make run` sets DEBUG=true for a local demo.
"""

from datetime import timedelta
from pathlib import Path

from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from kontaktcenter import miljo

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = miljo.flagga("DEBUG", False)

if DEBUG:
    SECRET_KEY = miljo.text("SECRET_KEY", "endast-for-utveckling-inte-for-drift")
else:
    SECRET_KEY = miljo.text("SECRET_KEY")
    if len(SECRET_KEY) < 32:
        raise miljo.MiljoFel("SECRET_KEY", "är för kort (minst 32 tecken)")

ALLOWED_HOSTS = miljo.lista("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = miljo.lista("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "template_partials",
    "axes",
    "mozilla_django_oidc",
    "csp",
    "kontaktcenter",
    "inloggning",
    "arenden",
    "kunskapsbank",
    "platina_bridge",
    "paminnelser",
    "kanaler.epost",
    "kanaler.telefon",
    "kanaler.besok",
    "kanaler.brev",
    "kanaler.etjanst",
    "servicematning",
    "integritet",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Listed after MessageMiddleware, so it runs first on the way out (see its docstring).
    "kontaktcenter.meddelanden.HtmxMeddelandenMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kontaktcenter.urls"
WSGI_APPLICATION = "kontaktcenter.wsgi.application"

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
                "arenden.context_processors.roll",
                "kontaktcenter.context_processors.meny",
            ],
        },
    },
]

DATABASES = {"default": miljo.databas("DATABASE_URL", "postgres:///kontaktcenter")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = miljo.redis_url("REDIS_URL", "redis://127.0.0.1:6379/0")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "kc",
    },
    # Template fragments that depend only on the deployed code, the language and what the
    # {% cache %} tag names (the main menu for a set of roles on a page): rendered once per
    # worker process and kept for its life, without a round trip to Redis.
    "mallar": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "mallar",
        "TIMEOUT": None,
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "arenden:ko"
LOGOUT_REDIRECT_URL = "login"

# Staff login (inloggning/, see README "Inloggning"): passwords, throttled by django-axes,
# and the kommun's OpenID Connect provider when OIDC_RP_CLIENT_ID is set.
OIDC_RP_CLIENT_ID = miljo.text("OIDC_RP_CLIENT_ID", "")
sso = bool(OIDC_RP_CLIENT_ID)  # lower case: not a setting; read sso_aktiv() in inloggning
AUTHENTICATION_BACKENDS = [
    # First: django-axes refuses a locked-out username+address before any password is checked.
    "inloggning.sparr.SparrBackend",
    # Django's ModelBackend; its per-request user lookup also reads roles and Medarbetare.
    "inloggning.personal.LosenordBackend",
]
if sso:
    AUTHENTICATION_BACKENDS.append("inloggning.sso.KommunensOidcBackend")
    OIDC_RP_CLIENT_SECRET = miljo.text("OIDC_RP_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = miljo.text("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = miljo.text("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = miljo.text("OIDC_OP_USER_ENDPOINT")
    # RS256 with the provider's published keys is what Entra ID, Keycloak and most others
    # use; HS256 signs with the client secret and needs no key endpoint.
    OIDC_RP_SIGN_ALGO = miljo.text("OIDC_RP_SIGN_ALGO", "RS256")
    if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")):
        OIDC_OP_JWKS_ENDPOINT = miljo.text("OIDC_OP_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = miljo.text("OIDC_RP_SCOPES", "openid email profile")
    OIDC_USE_PKCE = miljo.flagga("OIDC_USE_PKCE", True)
    OIDC_TIMEOUT = miljo.decimaltal("OIDC_TIMEOUT", 10.0)
    # A path, not a URL name: mozilla-django-oidc redirects to it as it is.
    LOGIN_REDIRECT_URL_FAILURE = "/logga-in/"
KONTAKTCENTER_INLOGGNING = {
    "SSO": sso,
    # The provider's group (name or id) = our role: kc-vagledare=kommunvagledare,...
    "GRUPPMAPPNING": miljo.mappning("OIDC_GRUPPMAPPNING"),
    "GRUPP_CLAIM": miljo.text("OIDC_GRUPP_CLAIM", "groups"),
    "ANVANDARNAMN_CLAIM": miljo.text("OIDC_ANVANDARNAMN_CLAIM", "preferred_username"),
    # Optional claims carrying the kommun (kommunkod or name) and the förvaltning's name.
    "KOMMUN_CLAIM": miljo.text("OIDC_KOMMUN_CLAIM", ""),
    "FORVALTNING_CLAIM": miljo.text("OIDC_FORVALTNING_CLAIM", ""),
}
# Reverse proxies in front of the web process that append to X-Forwarded-For; 0: the web
# process is reached directly. The login lockout and the public forms' limit count the
# client's address by it (kontaktcenter/klientadress.py).
BETRODDA_PROXYER = miljo.heltal("BETRODDA_PROXYER", 0)
AXES_FAILURE_LIMIT = miljo.heltal("INLOGGNING_MAX_FORSOK", 5)
AXES_COOLOFF_TIME = timedelta(minutes=miljo.heltal("INLOGGNING_SPARR_MINUTER", 15))
# Per username and address: a mistyped password elsewhere in the building locks nobody out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "inloggning.views.utelast"
AXES_CLIENT_IP_CALLABLE = "kontaktcenter.klientadress.klientadress"
AXES_WHITELIST_CALLABLE = "inloggning.sparr.utan_losenord"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Svenska")), ("en", _("Engelska"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed names in production (cache-busting); plain names in
        # development and tests, where nobody runs collectstatic.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if miljo.flagga("STATIC_MANIFEST", not DEBUG)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(miljo.text("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

# Mail: the console in development, SMTP in production.
EMAIL_BACKEND = miljo.text(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = miljo.text("EMAIL_HOST", "localhost")
EMAIL_PORT = miljo.heltal("EMAIL_PORT", 25)
EMAIL_HOST_USER = miljo.text("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = miljo.text("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = miljo.flagga("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = miljo.flagga("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = miljo.heltal("EMAIL_TIMEOUT", 30)
DEFAULT_FROM_EMAIL = miljo.text("DEFAULT_FROM_EMAIL", "kontaktcenter@kommun.example")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise miljo.MiljoFel("EMAIL_USE_SSL", "kan inte vara på samtidigt som EMAIL_USE_TLS")

# HTTP hardening; behind a TLS-terminating proxy in production.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = miljo.heltal("SESSION_COOKIE_AGE", 10 * 60 * 60)
# Sessions read from Redis and written through to PostgreSQL: no SQL query on every
# request, and a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SECURE_SSL_REDIRECT = miljo.flagga("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = miljo.heltal("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = miljo.flagga("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
# Preloading binds the whole registrable domain (kommun.se and every subdomain) to HTTPS in
# the browsers' built-in lists, and takes months to undo. That is the municipality's
# decision for its domain, not this application's: off unless SECURE_HSTS_PRELOAD=true,
# and its deploy-check reminder (security.W021) is silenced while it is off.
SECURE_HSTS_PRELOAD = miljo.flagga("SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): scripts and styles only from our own static files,
# never inline, never eval. htmx runs without eval (no hx-on, no js: values, no trigger
# filters) and without its injected indicator <style> (see the htmx-config meta in the base
# templates). The API documentation pages alone relax style-src (kontaktcenter/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

REST_FRAMEWORK = {
    # Token first, so that an unauthenticated call gets 401 with WWW-Authenticate.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "inloggning.autentisering.ApiNyckelAutentisering",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "kontaktcenter.api.undantagshanterare",
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kontaktcenter API",
    "DESCRIPTION": (
        "Ärenden, kanaler och kunskapsbank för ett kommunalt kontaktcenter. "
        "Sessionsinloggning för webbgränssnittet. Integrationer (växel, e-tjänsteplattform) "
        "använder en API-nyckel per integration: `Authorization: Token <nyckel>`. Nyckeln "
        "skapas med `python manage.py skapa_token <tjänsteanvändare> --integration <namn>`, "
        "visas en gång, sparas bara som hash och kan återkallas (`--aterkalla <prefix>`)."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "UtfallEnum": "arenden.models.Utfall",
        "AvslutsUtfallEnum": "arenden.atgarder.AVSLUTS_UTFALL",
        "RosaNivaEnum": "arenden.models.RosaNiva",
        "KanalEnum": "arenden.models.Kanal",
        "StatusEnum": "arenden.models.Status",
        "ArtikelStatusEnum": "kunskapsbank.models.ArtikelStatus",
    },
}

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_DEFAULT_QUEUE = "default"
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ALWAYS_EAGER = miljo.flagga("CELERY_TASK_ALWAYS_EAGER", False)

# Error reports (mail to ADMINS, the DEBUG page) with personnummer masked.
DEFAULT_EXCEPTION_REPORTER = "integritet.loggning.Felrapport"

# Every handler carries the personnummer filter (integritet/loggning.py), so no log line
# holds one. Django's own handlers are replaced by filtered ones of the same names:
# `django.server` (runserver's request lines, which include the query string) and
# `mail_admins` (error mails with the request). Celery's worker handlers get the filter
# in kontaktcenter/celery.py.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "personnummer": {"()": "integritet.loggning.MaskeraPersonnummer"},
        "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
    },
    "formatters": {
        "enkel": {"format": "{asctime} {levelname} {name}: {message}", "style": "{"},
        "django.server": {
            "()": "django.utils.log.ServerFormatter",
            "format": "[{server_time}] {message}",
            "style": "{",
        },
    },
    "handlers": {
        "konsol": {
            "class": "logging.StreamHandler",
            "formatter": "enkel",
            "filters": ["personnummer"],
        },
        "django.server": {
            "class": "logging.StreamHandler",
            "formatter": "django.server",
            "filters": ["personnummer"],
        },
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["require_debug_false", "personnummer"],
        },
    },
    "loggers": {
        "django": {"handlers": ["mail_admins"], "level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # django-axes tells of every successful login at INFO; lockouts and failures are WARNING.
        "axes": {"level": miljo.text("AXES_LOG_LEVEL", "WARNING")},
    },
    "root": {"handlers": ["konsol"], "level": miljo.text("LOG_LEVEL", "INFO")},
}

BILAGA_FILTYPER = [
    ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".heic", ".heif", ".tif", ".tiff", ".txt", ".csv",
    ".docx", ".xlsx", ".pptx", ".odt", ".ods", ".doc", ".xls", ".eml",
]  # fmt: skip

# Kontaktcenter's own settings, read through arenden.konfiguration.
KONTAKTCENTER = {
    "KOMMUN_NAMN": miljo.text("KOMMUN_NAMN", "Exempelkommun"),
    "ARENDENUMMER_PREFIX": miljo.text("ARENDENUMMER_PREFIX", "KC"),
    "STANDARD_SLA_ARBETSDAGAR": miljo.heltal("STANDARD_SLA_ARBETSDAGAR", 1),
    # The file types any channel takes as an attachment, by extension; the content must be
    # what the extension says (arenden/bilagor.py knows how each type begins).
    "BILAGA_FILTYPER": miljo.lista("BILAGA_FILTYPER", BILAGA_FILTYPER),
}

# The e-post channel, read through kanaler.epost.konfiguration (see kanaler/epost/README.md).
# Mailboxes themselves are Epostkonto rows; their passwords are environment variables.
KONTAKTCENTER_EPOST = {
    "MAX_STORLEK": miljo.heltal("EPOST_MAX_STORLEK", 25 * 1024 * 1024),
    "MAX_BILAGA": miljo.heltal("EPOST_MAX_BILAGA", 10 * 1024 * 1024),
    "PUBLIK_BAS_URL": miljo.text("PUBLIK_BAS_URL", "http://127.0.0.1:8000"),
}

# The Platina bridge, read through platina_bridge.konfiguration (see platina_bridge/README.md).
# The defaults point at the simulator that `make run` starts.
PLATINA = {
    "URL": miljo.text("PLATINA_URL", "http://127.0.0.1:8085"),
    "CLIENT_ID": miljo.text("PLATINA_CLIENT_ID", "kontaktcenter"),
    "CLIENT_SECRET": miljo.text("PLATINA_CLIENT_SECRET", "simulator-hemlighet"),
    "DIARIUM": miljo.text("PLATINA_DIARIUM", "1"),
    "ARENDETYP_ID": miljo.heltal("PLATINA_ARENDETYP_ID", 1),
    "STATUS_ID": miljo.heltal("PLATINA_STATUS_ID", 1),
    "URSPRUNG": miljo.text("PLATINA_URSPRUNG", "Kontaktcenter"),
    "TIMEOUT_SEKUNDER": miljo.decimaltal("PLATINA_TIMEOUT_SEKUNDER", 15.0),
    "KO": miljo.text("PLATINA_KO", "platina"),
    "BACKOFF_BAS_SEKUNDER": miljo.decimaltal("PLATINA_BACKOFF_BAS_SEKUNDER", 5.0),
    "BACKOFF_MAX_SEKUNDER": miljo.decimaltal("PLATINA_BACKOFF_MAX_SEKUNDER", 900.0),
    "MAX_FORSOK": miljo.heltal("PLATINA_MAX_FORSOK", 12),
    "OKLART_VANTA_SEKUNDER": miljo.decimaltal("PLATINA_OKLART_VANTA_SEKUNDER", 60.0),
    "LAS_SEKUNDER": miljo.heltal("PLATINA_LAS_SEKUNDER", 120),
    "FASTNAD_MINUTER": miljo.heltal("PLATINA_FASTNAD_MINUTER", 15),
}

# Open ePlatform: polling its REST API for new FlowInstances and reporting status back
# through its integration callback, read through kanaler.etjanst.konfiguration (see
# kanaler/etjanst/README.md). Off while OEP_URL is empty; polling also needs OEP_FAMILJER.
OEP = {
    "URL": miljo.text("OEP_URL", ""),
    "ANVANDARE": miljo.text("OEP_ANVANDARE", ""),
    "LOSENORD": miljo.text("OEP_LOSENORD", ""),
    "FAMILJER": miljo.lista("OEP_FAMILJER", []),
    "HAMTA_INTERVALL": miljo.heltal("OEP_HAMTA_INTERVALL", 300),
    "FORSTA_DAGAR": miljo.heltal("OEP_FORSTA_DAGAR", 7),
    "CALLBACK_URL": miljo.text("OEP_CALLBACK_URL", ""),
    "ANVANDAR_ID": miljo.text("OEP_ANVANDAR_ID", "kontaktcenter"),
    "STATUS_TAGEN": miljo.text("OEP_STATUS_TAGEN", "Under handläggning"),
    "STATUS_BESVARAD": miljo.text("OEP_STATUS_BESVARAD", "Besvarad"),
    "STATUS_AVSLUTAD": miljo.text("OEP_STATUS_AVSLUTAD", "Avslutad"),
    "TIMEOUT_SEKUNDER": miljo.decimaltal("OEP_TIMEOUT_SEKUNDER", 15.0),
    "BACKOFF_BAS_SEKUNDER": miljo.decimaltal("OEP_BACKOFF_BAS_SEKUNDER", 5.0),
    "BACKOFF_MAX_SEKUNDER": miljo.decimaltal("OEP_BACKOFF_MAX_SEKUNDER", 900.0),
    "MAX_FORSOK": miljo.heltal("OEP_MAX_FORSOK", 12),
    "FASTNAD_MINUTER": miljo.heltal("OEP_FASTNAD_MINUTER", 15),
}
