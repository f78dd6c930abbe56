"""The worker script, its precache list and the manifests, over HTTP."""

import hashlib
import json
import re

import pytest

from webapp.offline.precache import init_precache

from .test_sitemap import sitemap_locations


def precache_entries(client) -> list[dict]:
    script = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(r"^const PRECACHE = (.*);$", script, re.M).group(1))


def test_worker_is_served_at_the_root_and_always_revalidated(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert re.search(r'^const VERSION = "[0-9a-f]{16}";$', response.get_data(as_text=True), re.M)


def test_precache_covers_every_sitemap_page_the_offline_pages_and_every_asset(app, client):
    urls = {entry["url"] for entry in precache_entries(client)}
    pages = {loc.removeprefix("http://localhost") for loc in sitemap_locations(client)}
    assert pages <= urls
    assert {"/id/offline", "/en/offline"} <= urls
    assert {"/id/manifest.webmanifest", "/en/manifest.webmanifest"} <= urls
    for asset in app.extensions["assets"].values():
        assert f"/assets/{asset.hashed_name}" in urls


def test_every_revision_is_the_hash_of_the_exact_body_served(client):
    for entry in precache_entries(client):
        body = client.get(entry["url"]).data
        assert hashlib.sha256(body).hexdigest().startswith(entry["revision"]), entry["url"]


def test_changing_a_page_changes_the_worker_version(app):
    version = re.compile(r'^const VERSION = "(\w+)";$', re.M)
    before = version.search(app.test_client().get("/sw.js").get_data(as_text=True)).group(1)

    app.config["INLINE_CSS"] = "body{color:red}"  # any change to any page
    app.extensions.pop("worker_script", None)
    init_precache(app)
    after = version.search(app.test_client().get("/sw.js").get_data(as_text=True)).group(1)
    assert after != before


@pytest.mark.parametrize(
    ("lang", "name"), [("id", "Panduan pemulihan Redmi 4A"), ("en", "Redmi 4A recovery guide")]
)
def test_each_language_has_its_own_manifest(client, lang, name):
    response = client.get(f"/{lang}/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["name"] == name
    assert manifest["lang"] == lang
    assert manifest["start_url"] == f"/{lang}/"
    html = client.get(f"/{lang}/").get_data(as_text=True)
    assert f'<link rel="manifest" href="/{lang}/manifest.webmanifest">' in html


def test_pages_load_the_script_deferred_from_our_origin(client):
    html = client.get("/en/").get_data(as_text=True)
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all(" defer" in tag and 'src="/assets/' in tag for tag in scripts)
