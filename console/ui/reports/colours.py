"""The reports' colours: Okabe-Ito bars and a light-to-dark blue ramp for the heat map.

The ramp's lightness falls steadily from one end to the other, so it reads the same
with any colour-vision deficiency and printed in grey: darker always means more.
"""

from __future__ import annotations

import itertools

from PySide6.QtGui import QColor

BAR_COLOUR = "#0072B2"  # Okabe-Ito blue
HOVER_COLOUR = "#E69F00"  # Okabe-Ito orange; the hovered bar's value is also written out
CHARGING_COLOUR = "#0072B2"
OCCUPIED_COLOUR = "#56B4E9"  # sky blue, lighter than charging: the same order in grey
TEXT_COLOUR = "#1F2A36"
AXIS_COLOUR = "#4A5560"
GRID_COLOUR = "#E6EAEE"

# (position, colour) from nothing to the most; relative luminance 0.93 -> 0.02.
RAMP = (
    (0.0, "#F4F8FB"),
    (0.25, "#C6E3F4"),
    (0.5, "#56B4E9"),
    (0.75, "#0072B2"),
    (1.0, "#0B2A4A"),
)


def ramp_colour(fraction: float) -> QColor:
    """The ramp's colour at ``fraction`` (0 = nothing, 1 = the most), clamped."""
    fraction = min(1.0, max(0.0, fraction))
    for (start, low), (end, high) in itertools.pairwise(RAMP):
        if fraction <= end:
            share = (fraction - start) / (end - start)
            a, b = QColor(low), QColor(high)
            return QColor(
                round(a.red() + (b.red() - a.red()) * share),
                round(a.green() + (b.green() - a.green()) * share),
                round(a.blue() + (b.blue() - a.blue()) * share),
            )
    return QColor(RAMP[-1][1])


def luminance(colour: QColor) -> float:
    """Relative luminance (WCAG) of a colour, 0 for black to 1 for white."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.red())
        + 0.7152 * channel(colour.green())
        + 0.0722 * channel(colour.blue())
    )


def contrast(a: QColor, b: QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def text_colour_on(background: QColor) -> QColor:
    """Black or white, whichever contrasts more with ``background``.

    With pure black and white every colour of the ramp reaches WCAG AA (4.5:1).
    """
    white, black = QColor("#FFFFFF"), QColor("#000000")
    return white if contrast(background, white) > contrast(background, black) else black
