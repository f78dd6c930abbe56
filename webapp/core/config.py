"""Configuration read from the environment, with safe defaults."""

import os

from .compression import CompressedBodies, body_digest_key


def _int_env(name: str, default: int) -> int:
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


def _site_url() -> str:
    """The canonical origin: every absolute URL the app writes starts with it."""
    raw = os.environ.get("SITE_URL", "").strip().rstrip("/")
    return raw or f"http://127.0.0.1:{os.environ.get('PORT', '').strip() or '8000'}"


def _trusted_hosts() -> list[str] | None:
    raw = os.environ.get("TRUSTED_HOSTS", "").strip()
    return [host.strip() for host in raw.split(",") if host.strip()] if raw else None


def _bool_env(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name, "").strip().lower()
    if not raw:
        return default
    return raw in {"1", "true", "yes", "on"}


class Config:
    """Defaults for every deployment; the environment overrides them."""

    LANGUAGES = ("id", "en")
    # Indonesian first: most people who need the guide read it best.
    DEFAULT_LANGUAGE = "id"
    BABEL_DEFAULT_LOCALE = "en"  # the language the source strings are written in
    BABEL_TRANSLATION_DIRECTORIES = os.path.join(
        os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
        "translations",
    )

    # Nobody needs to send more than a few kilobytes to this app.
    MAX_CONTENT_LENGTH = _int_env("MAX_CONTENT_LENGTH", 16 * 1024)
    MAX_FORM_MEMORY_SIZE = MAX_CONTENT_LENGTH

    # The canonical origin (scheme, host, port): sitemap, canonical and hreflang links.
    SITE_URL = _site_url()
    # Requests for any other Host get 400; None: SITE_URL's host and this machine's own
    # names (core/hosts.py). Not Flask's TRUSTED_HOSTS: that one fails the request before
    # an error page in the person's language can be built.
    SITE_HOSTS = _trusted_hosts()

    # Set when the app sits behind a reverse proxy that sets X-Forwarded-*.
    PROXY_FIX_HOPS = _int_env("PROXY_FIX_HOPS", 0)
    FORCE_HTTPS_HEADERS = _bool_env("FORCE_HTTPS_HEADERS")

    LANGUAGE_COOKIE = "lang"
    LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600

    # Push reminders (see docs/architecture.md, "A reminder's path").
    DATABASE = os.environ.get("DATABASE_PATH") or None  # default: instance/guide.sqlite3
    DATABASE_BUSY_SECONDS = _int_env("DATABASE_BUSY_SECONDS", 10)
    VAPID_PRIVATE_KEY = os.environ.get("VAPID_PRIVATE_KEY") or None
    VAPID_SUBJECT = os.environ.get("VAPID_SUBJECT", "mailto:push-admin@recovery-guide.example")
    PUSH_SERVICE_HOSTS = os.environ.get("PUSH_SERVICE_HOSTS") or None
    PUSH_TTL = _int_env("PUSH_TTL", 24 * 3600)
    PUSH_TIMEOUT = _int_env("PUSH_TIMEOUT", 10)
    REMINDER_MIN_DELAY = _int_env("REMINDER_MIN_DELAY", 3600)
    REMINDER_MAX_DELAY = 30 * 24 * 3600
    MAX_REMINDERS_PER_SUBSCRIPTION = _int_env("MAX_REMINDERS_PER_SUBSCRIPTION", 20)
    REMINDER_MAX_ATTEMPTS = _int_env("REMINDER_MAX_ATTEMPTS", 5)
    REMINDER_RETRY_BASE = _int_env("REMINDER_RETRY_BASE", 60)
    REMINDER_LEASE = _int_env("REMINDER_LEASE", 120)
    DISPATCH_INTERVAL = _int_env("DISPATCH_INTERVAL", 5)
    # /healthz answers 503 when the dispatcher's last round is older (0: 3 intervals + 10 s).
    HEALTH_MAX_ROUND_AGE = _int_env("HEALTH_MAX_ROUND_AGE", 0)
    # Nothing kept longer than needed: reminders sent or failed are deleted after
    # REMINDER_RETENTION, subscriptions with no pending reminder after SUBSCRIPTION_RETENTION
    # since their last activity (seconds). The About page states both, in days.
    REMINDER_RETENTION = _int_env("REMINDER_RETENTION", 7 * 24 * 3600)
    SUBSCRIPTION_RETENTION = _int_env("SUBSCRIPTION_RETENTION", 30 * 24 * 3600)
    # `flask db backup --prune` deletes backups older than this; the About page says so.
    BACKUP_RETENTION = _int_env("BACKUP_RETENTION", 14 * 24 * 3600)
    PURGE_INTERVAL = _int_env("PURGE_INTERVAL", 600)
    # At most this many subscriptions in all: past it the API answers 503 (and logs it).
    MAX_SUBSCRIPTIONS = _int_env("MAX_SUBSCRIPTIONS", 10_000)
    API_MAX_BODY = _int_env("API_MAX_BODY", 4096)
    API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", "120 per minute")
    # The rate limit's counters, shared by every worker: default instance/rate-limits.sqlite3.
    RATE_LIMIT_DATABASE = os.environ.get("RATE_LIMIT_DATABASE") or None

    COMPRESS_ALGORITHM = ["br", "gzip"]
    COMPRESS_MIMETYPES = [
        "text/html",
        "text/css",
        "text/xml",
        "application/xml",
        "application/json",
        "application/manifest+json",
        "text/javascript",
        "application/javascript",
        "image/svg+xml",
    ]
    COMPRESS_MIN_SIZE = 256
    COMPRESS_BR_LEVEL = 11
    COMPRESS_LEVEL = 9
    COMPRESS_CACHE_BACKEND = CompressedBodies
    COMPRESS_CACHE_KEY = body_digest_key
