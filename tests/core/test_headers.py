"""Security, caching and compression headers, as a browser receives them."""

import brotli
import pytest

from webapp.core.assets import WITHOUT_SCRIPT_CSS, Assets, csp_hash, load_inline_css
from webapp.core.services import service

PATHS = ["/", "/en/", "/id/factory-reset", "/sitemap.xml", "/en/missing", "/xx/"]


@pytest.mark.parametrize("path", PATHS)
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'none'"
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    assert "geolocation=()" in headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in headers  # plain HTTP: HSTS would be ignored


def test_hsts_is_sent_over_https(client):
    response = client.get("/en/", base_url="https://localhost")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=63072000")
    assert "Set-Cookie" not in response.headers  # pages set no cookie
    chosen = client.post("/api/language", json={"lang": "en"}, base_url="https://localhost")
    assert "Secure" in chosen.headers["Set-Cookie"]


def test_the_inline_style_is_allowed_by_its_hash_not_by_unsafe_inline(client):
    css, css_hash = load_inline_css()
    response = client.get("/en/")
    assert f"<style>{css}</style>" in response.get_data(as_text=True)
    # The style read only without scripting is allowed by its own hash too.
    hidden = WITHOUT_SCRIPT_CSS
    assert f"<noscript><style>{hidden}</style></noscript>" in response.get_data(as_text=True)
    policy = response.headers["Content-Security-Policy"]
    assert f"style-src 'self' {css_hash} {csp_hash(hidden)};" in policy
    assert "unsafe-inline" not in policy


def test_pages_are_revalidated(client):
    assert client.get("/id/").headers["Cache-Control"] == "no-cache"


@pytest.mark.parametrize(("encoding", "decode"), [("br", brotli.decompress), ("gzip", None)])
def test_pages_are_compressed_as_the_client_accepts(client, encoding, decode):
    import gzip

    plain = client.get("/id/factory-reset").data
    response = client.get("/id/factory-reset", headers={"Accept-Encoding": encoding})
    assert response.headers["Content-Encoding"] == encoding
    assert "Accept-Encoding" in response.headers["Vary"]
    assert (decode or gzip.decompress)(response.data) == plain
    assert len(response.data) < len(plain) / 2


def test_static_assets_have_hashed_names_and_are_immutable(app, client):
    assets = service(Assets, app).by_name
    assert assets, "the app should ship at least one static asset"
    for asset in assets.values():
        assert asset.digest in asset.hashed_name
        response = client.get(f"/assets/{asset.hashed_name}")
        assert response.status_code == 200
        assert response.data == asset.body
        assert "immutable" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "path",
    ["/assets/../app.py", "/assets/%2e%2e/app.py", "/assets/..%2fapp.py", "/assets/app.js"],
)
def test_assets_outside_the_manifest_are_not_served(client, path):
    assert client.get(path).status_code == 404


def test_scripts_styles_images_and_data_carry_the_strictest_policy_and_no_document_headers(
    app, client
):
    for asset in service(Assets, app).by_name.values():
        headers = client.get(f"/assets/{asset.hashed_name}").headers
        if asset.hashed_name.endswith(".svg"):  # an SVG opened on its own is a document
            assert "script-src 'self'" in headers["Content-Security-Policy"]
            continue
        assert headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Cross-Origin-Resource-Policy"] == "same-origin"
        assert "Permissions-Policy" not in headers


def test_the_worker_script_gets_the_full_policy_it_runs_under(client):
    csp = client.get("/sw.js").headers["Content-Security-Policy"]
    assert "connect-src 'self'" in csp and "default-src 'none'" in csp
