"""'Move my progress to another phone': a short code with a check character, and a link with
the code after '#', restored on a fresh browser after asking."""

import re

import pytest

from webapp.content.guide import METHODS
from webapp.content.step_ids import published_step_ids

from ..browser_actions import tick, ticked
from ..helpers import TIMEOUT_MS

DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CURRENT = {step.id for method in METHODS for step in method.steps}


def code_for(places: list[int]) -> str:
    """A code written by hand, as the page makes one: five places to a character, then a
    check character (the sum of each value times its position, modulo 31)."""
    values = [0] * (max(places) // 5 + 1)
    for place in places:
        values[place // 5] |= 1 << place % 5
    check = DIGITS[sum((k + 1) * v for k, v in enumerate(values)) % 31]
    return "".join(DIGITS[v] for v in values) + check


def test_the_page_numbers_every_published_id_and_blanks_those_no_longer_in_the_guide(client):
    html = client.get("/en/move").get_data(as_text=True)
    ids = re.search(r'data-ids="([^"]*)"', html).group(1).split(",")
    published = published_step_ids()
    assert ids == [i if i in CURRENT else "" for i in published]
    assert CURRENT <= set(published)
    for path in ("/en/", "/en/password-reset", "/id/factory-reset"):
        lang = path[1:3]
        assert f'<a href="/{lang}/move">' in client.get(path).get_data(as_text=True)


def test_progress_moves_to_a_fresh_browser_by_link_or_by_typed_code(page, chromium, server):
    page.goto(f"{server.url}/en/password-reset")
    for step_id in ("pw-open-site", "pw-forgot"):
        tick(page, step_id)
    page.goto(f"{server.url}/en/factory-reset")
    tick(page, "fr-wipe")
    page.click("a[href='/en/move']")
    page.wait_for_selector("#has-ticks", state="visible")  # once the page's script has run
    code = page.inner_text("#code")
    assert re.fullmatch(r"[0-9A-Z]{4}(-[0-9A-Z]{1,4})*", code) and len(code) <= 20
    link = page.eval_on_selector("#code-link", "a => a.href")
    assert link == f"{server.url}/en/move#{code.replace('-', '')}"

    other = chromium.new_context(locale="id-ID")
    other.set_default_timeout(TIMEOUT_MS)
    try:
        phone = other.new_page()
        asked = []
        phone.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
        phone.goto(link)
        phone.wait_for_function("document.getElementById('restore-status').textContent !== ''")
        assert "3" in asked[0] and phone.inner_text("#restore-status").endswith(": 3.")
        assert phone.evaluate("location.hash") == ""
        phone.goto(f"{server.url}/en/password-reset")
        assert ticked(phone) == ["pw-open-site", "pw-forgot"]
        phone.goto(f"{server.url}/en/factory-reset")
        assert ticked(phone) == ["fr-wipe"]
    finally:
        other.close()

    typed = chromium.new_context(locale="id-ID")
    typed.set_default_timeout(TIMEOUT_MS)
    try:
        phone = typed.new_page()
        phone.goto(f"{server.url}/id/move")
        assert phone.is_visible("#no-ticks")
        # One wrong character: refused by the check character, nothing asked.
        wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
        phone.fill("#code-input", wrong)
        phone.click("#code-in button[type=submit]")
        phone.wait_for_selector("#code-error", state="visible")
        assert phone.inner_text("#code-error").startswith("Kode ini tidak benar")
        # Declining the question changes nothing.
        phone.once("dialog", lambda dialog: dialog.dismiss())
        phone.fill("#code-input", code.lower())
        phone.click("#code-in button[type=submit]")
        phone.wait_for_function("document.getElementById('restore-status').textContent === ''")
        assert phone.is_visible("#no-ticks")
        # A published id no longer in the guide, and a place beyond the list, are ignored.
        published = published_step_ids()
        retired = [i for i, step_id in enumerate(published) if step_id not in CURRENT]
        known = published.index("pv-bind")
        phone.once("dialog", lambda dialog: dialog.accept())
        phone.fill("#code-input", code_for([known, len(published) + 7, *retired[:1]]))
        phone.click("#code-in button[type=submit]")
        phone.wait_for_function(
            "/: 1\\.$/.test(document.getElementById('restore-status').textContent)"
        )
        assert phone.evaluate("JSON.parse(localStorage.getItem('guide-progress')).done") == [
            "pv-bind"
        ]
    finally:
        typed.close()


WRONG = {
    "en": "This code is not right: check each character, then try again.",
    "id": "Kode ini tidak benar: periksa setiap karakter, lalu coba lagi.",
}
# Every code with one character changed, submitted as a person would; what the page said.
EVERY_SINGLE_MISTAKE = """(code) => {
    const digits = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const input = document.getElementById("code-input");
    const form = document.getElementById("code-in");
    const accepted = [];
    window.confirm = () => false;  // an accepted code asks first: counted, then declined
    for (let place = 1; place < code.length; place++) {
        for (const char of digits) {
            if (char === code[place]) continue;
            const wrong = code.slice(0, place) + char + code.slice(place + 1);
            input.value = wrong;
            form.requestSubmit();
            if (document.getElementById("code-error").hidden) accepted.push(wrong);
        }
    }
    return accepted;
}"""


@pytest.mark.parametrize("lang", ["en", "id"])
def test_every_single_wrong_character_is_refused_under_the_field(page, server, lang):
    page.goto(f"{server.url}/{lang}/password-reset")
    for step in ("pw-forgot", "pw-code", "pw-open-site"):
        tick(page, step)
    page.goto(f"{server.url}/{lang}/move")
    page.wait_for_selector("#has-ticks", state="visible")
    code = page.inner_text("#code").replace("-", "")
    assert code.startswith("U")  # the mark of codes with the stronger check
    assert page.evaluate(EVERY_SINGLE_MISTAKE, code) == []
    # Z for 0, the mistake the first check let through, is said right under the field.
    page.fill("#code-input", code.replace("0", "Z") if "0" in code else code[:-1] + "Z")
    page.click("#code-in button[type=submit]")
    error = page.locator("#code-error")
    assert error.inner_text() == WRONG[lang]
    assert page.evaluate("document.activeElement.id") == "code-input"
    assert page.get_attribute("#code-input", "aria-describedby") == "code-error"
    page.type("#code-input", "x")  # typing again puts the message away
    assert error.is_hidden()


@pytest.mark.parametrize(
    ("lang", "copied"),
    [
        ("en", "Code copied: paste it on the other phone, under “Restore on this phone”."),
        ("id", "Kode sudah disalin: tempelkan di HP yang lain, di bagian “Pulihkan di HP ini”."),
    ],
)
def test_the_code_can_be_copied_and_a_code_given_out_before_still_works(
    page, browser, server, lang, copied
):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(f"{server.url}/{lang}/password-reset")
    tick(page, "pw-forgot")
    page.goto(f"{server.url}/{lang}/move")
    page.click("#copy-code")
    page.wait_for_selector("#code-copied:not(:empty)")
    assert page.inner_text("#code-copied") == copied
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#code")
    # A code of the first kind (no mark, the old check) is still taken.
    published = published_step_ids()
    page.once("dialog", lambda dialog: dialog.accept())
    page.fill("#code-input", code_for([published.index("pv-bind")]))
    page.click("#code-in button[type=submit]")
    page.wait_for_function("/: 1\\.$/.test(document.getElementById('restore-status').textContent)")
    assert page.is_hidden("#code-error")
