"""The data behind every figure and table: a CSV download, the figure for slides, the datasets it comes from, the code.

A chapter registers the exact frame a figure or table shows (:func:`data_block`, called by
:func:`compendium.present.tables.numbered_table` and :func:`compendium.present.figure_style.figure_data`). The
executed notebook then carries, in the output's metadata, the CSV text under the path it will
have in the book (``_data/<name>.csv``); ``python -m compendium book`` writes those files into
the staged source (:func:`files_in_notebook`), with each numbered figure's PNG (``_data/<name>.png``,
taken from the figure cell's own output), and Sphinx's ``{download}`` role copies each into
``_build/html/_downloads/``. A link whose file is missing is a build warning, hence an error.

The CSV files are written for spreadsheets (:func:`spreadsheet_frame`): UTF-8, one header row
of plain names, numbers as numbers. Text that shows a number ("49,874", "34.5%", "−4.1") becomes
the number as shown; a qualifier ("at least 13,972") moves to a column of its own and a range
("2.310 to 2.327") to a low and a high column; other fractional numbers keep four significant
digits (never fewer than their whole units), more than any figure shows.

Under the link the block names each dataset the figure or table draws on, as the data package
describes it (title, source, provenance, licence, notes), and the function that made it, with
a link to its module's source.

In the Spanish edition (``lang="es"``) the block's labels, the datasets' entries (through the
catalogue, :func:`compendium.present.i18n.descriptor_text`) and the CSV's column labels are in
Spanish: the chapter passes a frame with Spanish headers, and the low, high and qualifier columns
are named in the edition's language.
"""
from __future__ import annotations

import base64
import inspect
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd

from compendium.data import descriptor
from compendium.data.errors import CompendiumError
from compendium.present.i18n import _, descriptor_text
from compendium.present.provenance import provenance_text

METADATA_KEY = "compendium"
DATA_FOLDER = "_data"
CODE_FOLDER = "_code"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


LOWER_BOUNDS = ("at least", "more than", "over", "above", "al menos", "por lo menos", "más de", "\u2265", ">")
"""Qualifiers that make a number a lower bound ("at least 13,972", "al menos 13,972")."""
UPPER_BOUNDS = ("at most", "less than", "fewer than", "under", "below", "up to", "a lo sumo", "menos de", "hasta",
                "\u2264", "<")
"""Qualifiers that make a number an upper bound."""
APPROXIMATE = ("about", "around", "alrededor de", "cerca de", "unos", "unas", "~")
"""Qualifiers that make a number approximate."""
_SUFFIXES = {"or more": "at least", "or less": "at most", "o más": "al menos", "o menos": "a lo sumo"}
_NUMBER = r"[+\-\u2212]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_QUALIFIER = "|".join(re.escape(q) for q in sorted(LOWER_BOUNDS + UPPER_BOUNDS + APPROXIMATE, key=len, reverse=True))
_VALUE = re.compile(r"^(?:(?P<qualifier>" + _QUALIFIER + r")\s*)?(?P<number>" + _NUMBER + r")\s*(?P<percent>%)?"
                    r"(?:\s+(?P<suffix>" + "|".join(_SUFFIXES) + r"))?$", re.IGNORECASE)
_RANGE = re.compile(r"^(?P<low>" + _NUMBER + r")\s*(?P<low_percent>%)?\s*(?:\u2013|\u2014|to|a)\s*"
                    r"(?P<high>" + _NUMBER + r")\s*(?P<high_percent>%)?$")
_CODE = re.compile(r"^[+\-\u2212]?0\d")  # "01": a code, not a number
_NO_VALUE = {"", "\u2014", "\u2013", "-"}
SIGNIFICANT_DIGITS = 4


def plain_header(name) -> str:
    """A column name as a plain CSV header: no Markdown or HTML marks, plain minus signs, single spaces."""
    text = re.sub(r"<[^>]+>", "", str(name))
    text = re.sub(r"[*`]", "", text).replace("\u2212", "-")
    return re.sub(r"\s+", " ", text).strip()


def _rounded(value):
    """``value`` to :data:`SIGNIFICANT_DIGITS` significant digits, keeping every digit before the point."""
    if pd.isna(value) or value == 0 or not math.isfinite(value):
        return value
    decimals = max(0, SIGNIFICANT_DIGITS - 1 - math.floor(math.log10(abs(value))))
    return round(float(value), decimals)


def _reading(cell: str):
    """A cell's number as ``(qualifier, low, high, percent)``, each end the number's text; None if it shows no number."""
    value = _VALUE.match(cell)
    if value:
        qualifier = (value["qualifier"] or _SUFFIXES.get((value["suffix"] or "").lower(), "")).lower()
        number = value["number"]
        low = None if qualifier in UPPER_BOUNDS else number
        high = None if qualifier in LOWER_BOUNDS else number
        return qualifier, low, high, bool(value["percent"])
    span = _RANGE.match(cell)
    if span and bool(span["low_percent"]) <= bool(span["high_percent"]):
        return "", span["low"], span["high"], bool(span["high_percent"])
    return None


def _number_column(texts: list, index) -> pd.Series:
    """Numbers from their texts (None: no value); integers when no text has a decimal point."""
    numbers = pd.Series([np.nan if t is None else float(t.replace(",", "").replace("\u2212", "-")) for t in texts],
                        index=index, dtype="float64")
    if all(t is None or "." not in t for t in texts):
        return numbers.round().astype("Int64")
    return numbers


def _numbers_from_text(header: str, values: pd.Series, lang: str = "en") -> list[tuple[str, pd.Series]] | None:
    """Columns for a text column whose every cell shows a number, a bound or a range; None to keep it as text.

    A column of single numbers stays one column; one with ranges or bounds becomes a low and a
    high column. A qualifier ("at least", "about") moves to a column of its own.
    """
    cells = [None if (not isinstance(v, str) and pd.isna(v)) else str(v).strip() for v in values]
    cells = [None if c in _NO_VALUE else c for c in cells]
    shown = [c for c in cells if c is not None]
    if not shown or any(_CODE.match(c) for c in shown):
        return None
    readings = [None if c is None else _reading(c) for c in cells]
    if any(r is None for c, r in zip(cells, readings) if c is not None):
        return None
    present = [r for r in readings if r is not None]
    if len({r[3] for r in present}) > 1:
        return None  # some cells in percent, some not
    unit = " (%)" if present[0][3] and "%" not in header and "percent" not in header.lower() else ""
    empty = ("", None, None, False)
    readings = [r or empty for r in readings]
    if all(r[1] == r[2] for r in readings):  # single numbers
        columns = [(header + unit, _number_column([r[1] for r in readings], values.index))]
    else:
        columns = [(_("{column} (low)", lang).format(column=header) + unit,
                    _number_column([r[1] for r in readings], values.index)),
                   (_("{column} (high)", lang).format(column=header) + unit,
                    _number_column([r[2] for r in readings], values.index))]
    if any(r[0] for r in readings):
        columns.append((_("{column} (qualifier)", lang).format(column=header),
                        pd.Series([r[0] for r in readings], index=values.index)))
    return columns


def spreadsheet_frame(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """``frame`` as a spreadsheet should read it: plain headers, numbers as numbers (see the module's notes)."""
    columns = []
    for name in frame.columns:
        header, values = plain_header(name), frame[name]
        if pd.api.types.is_bool_dtype(values) or pd.api.types.is_datetime64_any_dtype(values):
            columns.append((header, values))
        elif pd.api.types.is_float_dtype(values):
            whole = values.dropna()
            if len(whole) and (whole == whole.round()).all() and (whole.abs() < 2 ** 53).all():
                columns.append((header, values.round().astype("Int64")))
            else:
                columns.append((header, values.map(_rounded)))
        elif pd.api.types.is_object_dtype(values) or pd.api.types.is_string_dtype(values):
            columns.extend(_numbers_from_text(header, values, lang) or [(header, values)])
        else:
            columns.append((header, values))
    result = pd.concat([values.rename(header) for header, values in columns], axis=1) if columns else frame.copy()
    result.columns = [header for header, _ in columns] if columns else result.columns
    return result


def csv_text(frame: pd.DataFrame, lang: str = "en") -> str:
    """The frame as CSV for spreadsheets (:func:`spreadsheet_frame`): a named or non-default index is kept as
    columns; dates in ISO form."""
    shown = frame
    if not isinstance(frame.index, pd.RangeIndex) or any(n is not None for n in frame.index.names):
        shown = frame.reset_index()
    return spreadsheet_frame(shown, lang).to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def data_files(name: str, data, lang: str = "en") -> dict[str, str]:
    """``{path in the book: CSV text}`` for a frame or a ``{part: frame}`` mapping shown as ``name``."""
    if not _NAME.match(name):
        raise CompendiumError(f"figure or table name {name!r}: expected lower-case letters, digits, hyphens and underscores "
                              "(the name used for {numref})")
    if isinstance(data, pd.DataFrame):
        return {f"{DATA_FOLDER}/{name}.csv": csv_text(data, lang)}
    if isinstance(data, dict) and data and all(isinstance(f, pd.DataFrame) for f in data.values()):
        return {f"{DATA_FOLDER}/{name}-{re.sub(r'[^a-z0-9]+', '-', str(part).lower()).strip('-')}.csv": csv_text(f, lang)
                for part, f in data.items()}
    raise CompendiumError(f"figure or table {name!r}: the data must be a DataFrame or a non-empty mapping of "
                          f"part names to DataFrames; got {type(data).__name__}")


def code_reference(function) -> tuple[str, str, int, int]:
    """``(qualified name, path under src/, first line, last line)`` of a compendium function."""
    module = inspect.getmodule(function)
    if module is None or not module.__name__.startswith("compendium"):
        raise CompendiumError(f"code={function!r}: expected a function of the compendium package")
    lines, first = inspect.getsourcelines(function)
    path = "/".join(module.__name__.split(".")) + ".py"
    return f"{module.__name__}.{function.__qualname__}", path, first, first + len(lines) - 1


def dataset_markdown(name: str, data_dir=None, lang: str = "en") -> str:
    """One list item describing dataset ``name`` as the data package does."""
    from compendium.present.bibliography import dataset_keys

    entry = descriptor.resource(name, data_dir)
    keys = dataset_keys(name, data_dir)
    source = ("{cite:p}`" + ",".join(keys) + "`") if keys else _("compiled by the compendium", lang)
    licences = "; ".join(descriptor_text(l.get("title", l.get("name", "")), lang) for l in entry.get("licenses", []))
    return _("- **{title}** (`{name}`, file `data/{path}`). Source: {source}; {provenance}. Licence: {licences}. "
             "Notes: {notes}", lang).format(
        title=descriptor_text(entry["title"], lang), name=name, path=entry["path"], source=source,
        provenance=provenance_text(entry, lang), licences=licences,
        notes=descriptor_text(entry.get("description", ""), lang))


def figure_image_path(name: str) -> str:
    """Where the book stages the PNG of figure ``name`` (for slides)."""
    return f"{DATA_FOLDER}/{name}.png"


def block_markdown(files: dict[str, str], datasets, code=None, data_dir=None, figure: str | None = None,
                   lang: str = "en") -> str:
    """The Markdown under a figure or table: download links (the figure's PNG first, for a figure), then where
    the data come from and the code."""
    if datasets is None or isinstance(datasets, str):
        raise CompendiumError("every figure and table must name the datasets it draws on as a list "
                              "(datasets=[...]; an empty list for text the compendium wrote itself)")
    names = list(datasets)
    csv_label = _("Download the data (CSV)", lang)
    links = " · ".join("{download}`" + (csv_label[:-1] + f", {Path(p).stem})" if len(files) > 1 else csv_label)
                       + f" </{p}>`" for p in files)
    if figure is not None:
        links = (f"{{download}}`{_('Download the figure (PNG, high resolution, for slides)', lang)} </{figure}>` · "
                 + links)
    parts = [links]
    if code is not None:
        qualified, path, first, last = code_reference(code)
        parts.append(_("made by `{function}` ({{download}}`source, lines {first}–{last} </{path}>`)", lang).format(
            function=qualified, first=first, last=last, path=f"{CODE_FOLDER}/{path}"))
    items = "\n".join(dataset_markdown(n, data_dir, lang) for n in names) or (
        _("- Written by the compendium from the paper's text; no dataset of the data package lies behind it.", lang))
    fence = "`" * 4
    return (f"{fence}{{container}} compendium-data\n" + " · ".join(parts) + "\n" + fence + "\n\n"
            f"{fence}{{dropdown}} {_('Where these data come from', lang)}\n:class-container: compendium-data-sources\n\n"
            f"{items}\n{fence}\n")


class DataBlock:
    """Markdown for the notebook plus, in the output's metadata, the CSV files it links to."""

    def __init__(self, markdown: str, files: dict[str, str]):
        self.markdown, self.files = markdown, files

    def _repr_markdown_(self):
        return self.markdown, {METADATA_KEY: {"files": self.files}}


def data_block(name: str, data, datasets, code=None, data_dir=None, before: str = "",
               figure: bool = False, lang: str = "en") -> DataBlock:
    """The data block of figure or table ``name``: ``before`` (e.g. the table itself), then the links.

    With ``figure``, the block also links the PNG of the figure cell named ``name``, which the
    book stages from that cell's output (:func:`files_in_notebook`).
    """
    files = data_files(name, data, lang)
    image = figure_image_path(name) if figure else None
    return DataBlock(before + block_markdown(files, datasets, code, data_dir, figure=image, lang=lang), files)


def figure_images(notebook) -> dict[str, bytes]:
    """The PNG of every named figure of an executed notebook: ``{path in the book: PNG bytes}``."""
    found = {}
    for cell in notebook.cells:
        name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
        pngs = [output["data"]["image/png"] for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]
        if name and pngs:
            payload = pngs[0]
            found[figure_image_path(name)] = base64.b64decode("".join(payload) if isinstance(payload, list) else payload)
    return found


def files_in_notebook(notebook) -> dict[str, str | bytes]:
    """Every download of an executed notebook: ``{path in the book: CSV text or PNG bytes}``."""
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            metadata = output.get("metadata", {})
            # IPython files a ``_repr_markdown_`` tuple's metadata under the MIME type.
            for record in (metadata, metadata.get("text/markdown", {})):
                found.update(record.get(METADATA_KEY, {}).get("files", {}))
    found.update(figure_images(notebook))
    return found
