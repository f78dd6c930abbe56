"""The static export: deterministic, complete, each file what the app serves for its URL, and
safe on a live site (a new release switched to at once, never a folder it did not write)."""

import gzip
import os
import re
import subprocess
import sys
import threading
from dataclasses import replace
from pathlib import Path

import brotli
import click
import pytest
import requests

from webapp import create_app
from webapp.export import HEADERS_FILE, ExportedFile, export_site, targets
from webapp.export.release import CURRENT, RELEASES
from webapp.triage import decision_tree

from ..helpers import LANGUAGES, as_exported, sitemap_locations

ROOT = Path(__file__).resolve().parents[2]
EXPORT_ROOT = re.compile(rb"\(export_root\) \{\n\troot \* \"[^\"]*\"\n\}\n")


def tree(folder: Path) -> dict[str, bytes]:
    """The files of the current release, but the path of the release itself (headers.caddy
    names it as Caddy's root)."""
    current = folder / CURRENT
    return {
        str(path.relative_to(current)): EXPORT_ROOT.sub(b"", path.read_bytes())
        for path in sorted(current.rglob("*"))
        if path.is_file()
    }


def exported_app(tmp_path, site_url: str, **settings):
    config = {"TESTING": True, "SITE_URL": site_url, **settings}
    return create_app(config, str(tmp_path / "instance"))


def test_two_exports_are_byte_identical(tmp_path):
    first = tmp_path / "first"
    second = tmp_path / "second"
    export_site(exported_app(tmp_path / "a", "https://guide.example.org"), first)
    export_site(exported_app(tmp_path / "b", "https://guide.example.org"), second)
    assert tree(first) == tree(second)
    sitemap = (first / CURRENT / "sitemap.xml").read_text()
    assert "<loc>https://guide.example.org/id/</loc>" in sitemap
    assert "127.0.0.1" not in sitemap


def test_the_export_holds_the_whole_site_with_compressed_siblings(app, tmp_path):
    files = export_site(app, tmp_path / "site")
    folder = tmp_path / "site" / CURRENT
    urls = {file.url for file in files}
    client = app.test_client()
    pages = {loc.removeprefix(app.config["SITE_URL"]) for loc in sitemap_locations(client)}
    assert pages <= urls
    for lang in LANGUAGES:
        assert {f"/{lang}/offline", f"/{lang}/manifest.webmanifest"} <= urls
        assert (folder / lang / "404.html").is_file()
    assert {"/sw.js", "/sitemap.xml"} <= urls
    assert any(url.startswith("/precache/") and url.endswith(".txt") for url in urls)
    # Each page's saved variant at its own URL, named by its revision; none beside a page.
    assert sum(url.startswith("/precache/") and url.endswith(".html") for url in urls) >= 30
    assert not list(folder.rglob("*.saved.html"))
    assert sum(url.startswith("/assets/") for url in urls) >= 10
    assert (folder / HEADERS_FILE).is_file()
    for path in folder.rglob("*"):
        if path.suffix in (".html", ".js", ".css", ".json", ".xml", ".svg", ".webmanifest"):
            body = path.read_bytes()
            assert brotli.decompress((path.parent / (path.name + ".br")).read_bytes()) == body
            assert gzip.decompress((path.parent / (path.name + ".gz")).read_bytes()) == body
        if path.suffix == ".png":
            assert not (path.parent / (path.name + ".br")).exists()


def test_every_file_is_what_gunicorn_serves_for_its_url(server, tmp_path):
    """Exported for the server's own SITE_URL, each file equals the body real gunicorn sends
    for its URL (the worker's variant with the worker's header; 404 pages with 404; a page
    with its CSP in a <meta> too)."""
    # The About page states the subscribe limit the server runs with.
    limit = server.env["SUBSCRIBE_RATE_LIMIT"]
    files = export_site(
        exported_app(tmp_path, server.url, SUBSCRIBE_RATE_LIMIT=limit), tmp_path / "site"
    )
    for file in (f for f in files if not f.static_only):
        headers = {"Accept-Encoding": "identity"}
        url = file.url
        response = requests.get(server.url + url, headers=headers, timeout=30)  # no cookie
        assert response.status_code == file.status, url
        written = (tmp_path / "site" / CURRENT / file.path).read_bytes()
        assert written == as_exported(url, response), url
        for name, value in file.headers:
            if name == "Vary":  # the file server adds Accept-Encoding itself
                assert value in response.headers[name], url
            elif name != "Strict-Transport-Security":  # sent over HTTPS only; this is HTTP
                assert response.headers.get(name) == value, (url, name)


def test_an_empty_existing_folder_is_accepted(app, tmp_path):
    """As systemd creates the unit's state folder, or `mkdir site` would."""
    folder = tmp_path / "site"
    folder.mkdir()
    export_site(app, folder)
    assert (folder / CURRENT / "id" / "index.html").is_file()


def test_a_folder_it_did_not_write_is_refused_and_left_alone(app, tmp_path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    with pytest.raises(click.ClickException, match="not an earlier export"):
        export_site(app, folder)
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_a_new_export_switches_at_once_and_keeps_the_previous_release(tmp_path):
    """Read all through a re-export, every file of `current` is there (the old release's or
    the new one's, never an emptied folder); headers.caddy names the release it belongs to."""
    folder = tmp_path / "site"
    export_site(exported_app(tmp_path / "a", "https://a.example.org"), folder)
    first = (folder / CURRENT).resolve()
    failures, reads = [], 0
    done = threading.Event()

    def poll():
        nonlocal reads
        while not done.is_set():
            for path in ("id/index.html", "sw.js", HEADERS_FILE):
                try:
                    (folder / CURRENT / path).read_bytes()
                except OSError as error:
                    failures.append(error)
                reads += 1

    reader = threading.Thread(target=poll)
    reader.start()
    try:
        export_site(exported_app(tmp_path / "b", "https://b.example.org"), folder)
    finally:
        done.set()
        reader.join()
    assert failures == [] and reads > 100
    second = (folder / CURRENT).resolve()
    assert second != first and first.is_dir()  # Caddy may serve it until it restarts
    assert "b.example.org" in (second / "sitemap.xml").read_text()
    assert f'root * "{second}"' in (second / HEADERS_FILE).read_text()
    assert f'root * "{first}"' in (first / HEADERS_FILE).read_text()
    export_site(exported_app(tmp_path / "c", "https://c.example.org"), folder)
    assert not first.exists()  # only the current release and the one before it stay
    assert len(list((folder / RELEASES).iterdir())) == 2


def read_only_except(
    writable: list[Path], command: list[str], env: dict
) -> subprocess.CompletedProcess:
    """Run `command` as the export's systemd unit would (ProtectSystem=strict: everything
    read-only but its state folders): in a mount namespace of its own, with / remounted
    read-only and only `writable` bound read-write. Without root, the paths are made
    unwritable instead."""
    if os.geteuid() == 0:
        binds = " && ".join(f'mount --bind "{path}" "{path}"' for path in writable)
        script = f'{binds} && mount -o remount,bind,ro / && exec "$@"'
        wrapped = ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", *command]
        return subprocess.run(wrapped, env=env, capture_output=True, text=True, timeout=600)
    raise AssertionError("this test needs root for unshare -m (as CI has)")


def test_the_export_runs_under_the_units_read_only_paths(tmp_path):
    state, instance = tmp_path / "guide-site", tmp_path / "guide"
    state.mkdir()  # StateDirectory= creates both, empty
    instance.mkdir()
    env = {**os.environ, "INSTANCE_PATH": str(instance), "SITE_URL": "https://guide.example.org"}
    command = [sys.executable, "-m", "flask", "--app", str(ROOT / "app.py"), "export", str(state)]
    result = read_only_except([state, instance], command, env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (state / CURRENT / "id" / "index.html").is_file()
    # And nothing outside: the same command without the state folder writable fails cleanly.
    again = read_only_except([instance], command, env)
    assert again.returncode != 0 and "Read-only file system" in again.stderr
    assert (state / CURRENT / "id" / "index.html").is_file()  # the live release is untouched


def test_every_target_gets_its_header_files_and_a_root_page(app, tmp_path):
    """Made from the app's own answers: the page headers in nginx's include (each location
    repeats all of them, `always`), in `_headers` within Cloudflare Pages' limits, and the
    dynamic routes sent to the origin."""
    export_site(app, tmp_path / "site", origin="https://origin.example.org")
    folder = tmp_path / "site" / CURRENT
    csp = app.test_client().get("/id/faq").headers["Content-Security-Policy"]
    nginx = (folder / "nginx-guide.conf").read_text()
    faq = nginx.split("location = /id/faq {")[1].split("}")[0]
    assert f'add_header Content-Security-Policy "{csp}" always;' in faq
    assert 'add_header X-Frame-Options "DENY" always;' in faq
    assert "location = / { proxy_set_header Host $host; proxy_pass http://guide_origin; }" in nginx
    headers = (folder / "_headers").read_text()
    rules = [line for line in headers.splitlines() if line.startswith("/")]
    assert len(rules) <= 100 and max(map(len, headers.splitlines())) <= 2000
    faq_rule = headers.split("\n/id/faq\n")[1].split("\n/")[0]
    assert f"  Content-Security-Policy: {csp}" in faq_rule.splitlines()
    assert "/assets/*\n" in headers and "  Content-Type:" not in headers
    redirects = (folder / "_redirects").read_text()
    assert "/api/*  https://origin.example.org/api/:splat  200" in redirects
    assert "/id/faq.html  /id/404.html  404!" in redirects
    assert "/id/guide.html  " not in redirects  # the one-file guide keeps its name
    root = (folder / "index.html").read_text()
    assert '<a href="/id/" hreflang="id">' in root and '<a href="/en/" hreflang="en">' in root
    assert "Panduan pemulihan Redmi 4A" in root and "Redmi 4A recovery guide" in root
    # The triage without JavaScript: its answers go to the origin where a host can send
    # them; its pages by links, one per node of the tree, share one rule per language.
    assert "/en/answer  https://origin.example.org/en/answer  200!" in redirects
    answer = nginx.split("location = /id/answer {")[1].split("\n}")[0]
    assert "if ($args) { return 418; }" in answer
    nodes = len(decision_tree()) - 1
    assert len(list((folder / "id" / "answers").rglob("*.html"))) == nodes
    assert headers.count("\n/id/answers/") == 1 and "\n/id/answers/*\n" in headers
    assert (folder / "id" / "answers" / "screen-lock" / "no" / "index.html").is_file()
    served = app.test_client().get("/id/answers/screen-lock/no/", base_url="https://x.example.org")
    rule = headers.split("\n/id/answers/*\n")[1].split("\n/")[0]
    assert f"  Content-Security-Policy: {served.headers['Content-Security-Policy']}" in rule


def test_pages_carry_what_a_meta_csp_can_for_hosts_that_send_no_headers(app, tmp_path):
    """Each page file, the root page and the 404 pages carry the app's CSP in a <meta>
    (before any style or script), without the directives a <meta> cannot hold; the
    worker's saved variants are the app's bytes."""
    files = export_site(app, tmp_path / "site")
    folder = tmp_path / "site" / CURRENT
    csp = app.test_client().get("/id/faq").headers["Content-Security-Policy"]
    expected = "; ".join(d.strip() for d in csp.split(";") if "frame-ancestors" not in d)
    assert "frame-ancestors" in csp and "script-src 'self'" in expected
    pages = [f for f in files if (folder / f.path).suffix == ".html"]
    saved = [f for f in pages if f.url.startswith("/precache/")]
    assert len(pages) - len(saved) >= 60 and len(saved) >= 30
    for file in pages:
        text = (folder / file.path).read_text()
        meta = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', text)
        if file.url.startswith("/precache/"):
            assert meta == [], file.url
            continue
        assert len(meta) == 1, file.url
        policy = meta[0].replace("&#x27;", "'")
        assert "frame-ancestors" not in policy, file.url
        assert "script-src 'self'" in policy and "default-src 'none'" in policy, file.url
        governed = [text.find(tag) for tag in ("<style", "<script", "<link") if tag in text]
        assert text.index("http-equiv") < min(governed, default=len(text)), file.url
    faq = (folder / "id" / "faq.html").read_text()
    assert f'content="{expected}"'.replace("'", "&#x27;") in faq


def test_the_export_refuses_files_past_cloudflare_pages_limits():
    """Cloudflare Pages reads 100 `_headers` rules of up to 2,000 characters a line, and
    `_redirects` up to 2,000 static and 100 dynamic rules of 1,000 characters."""
    page = ExportedFile("/id/x", "id/x.html", b"", (("X-Frame-Options", "DENY"),))
    many = [replace(page, url=f"/id/page-{n}") for n in range(101)]
    with pytest.raises(click.ClickException, match="100"):
        targets.headers_file(many, cloudflare=True)
    assert targets.headers_file(many[:100], cloudflare=True).count("\n/id/page-") == 100
    assert targets.headers_file(many)  # Netlify documents no such limit
    long = [replace(page, headers=(("Content-Security-Policy", "a" * 2000),))]
    with pytest.raises(click.ClickException, match="2000"):
        targets.headers_file(long, cloudflare=True)
    redirects = targets.cloudflare_redirects(["id", "en"], "https://origin.example.org")
    rules = [line for line in redirects.splitlines() if not line.startswith("#")]
    assert rules[-1].startswith("/api/*")  # the dynamic rule after the static ones
    with pytest.raises(click.ClickException, match="limits"):
        targets.cloudflare_redirects(["id"], "https://" + "o" * 1000 + ".example.org")


def test_a_new_origin_alone_makes_a_new_release(app, tmp_path):
    folder = tmp_path / "site"
    export_site(app, folder, origin="https://one.example.org")
    first = (folder / CURRENT).resolve()
    export_site(app, folder, origin="https://two.example.org")
    assert (folder / CURRENT).resolve() != first
    assert "https://two.example.org" in (folder / CURRENT / "_redirects").read_text()
