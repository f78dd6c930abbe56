"""Trust only what is configured: the Host a request names, and the URLs the app writes.

A request for a host outside `SITE_HOSTS` (env `TRUSTED_HOSTS`, default the host of
`SITE_URL` and this machine's own names) is refused with 400, as a page or as JSON in the
person's language. Every absolute URL (sitemap, canonical, hreflang) starts with
`SITE_URL`, never with what a request's headers say.
"""

from urllib.parse import urlsplit

from flask import abort, current_app, request
from werkzeug.sansio.utils import host_is_trusted

# Names that only reach this machine from itself: trusted with any SITE_URL, so a health
# check or the proxy on the same machine may use them.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


def trusted_hosts(config) -> list[str]:
    """TRUSTED_HOSTS when set, else SITE_URL's host and this machine's own names."""
    if config["SITE_HOSTS"]:
        return config["SITE_HOSTS"]
    return [urlsplit(config["SITE_URL"]).hostname or "127.0.0.1", *LOCAL_HOSTS]


def absolute_url(path: str) -> str:
    """`path` (starting with /) on the canonical origin."""
    return current_app.config["SITE_URL"] + path


def host_name(host: str) -> str | None:
    """The name in a `Host` header (`name`, `name:port`, `[v6]:port`), without the port;
    None when it is malformed."""
    if not host_is_trusted(host, None):  # with no list, werkzeug checks only its form
        return None
    try:
        parts = urlsplit("//" + host)
        parts.port  # noqa: B018  # raises on a port that is not a number in range
    except ValueError:
        return None
    return parts.hostname


def is_trusted(host: str, trusted: list[str]) -> bool:
    """`.example.org` in the list also trusts its subdomains."""
    name = host_name(host)
    if not name:
        return False
    for entry in trusted:
        entry = entry.strip().lower().strip("[]")
        if name == entry.lstrip(".") or (entry.startswith(".") and name.endswith(entry)):
            return True
    return False


def refuse_foreign_host():
    # ProxyFix, when trusted, has put the proxy's X-Forwarded-Host here: it is checked too.
    host = request.environ.get("HTTP_HOST") or request.environ.get("SERVER_NAME", "")
    if not is_trusted(host, trusted_hosts(current_app.config)):
        abort(400)


def init_app(app) -> None:
    app.before_request(refuse_foreign_host)

    @app.context_processor
    def site_url_context():
        return {"absolute_url": absolute_url}
