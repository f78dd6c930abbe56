"""The exported guide on static hosts that are not this project's Caddy: plain nginx with none
of the app's headers, and a host that applies the generated `_headers`. In Chromium the worker
installs from each, and every page of both languages then opens offline."""

import pytest

from webapp import create_app
from webapp.export import export_site
from webapp.export.release import CURRENT
from webapp.offline.precache import precache_urls

from ..browser_actions import wait_until_saved_offline
from ..static_hosts import HeadersFileHost, IncludeNginx, PlainNginx


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    folder = tmp_path_factory.mktemp("export")
    app = create_app(
        {"TESTING": True, "SITE_URL": "https://guide.example.org"},
        str(tmp_path_factory.mktemp("instance")),
    )
    export_site(app, folder / "site")
    pages = [
        url
        for url in precache_urls(app)
        if not url.startswith("/assets/") and not url.endswith((".webmanifest", ".html"))
    ]
    return folder / "site" / CURRENT, pages


@pytest.fixture(params=["plain nginx", "_headers host"])
def host(request, exported, tmp_path):
    site, _ = exported
    running = (
        PlainNginx(site, tmp_path).start()
        if request.param == "plain nginx"
        else HeadersFileHost(site).start()
    )
    yield running
    running.stop()


def test_the_worker_installs_and_every_page_opens_offline(page, browser, host, exported):
    _, pages = exported
    assert len(pages) >= 30
    page.goto(host.url + "/id/")
    wait_until_saved_offline(page)
    browser.set_offline(True)
    try:
        for url in pages:
            response = page.goto(host.url + url)
            assert response.from_service_worker, url
            assert response.status == 200, url
            assert page.locator("main h1").count() == 1, url
            lang = url.split("/")[1]
            assert page.get_attribute("html", "lang") == lang, url
    finally:
        browser.set_offline(False)


def test_saved_copies_keep_the_apps_headers_whatever_the_host_sends(page, host):
    page.goto(host.url + "/en/")
    wait_until_saved_offline(page)
    response = page.goto(host.url + "/en/faq")
    assert response.from_service_worker
    headers = response.headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["content-type"] == "text/html; charset=utf-8"


def test_the_front_door_says_where_to_go(page_without_js, host):
    """Without the app, / is the export's root page: each language's guide, by a link."""
    page = page_without_js
    response = page.goto(host.url + "/")
    assert response.status == 200
    page.click("a[hreflang=en]")
    assert page.url == host.url + "/en/"
    assert page.locator("main h1").count() == 1


def test_the_nginx_include_sends_the_apps_headers_and_only_canonical_urls(server, tmp_path):
    """nginx with the generated include: each page with the app's headers (the 404 too), a
    file's other names 404, and what the export cannot hold goes to the app."""
    import requests

    app = create_app(
        {"TESTING": True, "SITE_URL": "https://guide.example.org"}, str(tmp_path / "instance")
    )
    export_site(app, tmp_path / "site", origin="https://origin.example.org")
    nginx = IncludeNginx(tmp_path / "site" / CURRENT, tmp_path, server.port).start()
    try:
        csp = app.test_client().get("/id/faq").headers["Content-Security-Policy"]
        page = requests.get(nginx.url + "/id/faq", timeout=30)
        assert page.status_code == 200 and "<h1>" in page.text
        assert page.headers["Content-Security-Policy"] == csp
        assert page.headers["X-Frame-Options"] == "DENY"
        for path in ("/id/faq.html", "/id/index.html", "/404.html", "/sw.js.gz", "/_headers"):
            missing = requests.get(nginx.url + path, timeout=30)
            assert missing.status_code == 404, path
            assert "frame-ancestors 'none'" in missing.headers["Content-Security-Policy"], path
        assert "Halaman tidak ditemukan" in requests.get(nginx.url + "/id/nope", timeout=30).text
        front = requests.get(
            nginx.url + "/", headers={"Accept-Language": "en"}, allow_redirects=False, timeout=30
        )
        assert front.status_code == 302 and front.headers["Location"] == "/en/"
        answer = requests.get(nginx.url + "/en/start?shows=screen-lock", timeout=30)
        assert answer.status_code == 200 and 'id="answer"' in answer.text
    finally:
        nginx.stop()
