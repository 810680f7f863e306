"""How to cite the compendium and each of its pages, from one metadata source.

``CITATION.cff`` at the repository root holds the title, authors, version and release date;
``_config.yml`` holds where the book lives: ``repository.url`` (the code) and ``site`` (the
address where the built book is published; empty for a local build). From them this module
writes, for every page, one citation record and everything made from it: the "Cite this ..."
block (APA, BibTeX and a CSL-JSON download), and the citation meta tags and canonical link of
the HTML page (see :mod:`compendium.build.sphinxext`). A chapter or appendix page is cited as a
part of the compendium and the landing page as the compendium itself, never as the paper, so
reference managers and indexers make no second record of the paper.

Rules that hold wherever a citation is written:

* the author "The compendium's maintainers" is a group, written as an organisation everywhere
  (BibTeX: one brace group; CSL-JSON: ``literal``; meta tag: a form reference managers keep
  whole), until CITATION.cff names people;
* one apostrophe, the typographic one (the book's text gets it from Sphinx's smart quotes);
* titles in sentence case with the first word after a colon capitalised (APA 7);
* one date rule: the year in APA and BibTeX, the release date in the meta tags (YYYY/MM/DD);
* a web address only when ``site`` is set: a local build says it has none.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from compendium import __version__
from compendium.data import paths
from compendium.data.errors import CompendiumError

CFF = "CITATION.cff"
BOOK_PAGE = "chapters/index"
"""The landing page: its record is the compendium as a whole."""
CITE_FOLDER = "_cite"
"""Where the book's source holds each page's CSL-JSON record (the download of its cite block)."""
GENRE = "Executable book"
LANGUAGE = "en"
PAPER_KEY = "laraescamilla2024"


@dataclass(frozen=True)
class Author:
    """An author of the compendium: a group (``name``) or a person (``family``, ``given``)."""

    name: str = ""
    family: str = ""
    given: str = ""

    @property
    def is_group(self) -> bool:
        return bool(self.name)

    def display(self) -> str:
        return self.name or " ".join(p for p in (self.given, self.family) if p)


@dataclass(frozen=True)
class Metadata:
    """What a citation of the compendium needs."""

    title: str
    authors: tuple[Author, ...]
    version: str
    released: dt.date
    repository_url: str  # "" when the repository has no public address
    site: str = ""       # "" for a local build: no page has an address to cite

    @property
    def publisher(self) -> str:
        """The compendium publishes itself: its authors are its publisher."""
        return _names(self.authors)


@dataclass(frozen=True)
class Record:
    """The citation of one page: a part of the compendium (``chapter``) or the compendium (``book``)."""

    page: str  # the page's name in the book, e.g. "chapters/diaspora"
    title: str
    meta: Metadata

    @property
    def kind(self) -> str:
        return "book" if self.page == BOOK_PAGE else "chapter"

    @property
    def name(self) -> str:
        return self.page.rsplit("/", 1)[-1]

    @property
    def url(self) -> str:
        """The page's canonical address, or "" when the book has no ``site``."""
        if not self.meta.site:
            return ""
        return f"{self.meta.site.rstrip('/')}/{self.page}.html"


def typographic(text: str) -> str:
    """``text`` with the one apostrophe the book uses (U+2019) and single spaces."""
    return " ".join(str(text).replace("'", "\u2019").split())


def capitalise_subtitle(title: str) -> str:
    """APA sentence case keeps the first word after a colon capitalised: "Returns: What ..."."""
    return re.sub(r":\s+([a-z])", lambda m: ": " + m.group(1).upper(), typographic(title))


def _names(authors) -> str:
    names = [a.display() for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _author(entry: dict, path: Path) -> Author:
    if entry.get("name"):
        return Author(name=typographic(entry["name"]))
    if entry.get("family-names"):
        return Author(family=typographic(entry["family-names"]), given=typographic(entry.get("given-names", "")))
    raise CompendiumError(f"{path}: an author without 'name' or 'family-names' ({entry!r}); expected one of them")


def _read_yaml(path: Path) -> dict:
    if not path.is_file():
        raise CompendiumError(f"{path}: file not found; expected the compendium's citation metadata")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CompendiumError(f"{path}: not valid YAML ({exc})") from None


def repository_url(root: Path | None = None) -> str:
    """``repository.url`` of ``_config.yml``: the book's one repository setting ("" when unset)."""
    config = _read_yaml(Path(root or paths.repo_root()) / "_config.yml")
    return str((config.get("repository") or {}).get("url") or "").strip()


def site_url(root: Path | None = None) -> str:
    """``site`` of ``_config.yml``: where the built book is published ("" for a local build)."""
    path = Path(root or paths.repo_root()) / "_config.yml"
    site = str(_read_yaml(path).get("site") or "").strip()
    if site and not re.match(r"^https?://[^\s/]+", site):
        raise CompendiumError(f"{path}: site {site!r} is not a web address; expected https://... or empty")
    return site.rstrip("/")


def metadata(root: Path | None = None) -> Metadata:
    """The compendium's citation metadata; refuses a CITATION.cff whose version is not the package's."""
    root = Path(root or paths.repo_root())
    path = root / CFF
    cff = _read_yaml(path)
    missing = [k for k in ("title", "authors", "version", "date-released") if not cff.get(k)]
    if missing:
        raise CompendiumError(f"{path}: missing {', '.join(missing)}; expected a complete CITATION.cff")
    if str(cff["version"]) != __version__:
        raise CompendiumError(f"{path}: version {cff['version']!r} differs from the package's {__version__!r} "
                              "(src/compendium/__init__.py); expected the same version in both")
    released = cff["date-released"]
    if isinstance(released, str):
        released = dt.date.fromisoformat(released)
    return Metadata(capitalise_subtitle(cff["title"]), tuple(_author(a, path) for a in cff["authors"]),
                    str(cff["version"]), released, repository_url(root), site_url(root))


def chapter_title(name: str, chapters_dir: Path | None = None) -> str:
    """The first ``# `` heading of ``chapters/<name>.md``, as written there."""
    path = Path(chapters_dir or paths.chapters_dir()) / f"{name}.md"
    if not path.is_file():
        raise CompendiumError(f"chapter '{name}': {path} not found; expected a chapter of the book")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise CompendiumError(f"chapter '{name}' ({path}) has no '# ' title line")


def record(page: str, title: str, meta: Metadata) -> Record:
    """The citation record of a page of the book (``page`` as Sphinx names it: ``chapters/<name>``)."""
    title = meta.title if page == BOOK_PAGE else capitalise_subtitle(title)
    return Record(page, title, meta)


def page_record(name: str, root: Path | None = None) -> Record:
    """The citation record of ``chapters/<name>.md``."""
    meta = metadata(root)
    title = chapter_title(name, Path(root) / "chapters" if root else None)
    return record(f"chapters/{name}", title, meta)


# --- APA 7 -------------------------------------------------------------------------------------

def _apa_author(author: Author) -> str:
    if author.is_group:
        return author.name
    initials = " ".join(f"{part[0]}." for part in re.split(r"[\s]+", author.given) if part)
    return f"{author.family}, {initials}" if initials else author.family


def apa_authors(authors) -> str:
    names = [_apa_author(a) for a in authors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]


def _end(text: str) -> str:
    return text if text.endswith((".", "?", "!")) else text + "."


def apa(rec: Record, year_suffix: str = "") -> str:
    """The APA 7 reference of a page (Markdown: the book's title in italics).

    As APA 7 lays out a chapter in a book and a book: author. (year). title. The publisher is
    left out because it is the author; the address is the page's own when the book has a site.
    """
    meta = rec.meta
    head = f"{_end(apa_authors(meta.authors))} ({meta.released.year}{year_suffix})."
    if rec.kind == "book":
        text = f"{head} *{meta.title}* (Version {meta.version}) [{GENRE}]."
    else:
        text = f"{head} {rec.title} [{GENRE}]. In *{meta.title}* (Version {meta.version})."
    return f"{text} {rec.url}" if rec.url else text


def apa_in_text(rec: Record, year_suffix: str = "") -> str:
    """The parenthetical citation: "(The compendium’s maintainers, 2026)"."""
    names = [a.name if a.is_group else a.family for a in rec.meta.authors]
    who = names[0] if len(names) == 1 else (" & ".join(names) if len(names) == 2 else f"{names[0]} et al.")
    return f"({who}, {rec.meta.released.year}{year_suffix})"


def _sort_title(title: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", title.lower())


def apa_list(records) -> list[tuple[Record, str]]:
    """Several pages cited in one list: in APA order (by title) with letters after the year.

    APA 7 (section 9.47): works by the same author in the same year are ordered by title and
    take "a", "b", ... after the year, in the list and in the text.
    """
    records = sorted(records, key=lambda r: _sort_title(r.title))
    if len(records) < 2:
        return [(r, "") for r in records]
    return [(r, chr(ord("a") + i)) for i, r in enumerate(records)]


def apa_book(meta: Metadata) -> str:
    """The APA 7 reference of the whole compendium (the print edition's title page): the landing page's."""
    return apa(record(BOOK_PAGE, meta.title, meta))


# --- BibTeX ------------------------------------------------------------------------------------

def bibtex_key(name: str, meta: Metadata) -> str:
    """``compendium-<page>-<year>``."""
    return f"compendium-{re.sub(r'[^a-z0-9]+', '-', name.lower())}-{meta.released.year}"


def protect_capitals(title: str) -> str:
    """A title for BibTeX: words whose capitals are not sentence case kept in braces.

    BibTeX styles lower-case a title except its first letter and the first after a colon; a
    proper noun ("Mexican", "US") is protected word by word, so the title is never locked whole.
    """
    words = title.split(" ")
    out = []
    for i, word in enumerate(words):
        opens_sentence = i == 0 or words[i - 1].endswith(":")
        core = word.rstrip(":;,.?!")
        capital = any(c.isupper() for c in (core[1:] if opens_sentence else core))
        out.append("{" + core + "}" + word[len(core):] if capital else word)
    return " ".join(out)


def _bibtex_author(author: Author) -> str:
    return "{" + author.name + "}" if author.is_group else f"{author.family}, {author.given}".rstrip(", ")


def bibtex(rec: Record) -> str:
    """A BibTeX entry: ``@incollection`` for a page, ``@book`` for the compendium."""
    meta = rec.meta
    fields = {"author": " and ".join(_bibtex_author(a) for a in meta.authors)}
    if rec.kind == "book":
        fields["title"] = protect_capitals(meta.title)
    else:
        fields["title"] = protect_capitals(rec.title)
        fields["booktitle"] = protect_capitals(meta.title)
    fields.update({"year": str(meta.released.year), "date": meta.released.isoformat(), "version": meta.version,
                   "type": GENRE, "publisher": "{" + meta.publisher + "}", "language": "english"})
    if rec.url:
        fields["url"] = rec.url
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    entry_type = "book" if rec.kind == "book" else "incollection"
    return f"@{entry_type}{{{bibtex_key(rec.name if rec.kind == 'chapter' else 'book', meta)},\n{body}\n}}"


# --- CSL-JSON ----------------------------------------------------------------------------------

def _csl_author(author: Author) -> dict:
    return {"literal": author.name} if author.is_group else {"family": author.family, "given": author.given}


def csl_json(rec: Record) -> dict:
    """The page's record as CSL-JSON, the format reference managers import and CSL processors render.

    No publisher: APA leaves out a publisher that is the author (the meta tags still name it).
    """
    meta = rec.meta
    item = {"id": bibtex_key(rec.name if rec.kind == "chapter" else "book", meta),
            "type": "book" if rec.kind == "book" else "chapter",
            "author": [_csl_author(a) for a in meta.authors],
            "issued": {"date-parts": [[meta.released.year, meta.released.month, meta.released.day]]},
            "title": rec.title if rec.kind == "chapter" else meta.title,
            "version": meta.version, "genre": GENRE, "language": LANGUAGE}
    if rec.kind == "chapter":
        item["container-title"] = meta.title
    if rec.url:
        item["URL"] = rec.url
    return item


def csl_json_text(rec: Record) -> str:
    """The download: a list of one CSL-JSON item, as reference managers import it."""
    return json.dumps([csl_json(rec)], ensure_ascii=False, indent=2) + "\n"


def csl_json_path(rec: Record) -> str:
    """Where the book's source holds the page's CSL-JSON (``_cite/<page>.json``)."""
    return f"{CITE_FOLDER}/{rec.name}.json"


# --- The block ---------------------------------------------------------------------------------

def noun(name: str, root: Path | None = None) -> str:
    """What a page is to its reader: the landing page is the "book", a chapter a "chapter", the rest a "page"."""
    if f"chapters/{name}" == BOOK_PAGE:
        return "book"
    source = Path(root or paths.repo_root()) / "chapters" / f"{name}.md"
    return "chapter" if source.is_file() and "cite_this_chapter(" in source.read_text(encoding="utf-8") else "page"


def heading(name: str, root: Path | None = None) -> str:
    """The cite block's heading: "Cite this book", "Cite this chapter" or "Cite this page"."""
    return f"Cite this {noun(name, root)}"


def cite_block_markdown(name: str, root: Path | None = None) -> str:
    """The "Cite this ..." block (Markdown with MyST roles) for ``chapters/<name>.md``."""
    rec = page_record(name, root)
    meta = rec.meta
    fence = "```"
    what = noun(name, root)
    if rec.url:
        where = f"Its address is <{rec.url}>."
    else:
        where = ("This copy is a local build with no web address, so the reference gives none; cite the "
                 "address where the book is published instead.")
    lines = [
        (f"Cite version {meta.version} of the compendium, released {meta.released.isoformat()}, and the paper "
         if what == "book" else
         f"Cite this {what} as a part of version {meta.version} of the compendium, released "
         f"{meta.released.isoformat()}, and cite the paper ")
        + f"it reproduces, {{cite:t}}`{PAPER_KEY}`, listed with every other source in the {{ref}}`bibliography`. "
        + where,
        "",
        "**APA**",
        "",
        f"> {apa(rec)}",
        "",
        f"In the text: {apa_in_text(rec)}.",
    ]
    if rec.kind == "chapter":
        lines.append(f"Citing two or more pages of the book in one list? APA orders them by title and adds a letter "
                     f"to the year of each, in the list and in the text: {meta.released.year}a, "
                     f"{meta.released.year}b, and so on.")
    lines += [
        "",
        "**BibTeX**",
        "",
        f"{fence}bibtex\n{bibtex(rec)}\n{fence}",
        "",
        f"{{download}}`Download this citation (CSL-JSON, for Zotero and other reference managers) "
        f"</{csl_json_path(rec)}>`",
    ]
    return "\n".join(lines)


def cite_this_chapter(name: str):
    """Display the "Cite this chapter" block; call it in the last cell of every chapter."""
    from IPython.display import Markdown

    return Markdown(cite_block_markdown(name))


# --- Meta tags ---------------------------------------------------------------------------------

def _meta_author(author: Author) -> str:
    # Readers split a name at its last space ("maintainers" as a family name) unless it holds a
    # comma: then the part before the comma is the family name. A group's name followed by a comma
    # is kept whole as one family name (Zotero's Embedded Metadata reader, Google Scholar's
    # "Last, First" form with no first name).
    return f"{author.name}," if author.is_group else f"{author.family}, {author.given}".rstrip(", ")


def meta_tags(rec: Record) -> list[tuple[str, str]]:
    """Highwire-style citation tags for a page (Google Scholar's and Zotero's names).

    No tag names the paper's journal or DOI: a page is a record of the compendium, not of the paper.
    """
    meta = rec.meta
    tags = [("citation_title", rec.title)]
    tags += [("citation_author", _meta_author(a)) for a in meta.authors]
    tags.append(("citation_publication_date", meta.released.strftime("%Y/%m/%d")))
    if rec.kind == "chapter":
        tags += [("citation_inbook_title", meta.title), ("citation_book_title", meta.title)]
    else:
        tags.append(("og:type", "book"))  # read as a book by Zotero (its RDF reader); citation_title alone reads as an article
    tags += [("citation_publisher", meta.publisher), ("citation_version", meta.version),
             ("citation_language", LANGUAGE)]
    if rec.url:
        tags += [("citation_public_url", rec.url), ("citation_abstract_html_url", rec.url)]
    return tags
