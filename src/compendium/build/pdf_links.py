"""Links from the HTML book to its print edition (the PDFs of :mod:`compendium.build.pdf`), when they exist.

The PDFs are written to ``_build/pdf/``; a book published from ``_build/html`` must carry them, so
:func:`link` copies them into ``_build/html/_pdf/`` (the same tree) and then, in every page of each
edition, puts two entries in the download menu (this chapter, the whole book) and, on the landing
page, a line under the title. When the PDFs are absent the copies, the entries and the line are
removed, so no link points at a missing file. The step rewrites only the blocks it marks, and
gives the same pages whatever it found before, so running it again changes nothing.

It runs at the end of ``make pdf`` (the pages exist, the PDFs are new) and at the end of every
``make book`` (Sphinx rewrote some pages without the links), before the manifest records the pages.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import yaml

from compendium.data import paths

FOLDER = "_pdf"
SPANISH_FOLDER = "es"
START, END = "<!-- compendium-pdf -->", "<!-- /compendium-pdf -->"
MARKED = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
# The theme's download menu: the entries go at its end.
MENU_END = re.compile(r'(<div class="dropdown dropdown-download-buttons">.*?)(\s*</ul>)', re.DOTALL)
ARTICLE_TITLE = re.compile(r'(<article class="bd-article">.*?</h1>)', re.DOTALL)

LABELS = {
    "en": {"chapter": "This chapter (PDF)", "book": "Whole book (PDF)", "chapter_title": "This chapter, print edition",
           "book_title": "The whole book, print edition",
           "landing": 'Print edition: <a href="{book}">the whole book as one PDF</a> ({size}), for printing, '
                      "Moodle or Classroom; each chapter's own PDF is in the download menu at the top of its page."},
    "es": {"chapter": "Este capítulo (PDF)", "book": "Libro completo (PDF)",
           "chapter_title": "Este capítulo, edición impresa",
           "book_title": "El libro completo, edición impresa",
           "landing": 'Edición impresa: <a href="{book}">el libro completo en un PDF</a> ({size}), para imprimir, '
                      "Moodle o Classroom; el PDF de cada capítulo está en el menú de descarga al inicio de su página."},
}


def _menu_entry(href: str, text: str, title: str) -> str:
    return (f'<li><a href="{href}" class="btn btn-sm dropdown-item compendium-pdf-link" title="{title}" '
            f'data-bs-placement="left" data-bs-toggle="tooltip"><span class="btn__icon-container">'
            f'<i class="fas fa-file-pdf"></i></span><span class="btn__text-container">{text}</span></a></li>')


def _size(path: Path) -> str:
    return f"{path.stat().st_size / 1e6:.1f} MB"


def linked_page(text: str, language: str, chapter_pdf: str | None, book_pdf: str | None, book_size: str,
                landing: bool) -> str:
    """``text`` (a page) with the print edition's links for the PDFs given (relative addresses), or without any."""
    text = MARKED.sub("", text)
    labels = LABELS.get(language, LABELS["en"])
    entries = []
    if chapter_pdf:
        entries.append(_menu_entry(chapter_pdf, labels["chapter"], labels["chapter_title"]))
    if book_pdf:
        entries.append(_menu_entry(book_pdf, labels["book"], labels["book_title"]))
    if entries:
        text = MENU_END.sub(lambda m: m.group(1) + START + "".join(entries) + END + m.group(2), text, count=1)
    if landing and book_pdf:
        line = labels["landing"].format(book=book_pdf, size=book_size)
        text = ARTICLE_TITLE.sub(lambda m: m.group(1) + START + f'<p class="compendium-print-edition">{line}</p>' + END,
                                 text, count=1)
    return text


def _mirror(pdf_dir: Path, target: Path) -> None:
    wanted = {p.relative_to(pdf_dir) for p in pdf_dir.rglob("*.pdf")} if pdf_dir.is_dir() else set()
    for relative in sorted(wanted):
        source, copy = pdf_dir / relative, target / relative
        if copy.is_file() and copy.stat().st_size == source.stat().st_size and copy.read_bytes() == source.read_bytes():
            continue
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, copy)
    if target.is_dir():
        for old in [p for p in target.rglob("*") if p.is_file() and p.relative_to(target) not in wanted]:
            old.unlink()
        for empty in sorted((d for d in target.rglob("*") if d.is_dir()), reverse=True):
            if not any(empty.iterdir()):
                empty.rmdir()
        if not any(target.iterdir()):
            target.rmdir()


def _editions(html_root: Path) -> dict[str, Path]:
    found = {"en": html_root}
    if (html_root / SPANISH_FOLDER).is_dir():
        found["es"] = html_root / SPANISH_FOLDER
    return found


def link(html_root: Path | None = None, pdf_dir: Path | None = None) -> list[Path]:
    """Copy the PDFs into the HTML book and link them from its pages (or unlink them when absent).

    Returns the pages it changed."""
    html_root = Path(html_root or paths.build_dir() / "html")
    pdf_dir = Path(pdf_dir or paths.build_dir() / "pdf")
    copies = html_root / FOLDER
    _mirror(pdf_dir, copies)
    root = str(yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))["root"])
    changed = []
    for language, folder in _editions(html_root).items():
        book = copies / f"compendium-{language}.pdf"
        for page in sorted(folder.rglob("*.html")):
            relative = page.relative_to(folder)
            if relative.parts[0].startswith("_") or (language == "en" and relative.parts[0] == SPANISH_FOLDER):
                continue
            chapter = copies / language / f"{page.stem}.pdf"
            address = lambda target: Path(os.path.relpath(target, page.parent)).as_posix()  # noqa: E731
            text = page.read_text(encoding="utf-8")
            new = linked_page(text, language, address(chapter) if chapter.is_file() else None,
                              address(book) if book.is_file() else None, _size(book) if book.is_file() else "",
                              landing=relative.with_suffix("").as_posix() == root)
            if new != text:
                page.write_text(new, encoding="utf-8")
                changed.append(page)
    return changed
