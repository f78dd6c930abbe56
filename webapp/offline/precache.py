"""What the service worker saves on the phone: every page in every language, and every asset.

The list is made by the app from its own routes and static files, never by hand. Each
entry carries a content-hash revision; the worker's version derives from all of them,
so any change anywhere yields a new worker, and unchanged entries are not downloaded again.

Each revision covers the headers a saved copy keeps (Content-Type, the CSP, ...) as well
as the body. Text entries (pages, manifests, scripts, styles) are also offered as one bundle: on a
first visit the worker downloads the whole guide in one request, compressed as a whole,
which on 2G costs a fraction of two dozen separately compressed pages.
"""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Flask, url_for

from ..core.assets import Assets, content_hash
from ..core.features import features
from ..core.rendering import SAVED_COPY_HEADER
from ..core.services import service

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
    "Content-Disposition",  # the one-file guide is a download, offline too
)
# The installed app's large icons: only installing uses them, which needs a connection (on
# Android the browser builds the app online), and the browser keeps its own copy once
# installed. Saved, they cost a fifth of the offline budget for nothing offline.
INSTALL_ONLY_ASSETS = ("icon-512.png", "icon-maskable.png")
# The scripts the first page a person opens has already loaded (app.js on every page, the
# other two on the home and method pages): they sit in the browser's HTTP cache under their
# immutable hashed names, so the worker takes them from there rather than from the bundle,
# which would carry them over the network a second time.
FIRST_PAGE_SCRIPTS = ("app.js", "storage.js", "progress.js")
# The URL of guide.whole in each language, ending in this: the bundle puts them first.
WHOLE_GUIDE_NAME = "/guide.html"
TEXT_TYPES = ("text/", "application/json", "application/manifest+json", "image/svg+xml")


def revision_of(body: bytes, headers: dict[str, str], length: int = 16) -> str:
    """The hash of what the worker saves: the kept headers, in KEPT_HEADERS order, each as
    "name: value\n" with the name in lower case, then an empty line, then the body.

    The worker computes the same over what it downloaded (service_worker/sw.js, verified),
    so a copy whose Content-Type, CSP or any kept header was altered on the way, in the
    bundle or in a single download, fails the install like an altered body.
    """
    block = "".join(
        f"{name.lower()}: {headers[name]}\n" for name in KEPT_HEADERS if name in headers
    )
    return content_hash((block + "\n").encode("utf-8") + body, length)


@dataclass(frozen=True)
class SavedCopy:
    url: str
    revision: str
    body: bytes
    headers: dict[str, str]
    first_page_script: bool = False

    @property
    def bundled(self) -> bool:
        return self.headers["Content-Type"].startswith(TEXT_TYPES) and not self.first_page_script


def precache_urls(app: Flask) -> list[str]:
    # Every feature's pages, and what features save besides (the offline page, the manifest).
    declared = features(app).pages() + features(app).saved()
    with app.test_request_context():
        pages = [
            url_for(page.endpoint, lang_code=lang, **page.values)
            for lang in app.config["LANGUAGES"]
            for page in declared
        ]
        assets = [
            url_for("assets.serve", hashed_name=a.hashed_name)
            for a in service(Assets, app).by_name.values()
            if a.logical_name not in INSTALL_ONLY_ASSETS
        ]
    return pages + assets


def build_saved_copies(app: Flask) -> list[SavedCopy]:
    """Every URL the worker saves, rendered as the worker receives it.

    Each page is rendered through the test client, which must run with no app context
    active: a shared context would carry one request's language into the next.
    """
    client = app.test_client()
    with app.test_request_context():
        first_page = {
            url_for("assets.serve", hashed_name=service(Assets, app).by_name[name].hashed_name)
            for name in FIRST_PAGE_SCRIPTS
        }
    copies = []
    for url in precache_urls(app):
        response = client.get(url, headers={SAVED_COPY_HEADER: "1"})
        if response.status_code != 200:
            raise RuntimeError(f"precache entry {url} answers {response.status_code}")
        body = response.get_data()
        headers = {
            name: response.headers[name] for name in KEPT_HEADERS if name in response.headers
        }
        copies.append(SavedCopy(url, revision_of(body, headers), body, headers, url in first_page))
    return copies


class SavedCopies:
    """Every entry the worker saves, rendered once per process on first use.

    Rendering runs in a thread of its own: inside a request, the test client would share
    that request's app context, and with it the language of one page with the next.
    """

    def __init__(self, app: Flask):
        self.app = app
        self._lock = threading.Lock()
        self._copies: list[SavedCopy] | None = None

    @property
    def all(self) -> list[SavedCopy]:
        with self._lock:
            if self._copies is None:
                with ThreadPoolExecutor(max_workers=1) as pool:
                    self._copies = pool.submit(build_saved_copies, self.app).result()
            return self._copies

    def manifest(self) -> list[dict]:
        """[{url, revision, bundled}] for the worker; revision hashes the exact headers and
        body served (revision_of)."""
        return [
            {"url": copy.url, "revision": copy.revision, "bundled": copy.bundled}
            for copy in self.all
        ]

    def bundle_body(self) -> bytes:
        """Every text entry with its body and headers, as one JSON document.

        Ordered for brotli, which the bundle is sent with: the one-file guides come first,
        since they hold the text of every page, so each page after them costs little more
        than references back; then by URL, with the headers after the body. This saves
        about 500 B on the wire against the order of precache_urls; the worker reads the
        entries by URL, so the order means nothing else.
        """
        bundled = sorted(
            (copy for copy in self.all if copy.bundled),
            key=lambda copy: (not copy.url.endswith(WHOLE_GUIDE_NAME), copy.url),
        )
        entries = [
            {
                "url": copy.url,
                "revision": copy.revision,
                "body": copy.body.decode("utf-8"),
                "headers": copy.headers,
            }
            for copy in bundled
        ]
        return json.dumps(entries, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
