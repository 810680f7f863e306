"""The benchmark's bookkeeping: which chapters re-executed, which read a file, how heavy a page is."""
from __future__ import annotations

import json

from compendium.build import benchmark


def test_executed_chapters_are_read_from_the_runner_output():
    output = ("cached   data (inputs unchanged) -> x\n"
              "executed nodess in 3.1 s -> /tmp/_build/executed/nodess.ipynb\n"
              "executed data in 2.0 s -> y\n")
    assert benchmark.executed_chapters(output) == ["data", "nodess"]
    assert benchmark.executed_chapters("cached   data (inputs unchanged) -> x\n") == []


def test_the_readers_of_a_file_come_from_the_inputs_records(tmp_path):
    read = tmp_path / "a.csv"
    read.write_text("x\n")
    for chapter, files in {"one": [read], "two": [], "three": [read, tmp_path / "b.csv"]}.items():
        (tmp_path / f"{chapter}.inputs.json").write_text(json.dumps(
            {"chapter": chapter, "files_read": {str(f): "hash" for f in files}}))
    assert benchmark.chapters_reading(read, tmp_path) == ["one", "three"]


def test_page_weight_counts_the_html_and_its_images_once(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "_images").mkdir()
    (tmp_path / "_static").mkdir()
    (tmp_path / "_images" / "f.png").write_bytes(b"x" * 1000)
    (tmp_path / "_static" / "theme.css").write_bytes(b"y" * 500)
    page = tmp_path / "chapters" / "c.html"
    page.write_text('<img src="../_images/f.png" alt="a"><img src="../_images/f.png" alt="b">'
                    '<img src="https://example.org/x.png">')
    weights, shared = benchmark.page_weights(tmp_path)
    assert weights == {"chapters/c.html": page.stat().st_size + 1000}
    assert shared == 500


def test_the_report_flags_a_missed_target():
    results = {"cores": 2, "chapters": 6, "empty notebook through the runner": 2.0, "library imports": 2.0,
               "floor": 12.0, "clean build": 40.0, "no-change rebuild": 3.0, "one data file changed": 8.0,
               "changed file": "data/paper/x.csv", "readers of the changed file": ["data", "nodess"],
               "re-executed": ["data", "nodess", "returns"], "run-all": 20.0,
               "page weight": {"chapters/a.html": 2_000_000, "chapters/b.html": 10_000}, "shared assets": 3_000_000}
    text = benchmark.report(results)
    assert "clean build" in text and "target <= 30 s and <= 1.5x floor: MISSED" in text
    assert "no-change rebuild" in text and "target <= 5 s: met" in text
    assert "only its readers re-execute: MISSED" in text
    assert "re-executed data, nodess, returns" in text
    assert [line.split()[-1] for line in text.splitlines() if line.startswith("  chapters/")] == ["MISSED", "met"]
