"""The built book as a course reader: chapters read in one sitting, the same parts in every chapter, no plumbing.

These tests read the HTML in ``_build/html`` as built by ``python -m compendium book`` (the
session fixture ``built_book``). Run with ``-s`` to see the word count of every page.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from compendium.build import wordcount
from compendium.data import paths
from compendium.present import appendix

TOC = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
PARTS = {part["caption"]: part["chapters"] for part in TOC["parts"]}
CHAPTERS = [entry["file"] for entry in PARTS["Chapters"]]
APPENDICES = [entry["file"] for entry in PARTS["Appendices"]]
APPENDIX_SUBPAGES = [entry["file"] for entry in PARTS["The datasets"]]
DATA_PAGES = ["chapters/data"] + [f"chapters/{page}" for page in appendix.PAGES]
DATA_PAGE_WORD_LIMIT = 8000
"""Words a page of the Data appendix may have in all (collapsed tables included): less than the longest chapter page (about 9,700)."""
STATISTICALLY_MINDED = "For the statistically minded: "
DATA_SOURCES = "Where these data come from"  # the data block under a figure or table: a box of another kind
WIRING = ("glue_all(", "glue_text(", "glue_strings(", "glue_int(", "terms_used(", "cite_this_chapter(")


def soup(built_book: Path, entry: str) -> BeautifulSoup:
    return BeautifulSoup((built_book / f"{entry}.html").read_text(encoding="utf-8"), "html.parser")


def article(built_book: Path, entry: str):
    page = soup(built_book, entry)
    return page.select_one("article.bd-article") or page


@pytest.fixture(scope="module")
def word_counts(built_book):
    counts = {entry: (wordcount.main_text_words(built_book / f"{entry}.html"),
                      wordcount.page_words(built_book / f"{entry}.html"))
              for entry in ["chapters/index"] + CHAPTERS + APPENDICES + APPENDIX_SUBPAGES}
    print("\nWords of main text / of the whole page")
    for entry, (main, whole) in counts.items():
        print(f"{main:>7,} / {whole:>7,}  {entry}")
    return counts


def test_every_chapter_is_read_in_one_sitting(word_counts):
    over = {entry: word_counts[entry][0] for entry in CHAPTERS if word_counts[entry][0] > wordcount.MAIN_TEXT_LIMIT}
    assert not over, f"main text over {wordcount.MAIN_TEXT_LIMIT:,} words: {over}"


def test_no_page_of_the_data_appendix_is_longer_than_a_chapter(word_counts):
    assert set(DATA_PAGES) <= set(word_counts), "a page of appendix.PAGES is missing from _toc.yml"
    longest_chapter = max(word_counts[entry][1] for entry in CHAPTERS)  # whole page, as a reader scrolls it
    for entry in DATA_PAGES:
        main, whole = word_counts[entry]
        assert main <= wordcount.MAIN_TEXT_LIMIT and whole <= min(DATA_PAGE_WORD_LIMIT, longest_chapter), \
            (entry, main, whole, longest_chapter)


@pytest.mark.parametrize("entry", CHAPTERS)
def test_a_chapter_opens_with_key_points_and_ends_with_questions_and_exercises(built_book, entry):
    body = article(built_book, entry)
    titles = [t.get_text(strip=True) for t in body.select("div.admonition > p.admonition-title")]
    assert "Key points" in titles, f"{entry} has no 'Key points' admonition"
    key_points = body.find("p", class_="admonition-title", string="Key points").parent
    points = len(key_points.select("li")) or len(key_points.find_all("p")) - 1
    assert 3 <= points <= 5, f"{entry}: {points} key points"
    first_section = body.select_one("section section")
    assert first_section is None or key_points.sourceline < first_section.sourceline, f"{entry}: key points do not open it"
    questions = body.select_one("section#questions-and-exercises")
    assert questions is not None, f"{entry} has no 'Questions and exercises' section"
    assert len(questions.select("li")) >= 3, f"{entry}: fewer than three questions and exercises"
    cite = body.select_one("section#cite-this-chapter")
    assert cite is None or questions.sourceline < cite.sourceline, f"{entry}: questions come after the citation block"


CHAPTERS_WITHOUT_METHODS = {"chapters/future"}
"""Chapters that summarise the paper's proposals and compute no statistics: no method box to keep."""


@pytest.mark.parametrize("entry", CHAPTERS)
def test_a_chapter_keeps_its_method_details_in_closed_boxes_with_one_title_pattern(built_book, entry):
    boxes = [box for box in article(built_book, entry).select("details.sd-dropdown")
             if box.select_one("summary").get_text(" ", strip=True) != DATA_SOURCES]
    titles = [box.select_one("summary").get_text(" ", strip=True) for box in boxes]
    if entry not in CHAPTERS_WITHOUT_METHODS:
        assert any(t.startswith(STATISTICALLY_MINDED) for t in titles), f"{entry} has no '{STATISTICALLY_MINDED}...' box"
    assert all(t.startswith(STATISTICALLY_MINDED) for t in titles), f"{entry}: a box with another title: {titles}"
    assert not [box for box in boxes if box.has_attr("open")], f"{entry}: a box is open by default"


@pytest.mark.parametrize("entry", ["chapters/index"] + CHAPTERS + APPENDICES + APPENDIX_SUBPAGES)
def test_no_wiring_code_shows(built_book, entry):
    shown = " ".join(cell.get_text(" ") for cell in article(built_book, entry).select("div.cell_input"))
    visible = [call for call in WIRING if call in shown]
    assert not visible, f"{entry} shows its wiring: {visible}"


@pytest.mark.parametrize("entry", ["chapters/glossary"] + DATA_PAGES)
def test_pages_without_parameters_worth_changing_show_no_parameters_cell(built_book, entry):
    shown = " ".join(cell.get_text(" ") for cell in article(built_book, entry).select("div.cell_input"))
    assert "data_dir =" not in shown, f"{entry} shows its parameters cell"


def chapter_numbers() -> dict[str, str]:
    numbers = {entry: str(i) for i, entry in enumerate(CHAPTERS, start=1)}
    numbers.update({entry: "ABCDEFGHIJ"[i] for i, entry in enumerate(APPENDICES)})
    return numbers


@pytest.mark.parametrize("entry", CHAPTERS + APPENDICES)
def test_figures_and_tables_are_numbered_by_chapter_and_cannot_be_taken_for_the_paper_s(built_book, entry):
    number = chapter_numbers()[entry]
    body = article(built_book, entry)
    heading = body.select_one("h1 span.section-number")
    assert heading is not None and heading.get_text(strip=True) == f"{number}.", f"{entry}: title not numbered {number}"
    captions = [c.get_text(strip=True) for c in body.select("span.caption-number")]
    for caption in captions:
        assert re.fullmatch(rf"(Figure|Table) {number}\.\d+", caption), f"{entry}: caption numbered {caption!r}"
    references = [r.get_text(strip=True) for r in body.select("span.std-numref")]
    for reference in references:
        assert re.match(rf"(Figure|Table) [0-9A-J]+\.\d+", reference), f"{entry}: reference reads {reference!r}"
    assert "Fig. " not in body.get_text(" "), f"{entry} still writes 'Fig.'"


def test_the_sidebar_numbers_chapters_and_letters_appendices(built_book):
    sidebar = soup(built_book, "chapters/glossary").select_one("nav.bd-docs-nav").get_text(" ", strip=True)
    for entry, number in chapter_numbers().items():
        title = article(built_book, entry).select_one("h1").get_text(" ", strip=True).split(" ", 1)[1].rstrip("#").strip()
        assert f"{number}. {title}" in sidebar, f"sidebar has no '{number}. {title}'"


def test_glued_values_take_the_weight_of_the_text_around_them(built_book):
    css = (built_book / "_static" / "compendium.css").read_text(encoding="utf-8")
    assert re.search(r"span\.pasted-text\s*\{\s*font-weight:\s*inherit;", css)


def test_the_landing_page_tells_a_course_how_to_read_rerun_and_cite(built_book):
    body = article(built_book, "chapters/index")
    headings = [h.get_text(" ", strip=True).rstrip("#").strip() for h in body.select("h2")]
    for wanted in ("What this book is", "The chapters", "How to use it in a course", "How to re-run a chapter",
                   "How to cite"):
        assert wanted in headings, f"the landing page has no '{wanted}' section"
    links = {a["href"].split("#")[0] for a in body.select("a[href]")}
    for entry in CHAPTERS:
        assert f"{Path(entry).name}.html" in links, f"the landing page does not link {entry}"
    assert "make run CHAPTERS=" in body.get_text("")


def test_the_landing_page_types_no_number_that_is_not_glued(built_book):
    body = article(built_book, "chapters/index")
    # The citation block gives the version and release date: metadata from CITATION.cff, not prose.
    for element in body.select("pre, code, span.pasted-text, a[href*='bibliography'], section[id^='cite-this']"):
        element.decompose()
    text = body.get_text(" ")
    text = re.sub(r"\b(19|20)\d\d[ab]?\b", "", text)  # years, as in "the 2020 census"
    text = re.sub(r"(paper's )?(Figure|Table) \d+(\.\d+)?", "", text)  # the names of figures and tables
    typed = re.findall(r".{0,30}\d.{0,30}", text)
    assert not typed, f"numbers typed on the landing page: {typed}"
