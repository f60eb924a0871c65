"""Reading the console's PDFs and printouts back: their text, and a printed page's pixels.

A PDF the console writes is read back as text (pypdfium2), as the billing tests do. A
receipt printed from its rasterised pages holds images, not text: each printed page is
compared with the receipt PDF's own page, rendered as the printing code renders it; a
different receipt, total or an empty page differs by whole glyphs (near 255 in grey),
the JPEG that Qt's PDF printer stores by far less.
"""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from PIL import ImageChops

JPEG_NOISE = 64  # grey levels a printed page may differ by, per pixel (JPEG: about 11)


def pdf_text(path: Path) -> str:
    """The text of every page, with runs of whitespace made single spaces."""
    document = pdfium.PdfDocument(str(path))
    try:
        text = " ".join(page.get_textpage().get_text_range() for page in document)
    finally:
        document.close()
    return " ".join(text.split())


def printed_page_difference(printed: Path, source: Path, dpi: int) -> int:
    """The largest grey-level difference between the images on the printed PDF's pages and
    the source PDF's pages rendered at ``dpi`` (the pages must be as many)."""
    printout = pdfium.PdfDocument(str(printed))
    original = pdfium.PdfDocument(str(source))
    try:
        assert len(printout) == len(original), (len(printout), len(original))
        worst = 0
        for printed_page, source_page in zip(printout, original, strict=True):
            images = list(printed_page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
            assert len(images) == 1, f"{len(images)} images on a printed page"
            shown = images[0].get_bitmap(render=False).to_pil().convert("L")
            expected = source_page.render(scale=dpi / 72).to_pil().convert("L")
            assert shown.size == expected.size, (shown.size, expected.size)
            _low, high = ImageChops.difference(shown, expected).getextrema()
            worst = max(worst, int(high))
        return worst
    finally:
        printout.close()
        original.close()
