"""The two editions as built: every page in both, the same numbers, no English left in translated Spanish outputs.

Words differ between the editions, numbers do not: the manifest records the numbers of every
glued value in each edition and they must agree. A page that is translated (not listed in
``locale/es/untranslated.txt``) must glue every value in Spanish, and its Spanish figures and
glued texts may repeat an English text only where the catalogue says so (a name, "Total"), or
where it holds no English word. Every page links the same page of the other edition.
"""
from __future__ import annotations

import base64
import json
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest

from compendium.build import book, catalogues, editions, manifest, pages
from compendium.data import paths
from compendium.present import i18n

_WORD = re.compile(r"\b[a-z]{3,}\b")
_SVG_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.DOTALL)
_SWITCH = re.compile(r'<nav class="compendium-language-switch"[^>]*>.*?href="([^"]+)"', re.DOTALL)


def _translated_chapters() -> list[str]:
    listed = set(catalogues.allowed_incomplete("es"))
    return [page.split("/", 1)[1] for page in catalogues.book_pages()
            if page not in listed and (paths.build_dir() / "executed" / f"{page.split('/', 1)[1]}.ipynb").is_file()]


def _catalogue_strings() -> set[str]:
    from babel.messages.pofile import read_po

    with i18n.catalogue_path("es").open("rb") as handle:
        return {m.string for m in read_po(handle) if m.id and isinstance(m.string, str) and m.string}


def _english_words(text: str) -> bool:
    return bool(_WORD.search(re.sub(r"<[^>]+>", "", text)))


def test_every_page_is_in_both_editions(built_book):
    english = {p.relative_to(built_book).as_posix() for p in built_book.rglob("*.html")
               if not p.relative_to(built_book).parts[0].startswith(("_", "es"))}
    spanish = {p.relative_to(built_book / "es").as_posix() for p in (built_book / "es").rglob("*.html")
               if not p.relative_to(built_book / "es").parts[0].startswith("_")}
    assert "chapters/diaspora.html" in english and english == spanish


def test_the_spanish_edition_says_it_is_spanish(built_book):
    page = (built_book / "es" / "chapters" / "diaspora.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]*\blang="es"', page)
    assert '<meta name="citation_language" content="es"' in page
    assert 'hreflang="en" href="../../chapters/diaspora.html"' in page
    assert re.search(r'<html[^>]*\blang="en"', (built_book / "chapters" / "diaspora.html").read_text(encoding="utf-8"))


def test_language_switch_links_resolve_on_every_page(built_book):
    checked = 0
    for page in sorted(built_book.rglob("*.html")):
        relative = page.relative_to(built_book)
        if relative.parts[0].startswith("_") or (relative.parts[0] == "es" and relative.parts[1].startswith("_")):
            continue
        text = page.read_text(encoding="utf-8")
        if "<article" not in text or page.name in ("genindex.html", "search.html"):
            continue
        match = _SWITCH.search(text)
        assert match, f"{relative}: no language switch"
        target = (page.parent / urlsplit(match.group(1)).path).resolve()
        assert target.is_file(), f"{relative}: the language switch leads to {match.group(1)}, which does not exist"
        other = target.relative_to(built_book.resolve()).as_posix()
        assert other.removeprefix("es/") == relative.as_posix().removeprefix("es/"), f"{relative} switches to {other}"
        checked += 1
    assert checked >= 2 * len(catalogues.book_pages())


def test_the_manifest_shows_the_same_numbers_in_both_editions(built_book):
    recorded = json.loads(manifest.manifest_path().read_text(encoding="utf-8"))
    differ = []
    for chapter, entry in recorded["chapters"].items():
        numbers = entry["numbers"]
        assert set(numbers) == set(i18n.LANGUAGES), f"chapter {chapter!r}: numbers for {sorted(numbers)}"
        for key, english in numbers["en"].items():
            if Counter(numbers["es"][key]) != Counter(english):
                differ.append(f"{chapter}: {key}: {english} vs {numbers['es'][key]}")
    assert not differ, "\n".join(differ[:20])


def test_every_glued_value_shows_in_both_editions(built_book):
    for lang in i18n.LANGUAGES:
        source = book.staging_dir(lang)
        stale = pages.stale_pages(source, book.sphinx_output_dir(lang))
        assert not stale, "\n".join(map(str, stale))


@pytest.mark.parametrize("chapter", _translated_chapters())
def test_translated_pages_glue_every_value_in_spanish(built_book, chapter):
    notebook = nbformat.read(paths.build_dir() / "executed" / f"{chapter}.ipynb", as_version=4)
    keys = editions.glued_keys(notebook)
    english_only = sorted(k for k in keys if editions.split_variant(k)[1] is None and f"{k}__es" not in keys)
    assert not english_only, f"chapter {chapter!r} glues these values in English only: {english_only[:20]}"
    by_language = editions.glued_by_language(notebook)
    known = _catalogue_strings()
    left = [f"{key}: {text}" for key, text in by_language["es"].items()
            if text == by_language["en"][key] and _english_words(text) and text not in known]
    assert not left, f"chapter {chapter!r}: Spanish glued texts left in English: {left[:10]}"


def _figure_texts(notebook, lang: str) -> list[set[str]]:
    found = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if output.get("metadata", {}).get(editions.LANG_METADATA, lang) != lang:
                continue
            svg = output.get("data", {}).get("image/svg+xml")
            if svg:
                svg = "".join(svg) if isinstance(svg, list) else svg
                found.append({" ".join(t.split()) for t in _SVG_TEXT.findall(svg) if t.strip()})
    return found


@pytest.mark.parametrize("chapter", _translated_chapters())
def test_translated_pages_have_no_english_in_their_spanish_figures(built_book, chapter):
    notebook = nbformat.read(paths.build_dir() / "executed" / f"{chapter}.ipynb", as_version=4)
    english, spanish = _figure_texts(notebook, "en"), _figure_texts(notebook, "es")
    assert len(english) == len(spanish), f"chapter {chapter!r}: {len(english)} English figures, {len(spanish)} Spanish"
    known = _catalogue_strings()
    for number, (en, es) in enumerate(zip(english, spanish), 1):
        left = sorted(t for t in es & en if _english_words(t) and t not in known)
        assert not left, f"chapter {chapter!r}, figure {number}: English text in the Spanish figure: {left[:10]}"


def test_figures_are_drawn_once_per_language_and_kept_apart():
    notebook = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("")
    png = base64.b64encode(b"png").decode()
    cell.outputs = [nbformat.v4.new_output("display_data", data={"image/png": png}, metadata={"compendium_lang": lang})
                    for lang in i18n.LANGUAGES]
    notebook.cells = [cell]
    for lang in i18n.LANGUAGES:
        kept = editions.edition_notebook(notebook, lang, "x").cells[0].outputs
        assert [o.metadata["compendium_lang"] for o in kept] == [lang]
