"""Static assets under content-hashed names, and the page's inline CSS.

Assets are read once at start-up. A URL names exactly one version of a file, so it
can be cached for a year; a changed file gets a new URL. Requests are looked up in
a dictionary, never joined to a filesystem path, so no traversal is possible.
"""

import base64
import hashlib
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from flask import Blueprint, abort, current_app, make_response, request

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
INLINE_CSS_FILE = STATIC_DIR / "page.css"

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


def load_assets(static_dir: Path = STATIC_DIR) -> dict[str, Asset]:
    """Every file under static_dir, keyed by its logical name (e.g. 'app.js')."""
    assets = {}
    for path in sorted(static_dir.rglob("*")):
        if not path.is_file():
            continue
        logical = path.relative_to(static_dir).as_posix()
        body = path.read_bytes()
        digest = content_hash(body)
        mimetype = mimetypes.guess_type(logical)[0] or "application/octet-stream"
        assets[logical] = Asset(logical, _hashed_name(logical, digest), body, mimetype, digest)
    return assets


def load_inline_css(path: Path = INLINE_CSS_FILE) -> tuple[str, str]:
    """The page CSS and its CSP hash.

    Pages fetched over the network carry it inline, so the first paint needs no second
    request. Pages saved by the service worker link to the same file instead, which the
    worker also saves, so two dozen saved pages don't each carry their own copy.
    """
    css = path.read_text(encoding="utf-8").strip()
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return css, f"'sha256-{digest}'"


def asset_url(logical_name: str) -> str:
    return "/assets/" + current_app.extensions["assets"][logical_name].hashed_name


@bp.get("/assets/<path:hashed_name>")
def serve(hashed_name: str):
    asset = current_app.extensions["assets_by_hashed_name"].get(hashed_name)
    if asset is None:
        abort(404)
    response = make_response(asset.body)
    response.mimetype = asset.mimetype
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.set_etag(asset.digest)
    return response.make_conditional(request)


def init_app(app) -> None:
    assets = load_assets()
    app.extensions["assets"] = assets
    app.extensions["assets_by_hashed_name"] = {a.hashed_name: a for a in assets.values()}
    css, css_hash = load_inline_css()
    app.config["INLINE_CSS"] = css
    app.config["INLINE_CSS_HASH"] = css_hash
    app.jinja_env.globals["asset_url"] = asset_url
    app.register_blueprint(bp)
