"""One API, one set of rules: every /api/* route is registered under one parent blueprint.

Flask runs a parent blueprint's before_request functions for every nested blueprint's
routes, so each rule below is written once and no feature can forget it:

- a state-changing request (POST, PUT, PATCH, DELETE) from another site is refused (403):
  `Sec-Fetch-Site` other than `same-origin` or `none`, or an `Origin` other than ours;
- a body over API_MAX_BODY bytes is refused (413), announced or chunked; a body that
  cannot be read whole (malformed chunks, cut short) is a 400;
- a request that carries a body, and every POST, PUT and PATCH, must be JSON (415);
- one rate limit per client network (an IPv4 address, an IPv6 /64: one phone's whole
  range) for the whole API (429), shared by every worker process and kept across
  restarts (ratelimit.py); a view may add a limit of its own (rate_limited);
- errors are JSON `{"error", "status"}` in the person's language (core/errors.py answers
  in JSON for every path under API_PREFIX, routed or not).

Features build their own blueprints (url_prefix relative to /api) and hand them to
init_app, which nests them under a parent made for this app. Each view declares what it
takes and answers (openapi.operation), and /api/openapi.json is generated from that.
"""

import ipaddress
from pathlib import Path

from flask import Blueprint, Flask, current_app, request
from flask_babel import gettext as _
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address

from . import (
    openapi,
    ratelimit,  # noqa: F401  # registers the guide+sqlite:// storage
)
from .errors import API_PREFIX, ApiError

STATE_CHANGING = frozenset({"POST", "PUT", "PATCH", "DELETE"})
MUST_BE_JSON = frozenset({"POST", "PUT", "PATCH"})
SAME_SITE_FETCHES = frozenset({"same-origin", "none"})  # "none": typed or bookmarked by the person


def client_network() -> str:
    """The client's address, or for IPv6 its /64: one subscriber gets a whole /64."""
    address = get_remote_address()
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return str(parsed)


def rate_limited(setting: str):
    """Mark a view for a limit of its own, from the config key `setting` (init_app applies it)."""

    def mark(view):
        view.rate_limit_setting = setting
        return view

    return mark


def own_origin() -> str:
    return f"{request.scheme}://{request.host}"


def refuse_cross_site():
    """A form or script on another site must not change anything here (CSRF)."""
    if request.method not in STATE_CHANGING:
        return
    fetch_site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    if (fetch_site is not None and fetch_site not in SAME_SITE_FETCHES) or (
        origin is not None and origin != own_origin()
    ):
        raise ApiError(403, _("This request came from another site and was refused."))


def carries_body() -> bool:
    return bool(request.content_length) or "chunked" in request.headers.get("Transfer-Encoding", "")


def cap_body():
    """Far below the app-wide limit: no valid API request is anywhere near this big."""
    limit = current_app.config["API_MAX_BODY"]
    request.max_content_length = limit
    if request.content_length is not None and request.content_length > limit:
        raise ApiError(413, _("What was sent is too large."))


def read_body():
    """Read the (small) body now, whole: a chunked body over the cap is a 413 too, where
    Werkzeug would cut it off at the cap without a word, and a body shorter than its
    Content-Length (the client gave up) is a 400, not a request to act on."""
    if not carries_body():
        return
    limit = current_app.config["API_MAX_BODY"]
    request.max_content_length = limit + 1  # one byte over the cap shows it was exceeded
    body = request.get_data(cache=True)
    request.max_content_length = limit
    if len(body) > limit:
        raise ApiError(413, _("What was sent is too large."))
    if request.content_length is not None and len(body) != request.content_length:
        raise ApiError(400, _("The request was not understood."))


def require_json():
    if request.method in MUST_BE_JSON or carries_body():
        if request.mimetype != "application/json":
            raise ApiError(415, _("Send the request as JSON."))


def json_object(empty_allowed: bool = False) -> dict:
    """The request's JSON object; an empty body counts as {} where empty_allowed."""
    if empty_allowed and not carries_body():
        return {}
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # nested too deep ("[[[[...") for the parser: not our object
        data = None
    if not isinstance(data, dict):
        raise ApiError(400, _("The request must be a JSON object."))
    return data


def parent_blueprint() -> Blueprint:
    """A fresh parent for one app: Flask records nested blueprints on the parent object."""
    parent = Blueprint("api", __name__, url_prefix=API_PREFIX)
    parent.before_request(refuse_cross_site)
    parent.before_request(cap_body)
    parent.before_request(require_json)
    parent.before_request(read_body)
    parent.add_url_rule("/openapi.json", "openapi", openapi.openapi_view)
    return parent


def init_app(app: Flask, *features: Blueprint) -> None:
    """Nest every feature's API blueprint under the parent and register it."""
    openapi.init_app(app)
    parent = parent_blueprint()
    for feature in features:
        parent.register_blueprint(feature)
    # Counted in a SQLite file every worker shares, and kept across restarts (ratelimit.py).
    counters = app.config["RATE_LIMIT_DATABASE"] or Path(app.instance_path) / "rate-limits.sqlite3"
    limiter = Limiter(
        client_network,
        app=app,
        storage_uri="guide+sqlite://",
        storage_options={
            "path": str(counters),
            "busy_seconds": app.config["DATABASE_BUSY_SECONDS"],
        },
        strategy="fixed-window",
    )
    # One budget per address for the whole API, whichever routes it calls.
    limiter.shared_limit(lambda: app.config["API_RATE_LIMIT"], scope="api")(parent)
    app.register_blueprint(parent)
    for endpoint, view in list(app.view_functions.items()):
        setting = getattr(view, "rate_limit_setting", None)
        if setting:  # the limiter checks its limit when its wrapper runs: the view is wrapped
            limit = limiter.limit(lambda setting=setting: app.config[setting])
            app.view_functions[endpoint] = limit(view)
