"""The support-request helper in a real Chromium: the message is written on the phone."""

import pytest

from ..browser_actions import (
    VALID_IMEIS,
    fill_support,
    wait_until_saved_offline,
)


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
    assert "Yth." in message and "Hello" not in message  # a formal letter


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


def test_copied_goes_away_as_soon_as_the_message_changes(page, browser, server):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(server.url + "/en/support")
    fill_support(page, VALID_IMEIS[0])
    page.click("#copy")
    page.wait_for_selector("#copied", state="visible")
    assert page.evaluate("navigator.clipboard.readText()") == page.inner_text("#message")
    page.fill("#place", "Toko Baru, Bandung")  # the message no longer matches what was copied
    assert page.is_hidden("#copied")
    page.click("#copy")
    page.wait_for_selector("#copied", state="visible")
    page.click("#support button[type=submit]")  # written again
    assert page.is_hidden("#copied")


def test_an_edit_writes_the_message_again_so_copy_never_copies_an_old_one(page, browser, server):
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(server.url + "/en/support")
    fill_support(page, VALID_IMEIS[0])
    assert "Toko Maju, Bandung" in page.inner_text("#message")
    page.fill("#place", "Toko Baru, Bandung")
    message = page.inner_text("#message")
    assert "Toko Baru, Bandung" in message and "Toko Maju" not in message
    assert "Toko%20Baru" in page.get_attribute("#mailto", "href")
    page.click("#copy")
    page.wait_for_selector("#copied", state="visible")
    assert "Toko Baru, Bandung" in page.evaluate("navigator.clipboard.readText()")
    # An IMEI that is not valid yet (being typed): the old message is put away, not shown.
    page.fill("#imei", VALID_IMEIS[0][:10])
    assert page.is_hidden("#result")
    page.fill("#imei", VALID_IMEIS[1])
    page.click("#support button[type=submit]")
    assert f"IMEI 1: {VALID_IMEIS[1]}" in page.inner_text("#message")


@pytest.mark.parametrize("share", [True, False], ids=["with-share", "without-share"])
def test_copy_and_e_mail_are_offered_with_or_without_share(page, server, share):
    if share:
        page.add_init_script("navigator.share = async () => {};")
    else:
        page.add_init_script("delete Navigator.prototype.share; delete navigator.share;")
    page.goto(server.url + "/id/support")
    fill_support(page, VALID_IMEIS[0], lang="id")
    assert page.is_visible("#share-message") is share
    assert page.is_visible("#copy")
    assert page.is_visible("#mailto")
    assert VALID_IMEIS[0] in page.get_attribute("#mailto", "href")


def test_without_a_clipboard_the_message_is_selected_and_the_page_says_how_to_copy(page, server):
    page.add_init_script(
        """Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
        document.execCommand = () => false;"""
    )
    page.goto(server.url + "/id/support")
    fill_support(page, VALID_IMEIS[0], lang="id")
    page.click("#copy")
    page.wait_for_selector("#copy-by-hand", state="visible")
    assert page.inner_text("#copy-by-hand") == "Pesannya sudah ditandai: sentuh lama, lalu salin."
    assert page.is_hidden("#copied")
    assert page.evaluate("getSelection().toString()") == page.inner_text("#message")


BORROWED_PHONE = {
    "en": {
        "intro": "it stays on this phone, which may not be yours, until you remove it",
        "mail": "(it opens the mail app of this phone, with the account of its owner)",
        "remove": "Remove what I typed from this phone",
        "removed": "Removed from this phone.",
        "name": "Name of the locked phone's owner",
        "copied": "Copied. Paste it into an e-mail to service.id@xiaomi.com, or into the chat on mi.co.id.",
    },
    "id": {
        "intro": "tetap tersimpan di HP ini, yang mungkin bukan milikmu, sampai kamu menghapusnya",
        "mail": "(ini membuka aplikasi e-mail HP ini, dengan akun pemilik HP ini)",
        "remove": "Hapus yang kuketik dari HP ini",
        "removed": "Sudah dihapus dari HP ini.",
        "name": "Nama pemilik HP yang terkunci",
        "copied": "Sudah disalin. Tempelkan di e-mail ke service.id@xiaomi.com, atau di chat di mi.co.id.",
    },
}


@pytest.mark.parametrize("lang", ["en", "id"])
def test_what_was_typed_is_said_to_stay_on_this_phone_and_one_tap_removes_it(
    page, browser, server, lang
):
    words = BORROWED_PHONE[lang]
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    page.goto(f"{server.url}/{lang}/support")
    assert words["intro"] in page.inner_text("main")
    assert page.get_by_label(words["name"]).is_visible()
    fill_support(page, VALID_IMEIS[0], lang)
    page.click("#copy")
    assert page.inner_text("#copied") == words["copied"]
    # Both e-mail links say whose mail app they open.
    for link in ("main .contacts a[href^=mailto]", "#mailto"):
        assert words["mail"] in page.locator(link).locator("xpath=..").inner_text()
    page.reload()
    assert page.input_value("#imei") == VALID_IMEIS[0]

    page.get_by_role("button", name=words["remove"]).click()
    assert page.inner_text("#draft-forgotten") == words["removed"]
    assert page.input_value("#imei") == "" and page.input_value("#place") == ""
    assert page.is_hidden("#result")
    assert page.evaluate("localStorage.getItem('guide-support')") is None
    page.reload()
    assert page.input_value("#imei") == "" and page.input_value("#details") == ""


@pytest.mark.parametrize("lang", ["en", "id"])
def test_a_fixed_imei_loses_its_error_and_a_message_put_away_by_an_edit_comes_back(
    page, server, lang
):
    page.goto(f"{server.url}/{lang}/support")
    page.fill("#imei2", VALID_IMEIS[1][:-1] + "0")  # a wrong check digit
    fill_support(page, VALID_IMEIS[0], lang)
    assert page.is_visible("#imei2-error") and page.is_hidden("#imei-error")
    page.fill("#imei2", VALID_IMEIS[1])  # fixed: the error goes at once
    assert page.is_hidden("#imei2-error")
    assert page.get_attribute("#imei2", "aria-invalid") == "false"
    page.click("#support button[type=submit]")
    assert page.is_visible("#result")

    # One digit edited away, then typed again: the message goes, then comes back.
    page.press("#imei", "End")
    page.press("#imei", "Backspace")
    assert page.is_hidden("#result")
    page.type("#imei", VALID_IMEIS[0][-1])
    assert page.is_visible("#result")
    assert f"IMEI 1: {VALID_IMEIS[0]}" in page.inner_text("#message")

    # On paper the message comes first: the form it was written from is left out.
    page.emulate_media(media="print")
    assert page.is_hidden("#support") and page.is_visible("#message")


@pytest.mark.parametrize(("lang", "line"), [("en", "IMEI 1: ________"), ("id", "Nama: ________")])
def test_without_javascript_a_message_to_copy_by_hand_replaces_the_form(
    page_without_js, server, lang, line
):
    page = page_without_js
    page.goto(f"{server.url}/{lang}/support")
    template = page.locator("main pre").first
    assert template.is_visible() and line in template.inner_text()
    assert "Redmi 4A" in template.inner_text()
    assert page.is_hidden("#support")  # fields that would lead nowhere
