"""Turning results into what a reader sees: formatted numbers glued into the prose, tables.

Numbers are formatted here, in Python, and glued as text: myst-nb's format specs in the
``{glue:text}`` role fail on NumPy 2 scalars, and formatting in one place keeps the book
consistent (thousands separators, a fixed number of decimals).
"""
from __future__ import annotations

import numbers

import pandas as pd


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


def html_table(frame: pd.DataFrame, *, index: bool = False, formats: dict | None = None) -> str:
    """``frame`` as a plain HTML table: numbers formatted with :func:`fmt_value` (or ``formats``), dates as YYYY-MM-DD."""
    shown = frame.copy()
    for column in shown.columns:
        fmt = (formats or {}).get(column)
        if fmt is not None:
            shown[column] = shown[column].map(fmt)
        elif pd.api.types.is_datetime64_any_dtype(shown[column]):
            shown[column] = shown[column].dt.strftime("%Y-%m-%d")
        else:
            shown[column] = shown[column].map(lambda v: "" if pd.isna(v) else fmt_value(v))
    return shown.to_html(index=index, escape=True, border=0, classes="compendium-table", na_rep="")


def _cell_text(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    text = fmt_value(value)
    return text.replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pd.DataFrame, formats: dict | None = None, align: dict | None = None) -> str:
    """``frame`` as a Markdown pipe table; numbers right-aligned and formatted with ``fmt_value`` or ``formats``."""
    formats, align = formats or {}, align or {}
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join(
        ("---:" if align.get(c, "right" if pd.api.types.is_numeric_dtype(frame[c]) else "left") == "right" else ":---")
        for c in frame.columns) + "|"
    body = []
    for row in frame.itertuples(index=False):
        cells = [formats[c](v) if c in formats and not (v is None or (not isinstance(v, str) and pd.isna(v)))
                 else _cell_text(v) for c, v in zip(frame.columns, row)]
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *body])


def numbered_table(frame: pd.DataFrame, caption: str, name: str, formats: dict | None = None,
                   align: dict | None = None, *, datasets=None, data=None, code=None, data_dir=None):
    """A numbered, captioned table for the book: cite it with ``{numref}`name```.

    Returns a Markdown object holding a MyST ``{table}`` directive, which myst-nb renders as a
    real table with its number and caption; the caption should end with the source note.

    With ``datasets`` (the data package resources the table draws on) the table is followed by
    its data block (:mod:`compendium.downloads`): a link to the CSV of ``data`` (default: the
    frame shown), the datasets' descriptor entries and, with ``code``, the function that made it.
    """
    from IPython.display import Markdown

    fence = "`" * 4
    table = (f"{fence}{{table}} {caption}\n:name: {name}\n:class: compendium-table\n\n"
             f"{markdown_table(frame, formats, align)}\n{fence}\n")
    if datasets is None:
        return Markdown(table)
    from .downloads import data_block

    return data_block(name, frame if data is None else data, datasets, code, data_dir, before=table + "\n")


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
