"""On paper, printed to PDF by Chromium (Page.printToPDF) and read back with pdftotext:
readable drawing labels, lines to write on, page numbers. Both languages."""

import re
import subprocess

import pytest

from ..helpers import LANGUAGES

WRITE_IN = {
    "en": ("IMEI 1:", "IMEI 2:", "Date the request was sent:", "Ticket number:"),
    "id": ("IMEI 1:", "IMEI 2:", "Tanggal permintaan dikirim:", "Nomor tiket:"),
}
# A4 less the page's margins, in CSS px: the width the print layout has.
PRINT_WIDTH = 703


def pdf_pages(page, tmp_path) -> list[str]:
    """The page printed to PDF, as the text of each sheet."""
    page.emulate_media(media="print")
    pdf = tmp_path / "printed.pdf"
    pdf.write_bytes(page.pdf(format="A4", print_background=False))
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]  # a form feed ends each sheet


def printed_label_points(page) -> list[float]:
    """The size each drawing label prints at, in points (the SVG is scaled to fit)."""
    page.set_viewport_size({"width": PRINT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    return page.eval_on_selector_all(
        ".pic text",
        """(labels) => labels.filter((t) => t.getClientRects().length).map((t) => {
            const svg = t.ownerSVGElement;
            const scale = svg.getBoundingClientRect().height / svg.viewBox.baseVal.height;
            return parseFloat(getComputedStyle(t).fontSize) * scale * 0.75;
        })""",
    )


@pytest.mark.parametrize("lang", LANGUAGES)
def test_printed_request_page_has_lines_for_the_imeis_the_date_and_the_ticket(
    page, server, tmp_path, lang
):
    page.goto(f"{server.url}/{lang}/unlock-request")
    for label in WRITE_IN[lang]:  # on screen: not there
        assert page.get_by_text(label, exact=True).is_hidden()
    printed = "\n".join(pdf_pages(page, tmp_path))
    for label in WRITE_IN[lang]:
        assert label in printed
    # Room to write by hand: each line at least 6 mm (23 px) high.
    heights = page.eval_on_selector_all(
        ".write p", "(lines) => lines.map((p) => p.getBoundingClientRect().height)"
    )
    assert len(heights) == 4 and min(heights) >= 23


@pytest.mark.parametrize("lang", LANGUAGES)
def test_drawing_labels_print_at_a_readable_size(page, server, lang):
    page.goto(f"{server.url}/{lang}/factory-reset")
    sizes = printed_label_points(page)
    assert sizes and min(sizes) >= 8, sizes


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_printed_whole_guide_has_page_numbers_and_the_write_in_lines(
    client, page, tmp_path, lang
):
    page.set_content(client.get(f"/{lang}/guide.html").get_data(as_text=True))
    sheets = pdf_pages(page, tmp_path)
    assert 1 < len(sheets) <= 12  # the whole guide's limit (test_whole_guide)
    for number, sheet in enumerate(sheets, start=1):
        # "3 / 7", which pdftotext may print without the spaces
        assert re.search(rf"\b{number}\s*/\s*{len(sheets)}\b", sheet), number
    printed = "\n".join(sheets)
    for label in WRITE_IN[lang]:
        assert label in printed
    assert min(printed_label_points(page)) >= 8
