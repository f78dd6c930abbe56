"""`flask --app app export DIR`: the whole public site as files, for Caddy or any CDN.

Every file is what the app serves for its URL, fetched through the app itself (its test
client, as an HTTPS request for SITE_URL's host with no cookie), so nothing is written
twice: every page in both languages (and, at /precache/<revision>.html, the variant the
service worker saves, which links to the saved stylesheet), the offline pages, the localized 404 pages,
"Where do I start?" by links (for hosts without the app; never saved by the worker), `sw.js`, the
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
import html
import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import click
from flask import Blueprint, Flask, current_app, url_for

from ..core.assets import Assets
from ..core.features import Feature
from ..core.services import service
from ..offline import worker_version
from ..offline.precache import TEXT_TYPES, SavedCopies, precache_urls
from ..triage import decision_tree
from . import release, targets

bp = Blueprint("export", __name__, cli_group=None, template_folder="templates")

# What a file server or CDN sets itself, or what depends on the moment or the request.
NOT_EXPORTED = frozenset(
    {"content-length", "etag", "date", "vary", "content-encoding", "last-modified", "set-cookie"}
)
COMPRESSIBLE = (*TEXT_TYPES, "application/xml", "application/javascript")
NOT_FOUND = "404.html"
HEADERS_FILE = "headers.caddy"
# What a <meta> CSP cannot carry: the browser ignores these there (and says so).
NOT_IN_META = ("frame-ancestors", "sandbox", "report-uri", "report-to")
CHARSET = b'<meta charset="utf-8">'


@dataclass(frozen=True)
class ExportedFile:
    url: str  # the URL the app serves it at
    path: str  # the file, relative to the export folder
    body: bytes
    headers: tuple[tuple[str, str], ...]  # what the file server must send with it
    status: int = 200
    static_only: bool = False  # written for hosts without the app (the app answers otherwise)


def file_for(url: str) -> str:
    """/id/ → id/index.html, /id/faq → id/faq.html, /sw.js → sw.js."""
    path = url.lstrip("/")
    if url.endswith("/"):
        path += "index"
    elif "." in url.rsplit("/", 1)[-1]:
        return path
    return path + ".html"


def export_headers(response) -> tuple[tuple[str, str], ...]:
    headers = [
        (name, value) for name, value in response.headers if name.lower() not in NOT_EXPORTED
    ]
    # Vary minus Accept-Encoding, which the file server adds for its precompressed files.
    vary = [token for token in response.vary if token.lower() != "accept-encoding"]
    if vary:
        headers.append(("Vary", ", ".join(vary)))
    return tuple(headers)


def with_policy_in_page(body: bytes, policy: str | None) -> bytes:
    """A page for a host that may send no headers carries what a <meta> CSP can: every
    directive of the app's own CSP but those a <meta> cannot hold. Before anything it
    governs (right after the charset). The worker's saved variants (/precache/) are left
    as the app wrote them: their revisions hash the bodies, and the worker gives them the
    app's headers anyway."""
    if not policy:
        return body
    kept = [
        directive.strip()
        for directive in policy.split(";")
        if directive.strip() and directive.split()[0] not in NOT_IN_META
    ]
    content = html.escape("; ".join(kept), quote=True)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    if CHARSET not in body:
        raise click.ClickException("an exported page has no <meta charset> to follow")
    return body.replace(CHARSET, CHARSET + b"\n" + meta.encode(), 1)


def collect(app: Flask) -> list[ExportedFile]:
    site = urlsplit(app.config["SITE_URL"])
    base_url = f"https://{site.netloc}"  # the headers of an HTTPS request (HSTS, Secure)
    client = app.test_client(use_cookies=False)  # each file as a first visit gets it
    files: list[ExportedFile] = []

    def fetch(url: str, path: str, status: int = 200, **headers) -> None:
        response = client.get(url, base_url=base_url, headers=headers)
        if response.status_code != status:
            raise click.ClickException(f"{url} answers {response.status_code}, not {status}")
        body = response.get_data()
        if response.mimetype == "text/html" and not url.startswith("/precache/"):
            body = with_policy_in_page(body, response.headers.get("Content-Security-Policy"))
        files.append(ExportedFile(url, path, body, export_headers(response), status))

    with app.test_request_context(base_url=base_url):
        # Every asset, the ones the worker does not save (the install icons) too.
        assets = [
            url_for("assets.serve", hashed_name=asset.hashed_name)
            for asset in service(Assets, app).by_name.values()
        ]
    for url in dict.fromkeys([*precache_urls(app), *assets]):
        fetch(url, file_for(url))
    # Each page's saved variant at its own URL, for a worker updating a few pages alone.
    for copy in service(SavedCopies, app).all:
        if copy.is_page:
            fetch(copy.saved_page_url, file_for(copy.saved_page_url))
    with app.test_request_context(base_url=base_url):
        version = worker_version()
        singles = ["/sw.js", url_for("worker.bundle", version=version), "/sitemap.xml"]
    for url in singles:
        fetch(url, url.lstrip("/"))
    # The no-JavaScript triage for hosts without the app: its answer URL without answers
    # (what such a host serves there, since it ignores the query) asks again by links, and
    # each node of the tree is a page (webapp/triage). Never saved by the worker.
    with app.test_request_context(base_url=base_url):
        triage = [
            url_for("triage.answered_by_links", lang_code=lang, path=node)
            if node
            else url_for("triage.answer", lang_code=lang)
            for lang in app.config["LANGUAGES"]
            for node in decision_tree()
        ]
    for url in triage:
        fetch(url, file_for(url))
    # The 404 page of each language, and the default language's at the root.
    for lang in app.config["LANGUAGES"]:
        fetch(f"/{lang}/404-not-a-page", f"{lang}/{NOT_FOUND}", status=404)
    fetch("/-/404-not-a-page", NOT_FOUND, status=404, **{"Accept-Language": "x"})
    files.append(root_page(app, base_url))
    return files


def root_page(app: Flask, base_url: str) -> ExportedFile:
    """The front door on a host without the app (where / cannot pick by cookie or by the
    browser's languages): each language's guide, named in its language, by a link."""
    from flask import render_template
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from ..core.i18n import LANGUAGE_NAMES
    from ..core.security import add_security_headers

    languages = app.config["LANGUAGES"]
    with app.test_request_context("/", base_url=base_url):
        choices = []
        for lang in languages:
            with force_locale(lang):
                choices.append((lang, str(_("Redmi 4A recovery guide")), LANGUAGE_NAMES[lang]))
        body = render_template(
            "export/root.html",
            default=app.config["DEFAULT_LANGUAGE"],
            names=[name for _, name, _ in choices],
            choices=choices,
        )
        response = add_security_headers(app.response_class(body, mimetype="text/html"))
        response.headers["Cache-Control"] = "no-cache"
        headers = export_headers(response)
        page = with_policy_in_page(
            body.encode("utf-8"), response.headers["Content-Security-Policy"]
        )
    return ExportedFile("/", "index.html", page, headers, static_only=True)


def is_compressible(file: ExportedFile) -> bool:
    content_type = dict(file.headers).get("Content-Type", "")
    return content_type.startswith(COMPRESSIBLE)


def site_files(files: list[ExportedFile]) -> dict[str, bytes]:
    """Every file of the site, path → bytes, with the compressed siblings."""
    written: dict[str, bytes] = {}
    for file in files:
        written[file.path] = file.body
        if is_compressible(file):
            written[file.path + ".br"] = brotli.compress(file.body, quality=11)
            written[file.path + ".gz"] = gzip.compress(file.body, compresslevel=9, mtime=0)
    return written


def caddy_value(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def caddy_headers(files: list[ExportedFile]) -> str:
    """Caddy snippets: `(static_headers)` sets each URL's headers on the files served,
    `(only_exported)` names what is not one of those URLs, `(not_found_headers)` sets the
    headers of the 404 pages (in `handle_errors`)."""
    served = [f for f in files if f.status == 200 and not f.static_only]
    groups: dict[tuple, list[str]] = {}
    for file in served:
        urls = groups.setdefault(file.headers, [])
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
    # Only the URLs the app answers: a file's other names (faq.html, index.html, a .br or
    # .gz sibling, 404.html, the header files) are not pages, and answer 404 like the app.
    exported = sorted({file.url for file in served})
    lines.append("(only_exported) {")
    lines.append(f"\t@not_exported not path {' '.join(exported)}")
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


def caddy_root(release: Path) -> str:
    """`(export_root)`: the release these headers belong to, so that Caddy serves its files
    with its headers until a restart loads the next release's (release.py)."""
    return f"(export_root) {{\n\troot * {caddy_value(str(release.resolve()))}\n}}\n"


def export_site(app: Flask, folder: Path, origin: str | None = None) -> list[ExportedFile]:
    """Export into a new release in `folder` and switch to it (release.py); the release's
    files are at `folder/current/`. `origin` (the app's own address, for hosts that send
    the dynamic routes on) goes into the nginx, Netlify and Cloudflare files."""
    release.check_ownership(folder)  # before the work, as after it
    # In a thread of its own: under the CLI's app context, one request's `g` (its
    # language) would leak into the next (see offline/precache.py).
    with ThreadPoolExecutor(max_workers=1) as pool:
        files = pool.submit(collect, app).result()
    snippets = caddy_headers(files) + too_large_responses(app)

    languages = app.config["LANGUAGES"]
    others = {
        targets.NGINX_FILE: targets.nginx_include(files, languages, origin),
        # Netlify's and Cloudflare Pages' format, within Cloudflare's limits.
        "_headers": targets.headers_file(files, cloudflare=True),
        "_redirects": targets.netlify_redirects(files, languages, origin),
        "_redirects.cloudflare": targets.cloudflare_redirects(languages, origin),
    }

    written = {**site_files(files), **{name: text.encode() for name, text in others.items()}}

    def caddy_file(path: Path) -> dict[str, bytes]:
        return {HEADERS_FILE: (caddy_root(path) + snippets).encode("utf-8")}

    release.publish(folder, written, caddy_file, snippets.encode("utf-8"))
    return files


@bp.cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option(
    "--origin",
    envvar="GUIDE_ORIGIN",
    default=None,
    help="The app's own https:// address, where a static host sends the dynamic routes.",
)
def export_command(directory: Path, origin: str | None) -> None:
    """Write the public site, its compressed siblings and its header files as a new release
    in DIRECTORY and switch DIRECTORY/current to it at once; then restart (or reload) the
    web server so that it serves the new release with the new headers."""
    if origin and not origin.startswith("https://"):
        raise click.ClickException("--origin must be an https:// address")
    files = export_site(current_app._get_current_object(), directory, origin and origin.rstrip("/"))
    click.echo(f"exported {len(files)} URLs to {directory} for {current_app.config['SITE_URL']}")


feature = Feature("export", blueprints=(bp,))  # flask export DIR
