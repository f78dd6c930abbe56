"""Ticks in a real Chromium: kept on the phone by step id, across reloads, offline and languages."""

import pytest

from ..browser_actions import (
    tick,
    ticked,
    wait_until_saved_offline,
)

PASSWORD_STEPS = ["pw-open-site", "pw-forgot", "pw-enter-contact"]


@pytest.mark.own_server  # stops it
def test_ticks_survive_reload_the_server_stopping_and_switching_language(page, server):
    page.goto(server.url + "/en/password-reset")
    wait_until_saved_offline(page)
    tick(page, "pw-open-site")
    tick(page, "pw-forgot")
    assert page.inner_text("[data-progress]") == "2 of 11 done"

    page.reload()
    assert ticked(page) == ["pw-open-site", "pw-forgot"]

    server.stop()
    page.reload()
    assert ticked(page) == ["pw-open-site", "pw-forgot"]
    tick(page, "pw-enter-contact")
    page.reload()
    assert ticked(page) == PASSWORD_STEPS

    # A click returns once the next page is committed; its scripts run by its load event.
    page.click("header a[hreflang=id]")
    page.wait_for_url(server.url + "/id/password-reset")
    assert ticked(page) == PASSWORD_STEPS
    assert page.inner_text("[data-progress]") == "3 dari 11 selesai"

    page.click("header a.brand")
    page.wait_for_url(server.url + "/id/")
    counters = page.locator("[data-progress]")
    assert counters.first.inner_text() == "3 dari 11 selesai"
    assert counters.nth(1).is_hidden()  # no tick there yet: only the step count shows


def test_start_this_method_over_clears_only_that_method(page, server):
    page.goto(server.url + "/en/password-reset")
    tick(page, "pw-forgot")
    page.goto(server.url + "/en/factory-reset")
    tick(page, "fr-charge")
    page.click("#start-over")
    assert ticked(page) == []
    assert page.inner_text("[data-progress]") == "0 of 10 done"
    page.goto(server.url + "/en/password-reset")
    assert ticked(page) == ["pw-forgot"]


@pytest.mark.parametrize(
    ("lang", "cleared", "nothing"),
    [
        (
            "id",
            "Tanda centang sudah dihapus. Bisa diurungkan selama satu menit:",
            "Belum ada langkah cara ini yang dicentang: tidak ada yang perlu dihapus.",
        ),
        (
            "en",
            "Ticks cleared. You can undo this for one minute:",
            "No step of this method is ticked: there is nothing to clear.",
        ),
    ],
)
def test_start_over_sits_away_from_the_steps_and_can_be_undone_for_a_minute(
    page, server, lang, cleared, nothing
):
    # The page's clock is Playwright's: the minute passes when the test says, not in real time.
    page.clock.install()
    page.goto(f"{server.url}/{lang}/password-reset")
    # Nothing ticked: the tap says so, right under the button.
    page.click("#start-over")
    assert page.inner_text("#nothing-to-clear") == nothing
    assert page.evaluate(
        "document.getElementById('start-over').parentElement.nextElementSibling"
        ".contains(document.getElementById('nothing-to-clear'))"
    )
    tick(page, "pw-open-site")
    tick(page, "pw-forgot")
    # Away from the steps: not right after the last one, where a thumb may land on it.
    gap = page.evaluate(
        """() => document.getElementById("start-over").getBoundingClientRect().top
            - document.querySelector("ol.steps").getBoundingClientRect().bottom"""
    )
    assert gap >= 44
    page.click("#start-over")
    assert ticked(page) == []
    assert page.is_visible("#undo") and page.is_hidden("#nothing-to-clear")
    assert cleared in page.inner_text("#undo")  # with how long Undo lasts
    page.click("#undo-button")
    assert ticked(page) == ["pw-open-site", "pw-forgot"]
    assert page.is_hidden("#undo")
    page.reload()
    assert ticked(page) == ["pw-open-site", "pw-forgot"]  # the undo was saved too

    page.click("#start-over")
    page.clock.run_for("00:59")
    assert page.is_visible("#undo"), "still offered for a while"
    page.clock.run_for("00:02")
    page.wait_for_selector("#undo", state="hidden")
    page.reload()
    assert ticked(page) == []


@pytest.mark.parametrize(
    "garbage", ["{not json", '"a string"', '{"done": [1, 2]}', '{"done": ["<img src=x>"]}', "null"]
)
def test_a_corrupted_saved_value_resets_progress_with_a_note(page, server, garbage):
    page.goto(server.url + "/en/password-reset")
    page.evaluate("(value) => localStorage.setItem('guide-progress', value)", garbage)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.reload()
    assert page.is_visible("[data-storage-problem=corrupt]")
    assert page.inner_text("[data-progress]") == "0 of 11 done"
    tick(page, "pw-forgot")
    page.reload()
    assert ticked(page) == ["pw-forgot"]
    assert not page.is_visible("[data-storage-problem=corrupt]")
    assert errors == []


def test_missing_storage_never_breaks_a_page(page, server):
    page.add_init_script(
        """Object.defineProperty(window, "localStorage", {
            get() { throw new DOMException("denied", "SecurityError"); } });"""
    )
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(server.url + "/en/password-reset")
    assert page.is_visible("[data-storage-problem=unavailable]")
    tick(page, "pw-forgot")
    assert page.inner_text("[data-progress]") == "1 of 11 done"
    assert errors == []


def test_a_full_storage_is_noted_and_the_tick_still_shows(page, server):
    page.add_init_script(
        """Storage.prototype.setItem = function () {
            throw new DOMException("full", "QuotaExceededError"); };"""
    )
    page.goto(server.url + "/id/password-reset")
    tick(page, "pw-forgot")
    assert page.is_visible("[data-storage-problem=full]")
    assert ticked(page) == ["pw-forgot"]


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("en", "Without JavaScript, ticks are not saved: they are lost when the page reloads."),
        (
            "id",
            "Tanpa JavaScript, tanda centang tidak tersimpan: hilang saat halaman dimuat ulang.",
        ),
    ],
)
def test_without_javascript_the_page_says_in_one_line_that_ticks_are_not_kept(
    page_without_js, server, lang, note
):
    page = page_without_js
    page.goto(f"{server.url}/{lang}/password-reset")
    assert page.get_by_text(note, exact=True).is_visible()
    assert page.is_hidden("#start-over")  # it needs the script
    # The note sits with the steps, before the first one.
    assert page.evaluate(
        """(note) => [...document.querySelectorAll("p")].find((p) => p.textContent === note)
            .compareDocumentPosition(document.querySelector("ol.steps")) & 4""",
        note,
    )


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "Continue at step"), ("id", "Lanjutkan di langkah")]
)
def test_coming_back_offers_to_continue_and_the_step_reached_is_highlighted(
    page, browser, server, lang, words
):
    page.goto(f"{server.url}/{lang}/password-reset")
    assert page.is_hidden("#continue")  # nothing ticked yet
    steps = page.get_attribute("[data-progress]", "data-steps").split()
    title = page.inner_text("h1")
    tick(page, steps[0])
    tick(page, steps[1])
    assert page.inner_text("#continue") == f"{words} 3"
    wait_until_saved_offline(page)

    page.goto(f"{server.url}/{lang}/")
    offer = page.locator("#continue a")
    assert offer.inner_text() == f"{words} 3: {title}"
    offer.click()
    page.wait_for_url(f"{server.url}/{lang}/password-reset#{steps[2]}")
    highlighted = "(li) => getComputedStyle(li).outlineStyle"
    assert page.eval_on_selector(f"li[id='{steps[2]}']", highlighted) == "solid"
    assert page.eval_on_selector(f"li[id='{steps[1]}']", highlighted) == "none"

    # A calendar reminder's link, offline: the home page goes on to the step, highlighted.
    browser.set_offline(True)
    page.goto(f"{server.url}/{lang}/#{steps[3]}")
    page.wait_for_url(f"{server.url}/{lang}/password-reset#{steps[3]}")
    assert page.eval_on_selector(f"li[id='{steps[3]}']", highlighted) == "solid"
    browser.set_offline(False)
