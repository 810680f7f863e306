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


def test_the_book_build_writes_the_manifest(_default_runs):
    assert book.build() == 0
    written = json.loads(manifest.manifest_path().read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(manifest.build_manifest(
        {name: r.notebook for name, r in _default_runs.items()})))
    assert manifest.manifest_path() == paths.build_dir() / "manifest.json"
