"""How real readers of citation meta tags read a page: small ports of their documented rules.

* Zotero's "Embedded Metadata" translator (zotero/translators) with ``ZU.cleanAuthor``
  (zotero/utilities): how ``citation_author`` values become creators, and which item type a page
  gets (``og:type`` read through its RDF translator; else ``citation_book_title`` makes a book
  section and ``citation_title`` alone a journal article).
* Google Scholar's inclusion guidelines for meta tags: ``citation_title``, one
  ``citation_author`` per author, ``citation_publication_date`` as ``YYYY/MM/DD`` or ``YYYY``.

Only the rules the compendium's tags touch are ported; the bracketed-country subtlety of
``cleanAuthor`` and the RDF translator's other vocabularies are left out.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser


class HeadTags(HTMLParser):
    """The ``<meta name|property=... content=...>`` and ``<link rel=canonical>`` of a page's head."""

    def __init__(self, html: str):
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.canonical: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and (attrs.get("name") or attrs.get("property")) and attrs.get("content") is not None:
            self.meta.append((attrs.get("name") or attrs.get("property"), attrs["content"]))
        if tag == "link" and attrs.get("rel") == "canonical":
            self.canonical.append(attrs.get("href", ""))


def clean_author(author: str, use_comma: bool) -> dict:
    """``ZU.cleanAuthor``: strip punctuation at both ends, then split "Last, First" or at the last space."""
    author = re.sub(r"^[\s\u00a0.,/\[\]:]+", "", author)
    author = re.sub(r"[\s\u00a0.,/\[\]:]+$", "", author)
    author = re.sub(r"[\s\u00a0]+", " ", author, count=1)
    if use_comma:
        author = re.sub(r"\.([^ ])", r". \1", author, count=1)
        parts = re.split(r"[,\u060c] ?", author)
        if len(parts) > 1:
            return {"lastName": parts[0], "firstName": parts[1]}
        return {"lastName": author, "firstName": ""}
    space = author.rfind(" ")
    return {"lastName": author[space + 1:], "firstName": author[:space] if space >= 0 else ""}


def zotero_creators(author_values: list[str]) -> list[dict]:
    """The creators Zotero's Embedded Metadata translator makes of a page's ``citation_author`` values."""
    creators = []
    for value in author_values:
        authors = re.split(r"\s*;\s*", value)
        if len(authors) == 1:
            # one name holding a comma with words on both sides is read as a list of names
            by_comma = re.split(r"\s*,\s*", authors[0])
            if len(by_comma) > 1 and " " in by_comma[0] and " " in by_comma[1]:
                authors = by_comma
        for author in authors:
            author = author.strip()
            if not author or not re.search(r"[^\s,\-.;]", author):
                continue
            creators.append(clean_author(author, "," in author))
    return creators


def zotero_item_type(tags: list[tuple[str, str]]) -> str:
    """The item type Zotero gives the page."""
    og_type = {"book": "book", "website": "webpage", "article": "journalArticle"}
    for name, value in tags:
        if name == "og:type" and value in og_type:
            return og_type[value]
    hw_type, guess = "", ""
    for name, _ in tags:
        short = name[name.rfind("citation_"):] if "citation_" in name else ""
        hw_type = {"citation_journal_title": "journalArticle", "citation_technical_report_institution": "report",
                   "citation_conference_title": "conferencePaper", "citation_conference": "conferencePaper",
                   "citation_book_title": "bookSection",
                   "citation_dissertation_institution": "thesis"}.get(short, hw_type)
        if short in ("citation_title", "citation_series_title"):
            guess = guess or "journalArticle"
        if short == "citation_isbn":
            guess = "book"
    return hw_type or guess


def zotero_item(tags: list[tuple[str, str]]) -> dict:
    """The fields Zotero fills from the page's Highwire tags (``HIGHWIRE_MAPPINGS``, first value of each)."""
    mapping = {"citation_title": "title", "citation_publication_date": "date", "citation_date": "date",
               "citation_book_title": "bookTitle", "citation_publisher": "publisher", "citation_doi": "DOI",
               "citation_public_url": "url", "citation_language": "language",
               "citation_journal_title": "publicationTitle"}
    item = {"itemType": zotero_item_type(tags),
            "creators": zotero_creators([v for n, v in tags if n in ("citation_author", "citation_authors")])}
    for name, field in mapping.items():
        values = [v for n, v in tags if n == name and v.strip()]
        if values:
            item[field] = " ".join(values[0].split())
    if "url" not in item:
        url = [v for n, v in tags if n in ("citation_abstract_html_url", "citation_fulltext_html_url")]
        if url:
            item["url"] = url[0]
    return item


SCHOLAR_DATE = re.compile(r"^\d{4}(/\d{1,2}/\d{1,2})?$")


def scholar_problems(tags: list[tuple[str, str]]) -> list[str]:
    """What Google Scholar's inclusion guidelines would object to in a page's tags (empty: none)."""
    names = [n for n, _ in tags]
    problems = []
    if names.count("citation_title") != 1:
        problems.append("exactly one citation_title is required")
    authors = [v for n, v in tags if n == "citation_author"]
    if not authors:
        problems.append("at least one citation_author is required")
    for value in authors:
        if ";" in value or " and " in value:
            problems.append(f"one author per citation_author tag, not {value!r}")
    dates = [v for n, v in tags if n == "citation_publication_date"]
    if len(dates) != 1 or not SCHOLAR_DATE.match(dates[0]):
        problems.append(f"citation_publication_date must be YYYY/MM/DD or YYYY, not {dates!r}")
    return problems
