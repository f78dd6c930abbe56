"""Text at 200 % on a 320 px phone: nothing runs off the side, and no word breaks in the middle."""

import pytest

from .test_accessibility import ALL_PATHS, open_page, reveal_everything

# Where each word of the page's text lies, line by line, measured by the browser itself: a
# word whose letters lie on two lines was broken in the middle. A word is a run of letters
# ("bersamaan"), a part of a joined name ("Kompas", "Tekno") or a number. The one exception is
# a word inside a token (a run without spaces: an address, a joined name) wider than the line
# it is laid out in: nothing can keep it whole, and it wraps where the line ends. Addresses
# carry no break hints (<wbr>), which screen readers read as pauses ("i. mi. com").
BROKEN_WORDS = r"""() => {
    const broken = [];
    const word = /\p{Lu}?[\p{Ll}\p{M}]+|\p{Lu}+(?!\p{Ll})|\p{N}+/gu;
    const width = (node, start, end) => {
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, end);
        return [...range.getClientRects()].reduce((sum, rect) => sum + rect.width, 0);
    };
    const lineWidth = (element) => {
        let box = element;
        while (getComputedStyle(box).display === "inline") box = box.parentElement;
        const style = getComputedStyle(box);
        return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement;
        if (!element.getClientRects().length || element.closest("template, .skip")) continue;
        for (const match of node.data.matchAll(word)) {
            const range = document.createRange();
            range.setStart(node, match.index);
            range.setEnd(node, match.index + match[0].length);
            const lines = new Set(
                [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
            );
            if (lines.size < 2) continue;
            const start = node.data.slice(0, match.index).search(/\S*$/);
            const end = match.index + node.data.slice(match.index).search(/\s|$/);
            if (width(node, start, end) > lineWidth(element) + 0.5) continue;
            broken.push(`${match[0]} in “${node.data.trim().slice(0, 60)}”`);
        }
    }
    return broken;
}"""

# Every element that reaches past the right edge of the screen.
OVERFLOWING = """() => [...document.body.querySelectorAll("*")]
    .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && box.right > document.documentElement.clientWidth + 0.5;
    })
    .map((element) => element.outerHTML.slice(0, 80))"""


@pytest.fixture
def phone_with_large_text(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


def set_text_size(page, percent: int) -> None:
    """What a phone's text-size setting does: the root font size grows, and every size with it."""
    page.evaluate("(percent) => document.documentElement.style.fontSize = percent + '%'", percent)


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("path", ALL_PATHS)
def test_at_200_percent_text_nothing_scrolls_sideways_and_no_word_breaks(
    phone_with_large_text, server, lang, path
):
    page = phone_with_large_text
    open_page(page, server, lang, path)
    reveal_everything(page)
    set_text_size(page, 200)
    assert page.evaluate("getComputedStyle(document.body).fontSize") == "34px"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, "sideways scroll"
    assert page.evaluate(OVERFLOWING) == []
    assert page.evaluate(BROKEN_WORDS) == []
