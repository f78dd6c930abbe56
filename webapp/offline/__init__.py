"""Offline and installable: the service worker, the web app manifests, the offline page."""

import json
import threading
from pathlib import Path

from flask import Blueprint, abort, current_app, url_for
from flask_babel import gettext as _

from ..core.assets import asset_url, content_hash, minified
from ..core.compression import precompressed_response
from ..core.features import Feature, Page
from ..core.i18n import current_language, language_blueprint
from ..core.rendering import render_page
from ..core.security import document_policy
from ..core.services import provide, service
from .precache import SAVED_PAGE_PREFIX, SavedCopies

WORKER_SOURCE = Path(__file__).resolve().parent.parent.parent / "service_worker" / "sw.js"
# The names the worker shares with the pages' scripts (its storage prefix, the language cache).
SHARED_NAMES = Path(__file__).resolve().parent.parent / "core" / "scripts" / "names.json"
THEME_COLOR = "#9a4a00"
BACKGROUND_COLOR = "#ffffff"

bp = language_blueprint("offline", __name__, template_folder="templates")
worker_bp = Blueprint("worker", __name__)


@bp.get("/offline")
def fallback():
    return render_page("offline/offline.html")


@bp.get("/manifest.webmanifest")
def manifest():
    document = {
        "id": "/",
        "name": _("Redmi 4A recovery guide"),
        "short_name": _("Mi account help"),
        "description": _(
            "Step-by-step help for a Redmi 4A whose Mi account password was forgotten. Works offline."
        ),
        "lang": current_language(),
        # The front door: it opens the language last chosen on this phone (see sw.js).
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": [
            {
                "src": asset_url("icon-192.png"),
                "sizes": "192x192",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": asset_url("icon-512.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "any",
            },
            {
                "src": asset_url("icon-maskable.png"),
                "sizes": "512x512",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return current_app.response_class(body, mimetype="application/manifest+json")


class WorkerScript:
    """The worker's source with its precache list in front, and the version derived from it."""

    def __init__(self):
        self._lock = threading.Lock()
        self._version: str | None = None
        self._script: str | None = None

    def version(self) -> str:
        """Derived from every saved entry and the worker's own source: any change, a new worker."""
        with self._lock:
            if self._version is None:
                entries = service(SavedCopies).manifest()
                source = WORKER_SOURCE.read_text(encoding="utf-8") + SHARED_NAMES.read_text()
                self._version = content_hash((json.dumps(entries) + source).encode("utf-8"), 16)
            return self._version

    def script(self) -> str:
        version = self.version()
        with self._lock:
            if self._script is None:
                constants = {
                    "VERSION": version,
                    "PRECACHE": service(SavedCopies).manifest(),
                    "BUNDLE_URL": url_for("worker.bundle", version=version),
                    "LANGUAGES": list(current_app.config["LANGUAGES"]),
                    "HEADERS": service(SavedCopies).header_kinds(),
                    "SAVED_PAGES": SAVED_PAGE_PREFIX,
                    "ICON_URL": asset_url("icon-192.png"),
                    "NAMES": json.loads(SHARED_NAMES.read_text(encoding="utf-8")),
                }
                header = "".join(
                    f"const {name} = {json.dumps(value, separators=(',', ':'))};\n"
                    for name, value in constants.items()
                )
                # Minified like every script: its comments are for people reading the source.
                source = minified("sw.js", WORKER_SOURCE.read_bytes()).decode("utf-8")
                self._script = header + source
            return self._script


def worker_version() -> str:
    return service(WorkerScript).version()


@worker_bp.get("/sw.js")
@document_policy  # the worker's own policy governs everything it fetches
def service_worker():
    response = current_app.response_class(
        service(WorkerScript).script(), mimetype="text/javascript"
    )
    # The browser must ask each time, so a new version is found at once.
    response.headers["Cache-Control"] = "no-cache"
    return response


@worker_bp.get("/precache/<version>.txt")
def bundle(version: str):
    """Every text entry of this version in one download, for a worker's first install."""
    if version != worker_version():
        abort(404)  # an older worker: its install fails and the newer one takes over
    body = service(SavedCopies).bundle_body()
    # text/plain: every static host and CDN compresses it (the bodies are UTF-8 text).
    response = precompressed_response(f"bundle-{version}", body, "text/plain")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


@worker_bp.get(f"{SAVED_PAGE_PREFIX}<revision>.html")
def saved_page(revision: str):
    """A page's saved variant alone, named by its revision: what a worker downloads when an
    update changed only a few pages (the page's own URL serves the variant with CSS inline)."""
    copy = service(SavedCopies).saved_page(revision)
    if copy is None:
        abort(404)
    response = current_app.response_class(copy.body, headers=copy.headers)
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def setup(app) -> None:
    provide(app, SavedCopies(app))
    provide(app, WorkerScript())


def prepare(app) -> None:
    service(SavedCopies, app).manifest()  # renders every page: a broken one fails the start


feature = Feature(
    "offline",
    blueprints=(bp, worker_bp),
    saved=(Page("offline.fallback"), Page("offline.manifest")),
    partials={"head": "offline/_manifest_link.html"},
    setup=setup,
    prepare=prepare,
)
