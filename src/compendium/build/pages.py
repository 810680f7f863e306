"""Checks of the built HTML against the executed notebooks, and removal of files no page uses.

Sphinx rebuilds a page only when its source is newer than its last build. A page built from a
notebook that was being rewritten (two builds at once) or that lacked an output would stay as it
is until its source changes again, and a later build would report success. So after every build
:func:`stale_pages` compares each chapter page with the notebook it was built from: every
``{glue:text}`` role of the notebook's text must show, on the page, the value the notebook glued
(formatted as myst-nb formats it). :func:`remove_unused_files` deletes images and downloads that
no page links to any more (left by earlier builds).
"""
from __future__ import annotations

import html as html_module
import re
import urllib.parse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat


_GLUE_TEXT_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")
_PASTED_TEXT = re.compile(r'<span class="pasted-text">(.*?)</span>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
# Sphinx's smart quotes and dashes turn ' " -- --- ... into typographic characters on the page.
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
ASSET_FOLDERS = ("_images", "_downloads")


@dataclass(frozen=True)
class StalePage:
    """A page that does not show what its executed notebook glued."""

    page: Path
    notebook: Path
    missing: list[tuple[str, str]]  # (glue key, the text the page should show)

    def __str__(self) -> str:
        shown = "; ".join(f"{key!r} ({text!r})" for key, text in self.missing[:3])
        more = f" and {len(self.missing) - 3} more" if len(self.missing) > 3 else ""
        return (f"{self.page} does not show {len(self.missing)} value{'s' if len(self.missing) > 1 else ''} that "
                f"{self.notebook} glued: {shown}{more}")


def _normalise(text: str) -> str:
    text = html_module.unescape(_TAG.sub("", text)).translate(_TYPOGRAPHY)
    text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    return " ".join(text.split())


def _plain_text(value: str, fmt_spec: str) -> str:
    from myst_nb.core.variables import format_plain_text

    return format_plain_text(value, fmt_spec)


def expected_texts(notebook, name: str | None = None) -> list[tuple[str, str]]:
    """``(key, text)`` for every ``{glue:text}`` role in the notebook's markdown cells, in order.

    The text is what myst-nb puts on the page: the glued ``text/plain`` value, formatted with
    the role's format spec (``key:.2f``). A key the notebook did not glue has text ``None``. A
    role naming the notebook itself (``<name>.ipynb::key``, as the book stages them) is one of
    its own values; ``name`` defaults to the notebook file's name.
    """
    if not isinstance(notebook, nbformat.NotebookNode):
        name = name or Path(notebook).stem
        notebook = nbformat.read(Path(notebook), as_version=4)
    plain = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if record:
                plain[record["name"]] = output.get("data", {}).get(record.get("mime_prefix", "") + "text/plain")
    found = []
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        for role in _GLUE_TEXT_ROLE.findall(cell.source):
            if "::" in role:
                document, role = role.split("::", 1)
                if name is None or Path(document).stem != name:
                    continue  # a value glued in another document: Sphinx itself checks those references
            key, fmt_spec = role.rsplit(":", 1) if ":" in role else (role, "s")  # as myst-nb splits it
            value = plain.get(key)
            found.append((key, None if value is None else _plain_text(value, fmt_spec)))
    return found


def shown_texts(page: Path) -> Counter:
    """The glued texts a built page shows (its ``pasted-text`` spans), normalised, with their counts."""
    return Counter(_normalise(text) for text in _PASTED_TEXT.findall(page.read_text(encoding="utf-8")))


def check_page(page: Path, notebook: Path) -> StalePage | None:
    """``None`` if ``page`` shows every value its notebook glued for it, else what is missing."""
    if not page.is_file():
        return StalePage(page, notebook, [("(the whole page)", "a page built from this notebook")])
    shown = shown_texts(page)
    missing = []
    for key, text in expected_texts(notebook):
        wanted = _normalise(text) if text is not None else None
        if wanted is not None and shown[wanted] > 0:
            shown[wanted] -= 1
        else:
            missing.append((key, text if text is not None else "(not glued by the notebook)"))
    return StalePage(page, notebook, missing) if missing else None


def stale_pages(source: Path, html: Path) -> list[StalePage]:
    """Every chapter page of the book in ``html`` that does not match the notebook it was built from in ``source``."""
    found = []
    for notebook in sorted(source.rglob("*.ipynb")):
        if any(part.startswith((".", "_")) for part in notebook.relative_to(source).parts):
            continue
        page = html / notebook.relative_to(source).with_suffix(".html")
        problem = check_page(page, notebook)
        if problem:
            found.append(problem)
    return found


def remove_unused_files(html: Path) -> list[Path]:
    """Delete the files of ``_images/`` and ``_downloads/`` that no page links to; return them.

    Sphinx copies a figure or a download into the output when a page uses it, and never removes
    one a page stopped using, so images of earlier builds pile up and ship with the book.
    """
    pages = "\n".join(p.read_text(encoding="utf-8") for p in html.rglob("*.html"))
    removed = []
    for folder in ASSET_FOLDERS:
        root = html / folder
        if not root.is_dir():
            continue
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            link = f"{folder}/{path.relative_to(root).as_posix()}"
            if link not in pages and urllib.parse.quote(link) not in pages:
                path.unlink()
                removed.append(path)
        for empty in sorted((d for d in root.rglob("*") if d.is_dir()), reverse=True):
            if not any(empty.iterdir()):
                empty.rmdir()
    return removed
