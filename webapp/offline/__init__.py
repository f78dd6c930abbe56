"""Offline and installable: the service worker, the web app manifests, the offline page."""

import json
from pathlib import Path

from flask import Blueprint, abort, current_app, url_for
from flask_babel import gettext as _

from ..assets import asset_url, content_hash
from ..compression import precompressed_response
from ..i18n import current_language, language_blueprint
from ..rendering import render_page
from .precache import (
    PRECACHE_HEADER,
    bundle_body,
    init_precache,
    precache_manifest,
    saved_copy,
    vary_on_saved_copy,
)

__all__ = ["bp", "init_app", "init_precache", "worker_bp"]

WORKER_SOURCE = Path(__file__).resolve().parent.parent.parent / "service_worker" / "sw.js"
THEME_COLOR = "#9a4a00"
BACKGROUND_COLOR = "#ffffff"

bp = language_blueprint("offline", __name__)
worker_bp = Blueprint("worker", __name__)


@bp.get("/offline")
def fallback():
    return render_page("offline.html")


@bp.get("/manifest.webmanifest")
def manifest():
    home = url_for("guide.home")
    document = {
        "id": "/",
        "name": _("Redmi 4A recovery guide"),
        "short_name": _("Mi account help"),
        "description": _(
            "Step-by-step help for a Redmi 4A whose Mi account password was forgotten. Works offline."
        ),
        "lang": current_language(),
        "start_url": home,
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


def worker_version() -> str:
    """Derived from every saved entry and the worker's own source: any change, a new worker."""
    if "worker_version" not in current_app.extensions:
        entries = precache_manifest(current_app._get_current_object())
        source = WORKER_SOURCE.read_text(encoding="utf-8")
        current_app.extensions["worker_version"] = content_hash(
            (json.dumps(entries) + source).encode("utf-8"), 16
        )
    return current_app.extensions["worker_version"]


def worker_script() -> str:
    """The worker's source, preceded by its precache list and the version derived from it."""
    if "worker_script" not in current_app.extensions:
        entries = precache_manifest(current_app._get_current_object())
        constants = {
            "VERSION": worker_version(),
            "PRECACHE": entries,
            "BUNDLE_URL": url_for("worker.bundle", version=worker_version()),
            "LANGUAGES": list(current_app.config["LANGUAGES"]),
            "PRECACHE_HEADER": PRECACHE_HEADER,
            "ICON_URL": asset_url("icon-192.png"),
        }
        header = "".join(
            f"const {name} = {json.dumps(value, separators=(',', ':'))};\n"
            for name, value in constants.items()
        )
        current_app.extensions["worker_script"] = header + WORKER_SOURCE.read_text(encoding="utf-8")
    return current_app.extensions["worker_script"]


@worker_bp.get("/sw.js")
def service_worker():
    response = current_app.response_class(worker_script(), mimetype="text/javascript")
    # The browser must ask each time, so a new version is found at once.
    response.headers["Cache-Control"] = "no-cache"
    return response


@worker_bp.get("/precache/<version>.json")
def bundle(version: str):
    """Every text entry of this version in one download, for a worker's first install."""
    if version != worker_version():
        abort(404)  # an older worker: its install fails and the newer one takes over
    app = current_app._get_current_object()
    response = precompressed_response(f"bundle-{version}", bundle_body(app), "application/json")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response


def init_app(app) -> None:
    app.jinja_env.globals["saved_copy"] = saved_copy
    app.after_request(vary_on_saved_copy)
    app.register_blueprint(bp)
    app.register_blueprint(worker_bp)
