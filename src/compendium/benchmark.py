"""Benchmark of the build: clean build, no-change rebuild, one-data-file rebuild, run-all, and the floor.

Run with ``make bench`` (or ``python -m compendium bench``). It works on a throw-away copy of the
repository (chapters, data, book configuration) so the real ``_build`` is left alone, and prints
one line per measurement plus the ratios to the floor:

* **floor**: what executing the chapters cannot beat on this machine - one empty notebook
  through the runner plus the import time of the libraries the chapters use, times the number
  of chapters, divided by the cores the runner uses;
* **clean build**: ``python -m compendium book`` from nothing (every chapter executed, HTML built);
* **no-change rebuild**: the same command again (every chapter cached, Sphinx has nothing to do);
* **one data file changed**: a data file's bytes changed, the book rebuilt (only the chapters
  that read it re-execute);
* **run-all**: ``python -m compendium run --force`` (every chapter executed, no book build).

It is a script, not a test: timings vary with the machine and its load.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from . import paths, runner

COPIED = ("_config.yml", "_toc.yml", "chapters", "data")
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


def _timed(command, env) -> float:
    started = time.perf_counter()
    completed = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if completed.returncode:
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{completed.stderr[-2000:]}")
    return elapsed


def _copy_book(target: Path) -> None:
    for name in COPIED:
        source = paths.repo_root() / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"))
        else:
            shutil.copy2(source, target / name)


def _changed_data_file(root: Path) -> Path:
    """The data file to touch: one read by a single chapter if possible (the narrowest rebuild)."""
    return root / "data" / "paper" / "nodess_priority_themes.csv"


def measure() -> dict[str, float]:
    """Run every measurement in a temporary copy of the repository; return seconds by name."""
    python = sys.executable
    cores = os.cpu_count() or 1
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="compendium-bench-") as tmp:
        root = Path(tmp)
        env = {**os.environ, "COMPENDIUM_ROOT": str(root)}

        (root / "empty" / "chapters").mkdir(parents=True)
        (root / "empty" / "chapters" / "empty.md").write_text(EMPTY_CHAPTER, encoding="utf-8")
        (root / "empty" / "data").symlink_to(paths.data_dir())
        empty_env = {**os.environ, "COMPENDIUM_ROOT": str(root / "empty")}
        results["empty notebook through the runner"] = _timed([python, "-m", "compendium", "run", "--force"], empty_env)
        results["library imports"] = _timed([python, "-c", IMPORTS], env)

        _copy_book(root)
        n_chapters = len(runner.discover(root / "chapters"))
        results["chapters"] = n_chapters
        results["cores"] = cores
        per_chapter = results["empty notebook through the runner"] + results["library imports"]
        results["floor"] = per_chapter * n_chapters / min(cores, n_chapters)

        book = [python, "-m", "compendium", "book"]
        results["clean build"] = _timed(book, env)
        results["no-change rebuild"] = _timed(book, env)
        changed = _changed_data_file(root)
        changed.write_text(changed.read_text(encoding="utf-8").replace("Youth", "Youth "), encoding="utf-8")
        results["one data file changed"] = _timed(book, env)
        results["run-all"] = _timed([python, "-m", "compendium", "run", "--force"], env)
    return results


def report(results: dict[str, float]) -> str:
    """The measurements as aligned lines, with the ratio of each to the floor."""
    floor = results["floor"]
    lines = [f"machine: {results['cores']} cores; {results['chapters']} chapter notebooks",
             f"{'empty notebook through the runner':<46} {results['empty notebook through the runner']:6.1f} s",
             f"{'library imports':<46} {results['library imports']:6.1f} s",
             f"{'floor ((empty + imports) x chapters / cores)':<46} {floor:6.1f} s"]
    targets = {"clean build": "target <= 30 s and <= 1.5x floor", "no-change rebuild": "target <= 5 s",
               "one data file changed": "re-executes only the chapters that read it", "run-all": ""}
    for name, note in targets.items():
        lines.append(f"{name:<46} {results[name]:6.1f} s  ({results[name] / floor:4.2f}x floor)  {note}")
    return "\n".join(lines)


def main() -> int:
    """Measure and print."""
    print(report(measure()))
    return 0
