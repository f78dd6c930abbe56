"""The guide over HTTPS through Caddy in Debian's Chromium, which trusts the stack's
certificate (its key, by --ignore-certificate-errors-spki-list, as a trusted CA would):
the worker installs, every page of both languages opens offline, the install criteria
hold, and no page breaks its Content-Security-Policy."""

import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import pytest
import requests

from ..browser_actions import wait_until_saved_offline
from ..helpers import CHROMIUM, CHROMIUM_ARGS, SITEMAP_NS, TIMEOUT_MS

CSP_LISTENER = """() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation",
        (event) => window.cspViolations.push(event.violatedDirective + " " + event.blockedURI));
}"""


@pytest.fixture
def trusting_browser(playwright, stack, tmp_path):
    """A persistent profile (installability is not reported in an incognito context)."""
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=[*CHROMIUM_ARGS, f"--ignore-certificate-errors-spki-list={stack.leaf_spki_hash()}"],
        service_workers="allow",
        locale="id-ID",
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(f"({CSP_LISTENER})()")
    yield context
    context.close()


def sitemap_paths(stack) -> list[str]:
    session = requests.Session()
    session.trust_env = False  # REQUESTS_CA_BUNDLE would replace the stack's root
    response = session.get(
        stack.url + "/sitemap.xml", verify=str(stack.root_certificate), timeout=30
    )
    root = ET.fromstring(response.content)  # noqa: S314 (our own document)
    return [urlparse(loc.text).path for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def test_over_https_the_guide_installs_and_works_offline(trusting_browser, stack):
    page = trusting_browser.pages[0] if trusting_browser.pages else trusting_browser.new_page()
    csp_messages = []
    page.on(
        "console",
        lambda message: (
            csp_messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.goto(stack.url + "/id/")
    assert page.evaluate("window.isSecureContext")
    wait_until_saved_offline(page)
    cdp = trusting_browser.new_cdp_session(page)
    assert cdp.send("Page.getInstallabilityErrors")["installabilityErrors"] == []

    paths = sitemap_paths(stack)
    assert len(paths) >= 24
    trusting_browser.set_offline(True)
    try:
        for path in paths:
            response = page.goto(stack.url + path)
            assert response is not None and response.ok, path
            assert response.from_service_worker, path
            lang = path.split("/")[1]
            assert page.evaluate("document.documentElement.lang") == lang, path
            assert page.locator("h1").count() >= 1, path
            assert page.evaluate("window.cspViolations") == [], path
    finally:
        trusting_browser.set_offline(False)
    assert csp_messages == []
