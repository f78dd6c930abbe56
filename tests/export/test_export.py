"""The static export: deterministic, complete, and each file what the app serves for its URL."""

import gzip
from pathlib import Path

import brotli
import requests

from webapp import create_app
from webapp.export import HEADERS_FILE, SAVED_SUFFIX, export_site

from ..helpers import LANGUAGES, sitemap_locations


def tree(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def exported_app(tmp_path, site_url: str):
    return create_app({"TESTING": True, "SITE_URL": site_url}, str(tmp_path / "instance"))


def test_two_exports_are_byte_identical(tmp_path):
    first = tmp_path / "first"
    second = tmp_path / "second"
    export_site(exported_app(tmp_path / "a", "https://guide.example.org"), first)
    export_site(exported_app(tmp_path / "b", "https://guide.example.org"), second)
    assert tree(first) == tree(second)
    sitemap = (first / "sitemap.xml").read_text()
    assert "<loc>https://guide.example.org/id/</loc>" in sitemap
    assert "127.0.0.1" not in sitemap


def test_the_export_holds_the_whole_site_with_compressed_siblings(app, tmp_path):
    files = export_site(app, tmp_path / "site")
    folder = tmp_path / "site"
    urls = {file.url for file in files}
    client = app.test_client()
    pages = {loc.removeprefix(app.config["SITE_URL"]) for loc in sitemap_locations(client)}
    assert pages <= urls
    for lang in LANGUAGES:
        assert {f"/{lang}/offline", f"/{lang}/manifest.webmanifest"} <= urls
        assert (folder / lang / "404.html").is_file()
        assert (folder / lang / f"faq{SAVED_SUFFIX}").is_file()
    assert {"/sw.js", "/sitemap.xml"} <= urls
    assert any(url.startswith("/precache/") for url in urls)
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
    for its URL (the worker's variant with the worker's header; 404 pages with 404)."""
    files = export_site(exported_app(tmp_path, server.url), tmp_path / "site")
    for file in files:
        headers = {"Accept-Encoding": "identity"}
        if file.path.endswith(SAVED_SUFFIX):
            headers["X-Guide-Precache"] = "1"
        url = file.url
        response = requests.get(server.url + url, headers=headers, timeout=30)  # no cookie
        assert response.status_code == file.status, url
        assert response.content == (tmp_path / "site" / file.path).read_bytes(), url
        for name, value in file.headers:
            if name == "Vary":  # the file server adds Accept-Encoding itself
                assert value in response.headers[name], url
            elif name != "Strict-Transport-Security":  # sent over HTTPS only; this is HTTP
                assert response.headers.get(name) == value, (url, name)
