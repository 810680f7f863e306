"""WCAG 2.1 colour contrast, to check the figure palette against the page it is drawn on.

A colour that carries meaning in a figure (a line, a marker, a bar read against its neighbour)
needs a contrast of at least 3:1 with the background (WCAG 2.1, success criterion 1.4.11,
non-text contrast); text needs 4.5:1 (1.4.3). The Okabe-Ito palette is chosen for colour-vision
deficiency, not for contrast with white: :data:`PALETTE_EXCEPTIONS` records the colours below 3:1
and how they may be used.
"""
from __future__ import annotations

NON_TEXT_MINIMUM = 3.0
TEXT_MINIMUM = 4.5

PALETTE_EXCEPTIONS = {
    "orange": "fills of bars and areas that also have a legend entry or a direct label; never text; "
              "lines and marker edges need a linewidth of at least 2 points",
    "sky": "fills of bars and areas next to a darker series, with a legend entry or a direct label; never text",
    "yellow": "not used on a white background: fills only with a dark outline, never text or thin lines",
}
"""Palette colours below :data:`NON_TEXT_MINIMUM` against white, and the only ways they may be used."""


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of a ``#RRGGBB`` colour: 0 for black, 1 for white."""
    text = colour.lstrip("#")
    if len(text) != 6 or any(c not in "0123456789abcdefABCDEF" for c in text):
        raise ValueError(f"expected a colour written #RRGGBB; got {colour!r}")
    red, green, blue = (_channel(int(text[i:i + 2], 16) / 255) for i in (0, 2, 4))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast_ratio(colour: str, background: str = "#FFFFFF") -> float:
    """WCAG contrast ratio of two colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((relative_luminance(colour), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
