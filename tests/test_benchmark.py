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
               "floor": 12.0, "clean build": 40.0, "clean English-only build": 25.0, "stock Jupyter Book build": 40.0,
               "no-change rebuild": 3.0, "one data file changed": 8.0,
               "changed file": "data/paper/x.csv", "readers of the changed file": ["data", "nodess"],
               "re-executed": ["data", "nodess", "returns"], "run-all": 20.0,
               "page weight": {"chapters/a.html": 2_000_000, "chapters/b.html": 10_000}, "shared assets": 3_000_000}
    text = benchmark.report(results)
    assert "clean build" in text and "target <= 30 s and <= 1.5x floor: MISSED" in text
    assert "no-change rebuild" in text and "target <= 5 s: met" in text
    assert "only its readers re-execute: MISSED" in text
    assert "bilingual clean build / English-only" in text and "1.60x  target <= 1.5x: MISSED" in text
    assert "bilingual clean build / stock Jupyter Book" in text and "1.00x  target <= 1.2x: met" in text
    assert "re-executed data, nodess, returns" in text
    assert [line.split()[-1] for line in text.splitlines() if line.startswith("  chapters/")] == ["MISSED", "met"]


def test_the_server_compresses_text_files_for_browsers_that_accept_it(tmp_path):
    import gzip
    import urllib.request

    (tmp_path / "page.html").write_text("<p>" + "words " * 500 + "</p>", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG" + b"\x00" * 100)
    with benchmark.serve(tmp_path) as site:
        request = urllib.request.Request(site + "page.html", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (tmp_path / "page.html").read_bytes()
        with urllib.request.urlopen(site + "page.html") as response:  # no Accept-Encoding: sent as it is
            assert response.headers["Content-Encoding"] is None
            assert response.read() == (tmp_path / "page.html").read_bytes()
        request = urllib.request.Request(site + "image.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:  # images are compressed already
            assert response.headers["Content-Encoding"] is None


def test_lighthouse_runs_headless_chromium_on_both_presets():
    mobile = benchmark.lighthouse_command("http://127.0.0.1:1/chapters/a.html", "mobile")
    desktop = benchmark.lighthouse_command("http://127.0.0.1:1/chapters/a.html", "desktop")
    assert "--preset=desktop" in desktop and not any(arg.startswith("--preset") for arg in mobile)
    flags = next(arg for arg in mobile if arg.startswith("--chrome-flags="))
    assert "--headless" in flags and "--no-sandbox" in flags
    assert "--output=json" in mobile


def _lighthouse_report(scores: dict, failing_seo: bool = False) -> dict:
    categories = {name: {"id": name, "score": score / 100,
                         "auditRefs": [{"id": f"{name}-audit", "weight": 1}]} for name, score in scores.items()}
    audits = {f"{name}-audit": {"score": 0 if (failing_seo and name == "seo") else 1, "scoreDisplayMode": "binary"}
              for name in scores}
    audits.update({"first-contentful-paint": {"numericValue": 1200.0}, "largest-contentful-paint": {"numericValue": 2100.0},
                   "total-blocking-time": {"numericValue": 90.0}, "cumulative-layout-shift": {"numericValue": 0.01}})
    return {"categories": categories, "audits": audits}


def test_a_lighthouse_report_is_summarised_as_scores_timings_and_failing_audits():
    report = _lighthouse_report({"performance": 93, "accessibility": 100, "best-practices": 100, "seo": 91},
                                failing_seo=True)
    summary = benchmark.lighthouse_summary(report)
    assert summary["scores"] == {"performance": 93, "accessibility": 100, "best-practices": 100, "seo": 91}
    assert summary["metrics"]["LCP"] == 2100.0
    assert summary["failing"] == ["seo-audit"]


def test_the_audit_report_flags_missed_targets_and_nu_errors():
    good = benchmark.lighthouse_summary(_lighthouse_report(
        {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}))
    slow = benchmark.lighthouse_summary(_lighthouse_report(
        {"performance": 70, "accessibility": 100, "best-practices": 100, "seo": 100}))
    audits = {"pages": ["index.html", "chapters/a.html"],
              "lighthouse": {("chapters/a.html", "mobile"): slow, ("chapters/a.html", "desktop"): slow,
                             ("index.html", "mobile"): good},
              "nu errors": {"chapters/a.html": ["line 3: Stray end tag “div”."]}}
    text = benchmark.audit_report(audits)
    rows = {tuple(line.split()[:2]): line for line in text.splitlines() if line.startswith(("chapters/", "index"))}
    assert "MISSED: perf 70 < 90" in rows[("chapters/a.html", "mobile")]
    assert rows[("chapters/a.html", "desktop")].endswith("met")  # desktop performance has no target
    assert rows[("index.html", "mobile")].endswith("met")
    assert "Nu HTML checker: 1 error(s) on 2 pages; target 0: MISSED" in text
    assert "Stray end tag" in text


def test_nu_checker_errors_are_grouped_by_page(tmp_path):
    output = json.dumps({"messages": [
        {"type": "error", "url": (tmp_path / "chapters" / "a.html").as_uri(), "lastLine": 3, "message": "Bad."},
        {"type": "info", "subType": "warning", "url": (tmp_path / "index.html").as_uri(), "message": "Hmm."},
        {"type": "error", "url": (tmp_path / "index.html").as_uri(), "lastLine": 1, "message": "No doctype."}]})
    assert benchmark.nu_messages(output, tmp_path) == {"chapters/a.html": ["line 3: Bad."], "index.html": ["line 1: No doctype."]}


def test_the_median_run_is_reported_with_every_run_score():
    runs = [{"scores": {"performance": score}, "metrics": {}, "failing": []} for score in (91, 70, 88)]
    assert benchmark.median_run(runs)["scores"]["performance"] == 88
    assert benchmark.median_run(runs)["runs"] == [91, 70, 88]
    assert benchmark.median_run(runs[:2])["scores"]["performance"] == 70  # the lower middle of two
    assert benchmark.median_run([{"error": "no chromium"}, runs[0]])["scores"]["performance"] == 91
    assert benchmark.median_run([{"error": "no chromium"}]) == {"error": "no chromium"}
