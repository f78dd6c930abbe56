"""Static assets under content-hashed names, and the page's inline CSS.

Each feature keeps its files in its own `static/` folder; they share one namespace of
names (`app.js`, `triage.js`). Assets are read once, on first use. A URL names exactly
one version of a file, so it can be cached for a year; a changed file gets a new URL.
Requests are looked up in a dictionary, never joined to a filesystem path, so no
traversal is possible.
"""

import base64
import hashlib
import mimetypes
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import rcssmin
import rjsmin
from flask import Blueprint, abort, make_response, request

from .services import provide, service

PACKAGE_DIR = Path(__file__).resolve().parent.parent  # webapp/
INLINE_CSS_FILE = Path(__file__).resolve().parent / "static" / "page.css"

mimetypes.add_type("text/javascript", ".js")
mimetypes.add_type("application/manifest+json", ".webmanifest")

bp = Blueprint("assets", __name__)


@dataclass(frozen=True)
class Asset:
    logical_name: str
    hashed_name: str
    body: bytes
    mimetype: str
    digest: str


def content_hash(body: bytes, length: int = 10) -> str:
    return hashlib.sha256(body).hexdigest()[:length]


def _hashed_name(logical_name: str, digest: str) -> str:
    stem, dot, suffix = logical_name.rpartition(".")
    return f"{stem}.{digest}.{suffix}" if dot else f"{logical_name}.{digest}"


def static_folders(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """core/static, then each feature's static/ folder."""
    return sorted(package_dir.glob("*/static"))


def minified(logical_name: str, body: bytes) -> bytes:
    """A script or stylesheet as phones get it: minified (rjsmin, rcssmin), so the comments
    and the indentation that are for the people who read the source cost no bytes on the
    wire. Other files are served as they are."""
    if logical_name.endswith(".js"):
        return rjsmin.jsmin(body.decode("utf-8")).encode("utf-8")
    if logical_name.endswith(".css"):
        return rcssmin.cssmin(body.decode("utf-8")).encode("utf-8")
    return body


# Scripts served as one file, in this order (a later one may use what an earlier one
# defines), and never alone: the first page a person opens runs all three, and on 2G each
# request costs about 900 B of headers up and down, more than the two smaller scripts.
JOINED_SCRIPTS = {"page.js": ("app.js", "storage.js", "progress.js")}


def _asset(logical: str, body: bytes) -> Asset:
    digest = content_hash(body)
    mimetype = mimetypes.guess_type(logical)[0] or "application/octet-stream"
    return Asset(logical, _hashed_name(logical, digest), body, mimetype, digest)


def load_assets(
    folders: list[Path] | None = None, joined: dict[str, tuple[str, ...]] = JOINED_SCRIPTS
) -> dict[str, Asset]:
    """Every file in the static folders, keyed by its logical name (e.g. 'triage.js'), the
    joined scripts in place of their parts."""
    bodies: dict[str, bytes] = {}
    for folder in folders if folders is not None else static_folders():
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            logical = path.relative_to(folder).as_posix()
            if logical in bodies or logical in joined:
                raise RuntimeError(f"two static files are called {logical}: rename one")
            bodies[logical] = minified(logical, path.read_bytes())
    for name, parts in joined.items():
        # Each part is one IIFE or one assignment, so none sees another's names; each is
        # strict, and the first one's "use strict" makes the joined file strict as a whole.
        bodies[name] = b"\n".join(bodies.pop(part) for part in parts)
    return {logical: _asset(logical, body) for logical, body in bodies.items()}


def load_inline_css(path: Path = INLINE_CSS_FILE) -> tuple[str, str]:
    """The page CSS and its CSP hash.

    Pages fetched over the network carry it inline, so the first paint needs no second
    request. Pages saved by the service worker link to the same file instead, which the
    worker also saves, so two dozen saved pages don't each carry their own copy.
    """
    css = minified(path.name, path.read_bytes()).decode("utf-8").strip()
    return css, csp_hash(css)


# What needs the script (class js, and the status line the script writes) takes no room
# without scripting. Pages carry this in <noscript>, read only when scripting is off: unlike
# @media (scripting), which older browsers ignore, showing controls that do nothing. With
# scripting on, nothing changes when the script runs: it was all there from the start.
WITHOUT_SCRIPT_CSS = ".status,.js{display:none}"


def csp_hash(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


class Assets:
    """The app's static files and its inline CSS, read on first use."""

    @cached_property
    def by_name(self) -> dict[str, Asset]:
        return load_assets()

    @cached_property
    def by_hashed_name(self) -> dict[str, Asset]:
        return {asset.hashed_name: asset for asset in self.by_name.values()}

    @cached_property
    def inline_css(self) -> tuple[str, str]:
        """(the page CSS, its CSP hash)."""
        return load_inline_css()


def asset_url(logical_name: str) -> str:
    return "/assets/" + service(Assets).by_name[logical_name].hashed_name


@bp.get("/assets/<path:hashed_name>")
def serve(hashed_name: str):
    asset = service(Assets).by_hashed_name.get(hashed_name)
    if asset is None:
        abort(404)
    response = make_response(asset.body)
    response.mimetype = asset.mimetype
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.set_etag(asset.digest)
    return response.make_conditional(request)


def init_app(app) -> None:
    provide(app, Assets())
    app.jinja_env.globals["asset_url"] = asset_url
    app.jinja_env.globals["inline_css"] = lambda: service(Assets).inline_css[0]
    app.jinja_env.globals["without_script_css"] = WITHOUT_SCRIPT_CSS
    app.register_blueprint(bp)
