"""What the service worker saves on the phone: every page in every language, and every asset.

The list is made by the app from its own routes and static files, never by hand. Each
entry carries a content-hash revision; the worker's version derives from all of them,
so any change anywhere yields a new worker, and unchanged entries are not downloaded again.
"""

from flask import Flask, url_for

from ..assets import content_hash
from ..guide.views import guide_pages

# Endpoints under /<lang>/ that the worker saves besides the guide's own pages.
OFFLINE_ENDPOINTS = ("offline.fallback", "offline.manifest")


def precache_urls(app: Flask) -> list[str]:
    endpoints = guide_pages() + [(endpoint, {}) for endpoint in OFFLINE_ENDPOINTS]
    with app.test_request_context():
        pages = [
            url_for(endpoint, lang_code=lang, **values)
            for lang in app.config["LANGUAGES"]
            for endpoint, values in endpoints
        ]
        assets = [
            url_for("assets.serve", hashed_name=a.hashed_name)
            for a in app.extensions["assets"].values()
        ]
    return pages + assets


def build_precache_manifest(app: Flask) -> list[dict[str, str]]:
    """[{url, revision}] for every URL the worker saves; revision hashes the exact body served.

    Each page is rendered through the test client, which must run with no app context
    active: a shared context would carry one request's language into the next.
    """
    client = app.test_client()
    entries = []
    for url in precache_urls(app):
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"precache entry {url} answers {response.status_code}")
        entries.append({"url": url, "revision": content_hash(response.get_data(), 16)})
    return entries


def precache_manifest(app: Flask) -> list[dict[str, str]]:
    """The manifest built at start-up by init_precache (pages don't change while the app runs)."""
    return app.extensions["precache_manifest"]


def init_precache(app: Flask) -> None:
    """Render every saved URL once, at start-up, so a broken page fails the start, loudly."""
    app.extensions["precache_manifest"] = build_precache_manifest(app)
