"""'Send this guide to someone': the browser's share sheet where there is one, else copy the
link, a plain WhatsApp link or an e-mail; print where the browser can."""

from urllib.parse import quote

from ..helpers import LANGUAGES

RECORD_SHARES = """
window.__shared = [];
Object.defineProperty(navigator, "share", {
  value: (data) => { window.__shared.push(data); return Promise.resolve(); },
});
"""


def test_share_uses_the_share_sheet_or_offers_copy_a_whatsapp_link_and_e_mail(
    browser, page, server
):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    browser.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.url)
    # The support page has a share button of its own: the footer's is still there and works.
    for lang, path in zip(LANGUAGES, ("/password-reset", "/support"), strict=True):
        page.goto(f"{server.url}/{lang}{path}")
        home = f"{server.url}/{lang}/"
        assert page.evaluate("'share' in navigator") is False  # this Chromium has no share sheet
        page.click("#share")
        link = page.locator("#whatsapp")
        assert link.is_visible()
        assert link.get_attribute("href") == f"https://wa.me/?text={quote(home, safe='')}"
        # The link alone: no subject, no words that say what the guide is about.
        mail = page.locator("#mail-link")
        assert mail.is_visible()
        assert mail.get_attribute("href") == f"mailto:?body={quote(home, safe='')}"
        page.click("#copy-link")
        page.wait_for_function("document.getElementById('link-copied').textContent !== ''")
        assert page.evaluate("navigator.clipboard.readText()") == home
    assert page.text_content("#link-copied") == "Link copied."
    assert all(url.startswith(server.url) for url in requested), "nothing from WhatsApp"

    page.add_init_script(RECORD_SHARES)
    page.goto(f"{server.url}/en/faq")
    page.click("#share")
    page.wait_for_function("window.__shared.length === 1")
    assert page.evaluate("window.__shared[0].url") == f"{server.url}/en/"
    assert page.is_hidden("#share-other")


def test_without_javascript_there_is_no_print_or_share_button_but_the_file_link(
    page_without_js, server
):
    page_without_js.goto(f"{server.url}/en/")
    assert page_without_js.is_hidden("#print") and page_without_js.is_hidden("#share")
    assert page_without_js.is_visible('a[download][href="/en/guide.html"]')
