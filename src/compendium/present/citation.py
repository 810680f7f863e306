"""How to cite the compendium and each of its chapters, from one metadata source.

``CITATION.cff`` at the repository root holds the title, authors, version and release date;
``_config.yml`` holds the one repository setting (``repository.url``, empty while the repository
has no public address: then no citation carries a link). From them this module writes the
"Cite this chapter" block at the end of every chapter (APA and BibTeX) and the citation meta
tags of the HTML pages (see :mod:`compendium.build.sphinxext`). A chapter is cited as a part of the
compendium, never as the paper, so indexers do not make a second record of the paper.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from compendium import __version__
from compendium.data import paths
from compendium.data.errors import CompendiumError

CFF = "CITATION.cff"


@dataclass(frozen=True)
class Metadata:
    """What a citation of the compendium needs."""

    title: str
    authors: tuple[str, ...]
    version: str
    released: dt.date
    repository_url: str  # "" when the repository has no public address


def _author_name(author: dict) -> str:
    if "name" in author:
        return str(author["name"])
    return " ".join(str(author[k]) for k in ("given-names", "family-names") if author.get(k))


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
    return Metadata(" ".join(str(cff["title"]).split()), tuple(_author_name(a) for a in cff["authors"]),
                    str(cff["version"]), released, repository_url(root))


def chapter_title(name: str, chapters_dir: Path | None = None) -> str:
    """The first ``# `` heading of ``chapters/<name>.md``."""
    path = Path(chapters_dir or paths.chapters_dir()) / f"{name}.md"
    if not path.is_file():
        raise CompendiumError(f"chapter '{name}': {path} not found; expected a chapter of the book")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            return line[2:].strip()
    raise CompendiumError(f"chapter '{name}' ({path}) has no '# ' title line")


def _apa_authors(authors) -> str:
    authors = list(authors)
    if len(authors) == 1:
        return authors[0]
    return ", ".join(authors[:-1]) + ", & " + authors[-1]


def apa(chapter: str, meta: Metadata) -> str:
    """The APA (7th edition) reference of a chapter of the compendium, as Markdown."""
    date = f"{meta.released.year}, {meta.released:%B} {meta.released.day}"
    text = (f"{_apa_authors(meta.authors)} ({date}). {chapter}. In *{meta.title}* "
            f"(Version {meta.version}) [Executable book].")
    if meta.repository_url:
        text += f" {meta.repository_url}"
    return text


def apa_book(meta: Metadata) -> str:
    """The APA (7th edition) reference of the whole compendium, as Markdown (the print edition's title page)."""
    date = f"{meta.released.year}, {meta.released:%B} {meta.released.day}"
    text = f"{_apa_authors(meta.authors)} ({date}). *{meta.title}* (Version {meta.version}) [Executable book]."
    if meta.repository_url:
        text += f" {meta.repository_url}"
    return text


def bibtex_key(name: str, meta: Metadata) -> str:
    """``compendium-<chapter>-<year>``."""
    return f"compendium-{re.sub(r'[^a-z0-9]+', '-', name.lower())}-{meta.released.year}"


def bibtex(name: str, chapter: str, meta: Metadata) -> str:
    """A BibTeX ``@incollection`` entry for a chapter of the compendium."""
    fields = {
        "author": " and ".join("{" + a + "}" for a in meta.authors),
        "title": "{" + chapter + "}",
        "booktitle": "{" + meta.title + "}",
        "year": str(meta.released.year),
        "edition": f"Version {meta.version}",
        "note": f"Executable book, version {meta.version}, released {meta.released.isoformat()}",
    }
    if meta.repository_url:
        fields["url"] = meta.repository_url
    body = ",\n".join(f"  {k} = {{{v}}}" for k, v in fields.items())
    return f"@incollection{{{bibtex_key(name, meta)},\n{body}\n}}"


def cite_block_markdown(name: str, root: Path | None = None) -> str:
    """The "Cite this chapter" block (Markdown with MyST roles) for chapter ``name``."""
    meta = metadata(root)
    chapter = chapter_title(name, Path(root) / "chapters" if root else None)
    fence = "```"
    return "\n".join([
        f"Cite this chapter as part of version {meta.version} of the compendium, released "
        f"{meta.released.isoformat()}, and cite the paper it reproduces, {{cite:t}}`laraescamilla2024`. "
        "The paper is listed with every other source in the {ref}`bibliography`.",
        "",
        "**APA**",
        "",
        f"> {apa(chapter, meta)}",
        "",
        "**BibTeX**",
        "",
        f"{fence}bibtex\n{bibtex(name, chapter, meta)}\n{fence}",
    ])


def cite_this_chapter(name: str):
    """Display the "Cite this chapter" block; call it in the last cell of every chapter."""
    from IPython.display import Markdown

    return Markdown(cite_block_markdown(name))


def meta_tags(title: str, meta: Metadata, whole_book: bool = False) -> list[tuple[str, str]]:
    """Highwire-style citation tags for a page: a chapter of the compendium, or the compendium itself.

    No tag names the paper's journal or DOI: a page is a record of the compendium, not of the paper.
    """
    tags = [("citation_title", meta.title if whole_book else title)]
    tags += [("citation_author", author) for author in meta.authors]
    tags.append(("citation_publication_date", meta.released.strftime("%Y/%m/%d")))
    if not whole_book:
        tags.append(("citation_inbook_title", meta.title))
    tags.append(("citation_language", "en"))
    if meta.repository_url:
        tags.append(("citation_public_url", meta.repository_url))
    return tags
