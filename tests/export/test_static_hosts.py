"""The exported guide on the hosts an operator runs: plain nginx with none of the app's
headers, a host that applies the generated `_headers`, and this project's Caddy in front of the
app. In Chromium the worker installs from each, and every page of both languages then opens
offline; without JavaScript, `/` and the triage's answer either work (where the app answers
behind the host) or lead to a page that says where to go."""

import pytest

from webapp import create_app
from webapp.export import export_site
from webapp.export.release import CURRENT
from webapp.offline.precache import precache_urls

from ..browser_actions import wait_until_saved_offline
from ..helpers import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS
from ..static_hosts import HeadersFileHost, IncludeNginx, PlainNginx, ProjectCaddy


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


@pytest.fixture(params=["plain nginx", "_headers host", "Caddy"])
def host(request, exported, tmp_path):
    site, _ = exported
    if request.param == "plain nginx":
        running = PlainNginx(site, tmp_path).start()
    elif request.param == "_headers host":
        running = HeadersFileHost(site).start()
    else:  # the app (the shared gunicorn) behind it answers what the export cannot hold
        running = ProjectCaddy(site.parent, tmp_path, request.getfixturevalue("server").port)
        running.start()
    yield running
    running.stop()


@pytest.fixture
def host_chromium(request, host, playwright):
    """The session's Chromium, or one that trusts the host's certificate (Caddy's own CA)."""
    if not host.chromium_args:
        yield request.getfixturevalue("chromium")
        return
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=[*CHROMIUM_ARGS, *host.chromium_args]
    )
    yield browser
    browser.close()


@pytest.fixture
def browser(host_chromium):
    context = host_chromium.new_context(service_workers="allow", locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    yield context
    context.close()


@pytest.fixture
def page_without_js(host_chromium):
    context = host_chromium.new_context(java_script_enabled=False, locale="id-ID")
    context.set_default_timeout(TIMEOUT_MS)
    yield context.new_page()
    context.close()


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


def test_a_page_from_the_network_runs_under_the_apps_csp_on_every_host(page, host):
    """Even where the host sends no headers, a page fetched from the network keeps the
    app's CSP (in a <meta>): a script the page did not ship does not run."""
    page.goto(host.url + "/id/faq")
    ran = page.evaluate(
        """() => new Promise((resolve) => {
            document.addEventListener("securitypolicyviolation", (event) =>
              resolve(["blocked", event.violatedDirective, window.injected === 1]));
            const script = document.createElement("script");
            script.textContent = "window.injected = 1";
            document.body.append(script);  // without a CSP it runs here, at once
            if (window.injected === 1) resolve(["ran", "", true]);
        })"""
    )
    assert ran[0] == "blocked" and ran[1].startswith("script-src") and ran[2] is False


def test_the_front_door_says_where_to_go(page_without_js, host):
    """Without the app, / is the export's root page: each language's guide, by a link. With
    the app behind the host, / picks the browser's language (Indonesian here)."""
    page = page_without_js
    response = page.goto(host.url + "/")
    assert response.status == 200
    if host.has_origin:
        assert page.url == host.url + "/id/"
    else:
        page.click("a[hreflang=en]")
        assert page.url == host.url + "/en/"
    assert page.locator("main h1").count() == 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_triage_answer_without_javascript_works_or_says_where_to_go(page_without_js, host, lang):
    """The form sent without JavaScript: with the app behind the host, the next question;
    on a host without it (which ignores the query), the page that says why and asks again by
    links, one exported page per question, to the advice."""
    page = page_without_js
    page.goto(f"{host.url}/{lang}/start")
    page.check("fieldset[data-question=shows] input[value=screen-lock]")
    with page.expect_navigation():
        page.click("#triage button[type=submit]")
    assert page.url.startswith(f"{host.url}/{lang}/answer?shows=screen-lock")
    assert page.get_attribute("html", "lang") == lang
    if host.has_origin:
        assert page.is_visible('fieldset[data-question="knows_mi"]#answer')
        return
    assert page.locator("#triage").count() == 0
    for value in ("screen-lock", "no", "yes", "no"):  # knows_mi, knows_google, know_contact
        page.click(f"main a[href$='/{value}/#answer']")
        assert page.url.startswith(f"{host.url}/{lang}/answers/screen-lock"), value
    assert page.url == f"{host.url}/{lang}/answers/screen-lock/no/yes/no/#answer"
    advice = page.locator("#answer ol.advice li[data-advice]")
    assert advice.first.get_attribute("data-advice") == "whose-account:look-for-contact"
    assert page.locator("#answer ul.advice li[data-advice]").count() >= 2


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
        # The form's answers go to the app; the same address without any is the export's.
        answer = requests.get(nginx.url + "/en/answer?shows=screen-lock&shown=shows", timeout=30)
        assert answer.status_code == 200
        assert '<fieldset data-question="knows_mi" id="answer">' in answer.text
        where_to_go = requests.get(nginx.url + "/en/answer", timeout=30)
        assert where_to_go.status_code == 200 and '<form id="triage"' not in where_to_go.text
        assert "frame-ancestors 'none'" in where_to_go.headers["Content-Security-Policy"]
    finally:
        nginx.stop()
