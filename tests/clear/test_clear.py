""" "Clear this guide from this phone" in a real Chromium: it removes everything ours, and says what."""

import pytest

from ..browser_actions import (
    VALID_IMEIS,
    choose_language,
    fill_support,
    offline_copy,
    our_storage,
    tick,
    ticked,
    wait_until_saved_offline,
)

BROWSER_LEFT = (
    "The browser's history, and the guide's icon if you added one: remove them yourself, "
    "as shown below."
)


def clear_everything(page) -> tuple[list[str], list[str]]:
    """Tap through the clear; (what the report says was removed, what it says could not be)."""
    page.click("#clear-start")
    page.click("#clear-yes")
    page.wait_for_selector("#clear-report", state="visible")
    return page.locator("#clear-list li").all_inner_texts(), page.locator(
        "#clear-kept li"
    ).all_inner_texts()


def test_clear_removes_everything_ours_and_says_what(page, browser, server):
    page.goto(server.url + "/en/password-reset")
    tick(page, "pw-forgot")
    tick(page, "pw-code")
    page.goto(server.url + "/en/support")
    fill_support(page, VALID_IMEIS[0])
    choose_language(page, server.url, "en")
    assert {"lang"} <= {cookie["name"] for cookie in browser.cookies()}

    wait_until_saved_offline(page)
    page.click("footer a[href='/en/clear']")
    page.wait_for_url(server.url + "/en/clear")  # loaded: its buttons have their handlers
    assert page.is_checked("#clear-offline-copy"), "the offline copy goes too, unless unticked"
    removed, kept = clear_everything(page)
    assert removed == [
        "Ticks on 2 steps",
        "Your support message",
        "Your language choice",
        "The guide saved for use without internet",
    ]
    assert kept == [BROWSER_LEFT]
    assert our_storage(page) == {"local": [], "databases": []}
    assert offline_copy(page) == {"caches": [], "workers": 0}
    assert "lang" not in {cookie["name"] for cookie in browser.cookies()}
    assert page.is_hidden("#saved"), "the status line no longer says it is saved"

    page.goto(server.url + "/en/password-reset")
    assert ticked(page) == []


def test_clear_asks_first_and_cancel_keeps_everything(page, server):
    page.goto(server.url + "/id/password-reset")
    tick(page, "pw-forgot")
    page.goto(server.url + "/id/clear")
    before = our_storage(page)
    assert "guide-progress" in before["local"]
    page.click("#clear-start")
    assert page.is_visible("#clear-confirm")
    page.click("#clear-no")
    assert our_storage(page) == before


def test_every_page_links_to_clear_in_its_footer(page, server):
    for path in ("/id/", "/en/faq", "/id/support"):
        page.goto(server.url + path)
        lang = path.split("/")[1]
        assert page.locator(f"footer a[href='/{lang}/clear']").count() == 1


@pytest.mark.parametrize(
    ("lang", "button", "removed", "stays"),
    [
        (
            "en",
            "Remove my language choice",
            "Your language choice",
            "Ticks and the guide saved while it was on stay until you clear this site's data",
        ),
        (
            "id",
            "Hapus pilihan bahasaku",
            "Pilihan bahasamu",
            "Tanda centang dan panduan yang tersimpan saat JavaScript masih hidup tetap ada",
        ),
    ],
)
def test_without_javascript_a_plain_form_removes_the_language_cookie(
    page_without_js, server, lang, button, removed, stays
):
    page = page_without_js
    page.goto(f"{server.url}/{lang}/faq")
    choose_language(page, server.url, lang)  # as a switch with scripts on, earlier
    assert "lang" in {cookie["name"] for cookie in page.context.cookies()}
    page.click(f"footer a[href='/{lang}/clear']")
    assert page.is_hidden("#clear-start")  # it needs the script
    # Scripts may have been on at an earlier visit: the page does not claim nothing else is kept.
    assert stays in page.inner_text("main")
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    assert "lang" not in {cookie["name"] for cookie in page.context.cookies()}
    assert removed in page.inner_text("main div[role=status]")


def test_the_plain_form_never_sets_the_cookie_again(client):
    client.set_cookie("lang", "id")
    response = client.post("/en/clear")
    assert response.status_code == 200
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("lang=;")
    assert "<li>Your language choice</li>" in response.get_data(as_text=True)
    # The page everyone else gets is not the answer to this form.
    assert "<li>Your language choice</li>" not in client.get("/en/clear").get_data(as_text=True)


def test_offline_the_report_says_the_cookie_and_the_server_could_not_be_reached(
    page, browser, server
):
    page.goto(server.url + "/id/password-reset")
    choose_language(page, server.url, "id")
    wait_until_saved_offline(page)
    tick(page, "pw-forgot")
    page.evaluate(
        "localStorage.setItem('guide-reminders', JSON.stringify({endpoint: 'https://fcm.googleapis.com/x'}))"
    )
    browser.set_offline(True)
    page.goto(server.url + "/id/clear")  # from the phone
    removed, kept = clear_everything(page)
    assert removed == [
        "Tanda centang di 1 langkah",
        "Panduan yang tersimpan untuk dibuka tanpa internet",
    ]
    assert kept == [
        "Pilihan bahasamu, yang tersimpan di cookie dan hanya bisa dihapus oleh server kami: "
        "ulangi ini saat ada internet.",
        "Tidak ada koneksi: pengingat di server kami akan dihapus saat kamu menghapus panduan ini "
        "lagi ketika ada koneksi.",
        "Riwayat browser, dan ikon panduan kalau kamu menambahkannya: hapus sendiri, seperti di "
        "bawah ini.",
    ]
    assert "lang" in {cookie["name"] for cookie in browser.cookies()}  # HttpOnly: the server's
    assert offline_copy(page) == {"caches": [], "workers": 0}
    # Kept so that the next clear with a connection can tell the server.
    assert our_storage(page)["local"] == ["guide-reminders"]
    browser.set_offline(False)


def test_a_key_the_server_refuses_still_clears_the_language_cookie(page, browser, server):
    page.goto(server.url + "/en/clear")
    choose_language(page, server.url, "en")
    assert "lang" in {cookie["name"] for cookie in browser.cookies()}
    page.evaluate(
        "localStorage.setItem('guide-reminders', JSON.stringify("
        "{endpoint: 'https://fcm.googleapis.com/x', token: 'not-a-key'}))"
    )
    removed, kept = clear_everything(page)
    assert removed[:2] == ["Your language choice", "Your reminders and notifications"]
    assert kept == [BROWSER_LEFT]
    assert "lang" not in {cookie["name"] for cookie in browser.cookies()}
    assert our_storage(page)["local"] == []  # nothing kept for a retry that could not help


def test_unticked_the_offline_copy_stays_and_the_guide_still_works_offline(page, browser, server):
    page.goto(server.url + "/en/")
    wait_until_saved_offline(page)
    page.goto(server.url + "/en/clear")
    page.uncheck("#clear-offline-copy")
    removed, _ = clear_everything(page)
    assert "The guide saved for use without internet" not in removed
    saved = offline_copy(page)
    assert saved["workers"] == 1 and len(saved["caches"]) == 1
    assert "language" not in saved["caches"]  # the language choice went all the same
    browser.set_offline(True)
    assert page.goto(server.url + "/en/faq").from_service_worker
    browser.set_offline(False)


def test_after_a_clear_the_next_pages_in_the_tab_remember_no_language_until_one_is_picked(
    page, browser, server
):
    page.goto(server.url + "/en/")
    wait_until_saved_offline(page)
    page.goto(server.url + "/en/clear")
    page.uncheck("#clear-offline-copy")  # the worker stays: pages come from it, not the server
    clear_everything(page)
    told = []
    page.on("request", lambda request: "/api/language" in request.url and told.append(request))
    for path in ("/en/faq", "/en/password-reset"):
        assert page.goto(server.url + path).from_service_worker
        page.wait_for_load_state("load")  # app.js has run
        assert "guide-lang" not in our_storage(page)["local"]
        assert "language" not in offline_copy(page)["caches"]
    assert told == [] and "lang" not in {cookie["name"] for cookie in browser.cookies()}

    # Picking a language is a choice again: it is remembered on the phone and by the server.
    with page.expect_response("**/api/language"):
        page.click("header a[hreflang=id]")
    assert page.evaluate("JSON.parse(localStorage.getItem('guide-lang')).lang") == "id"
    assert {cookie["name"]: cookie["value"] for cookie in browser.cookies()}["lang"] == "id"


def test_the_page_says_how_to_clear_the_history_and_the_icon_in_both_languages(page, server):
    for lang, words in (("en", ("history", "home screen")), ("id", ("riwayat", "layar utama"))):
        page.goto(f"{server.url}/{lang}/clear")
        steps = page.locator("main ol li").all_inner_texts()
        assert len(steps) == 3
        assert words[0] in steps[1] and words[1] in steps[2]


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "https://evil.example"},
    ],
)
def test_a_form_on_another_site_cannot_clear_the_language_cookie(client, headers):
    client.set_cookie("lang", "id")
    response = client.post("/en/clear", headers=headers)
    assert response.status_code == 403
    assert not any(c.startswith("lang=") for c in response.headers.getlist("Set-Cookie"))


def test_our_own_form_is_accepted_although_it_sends_a_null_origin(client):
    # Our pages send no referrer, so the browser's Origin for the form post is "null".
    client.set_cookie("lang", "id")
    headers = {"Sec-Fetch-Site": "same-origin", "Origin": "null"}
    response = client.post("/en/clear", headers=headers)
    assert response.status_code == 200
    assert response.headers.getlist("Set-Cookie")[0].startswith("lang=;")


def test_a_null_origin_post_without_the_cookie_removes_nothing(client):
    """No Sec-Fetch-Site and Origin "null": an older browser's post from our page, or a
    sandboxed frame on another site. Ours carries the Lax cookie; the other site's cannot."""
    response = client.post("/en/clear", headers={"Origin": "null"})
    assert response.status_code == 200
    assert response.headers.getlist("Set-Cookie") == []
    client.set_cookie("lang", "id")
    response = client.post("/en/clear", headers={"Origin": "null"})
    assert response.headers.getlist("Set-Cookie")[0].startswith("lang=;")


@pytest.mark.parametrize("lang", ["id", "en"])
def test_the_old_address_that_read_as_wiping_the_phone_is_sent_on_to_clear(client, lang):
    page = client.get(f"/{lang}/wipe")
    assert page.status_code == 308 and page.headers["Location"] == f"/{lang}/clear"
    # The plain form of a page saved before the change: the post is repeated at /clear.
    post = client.post(f"/{lang}/wipe", headers={"Sec-Fetch-Site": "same-origin"})
    assert post.status_code == 308 and post.headers["Location"] == f"/{lang}/clear"
    assert client.get(f"/{lang}/clear").status_code == 200


# Counts the page's calls to register a worker, passing them on.
COUNT_REGISTRATIONS = """
    window.registrations = 0;
    const register = navigator.serviceWorker.register.bind(navigator.serviceWorker);
    navigator.serviceWorker.register = (...args) => { window.registrations += 1; return register(...args); };
"""


@pytest.mark.parametrize(
    ("lang", "done", "other"),
    [
        ("en", "Done. You can close this tab now: it saves nothing more.", "id"),
        (
            "id",
            "Selesai. Sekarang tab ini boleh kamu tutup: tab ini tidak menyimpan apa-apa lagi.",
            "en",
        ),
    ],
)
def test_a_cleared_tab_stays_cleared_until_a_language_is_picked(page, server, lang, done, other):
    page.goto(f"{server.url}/{lang}/")
    wait_until_saved_offline(page)
    page.goto(f"{server.url}/{lang}/clear")
    clear_everything(page)
    # The end of the page: it says so, and nothing left on it leads back into the guide.
    assert page.locator("#clear-report p").first.inner_text() == done
    assert page.is_visible("#clear-report")
    links = page.eval_on_selector_all(
        "a[href]", "links => links.filter(a => a.checkVisibility()).map(a => a.href)"
    )
    assert [link for link in links if "#" not in link] == []
    assert page.is_hidden("#clear-start") and page.is_hidden("footer")

    # The next pages in this tab (from the server: the worker is gone) save nothing.
    page.add_init_script(COUNT_REGISTRATIONS)
    for path in ("password-reset", "faq"):
        page.goto(f"{server.url}/{lang}/{path}")
        page.wait_for_load_state("load")  # app.js has run
        assert page.evaluate("window.registrations") == 0
        assert offline_copy(page) == {"caches": [], "workers": 0}
        assert page.is_hidden("#saved")

    # Picking a language is choosing the guide again: it is saved on the phone again.
    page.click(f"header a[hreflang={other}]")
    wait_until_saved_offline(page)
    assert page.evaluate("window.registrations") == 1
