"""X-Forwarded-* believed only from the proxy in front: PROXY_FIX_HOPS says how many there
are, FORWARDED_ALLOW_IPS which addresses they call from (as gunicorn's setting of that
name). A peer on a unix socket is the proxy: the socket's permissions decide who connects.
From anyone else the headers are ignored, and the request is taken as it came."""

import ipaddress

from werkzeug.middleware.proxy_fix import ProxyFix


def allowed_addresses(setting: str) -> tuple[str, ...]:
    return tuple(entry.strip() for entry in setting.split(",") if entry.strip())


def _peer_allowed(remote: str, allowed: tuple[str, ...]) -> bool:
    if "*" in allowed:
        return True
    try:
        address = ipaddress.ip_address(remote)
    except ValueError:
        return True  # not an address: a unix-socket peer
    for entry in allowed:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue
    return False


class TrustedProxyFix:
    def __init__(self, app, hops: int, allowed: str):
        self.plain = app
        self.fixed = ProxyFix(app, x_for=hops, x_proto=hops, x_host=hops)
        self.allowed = allowed_addresses(allowed)

    def __call__(self, environ, start_response):
        if _peer_allowed(environ.get("REMOTE_ADDR", ""), self.allowed):
            return self.fixed(environ, start_response)
        return self.plain(environ, start_response)
