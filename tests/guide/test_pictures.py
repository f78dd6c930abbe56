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
    found = re.findall(
        rf'<svg class="pic" role="img" aria-labelledby="pic-{step_id}".*?</svg>', html, re.S
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
