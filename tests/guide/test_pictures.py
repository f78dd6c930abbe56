"""The three drawings: where they sit, their translated labels and text alternatives, their
size, and their colours in dark mode."""

import re

import brotli
import pytest

PICTURES = {  # step id → method, and a label in each language
    "fr-keys": ("factory-reset", {"en": "Let go of Power at the Mi logo", "id": "Lepas Power saat logo Mi muncul"}),
    "fr-wipe": ("factory-reset", {"en": "Volume keys move, Power selects", "id": "Tombol volume bergerak, Power memilih"}),
    "ur-locked-screen": ("unlock-request", {"en": "The unlock help link, to i.mi.com", "id": "Tautan “Bantuan membuka kunci”"}),
    # The three lock screens side by side, for a person not sure what the phone shows.
    "wl-screen-lock": ("which-lock", {"en": "The pattern or PIN you set", "id": "Pola atau PIN yang kamu pasang"}),
    "wl-mi-lock": ("which-lock", {"en": "This device is locked", "id": "Bantuan membuka kunci"}),
    "wl-google": ("which-lock", {"en": "Verify your account", "id": "Verify your account"}),
}  # fmt: skip


def drawing(html: str, step_id: str) -> str:
    """The drawing and its caption, the text under it."""
    found = re.findall(
        rf'<svg class="pic" role="img" aria-labelledby="pic-{step_id}".*?</svg>\n'
        r'(?:<ol class="legend" aria-hidden="true">.*?</ol>\n)?'
        r'(?:\{#.*?#\}\n)?<p class="cap" aria-hidden="true">[^<]+</p>',
        html,
        re.S,
    )
    assert len(found) == 1, step_id
    return found[0]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_each_drawing_is_labelled_in_the_language_small_and_coloured_by_the_page(client, lang):
    whole = client.get(f"/{lang}/guide.html").get_data(as_text=True)
    for step_id, (method_id, labels) in PICTURES.items():
        page = client.get(f"/{lang}/{method_id}").get_data(as_text=True)
        svg = drawing(page, step_id)
        assert svg == drawing(whole, step_id)  # the same drawing in the one-file guide
        # Inside its step, after the step's text.
        assert (
            page.index(f'<li id="{step_id}">')
            < page.index(svg)
            < page.index("</li>", page.index(svg))
        )
        title = re.search(rf'<title id="pic-{step_id}">([^<]+)</title>', svg).group(1)
        assert title.startswith("Drawing:" if lang == "en" else "Gambar:")
        assert labels[lang] in svg
        assert len(brotli.compress(svg.encode("utf-8"), quality=11)) <= 2048
        # Colours come from the page's CSS, so dark mode and print apply: none written in.
        assert not re.search(r'style=|fill="#|stroke="#|<image|href=', svg)


def test_the_drawings_follow_dark_mode(page, server):
    page.goto(f"{server.url}/en/factory-reset")
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        colours = page.evaluate(
            """() => {
                const svg = document.querySelector("#fr-keys svg");
                return [getComputedStyle(svg.querySelector("rect")).stroke,
                        getComputedStyle(svg.querySelector("text")).fill,
                        getComputedStyle(document.body).color,
                        getComputedStyle(document.body).backgroundColor];
            }"""
        )
        assert colours[0] == colours[1] == colours[2] != colours[3], scheme


# Each drawing on the page as the person sees it: the labels shown in it (their size on
# screen: the SVG's own size times the drawing's scale), the numbers shown in their place,
# and the list of labels under it, each size relative to the size of the step's text; the
# drawing's width and the column's.
SIZES = """() => [...document.querySelectorAll(".pic")].map((svg) => {
    const step = svg.closest("li");
    const text = parseFloat(getComputedStyle(step).fontSize);
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    const shown = (element) => getComputedStyle(element).display !== "none";
    const legend = svg.nextElementSibling.matches(".legend") ? svg.nextElementSibling : null;
    const caption = legend ? legend.nextElementSibling : svg.nextElementSibling;
    return {
        step: step.id,
        labels: [...svg.querySelectorAll("text.lb")].filter(shown)
            .map((label) => (parseFloat(getComputedStyle(label).fontSize) * scale) / text),
        all_labels: [...svg.querySelectorAll("text.lb")].map((label) => label.textContent),
        numbers: [...svg.querySelectorAll("text.no")].filter(shown)
            .map((number) => number.textContent),
        legend: legend && shown(legend)
            ? { items: [...legend.querySelectorAll("li")].map((item) => item.textContent),
                size: parseFloat(getComputedStyle(legend).fontSize) / text,
                height: legend.getBoundingClientRect().height }
            : null,
        caption: parseFloat(getComputedStyle(caption).fontSize) / text,
        width: svg.getBoundingClientRect().width,
        column: step.clientWidth,
    };
})"""
# Text at 200 % as a phone's text-size setting makes it: the root font size doubles.
LARGE_TEXT = "document.documentElement.style.fontSize = '200%'"
LABEL_RATIO = 0.75  # 13 px labels beside 17 px text
CAPTION_RATIO = 0.9


def assert_labels_readable(drawing: dict) -> None:
    """Every label at 3/4 of the text's size or more: in the drawing, or (where the drawing
    cannot grow with the text) in the numbered list under it, a number in each one's place."""
    assert drawing["caption"] >= CAPTION_RATIO, drawing
    if drawing["legend"] is None:
        assert len(drawing["labels"]) == len(drawing["all_labels"]), drawing
        assert all(size >= LABEL_RATIO for size in drawing["labels"]), drawing
        assert drawing["numbers"] == [], drawing
        return
    assert drawing["labels"] == [], drawing
    assert drawing["legend"]["items"] == drawing["all_labels"], drawing
    assert drawing["numbers"] == [str(n + 1) for n in range(len(drawing["all_labels"]))]
    assert drawing["legend"]["size"] >= CAPTION_RATIO and drawing["legend"]["height"] > 0


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("method_id", sorted({method for method, _ in PICTURES.values()}))
def test_drawing_labels_and_captions_grow_with_the_text_size(page, server, lang, method_id):
    """At 200 % text a caption keeps its size beside the text on any screen; the drawing, and
    the labels in it, grow with the text as far as the screen allows. On a 320 px phone it
    already fills the column at the normal size, so there the labels leave the drawing for
    a numbered list under it, at the text's size; on a wider screen they stay in it."""
    page.set_viewport_size({"width": 320, "height": 568})
    page.goto(f"{server.url}/{lang}/{method_id}")
    normal = page.evaluate(SIZES)
    assert normal
    for drawing in normal:
        assert drawing["legend"] is None, drawing  # at the normal size, labels in the drawing
        assert_labels_readable(drawing)
    page.evaluate(LARGE_TEXT)
    large = page.evaluate(SIZES)
    for drawing in large:
        assert_labels_readable(drawing)
        assert drawing["width"] >= drawing["column"] - 1, drawing  # as large as it can be
    assert any(drawing["legend"] for drawing in large)  # where there are labels, they left
    # A wider screen (a phone on its side, a tablet): the drawing grows with the text, and its
    # labels stay in it at their size beside the text.
    page.set_viewport_size({"width": 720, "height": 400})
    for drawing in page.evaluate(SIZES):
        assert drawing["legend"] is None, drawing
        assert_labels_readable(drawing)
