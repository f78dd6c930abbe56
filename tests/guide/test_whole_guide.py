"""The whole guide as one file (/<lang>/guide.html), and the guide on paper."""

import io
import re
import unicodedata
from html import unescape

import pytest
from axe_playwright_python.sync_playwright import Axe
from flask_babel import force_locale
from pypdf import PdfReader

from webapp.content.guide import FAQ, METHODS
from webapp.core.rendering import SAVED_COPY_ENVIRON

from ..helpers import LANGUAGES

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
STEPS = [step.text for method in METHODS for step in method.steps]


def texts(app, lang, items) -> list[str]:
    with app.test_request_context(f"/{lang}/"), force_locale(lang):
        return [str(item) for item in items]


def squeezed(text: str) -> str:
    """Text without its whitespace, to compare what wraps differently on screen and paper;
    NFKC undoes the ligatures a PDF prints ("ﬁ" for "fi")."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def in_order(text: str, parts: list[str]) -> bool:
    """Every part is in the text, each after the one before."""
    position = 0
    for part in parts:
        position = text.find(part, position)
        if position < 0:
            return False
        position += len(part)
    return True


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_guide_file_is_one_self_contained_download_with_every_step(app, client, lang):
    response = client.get(f"/{lang}/guide.html")
    assert response.status_code == 200 and response.mimetype == "text/html"
    name = f"redmi-4a-guide-{lang}.html"
    assert response.headers["Content-Disposition"] == f'attachment; filename="{name}"'
    # The third edition's fifteen situations (second-hand, heirs, selling, scams, expired
    # numbers...) roughly doubled the text; it still fits one WhatsApp-sized file.
    assert len(response.data) <= 64 * 1024
    html = response.get_data(as_text=True)
    # Every step, numbered in its method's list, in the guide's order.
    assert html.count('<li><span class="box"></span>') == len(STEPS)
    plain = unescape(html)
    assert in_order(plain, texts(app, lang, STEPS))
    for question in texts(app, lang, [q.question for q in FAQ]):
        assert question in plain
    # Nothing to load: no script, no stylesheet, no picture, no frame from anywhere.
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b|\bsrc=", html)
    assert html.count("<style>") == 1
    # Offered on every page, as a download in the page's language.
    page = client.get(f"/{lang}/faq").get_data(as_text=True)
    assert f'<a href="/{lang}/guide.html" download="{name}">' in page


def test_the_saved_guide_file_is_the_one_the_server_sends(client):
    for lang in LANGUAGES:
        served = client.get(f"/{lang}/guide.html")
        saved = client.get(f"/{lang}/guide.html", environ_overrides={SAVED_COPY_ENVIRON: True})
        assert saved.data == served.data  # its CSS inline too: it must work as a file
        assert saved.headers["Content-Disposition"] == served.headers["Content-Disposition"]


def test_the_guide_file_works_from_disk_with_the_network_off(app, client, page, tmp_path):
    axe = Axe()
    page.set_viewport_size({"width": 320, "height": 640})
    page.context.set_offline(True)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    for lang in LANGUAGES:
        path = tmp_path / f"redmi-4a-guide-{lang}.html"
        path.write_bytes(client.get(f"/{lang}/guide.html").data)
        requested.clear()
        page.goto(path.as_uri())
        shown = squeezed(page.inner_text("main"))
        shown_steps = page.eval_on_selector_all(
            ".steps > li", "items => items.filter(li => li.checkVisibility()).length"
        )
        assert shown_steps == len(STEPS)
        assert in_order(shown, [squeezed(text) for text in texts(app, lang, STEPS)])
        # Every rule in light; in dark only the colours change, so only their contrast.
        for scheme, only in (
            ("light", {"type": "tag", "values": WCAG_TAGS}),
            ("dark", ["color-contrast"]),
        ):
            page.emulate_media(color_scheme=scheme)
            results = axe.run(page, options={"runOnly": only})
            assert results.violations_count == 0, f"{lang} {scheme}: {results.generate_report()}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert requested == [path.as_uri()], "the file asked for nothing else"


def pdf_of(page) -> PdfReader:
    page.emulate_media(media="print")
    return PdfReader(io.BytesIO(page.pdf(format="A4", print_background=False)))


def test_on_paper_every_step_is_printed_with_the_address_and_no_buttons(app, client, page, server):
    """A method page, and the whole guide in each language, printed to PDF by Chromium."""
    page.goto(f"{server.url}/en/factory-reset")
    assert page.is_visible("#print")  # shown once the script runs: it calls window.print()
    (method,) = [m for m in METHODS if m.id == "factory-reset"]
    printed = squeezed("".join(p.extract_text() for p in pdf_of(page).pages))
    for text in texts(app, "en", [step.text for step in method.steps]):
        assert squeezed(text) in printed
    assert squeezed(f"This guide online: {server.url}/en/factory-reset") in printed
    for hidden in ("Start this method over", "Print", "Send this guide to someone"):
        assert squeezed(hidden) not in printed
    page_counts = {}
    for lang in LANGUAGES:
        page.emulate_media(media="screen")
        page.goto(f"{server.url}/{lang}/faq")  # the file, as saved from the link
        path = page.context.new_page()
        path.set_content(client.get(f"/{lang}/guide.html").get_data(as_text=True))
        reader = pdf_of(path)
        printed = squeezed("".join(p.extract_text() for p in reader.pages))
        for text in texts(app, lang, [step.text for method in METHODS for step in method.steps]):
            assert squeezed(text) in printed
        page_counts[lang] = len(reader.pages)
        path.close()
    print("A4 pages for the whole guide:", page_counts)
    # The third edition's pages, the drawings readable on paper and the lines to write on.
    assert all(count <= 12 for count in page_counts.values()), page_counts


@pytest.mark.parametrize(
    ("lang", "contents", "back"),
    [("en", "Contents", "Back to contents"), ("id", "Daftar isi", "Kembali ke daftar isi")],
)
def test_the_guide_file_has_contents_a_way_back_and_the_full_address(
    app, client, page, tmp_path, lang, contents, back
):
    path = tmp_path / f"redmi-4a-guide-{lang}.html"
    path.write_bytes(client.get(f"/{lang}/guide.html").data)
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(path.as_uri())
    assert page.inner_text("#contents") == contents
    listed = page.eval_on_selector_all(
        "nav[aria-labelledby=contents] a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert [f"#{method.id}" for method in METHODS if f"#{method.id}" in listed] == [
        link for link in listed if link[1:] in {m.id for m in METHODS}
    ]
    assert {f"#{method.id}" for method in METHODS} <= set(listed)
    # From the contents to a method, and back up, inside the file.
    page.click(f"nav[aria-labelledby=contents] a[href='#{METHODS[-1].id}']")
    assert page.evaluate("location.hash") == f"#{METHODS[-1].id}"
    page.locator(f"#{METHODS[-1].id}").get_by_role("link", name=back).click()
    assert page.evaluate("location.hash") == "#contents"
    assert page.locator("#contents").is_visible()
    assert page.evaluate("document.getElementById('contents').getBoundingClientRect().top") < 568
    # No word about ticks the file cannot keep, and the site's full address at the end.
    shown = page.inner_text("main")
    assert "Ticks" not in shown and "Centang yang" not in shown
    assert page.inner_text("[data-address]") == f"{app.config['SITE_URL']}/{lang}/"
