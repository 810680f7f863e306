"""Benchmark of the build: clean build, rebuilds, run-all, the test suite, page weight, and the floor.

Run with ``make bench`` (or ``python -m compendium bench``). It works on a throw-away copy of the
repository (chapters, data, book configuration, tests) so the real ``_build`` is left alone, and
prints one line per measurement with its ratio to the floor and its target:

* **floor**: what executing the chapters cannot beat on this machine - one empty notebook
  through the runner plus the import time of the libraries the chapters use, times the number
  of chapters, divided by the cores the runner uses;
* **clean build**: ``python -m compendium book`` from nothing (every chapter executed, HTML built);
  target <= 30 s and <= 1.5x the floor;
* **no-change rebuild**: the same command again (every chapter cached, Sphinx has nothing to do);
  target <= 5 s;
* **one data file changed**: one data file's bytes changed, the book rebuilt; target: only the
  chapters that read the file (their ``.inputs.json`` records say which) re-execute;
* **run-all**: ``python -m compendium run --force`` (every chapter executed, no book build);
* **test suite**: ``python -m pytest -q`` on the copy (left out with ``COMPENDIUM_BENCH_TESTS=0``);
* **page weight**: each page's HTML plus the images it shows; target <= 1 MB. The theme's
  shared CSS, JavaScript and fonts are counted once, apart (a reader's browser caches them).

It is a script, not a test: timings vary with the machine and its load.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from compendium.data import paths
from compendium.build import runner

COPIED = ("_config.yml", "_toc.yml", "chapters", "data", "tests", "pyproject.toml", "package.json")
LINKED = ("node_modules",)  # installed once by npm ci; the copy's browser tests use it as it is
CHANGED_DATA_FILE = Path("data") / "paper" / "nodess_priority_themes.csv"
EMPTY_CHAPTER = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# Empty

```{code-cell} ipython3
:tags: [parameters]
data_dir = "data"
```
"""
IMPORTS = "import pandas, seaborn, statsmodels.api, scipy.stats, matplotlib.pyplot, myst_nb, compendium.data"
CLEAN_BUILD_LIMIT, CLEAN_BUILD_RATIO, REBUILD_LIMIT, PAGE_LIMIT = 30.0, 1.5, 5.0, 1_000_000
_EXECUTED_LINE = re.compile(r"^executed\s+(\S+)", re.MULTILINE)


def _timed(command, env, cwd=None) -> tuple[float, str]:
    """Run ``command``; return its wall time and its standard output. A failing step stops the benchmark."""
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode:
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{completed.stdout[-2000:]}\n{completed.stderr[-2000:]}")
    return elapsed, completed.stdout


def book_files() -> list[str]:
    """The files the build and the tests read: every file git tracks (``COPIED`` outside a git checkout)."""
    listed = subprocess.run(["git", "ls-files"], cwd=paths.repo_root(), capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        return [line for line in listed.stdout.splitlines() if not line.startswith("src/")]
    return list(COPIED)


def _copy_book(target: Path) -> None:
    # Tracked files rather than a fixed list, so a file the book starts to need (CITATION.cff, a
    # stylesheet) is in the copy without anyone remembering to add it here. The package itself is
    # imported from the installed checkout, so src/ is not copied.
    for name in book_files():
        source = paths.repo_root() / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for name in LINKED:
        if (paths.repo_root() / name).exists():
            (target / name).symlink_to(paths.repo_root() / name)


def executed_chapters(output: str) -> list[str]:
    """The chapters a ``compendium book``/``run`` output says it executed (not those it took from the cache)."""
    return sorted(_EXECUTED_LINE.findall(output))


def chapters_reading(path: Path, executed_dir: Path) -> list[str]:
    """The chapters whose last run read ``path``, from their ``.inputs.json`` records."""
    wanted = str(Path(path).resolve())
    readers = []
    for record in sorted(executed_dir.glob("*.inputs.json")):
        saved = json.loads(record.read_text(encoding="utf-8"))
        if wanted in saved.get("files_read", {}):
            readers.append(saved["chapter"])
    return sorted(readers)


def page_weights(html_dir: Path) -> tuple[dict[str, int], int]:
    """Bytes of each page under ``chapters/`` (its HTML plus the local images it shows), and of the shared assets."""
    weights = {}
    for page in sorted((html_dir / "chapters").rglob("*.html")):
        html = page.read_text(encoding="utf-8")
        total = page.stat().st_size
        for src in dict.fromkeys(re.findall(r'<img[^>]+src="([^"]+)"', html)):
            if urlsplit(src).scheme:
                continue
            image = (page.parent / unquote(urlsplit(src).path)).resolve()
            if image.is_file():
                total += image.stat().st_size
        weights[page.relative_to(html_dir).as_posix()] = total
    shared = sum(f.stat().st_size for f in (html_dir / "_static").rglob("*") if f.is_file())
    return weights, shared


def measure(tests: bool = True) -> dict:
    """Run every measurement in a temporary copy of the repository; return them by name."""
    python = sys.executable
    cores = os.cpu_count() or 1
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="compendium-bench-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "COMPENDIUM_ROOT": str(root)}

        (root / "empty" / "chapters").mkdir(parents=True)
        (root / "empty" / "chapters" / "empty.md").write_text(EMPTY_CHAPTER, encoding="utf-8")
        (root / "empty" / "data").symlink_to(paths.data_dir())
        empty_env = {**os.environ, "COMPENDIUM_ROOT": str(root / "empty")}
        results["empty notebook through the runner"], _ = _timed([python, "-m", "compendium", "run", "--force"], empty_env)
        results["library imports"], _ = _timed([python, "-c", IMPORTS], env)

        _copy_book(root)
        n_chapters = len(runner.discover(root / "chapters"))
        results["chapters"] = n_chapters
        results["cores"] = cores
        per_chapter = results["empty notebook through the runner"] + results["library imports"]
        results["floor"] = per_chapter * n_chapters / min(cores, n_chapters)

        book = [python, "-m", "compendium", "book"]
        results["clean build"], _ = _timed(book, env)
        results["no-change rebuild"], _ = _timed(book, env)
        changed = root / CHANGED_DATA_FILE
        results["changed file"] = CHANGED_DATA_FILE.as_posix()
        results["readers of the changed file"] = chapters_reading(changed, root / "_build" / "executed")
        text = changed.read_text(encoding="utf-8")
        if "Youth" not in text:
            raise SystemExit(f"benchmark: {CHANGED_DATA_FILE} no longer has the word 'Youth' to edit; choose another edit")
        # A trailing space: a valid file with the same data once read, but different bytes the cache must notice.
        changed.write_text(text.replace("Youth", "Youth ", 1), encoding="utf-8")
        results["one data file changed"], output = _timed(book, env)
        results["re-executed"] = executed_chapters(output)
        changed.write_text(text, encoding="utf-8")  # the rest runs on the data as shipped (the tests check its values)
        results["page weight"], results["shared assets"] = page_weights(root / "_build" / "html")
        results["run-all"], _ = _timed([python, "-m", "compendium", "run", "--force"], env)
        if tests:
            results["test suite"], _ = _timed([python, "-m", "pytest", "-q", "-p", "no:cacheprovider"], env, cwd=root)
    return results


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def report(results: dict) -> str:
    """The measurements as aligned lines, with each one's ratio to the floor and its target."""
    floor = results["floor"]
    width = 46

    def timing(name: str, target: str = "", ok: bool | None = None) -> str:
        line = f"{name:<{width}} {results[name]:6.1f} s  ({results[name] / floor:4.2f}x floor)"
        if target:
            line += f"  target {target}: {_verdict(ok)}"
        return line

    readers, redone = results["readers of the changed file"], results["re-executed"]
    clean = results["clean build"]
    lines = [f"machine: {results['cores']} cores; {results['chapters']} chapter notebooks",
             f"{'empty notebook through the runner':<{width}} {results['empty notebook through the runner']:6.1f} s",
             f"{'library imports':<{width}} {results['library imports']:6.1f} s",
             f"{'floor ((empty + imports) x chapters / cores)':<{width}} {floor:6.1f} s",
             timing("clean build", f"<= {CLEAN_BUILD_LIMIT:.0f} s and <= {CLEAN_BUILD_RATIO}x floor",
                    clean <= CLEAN_BUILD_LIMIT and clean <= CLEAN_BUILD_RATIO * floor),
             timing("no-change rebuild", f"<= {REBUILD_LIMIT:.0f} s", results["no-change rebuild"] <= REBUILD_LIMIT),
             timing("one data file changed", "only its readers re-execute", redone == readers),
             f"{'':<{width}} changed {results['changed file']}; read by {', '.join(readers) or 'no chapter'}; "
             f"re-executed {', '.join(redone) or 'nothing'}",
             timing("run-all")]
    if "test suite" in results:
        lines.append(timing("test suite"))
    lines.append(f"page weight (HTML + its images; target <= {PAGE_LIMIT / 1e6:.0f} MB each); "
                 f"the _static folder (theme CSS, JavaScript, fonts, shared by every page) {results['shared assets'] / 1e6:.2f} MB:")
    for page, size in results["page weight"].items():
        lines.append(f"  {page:<{width - 2}} {size / 1e6:6.2f} MB  {_verdict(size <= PAGE_LIMIT)}")
    return "\n".join(lines)


def main() -> int:
    """Measure and print; ``COMPENDIUM_BENCH_TESTS=0`` in the environment leaves out the test suite."""
    print(report(measure(tests=os.environ.get("COMPENDIUM_BENCH_TESTS", "1") != "0")))
    return 0
