"""What a reader of the built book relies on: citation blocks and tags, data links that work, no network.

These tests read the HTML in ``_build/html`` as built by ``python -m compendium book``.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlparse

import pandas as pd
import pytest
import yaml

from compendium import __version__
from compendium.present import bibliography
from compendium.present import citation
from compendium.data import loaders
from compendium.present import glossary
from compendium.data import paths


def toc_pages(part: str | None = None) -> list[str]:
    toc = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
    return [c["file"] for p in toc["parts"] if part in (None, p["caption"]) for c in p["chapters"]]


CHAPTERS = toc_pages("Chapters")


class Page(HTMLParser):
    """The parts of an HTML page these tests look at."""

    def __init__(self, path: Path):
        super().__init__()
        self.path, self.links, self.assets, self.ids, self.meta = path, [], [], [], []
        self.inline_scripts, self._in_script = [], False
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "meta" and attrs.get("name", "").startswith("citation_"):
            self.meta.append((attrs["name"], attrs.get("content", "")))
        for name in ("src", "data", "poster", "srcset"):
            if attrs.get(name) and tag in {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "input"}:
                self.assets.append((tag, attrs[name]))
        if tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & {
                "stylesheet", "preload", "modulepreload", "icon", "prefetch", "manifest"}:
            self.assets.append((tag, attrs["href"]))
        self._in_script = tag in {"script", "style"}

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, text):
        if self._in_script:
            self.inline_scripts.append(text)


@pytest.fixture(scope="module")
def pages(built_book):
    return {p: Page(p) for p in sorted(built_book.rglob("*.html"))}


def plain(text: str) -> str:
    """Text with typographic quotes made straight (Sphinx curls the quotes of titles)."""
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')


def page_of(built_book, entry: str) -> Path:
    return built_book / f"{entry}.html"


def is_external(url: str) -> bool:
    return url.startswith("//") or urlparse(url).scheme in {"http", "https", "ftp", "ws", "wss"}


def test_no_page_loads_anything_from_another_host(pages, built_book):
    for path, page in pages.items():
        external = [url for _, url in page.assets if is_external(url)]
        assert not external, f"{path.relative_to(built_book)} loads {external}"
        for script in page.inline_scripts:
            urls = [u for u in re.findall(r"""["'(]((?:https?:)?//[^"')\s]+)""", script)
                    if not u.startswith("http://www.w3.org/")]  # XML namespace names, never fetched
            assert not urls, f"{path.relative_to(built_book)} has a script that fetches {urls}"
    for css in (built_book / "_static").rglob("*.css"):
        fetched = re.findall(r"(?:@import|url\()\s*['\"]?((?:https?:)?//[^'\")\s]+)", css.read_text(encoding="utf-8", errors="replace"))
        assert not fetched, f"{css} fetches {fetched}"


def test_no_live_code_or_invented_launch_address_without_a_repository(pages):
    assert citation.repository_url() == "", "this test describes the book with no repository address"
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert "x-thebe-config" not in text and "THEBE_JS_URL" not in text, path
        assert "binder-examples" not in text and "mybinder.org" not in text, path


def test_every_chapter_page_ends_with_its_citation_block(built_book):
    meta = citation.metadata()
    for entry in CHAPTERS:
        html = page_of(built_book, entry).read_text(encoding="utf-8")
        assert 'id="cite-this-chapter"' in html, f"{entry} has no 'Cite this chapter' section"
        section = html[html.index('id="cite-this-chapter"'):]
        block = plain(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", section[:section.index("</section>")])))
        title = citation.page_record(Path(entry).name).title
        assert plain(f"{title} [Executable book]. In {meta.title} (Version {__version__})") in block, entry
        assert f"@incollection {{ compendium-{Path(entry).name.replace('_', '-')}-{meta.released.year}" in block, entry
        assert meta.released.isoformat() in block, entry


def test_chapter_pages_carry_citation_tags_of_the_chapter_not_the_paper(pages, built_book):
    meta = citation.metadata()
    for entry in CHAPTERS:
        tags = dict(pages[page_of(built_book, entry)].meta)
        assert tags["citation_title"] == citation.page_record(Path(entry).name).title, entry
        assert tags["citation_inbook_title"] == meta.title
        assert tags["citation_publication_date"] == meta.released.strftime("%Y/%m/%d")
        assert not {"citation_doi", "citation_journal_title", "citation_issn"} & set(tags), entry
    root = dict(pages[page_of(built_book, "chapters/index")].meta)
    assert root["citation_title"] == meta.title and "citation_inbook_title" not in root


def figure_and_table_names(page: Page) -> list[str]:
    return [i for i in page.ids if re.match(r"^(fig|tbl)-", i)]


def test_every_figure_and_table_has_a_data_link_that_works(pages, built_book):
    checked = 0
    for entry in CHAPTERS:
        page = pages[page_of(built_book, entry)]
        names = figure_and_table_names(page)
        assert names, f"{entry} has no numbered figure or table"
        downloads = [unquote(urlparse(h).path) for h in page.links if "_downloads/" in h]
        for name in names:  # Sphinx writes the name's underscores as hyphens in the id
            files = [d for d in downloads if re.search(rf"/{re.escape(name)}(-[a-z0-9-]+)?\.csv$", d.replace("_", "-"))]
            assert files, f"{entry}: {name} has no data link"
            for link in files:
                target = (page.path.parent / link).resolve()
                assert target.is_file(), f"{entry}: the link {link} of {name} leads nowhere"
                assert len(pd.read_csv(target)) > 0, f"{entry}: {link} is empty"
                checked += 1
    assert checked >= 50


def test_every_download_link_in_the_book_finds_its_file(pages, built_book):
    for path, page in pages.items():
        for href in page.links:
            if "_downloads/" in href and not is_external(href):
                target = (path.parent / unquote(urlparse(href).path)).resolve()
                assert target.is_file(), f"{path.relative_to(built_book)}: {href} leads nowhere"


def test_a_downloaded_table_holds_exactly_what_the_table_shows(pages, built_book):
    page = pages[page_of(built_book, "chapters/business_models")]
    [link] = [h for h in page.links if h.endswith("/tbl-business_models-minimums.csv")]
    downloaded = pd.read_csv((page.path.parent / link).resolve())
    expected = loaders.load_osse_group_minimums().rename(columns={"form": "Kind of OSSE", "minimum_people": "Minimum number of people"})
    pd.testing.assert_frame_equal(downloaded, expected.reset_index(drop=True), check_dtype=False)


def test_data_blocks_describe_the_datasets_and_link_the_code(built_book):
    html = page_of(built_book, "chapters/diaspora").read_text(encoding="utf-8")
    assert "Where these data come from" in html
    assert "Table 1: Mexican population by US state (consular IDs issued in 2022)" in html
    assert "compendium.present.figures.diaspora.plot_tiles" in html
    code_links = re.findall(r'href="([^"]*_downloads/[^"]*/diaspora\.py)"', html)
    assert code_links and (page_of(built_book, "chapters/diaspora").parent / code_links[0]).resolve().is_file()


def test_the_bibliography_lists_every_entry_and_citations_link_to_it(built_book):
    html = page_of(built_book, "chapters/bibliography").read_text(encoding="utf-8")
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
    for row in loaders.load_references().itertuples():
        assert row.title.split(".")[0][:40] in text, row.key
    assert text.count("Press report quoting the Unidad de Política Migratoria") == len(bibliography.press_pages())
    chapter = page_of(built_book, "chapters/returns").read_text(encoding="utf-8")
    assert 'href="bibliography.html#id' in chapter


def glossary_ids(built_book) -> dict[str, str]:
    """Each name the built glossary lists -> the id of its entry on the glossary page."""
    from bs4 import BeautifulSoup

    page = BeautifulSoup(page_of(built_book, "chapters/glossary").read_text(encoding="utf-8"), "html.parser")
    return {plain(dt.get_text(" ", strip=True).rstrip("#").strip()): dt["id"] for dt in page.select("dl.glossary dt[id]")}


def test_chapters_link_the_abbreviations_and_terms_they_use_to_the_glossary(pages, built_book):
    ids = glossary_ids(built_book)
    for row in loaders.load_abbreviations().itertuples():
        assert ids.get(row.abbreviation) == f"term-{row.abbreviation}"
    for entry in CHAPTERS:
        used = glossary.terms_in((paths.repo_root() / f"{entry}.md").read_text(encoding="utf-8"))
        assert used, f"{entry} uses no abbreviation or term of the glossary"
        links = {h.split("#")[1] for h in pages[page_of(built_book, entry)].links if h.startswith("glossary.html#term-")}
        missing = [term for term in used if ids[term] not in links]
        assert not missing, f"{entry} does not link {missing}"


def test_citations_in_the_text_name_the_entry_as_the_list_labels_it(built_book):
    from bs4 import BeautifulSoup

    listing = BeautifulSoup(page_of(built_book, "chapters/bibliography").read_text(encoding="utf-8"), "html.parser")
    labels = {div["id"]: div.select_one("span.label").get_text("", strip=True).strip("[]")
              for div in listing.select("div.citation[id]")}
    checked = 0
    for entry in ["chapters/index"] + CHAPTERS:
        page = BeautifulSoup(page_of(built_book, entry).read_text(encoding="utf-8"), "html.parser")
        for link in page.select('a[href^="bibliography.html#id"]'):  # citations, not links to the page
            label, text = labels[link["href"].split("#")[1]], " ".join(link.get_text("").split())
            assert label.startswith(text) or label.endswith(text), f"{entry}: '{text}' cites the entry '{label}'"
            checked += 1
    assert checked >= 20
