"""Static assets under content-hashed names, and the page's inline CSS.

Each feature keeps its files in its own `static/` folder; they share one namespace of
names (`page.js`, `triage.js`). Assets are read once, on first use. A URL names exactly
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


# The pages' scripts are ES modules: each feature's static/*.js is an entry, which imports
# what it shares from scripts/ folders (core/scripts: the store, the API call, the device,
# the shared names). `make build` (scripts/build_scripts.py) bundles each entry with
# esbuild into one classic script, minified, under build/scripts/, and writes the digest of
# the sources it read beside them; the app serves those bundles, and refuses to start on
# bundles older than the sources.
ROOT_DIR = PACKAGE_DIR.parent
SCRIPTS_BUILD = ROOT_DIR / "build" / "scripts"
SOURCES_DIGEST = "sources.sha256"


def script_sources(package_dir: Path = PACKAGE_DIR) -> list[Path]:
    """Every file the pages' bundles are built from: the entries and what they import."""
    return sorted([*package_dir.glob("*/static/*.js"), *package_dir.glob("*/scripts/*")])


def script_sources_digest(package_dir: Path = PACKAGE_DIR) -> str:
    digest = hashlib.sha256()
    for path in script_sources(package_dir):
        digest.update(path.relative_to(package_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def built_script(entry: Path, build: Path = SCRIPTS_BUILD) -> bytes:
    """The bundle `make build` made of an entry (webapp/<feature>/static/<name>.js)."""
    stamp = build / SOURCES_DIGEST
    if not stamp.is_file() or stamp.read_text().strip() != script_sources_digest():
        raise RuntimeError(
            "the pages' scripts are not built, or older than their sources: make build"
        )
    return (build / entry.relative_to(PACKAGE_DIR)).read_bytes()


def _asset(logical: str, body: bytes) -> Asset:
    digest = content_hash(body)
    mimetype = mimetypes.guess_type(logical)[0] or "application/octet-stream"
    return Asset(logical, _hashed_name(logical, digest), body, mimetype, digest)


def load_assets(folders: list[Path] | None = None) -> dict[str, Asset]:
    """Every file in the static folders, keyed by its logical name (e.g. 'triage.js'): a
    script as its built bundle, anything else minified where it can be."""
    bodies: dict[str, bytes] = {}
    for folder in folders if folders is not None else static_folders():
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            logical = path.relative_to(folder).as_posix()
            if logical in bodies:
                raise RuntimeError(f"two static files are called {logical}: rename one")
            if path.suffix == ".js":
                bodies[logical] = built_script(path)
            else:
                bodies[logical] = minified(logical, path.read_bytes())
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
