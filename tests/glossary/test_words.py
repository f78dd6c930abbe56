"""The words page, and every page's first use of each explained word linking to it, as a
person sees them in a real Chromium, in both languages."""

import pytest

from webapp.glossary.linking import NOT_PROSE, patterns
from webapp.glossary.terms import TERMS

from ..site.test_accessibility import PATHS

# Each text of the page's main part, in order: its text, the href of the link it is in
# (or null), and whether it is prose: not in a heading, a control, a drawing or another link.
TEXTS = f"""() => {{
    const walker = document.createTreeWalker(document.querySelector("main"), NodeFilter.SHOW_TEXT);
    const texts = [];
    const notProse = {sorted(NOT_PROSE)!r}.join(",");
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {{
        const parent = node.parentElement;
        const link = parent.closest("a");
        const word = link && (link.getAttribute("href") || "").includes("/words#") ? link : null;
        const prose = !(word ? word.parentElement : parent).closest(notProse);
        texts.push([node.data, link && link.getAttribute("href"), prose]);
    }}
    return texts;
}}"""


def first_uses(texts, lang) -> dict[str, str | None]:
    """Each word used in prose on the page → the href of the link around its first use."""
    found = {}
    for text, href, prose in texts:
        for term_id, pattern in patterns(lang).items():
            if term_id not in found and prose and pattern.search(text):
                found[term_id] = href
    return found


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_first_use_of_each_word_on_every_page_links_to_its_definition(page, server, lang):
    linked_somewhere = set()
    for path in PATHS:
        if path == "/words":
            continue
        page.goto(f"{server.url}/{lang}{path}")
        uses = first_uses(page.evaluate(TEXTS), lang)
        for term_id, href in uses.items():
            assert href == f"/{lang}/words#{term_id}", (path, term_id)
        # One link per word and page: later uses stay plain text.
        for term_id in uses:
            assert page.locator(f'main a[href$="/words#{term_id}"]').count() == 1
        linked_somewhere |= set(uses)
    # Every word explained is used, and so linked, somewhere in the guide.
    assert linked_somewhere == {term.id for term in TERMS}


@pytest.mark.parametrize(
    ("lang", "meaning"), [("en", "locked to that Mi account"), ("id", "terkunci ke akun Mi")]
)
def test_a_tap_on_a_word_shows_its_short_definition(page, server, lang, meaning):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"{server.url}/{lang}/factory-reset")
    link = page.locator('main a[href$="/words#find-device"]')
    box = link.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    link.click()
    page.wait_for_url("**/words#find-device")
    term = page.locator("#find-device")
    assert term.inner_text() == "Find Device"
    # The definition is where the person looks: the page opens on it.
    assert -1 < term.evaluate("(e) => e.getBoundingClientRect().top") < 640
    assert meaning in page.locator("#find-device + dd").inner_text()
    # The page is short: every word and its meaning, each a sentence or two.
    definitions = page.locator("dd").all_inner_texts()
    assert len(definitions) == len(TERMS)
    assert all(0 < len(text) <= 220 for text in definitions)
    if lang == "id":
        assert "pengelola kata sandi" in page.locator("dl").inner_text()
