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
