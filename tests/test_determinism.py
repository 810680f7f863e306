"""Running the chapters again gives the same glued values and the same figures, byte for byte.

The session's default run (``_build/executed``, executed in this session or cached from an
earlier run with identical inputs) is compared with a fresh forced run into a temporary folder:
two independent executions, each kernel with its own hash seed, compared through their
manifests. (One extra run instead of two keeps the suite within the CI's time on two cores.)
"""
from __future__ import annotations

import base64
import json

import nbformat
import pytest

from compendium.build import book
from compendium.build import manifest
from compendium.data import paths
from compendium.build import runner


@pytest.fixture(scope="session")
def fresh_run(tmp_path_factory):
    results = runner.run(None, {}, output_dir=tmp_path_factory.mktemp("rerun"), force=True)
    failed = [r.message for r in results if r.status == "failed"]
    assert not failed, failed
    return {r.chapter: r.notebook for r in results}


def test_two_runs_of_every_chapter_give_identical_glued_values_and_figures(_default_runs, fresh_run):
    first = manifest.build_manifest({name: r.notebook for name, r in _default_runs.items()})
    second = manifest.build_manifest(fresh_run)
    assert set(first["chapters"]) == set(runner.discover())
    assert sum(len(c["figures"]) for c in first["chapters"].values()) > 0, "no figure was hashed"
    assert sum(len(c["glued"]) for c in first["chapters"].values()) > 0, "no glued value was hashed"
    differences = manifest.differences(first, second)
    assert not differences, "outputs vary between two runs:\n" + "\n".join(differences)


def test_the_manifest_sees_a_changed_figure_and_a_changed_glued_value(_default_runs, tmp_path):
    name, result = next((n, r) for n, r in _default_runs.items() if manifest.chapter_entry(r.notebook)["figures"])
    notebook = nbformat.read(result.notebook, as_version=4)
    original = manifest.build_manifest({name: result.notebook})

    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            if "image/png" in output.get("data", {}):
                output["data"]["image/png"] = base64.b64encode(b"another picture").decode()
                break
        else:
            continue
        break
    glued = next(o for c in notebook.cells for o in c.get("outputs", []) if o.get("metadata", {}).get("scrapbook"))
    mime = glued["metadata"]["scrapbook"]["mime_prefix"] + "text/plain"
    key = glued["metadata"]["scrapbook"]["name"]
    glued["data"][mime] = repr("a different number")
    changed_path = tmp_path / f"{name}.ipynb"
    nbformat.write(notebook, changed_path)

    differences = manifest.differences(original, manifest.build_manifest({name: changed_path}))
    assert any("figure" in line for line in differences), differences
    assert any(f"glued value '{key}'" in line for line in differences), differences
    assert manifest.differences(original, original) == []


def test_two_builds_of_the_same_inputs_write_the_same_manifest_with_every_page(_default_runs, built_book):
    first = json.loads(manifest.manifest_path().read_text(encoding="utf-8"))  # written by the session's build
    assert book.build() == 0
    written = json.loads(manifest.manifest_path().read_text(encoding="utf-8"))
    assert manifest.differences(first, written) == [] and first == written
    assert written["version"] == 2
    assert written["chapters"] == json.loads(json.dumps(manifest.build_manifest(
        {name: r.notebook for name, r in _default_runs.items()})["chapters"]))
    assert written["pages"] == manifest.page_hashes(built_book)
    assert {f"chapters/{name}.html" for name in _default_runs} <= set(written["pages"])
    assert "index.html" in written["pages"] and not any(page.startswith("_") for page in written["pages"])
    assert manifest.manifest_path() == paths.build_dir() / "manifest.json"


def test_the_manifest_sees_a_changed_page(tmp_path):
    html = tmp_path / "html"
    (html / "chapters").mkdir(parents=True)
    (html / "chapters" / "a.html").write_text("<p>1,234</p>")
    before = manifest.build_manifest({}, html)
    (html / "chapters" / "a.html").write_text("<p></p>")
    [line] = manifest.differences(before, manifest.build_manifest({}, html))
    assert line.startswith("page 'chapters/a.html' differs")
