"""The data behind every figure and table: a CSV download, the datasets it comes from, the code.

A chapter registers the exact frame a figure or table shows (:func:`data_block`, called by
:func:`compendium.present.tables.numbered_table` and :func:`compendium.present.figure_style.figure_data`). The
executed notebook then carries, in the output's metadata, the CSV text under the path it will
have in the book (``_data/<name>.csv``); ``python -m compendium book`` writes those files into
the staged source (:func:`files_in_notebook`), and Sphinx's ``{download}`` role copies each into
``_build/html/_downloads/``. A link whose file is missing is a build warning, hence an error.

Under the link the block names each dataset the figure or table draws on, as the data package
describes it (title, source, provenance, licence, notes), and the function that made it, with
a link to its module's source.
"""
from __future__ import annotations

import inspect
import re
from pathlib import Path

import pandas as pd

from compendium.data import descriptor
from compendium.data.errors import CompendiumError
from compendium.present.provenance import provenance_text

METADATA_KEY = "compendium"
DATA_FOLDER = "_data"
CODE_FOLDER = "_code"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV: a named or non-default index is kept as columns; dates in ISO form."""
    shown = frame
    if not isinstance(frame.index, pd.RangeIndex) or any(n is not None for n in frame.index.names):
        shown = frame.reset_index()
    return shown.to_csv(index=False, lineterminator="\n", date_format="%Y-%m-%d")


def data_files(name: str, data) -> dict[str, str]:
    """``{path in the book: CSV text}`` for a frame or a ``{part: frame}`` mapping shown as ``name``."""
    if not _NAME.match(name):
        raise CompendiumError(f"figure or table name {name!r}: expected lower-case letters, digits, hyphens and underscores "
                              "(the name used for {numref})")
    if isinstance(data, pd.DataFrame):
        return {f"{DATA_FOLDER}/{name}.csv": csv_text(data)}
    if isinstance(data, dict) and data and all(isinstance(f, pd.DataFrame) for f in data.values()):
        return {f"{DATA_FOLDER}/{name}-{re.sub(r'[^a-z0-9]+', '-', str(part).lower()).strip('-')}.csv": csv_text(f)
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


def dataset_markdown(name: str, data_dir=None) -> str:
    """One list item describing dataset ``name`` as the data package does."""
    from compendium.present.bibliography import dataset_keys

    entry = descriptor.resource(name, data_dir)
    keys = dataset_keys(name, data_dir)
    source = ("{cite:p}`" + ",".join(keys) + "`") if keys else "compiled by the compendium"
    licences = "; ".join(l.get("title", l.get("name", "")) for l in entry.get("licenses", []))
    return (f"- **{entry['title']}** (`{name}`, file `data/{entry['path']}`). Source: {source}; "
            f"{provenance_text(entry)}. Licence: {licences}. Notes: {entry.get('description', '')}")


def block_markdown(files: dict[str, str], datasets, code=None, data_dir=None) -> str:
    """The Markdown under a figure or table: download links, then where the data come from and the code."""
    if datasets is None or isinstance(datasets, str):
        raise CompendiumError("every figure and table must name the datasets it draws on as a list "
                              "(datasets=[...]; an empty list for text the compendium wrote itself)")
    names = list(datasets)
    links = " · ".join("{download}`Download the data (CSV" + (f", {Path(p).stem}" if len(files) > 1 else "")
                       + f") </{p}>`" for p in files)
    parts = [links]
    if code is not None:
        qualified, path, first, last = code_reference(code)
        parts.append(f"made by `{qualified}` ({{download}}`source, lines {first}–{last} </{CODE_FOLDER}/{path}>`)")
    items = "\n".join(dataset_markdown(n, data_dir) for n in names) or (
        "- Written by the compendium from the paper's text; no dataset of the data package lies behind it.")
    fence = "`" * 4
    return (f"{fence}{{container}} compendium-data\n" + " · ".join(parts) + "\n" + fence + "\n\n"
            f"{fence}{{dropdown}} Where these data come from\n:class-container: compendium-data-sources\n\n"
            f"{items}\n{fence}\n")


class DataBlock:
    """Markdown for the notebook plus, in the output's metadata, the CSV files it links to."""

    def __init__(self, markdown: str, files: dict[str, str]):
        self.markdown, self.files = markdown, files

    def _repr_markdown_(self):
        return self.markdown, {METADATA_KEY: {"files": self.files}}


def data_block(name: str, data, datasets, code=None, data_dir=None, before: str = "") -> DataBlock:
    """The data block of figure or table ``name``: ``before`` (e.g. the table itself), then the links."""
    files = data_files(name, data)
    return DataBlock(before + block_markdown(files, datasets, code, data_dir), files)


def files_in_notebook(notebook) -> dict[str, str]:
    """Every data file registered in an executed notebook: ``{path in the book: CSV text}``."""
    found = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            metadata = output.get("metadata", {})
            # IPython files a ``_repr_markdown_`` tuple's metadata under the MIME type.
            for record in (metadata, metadata.get("text/markdown", {})):
                found.update(record.get(METADATA_KEY, {}).get("files", {}))
    return found
