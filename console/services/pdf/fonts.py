"""Fonts for the PDFs: a Unicode TrueType font when the computer has one, else Helvetica.

reportlab's built-in Helvetica prints only the Windows-1252 characters (umlauts, ß and €
are fine; "Ł" or Cyrillic come out as black boxes). DejaVu Sans (most Linux systems) or
Arial (Windows) cover far more, and are embedded (subset) in the file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

_CANDIDATES = (
    (
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ),
    (
        Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
        Path("/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    ),
    (Path("C:/Windows/Fonts/arial.ttf"), Path("C:/Windows/Fonts/arialbd.ttf")),
    (Path("/Library/Fonts/Arial.ttf"), Path("/Library/Fonts/Arial Bold.ttf")),
)


@cache
def document_fonts() -> tuple[str, str]:
    """The names of the regular and bold fonts to use (registered with reportlab)."""
    for regular, bold in _CANDIDATES:
        if regular.is_file() and bold.is_file():
            try:
                pdfmetrics.registerFont(TTFont("ChargeDesk", str(regular)))
                pdfmetrics.registerFont(TTFont("ChargeDesk-Bold", str(bold)))
            except Exception:  # a damaged or unreadable font file: try the next
                continue
            return "ChargeDesk", "ChargeDesk-Bold"
    return "Helvetica", "Helvetica-Bold"
