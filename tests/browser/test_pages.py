"""Every page of the built book, opened in Chromium from the landing page's sidebar, works for a reader.

Each test checks one property on every visited page and lists every page that breaks it, so a
failure says what a reader would meet and where.
"""
from __future__ import annotations

import html as html_lib
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from compendium.build import outputs
from compendium.data import paths

from browsing import open_page, site_path, toc_documents

GLUE_ROLE = re.compile(r"\{glue(?::(text|md))?\}`([^`]+)`")
SEARCH_TERMS = (("", "NODESS"), ("", "Michoacán"), ("es/", "repatriación"), ("es/", "Michoacán"))
"""(edition folder, term): the English search, and the Spanish one with its own stemming."""


def normalise(text: str) -> str:
    """Text as compared: whitespace collapsed, typographic quotes as plain ones (Sphinx may curl them)."""
    text = text.translate(str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\xa0": " "}))
    return re.sub(r"\s+", " ", text).strip()


def staged_notebook(page_path: str) -> Path | None:
    """The executed notebook the page was built from, if it is a chapter notebook."""
    source, page = "book-source", Path(page_path)
    if page.parts[0] == "es":  # the Spanish edition, built from its own staged source
        source, page = "book-source-es", Path(*page.parts[1:])
    candidate = paths.build_dir() / source / page.with_suffix(".ipynb")
    return candidate if candidate.is_file() else None


def test_the_sidebar_reaches_every_page_of_the_table_of_contents(visits):
    missing = [doc for doc in toc_documents() + [f"es/{doc}" for doc in toc_documents()] if doc not in visits]
    assert not missing, f"pages in _toc.yml that the sidebar does not reach: {missing}; visited {sorted(visits)}"


def test_no_page_logs_a_console_error_or_a_failed_request(visits):
    problems = {path: visit.console_errors + visit.failed_requests
                for path, visit in visits.items() if visit.console_errors or visit.failed_requests}
    assert not problems, f"console errors or failed requests: {problems}"


def test_every_image_loads_and_has_alt_text(visits):
    problems = []
    for path, visit in visits.items():
        for image in visit.images:
            if not (image["complete"] and image["naturalWidth"] > 0):
                problems.append(f"{path}: image {image['src']} did not load")
            if not (image["alt"] or "").strip():
                problems.append(f"{path}: image {image['src']} has no alt text")
    assert not problems, "\n".join(problems)
    assert any(visit.images for visit in visits.values()), "no page shows an image: the figures are missing"


def test_no_glue_role_is_left_unrendered(visits):
    problems = [path for path, visit in visits.items() if "{glue:" in visit.html]
    assert not problems, f"pages showing an unrendered {{glue:...}} role: {problems}"


def _ids(html_text: str) -> set[str]:
    return {html_lib.unescape(i) for i in re.findall(r'\b(?:id|name)="([^"]+)"', html_text)}


def test_every_internal_link_and_anchor_resolves(visits, site, html_dir):
    problems, id_cache = [], {}
    for path, visit in visits.items():
        for link in visit.links:
            target = site_path(link, site)
            if not link.startswith(site):
                continue  # another site: not ours to check offline
            file = html_dir / (target or "index.html")
            if file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{path}: link to {target} - no such page")
                continue
            fragment = unquote(urlsplit(link).fragment)
            if not fragment or file.suffix != ".html":
                continue
            if file not in id_cache:
                id_cache[file] = _ids(file.read_text(encoding="utf-8"))
            if fragment not in id_cache[file]:
                problems.append(f"{path}: link to {target}#{fragment} - no such anchor")
    assert not problems, "\n".join(sorted(set(problems)))


def test_every_glued_number_in_the_prose_is_on_the_page(visits):
    checked, problems = 0, []
    for path, visit in visits.items():
        notebook_path = staged_notebook(path)
        if notebook_path is None:
            continue
        notebook = nbformat.read(notebook_path, as_version=4)
        values = outputs.glued_values(notebook)
        page_text = normalise(visit.content)
        for cell in notebook.cells:
            if cell.cell_type != "markdown":
                continue
            for _, key in GLUE_ROLE.findall(cell.source):
                key = key.split("::")[-1]  # a key glued in another notebook keeps its own name
                if key not in values:
                    continue  # glued in another page: checked there
                checked += 1
                if normalise(str(values[key])) not in page_text:
                    problems.append(f"{path}: glued value {key}={values[key]!r} is not in the page text")
    assert not problems, "\n".join(problems)
    assert checked > 0, "no glued value was checked: the chapters glue nothing, or the pages were not found"


def test_every_page_has_a_screenshot(visits):
    for path, visit in visits.items():
        assert visit.screenshot.is_file() and visit.screenshot.stat().st_size > 10_000, \
            f"{path}: screenshot {visit.screenshot} missing or blank"


@pytest.mark.parametrize("edition, term", SEARCH_TERMS)
def test_the_search_page_finds(edition, term, reader, site):
    page, errors, failed = open_page(reader, f"{site}{edition}search.html?q={term}")
    try:
        page.wait_for_function("() => document.querySelectorAll('#search-results ul.search li').length > 0"
                               " || /did not match|no coincide/.test(document.body.innerText)", timeout=30_000)
        results = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(a => a.href)")
        summary = page.inner_text("#search-results")
    finally:
        page.close()
    assert results, f"searching for {term!r} found nothing: {summary[:300]!r}"
    assert not errors and not failed, f"the search page logged errors: {errors + failed}"
    # The results must be pages that really contain the term, not noise.
    pages = {site_path(url.split("#")[0], site) for url in results}
    assert any(term.lower() in normalise((paths.build_dir() / "html" / p).read_text(encoding="utf-8")).lower()
               for p in pages), f"no result page for {term!r} contains it: {sorted(pages)}"
