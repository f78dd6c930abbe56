"""Entries that belong apart look apart, measured in a real Chromium at 320 px, both languages."""

import pytest

ANSWERS = "shows=device-locked&whose=mine&know_contact=no&has_proof=yes"

# For consecutive entries: the space between their boxes, and whether a line is drawn
# between them (a border whose colour differs from the page's background).
SEPARATION = """(selector) => {
    const entries = [...document.querySelectorAll(selector)].filter((e) => e.getClientRects().length);
    const background = getComputedStyle(document.body).backgroundColor;
    const line = (e) => {
        const style = getComputedStyle(e);
        return parseFloat(style.borderBottomWidth) >= 1 && style.borderBottomColor !== background;
    };
    return entries.slice(1).map((entry, i) => ({
        gap: entry.getBoundingClientRect().top - entries[i].getBoundingClientRect().bottom,
        line: line(entries[i]),
    }));
}"""
LOOK = """(selector) => {
    const style = getComputedStyle(document.querySelector(selector));
    return [style.color, style.fontWeight];
}"""


@pytest.fixture
def phone(page):
    page.set_viewport_size({"width": 320, "height": 640})
    return page


def assert_separated(page, selector, min_gap, lined=True):
    pairs = page.evaluate(SEPARATION, selector)
    assert pairs, selector
    for pair in pairs:
        assert pair["gap"] >= min_gap, (selector, pair)
        if lined:
            assert pair["line"], (selector, pair)


@pytest.mark.parametrize("lang", ["en", "id"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_triage_answers_are_spaced_and_the_methods_to_skip_look_different(
    phone, server, lang, scheme
):
    phone.emulate_media(color_scheme=scheme)
    phone.goto(f"{server.url}/{lang}/start?{ANSWERS}")
    # The answers to each question: space between one choice and the next.
    assert_separated(phone, "fieldset:not([hidden]) label", 4, lined=False)
    # The advice: each method with its reason, set apart from the next by space and a line.
    assert_separated(phone, "#follow li", 8)
    assert_separated(phone, "#avoid li", 8)
    # The methods to skip do not look like those to follow: another colour and weight,
    # and a bar along their left side.
    assert phone.evaluate(LOOK, "#avoid a") != phone.evaluate(LOOK, "#follow a")
    followed, skipped = (
        phone.eval_on_selector(s, "(e) => e.getBoundingClientRect().left")
        for s in ("#follow li a", "#avoid li a")
    )
    assert skipped >= followed + 8
    assert (
        phone.eval_on_selector(
            "#avoid li", "(e) => parseFloat(getComputedStyle(e).borderLeftWidth)"
        )
        >= 3
    )


@pytest.mark.parametrize("lang", ["en", "id"])
def test_home_list_entries_are_separated(phone, server, lang):
    phone.goto(f"{server.url}/{lang}/")
    assert_separated(phone, ".situations li", 8)
    assert_separated(phone, "main section > .plain li", 8)
