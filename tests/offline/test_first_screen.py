"""The top of every page on a borrowed phone: one short status line that never moves the page,
and the heading on the first screen, offline and with text at 200 %."""

import pytest

from ..browser_actions import FAKE_INSTALL_PROMPT, wait_until_saved_offline
from ..helpers import LANGUAGES
from ..site.test_accessibility import PATHS

# Every layout shift from the very start of the page, summed as CLS sums them (shifts right
# after the person's own input do not count).
SHIFT_OBSERVER = """
window.layoutShift = 0;
window.layoutShiftObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.layoutShift += entry.value;
});
window.layoutShiftObserver.observe({ type: "layout-shift", buffered: true });
"""
# After two frames every change so far has been laid out and painted (when shifts are
# measured); takeRecords() hands over the entries the observer has not delivered yet.
LAYOUT_SHIFT_SO_FAR = """() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    for (const entry of window.layoutShiftObserver.takeRecords()) {
        if (!entry.hadRecentInput) window.layoutShift += entry.value;
    }
    resolve(window.layoutShift);
})))"""
STATUS_TEXTS = ".status > *"


def visible_status(page) -> list[str]:
    return [text.inner_text() for text in page.locator(STATUS_TEXTS).all() if text.is_visible()]


# Every page of the site, both languages: what a script shows or fills in on a first visit
# (the status line, the wipe's buttons, the progress code) takes room kept for it from the start.
# Not the one-file guide (a download, with no script) nor the plain wipe form's answer (only
# posted without JavaScript): neither is a first visit.
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("path", PATHS)
def test_a_first_visit_does_not_shift_the_page_when_the_guide_is_saved(page, server, lang, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.add_init_script(SHIFT_OBSERVER)
    page.goto(f"{server.url}/{lang}{path}")
    wait_until_saved_offline(page)
    assert len(visible_status(page)) == 1
    assert page.evaluate(LAYOUT_SHIFT_SO_FAR) <= 0.01


def test_offline_the_top_shows_one_short_status_line_and_no_install_offer(page, browser, server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(server.url + "/id/faq")
    wait_until_saved_offline(page)
    page.evaluate(FAKE_INSTALL_PROMPT)
    browser.set_offline(True)
    page.wait_for_selector("#offline", state="visible")
    assert visible_status(page) == ["✓ Tidak ada koneksi: panduan tetap jalan."]
    assert page.locator("#install").count() == 0  # offered on the home page and after a tick
    # Between the header and the heading: nothing (the skip link is off screen); the status
    # line comes right under the heading.
    between = page.evaluate(
        """() => [...document.body.children]
            .filter((el) => el.compareDocumentPosition(document.querySelector("main")) & 4)
            .filter((el) => el.tagName !== "HEADER" && el.getClientRects().length)
            .map((el) => el.className || el.id)"""
    )
    assert between == ["skip"]
    assert page.evaluate("document.querySelector('h1').nextElementSibling.className") == "status"
    browser.set_offline(False)


# Text at 200 % as a phone's text-size setting makes it: the root font size doubles, and every
# size given in rem or em with it (page zoom would instead narrow the viewport in CSS px).
LARGE_TEXT = "document.documentElement.style.fontSize = '200%'"
# The header's height, its links' heights and tops, and one line of its text.
HEADER = """() => {
    const header = document.querySelector("header");
    const links = [...header.querySelectorAll("a")].filter((a) => a.getClientRects().length);
    return {
        height: header.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(header).lineHeight),
        tops: links.map((a) => Math.round(a.getBoundingClientRect().top)),
        heights: links.map((a) => a.getBoundingClientRect().height),
    };
}"""
# The heading's bottom, the top of the first thing to do (the paragraph under the heading
# that starts "First find out which lock it is") and its line height, the sizes of both texts.
FIRST_SCREEN = """() => {
    const h1 = document.querySelector("h1");
    const first = document.querySelector("main > p:not([hidden]):not(.status)");
    return {
        headingBottom: h1.getBoundingClientRect().bottom,
        headingSize: parseFloat(getComputedStyle(h1).fontSize),
        firstTop: first.getBoundingClientRect().top,
        firstLine: parseFloat(getComputedStyle(first).lineHeight),
        textSize: parseFloat(getComputedStyle(first).fontSize),
    };
}"""


@pytest.mark.parametrize("lang", ["id", "en"])
def test_at_320px_the_header_is_one_line_and_at_200_percent_text_a_quarter_of_the_screen(
    page, server, lang
):
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{server.url}/{lang}/")
    header = page.evaluate(HEADER)
    # One row: the name and the other language side by side, the height of one tap target
    # (a 44 px link, taller than a line of its text) with the header's padding and border.
    assert len(header["tops"]) == 2 and len(set(header["tops"])) == 1, header
    assert header["height"] <= max(header["lineHeight"], 44) + 10, header
    assert page.inner_text("header .brand") == "Redmi 4A"  # the whole name needs more room
    page.evaluate(LARGE_TEXT)
    header = page.evaluate(HEADER)
    assert header["height"] <= 568 / 4, header
    assert min(header["heights"]) >= 44


@pytest.mark.parametrize("lang", ["id", "en"])
def test_on_a_wider_phone_the_header_shows_the_guide_s_whole_name_on_one_line(page, server, lang):
    page.set_viewport_size({"width": 430, "height": 932})
    page.goto(f"{server.url}/{lang}/")
    assert page.inner_text("header .brand").startswith("Redmi 4A: ")
    assert len(set(page.evaluate(HEADER)["tops"])) == 1


@pytest.mark.parametrize("lang", ["id", "en"])
def test_at_200_percent_text_offline_the_home_heading_and_what_to_do_first_are_on_the_first_screen(
    page, browser, server, lang
):
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{server.url}/{lang}/")
    wait_until_saved_offline(page)
    page.evaluate(FAKE_INSTALL_PROMPT)
    browser.set_offline(True)
    page.wait_for_selector("#offline", state="visible")
    normal = page.evaluate(FIRST_SCREEN)
    assert normal["headingSize"] >= 1.25 * normal["textSize"]  # a heading that looks like one
    page.evaluate(LARGE_TEXT)
    large = page.evaluate(FIRST_SCREEN)
    assert large["textSize"] == 2 * normal["textSize"]
    # The heading grows no larger than the text on a screen this narrow (it still grows), so
    # the whole heading and at least two lines of what to do first are on the first screen.
    assert normal["headingSize"] < large["headingSize"] <= large["textSize"]
    assert large["headingBottom"] <= large["firstTop"]
    assert large["firstTop"] + 2 * large["firstLine"] <= 568, large
    assert page.inner_text("header .brand") == "Redmi 4A"
    header_targets = page.eval_on_selector_all(
        "header a:visible", "(links) => links.map((link) => link.getBoundingClientRect().height)"
    )
    assert len(header_targets) == 2 and min(header_targets) >= 44
    assert page.is_visible("#install")  # offered, but further down, after the methods
    assert page.evaluate(
        "document.getElementById('install').getBoundingClientRect().top"
    ) > page.evaluate("document.querySelector('h1').getBoundingClientRect().bottom")
    browser.set_offline(False)


def test_without_javascript_the_status_line_takes_no_room(page_without_js, server):
    page_without_js.goto(server.url + "/en/")
    assert (
        page_without_js.evaluate("document.querySelector('.status').getClientRects().length") == 0
    )
