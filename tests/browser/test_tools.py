"""The person's own tools in a real Chromium: progress, where to start, the support helper, wipe."""

import re

import pytest
import requests

from webapp.triage import every_path

from .conftest import wait_until_saved_offline

PASSWORD_STEPS = ["pw-open-site", "pw-forgot", "pw-enter-contact"]
VALID_IMEIS = ["490154203237518", "356938035643809", "352099001761481"]


def tick(page, step_id):
    page.check(f"input[data-step='{step_id}']")


def ticked(page) -> list[str]:
    return page.eval_on_selector_all(
        "input[data-step]:checked", "boxes => boxes.map(box => box.dataset.step)"
    )


def our_storage(page) -> dict:
    return page.evaluate(
        """async () => ({
            local: Object.keys(localStorage).filter(key => key.startsWith("guide-")),
            databases: (await indexedDB.databases()).map(db => db.name),
        })"""
    )


# ---------- checklist progress ----------


@pytest.mark.own_server  # stops it
def test_ticks_survive_reload_the_server_stopping_and_switching_language(page, server):
    page.goto(server.url + "/en/password-reset")
    wait_until_saved_offline(page)
    tick(page, "pw-open-site")
    tick(page, "pw-forgot")
    assert page.inner_text("[data-progress]") == "2 of 10 done"

    page.reload()
    assert ticked(page) == ["pw-open-site", "pw-forgot"]

    server.stop()
    page.reload()
    assert ticked(page) == ["pw-open-site", "pw-forgot"]
    tick(page, "pw-enter-contact")
    page.reload()
    assert ticked(page) == PASSWORD_STEPS

    page.click("header a[hreflang=id]")
    assert page.url.endswith("/id/password-reset")
    assert ticked(page) == PASSWORD_STEPS
    assert page.inner_text("[data-progress]") == "3 dari 10 selesai"

    page.click("header a.brand")
    counters = page.locator("[data-progress]")
    assert counters.first.inner_text() == "3 dari 10 selesai"
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
    "garbage", ["{not json", '"a string"', '{"done": [1, 2]}', '{"done": ["<img src=x>"]}', "null"]
)
def test_a_corrupted_saved_value_resets_progress_with_a_note(page, server, garbage):
    page.goto(server.url + "/en/password-reset")
    page.evaluate("(value) => localStorage.setItem('guide-progress', value)", garbage)
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.reload()
    assert page.is_visible("[data-storage-problem=corrupt]")
    assert page.inner_text("[data-progress]") == "0 of 10 done"
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
    assert page.inner_text("[data-progress]") == "1 of 10 done"
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


# ---------- where do I start ----------

PATHS = every_path()


def server_advice(server, answers) -> tuple[list[str], list[str]]:
    html = requests.get(server.url + "/en/start", params=answers, timeout=5).text
    lists = []
    for list_id in ("follow", "avoid"):
        body = re.search(rf'id="{list_id}"[^>]*>(.*?)</(?:ol|ul)>', html, re.S).group(1)
        lists.append(re.findall(r'data-advice="([^"]+)"', body))
    return lists[0], lists[1]


def shown_advice(page) -> tuple[list[str], list[str]]:
    return tuple(
        page.eval_on_selector_all(f"#{list_id} li", "items => items.map(i => i.dataset.advice)")
        for list_id in ("follow", "avoid")
    )


@pytest.mark.own_server  # stops it
def test_the_offline_triage_gives_the_same_answer_as_the_server_for_every_path(page, server):
    page.goto(server.url + "/en/start")
    wait_until_saved_offline(page)
    expected = {tuple(a.items()): server_advice(server, a) for a in PATHS}
    server.stop()
    page.reload()
    for answers, advice in expected.items():
        for name, value in answers:
            # Each question appears only once the one before it is answered.
            page.check(f"fieldset[data-question={name}] input[value={value}]")
        page.click("#triage button[type=submit]")
        assert shown_advice(page) == advice, answers
        asked = page.eval_on_selector_all(
            "fieldset[data-question]:not([hidden])", "sets => sets.map(s => s.dataset.question)"
        )
        assert asked == [name for name, _ in answers]
        page.evaluate("document.getElementById('triage').reset()")
    assert page.locator("#follow a").first.get_attribute("href") is not None


def test_the_triage_asks_one_question_at_a_time_and_focuses_the_answer(page, server):
    page.goto(server.url + "/id/start")
    assert page.is_hidden("fieldset[data-question=know_contact]")
    page.check("input[name=shows][value=device-locked]")
    assert page.is_visible("fieldset[data-question=know_contact]")
    assert page.is_hidden("fieldset[data-question=knows_passwords]")
    page.click("#triage button[type=submit]")
    assert page.evaluate("document.activeElement.name") == "know_contact"
    page.check("input[name=know_contact][value=not-sure]")
    assert page.is_hidden("fieldset[data-question=can_receive]")
    page.check("input[name=has_proof][value=not-sure]")
    page.click("#triage button[type=submit]")
    assert page.evaluate("document.activeElement.id") == "advice-heading"
    assert "know_contact=not-sure" in page.url
    follow, avoid = shown_advice(page)
    assert follow[:2] == ["password-reset:try-every-contact", "unlock-request:look-for-proof"]
    assert "factory-reset:already-locked" in avoid


# ---------- the support-request helper ----------


def fill_support(page, imei, lang="en"):
    page.fill("#imei", imei)
    page.fill("#date", "2018-03-01")
    page.fill("#place", "Toko Maju, Bandung")
    page.check("input[name=proof][value=invoice]")
    page.check(f"input[name=message_lang][value={lang}]")
    page.fill("#details", "Forgot the password after a reset")
    page.click("#support button[type=submit]")


@pytest.mark.parametrize("imei", VALID_IMEIS)
def test_a_valid_imei_gives_a_ready_message_in_the_chosen_language(page, server, imei):
    page.goto(server.url + "/id/support")
    fill_support(page, imei, lang="en")
    assert page.is_hidden("#imei-error")
    message = page.inner_text("#message")
    assert f"IMEI 1: {imei}" in message
    assert message.startswith("Hello Xiaomi support,")
    assert "I am the owner of a Redmi 4A" in message
    assert "the purchase invoice" in message
    mailto = page.get_attribute("#mailto", "href")
    assert mailto.startswith("mailto:service.id@xiaomi.com?subject=")
    assert imei in mailto


def test_the_message_carries_every_detail_xiaomi_asks_for_with_a_date_in_words(page, server):
    page.goto(server.url + "/en/support")
    page.fill("#name", "Siti Rahma")
    page.fill("#account", "1234567890")
    page.fill("#reply", "siti@example.org")
    page.fill("#imei2", VALID_IMEIS[2])
    page.fill("#country", "Indonesia")
    page.check("input[name=attached]")
    fill_support(page, VALID_IMEIS[0], lang="en")
    message = page.inner_text("#message")
    for line in (
        "Name: Siti Rahma",
        "Mi account (ID, number or e-mail): 1234567890",
        f"IMEI 1: {VALID_IMEIS[0]}",
        f"IMEI 2: {VALID_IMEIS[2]}",
        "Date of purchase: 1 March 2018",
        "Country of purchase: Indonesia",
        "Attached: photos of the invoice and the box label.",
        "Please reply to: siti@example.org",
    ):
        assert line in message
    assert "2018-03-01" not in message


def test_the_imei_is_optional_with_a_warning_and_imei_2_is_checked_too(page, server):
    page.goto(server.url + "/id/support")
    fill_support(page, "", lang="id")
    assert page.is_visible("#imei-missing")
    message = page.inner_text("#message")
    assert "IMEI 1:" not in message and "IMEI 2:" not in message
    assert page.is_visible("#result")
    page.fill("#imei2", "490154203237519")  # a wrong check digit
    page.click("#support button[type=submit]")
    assert page.is_visible("#imei2-error")
    assert page.get_attribute("#imei2", "aria-invalid") == "true"
    assert page.evaluate("document.activeElement.id") == "imei2"


def test_the_message_can_be_written_in_indonesian_from_the_english_page(page, server):
    page.goto(server.url + "/en/support")
    fill_support(page, VALID_IMEIS[0], lang="id")
    message = page.inner_text("#message")
    assert f"IMEI 1: {VALID_IMEIS[0]}" in message
    assert "Tanggal pembelian: 1 Maret 2018" in message
    assert "Halo" in message and "Hello" not in message


@pytest.mark.parametrize(
    ("imei", "problem"),
    [
        ("49015420323751", "format"),  # 14 digits
        ("4901542032375189", "format"),  # 16 digits
        ("49015420323751A", "format"),  # a letter
        ("490154203237519", "checksum"),  # wrong check digit
    ],
)
def test_a_wrong_imei_is_refused_with_a_message_that_says_where_to_find_it(
    page, server, imei, problem
):
    page.goto(server.url + "/en/support")
    fill_support(page, imei)
    error = page.locator("#imei-error")
    assert error.is_visible()
    expected = {
        "format": "An IMEI has exactly 15 digits, numbers only.",
        "checksum": "This IMEI is not valid: a digit is probably wrong.",
    }[problem]
    assert expected in error.inner_text()
    assert page.get_attribute("#imei", "aria-invalid") == "true"
    assert "box or on the invoice" in page.inner_text("#imei-help")
    assert page.is_hidden("#result")


def test_nothing_typed_in_the_helper_leaves_the_browser_and_it_is_kept_on_the_phone(page, server):
    page.goto(server.url + "/en/support")
    wait_until_saved_offline(page)
    requests_made = []
    page.on("request", lambda request: requests_made.append(request.url))
    fill_support(page, VALID_IMEIS[1])
    page.click("#copy")
    assert requests_made == []
    page.reload()
    assert page.input_value("#imei") == VALID_IMEIS[1]
    assert page.input_value("#place") == "Toko Maju, Bandung"
    assert page.is_checked("input[name=proof][value=invoice]")


# ---------- wipe this phone ----------


def test_wipe_removes_everything_ours_and_says_what(page, browser, server):
    page.goto(server.url + "/en/password-reset")
    tick(page, "pw-forgot")
    tick(page, "pw-code")
    page.goto(server.url + "/en/support")
    fill_support(page, VALID_IMEIS[0])
    assert {"lang"} <= {cookie["name"] for cookie in browser.cookies()}

    page.click("footer a[href='/en/wipe']")
    page.click("#wipe-start")
    page.click("#wipe-yes")
    page.wait_for_selector("#wipe-report", state="visible")
    report = page.inner_text("#wipe-list")
    assert "Ticks on 2 steps" in report
    assert "Your support message" in report
    assert "Your language choice" in report
    assert our_storage(page) == {"local": [], "databases": []}
    assert "lang" not in {cookie["name"] for cookie in browser.cookies()}

    page.goto(server.url + "/en/password-reset")
    assert ticked(page) == []


def test_wipe_asks_first_and_cancel_keeps_everything(page, server):
    page.goto(server.url + "/id/password-reset")
    tick(page, "pw-forgot")
    page.goto(server.url + "/id/wipe")
    page.click("#wipe-start")
    assert page.is_visible("#wipe-confirm")
    page.click("#wipe-no")
    assert our_storage(page)["local"] == ["guide-progress"]


def test_every_page_links_to_wipe_in_its_footer(page, server):
    for path in ("/id/", "/en/faq", "/id/support"):
        page.goto(server.url + path)
        lang = path.split("/")[1]
        assert page.locator(f"footer a[href='/{lang}/wipe']").count() == 1
