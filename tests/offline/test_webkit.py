"""The guide in a second engine: WebKit (Safari's), driven through Debian's WebKitWebDriver.

WebKitGTK has no headless mode, so its MiniBrowser runs on a virtual X display (Xvfb).
Like the Chromium tests, this fails, never skips, when a tool is missing: `make test`
installs webkit2gtk-driver and xvfb.
"""

import json
import os
import re
import select
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
import requests
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.wait import WebDriverWait
from selenium.webdriver.webkitgtk.options import Options
from selenium.webdriver.webkitgtk.service import Service

from ..browser_actions import box as step_box
from ..helpers import LiveServer

WEBKIT_DRIVER = Path(os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver"))
XVFB = os.environ.get("XVFB", "Xvfb")
# Generous: the machine may be busy with other tests. Every wait ends on the event itself.
TIMEOUT = 60
OFFLINE_PAGES = ["/id/", "/en/faq", "/id/password-reset", "/en/unlock-request"]
# The page's own stylesheet (beside the inline critical CSS) loaded. WebKit throws a
# "cross-origin" SecurityError reading the rules of a sheet that failed to load.
STYLED = """
    const sheet = document.querySelector("link[rel=stylesheet]").sheet;
    try { return sheet !== null && sheet.cssRules.length > 0; } catch { return false; }
"""

pytestmark = [
    pytest.mark.browser,
    # Selenium's own code warns here for drivers without their own connection class, such
    # as WebKitGTK's (the fix in SeleniumHQ/selenium#14690 covered Chrome, Firefox, Safari).
    pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
]


@pytest.fixture(scope="session")
def x_display():
    """A virtual X display on a number Xvfb picks itself (-displayfd), so runs never collide."""
    xvfb = shutil.which(XVFB)
    if not xvfb:
        pytest.fail("Xvfb is missing: run `make test` (or apt-get install xvfb)")
    read_end, write_end = os.pipe()
    process = subprocess.Popen(
        [xvfb, "-displayfd", str(write_end), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=[write_end],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    try:
        # Xvfb writes the display number once it accepts connections (EOF if it died).
        ready, _, _ = select.select([read_end], [], [], TIMEOUT)
        number = os.read(read_end, 64).decode().strip() if ready else ""
        if not number:
            pytest.fail(f"Xvfb did not start a display within {TIMEOUT}s")
        assert Path(f"/tmp/.X11-unix/X{number}").exists()
        yield f":{number}"
    finally:
        os.close(read_end)
        process.terminate()
        process.wait(timeout=TIMEOUT)


@pytest.fixture
def webkit(request, x_display, tmp_path):
    """A fresh WebKitGTK MiniBrowser (an ephemeral profile) with its data kept in tmp_path."""
    # The server first, so that it stops after the browser has closed its connections.
    if "server" in request.fixturenames:
        request.getfixturevalue("server")
    if not os.access(WEBKIT_DRIVER, os.X_OK):
        pytest.fail(
            f"WebKitWebDriver is missing at {WEBKIT_DRIVER}: "
            "run `make test` (or apt-get install webkit2gtk-driver)"
        )
    home = tmp_path / "webkit-home"
    env = {
        **os.environ,
        "DISPLAY": x_display,
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_DATA_HOME": str(home / "data"),
    }
    service = Service(str(WEBKIT_DRIVER), env=env, log_output=str(tmp_path / "webkitwebdriver.log"))
    driver = webdriver.WebKitGTK(options=Options(), service=service)
    driver.set_page_load_timeout(TIMEOUT)
    driver.set_script_timeout(TIMEOUT)
    yield driver
    driver.quit()


def wait(driver) -> WebDriverWait:
    return WebDriverWait(driver, TIMEOUT)


def heading(html: str) -> str:
    """The page's h1 as a reader sees it, from the HTML the server sends."""
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "every page has an h1"
    return " ".join(unescape(re.sub(r"<[^>]+>", "", match.group(1))).split())


def ticked_steps(driver) -> list[str]:
    saved = driver.execute_script("return localStorage.getItem('guide-progress')")
    return json.loads(saved)["done"] if saved else []


@pytest.mark.own_server  # stops it
def test_in_webkit_the_guide_saves_itself_works_offline_in_both_languages_and_keeps_ticks(
    webkit, server
):
    # Install: the worker becomes active and the page says the guide is saved on this phone.
    webkit.get(server.url + "/en/")
    assert webkit.execute_script("return window.isSecureContext && 'serviceWorker' in navigator")
    wait(webkit).until(
        EC.presence_of_element_located((By.CSS_SELECTOR, "html[data-offline-ready='true']")),
        "the service worker never became ready",
    )
    saved = wait(webkit).until(EC.visibility_of_element_located((By.ID, "saved")))
    assert "Saved on this phone" in saved.text
    state = webkit.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "navigator.serviceWorker.ready.then((registration) => done(registration.active.state));"
    )
    assert state == "activated"
    headings = {
        path: heading(requests.get(server.url + path, timeout=TIMEOUT).text)
        for path in [*OFFLINE_PAGES, "/en/password-reset"]
    }

    server.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(server.url + "/en/", timeout=TIMEOUT)

    # Offline: pages never opened before, in both languages, come from the worker's cache.
    for path in OFFLINE_PAGES:
        webkit.get(server.url + path)
        wait(webkit).until(
            EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), headings[path]),
            f"{path} did not render offline from the worker's cache",
        )
        assert webkit.find_element(By.TAG_NAME, "html").get_attribute("lang") == path[1:3]
        assert webkit.execute_script("return navigator.serviceWorker.controller !== null"), path
        assert webkit.execute_script(STYLED), f"{path} has no stylesheet offline"

    # Ticks: saved on the phone, still there after an offline reload and in the other language.
    webkit.get(server.url + "/en/password-reset")
    wait(webkit).until(
        EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), headings["/en/password-reset"]),
        "/en/password-reset did not render offline",
    )
    step = (By.CSS_SELECTOR, step_box("pw-forgot"))
    box = wait(webkit).until(EC.element_to_be_clickable(step))
    assert not box.is_selected()
    box.click()
    wait(webkit).until(lambda driver: "pw-forgot" in ticked_steps(driver), "the tick was not saved")
    assert webkit.find_element(By.CSS_SELECTOR, "[data-progress]").text == "1 of 11 done"

    webkit.refresh()
    wait(webkit).until(EC.element_located_to_be_selected(step), "the tick was lost on reload")
    assert ticked_steps(webkit) == ["pw-forgot"]
    webkit.get(server.url + "/id/password-reset")
    wait(webkit).until(
        EC.element_located_to_be_selected(step), "the tick is missing in the other language"
    )
    assert not webkit.find_element(By.CSS_SELECTOR, step_box("pw-open-site")).is_selected()

    # "Clear this guide" (the server back): the tab stays cleared, with no worker and no cache.
    server.start()
    webkit.get(server.url + "/id/clear")
    wait(webkit).until(EC.element_to_be_clickable((By.ID, "clear-start"))).click()
    wait(webkit).until(EC.element_to_be_clickable((By.ID, "clear-yes"))).click()
    report = wait(webkit).until(EC.visibility_of_element_located((By.ID, "clear-report")))
    assert report.text.startswith("Selesai. Sekarang tab ini boleh kamu tutup")
    assert not webkit.find_element(By.TAG_NAME, "footer").is_displayed()
    for path in ("/id/faq", "/id/password-reset", "/id/faq"):
        webkit.get(server.url + path)
        wait(webkit).until(EC.presence_of_element_located((By.CSS_SELECTOR, "footer")))
    left = webkit.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()])"
        ".then(([workers, names]) => done([workers.length, names]));"
    )
    assert left == [0, []]


def test_in_webkit_saving_is_said_and_a_failed_save_is_explained_offline(
    webkit, app_copy, tmp_path
):
    """The guide's download waits until the test lets it go, then arrives without its last
    entry (a script): the install fails half-way, as on a connection that drops."""
    release = tmp_path / "release"
    offline = app_copy / "webapp" / "offline"
    views = (offline / "__init__.py").read_text()
    held = '    """Every text entry of this version in one download, for a worker\'s first install."""\n'
    assert held in views
    (offline / "__init__.py").write_text(
        views.replace(
            held,
            held + "    import time\n\n    while not os.path.exists(os.environ['RELEASE']):\n"
            "        time.sleep(0.05)\n",
        ).replace("\n", "\nimport os\n", 1)
    )
    precache = (offline / "precache.py").read_text()
    bodies = "        bodies = [copy.body for copy in self.in_bundle_order() if copy.bundled]\n"
    assert bodies in precache
    (offline / "precache.py").write_text(
        precache.replace(bodies, bodies + "        bodies = bodies[:-1]\n")
    )
    server = LiveServer(tmp_path / "instance", root=app_copy, env={"RELEASE": str(release)})
    server.start()
    try:
        webkit.get(server.url + "/en/")
        saving = wait(webkit).until(EC.visibility_of_element_located((By.ID, "saving")))
        assert saving.text == "Saving the guide for use without internet…"
        release.touch()
        wait(webkit).until(EC.invisibility_of_element_located((By.ID, "saving")))
        assert not webkit.find_element(By.ID, "saved").is_displayed()
        # WebKit keeps nothing a failed install wrote, in any cache (Chromium keeps the
        # one-file guide: tests/offline/test_offline_in_the_browser.py); what it says stands.
        # The browser says the connection is gone.
        webkit.execute_script(
            "Object.defineProperty(navigator, 'onLine', { get: () => false });"
            "dispatchEvent(new Event('offline'));"
        )
        note = wait(webkit).until(EC.visibility_of_element_located((By.ID, "not-saved")))
        assert "not saved on this phone yet" in note.text
        assert "only the pages already open work" in note.text
    finally:
        server.stop()
