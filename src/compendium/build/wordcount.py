"""How long a built page is to read: the words of its main text.

The main text is what a student reads straight through: the article's prose, headings, lists
and admonitions (key points, the status box). Left out: code and its outputs (tables shown by
cells, figures), figures and tables with their captions, collapsed boxes (``details``, such as
the "For the statistically minded" dropdowns and the data blocks), the data notes under
figures and tables, the navigation and the "Cite this ..." sections (chapter, page, book). At about 200 words a
minute, 2,500 words is a chapter read in one sitting of twelve minutes or so.
"""
from __future__ import annotations

import re
from pathlib import Path

MAIN_TEXT_LIMIT = 2500
"""Words of main text a chapter may have (README: a course reader read in one sitting)."""

_LEFT_OUT = ("div.cell_output", "div.cell_input", "details", "figure", "table", ".compendium-data",
             ".compendium-data-sources", "a.headerlink", "script", "style", "section[id^='cite-this']",
             "section#cite-este-capitulo", ".caption-number")


def main_text(html: str) -> str:
    """The main text of a built page, as plain text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article.bd-article") or soup.body or soup
    for selector in _LEFT_OUT:
        for element in article.select(selector):
            element.decompose()
    return " ".join(article.get_text(" ").split())


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits, with inner apostrophes, hyphens, commas and points."""
    return len(re.findall(r"\w+(?:['’.,\-–]\w+)*", text))


def main_text_words(page: Path) -> int:
    """Words of main text of one built page."""
    return count_words(main_text(Path(page).read_text(encoding="utf-8")))


def page_words(page: Path) -> int:
    """Words of a whole built page's article, for comparison with its main text."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(Path(page).read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article.bd-article") or soup
    return count_words(" ".join(article.get_text(" ").split()))


if __name__ == "__main__":  # python -m compendium.build.wordcount _build/html/chapters/*.html
    import sys

    for name in sys.argv[1:]:
        print(f"{main_text_words(Path(name)):>6} main text / {page_words(Path(name)):>6} page  {name}")
