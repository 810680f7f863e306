"""Every page's citation, as reference managers, indexers and a CSL processor read it.

The meta tags are read with ports of Zotero's Embedded Metadata rules and checked against Google
Scholar's inclusion guidelines (``citation_readers``), in both states of the ``site`` setting: in
a small real Sphinx build with the compendium's extension, and in the built book (no site). The
APA text is compared with citeproc-py's rendering of the page's CSL-JSON with the official APA 7
style (``tests/csl/apa.csl``), and the BibTeX is parsed back with pybtex to the same fields.
"""
from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pybtex.database
import pytest
import yaml
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON

from citation_readers import HeadTags, scholar_problems, zotero_creators, zotero_item
from compendium.data import paths
from compendium.data.errors import CompendiumError
from compendium.present import citation

ROOT = paths.repo_root()
SITE = "https://example.org/compendium"
GROUP = "The compendium\u2019s maintainers"
PAGES = sorted(p.stem for p in (ROOT / "chapters").glob("*.md"))
APA_STYLE = Path(__file__).parent / "csl" / "apa.csl"


def with_site(rec: citation.Record, site: str = SITE) -> citation.Record:
    return dataclasses.replace(rec, meta=dataclasses.replace(rec.meta, site=site))


def records(site: str = "") -> list[citation.Record]:
    return [with_site(citation.page_record(name), site) for name in PAGES]


# --- the meta tags, as Zotero and Google Scholar read them ---------------------------------------

@pytest.mark.parametrize("site", ["", SITE])
def test_zotero_keeps_the_group_author_whole_and_saves_the_right_kind_of_item(site):
    for rec in records(site):
        tags = citation.meta_tags(rec)
        item = zotero_item(tags)
        assert item["creators"] == [{"lastName": GROUP, "firstName": ""}], rec.page
        assert item["itemType"] == ("book" if rec.kind == "book" else "bookSection"), rec.page
        assert item["title"] == rec.title and item["date"] == rec.meta.released.strftime("%Y/%m/%d")
        assert item["publisher"] == GROUP and item["language"] == "en"
        assert ("citation_version", rec.meta.version) in tags
        if rec.kind == "chapter":
            assert item["bookTitle"] == rec.meta.title
        assert "DOI" not in item and "publicationTitle" not in item, rec.page
        assert item.get("url", "") == rec.url == (f"{SITE}/{rec.page}.html" if site else "")


def test_the_readers_ports_split_a_plain_name_as_zotero_does():
    # what the tags gave before: Zotero made a person of the group ("Maintainers, T. compendium's")
    assert zotero_creators([GROUP]) == [{"lastName": "maintainers", "firstName": "The compendium\u2019s"}]
    assert zotero_creators(["Lara-Escamilla, Samuel"]) == [{"lastName": "Lara-Escamilla", "firstName": "Samuel"}]
    assert zotero_creators(["Ana López; Samuel Lara"])[1] == {"lastName": "Lara", "firstName": "Samuel"}
    assert zotero_item([("citation_title", "x")])["itemType"] == "journalArticle"
    assert scholar_problems([("citation_title", "x"), ("citation_author", "A; B"),
                             ("citation_publication_date", "2026-11-22")]) == [
        "one author per citation_author tag, not 'A; B'",
        "citation_publication_date must be YYYY/MM/DD or YYYY, not ['2026-11-22']"]


@pytest.mark.parametrize("site", ["", SITE])
def test_google_scholar_finds_nothing_to_object_to(site):
    for rec in records(site):
        assert scholar_problems(citation.meta_tags(rec)) == [], rec.page


# --- APA, as a CSL processor renders the same record ------------------------------------------------

def citeproc_apa(items: list[dict]) -> tuple[list[str], list[str]]:
    style = CitationStylesStyle(str(APA_STYLE), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.html)
    cites = [Citation([CitationItem(item["id"])]) for item in items]
    for cite in cites:
        bibliography.register(cite)
    in_text = [bibliography.cite(cite, lambda item: pytest.fail(f"unknown item {item.key}")) for cite in cites]
    return [str(entry) for entry in bibliography.bibliography()], in_text


def markdown_to_html(text: str) -> str:
    return re.sub(r"\*([^*]+)\*", r"<i>\1</i>", text)


@pytest.mark.parametrize("site", ["", SITE])
def test_the_apa_text_is_what_citeproc_renders_with_the_apa_7_style(site):
    for rec in records(site):
        [reference], [in_text] = citeproc_apa([citation.csl_json(rec)])
        assert markdown_to_html(citation.apa(rec)) == reference, rec.page
        assert citation.apa_in_text(rec) == in_text
    chapter = records(site)[0]
    assert f"({chapter.meta.released.year})." in citation.apa(chapter), "APA gives the year of a chapter, not the date"
    assert ("https://" in citation.apa(chapter)) == bool(site)


def test_two_pages_cited_together_get_2026a_and_2026b_in_title_order():
    listed = citation.apa_list([citation.page_record("returns"), citation.page_record("diaspora")])
    assert [(rec.name, letter) for rec, letter in listed] == [("diaspora", "a"), ("returns", "b")]
    year = listed[0][0].meta.released.year
    assert citation.apa(listed[0][0], "a").split(". ", 2)[1] == f"({year}a)"
    assert citation.apa_in_text(listed[1][0], "b") == f"({GROUP}, {year}b)"
    assert [letter for _, letter in citation.apa_list([citation.page_record("returns")])] == [""]
    assert f"{year}a, {year}b" in citation.cite_block_markdown("returns")


def test_titles_are_sentence_case_with_the_subtitle_capitalised():
    assert citation.capitalise_subtitle("Returns: what the data say") == "Returns: What the data say"
    assert citation.metadata().title.endswith(": An executable compendium")
    assert citation.protect_capitals("The Mexican diaspora: Abroad, by US state") == \
        "The {Mexican} diaspora: Abroad, by {US} state"


# --- BibTeX, parsed back ------------------------------------------------------------------------

@pytest.mark.parametrize("site", ["", SITE])
def test_the_bibtex_parses_back_to_the_fields_of_the_csl_record(site):
    for rec in records(site):
        item = citation.csl_json(rec)
        [entry] = pybtex.database.parse_string(citation.bibtex(rec), "bibtex").entries.values()
        [author] = entry.persons["author"]
        assert str(author) == "{" + GROUP + "}", "the group is one brace group, never split into names"
        assert author.last_names == ["{" + GROUP + "}"] and not author.first_names
        unbraced = {k: v.replace("{", "").replace("}", "") for k, v in entry.fields.items()}
        assert unbraced["title"] == item["title"]
        assert unbraced.get("booktitle") == item.get("container-title")
        assert unbraced["year"] == str(item["issued"]["date-parts"][0][0])
        assert unbraced["version"] == item["version"] and unbraced["type"] == item["genre"]
        assert unbraced.get("url") == item.get("URL")
        assert "\u2019" in unbraced["publisher"] and "'" not in citation.bibtex(rec)
        assert entry.type == ("book" if rec.kind == "book" else "incollection")
        assert "{{" not in entry.fields["title"], "the title is not locked in braces as a whole"


# --- the site setting ---------------------------------------------------------------------------

def copy_root(tmp_path: Path, site: str) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    for name in ("CITATION.cff", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters")
    config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
    config["site"] = site
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return tmp_path


def test_a_local_build_says_so_and_gives_no_address(tmp_path):
    root = copy_root(tmp_path / "local", "")
    block = citation.cite_block_markdown("diaspora", root)
    assert "local build" in block and "http" not in block
    published = citation.cite_block_markdown("diaspora", copy_root(tmp_path / "site", SITE))
    assert "local build" not in published and f"{SITE}/chapters/diaspora.html" in published
    assert published.count(f"{SITE}/chapters/diaspora.html") == 3  # the sentence, APA and BibTeX


def test_a_site_that_is_not_a_web_address_is_refused(tmp_path):
    root = copy_root(tmp_path, "example.org/book")
    with pytest.raises(CompendiumError, match=r"_config.yml: site 'example.org/book' is not a web address"):
        citation.metadata(root)


SPHINX_CONF = """
extensions = ["compendium.build.sphinxext"]
root_doc = "chapters/index"
html_theme = "basic"
"""


def sphinx_pages(tmp_path: Path, site: str, monkeypatch) -> dict[str, HeadTags]:
    """A small real Sphinx build with the compendium's extension: the landing page and a chapter."""
    from sphinx.cmd.build import build_main

    root = copy_root(tmp_path / "root", site)
    source = tmp_path / "source"
    (source / "chapters").mkdir(parents=True)
    (source / "conf.py").write_text(SPHINX_CONF, encoding="utf-8")
    (source / "chapters" / "index.rst").write_text(
        "Landing\n=======\n\nThe paper: https://doi.org/10.35429/JAF.2024.11.28.5.1.12\n\n.. toctree::\n\n   returns\n",
        encoding="utf-8")
    (source / "chapters" / "returns.rst").write_text(
        f"{citation.chapter_title('returns')}\n{'=' * 80}\n\nText.\n", encoding="utf-8")
    monkeypatch.setenv("COMPENDIUM_ROOT", str(root))
    assert build_main(["-q", "-b", "html", str(source), str(tmp_path / "html")]) == 0
    return {name: HeadTags((tmp_path / "html" / "chapters" / f"{name}.html").read_text(encoding="utf-8"))
            for name in ("index", "returns")}


@pytest.mark.parametrize("site", ["", SITE])
def test_a_sphinx_build_writes_the_tags_and_the_canonical_link_only_with_a_site(tmp_path, monkeypatch, site):
    pages = sphinx_pages(tmp_path, site, monkeypatch)
    for name, head in pages.items():
        item = zotero_item(head.meta)
        assert scholar_problems(head.meta) == [], name
        assert item["creators"] == [{"lastName": GROUP, "firstName": ""}]
        assert item["itemType"] == ("book" if name == "index" else "bookSection")
        expected = [f"{SITE}/chapters/{name}.html"] if site else []
        assert head.canonical == expected, name
        assert [v for n, v in head.meta if n == "citation_public_url"] == expected
    landing = (tmp_path / "html" / "chapters" / "index.html").read_text(encoding="utf-8")
    assert not doi_candidates(landing), "the paper's DOI is detectable as the landing page's own"
    assert "10.35429<wbr>/JAF.2024.11.28.5.1.12" in landing


# --- the built book (site empty) -----------------------------------------------------------------

DOI_IN_TEXT = re.compile(r"\b10\.[0-9]{4,}/[^\s&\"']*[^\s&\"'.,]")
DOI_IN_LINK = re.compile(r"doi\.org/(10\.[0-9]{4,}/[^\s\"'&]*)")


def doi_candidates(html: str) -> set[str]:
    """The DOIs Zotero's DOI translator finds on a page: in text nodes (not scripts or styles) and in links."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style"]):
        element.decompose()
    found = set()
    for text in soup.find_all(string=True):
        found.update(DOI_IN_TEXT.findall(str(text)))
    for link in soup.select("a[href]"):
        found.update(DOI_IN_LINK.findall(link["href"]))
    return found


def test_every_page_of_the_built_book_has_its_citation_block_tags_and_download(built_book):
    from bs4 import BeautifulSoup

    for name in PAGES:
        rec = citation.page_record(name)
        html = (built_book / "chapters" / f"{name}.html").read_text(encoding="utf-8")
        head = HeadTags(html)
        assert scholar_problems(head.meta) == [], name
        item = zotero_item(head.meta)
        assert item["creators"] == [{"lastName": GROUP, "firstName": ""}], name
        assert item["title"] == rec.title and "url" not in item and head.canonical == [], name
        soup = BeautifulSoup(html, "html.parser")
        [section] = soup.select("section[id^='cite-this']")
        text = " ".join(section.get_text(" ").split())
        assert "local build" in text, name
        assert " ".join(re.sub(r"\*", "", citation.apa(rec)).split()) in text, name
        assert "\u2019" in text and "compendium's" not in text, f"{name}: one apostrophe everywhere"
        [download] = [a["href"] for a in section.select("a[href$='.json']")]
        record = json.loads((built_book / "chapters" / download).resolve().read_text(encoding="utf-8"))
        assert record == [citation.csl_json(rec)], name
        assert not doi_candidates(html), f"{name}: a DOI is detectable as the page's own"
