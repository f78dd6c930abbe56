"""The worker script, its precache list and the manifests, over HTTP."""

import hashlib
import json
import re

import brotli
import pytest

from webapp.core.assets import Assets
from webapp.core.rendering import SAVED_COPY_ENVIRON
from webapp.core.services import service

from ..site.test_sitemap import sitemap_locations


def precache_entries(client) -> list[dict]:
    script = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(r"^const PRECACHE = (.*);$", script, re.M).group(1))


def test_worker_is_served_at_the_root_and_always_revalidated(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert re.search(r'^const VERSION = "[0-9a-f]{16}";$', response.get_data(as_text=True), re.M)


def test_precache_covers_every_sitemap_page_the_offline_pages_the_guide_file_and_every_asset(
    app, client
):
    urls = {entry["url"] for entry in precache_entries(client)}
    pages = {
        loc.removeprefix(client.application.config["SITE_URL"]) for loc in sitemap_locations(client)
    }
    assert pages <= urls
    assert {"/id/offline", "/en/offline"} <= urls
    assert {"/id/manifest.webmanifest", "/en/manifest.webmanifest"} <= urls
    assert {"/id/guide.html", "/en/guide.html"} <= urls
    for asset in service(Assets, app).by_name.values():
        # Only installing uses the large icons, and installing needs a connection anyway;
        # the pages' icon is the PNG, and only the exported root page links the SVG.
        not_saved = asset.logical_name in ("icon-512.png", "icon-maskable.png", "icon.svg")
        assert (f"/assets/{asset.hashed_name}" in urls) is not not_saved


# Written out here, not imported: the worker computes the same in JavaScript.
KEPT = (
    "Content-Type", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
    "Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy",
    "Cross-Origin-Resource-Policy", "Content-Disposition",
)  # fmt: skip


def revision(headers, body: bytes) -> str:
    block = "".join(f"{name.lower()}: {headers[name]}\n" for name in KEPT if name in headers)
    return hashlib.sha256((block + "\n").encode() + body).hexdigest()


def worker_constant(client, name: str):
    script = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(rf"^const {name} = (.*);$", script, re.M).group(1))


def saved_variant(client, entry: dict):
    """What the worker saves for an entry: a page's saved variant has a URL of its own."""
    kind = worker_constant(client, "HEADERS")[entry["kind"]]
    if kind["Content-Type"].startswith("text/html"):
        return client.get(f"/precache/{entry['revision']}.html")
    return client.get(entry["url"])


def test_every_revision_is_the_hash_of_the_apps_headers_and_the_body_served(client):
    kinds = worker_constant(client, "HEADERS")
    for entry in precache_entries(client):
        response = saved_variant(client, entry)
        assert response.status_code == 200, entry["url"]
        headers = kinds[entry["kind"]]
        # The headers the worker gives the copy are exactly the app's own.
        assert headers == {
            name: response.headers[name] for name in KEPT if name in response.headers
        }
        assert revision(headers, response.data).startswith(entry["revision"])
        assert "Content-Security-Policy" in headers and "Content-Type" in headers


def test_each_kind_of_headers_is_carried_once(client):
    kinds = worker_constant(client, "HEADERS")
    assert len(kinds) == len({json.dumps(kind) for kind in kinds}) < 12
    assert {entry["kind"] for entry in precache_entries(client)} == set(range(len(kinds)))


def test_a_changed_content_type_or_policy_changes_the_revision(client):
    (entry,) = [e for e in precache_entries(client) if e["url"] == "/en/faq"]
    response = saved_variant(client, entry)
    headers = worker_constant(client, "HEADERS")[entry["kind"]]
    assert revision(headers, response.data).startswith(entry["revision"])
    for name, value in (("Content-Type", "text/plain"), ("Content-Security-Policy", None)):
        altered = (
            {**headers, name: value} if value else {k: v for k, v in headers.items() if k != name}
        )
        assert not revision(altered, response.data).startswith(entry["revision"]), name
    assert not revision(headers, response.data + b" ").startswith(entry["revision"])


def test_no_page_varies_on_a_request_header_but_accept_encoding(client):
    for entry in precache_entries(client):
        response = client.get(entry["url"])
        assert set(response.vary) <= {"Accept-Encoding"}, entry["url"]
        # A header that used to choose the saved variant chooses nothing now.
        again = client.get(entry["url"], headers={"X-Guide-Precache": "1"})
        assert again.data == response.data, entry["url"]


def test_a_saved_page_url_answers_only_for_a_page_revision(client):
    assert client.get("/precache/0123456789abcdef.html").status_code == 404
    (entry,) = [e for e in precache_entries(client) if e["url"].endswith(".css")]
    assert client.get(f"/precache/{entry['revision']}.html").status_code == 404
    (page,) = [e for e in precache_entries(client) if e["url"] == "/id/faq"]
    response = client.get(f"/precache/{page['revision']}.html")
    assert "immutable" in response.headers["Cache-Control"]
    assert "Set-Cookie" not in response.headers


def worker_version(app) -> str:
    script = app.test_client().get("/sw.js").get_data(as_text=True)
    return re.search(r'^const VERSION = "(\w+)";$', script, re.M).group(1)


def test_changing_one_answer_of_the_faq_changes_the_worker_version(app, tmp_path, monkeypatch):
    from webapp import create_app
    from webapp.content.model import Question
    from webapp.guide import views

    # The unchanged app's copies first: they are rendered on first use, which must come
    # before the edit (whichever tests ran before this one in the same process).
    version = worker_version(app)
    unchanged = {e["url"]: e["revision"] for e in precache_entries(app.test_client())}
    last = views.FAQ[-1]
    edited = (*views.FAQ[:-1], Question(last.id, last.question, "An edited answer.", last.sources))
    monkeypatch.setattr(views, "FAQ", edited)
    changed = create_app({"TESTING": True}, str(tmp_path))
    assert worker_version(changed) != version
    for entry in precache_entries(changed.test_client()):
        if not entry["url"].endswith(("/faq", "/guide.html")):  # the one file has the FAQ
            assert unchanged[entry["url"]] == entry["revision"], entry["url"]


@pytest.mark.parametrize(
    ("lang", "name"), [("id", "Panduan pemulihan Redmi 4A"), ("en", "Redmi 4A recovery guide")]
)
def test_each_language_has_its_own_manifest(client, lang, name):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["name"] == name
    assert manifest["lang"] == lang
    assert manifest["start_url"] == "/"  # opens the language chosen on the phone
    html = client.get(f"/{lang}/").get_data(as_text=True)
    # Credentialed, as pages set no cookie: it shares the page's connection.
    manifest_link = (
        f'<link rel="manifest" href="/{lang}/manifest.webmanifest" crossorigin="use-credentials">'
    )
    assert manifest_link in html


def test_pages_load_the_script_deferred_from_our_origin(client):
    html = client.get("/en/").get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(" defer" in tag and 'src="/assets/' in tag for tag in scripts)


def test_the_bundle_carries_every_text_entry_body_and_no_headers(client):
    bundle_url = worker_constant(client, "BUNDLE_URL")
    response = client.get(bundle_url, headers={"Accept-Encoding": "br"})
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    # The bodies in the order of the worker's list, each followed by a NUL byte.
    bodies = brotli.decompress(response.data).split(b"\0")
    assert bodies.pop() == b""
    kinds = worker_constant(client, "HEADERS")
    wanted = [e for e in precache_entries(client) if e["bundled"]]
    assert len(bodies) == len(wanted) > 30
    for entry, body in zip(wanted, bodies, strict=True):
        assert revision(kinds[entry["kind"]], body).startswith(entry["revision"]), entry["url"]
        assert "default-src 'none'" in kinds[entry["kind"]]["Content-Security-Policy"]
    assert wanted[0]["url"].endswith("/guide.html")  # brotli finds every page's text in it
    assert all(not e["bundled"] for e in precache_entries(client) if e["url"].endswith(".png"))
    # The first page's script comes from the browser's HTTP cache, not a second time.
    first_page = [e for e in precache_entries(client) if re.search(r"/page\.\w+\.js$", e["url"])]
    assert len(first_page) == 1 and not any(e["bundled"] for e in first_page)


def test_a_stale_bundle_version_is_not_served(client):
    assert client.get("/precache/0000000000000000.txt").status_code == 404


def test_saved_pages_link_the_stylesheet_and_network_pages_inline_it(client):
    saved = client.get("/id/faq", environ_overrides={SAVED_COPY_ENVIRON: True})
    assert '<link rel="stylesheet" href="/assets/page.' in saved.get_data(as_text=True)
    # The one style element a saved page keeps is the no-JavaScript rule, inside <noscript>.
    without_script = "<noscript><style>"
    text = saved.get_data(as_text=True)
    assert text.count("<style>") == text.count(without_script) == 1
    fresh = client.get("/id/faq").get_data(as_text=True)
    assert fresh.count("<style>") == fresh.count(without_script) + 1
