"""The book builds with warnings as errors, and its Data appendix shows every dataset."""
from __future__ import annotations

import re

from compendium.build import book
from compendium.data import descriptor
from compendium.data import paths


def page_text(path):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8")))


def test_every_toc_entry_has_a_page(built_book):
    import yaml

    toc = yaml.safe_load((paths.repo_root() / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]] + [c["file"] for part in toc.get("parts", []) for c in part["chapters"]]
    for entry in files:
        assert (built_book / f"{entry}.html").is_file(), f"no page for {entry}"


def test_the_data_appendix_shows_every_dataset_with_its_provenance(built_book):
    html = (built_book / "chapters" / "data.html").read_text(encoding="utf-8")
    for name in descriptor.resource_names():
        assert f'id="dataset-{name}"' in html, f"dataset {name} missing from the Data appendix"
    text = page_text(built_book / "chapters" / "data.html")
    assert "lines 203-261 of the plain-text copy" in text  # Table 1's provenance
    assert f"The package holds {len(descriptor.resource_names())} datasets" in text


def test_no_glue_key_is_left_unrendered(built_book):
    for page in built_book.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "{glue:" not in html, f"unrendered glue role in {page}"


def test_every_page_has_a_source_document(built_book):
    source = paths.build_dir() / "book-source"
    for page in (built_book / "chapters").glob("*.html"):
        stem = source / "chapters" / page.stem
        assert stem.with_suffix(".md").is_file() or stem.with_suffix(".ipynb").is_file(), f"orphan page {page}"


def test_a_removed_chapter_leaves_no_page_behind(tmp_path):
    source, html = tmp_path / "src", tmp_path / "html"
    (source / "chapters").mkdir(parents=True)
    (html / "chapters").mkdir(parents=True)
    (source / "chapters" / "kept.md").write_text("# Kept\n")
    for name in ("kept", "removed"):
        (html / "chapters" / f"{name}.html").write_text("<html></html>")
    (html / "search.html").write_text("<html></html>")
    assert book.remove_orphan_pages(source, html) == [html / "chapters" / "removed.html"]
    assert (html / "chapters" / "kept.html").is_file() and (html / "search.html").is_file()


def test_a_change_to_the_package_rewrites_every_page(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    assert book.package_changed_since_last_build()  # never built here
    (tmp_path / "_build" / "html").mkdir(parents=True)
    (tmp_path / "_build" / "html" / ".compendium-package").write_text("code of an older package")
    assert book.package_changed_since_last_build()
    from compendium.build import runner

    (tmp_path / "_build" / "html" / ".compendium-package").write_text(runner.package_digest())
    assert not book.package_changed_since_last_build()
    assert book.jupyter_book_command(tmp_path, rewrite_all=True)[-1] == "--all"
    assert "--all" not in book.jupyter_book_command(tmp_path)


def test_numref_targets_are_read_once_per_build():
    from compendium.build import sphinxext

    class Env:
        reads = 0
        config = "the real config"

        def get_doctree(self, docname):
            Env.reads += 1
            return object()

    cache = sphinxext._DoctreeCache(Env())
    assert cache.get_doctree("chapters/diaspora") is cache.get_doctree("chapters/diaspora")
    assert Env.reads == 1 and cache.config == "the real config"
    sphinxext.look_up_numref_targets_once()
    from sphinx.domains.std import StandardDomain

    assert StandardDomain._resolve_numref_xref._compendium_cached


def test_pybtex_plugin_lookups_are_remembered():
    import pybtex.plugin

    from compendium.build import sphinxext

    sphinxext.remember_plugin_lookups()
    first = pybtex.plugin.find_plugin("pybtex.backends", "plaintext")
    assert pybtex.plugin.find_plugin("pybtex.backends", "plaintext") is first
    assert pybtex.plugin.find_plugin.cache_info().hits >= 1


# --- staging and the check of built pages ------------------------------------------------------

def test_a_staged_file_whose_content_changes_gets_a_new_modification_time(tmp_path):
    import os

    source, target = tmp_path / "executed.ipynb", tmp_path / "staged" / "chapter.ipynb"
    source.write_text("old output")
    book._sync(source, target)
    source.write_text("restored output")
    an_hour_ago = target.stat().st_mtime - 3600
    os.utime(source, (an_hour_ago, an_hour_ago))  # restored from a backup with its old time
    book._sync(source, target)
    assert target.read_text() == "restored output"
    assert target.stat().st_mtime > an_hour_ago + 3000, "the staged file kept the old time: Sphinx would skip it"
    before = target.stat().st_mtime_ns
    book._sync(source, target)  # unchanged content: not rewritten, so Sphinx does not rebuild the page
    assert target.stat().st_mtime_ns == before


def _glued_notebook(path, values: dict, text: str):
    import nbformat

    outputs = [nbformat.v4.new_output("display_data", data={"text/plain": repr(value)},
                                      metadata={"scrapbook": {"name": key, "mime_prefix": ""}})
               for key, value in values.items()]
    code = nbformat.v4.new_code_cell("glue(...)", outputs=outputs)
    notebook = nbformat.v4.new_notebook(cells=[code, nbformat.v4.new_markdown_cell(text)])
    nbformat.write(notebook, path)
    return path


def test_a_page_missing_a_glued_value_is_named_with_the_key(tmp_path):
    from compendium.build import pages

    source, html = tmp_path / "src", tmp_path / "html"
    (source / "chapters").mkdir(parents=True)
    (html / "chapters").mkdir(parents=True)
    _glued_notebook(source / "chapters" / "one.ipynb", {"n": "1,234", "who": "Mexicans' \"share\" -- all", "x": "0.5"},
                    "We count {glue:text}`n` people ({glue:text}`who`), {glue:text}`x:.2f` and {glue:text}`n` again.")
    page = html / "chapters" / "one.html"
    span = '<span class="pasted-text">{}</span>'
    # Sphinx's smart quotes and dashes on the page are not a difference
    page.write_text("<p>" + span.format("1,234") + span.format("Mexicans\u2019 \u201cshare\u201d \u2013 all")
                    + span.format("0.50") + span.format("1,234") + "</p>", encoding="utf-8")
    assert pages.stale_pages(source, html) == []
    page.write_text("<p>" + span.format("1,234") + span.format("0.50") + "</p>", encoding="utf-8")
    [stale] = pages.stale_pages(source, html)
    assert stale.page == page and [key for key, _ in stale.missing] == ["who", "n"]
    assert str(stale).startswith(f"{page} does not show 2 values that {source / 'chapters' / 'one.ipynb'} glued: 'who'")
    page.unlink()
    assert "(the whole page)" in str(pages.stale_pages(source, html)[0])


def test_every_chapter_page_of_the_built_book_shows_what_its_notebook_glued(built_book):
    from compendium.build import pages

    assert pages.stale_pages(paths.build_dir() / "book-source", built_book) == []
    assert sum(len(pages.expected_texts(nb)) for nb in (paths.build_dir() / "executed").glob("*.ipynb")) > 500


def test_images_and_downloads_no_page_uses_are_removed(tmp_path):
    from compendium.build import pages

    html = tmp_path / "html"
    for name in ("_images/used.png", "_images/old.png", "_downloads/ab12/used.csv", "_downloads/cd34/old.csv"):
        (html / name).parent.mkdir(parents=True, exist_ok=True)
        (html / name).write_text("x")
    (html / "chapters").mkdir()
    (html / "chapters" / "a.html").write_text('<img src="../_images/used.png"><a href="../_downloads/ab12/used.csv">')
    removed = pages.remove_unused_files(html)
    assert sorted(p.relative_to(html).as_posix() for p in removed) == ["_downloads/cd34/old.csv", "_images/old.png"]
    assert (html / "_images" / "used.png").is_file() and not (html / "_downloads" / "cd34").exists()


def test_the_built_book_keeps_no_unused_image(built_book):
    pages_text = "\n".join(p.read_text(encoding="utf-8") for p in built_book.rglob("*.html"))
    for image in (built_book / "_images").iterdir():
        assert f"_images/{image.name}" in pages_text, f"{image.name} is used by no page"
