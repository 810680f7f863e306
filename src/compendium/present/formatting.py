"""Numbers as a reader sees them: thousands separators, fixed decimals, true minus signs.

Numbers are formatted here, in Python, and glued as text: myst-nb's format specs in the
``{glue:text}`` role fail on NumPy 2 scalars, and formatting in one place keeps the book
consistent. Belongs to the presentation layer; imports nothing of the package.
"""
from __future__ import annotations

import numbers


def as_python(value):
    """A NumPy or pandas scalar as the plain Python number it holds."""
    return value.item() if hasattr(value, "item") else value


def fmt_int(value) -> str:
    """``1234567`` -> ``'1,234,567'``."""
    return f"{int(round(as_python(value))):,}"


def fmt_num(value, digits: int = 1) -> str:
    """A number with thousands separators and ``digits`` decimals."""
    return f"{float(as_python(value)):,.{digits}f}"


def fmt_pct(fraction, digits: int = 1) -> str:
    """A fraction as a percentage: ``0.1234`` -> ``'12.3%'``."""
    return f"{100 * float(as_python(fraction)):.{digits}f}%"


def fmt_signed_pct(fraction, digits: int = 1) -> str:
    """A change as a signed percentage: ``-0.106`` -> ``'−10.6%'`` (with a true minus sign)."""
    text = f"{100 * float(as_python(fraction)):+.{digits}f}%"
    return text.replace("-", "\u2212")


def fmt_value(value) -> str:
    """Integers with separators, other numbers with one decimal, anything else as text."""
    value = as_python(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    if float(value).is_integer():
        return fmt_int(value)
    return fmt_num(value)


def fmt_signed_int(value) -> str:
    """A change in a count with its sign and a true minus: ``-17784`` -> ``'−17,784'``, ``5059`` -> ``'+5,059'``."""
    value = int(round(float(as_python(value))))
    return ("+" if value > 0 else "\u2212" if value < 0 else "") + f"{abs(value):,}"


def fmt_range(low, high, fmt=None) -> str:
    """An interval in words: ``'204,579 to 206,633'`` (each end formatted with ``fmt``, default :func:`fmt_int`)."""
    fmt = fmt or fmt_int
    return f"{fmt(low)} to {fmt(high)}"


def level_text(alpha: float) -> str:
    """The interval level for ``alpha`` without spurious decimals: 0.05 -> ``'95%'``, 0.025 -> ``'97.5%'``."""
    return f"{100 * (1 - float(alpha)):.10g}%"


def join_words(items, empty: str = "none") -> str:
    """``["A", "B", "C"]`` -> ``"A, B and C"``; ``["A"]`` -> ``"A"``; ``[]`` -> ``empty``."""
    items = [str(item) for item in items]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + " and " + items[-1]
