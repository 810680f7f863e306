"""CITATION.cff is valid and in step with the package; chapter citations and meta tags describe the compendium."""
from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from compendium import __version__
from compendium.build import book
from compendium.present import citation
from compendium.data import paths
from compendium.build import sphinxext
from compendium.data.errors import CompendiumError

ROOT = paths.repo_root()


def test_citation_cff_validates_with_cffconvert():
    executable = Path(sys.executable).with_name("cffconvert")
    assert executable.is_file(), "cffconvert is pinned in requirements.txt; install the requirements"
    completed = subprocess.run([str(executable), "--validate", "-i", str(ROOT / "CITATION.cff")],
                               capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert "valid" in completed.stdout


def test_cffconvert_rejects_a_broken_citation_file(tmp_path):
    broken = tmp_path / "CITATION.cff"
    broken.write_text((ROOT / "CITATION.cff").read_text(encoding="utf-8").replace("cff-version: 1.2.0", "cff-version: 1.2.0\nauthors: nobody"),
                      encoding="utf-8")
    completed = subprocess.run([str(Path(sys.executable).with_name("cffconvert")), "--validate", "-i", str(broken)],
                               capture_output=True, text=True)
    assert completed.returncode != 0


def test_version_and_repository_agree_everywhere():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert str(cff["version"]) == __version__ == pyproject["project"]["version"]
    assert cff.get("repository-code", "") == citation.repository_url(ROOT)
    [paper] = cff["references"]
    assert paper["doi"] == "10.35429/JAF.2024.11.28.5.1.12"
    assert [a["family-names"] for a in paper["authors"]] == ["Lara-Escamilla", "Nava-Pérez", "López-Cortés", "Hernández-Muñoz"]


def test_metadata_refuses_a_version_that_is_not_the_packages(tmp_path):
    for name in ("CITATION.cff", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    path = tmp_path / "CITATION.cff"
    path.write_text(path.read_text(encoding="utf-8").replace(f"version: {__version__}", "version: 9.9.9"), encoding="utf-8")
    with pytest.raises(CompendiumError, match=r"CITATION.cff: version '9.9.9' differs from the package's"):
        citation.metadata(tmp_path)


META = citation.Metadata("An executable compendium: With a subtitle", (citation.Author(name="The compendium’s maintainers"),),
                         "1.2.3", dt.date(2026, 11, 22), "")


def test_apa_names_the_page_the_compendium_its_version_and_year():
    rec = citation.record("chapters/immigration", "Immigration panorama of Mexico", META)
    assert citation.apa(rec) == ("The compendium’s maintainers. (2026). Immigration panorama of Mexico [Executable book]. "
                                 "In *An executable compendium: With a subtitle* (Version 1.2.3).")
    published = citation.record("chapters/x", "X", dataclasses.replace(META, site="https://example.org/book"))
    assert citation.apa(published).endswith(" https://example.org/book/chapters/x.html")
    book = citation.record(citation.BOOK_PAGE, "ignored", META)
    assert citation.apa(book).endswith("*An executable compendium: With a subtitle* (Version 1.2.3) [Executable book].")


def test_bibtex_is_a_part_of_the_compendium_not_the_paper():
    entry = citation.bibtex(citation.record("chapters/returns", "Returns", META))
    assert entry.startswith("@incollection{compendium-returns-2026,")
    assert "booktitle = {An executable compendium: With a subtitle}" in entry
    assert "version = {1.2.3}" in entry and "date = {2026-11-22}" in entry and "year = {2026}" in entry
    assert "author = {{The compendium’s maintainers}}" in entry
    assert "doi" not in entry.lower() and "url" not in entry
    assert citation.bibtex(citation.record(citation.BOOK_PAGE, "x", META)).startswith("@book{compendium-book-2026,")


def test_cite_block_reads_the_page_title_and_cites_the_paper():
    block = citation.cite_block_markdown("returns")
    assert citation.page_record("returns").title in block
    assert citation.page_record("returns").title.endswith(": The paper\u2019s projection, tested")
    assert "{cite:t}`laraescamilla2024`" in block
    assert f"version {__version__}" in block
    assert "</_cite/returns.json>`" in block
    assert citation.heading("returns") == "Cite this chapter"
    assert citation.heading("glossary") == "Cite this page" and citation.heading("index") == "Cite this book"
    with pytest.raises(CompendiumError, match="chapter 'nowhere'"):
        citation.chapter_title("nowhere")


def test_meta_tags_describe_a_page_and_never_the_paper():
    tags = citation.meta_tags(citation.record("chapters/returns", "Returns", META))
    assert ("citation_title", "Returns") in tags and ("citation_inbook_title", META.title) in tags
    assert ("citation_publication_date", "2026/11/22") in tags
    assert not any(name in {"citation_doi", "citation_journal_title", "citation_volume"} for name, _ in tags)
    book_tags = citation.meta_tags(citation.record(citation.BOOK_PAGE, "ignored", META))
    assert ("citation_title", META.title) in book_tags and ("og:type", "book") in book_tags
    assert not any(name == "citation_inbook_title" for name, _ in book_tags)


def test_staging_adds_a_cite_section_to_pages_that_write_none():
    assert book.has_cite_block(ROOT / "chapters" / "diaspora.md")
    assert not book.has_cite_block(ROOT / "chapters" / "glossary.md")
    section = book.cite_section("glossary")
    assert section.startswith("## Cite this page\n\nCite this page as a part of version")
    assert book.cite_section("index").startswith("## Cite this book\n\nCite version")


def test_launch_links_open_the_markdown_notebook_the_repository_holds():
    buttons = [{"buttons": [{"url": "https://mybinder.org/v2/gh/o/r/main?urlpath=lab/tree/chapters/returns.ipynb"}]}]
    sphinxext._retarget(buttons, "chapters/returns")
    assert buttons[0]["buttons"][0]["url"].endswith("chapters/returns.md")


def test_buttons_follow_the_one_repository_setting(tmp_path):
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    config["repository"]["url"] = ""
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    staged = book.staged_config(tmp_path)
    assert staged["html"]["use_repository_button"] is False and staged["launch_buttons"]["binderhub_url"] == ""
    config["repository"]["url"] = "https://github.com/example/compendium"
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    staged = book.staged_config(tmp_path)
    assert staged["html"]["use_repository_button"] is True
    assert staged["launch_buttons"]["binderhub_url"] == config["launch_buttons"]["binderhub_url"]
    assert staged["launch_buttons"]["thebe"] is False
