"""What the service worker saves on the phone: every page in every language, and every asset.

The list is made by the app from its own routes and static files, never by hand. Each
entry carries a content-hash revision; the worker's version derives from all of them,
so any change anywhere yields a new worker, and unchanged entries are not downloaded again.

Text entries (pages, manifests, scripts, styles) are also offered as one bundle: on a
first visit the worker downloads the whole guide in one request, compressed as a whole,
which on 2G costs a fraction of two dozen separately compressed pages.
"""

import json
from dataclasses import dataclass

from flask import Flask, request, url_for

from ..assets import content_hash
from ..pages import site_pages

# The worker sends this header when it saves a page; see saved_copy().
PRECACHE_HEADER = "X-Guide-Precache"

# Endpoints under /<lang>/ that the worker saves besides the guide's own pages.
OFFLINE_ENDPOINTS = ("offline.fallback", "offline.manifest")

# The headers a saved copy keeps, so a page served offline has the same policy as online.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Security-Policy",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy",
)
TEXT_TYPES = ("text/", "application/json", "application/manifest+json", "image/svg+xml")


@dataclass(frozen=True)
class SavedCopy:
    url: str
    revision: str
    body: bytes
    headers: dict[str, str]

    @property
    def bundled(self) -> bool:
        return self.headers["Content-Type"].startswith(TEXT_TYPES)


def precache_urls(app: Flask) -> list[str]:
    endpoints = site_pages() + [(endpoint, {}) for endpoint in OFFLINE_ENDPOINTS]
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


def build_saved_copies(app: Flask) -> list[SavedCopy]:
    """Every URL the worker saves, rendered as the worker receives it.

    Each page is rendered through the test client, which must run with no app context
    active: a shared context would carry one request's language into the next.
    """
    client = app.test_client()
    copies = []
    for url in precache_urls(app):
        response = client.get(url, headers={PRECACHE_HEADER: "1"})
        if response.status_code != 200:
            raise RuntimeError(f"precache entry {url} answers {response.status_code}")
        body = response.get_data()
        headers = {
            name: response.headers[name] for name in KEPT_HEADERS if name in response.headers
        }
        copies.append(SavedCopy(url, content_hash(body, 16), body, headers))
    return copies


def saved_copy() -> bool:
    """Is this page being saved by the worker? Saved pages link to the saved stylesheet."""
    return request.headers.get(PRECACHE_HEADER) == "1"


def vary_on_saved_copy(response):
    if response.mimetype == "text/html":
        response.vary.add(PRECACHE_HEADER)
    return response


def precache_manifest(app: Flask) -> list[dict]:
    """[{url, revision, bundled}] for the worker; revision hashes the exact body served."""
    return [
        {"url": copy.url, "revision": copy.revision, "bundled": copy.bundled}
        for copy in app.extensions["saved_copies"]
    ]


def bundle_body(app: Flask) -> bytes:
    """Every text entry with its body and headers, as one JSON document."""
    entries = [
        {
            "url": copy.url,
            "revision": copy.revision,
            "headers": copy.headers,
            "body": copy.body.decode("utf-8"),
        }
        for copy in app.extensions["saved_copies"]
        if copy.bundled
    ]
    return json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def init_precache(app: Flask) -> None:
    """Render every saved URL once, at start-up, so a broken page fails the start, loudly."""
    app.extensions["saved_copies"] = build_saved_copies(app)
