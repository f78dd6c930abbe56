"""Which push services we send to: a fixed allowlist, checked on subscribe and again on send.

An endpoint must be https on port 443, with no user name or password, and its host must
equal a listed service or end with "." and one. PUSH_SERVICE_HOSTS replaces the list;
an entry with a port ("127.0.0.1:8443", for tests) is allowed exactly as written.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l

DEFAULT_PUSH_SERVICE_HOSTS = (
    "fcm.googleapis.com",
    "updates.push.services.mozilla.com",
    "notify.windows.com",
    "web.push.apple.com",
)
MAX_ENDPOINT_LENGTH = 1024


class EndpointRefused(ValueError):
    """The endpoint is not one of the push services we send to."""


def parse_hosts(setting: str | None) -> tuple[str, ...]:
    if not setting or not setting.strip():
        return DEFAULT_PUSH_SERVICE_HOSTS
    return tuple(entry.strip().lower() for entry in setting.split(",") if entry.strip())


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def _encodable(host: str) -> bool:
    """Can the host name be looked up at all? An empty label ("x..example") or one over
    63 characters makes every DNS lookup raise UnicodeError, not OSError."""
    if _is_ip_literal(host):
        return True
    try:
        host.encode("idna")
    except UnicodeError:
        return False
    return True


def check_endpoint(endpoint: object, allowed: tuple[str, ...]) -> str:
    """The endpoint, if we may send to it; else EndpointRefused with the reason."""
    if not isinstance(endpoint, str) or not endpoint or len(endpoint) > MAX_ENDPOINT_LENGTH:
        raise EndpointRefused(_l("endpoint must be a URL of at most 1024 characters"))
    if any(ord(char) < 33 or ord(char) == 127 for char in endpoint):
        raise EndpointRefused(_l("endpoint must not contain spaces or control characters"))
    try:
        parts = urlsplit(endpoint)
        port = parts.port
    except ValueError:
        raise EndpointRefused(_l("endpoint is not a valid URL")) from None
    if parts.scheme != "https":
        raise EndpointRefused(_l("endpoint must use https"))
    if parts.username is not None or parts.password is not None or "@" in parts.netloc:
        raise EndpointRefused(_l("endpoint must not carry a user name or password"))
    host = (parts.hostname or "").lower()
    if not host:
        raise EndpointRefused(_l("endpoint has no host"))
    if not _encodable(host):
        raise EndpointRefused(_l("endpoint host is not a valid host name"))
    with_port = f"{host}:{port}" if port is not None else None
    # Entries with a port are allowed exactly as written (a local push service in tests).
    if with_port and with_port in allowed:
        return endpoint
    if port not in (None, 443):
        raise EndpointRefused(_l("endpoint must use port 443"))
    if _is_ip_literal(host) or host == "localhost" or host.endswith(".localhost"):
        raise EndpointRefused(_l("endpoint must name a push service, not an address"))
    for service in allowed:
        if ":" not in service and (host == service or host.endswith("." + service)):
            return endpoint
    raise EndpointRefused(_l("endpoint is not a known push service"))


def named_exactly(endpoint: str, allowed: tuple[str, ...]) -> bool:
    """Is the endpoint's host:port an entry of its own (a local service named on purpose)?"""
    parts = urlsplit(endpoint)
    return parts.port is not None and f"{(parts.hostname or '').lower()}:{parts.port}" in allowed


def resolves_publicly(endpoint: str) -> bool:
    """Does the host resolve to public addresses only? A push service never lives on
    loopback, private or link-local ranges; a DNS answer that says so is an attack."""
    parts = urlsplit(endpoint)
    try:
        answers = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return True  # unresolvable: the send fails by itself and is retried
    return all(ipaddress.ip_address(answer[4][0].split("%")[0]).is_global for answer in answers)
