"""WCAG 2.2 AA in a real Chromium: axe-core, 320 px, 44 px targets, keyboard, screen-reader names."""

import tempfile

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask import url_for

from webapp import create_app
from webapp.core.features import features

from ..browser_actions import box


def guide_paths() -> list[str]:
    """Every page's path after its language prefix, from the app's own page list."""
    app = create_app({"TESTING": True}, instance_path=tempfile.mkdtemp())
    with app.test_request_context():
        return [
            url_for(page.endpoint, lang_code="en", **page.values)[3:]
            for page in features(app).pages()
        ]


PATHS = guide_paths()
# Pages the site's list (the sitemap's) leaves out, checked as well: the one-file guide,
# a download (Content-Disposition: attachment) that is shown here as the file a person saved
# and opened; the page that answers the plain wipe form without JavaScript; and the triage's
# answer address without answers (what a static host without the app serves for an answer)
# with the first question by links, and the advice at the end of the longest path by links.
ONE_FILE = "/guide.html"
WIPE_ANSWER = "/clear (the plain form's answer)"
BY_LINKS = ["/answer", "/answers/device-locked/mine/yes/no/yes/"]
ALL_PATHS = [*PATHS, ONE_FILE, WIPE_ANSWER, *BY_LINKS]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TARGETS = (
    "a, button, label:has(input), select, textarea, input:not([type=checkbox]):not([type=radio])"
)


DUPLICATE_IDS = """() => {
    const ids = [...document.querySelectorAll("[id]")].map((element) => element.id);
    return ids.filter((id, index) => ids.indexOf(id) !== index);
}"""


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


def open_page(page, server, lang: str, path: str):
    """Open one of ALL_PATHS in this language, as a person comes to it."""
    url = f"{server.url}/{lang}{path}"
    if path == ONE_FILE:

        def without_download(route):
            response = route.fetch()
            headers = dict(response.headers)
            headers.pop("content-disposition")
            route.fulfill(response=response, headers=headers)

        page.route(url, without_download)
    elif path == WIPE_ANSWER:
        url = f"{server.url}/{lang}/clear"
        page.route(url, lambda route: route.continue_(method="POST"))
    response = page.goto(url)
    assert response.ok, path
    if path == WIPE_ANSWER:
        assert response.request.method == "POST" and page.is_visible("main div[role=status]")
    return response


def reveal_everything(page) -> None:
    """Show what scripts show later (notes, results, offers), so axe and the size checks see it."""
    page.evaluate("document.querySelectorAll('[hidden]').forEach(el => el.hidden = false)")


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", ALL_PATHS)
def test_every_page_passes_axe_at_320px_in_light_and_dark(phone, server, axe, lang, path):
    violations_csp = []
    phone.on(
        "console", lambda m: "Content Security Policy" in m.text and violations_csp.append(m.text)
    )
    open_page(phone, server, lang, path)
    reveal_everything(phone)
    for scheme in ("light", "dark"):  # the page follows the phone's colour scheme
        phone.emulate_media(color_scheme=scheme)
        results = axe.run(phone, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        assert results.violations_count == 0, f"{scheme}: {results.generate_report()}"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320, "no sideways scrolling"
    assert violations_csp == []
    # One element per id: a script that finds the wrong one leaves its own control dead.
    assert phone.evaluate(DUPLICATE_IDS) == []


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", ALL_PATHS)
def test_every_tap_target_is_at_least_44px_high_and_wide(phone, server, lang, path):
    open_page(phone, server, lang, path)
    reveal_everything(phone)
    small = phone.eval_on_selector_all(
        TARGETS,
        """(elements) => elements
            .filter((el) => el.getClientRects().length && !el.closest('.skip, template'))
            // Each line box of a wrapped link is a target of its own: the union of two
            // 22 px lines is 44 px high, and neither line is.
            .flatMap((el) => [...el.getClientRects()].map((box) => [el.outerHTML.slice(0, 80), box]))
            .filter(([, box]) => Math.round(box.height) < 44 || Math.round(box.width) < 44)
            .map(([html, box]) => [html, Math.round(box.width), Math.round(box.height)])""",
    )
    assert small == []


def test_checkboxes_have_real_labels_and_warnings_are_announced(page, server):
    page.goto(server.url + "/en/factory-reset")
    checkbox = page.get_by_role("checkbox", name="Choose Wipe Data, then Wipe All Data")
    assert checkbox.count() == 1
    warning = page.get_by_role("region", name="Warning: read this first")
    assert "does not remove the Mi account lock" in warning.inner_text()


def test_the_checklist_works_with_the_keyboard_alone(page, server):
    page.goto(server.url + "/en/password-reset")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('li')?.id") == "pw-open-site":
            break
    else:
        pytest.fail("Tab never reached the first step")
    page.keyboard.press("Space")
    assert page.is_checked(box("pw-open-site"))
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"
