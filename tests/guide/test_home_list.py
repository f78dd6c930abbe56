"""The home page's method list in a real Chromium: one number each, progress only once ticked."""

import re

import pytest

from ..browser_actions import tick

NOT_YET = re.compile(r"\b0 (of|dari)\b")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_method_list_reads_cleanly_and_shows_progress_only_after_a_tick(page, server, lang):
    page.goto(f"{server.url}/{lang}/")
    text = page.inner_text("main")
    assert "1. 1." not in text
    assert not re.search(r"\b\d+\. \d+\.", text), "a number twice in a row"
    assert not NOT_YET.search(text), "a '0 of' counter before any tick"
    assert page.locator("[data-progress]:visible").count() == 0
    steps = "11 langkah" if lang == "id" else "11 steps"
    first = page.locator(f"li:has([data-progress]):has(a[href='/{lang}/password-reset'])")
    assert steps in first.inner_text()

    page.goto(f"{server.url}/{lang}/password-reset")
    tick(page, "pw-forgot")
    page.goto(f"{server.url}/{lang}/")
    done = "1 dari 11 selesai" if lang == "id" else "1 of 11 done"
    assert page.locator("[data-progress]:visible").all_inner_texts() == [done]
    assert done in first.inner_text()
    assert not NOT_YET.search(page.inner_text("main"))
