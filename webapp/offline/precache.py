"""What the service worker saves on the phone: every page in every language, and every asset.

The list is made by the app from its own routes and static files, never by hand. Each
entry carries a content-hash revision; the worker's version derives from all of them,
so any change anywhere yields a new worker, and unchanged entries are not downloaded again.

Each revision covers the headers a saved copy keeps (Content-Type, the CSP, ...) as well
as the body. Those headers are the app's own, never the host's: the worker script carries
each distinct set once (HEADERS, a "kind" per entry) and gives them to every copy it saves,
so a static host or CDN that adds, drops or rewrites a header changes nothing on the phone,
while a body changed on the way still fails the install. Text entries (pages, manifests, scripts, styles) are also offered as one bundle: on a
first visit the worker downloads the whole guide in one request, compressed as a whole,
which on 2G costs a fraction of two dozen separately compressed pages.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from flask import Flask, url_for

from ..core.assets import Assets, content_hash
from ..core.features import features
from ..core.rendering import SAVED_COPY_ENVIRON
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
# Assets no saved copy uses. The installed app's large icons: only installing uses them,
# which needs a connection (on Android the browser builds the app online), and the browser
# keeps its own copy once installed; saved, they cost a fifth of the offline budget for
# nothing offline. The SVG icon: the drawing the PNGs are made from (scripts/make_icons.py),
# linked only by the exported root page; the guide's pages use the PNG.
NOT_SAVED_ASSETS = ("icon-512.png", "icon-maskable.png", "icon.svg")
# The script every page loads (guide/static/page.js, one bundle), so the first page a person
# opens has loaded it: it sits in the browser's HTTP cache under its immutable hashed name,
# so the worker takes it from there rather than from the bundle, which would carry it over
# the network a second time.
FIRST_PAGE_SCRIPTS = ("page.js",)
# The URL of guide.whole in each language, ending in this: the bundle puts them first.
WHOLE_GUIDE_NAME = "/guide.html"
# Where the worker downloads one page's saved variant alone (an update that changed only a
# few pages): named by its revision, so any cache may keep it forever.
SAVED_PAGE_PREFIX = "/precache/"
BUNDLE_SEPARATOR = b"\0"
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

    @property
    def is_page(self) -> bool:
        return self.headers["Content-Type"].startswith("text/html")

    @property
    def saved_page_url(self) -> str:
        """The page's saved variant at a URL of its own (the page's own URL serves the
        variant with its CSS inline)."""
        return f"{SAVED_PAGE_PREFIX}{self.revision}.html"


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
            if a.logical_name not in NOT_SAVED_ASSETS
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
        response = client.get(url, environ_overrides={SAVED_COPY_ENVIRON: True})
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

    def header_kinds(self) -> list[dict[str, str]]:
        """Each distinct set of kept headers once (a few kinds: pages, the one-file guide in
        each language, scripts and styles, pictures, manifests), in first-seen order."""
        kinds: list[dict[str, str]] = []
        for copy in self.all:
            if copy.headers not in kinds:
                kinds.append(copy.headers)
        return kinds

    def in_bundle_order(self) -> list[SavedCopy]:
        """Ordered for brotli, which the bundle is sent with: the one-file guides come first,
        since they hold the text of every page, so each page after them costs little more
        than references back; then by URL. This saves about 500 B on the wire against the
        order of precache_urls."""
        return sorted(
            self.all, key=lambda copy: (not copy.url.endswith(WHOLE_GUIDE_NAME), copy.url)
        )

    def manifest(self) -> list[dict]:
        """[{url, revision, kind, bundled}] for the worker, in bundle order: kind indexes
        header_kinds(), and revision hashes those headers and the body (revision_of)."""
        kinds = self.header_kinds()
        return [
            {
                "url": copy.url,
                "revision": copy.revision,
                "kind": kinds.index(copy.headers),
                "bundled": copy.bundled,
            }
            for copy in self.in_bundle_order()
        ]

    def saved_page(self, revision: str) -> SavedCopy | None:
        return next((c for c in self.all if c.is_page and c.revision == revision), None)

    def bundle_body(self) -> bytes:
        """Every text entry's body, in the order of manifest(), each followed by a NUL byte
        (which no text entry holds): the worker has the URLs, the headers (by kind) and the
        revisions already, so the bundle carries only bodies. Against a JSON document of
        {url: body} this saves the URLs and the escaping of every quote and line break."""
        bodies = [copy.body for copy in self.in_bundle_order() if copy.bundled]
        if any(BUNDLE_SEPARATOR in body for body in bodies):
            raise RuntimeError("a bundled entry holds a NUL byte")
        return b"".join(body + BUNDLE_SEPARATOR for body in bodies)
