"""The print edition: the built HTML book printed to PDF by Chromium, whole and chapter by chapter.

Why print the HTML rather than build LaTeX: the figure and table numbers, the lettered appendices,
the glued values and the author-year citations are all made by the book's Sphinx build and its
own extensions for HTML; a LaTeX build would need its own visitors for each and would not print
another language's edition for free. Printing the built pages gives the reader the same numbers,
words and figures as the HTML book (SVG figures stay vector), for every edition that was built.

For each edition (English in ``_build/html``; Spanish in ``_build/html/es`` when it exists) the
pages are read in the order of the book's sidebar (the table of contents), and their article
bodies are put one after the other into ONE print document, so that page numbers run on through
the book and a running head names each chapter (CSS paged media: a named page per chapter, with
the chapter's title in a margin box). Links between pages become links inside the document, ids
get the page's name as prefix so they stay unique, and assets keep their files (absolute paths).
What only a screen needs (navigation, buttons, the download blocks under figures and tables) is
left out; every collapsible box is printed open; figures keep their caption with its source note.
A table too wide for the column gets a landscape page, and is scaled down if even that is narrow.

The contents list page numbers in two passes: the book is printed once, the first page of each
chapter is read from the PDF's named destinations (``pdfinfo -dests``), the numbers are written
into the contents and the book is printed again; the destinations must not move.

Each chapter is also printed on its own, opening with the book's title and the chapter's citation
(taken from the chapter's own "Cite this chapter" block). Files: ``_build/pdf/compendium-<lang>.pdf``
and ``_build/pdf/<lang>/<page>.pdf``; the print documents stay in ``_build/pdf/print/`` for
inspection. :mod:`compendium.build.pdf_links` then links the PDFs from the HTML book.
"""
from __future__ import annotations

import copy
import datetime as dt
import html
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from bs4 import BeautifulSoup

from compendium.data import paths
from compendium.data.errors import CompendiumError
from compendium.present import citation

STYLESHEET = Path(__file__).with_name("pdf.css")
CHROMIUM = os.environ.get("COMPENDIUM_CHROMIUM", "/usr/bin/chromium")  # as the browser tests
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
SPANISH_FOLDER = "es"
# The page box (US Letter, the paper size of Mexico's printers) and its margins, in CSS px (96 per inch):
# the fitting of wide tables measures against the same widths the stylesheet gives the pages.
PAGE_WIDTH, PAGE_HEIGHT = 816, 1056
MARGIN_SIDE = 68  # 18 mm
RUNNING_HEAD_LENGTH = 90
MAX_PASSES = 3
SHORT_TABLE = 25  # rows: a table this short is kept on one page
LONGEST_WORD = 24  # characters: a longer word in a table cell (an address, a file name) may break anywhere

# What a screen needs and paper does not: removed from the print document (figures keep their caption,
# whose last sentence is the source note).
LEFT_OUT = [
    "a.headerlink",                       # the "#" anchors after headings and captions
    "div.compendium-data",                # "Download the data (CSV)" and the code link under figures and tables
    "details.compendium-data-sources",    # "Where these data come from" (the caption names the source)
    "p.compendium-scroll-hint",           # "Scroll sideways..." before wide tables
    ".compendium-print-edition",          # the links to these PDFs on the landing page
    "button", "script", "noscript", "style[scoped]",
]

LABELS = {
    "en": {"edition": "English edition", "contents": "Contents", "version": "Version {version}, released {date}",
           "printed": "Printed {date}", "cite_book": "How to cite this book", "cite_chapter": "Cite this chapter as",
           "chapter_of": "A chapter of", "licence_title": "Licence",
           "licence": ("© {year} {authors}. The paper this book reproduces, {paper}, is © its authors under the "
                       "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 licence (CC BY-NC-ND 4.0): "
                       "the book explains it in its own words and quotes it only briefly, marked and attributed. "
                       "Its numbers are facts, transcribed for checking and citation. Census figures are INEGI's, "
                       "used under its terms with attribution; press figures are labelled as secondary evidence "
                       "wherever they appear."),
           "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                      "October", "November", "December"],
           "date": "{day} {month} {year}"},
    "es": {"edition": "Edición en español", "contents": "Índice", "version": "Versión {version}, publicada el {date}",
           "printed": "Impreso el {date}", "cite_book": "Cómo citar este libro", "cite_chapter": "Cite este capítulo como",
           "chapter_of": "Un capítulo de", "licence_title": "Licencia",
           "licence": ("© {year} {authors}. El artículo que este libro reproduce, {paper}, es © de sus autores bajo "
                       "la licencia Creative Commons Atribución-NoComercial-SinDerivadas 4.0 (CC BY-NC-ND 4.0): el "
                       "libro lo explica con sus propias palabras y lo cita solo brevemente, entre comillas y con "
                       "atribución. Sus cifras son hechos, transcritos para comprobarlas y citarlas. Las cifras "
                       "censales son del INEGI, usadas según sus términos con atribución; las cifras de prensa se "
                       "señalan como evidencia secundaria dondequiera que aparecen."),
           "months": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                      "octubre", "noviembre", "diciembre"],
           "date": "{day} de {month} de {year}"},
}
PAPER = "Lara-Escamilla et al. (2024)"


@dataclass(frozen=True)
class Edition:
    """One language's HTML book and where its PDFs go."""

    language: str
    html_dir: Path

    @property
    def book_pdf(self) -> Path:
        return pdf_dir() / f"compendium-{self.language}.pdf"

    @property
    def chapter_dir(self) -> Path:
        return pdf_dir() / self.language

    def chapter_pdf(self, name: str) -> Path:
        return self.chapter_dir / f"{name}.pdf"


@dataclass
class BookPage:
    """A page of the book: its name (``returns``), its HTML file, its part and its numbered title."""

    name: str
    path: Path
    title: str
    part: str = ""

    @property
    def anchor(self) -> str:
        return f"page-{self.name}"


@dataclass
class Printed:
    """What printing an edition made: files, page counts and sizes."""

    edition: Edition
    book_pages: int = 0
    chapters: dict[str, int] = field(default_factory=dict)
    landscape_tables: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        size = self.edition.book_pdf.stat().st_size / 1e6
        chapters = sum(self.edition.chapter_pdf(name).stat().st_size for name in self.chapters) / 1e6
        return (f"{self.edition.language}: {self.edition.book_pdf} ({self.book_pages} pages, {size:.1f} MB, "
                f"{self.landscape_tables} wide tables on landscape pages); "
                f"{len(self.chapters)} chapter PDFs in {self.edition.chapter_dir} ({chapters:.1f} MB); "
                f"{self.seconds:.0f} s")


def pdf_dir() -> Path:
    """Where the PDFs go: ``_build/pdf``."""
    return paths.build_dir() / "pdf"


def print_dir() -> Path:
    """The print documents (HTML) the PDFs were printed from."""
    return pdf_dir() / "print"


def root_page_name(root: Path | None = None) -> str:
    """The book's first page, as ``_toc.yml`` names it (``chapters/index``)."""
    toc = yaml.safe_load((Path(root or paths.repo_root()) / "_toc.yml").read_text(encoding="utf-8"))
    return str(toc["root"])


def editions(html_root: Path | None = None) -> list[Edition]:
    """The editions that were built: English in ``html_root``, Spanish in ``html_root/es`` when it has the root page."""
    html_root = Path(html_root or paths.build_dir() / "html")
    root_page = root_page_name() + ".html"
    found = []
    if (html_root / root_page).is_file():
        found.append(Edition("en", html_root))
    if (html_root / SPANISH_FOLDER / root_page).is_file():
        found.append(Edition("es", html_root / SPANISH_FOLDER))
    return found


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def _text(tag) -> str:
    """The words of ``tag``, without the "#" anchor Sphinx puts after a heading."""
    if tag is None:
        return ""
    tag = copy.copy(tag)
    for anchor in tag.select("a.headerlink"):
        anchor.decompose()
    return " ".join(tag.get_text(" ", strip=True).split())


def book_pages(edition: Edition) -> list[BookPage]:
    """The edition's pages in reading order: the root page, then the sidebar's entries with their parts."""
    root = edition.html_dir / (root_page_name() + ".html")
    soup = _soup(root)
    heading = soup.select_one("article.bd-article h1")
    pages = [BookPage(root.stem, root, _text(heading))]
    nav = soup.select_one("nav.bd-docs-nav")
    if nav is None:
        raise CompendiumError(f"{root}: no sidebar (nav.bd-docs-nav); expected a page of the built book")
    part = ""
    for element in nav.find_all(["p", "a"]):
        if element.name == "p" and "caption" in (element.get("class") or []):
            part = _text(element)
        elif element.name == "a" and element.find_parent("li", class_="toctree-l1"):
            target = (root.parent / urllib.parse.unquote(element["href"].split("#")[0])).resolve()
            pages.append(BookPage(target.stem, target, _text(element), part))
    return pages


def _formatted_date(day: dt.date, language: str) -> str:
    labels = LABELS[language]
    return labels["date"].format(day=day.day, month=labels["months"][day.month - 1], year=day.year)


def _markdown_inline(text: str) -> str:
    """The little Markdown a citation uses (``*italic*``) as HTML."""
    return re.sub(r"\*([^*]+)\*", r"<em>\1</em>", html.escape(text, quote=False))


# --- one page's article, made part of a print document ----------------------------------------


def _file_uri(path: Path) -> str:
    return path.resolve().as_uri()


def _resolve(base: Path, url: str) -> tuple[Path | None, str]:
    """``url`` as found in the page ``base``: the local file it names (None for another site) and its fragment."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme or parts.netloc:
        return None, parts.fragment
    target = (base.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else base.resolve()
    return target, parts.fragment


def prepared_article(page: BookPage, in_document: dict[Path, BookPage]) -> str:
    """The article of ``page`` as it goes into a print document that holds the pages ``in_document``.

    Ids get the page's name as prefix; links to a page of the document become links inside it,
    links to anything else local (downloads, sources) become plain text; images and other
    assets get absolute file addresses; what :data:`LEFT_OUT` names is removed and every
    ``<details>`` is open.
    """
    soup = _soup(page.path)
    article = soup.select_one("article.bd-article")
    if article is None:
        raise CompendiumError(f"{page.path}: no article (article.bd-article); expected a page of the built book")
    for selector in LEFT_OUT:
        for element in article.select(selector):
            element.decompose()
    for element in article.find_all(id=True):
        element["id"] = f"{page.name}--{element['id']}"
    for details in article.find_all("details"):
        details["open"] = ""
    for image in article.find_all("img"):
        image.attrs.pop("loading", None)
        image.attrs.pop("decoding", None)
        if image.get("src"):
            target, _ = _resolve(page.path, image["src"])
            if target is not None:
                image["src"] = _file_uri(target)
    for link in article.find_all("a", href=True):
        target, fragment = _resolve(page.path, link["href"])
        if target is None:
            continue  # another site: the link stays
        other = in_document.get(target)
        if other is not None:
            link["href"] = f"#{other.name}--{fragment}" if fragment else f"#{other.anchor}"
        else:
            link.name = "span"
            for attribute in ("href", "download", "target", "rel"):
                link.attrs.pop(attribute, None)
    return article.decode_contents()


def stylesheets(page: Path) -> list[str]:
    """The stylesheets ``page`` links, as absolute file addresses, in the page's order."""
    soup = _soup(page)
    found = []
    for link in soup.select('head link[rel="stylesheet"]'):
        target, _ = _resolve(page, link["href"])
        if target is not None and target.is_file():
            found.append(_file_uri(target))
    return found


# --- the print documents --------------------------------------------------------------------


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def running_head(title: str, limit: int = RUNNING_HEAD_LENGTH) -> str:
    """A page's title shortened at a word boundary to fit the running head."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def page_rules(pages: list[BookPage]) -> str:
    """One named page per book page (running head: its title), and a landscape one for its wide tables."""
    rules = []
    for number, page in enumerate(pages):
        head = _css_string(running_head(page.title))
        rules.append(f'section.print-page[data-page="{number}"] {{ page: p{number}; }}')
        rules.append(f"@page p{number} {{ @top-left {{ content: {head}; }} }}")
        rules.append(f"@page p{number}-wide {{ size: letter landscape; @top-left {{ content: {head}; }} }}")
    return "\n".join(rules)


def _head(language: str, title: str, sheets: list[str], pages: list[BookPage]) -> str:
    links = "\n".join(f'<link rel="stylesheet" href="{html.escape(s, quote=True)}">' for s in sheets)
    return (f'<!DOCTYPE html>\n<html lang="{language}" data-theme="light" data-mode="light">\n<head>\n'
            f'<meta charset="utf-8">\n<title>{html.escape(title)}</title>\n{links}\n'
            f'<link rel="stylesheet" href="{_file_uri(STYLESHEET)}">\n<style>\n{page_rules(pages)}\n</style>\n</head>\n')


def _section(number: int, page: BookPage, in_document: dict[Path, BookPage], front: str = "") -> str:
    return (f'<section class="print-page bd-content" data-page="{number}" id="{page.anchor}">\n{front}'
            f'<article class="bd-article">\n{prepared_article(page, in_document)}\n</article>\n</section>\n')


def title_page(language: str, book_title: str, meta: citation.Metadata, printed: dt.date) -> str:
    """The title page: title, edition, version and dates, the book's citation and the licence notice."""
    labels = LABELS[language]
    version = labels["version"].format(version=meta.version, date=_formatted_date(meta.released, language))
    authors = ", ".join(author.display() for author in meta.authors)
    licence = labels["licence"].format(year=meta.released.year, authors=authors, paper=PAPER)
    return (f'<section class="print-front print-title-page">\n<h1 class="print-book-title">{html.escape(book_title)}</h1>\n'
            f'<p class="print-authors">{html.escape(authors)}</p>\n'
            f'<p class="print-edition">{labels["edition"]}</p>\n'
            f'<p class="print-version">{html.escape(version)}<br>'
            f'{labels["printed"].format(date=_formatted_date(printed, language))}</p>\n'
            f'<div class="print-colophon">\n<h2>{labels["cite_book"]}</h2>\n'
            f'<p class="print-citation">{_markdown_inline(citation.apa_book(meta))}</p>\n'
            f'<h2>{labels["licence_title"]}</h2>\n<p class="print-licence">{html.escape(licence)}</p>\n</div>\n</section>\n')


def contents(language: str, pages: list[BookPage], numbers: dict[str, int] | None) -> str:
    """The table of contents: each page's title and first page number ("000" before they are known)."""
    items, part = [], ""
    for page in pages:
        if page.part and page.part != part:
            part = page.part
            items.append(f'<li class="print-toc-part">{html.escape(part)}</li>')
        number = str(numbers[page.anchor]) if numbers else "000"
        items.append(f'<li class="print-toc-entry"><a href="#{page.anchor}"><span class="print-toc-title">'
                     f'{html.escape(page.title)}</span><span class="print-toc-leader"></span>'
                     f'<span class="print-toc-number">{number}</span></a></li>')
    return (f'<nav class="print-front print-contents" id="print-contents">\n<h1>{LABELS[language]["contents"]}</h1>\n'
            f'<ol>\n' + "\n".join(items) + "\n</ol>\n</nav>\n")


def book_document(edition: Edition, pages: list[BookPage], numbers: dict[str, int] | None, printed: dt.date) -> str:
    """The whole book as one print document."""
    book_title = _text(_soup(pages[0].path).select_one(".logo__title")) or pages[0].title
    in_document = {page.path.resolve(): page for page in pages}
    body = [title_page(edition.language, book_title, citation.metadata(), printed),
            contents(edition.language, pages, numbers)]
    body += [_section(number, page, in_document) for number, page in enumerate(pages)]
    return (_head(edition.language, book_title, stylesheets(pages[0].path), pages)
            + '<body class="print-book">\n' + "".join(body) + "</body>\n</html>\n")


def chapter_citation(page: BookPage) -> str:
    """The APA reference of the chapter's own "Cite this chapter" block (the quote beside its BibTeX), as HTML."""
    soup = _soup(page.path)
    bibtex = soup.select_one("article.bd-article div[class*=highlight-bibtex]")
    section = bibtex.find_parent("section") if bibtex is not None else None
    quote = section.find("blockquote") if section is not None else None
    if quote is None:
        return ""
    for link in quote.find_all("a"):
        link.unwrap()
    return " ".join(quote.decode_contents().split())


def chapter_document(edition: Edition, pages: list[BookPage], page: BookPage) -> str:
    """One page of the book printed on its own, opening with the book's title and the chapter's citation."""
    labels = LABELS[edition.language]
    book_title = _text(_soup(pages[0].path).select_one(".logo__title")) or pages[0].title
    meta = citation.metadata()
    version = labels["version"].format(version=meta.version, date=_formatted_date(meta.released, edition.language))
    cited = chapter_citation(page)
    cite = f'<p class="print-chapter-cite"><strong>{labels["cite_chapter"]}:</strong> {cited}</p>\n' if cited else ""
    front = (f'<div class="print-chapter-front">\n<p>{labels["chapter_of"]} <em>{html.escape(book_title)}</em> '
             f'({labels["edition"]}). {html.escape(version)}.</p>\n{cite}</div>\n')
    number = pages.index(page)
    return (_head(edition.language, page.title, stylesheets(page.path), pages)
            + '<body class="print-chapter">\n' + _section(number, page, {page.path.resolve(): page}, front)
            + "</body>\n</html>\n")


# --- printing ----------------------------------------------------------------------------------

# Run in the print document before printing: a short table is kept on one page; each table whose
# narrowest layout (min-content) does not fit the portrait column goes on a landscape page of its
# chapter, scaled down if even that column is too narrow. The widths are those of the stylesheet's
# page boxes.
FIT_TABLES_JS = """([portrait, landscape, longest, shortTable]) => {
  const moved = [];
  for (const table of document.querySelectorAll('section.print-page table')) {
    if (table.parentElement.closest('table')) continue;
    // An address or a long identifier in a cell may break anywhere; words break only between them.
    for (const cell of table.querySelectorAll('td, th')) {
      if (cell.textContent.split(/\\s+/).some((word) => word.length > longest)) cell.classList.add('print-long-words');
    }
    const box = table.parentElement.matches('.pst-scrollable-table-container') ? table.parentElement : table;
    // A short table starts on the next page rather than leave its caption and a row at a page's foot.
    if (table.rows.length <= shortTable) box.style.breakInside = 'avoid';
    const section = table.closest('section.print-page');
    const before = table.style.width;
    table.style.width = 'min-content';
    const needed = table.getBoundingClientRect().width;
    table.style.width = before;
    if (needed <= portrait + 1) continue;
    // Chromium lays the page out at the portrait column's width: the box is given the landscape
    // column's width itself, and the table fills it.
    box.style.page = 'p' + section.dataset.page + '-wide';
    const zoom = Math.min(1, landscape / needed);
    box.style.width = (landscape / zoom) + 'px';
    box.style.maxWidth = 'none';
    if (box !== table) table.style.width = '100%';
    if (zoom < 1) {
      box.style.zoom = zoom.toFixed(3);
      box.classList.add('print-zoomed');
    }
    moved.push({id: table.id || '', width: Math.round(needed)});
  }
  return moved;
}"""


class Printer:
    """Debian's Chromium driven by Playwright (its own browser downloads are never used)."""

    def __init__(self, executable: str = CHROMIUM):
        if not Path(executable).is_file():
            raise CompendiumError(f"no Chromium at {executable}: install Debian's package (apt-get install -y chromium); "
                                  "`make pdf` installs it")
        self.executable = executable

    def __enter__(self):
        from playwright.sync_api import sync_playwright

        self._playwright = sync_playwright().start()
        self._browser = self._playwright.chromium.launch(executable_path=self.executable, args=CHROMIUM_ARGS)
        return self

    def __exit__(self, *exc):
        self._browser.close()
        self._playwright.stop()

    def print(self, document: Path, target: Path) -> list[dict]:
        """Print ``document`` (an HTML file) to ``target``; return the tables moved to landscape pages."""
        page = self._browser.new_page(viewport={"width": PAGE_WIDTH - 2 * MARGIN_SIDE, "height": PAGE_HEIGHT})
        try:
            page.emulate_media(media="print")
            page.goto(document.resolve().as_uri(), wait_until="load")
            page.evaluate("document.fonts.ready.then(() => true)")
            widths = [PAGE_WIDTH - 2 * MARGIN_SIDE, PAGE_HEIGHT - 2 * MARGIN_SIDE]
            moved = page.evaluate(FIT_TABLES_JS, [*widths, LONGEST_WORD, SHORT_TABLE])
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(path=str(target), prefer_css_page_size=True, print_background=True, outline=True, tagged=True)
            return moved
        finally:
            page.close()


def destinations(pdf: Path) -> dict[str, int]:
    """The PDF's named destinations (the ids that links point to) and the page each is on."""
    out = subprocess.run(["pdfinfo", "-dests", str(pdf)], capture_output=True, text=True, check=True).stdout
    found = {}
    for line in out.splitlines():
        match = re.match(r'\s*(\d+)\s+\[.*\]\s+"(.*)"\s*$', line)
        if match:
            found[match.group(2)] = int(match.group(1))
    return found


def page_count(pdf: Path) -> int:
    """The number of pages of ``pdf`` (``pdfinfo``)."""
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", out, re.MULTILINE).group(1))


def _write(text: str, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def print_book(edition: Edition, pages: list[BookPage], printer: Printer, printed: dt.date) -> tuple[int, int]:
    """Print the edition's whole book, the contents' page numbers found by printing it first; return its
    page count and the number of tables put on landscape pages."""
    document = print_dir() / edition.language / "book.html"
    anchors = [page.anchor for page in pages]
    numbers = None
    for _ in range(MAX_PASSES):
        _write(book_document(edition, pages, numbers, printed), document)
        moved = printer.print(document, edition.book_pdf)
        found = destinations(edition.book_pdf)
        missing = [anchor for anchor in anchors if anchor not in found]
        if missing:
            raise CompendiumError(f"{edition.book_pdf}: no page found for {', '.join(missing)}; "
                                  "expected each page of the book to start at a link target")
        placed = {anchor: found[anchor] for anchor in anchors}
        if placed == numbers:
            return page_count(edition.book_pdf), len(moved)
        numbers = placed
    raise CompendiumError(f"{edition.book_pdf}: the chapters' first pages kept moving after {MAX_PASSES} printings")


def print_edition(edition: Edition, printer: Printer, printed: dt.date | None = None) -> Printed:
    """Print one edition: the whole book and each page of it but the landing page on its own."""
    start = time.monotonic()
    printed = printed or dt.datetime.now(dt.timezone.utc).date()
    pages = book_pages(edition)
    result = Printed(edition)
    result.book_pages, result.landscape_tables = print_book(edition, pages, printer, printed)
    if edition.chapter_dir.is_dir():
        shutil.rmtree(edition.chapter_dir)
    for page in pages[1:]:
        document = _write(chapter_document(edition, pages, page), print_dir() / edition.language / f"{page.name}.html")
        printer.print(document, edition.chapter_pdf(page.name))
        result.chapters[page.name] = page_count(edition.chapter_pdf(page.name))
    result.seconds = time.monotonic() - start
    return result


def remove_other_editions(languages: list[str]) -> list[Path]:
    """Delete the PDFs of editions not in ``languages`` (an edition no longer built); return them."""
    removed = []
    for book in sorted(pdf_dir().glob("compendium-*.pdf")):
        language = book.stem.split("-", 1)[1]
        if language not in languages:
            book.unlink()
            removed.append(book)
            if (pdf_dir() / language).is_dir():
                shutil.rmtree(pdf_dir() / language)
    return removed


def build(lock_mode: str | None = None) -> int:
    """Print every edition that was built and link the PDFs from the HTML book; return the exit code."""
    from compendium.build import lock
    from compendium.build import manifest
    from compendium.build import pdf_links

    if shutil.which("pdfinfo") is None:
        raise CompendiumError("pdfinfo not found: install poppler-utils (apt-get install -y poppler-utils); "
                              "`make pdf` installs it")
    with lock.hold(lock_mode):
        found = editions()
        if not found:
            print(f"error: no built book in {paths.build_dir() / 'html'}; run `make book` first", file=sys.stderr)
            return 1
        remove_other_editions([edition.language for edition in found])
        with Printer() as printer:
            results = [print_edition(edition, printer) for edition in found]
        html = paths.build_dir() / "html"
        pdf_links.link(html, pdf_dir())
        manifest.refresh_pages(html)  # the pages now link the PDFs
    for result in results:
        print(result.summary())
    return 0
