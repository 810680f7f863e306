"""The print edition, checked on the PDFs themselves with poppler-utils (pdftotext, pdfinfo, pdffonts, pdfimages).

The PDFs are printed once per session from the book the suite builds (``built_book``), for every
edition that exists (English; Spanish when ``_build/html/es`` was built). What a printed book
must have: every chapter's title and a sample of its glued values in the text; every figure of
the HTML drawn (vector: its SVG's words are text on the caption's page, and no raster image
stands in for it); every font embedded; no text outside the page's margins; accents and ñ
intact; a title page with the book's citation and licence; contents whose page numbers are the
pages the chapters start on; chapter PDFs that open with the chapter's citation; and HTML pages
that link the PDFs.
"""
from __future__ import annotations

import html as html_module
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from compendium.build import pages as page_checks
from compendium.build import pdf
from compendium.build import pdf_links
from compendium.data import paths

MAX_EDITION_MB = 20
MARGIN_PT = 18 / 25.4 * 72  # the stylesheet's side margins (18 mm)
TOLERANCE_PT = 1.5
GLUED_SAMPLE = 12


def _run(*command: str) -> str:
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="session")
def poppler():
    missing = [tool for tool in ("pdftotext", "pdfinfo", "pdffonts", "pdfimages") if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"{', '.join(missing)} not found: install poppler-utils (apt-get install -y poppler-utils); "
                    "`make test` installs it", pytrace=False)


@pytest.fixture(scope="session")
def editions(built_book, poppler) -> list[pdf.Edition]:
    """Every edition printed once for the session, by the command `make pdf` runs, in a process of its own (the
    browser tests hold a Playwright session in this one, and Playwright's sync API runs one at a time)."""
    completed = subprocess.run([sys.executable, "-m", "compendium", "pdf"], cwd=paths.repo_root(),
                               capture_output=True, text=True)
    assert completed.returncode == 0, f"the print edition was not made:\n{completed.stdout[-3000:]}{completed.stderr[-3000:]}"
    found = pdf.editions(built_book)
    assert found and found[0].language == "en"
    return found


@pytest.fixture(scope="session")
def texts():
    """The text of a PDF, page by page, as laid out (``pdftotext -layout``), or in the order it was drawn
    (``raw=True``: Chromium draws a page's running head and number first, then the page's text in the
    document's order, so a table cell's words stay together)."""
    cache = {}

    def _pages(path: Path, raw: bool = False) -> list[str]:
        if (path, raw) not in cache:
            mode = "-raw" if raw else "-layout"
            cache[path, raw] = _run("pdftotext", mode, str(path), "-").split("\f")[:-1]
        return cache[path, raw]

    return _pages


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def _squeezed(text: str) -> str:
    """``text`` without whitespace and with straight quotes: a value the printed line broke still matches."""
    return re.sub(r"\s+", "", text).translate(_QUOTES)


def _body(pages: list[str], drop: int = 2) -> str:
    """The pages' text without the running head and page number, squeezed: a sentence that runs on to the
    next page reads on. As drawn (``raw``) they are each page's first two lines (``drop=2``); as laid out,
    its first and last (``drop=1``)."""
    kept = []
    for text in pages:
        lines = [line for line in text.splitlines() if line.strip()]
        kept.extend(lines[drop:] if drop == 2 else lines[1:-1])
    return _squeezed("".join(kept))


def _all_pdfs(edition: pdf.Edition) -> list[Path]:
    return [edition.book_pdf, *sorted(edition.chapter_dir.glob("*.pdf"))]


def test_every_page_printed_whole_and_alone(editions, texts):
    for edition in editions:
        book = _squeezed("".join(texts(edition.book_pdf)))
        for number, page in enumerate(pdf.book_pages(edition)):
            assert _squeezed(page.title) in book, f"{edition.book_pdf}: no title {page.title!r}"
            if number:
                alone = edition.chapter_pdf(page.name)
                assert alone.is_file(), f"no chapter PDF {alone}"
                assert _squeezed(page.title) in _squeezed("".join(texts(alone))), f"{alone}: no title {page.title!r}"


def _glued_sample(notebook: Path) -> list[str]:
    values = sorted({text for _, text in page_checks.expected_texts(notebook) if text and len(text.strip()) >= 3})
    step = max(1, len(values) // GLUED_SAMPLE)
    return values[::step][:GLUED_SAMPLE]


def test_glued_values_in_the_text(editions, texts):
    english = editions[0]
    source = paths.build_dir() / "book-source"
    checked = 0
    for page in pdf.book_pages(english):
        notebook = source / page.path.relative_to(english.html_dir).with_suffix(".ipynb")
        if not notebook.is_file():
            continue  # a plain page glues nothing
        book = _body(texts(english.book_pdf, raw=True))
        alone = _body(texts(english.chapter_pdf(page.name), raw=True)) if page.name != "index" else book
        # as drawn (a table cell's words together) and as laid out (a paragraph run on across a page break)
        book += _body(texts(english.book_pdf), drop=1)
        alone += _body(texts(english.chapter_pdf(page.name)), drop=1) if page.name != "index" else ""
        for value in _glued_sample(notebook):
            wanted = _squeezed(value)
            assert wanted in book, f"{english.book_pdf}: glued value {value!r} of {page.name} not in the text"
            assert wanted in alone, f"{english.chapter_pdf(page.name)}: glued value {value!r} not in the text"
            checked += 1
    assert checked >= 30, f"only {checked} glued values checked; expected a sample from every chapter"


def _svg_words(svg: Path) -> list[str]:
    found = re.findall(r"<text\b[^>]*>([^<]+)</text>", svg.read_text(encoding="utf-8"))
    return [_squeezed(html_module.unescape(text)) for text in found if _squeezed(text)]


def _html_figures(page: Path) -> list[tuple[str, Path]]:
    """Each figure of a built page: its caption's opening words and its image file."""
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    found = []
    for figure in soup.select("article.bd-article figure"):
        image, caption = figure.find("img"), figure.find("figcaption")
        for anchor in caption.select("a.headerlink"):
            anchor.decompose()
        words = " ".join(caption.get_text(" ", strip=True).split()[:8])
        found.append((words, (page.parent / image["src"]).resolve()))
    return found


def _raster_images(pdf_file: Path) -> dict[int, list[dict]]:
    rows = _run("pdfimages", "-list", str(pdf_file)).splitlines()[2:]
    found = {}
    for row in rows:
        cells = row.split()
        found.setdefault(int(cells[0]), []).append({"type": cells[2], "x_ppi": int(cells[12]), "y_ppi": int(cells[13])})
    return found


def test_every_figure_is_drawn(editions, texts):
    """Each figure of the HTML is in its chapter's PDF: an SVG as vector drawing (its words are text on the
    caption's page, and no raster image is there), a raster figure as an image of at least 300 ppi."""
    counted = 0
    for edition in editions:
        for page in pdf.book_pages(edition)[1:]:
            figures = _html_figures(page.path)
            alone = edition.chapter_pdf(page.name)
            printed = [_squeezed(text) for text in texts(alone, raw=True)]
            rasters = _raster_images(alone)
            # a raster figure is one image; an SVG figure may embed some (matplotlib draws a colour bar as one)
            embedded = {f: (f.read_text(encoding="utf-8").count("<image") if f.suffix == ".svg" else 1) for _, f in figures}
            assert sum(len(images) for images in rasters.values()) == sum(embedded.values()), \
                f"{alone}: the raster images are not the HTML figures' own"
            for caption, image in figures:
                where = [number for number, text in enumerate(printed, 1) if _squeezed(caption) in text]
                assert where, f"{alone}: no caption {caption!r}"
                text = printed[where[0] - 1]
                if image.suffix == ".svg":
                    words = _svg_words(image)
                    found = [word for word in words if word in text]
                    assert len(found) >= 0.8 * len(words), \
                        f"{alone}, page {where[0]}: figure {caption!r} shows {len(found)} of its {len(words)} words"
                    assert len(rasters.get(where[0], [])) <= sum(n for f, n in embedded.items() if f.suffix == ".svg"), \
                        f"{alone}, page {where[0]}: {caption!r} printed as a raster image"
                else:
                    assert all(min(i["x_ppi"], i["y_ppi"]) >= 300 for i in rasters.get(where[0], [])), \
                        f"{alone}, page {where[0]}: figure {caption!r} below 300 ppi"
                counted += 1
    assert counted >= 20, f"only {counted} figures found; the chapters draw more"


def test_every_font_embedded(editions):
    for edition in editions:
        for pdf_file in _all_pdfs(edition):
            rows = _run("pdffonts", str(pdf_file)).splitlines()[2:]
            assert rows, f"{pdf_file}: no fonts"
            # name, type (one or two words), encoding, then emb sub uni
            not_embedded = [row for row in rows if row.split()[-5] != "yes"]
            assert not not_embedded, f"{pdf_file}: fonts not embedded: {not_embedded}"


def test_page_count_and_size(editions, request):
    report = request.config.pluginmanager.get_plugin("terminalreporter")
    for edition in editions:
        info = _run("pdfinfo", str(edition.book_pdf))
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))
        megabytes = edition.book_pdf.stat().st_size / 1e6
        chapters = sorted(edition.chapter_dir.glob("*.pdf"))
        line = (f"print edition ({edition.language}): {pages} pages, {megabytes:.1f} MB; "
                f"{len(chapters)} chapter PDFs, {sum(p.stat().st_size for p in chapters) / 1e6:.1f} MB")
        if report is not None:
            report.write_line(line)
        assert pages > 20, line
        assert megabytes <= MAX_EDITION_MB, line


def _word_boxes(pdf_file: Path):
    layout = _run("pdftotext", "-bbox-layout", str(pdf_file), "-")
    for number, page in enumerate(re.split(r"<page ", layout)[1:], 1):
        width, height = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"', page).groups())
        for box in re.finditer(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)', page):
            x0, y0, x1, y1 = map(float, box.groups()[:4])
            yield number, width, height, (x0, y0, x1, y1), html_module.unescape(box.group(5))


def test_no_text_outside_the_margins(editions):
    for edition in editions:
        for pdf_file in _all_pdfs(edition):
            outside = [(number, word, [round(v) for v in box]) for number, width, height, box, word in _word_boxes(pdf_file)
                       if box[0] < MARGIN_PT - TOLERANCE_PT or box[2] > width - MARGIN_PT + TOLERANCE_PT
                       or box[1] < 0 or box[3] > height]
            assert not outside, f"{pdf_file}: text outside the margins (page, word, box): {outside[:5]}"


def test_accents_and_enye(editions, texts):
    book = "".join(texts(editions[0].book_pdf))
    for word in ("Michoacán", "Economía", "Nuevo León", "Muñoz"):
        assert word in book, f"{editions[0].book_pdf}: {word!r} not in the text (accents or ñ lost)"


def test_title_page(editions, texts):
    from compendium.present import citation

    meta = citation.metadata()
    for edition in editions:
        first = _squeezed(texts(edition.book_pdf)[0])
        for wanted in (meta.title, pdf.LABELS[edition.language]["edition"], meta.version, "CC BY-NC-ND 4.0",
                       citation.apa_book(meta).replace("*", "")):
            assert _squeezed(wanted) in first, f"{edition.book_pdf}: title page without {wanted!r}"


def test_contents_give_the_pages_the_chapters_start_on(editions, texts):
    for edition in editions:
        printed = texts(edition.book_pdf)
        contents = next(number for number, text in enumerate(printed) if pdf.LABELS[edition.language]["contents"] in text)
        listed, last = {}, None
        for line in printed[contents].splitlines():
            match = re.match(r"\s*(\S.*?)\s{2,}(\d+)\s*$", line)
            if match:
                last = (_squeezed(match.group(1)), int(match.group(2)))
                listed[last[0]] = last[1]
            elif line.strip() and last:  # a long title wraps: its last words follow on the next line
                last = (_squeezed(last[0] + " " + line), last[1])
                listed[last[0]] = last[1]
            else:
                last = None
        for page in pdf.book_pages(edition):
            number = listed.get(_squeezed(page.title))
            assert number is not None, f"{edition.book_pdf}: {page.title!r} not in the contents"
            start = _squeezed(printed[number - 1])
            heading = _squeezed(page.title)
            assert heading in start, f"{edition.book_pdf}: {page.title!r} listed on page {number}, not there"
            assert heading not in _squeezed(printed[number - 2]) or number - 2 == contents, \
                f"{edition.book_pdf}: {page.title!r} starts before page {number}"


def test_running_heads_name_the_chapter(editions, texts):
    for edition in editions:
        printed = texts(edition.book_pdf)
        for page in pdf.book_pages(edition)[1:]:
            alone = texts(edition.chapter_pdf(page.name))
            head = pdf.running_head(page.title)
            for number, text in enumerate(alone, 1):
                first_line = next(line for line in text.splitlines() if line.strip())
                assert _squeezed(head) in _squeezed(first_line), \
                    f"{edition.chapter_pdf(page.name)}, page {number}: running head {first_line.strip()!r}"
        assert printed[-1].strip().splitlines()[-1].strip() == str(len(printed)), "the last page has no page number"


def test_left_out_and_opened(editions, texts):
    """Download blocks and source lists are left out; every other collapsible box is printed open."""
    for edition in editions:
        for page in pdf.book_pages(edition)[1:]:
            soup = BeautifulSoup(page.path.read_text(encoding="utf-8"), "html.parser")
            article = soup.select_one("article.bd-article")
            text = _body(texts(edition.chapter_pdf(page.name), raw=True))
            for selector in set(pdf.LEFT_OUT) - {"div.compendium-data", "details.compendium-data-sources"}:
                for element in article.select(selector):
                    element.decompose()
            for block in article.select("div.compendium-data"):
                assert _squeezed(block.get_text(" ")) not in text, f"{page.name}: a download block is printed"
            for details in article.select("details"):
                if "compendium-data-sources" in (details.get("class") or []) \
                        or details.find_parent(class_="compendium-data"):
                    continue
                # a dropdown's first words; a plain box's first table cell (a table's header may wrap)
                inside = details.find(class_="sd-summary-content") or details.find("td") or details.find(["p", "ul"])
                words = " ".join(inside.get_text(" ", strip=True).split()[:6]) if inside else ""
                assert _squeezed(words) in text, f"{edition.chapter_pdf(page.name)}: box {words!r} not printed open"


def test_chapter_pdfs_open_with_their_citation(editions, texts):
    for edition in editions:
        for page in pdf.book_pages(edition)[1:]:
            cited = BeautifulSoup(pdf.chapter_citation(page), "html.parser").get_text()
            if not cited:
                continue  # a page without a "Cite this chapter" block
            first = _squeezed(texts(edition.chapter_pdf(page.name))[0])
            assert _squeezed(cited) in first, f"{edition.chapter_pdf(page.name)}: the first page does not cite the chapter"


def test_cross_references_stay_inside_the_book(editions):
    """Links between pages become links inside the print document, each to an id it holds, and each a
    destination of the PDF (a link that works in a PDF reader)."""
    for edition in editions:
        document = (pdf.print_dir() / edition.language / "book.html").read_text(encoding="utf-8")
        ids = set(re.findall(r'\sid="([^"]+)"', document))
        targets = re.findall(r'<a [^>]*href="#([^"]+)"', document)
        assert len(targets) > 100
        missing = sorted({t for t in targets if t not in ids})
        assert not missing, f"{edition.language}: internal links to no id: {missing[:10]}"
        assert not re.search(r'<a [^>]*href="(?!#|https?:|mailto:)', document), "a link leads out of the document"
        unplaced = sorted(set(targets) - set(pdf.destinations(edition.book_pdf)))
        assert not unplaced, f"{edition.book_pdf}: links with no destination in the PDF: {unplaced[:10]}"


def test_html_pages_link_the_pdfs(editions, built_book):
    for edition in editions:
        for page in pdf.book_pages(edition):
            text = page.path.read_text(encoding="utf-8")
            links = re.findall(r'href="([^"]+\.pdf)"', text)
            assert links, f"{page.path}: no link to the print edition"
            for link in links:
                assert (page.path.parent / link).resolve().is_file(), f"{page.path}: broken link {link}"
        landing = pdf.book_pages(edition)[0].path.read_text(encoding="utf-8")
        assert 'class="compendium-print-edition"' in landing


def test_links_removed_when_the_pdfs_are_absent(built_book):
    page = (built_book / "chapters" / "returns.html").read_text(encoding="utf-8")
    without = pdf_links.linked_page(page, "en", None, None, "", landing=False)
    assert ".pdf\"" not in without and pdf_links.START not in without
    again = pdf_links.linked_page(without, "en", "../_pdf/en/returns.pdf", "../_pdf/compendium-en.pdf", "1.0 MB", True)
    assert again == pdf_links.linked_page(again, "en", "../_pdf/en/returns.pdf", "../_pdf/compendium-en.pdf", "1.0 MB", True)
    assert again.count("compendium-pdf-link") == 2
