"""Draw the app's PNG icons from webapp/core/static/icon.svg, with the system Chromium.

Run after changing the SVG (needs the test extra, Pillow and pyoxipng):
    .venv/bin/pip install pillow pyoxipng && .venv/bin/python scripts/make_icons.py
The PNGs are committed; the app never renders them at run time.
"""

import base64
import io
from pathlib import Path

import oxipng
from PIL import Image
from playwright.sync_api import sync_playwright

STATIC = Path(__file__).resolve().parent.parent / "webapp" / "core" / "static"
SOURCE = STATIC / "icon.svg"
# name, size in px, corner radius as a share of the size (0: full bleed, for maskable)
ICONS = (("icon-192.png", 192, 0.18), ("icon-512.png", 512, 0.18), ("icon-maskable.png", 512, 0))


def render(page, svg_data_url: str, size: int, radius: float) -> bytes:
    page.set_viewport_size({"width": size, "height": size})
    page.set_content(
        f'<body style="margin:0"><img src="{svg_data_url}" width="{size}" height="{size}" '
        f'style="display:block;border-radius:{radius * size:.0f}px"></body>'
    )
    return page.screenshot(omit_background=True)


def optimise(png: bytes) -> bytes:
    """A flat two-colour icon needs no more than a small palette, deflated as hard as we can:
    the worker saves every icon on a first visit, often over 2G."""
    image = Image.open(io.BytesIO(png)).convert("RGBA").quantize(colors=6)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return oxipng.optimize_from_memory(
        out.getvalue(),
        level=6,
        strip=oxipng.StripChunks.safe(),
        optimize_alpha=True,
        deflate=oxipng.Deflaters.zopfli(15),
    )


def main() -> None:
    svg_data_url = "data:image/svg+xml;base64," + base64.b64encode(SOURCE.read_bytes()).decode()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        page = browser.new_page()
        for name, size, radius in ICONS:
            png = optimise(render(page, svg_data_url, size, radius))
            (STATIC / name).write_bytes(png)
            print(f"{name}: {len(png)} bytes")
        browser.close()


if __name__ == "__main__":
    main()
