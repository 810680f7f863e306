"""Tables for the book: numbered, captioned MyST tables and plain HTML tables.

Cells are formatted with :mod:`compendium.present.formatting`; a numbered table with
``datasets`` is followed by its data block (:mod:`compendium.present.downloads`). With
``lang="es"`` numbers are formatted as the Spanish edition writes them and the data block is in
Spanish; the caption and the headers are the caller's, already in the edition's language
(``i18n._(caption, lang)``; the chapter's ``*_frame(..., lang)``). Show a table in both editions with
``glue.show(lambda lang: tables.numbered_table(..., lang=lang))``.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import fmt_value


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


def _shown_text(value, fmt=None, lang: str = "en") -> str:
    """A cell as the table shows it: ``fmt`` (or :func:`fmt_value`) for a value, nothing for a missing one."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if fmt is not None:
        return fmt(value)
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return fmt_value(value, lang)


def shown_frame(frame: pd.DataFrame, formats: dict | None = None, lang: str = "en") -> pd.DataFrame:
    """``frame`` with every cell as the table shows it, as text (the CSV download turns numbers back into numbers)."""
    formats = formats or {}
    return pd.DataFrame({c: [_shown_text(v, formats.get(c), lang) for v in frame[c]] for c in frame.columns},
                        index=frame.index, columns=frame.columns)


def markdown_table(frame: pd.DataFrame, formats: dict | None = None, align: dict | None = None,
                   lang: str = "en") -> str:
    """``frame`` as a Markdown pipe table; numbers right-aligned and formatted with ``fmt_value`` or ``formats``."""
    formats, align = formats or {}, align or {}
    header = "| " + " | ".join(str(c) for c in frame.columns) + " |"
    rule = "|" + "|".join(
        ("---:" if align.get(c, "right" if pd.api.types.is_numeric_dtype(frame[c]) else "left") == "right" else ":---")
        for c in frame.columns) + "|"
    body = []
    for row in frame.itertuples(index=False):
        cells = [_shown_text(v, formats.get(c), lang).replace("|", "\\|").replace("\n", " ")
                 for c, v in zip(frame.columns, row)]
        body.append("| " + " | ".join(cells) + " |")
    return "\n".join([header, rule, *body])


def numbered_table(frame: pd.DataFrame, caption: str, name: str, formats: dict | None = None,
                   align: dict | None = None, *, datasets=None, data=None, code=None, data_dir=None, lang: str = "en"):
    """A numbered, captioned table for the book: cite it with ``{numref}`name```.

    Returns a Markdown object holding a MyST ``{table}`` directive, which myst-nb renders as a
    real table with its number and caption; the caption should end with the source note.

    With ``datasets`` (the data package resources the table draws on) the table is followed by
    its data block (:mod:`compendium.present.downloads`): a link to the CSV of ``data`` (default: the
    table as shown, its numbers at the precision shown), the datasets' descriptor entries and, with
    ``code``, the function that made it.
    """
    from IPython.display import Markdown

    fence = "`" * 4
    table = (f"{fence}{{table}} {caption}\n:name: {name}\n:class: compendium-table\n\n"
             f"{markdown_table(frame, formats, align, lang)}\n{fence}\n")
    if datasets is None:
        return Markdown(table)
    from compendium.present.downloads import data_block

    return data_block(name, shown_frame(frame, formats, lang) if data is None else data, datasets, code, data_dir,
                      before=table + "\n", lang=lang)
