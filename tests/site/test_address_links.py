"""A link whose text is an address: a screen reader reads it whole, and on a 320 px phone it
wraps inside the screen (by CSS, at the line's end), at normal and at 200 % text."""

import pytest

from .test_accessibility import ONE_FILE, PATHS, open_page
from .test_large_text import set_text_size

# Pages with links whose text is an address, and those addresses.
ADDRESS_LINKS = {
    "/unlock-request": ["i.mi.com", "service.id@xiaomi.com"],
    "/support": ["service.id@xiaomi.com"],
    "/second-hand": ["imei.kemenperin.go.id"],
    ONE_FILE: ["i.mi.com", "service.id@xiaomi.com", "imei.kemenperin.go.id"],
}
LONGEST = "service.id@xiaomi.com"

# Links whose text runs past their own box, or whose box runs past the screen's edge.
OVERFLOWING_LINKS = """() => [...document.querySelectorAll("main a")]
    .filter((link) => link.getClientRects().length)
    .filter((link) => link.scrollWidth > link.clientWidth
        || link.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map((link) => link.outerHTML.slice(0, 80))"""

# On how many lines a link's text lies.
LINES_OF = """(text) => {
    const link = [...document.querySelectorAll("main a")].find((a) => a.textContent === text);
    const range = document.createRange();
    range.selectNodeContents(link);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
}"""


def link_names(page) -> list[str]:
    """The links' accessible names as Chromium gives them to screen readers. Playwright's own
    role queries compute names themselves and read "service.<wbr>id@…" whole, so they cannot
    show what Chromium exposes: its accessibility tree can."""
    session = page.context.new_cdp_session(page)
    try:
        nodes = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    return [
        node["name"]["value"]
        for node in nodes
        if node.get("role", {}).get("value") == "link" and "name" in node
    ]


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 320, "height": 568})
    return page


def test_no_page_carries_line_break_hints(client):
    """<wbr> splits the text a screen reader reads ("service. id@ xiaomi. com")."""
    for lang in ("id", "en"):
        for path in [*PATHS, ONE_FILE]:
            response = client.get(f"/{lang}{path}")
            assert response.status_code == 200, path
            assert b"<wbr" not in response.data, f"/{lang}{path}"


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", ADDRESS_LINKS)
def test_an_address_link_is_read_whole_and_wraps_inside_the_screen(
    phone, server, lang, path, text_size
):
    open_page(phone, server, lang, path)
    set_text_size(phone, text_size)
    names = link_names(phone)
    for address in ADDRESS_LINKS[path]:
        assert address in names, (address, [n for n in names if "." in n])
    assert phone.evaluate(OVERFLOWING_LINKS) == []
    assert phone.evaluate("document.documentElement.scrollWidth") <= 320, "sideways scroll"
    if text_size == 200 and LONGEST in ADDRESS_LINKS[path]:
        # Wider than the screen at this size: it wraps, which is what is being tested.
        assert phone.evaluate(LINES_OF, LONGEST) > 1
