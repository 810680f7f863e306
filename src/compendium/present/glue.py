"""Glue: hand formatted values to the prose, where ``{glue:text}`key``` shows them.

A value is glued as text, already formatted (:mod:`compendium.present.formatting`), so the
book shows exactly what the wording functions produced.
"""
from __future__ import annotations

from compendium.present.formatting import fmt_int, fmt_num, fmt_pct


def glue_text(key: str, text: str) -> str:
    """Glue ``text`` under ``key`` for ``{glue:text}`key``` in the prose, without displaying it; return it."""
    from myst_nb import glue

    if not isinstance(text, str):
        raise TypeError(f"glue_text({key!r}) takes a formatted string; format the number first (got {type(text).__name__})")
    glue(key, text, display=False)
    return text


def glue_int(key: str, value) -> str:
    """Glue an integer with thousands separators."""
    return glue_text(key, fmt_int(value))


def glue_pct(key: str, fraction, digits: int = 1) -> str:
    """Glue a fraction as a percentage."""
    return glue_text(key, fmt_pct(fraction, digits))


def glue_num(key: str, value, digits: int = 1) -> str:
    """Glue a number with ``digits`` decimals."""
    return glue_text(key, fmt_num(value, digits))
