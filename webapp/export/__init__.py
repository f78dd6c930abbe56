"""`flask --app app export DIR`: the whole public site as files, for Caddy or any CDN.

Every file is what the app serves for its URL, fetched through the app itself (its test
client, as an HTTPS request for SITE_URL's host with no cookie), so nothing is written
twice: every page in both languages (and the variant the service worker saves, which
links to the saved stylesheet), the offline pages, the localized 404 pages, `sw.js`, the
manifests, the precache bundle, the hashed assets and `sitemap.xml`. Each compressible
file gets `.br` and `.gz` siblings. Nothing depends on the time or the order of a
directory listing, so two exports are byte-identical.

Beside the site, `headers.caddy` holds the headers the app sends with each file, as Caddy
snippets that deploy/Caddyfile imports: the CSP with its hashes comes from the app's own
code, never copied by hand; and the 413 answers Caddy gives, with the catalogs' message in
each language. A CDN is given the same headers from the same file.
"""

import gzip
import hashlib
import json
import shutil
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import click
from flask import Blueprint, Flask, current_app, url_for

from ..core.assets import Assets
from ..core.features import Feature
from ..core.rendering import SAVED_COPY_HEADER
from ..core.services import service
from ..offline import worker_version
from ..offline.precache import TEXT_TYPES, precache_urls

bp = Blueprint("export", __name__, cli_group=None)

# What a file server or CDN sets itself, or what depends on the moment or the request.
NOT_EXPORTED = frozenset(
    {"content-length", "etag", "date", "vary", "content-encoding", "last-modified", "set-cookie"}
)
COMPRESSIBLE = (*TEXT_TYPES, "application/xml", "application/javascript")
NOT_FOUND = "404.html"
HEADERS_FILE = "headers.caddy"
SAVED_SUFFIX = ".saved.html"


@dataclass(frozen=True)
class ExportedFile:
    url: str  # the URL the app serves it at
    path: str  # the file, relative to the export folder
    body: bytes
    headers: tuple[tuple[str, str], ...]  # what the file server must send with it
    cookie: str | None  # the language cookie a page sets (without its moment-bound Expires)
    status: int = 200


def file_for(url: str, saved: bool = False) -> str:
    """/id/ → id/index.html, /id/faq → id/faq.html, /sw.js → sw.js; the worker's saved
    variant of a page → id/faq.saved.html."""
    path = url.lstrip("/")
    if url.endswith("/"):
        path += "index"
    elif "." in url.rsplit("/", 1)[-1]:
        return path
    return path + (SAVED_SUFFIX if saved else ".html")


def page_urls(app: Flask) -> list[str]:
    """Pages (text/html) among the worker's entries: both variants are exported."""
    return [url for url in precache_urls(app) if not url.startswith("/assets/")]


def export_headers(response) -> tuple[tuple[str, str], ...]:
    headers = [
        (name, value) for name, value in response.headers if name.lower() not in NOT_EXPORTED
    ]
    # Vary minus Accept-Encoding, which the file server adds for its precompressed files.
    vary = [token for token in response.vary if token.lower() != "accept-encoding"]
    if vary:
        headers.append(("Vary", ", ".join(vary)))
    return tuple(headers)


def language_cookie(response) -> str | None:
    """The page's Set-Cookie without Expires: Max-Age says the same and does not age."""
    raw = response.headers.get("Set-Cookie")
    if not raw:
        return None
    kept = [part.strip() for part in raw.split(";") if not part.strip().startswith("Expires=")]
    return "; ".join(kept)


def collect(app: Flask) -> list[ExportedFile]:
    site = urlsplit(app.config["SITE_URL"])
    base_url = f"https://{site.netloc}"  # the headers of an HTTPS request (HSTS, Secure)
    client = app.test_client(use_cookies=False)  # each file as a first visit gets it
    files: list[ExportedFile] = []

    def fetch(url: str, path: str, status: int = 200, **headers) -> None:
        response = client.get(url, base_url=base_url, headers=headers)
        if response.status_code != status:
            raise click.ClickException(f"{url} answers {response.status_code}, not {status}")
        files.append(
            ExportedFile(
                url,
                path,
                response.get_data(),
                export_headers(response),
                language_cookie(response),
                status,
            )
        )

    pages = page_urls(app)
    with app.test_request_context(base_url=base_url):
        # Every asset, the ones the worker does not save (the install icons) too.
        assets = [
            url_for("assets.serve", hashed_name=asset.hashed_name)
            for asset in service(Assets, app).by_name.values()
        ]
    for url in dict.fromkeys([*precache_urls(app), *assets]):
        fetch(url, file_for(url))
    for url in pages:
        if file_for(url, saved=True).endswith(SAVED_SUFFIX):  # a page, not a named file
            fetch(url, file_for(url, saved=True), **{SAVED_COPY_HEADER: "1"})
    with app.test_request_context(base_url=base_url):
        version = worker_version()
        singles = ["/sw.js", url_for("worker.bundle", version=version), "/sitemap.xml"]
    for url in singles:
        fetch(url, url.lstrip("/"))
    # The 404 page of each language, and the default language's at the root.
    for lang in app.config["LANGUAGES"]:
        fetch(f"/{lang}/404-not-a-page", f"{lang}/{NOT_FOUND}", status=404)
    fetch("/-/404-not-a-page", NOT_FOUND, status=404, **{"Accept-Language": "x"})
    return files


def is_compressible(file: ExportedFile) -> bool:
    content_type = dict(file.headers).get("Content-Type", "")
    return content_type.startswith(COMPRESSIBLE)


def write(target: Path, files: list[ExportedFile]) -> None:
    for file in files:
        path = target / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.body)
        if is_compressible(file):
            (path.parent / (path.name + ".br")).write_bytes(brotli.compress(file.body, quality=11))
            (path.parent / (path.name + ".gz")).write_bytes(
                gzip.compress(file.body, compresslevel=9, mtime=0)
            )


def caddy_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def caddy_headers(files: list[ExportedFile]) -> str:
    """Caddy snippets: `(static_headers)` sets each URL's headers on the files served,
    `(not_found_headers)` those of the 404 pages (in `handle_errors`)."""
    # A page's saved variant is served at the page's URL, with its headers.
    served = [f for f in files if f.status == 200 and not f.path.endswith(SAVED_SUFFIX)]
    groups: dict[tuple, list[str]] = {}
    for file in served:
        extra = (("Set-Cookie", file.cookie),) if file.cookie else ()
        key = file.headers + extra
        urls = groups.setdefault(key, [])
        if file.url not in urls:
            urls.append(file.url)
    lines = [
        "# Made by `flask --app app export`: the headers the app sends with each file.",
        "# Do not edit: export again.",
        "(static_headers) {",
    ]
    for number, (headers, urls) in enumerate(groups.items()):
        digest = hashlib.sha256(repr(headers).encode()).hexdigest()[:8]
        name = f"@h{number}_{digest}"
        lines.append(f"\t{name} path {' '.join(sorted(urls))}")
        lines.append(f"\theader {name} {{")
        lines += [f"\t\t{header} {caddy_value(value)}" for header, value in headers]
        lines.append("\t}")
    lines.append("}")
    not_found = next(file for file in files if file.status == 404)
    lines.append("(not_found_headers) {")
    lines.append("\theader {")
    lines += [f"\t\t{header} {caddy_value(value)}" for header, value in not_found.headers]
    lines.append("\t}")
    lines.append("}")
    return "\n".join(lines) + "\n"


TOO_LARGE = '{err.message}.contains("request body too large")'


def too_large_responses(app: Flask) -> str:
    """`(too_large_responses)`: a body over the cap, refused by Caddy, answered as the app
    answers it (413, JSON, the message from the catalogs in the person's language: the
    language cookie, else Accept-Language, else the default language)."""
    from flask_babel import force_locale

    from ..core.errors import MESSAGES

    default = app.config["DEFAULT_LANGUAGE"]
    lines = ["(too_large_responses) {"]
    with app.test_request_context():
        for lang in [*sorted(set(app.config["LANGUAGES"]) - {default}), default]:
            with force_locale(lang):
                message = str(MESSAGES[413])
            body = json.dumps({"error": message, "status": 413}, ensure_ascii=False)
            # No cookie of a known language: the browser's first language decides.
            known = ", ".join(f'"{code}"' for code in app.config["LANGUAGES"])
            chosen = (
                f'{{http.request.cookie.lang}} == "{lang}" || '
                f"(!({{http.request.cookie.lang}} in [{known}]) && "
                f'{{http.request.header.Accept-Language}}.startsWith("{lang}"))'
            )
            condition = TOO_LARGE if lang == default else f"{TOO_LARGE} && ({chosen})"
            lines += [
                f"\t@too_large_{lang} expression `{condition}`",
                f"\thandle @too_large_{lang} {{",
                "\t\theader Content-Type application/json",
                f"\t\trespond {caddy_value(body)} 413",
                "\t}",
            ]
    lines.append("}")
    return "\n".join(lines) + "\n"


def export_site(app: Flask, target: Path) -> list[ExportedFile]:
    # In a thread of its own: under the CLI's app context, one request's `g` (its
    # language) would leak into the next (see offline/precache.py).
    with ThreadPoolExecutor(max_workers=1) as pool:
        files = pool.submit(collect, app).result()
    if target.exists() and any(target.iterdir()):
        if not (target / HEADERS_FILE).is_file():  # never empty a folder we did not write
            raise click.ClickException(f"{target} is not empty and is not an earlier export")
        shutil.rmtree(target)
    target.mkdir(parents=True)
    write(target, files)
    snippets = caddy_headers(files) + too_large_responses(app)
    (target / HEADERS_FILE).write_text(snippets, encoding="utf-8")
    return files


@bp.cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def export_command(directory: Path) -> None:
    """Write the public site, its compressed siblings and headers.caddy to DIRECTORY
    (emptied first)."""
    files = export_site(current_app._get_current_object(), directory)
    click.echo(f"exported {len(files)} URLs to {directory} for {current_app.config['SITE_URL']}")


feature = Feature("export", blueprints=(bp,))  # flask export DIR
