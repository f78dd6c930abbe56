"""Installable in both languages; updates offered, never forced; a broken deploy breaks nothing."""

import re

import pytest

from ..browser_actions import FAKE_INSTALL_PROMPT, tick, wait_until_saved_offline
from ..helpers import LiveServer

MARKER = '<p id="version-b">Version B of the guide</p>'


@pytest.mark.persistent_profile
@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_guide_is_installable_with_a_manifest_in_its_language(page, browser, server, lang):
    page.goto(f"{server.url}/{lang}/")
    wait_until_saved_offline(page)
    cdp = browser.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

    manifest = page.evaluate(
        """async () => (await fetch(document.querySelector("link[rel=manifest]").href)).json()"""
    )
    assert manifest["lang"] == lang
    assert manifest["start_url"] == "/"  # the front door: the language chosen on the phone
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["name"] and manifest["short_name"] and manifest["description"]
    assert manifest["theme_color"] and manifest["background_color"]
    sizes = {(icon["sizes"], icon["purpose"]) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        status = page.evaluate("async (src) => (await fetch(src)).status", icon["src"])
        assert status == 200
    assert page.locator("link[rel=apple-touch-icon]").count() == 1


def deploy(app_copy, tmp_path, port=None, env=None) -> LiveServer:
    server = LiveServer(tmp_path / "instance", root=app_copy, env=env)
    if port:
        server.port, server.url = port, f"http://127.0.0.1:{port}"
        server.env["PORT"] = str(port)
    return server.start()


def test_a_new_version_is_offered_and_applied_without_losing_saved_data(page, app_copy, tmp_path):
    version_a = deploy(app_copy, tmp_path)
    try:
        page.goto(version_a.url + "/en/")
        wait_until_saved_offline(page)
        page.evaluate("localStorage.setItem('saved-before-update', 'still here')")
        assert not page.is_visible("#update")
    finally:
        version_a.stop()

    home = app_copy / "webapp" / "guide" / "templates" / "guide" / "home.html"
    home.write_text(home.read_text().replace("{% block main %}", "{% block main %}" + MARKER))
    version_b = deploy(app_copy, tmp_path, port=version_a.port)
    try:
        page.reload()  # from the cache: still A, while the browser finds B
        assert page.locator("#version-b").count() == 0
        page.wait_for_selector("#update", state="visible")
        assert "newer version" in page.inner_text("#update")
        with page.expect_navigation():
            page.click("#update-button")
        page.wait_for_selector("#version-b")
        assert page.evaluate("localStorage.getItem('saved-before-update')") == "still here"
        caches = page.evaluate("caches.keys()")
        assert len([name for name in caches if name.startswith("guide-")]) == 1
    finally:
        version_b.stop()


def test_a_broken_worker_script_leaves_the_saved_guide_working(page, app_copy, tmp_path):
    working = deploy(app_copy, tmp_path)
    try:
        page.goto(working.url + "/id/")
        wait_until_saved_offline(page)
    finally:
        working.stop()

    (app_copy / "service_worker" / "sw.js").unlink()  # a deploy that lost the worker
    broken = deploy(app_copy, tmp_path, port=working.port)
    try:
        assert page.request.get(broken.url + "/sw.js").status == 500
        page.reload()
        failed = page.evaluate(
            """async () => {
                const registration = await navigator.serviceWorker.getRegistration();
                try { await registration.update(); return false; } catch (error) { return true; }
            }"""
        )
        assert failed
    finally:
        broken.stop()

    response = page.goto(working.url + "/id/factory-reset")
    assert response.from_service_worker
    assert "Reset pabrik tidak menghapus kunci akun Mi" in page.content()
    assert page.evaluate("navigator.serviceWorker.controller !== null")


def test_a_body_changed_in_transit_fails_the_install_and_leaves_nothing(page, app_copy, tmp_path):
    """Someone between us and the phone changes one word of one page in the bundle; the
    headers the worker gives its copies are its own, so only the body can differ. The worker
    must refuse to install what it cannot trust."""
    precache = app_copy / "webapp" / "offline" / "precache.py"
    source = precache.read_text()
    honest = "bodies = [copy.body for copy in self.in_bundle_order() if copy.bundled]"
    assert honest in source
    changed = (
        'bodies = [copy.body.replace(b"<main", b"<main data-x", 1) if copy.url == "/en/faq"'
        " else copy.body for copy in self.in_bundle_order() if copy.bundled]"
    )
    precache.write_text(source.replace(honest, changed))
    server = deploy(app_copy, tmp_path)
    try:
        script = page.request.get(server.url + "/sw.js").text()
        bundle_url = re.search(r'^const BUNDLE_URL = "(.*)";$', script, re.M).group(1)
        bundle = page.request.get(server.url + bundle_url).body()
        assert b"<main data-x" in bundle

        page.goto(server.url + "/en/")
        outcome = page.evaluate(
            """async () => {
                // The page registered the worker already; this joins that registration.
                const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
                const worker = registration.installing || registration.waiting || registration.active;
                const settled = () => ["redundant", "activated"].includes(worker.state);
                if (!settled()) {
                    await new Promise((resolve) => worker.addEventListener("statechange", () => {
                        if (settled()) resolve();
                    }));
                }
                const left = await navigator.serviceWorker.getRegistration();
                return {
                    state: worker.state,
                    caches: await caches.keys(),
                    active: Boolean(left && left.active),
                    controlled: navigator.serviceWorker.controller !== null,
                };
            }"""
        )
        # "language" is the page's own note of the language read, never the worker's copy.
        outcome["caches"] = [name for name in outcome["caches"] if name != "language"]
        # A failed install keeps only the one-file guides it had checked (they come first in
        # the bundle), for the page to offer offline; the changed page is in no cache.
        kept = set(outcome.pop("caches")) - {"one-file"}
        assert kept == set()
        assert outcome == {"state": "redundant", "active": False, "controlled": False}
        held = page.evaluate(
            """async () => {
                const cache = await caches.open("one-file");
                const held = {};
                for (const request of await cache.keys()) {
                    held[new URL(request.url).pathname] = await (await cache.match(request)).text();
                }
                return held;
            }"""
        )
        assert set(held) <= {"/id/guide.html", "/en/guide.html"}
        for path, body in held.items():
            assert "data-x" not in body
            assert body.encode() == page.request.get(server.url + path).body()
        assert not page.is_visible("#saved")  # the page never says the guide is saved
    finally:
        server.stop()


def test_install_is_offered_on_the_home_page_and_after_a_tick_until_not_now(page, server):
    page.goto(server.url + "/en/faq")
    page.evaluate(FAKE_INSTALL_PROMPT)
    assert page.locator("#install").count() == 0  # not on every page

    page.goto(server.url + "/en/password-reset")
    page.evaluate(FAKE_INSTALL_PROMPT)
    assert page.is_hidden("#install")
    tick(page, "pw-forgot")
    page.wait_for_selector("#install", state="visible")
    page.click("#install-button")
    assert page.evaluate("window.installPrompted") is True
    page.wait_for_selector("#install", state="hidden")  # answered "dismissed" in the browser

    page.goto(server.url + "/en/")
    page.evaluate(FAKE_INSTALL_PROMPT)
    assert page.is_hidden("#install"), "never again once the person answered"


def test_not_now_puts_the_install_offer_away_for_good(page, server):
    page.goto(server.url + "/id/")
    page.evaluate(FAKE_INSTALL_PROMPT)
    page.wait_for_selector("#install", state="visible")
    assert page.inner_text("#install-button") == "Pasang panduan ini"
    page.click("#install-later")
    assert page.is_hidden("#install")
    for path in ("/id/", "/id/password-reset"):
        page.goto(server.url + path)
        page.evaluate(FAKE_INSTALL_PROMPT)
        if path != "/id/":
            tick(page, "pw-forgot")
        assert page.is_hidden("#install"), path


IPAD_SAFARI = (  # iPadOS Safari says it is a Mac; only its touch screen tells it apart
    "Object.defineProperty(navigator, 'userAgent', { get: () => 'Mozilla/5.0 (Macintosh; Intel "
    "Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15' });"
    "Object.defineProperty(navigator, 'platform', { get: () => 'MacIntel' });"
)


@pytest.mark.parametrize(
    ("device", "touch_points", "explained"),
    [("ipad", 5, True), ("mac", 0, False)],
)
def test_an_ipad_is_told_how_to_install_and_a_mac_is_not(
    browser, server, device, touch_points, explained
):
    browser.add_init_script(
        IPAD_SAFARI
        + f"Object.defineProperty(navigator, 'maxTouchPoints', {{ get: () => {touch_points} }});"
    )
    page = browser.new_page()
    page.goto(server.url + "/en/", wait_until="load")  # deferred app.js has run before load
    assert page.is_visible("#install-ios") is explained
    assert page.is_visible("#install") is explained
    if explained:
        assert "tap Share, then “Add to Home Screen”" in page.inner_text("#install-ios")


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "en",
            "Installing puts the guide's icon on this phone's home screen. It stays until you "
            "remove it: touch and hold the icon, then remove it.",
        ),
        (
            "id",
            "Memasang panduan ini menaruh ikonnya di layar utama HP ini. Ikon itu tetap ada sampai "
            "kamu menghapusnya: sentuh lama ikonnya, lalu hapus.",
        ),
    ],
)
def test_the_install_offer_says_what_stays_on_the_phone_and_how_to_remove_it(
    page, server, lang, words
):
    page.goto(f"{server.url}/{lang}/")
    page.evaluate(FAKE_INSTALL_PROMPT)
    page.wait_for_selector("#install", state="visible")
    assert page.locator("#install p").first.inner_text() == words
    # Before the button, where it is read first.
    assert page.evaluate(
        "document.querySelector('#install p').compareDocumentPosition("
        "document.getElementById('install-button')) & Node.DOCUMENT_POSITION_FOLLOWING"
    )
