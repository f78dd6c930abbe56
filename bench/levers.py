"""`make bench`: what each byte lever saves on a first visit's way to the whole guide offline.

Each lever is measured by rebuilding, from the app's own saved copies, the form it
replaced, and comparing the bytes on the wire (brotli at quality 11, as the app sends
them; headers as HTTP/1.1 writes them). No browser: the browser's total is in run.py.
"""

import html
import json
import re
import sys
import tempfile
from email.utils import formatdate
from pathlib import Path

import brotli

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LINKS_FOR_SEARCH_ENGINES = re.compile(r'<link rel="(?:canonical|alternate)"[^>]*>\n')
# What Chromium sends with a request for a script or an icon on this harness (captured once
# from Chromium 156), without the Referer, which the pages' Referrer-Policy withholds:
# what one request fewer saves on the way up. run.py counts the real requests.
CHROMIUM_REQUEST = (
    "GET {path} HTTP/1.1\r\n"
    "Host: 127.0.0.1:8000\r\n"
    "Connection: keep-alive\r\n"
    'sec-ch-ua-platform: "Linux"\r\n'
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/156.0.0.0 Safari/537.36\r\n"
    'sec-ch-ua: "Not:A-Brand";v="8", "Chromium";v="156"\r\n'
    "sec-ch-ua-mobile: ?0\r\n"
    "Accept: */*\r\n"
    "Sec-Fetch-Site: same-origin\r\n"
    "Sec-Fetch-Mode: no-cors\r\n"
    "Sec-Fetch-Dest: script\r\n"
    "Accept-Encoding: gzip, deflate, br, zstd\r\n"
    "Accept-Language: en-US,en;q=0.9\r\n\r\n"
)
# What gunicorn writes before the app's own headers.
SERVER_HEADERS = (
    f"Server: gunicorn\r\nDate: {formatdate(usegmt=True)}\r\nConnection: keep-alive\r\n"
)


def wire(body: bytes) -> int:
    return len(brotli.compress(body, quality=11))


def compact_json(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def exchange(client, path: str) -> int:
    """One request and its answer on the wire: Chromium's request headers up; the status
    line, gunicorn's and the app's headers and the (brotli) body down."""
    return sum(exchange_parts(client, path))


def exchange_parts(client, path: str) -> tuple[int, int]:
    """(the headers up and down, the body) of one request."""
    response = client.get(path, headers={"Accept-Encoding": "br"})
    status = f"HTTP/1.1 {response.status}\r\n"
    headers = "".join(f"{name}: {value}\r\n" for name, value in response.headers.items())
    up = len(CHROMIUM_REQUEST.format(path=path))
    return up + len(status) + len(SERVER_HEADERS) + len(headers) + 2, len(response.get_data())


def joined_bundle(bodies: list[bytes]) -> bytes:
    return b"".join(body + b"\0" for body in bodies)


def old_step_markup(body: bytes) -> bytes:
    """A saved page as it was written before a step's id was written once: the one-file
    guide's steps carried it too, for tests alone."""
    from webapp.content.guide import METHODS

    step_ids = iter([step.id for method in METHODS for step in method.steps])
    body = re.sub(
        rb'<li><span class="box"></span>',
        lambda item: b'<li data-step="%s"><span class="box"></span>' % next(step_ids).encode(),
        body,
    )
    body = re.sub(
        rb'<li id="([a-z0-9-]+)"><label><input type="checkbox">',
        rb'<li id="\1"><label><input type="checkbox" data-step="\1">',
        body,
    )

    def ids_by_step(row: re.Match) -> bytes:
        kind, step = row.group(1), row.group(2)
        return re.sub(rb"\b" + kind + rb"-\d+", kind + b"-" + step, row.group(0))

    rows = rb'<div class="remind" data-(remind|calendar)="([a-z0-9-]+)".*?</div>'
    return re.sub(rows, ids_by_step, body, flags=re.S)


SCRIPT_DIRS = ("static", "scripts")
IMPORT = re.compile(rb'^import (?:[^"]*? from )?"(\.[^"]+\.js)";', re.M)


def page_modules(entry: Path) -> list[Path]:
    """An entry and every module it imports, each once (the JSON the names come in is
    inside names.js's bundle, not counted apart)."""
    found: list[Path] = []
    waiting = [entry]
    while waiting:
        module = waiting.pop(0).resolve()
        if module in found:
            continue
        found.append(module)
        waiting += [module.parent / name.decode() for name in IMPORT.findall(module.read_bytes())]
    return found


def levers(app) -> list[tuple[str, int]]:
    from webapp.core.assets import PACKAGE_DIR, Assets, minified
    from webapp.core.services import service
    from webapp.offline import WORKER_SOURCE
    from webapp.offline.precache import SavedCopies

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
            body = body.replace(b'<meta name="description"', links + b'<meta name="description"', 1)
        with_links.append(body)
    window_only = sum(
        len(f"{name}: {value}\r\n")
        for name, value in client.get("/en/").headers.items()
        if name in ("X-Frame-Options", "Permissions-Policy", "Cross-Origin-Opener-Policy")
    )
    cookie = client.post("/api/language", json={"lang": "en"}).headers["Set-Cookie"]
    assets = service(Assets, app).by_name
    # The pages' favicon was the SVG icon, fetched beside the PNG the worker saves, and
    # saved in the bundle as well.
    svg = assets["icon.svg"]
    svg_in_bundle = wire(bodies + svg.body + b"\0") - wire(bodies)
    favicon = exchange(client, f"/assets/{svg.hashed_name}") + svg_in_bundle
    # The first page's script is one bundle of its modules (page.js). Served as modules
    # (type="module", one request each, each minified alone, with page.js's headers), the
    # same code would be one request per module.
    joined_path = f"/assets/{assets['page.js'].hashed_name}"
    joined = exchange(client, joined_path)
    headers_down = joined - len(CHROMIUM_REQUEST.format(path=joined_path))
    headers_down -= wire(assets["page.js"].body)
    modules = page_modules(PACKAGE_DIR / "guide" / "static" / "page.js")
    apart = sum(
        len(CHROMIUM_REQUEST.format(path=f"/assets/{module.stem}.0123456789.js"))
        + headers_down
        + wire(minified("m.js", module.read_bytes()))
        for module in modules
    )
    # Every script minified by esbuild (names shortened inside each bundle), against the
    # same sources minified by rjsmin, which only drops comments and spaces.
    sources = [p for p in sorted(PACKAGE_DIR.glob("*/*/*.js")) if p.parent.name in SCRIPT_DIRS]
    rjsmin_all = joined_bundle([minified("m.js", p.read_bytes()) for p in sources])
    built_all = joined_bundle([a.body for n, a in assets.items() if n.endswith(".js")])
    # Each checkbox carried its step's id in data-step (now its item's id), and the reminder
    # rows' ids named the step by its id (now by its number).
    step_ids_before = joined_bundle([old_step_markup(copy.body) for copy in bundled])
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
        ("favicon: the PNG the worker saves, not the SVG too", favicon),
        (f"the first page's {len(modules)} modules as one bundle (page.js)", apart - joined),
        ("every script minified by esbuild, not rjsmin", wire(rjsmin_all) - wire(built_all)),
        (
            "a step's id once: no data-step, reminder ids by number",
            wire(step_ids_before) - wire(bodies),
        ),
    ]


def words_of(page: bytes) -> bytes:
    """A page's text as a reader sees it: no head, style, script or drawing, no tags."""
    text = re.sub(r"(?s)<(head|style|script|svg|template)\b.*?</\1>", " ", page.decode())
    return html.unescape(re.sub(r"<[^>]+>", " ", text)).encode()


def content_floor(app, lang: str = "id") -> list[tuple[str, int]]:
    """What the content itself costs on the wire, beside what a first visit sends today."""
    from webapp.core.services import service
    from webapp.offline import worker_version
    from webapp.offline.precache import SavedCopies

    copies = service(SavedCopies, app)
    bundled = [copy for copy in copies.in_bundle_order() if copy.bundled]
    guides = [copy.body for copy in bundled if copy.url.endswith("/guide.html")]
    pages = [c.body for c in bundled if c.is_page and not c.url.endswith("/guide.html")]
    scripts = [c.body for c in bundled if c.url.endswith(".js")]
    scripts += [c.body for c in copies.all if c.first_page_script]
    client = app.test_client()
    first = client.get(f"/{lang}/").get_data(as_text=True)
    # A first visit: the page, what it links (scripts, manifest, icon), the worker, the
    # bundle, and whatever the worker saves that none of those brought.
    linked = re.findall(r'<(?:script src|link rel="(?:manifest|icon)" href)="([^"]+)"', first)
    with app.app_context():
        bundle_url = f"/precache/{worker_version()}.txt"
    paths = [f"/{lang}/", *dict.fromkeys(linked), "/sw.js", bundle_url]
    paths += [c.url for c in copies.all if not c.bundled and c.url not in paths]
    exchanges = [exchange_parts(client, path) for path in paths]
    return [
        (
            "text alone, both languages (the pages' words, no tags)",
            wire(b"\0".join(map(words_of, pages))),
        ),
        ("the pages as HTML, both languages", wire(joined_bundle(pages))),
        ("the one-file guides, both languages, alone", wire(joined_bundle(guides))),
        ("every script, as one stream", wire(joined_bundle(scripts))),
        ("the bundle (guides, pages, scripts, style, manifests)", wire(copies.bundle_body())),
        (f"the first page, /{lang}/ (its style inline)", exchange_parts(client, f"/{lang}/")[1]),
        ("the worker script (code, lists, headers by kind)", exchange_parts(client, "/sw.js")[1]),
        (
            f"HTTP overhead: {len(paths)} requests' headers up and down",
            sum(h for h, _ in exchanges),
        ),
        ("a first visit, modelled (run.py measures the real one)", sum(map(sum, exchanges))),
    ]


def report() -> None:
    from webapp import create_app

    with tempfile.TemporaryDirectory() as instance:
        app = create_app({"TESTING": True}, instance)
        rows = levers(app)
        floor = content_floor(app)
    print("\nbyte levers, saving on a first visit's way to the whole guide offline:")
    for label, saved in rows:
        print(f"  {label:<60}{saved:>7} B")
    print(f"  {'total':<60}{sum(saved for _, saved in rows):>7} B")
    print("\ncontent floor, brotli at quality 11 (each line on its own; they overlap):")
    for label, size in floor:
        print(f"  {label:<60}{size:>7} B")


if __name__ == "__main__":
    report()
