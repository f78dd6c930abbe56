"""`make bench`: what each byte lever saves on a first visit's way to the whole guide offline.

Each lever is measured by rebuilding, from the app's own saved copies, the form it
replaced, and comparing the bytes on the wire (brotli at quality 11, as the app sends
them; headers as HTTP/1.1 writes them). No browser: the browser's total is in run.py.
"""

import json
import re
import sys
import tempfile
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LINKS_FOR_SEARCH_ENGINES = re.compile(r'<link rel="(?:canonical|alternate)"[^>]*>\n')


def wire(body: bytes) -> int:
    return len(brotli.compress(body, quality=11))


def compact_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def levers() -> list[tuple[str, int]]:
    from webapp import create_app
    from webapp.core.assets import minified
    from webapp.core.services import service
    from webapp.offline import WORKER_SOURCE
    from webapp.offline.precache import SavedCopies

    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"TESTING": True}, instance)
        copies = service(SavedCopies, app)
        bundled = [copy for copy in copies.in_bundle_order() if copy.bundled]
        client = app.test_client()
        kinds = compact_json(copies.header_kinds())
        # Before: each bundle entry carried its URL, revision, body and headers, as JSON.
        per_entry = compact_json(
            [
                {
                    "url": c.url,
                    "revision": c.revision,
                    "body": c.body.decode(),
                    "headers": c.headers,
                }
                for c in bundled
            ]
        )
        by_url = compact_json({c.url: c.body.decode() for c in bundled})
        bodies = copies.bundle_body()
        # The worker's source as it was sent before: not minified.
        source = WORKER_SOURCE.read_bytes()
        # Saved pages used to carry the canonical and hreflang links of the network page.
        with_links = []
        for copy in bundled:
            body = copy.body
            if copy.is_page and not copy.url.endswith("/guide.html"):
                network = client.get(copy.url).get_data(as_text=True)
                links = "".join(LINKS_FOR_SEARCH_ENGINES.findall(network)).encode()
                body = body.replace(
                    b'<meta name="description"', links + b'<meta name="description"', 1
                )
            with_links.append(body)
        window_only = sum(
            len(f"{name}: {value}\r\n")
            for name, value in client.get("/en/").headers.items()
            if name in ("X-Frame-Options", "Permissions-Policy", "Cross-Origin-Opener-Policy")
        )
        cookie = client.post("/api/language", json={"lang": "en"}).headers["Set-Cookie"]
    return [
        (
            "headers once per kind in sw.js, not in each bundle entry",
            wire(per_entry) - wire(by_url) - wire(kinds),
        ),
        ("bundle as bodies alone (no URLs, no JSON escaping)", wire(by_url) - wire(bodies)),
        (
            "worker script minified",
            wire(source) - wire(minified("sw.js", source)),
        ),
        (
            "saved pages without canonical/hreflang links",
            wire(b"\0".join(with_links)) - wire(bodies),
        ),
        ("worker script without window-only headers", window_only),
        # The page and the manifest each answered with the cookie (and the requests after
        # them sent it back: about 15 B each, not counted here).
        ("pages set no cookie (page and manifest)", 2 * len(f"Set-Cookie: {cookie}\r\n")),
    ]


def report() -> None:
    rows = levers()
    print("\nbyte levers, saving on a first visit's way to the whole guide offline:")
    for label, saved in rows:
        print(f"  {label:<60}{saved:>7} B")
    print(f"  {'total':<60}{sum(saved for _, saved in rows):>7} B")


if __name__ == "__main__":
    report()
