""" "Clear this guide from this phone" in a real Chromium: it removes everything ours, and says what."""

from ..browser_actions import (
    VALID_IMEIS,
    fill_support,
    our_storage,
    tick,
    ticked,
)


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
    before = our_storage(page)
    assert "guide-progress" in before["local"]
    page.click("#wipe-start")
    assert page.is_visible("#wipe-confirm")
    page.click("#wipe-no")
    assert our_storage(page) == before


def test_every_page_links_to_wipe_in_its_footer(page, server):
    for path in ("/id/", "/en/faq", "/id/support"):
        page.goto(server.url + path)
        lang = path.split("/")[1]
        assert page.locator(f"footer a[href='/{lang}/wipe']").count() == 1


def test_without_javascript_a_plain_form_removes_the_language_cookie(page_without_js, server):
    page = page_without_js
    page.goto(server.url + "/en/faq")  # reading a page remembers its language
    assert "lang" in {cookie["name"] for cookie in page.context.cookies()}
    page.click("footer a[href='/en/wipe']")
    assert page.is_hidden("#wipe-start")  # it needs the script
    with page.expect_navigation():
        page.get_by_role("button", name="Remove my language choice").click()
    assert "lang" not in {cookie["name"] for cookie in page.context.cookies()}
    assert "Your language choice" in page.inner_text("main [role=status]")


def test_the_plain_form_never_sets_the_cookie_again(client):
    client.set_cookie("lang", "id")
    response = client.post("/en/wipe")
    assert response.status_code == 200
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("lang=;")
    assert "<li>Your language choice</li>" in response.get_data(as_text=True)
    # The page everyone else gets is not the answer to this form.
    assert "<li>Your language choice</li>" not in client.get("/en/wipe").get_data(as_text=True)
