"""Build the HTML book from the executed chapters.

The book is never executed by Jupyter Book itself: the runner executes the chapters (and skips
those whose inputs are unchanged), then this module stages a copy of the book source in
``_build/book-source/`` in which each chapter's MyST notebook is replaced by its executed
``.ipynb``, and runs ``jupyter-book build`` on it with warnings as errors and nitpicky
references. Staged files are rewritten only when their content changes, so Sphinx rebuilds
only the pages whose chapter changed. The HTML lands in ``_build/html``.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from . import manifest, paths, runner

BOOK_FILES = ("_config.yml", "_toc.yml")


def staging_dir() -> Path:
    """The staged book source."""
    return paths.build_dir() / "book-source"


def _sync(source: Path, target: Path) -> None:
    if target.is_file() and target.read_bytes() == source.read_bytes():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def stage(executed: dict[str, Path]) -> Path:
    """Copy the book source into the staging folder, chapters as executed notebooks; return it."""
    root, target = paths.repo_root(), staging_dir()
    wanted = set()
    for name in BOOK_FILES:
        _sync(root / name, target / name)
        wanted.add(target / name)
    for source in paths.chapters_dir().rglob("*"):
        if not source.is_file() or "__pycache__" in source.parts or source.name.startswith("."):
            continue
        relative = source.relative_to(root)
        if source.suffix == ".md" and source.stem in executed and source.parent == paths.chapters_dir():
            destination = target / relative.with_suffix(".ipynb")
            _sync(executed[source.stem], destination)
        else:
            destination = target / relative
            _sync(source, destination)
        wanted.add(destination)
    for stale in [p for p in target.rglob("*") if p.is_file() and p not in wanted]:
        stale.unlink()
    return target


def jupyter_book_command(source: Path) -> list[str]:
    """The ``jupyter-book build`` call: warnings are errors, references are checked (nitpicky)."""
    executable = Path(sys.executable).with_name("jupyter-book")
    return [str(executable), "build", str(source), "--path-output", str(paths.repo_root()),
            "--warningiserror", "--nitpick", "--keep-going", "--quiet"]


def build(force: bool = False, jobs: int | None = None) -> int:
    """Execute the chapters whose inputs changed, stage the source and build the HTML; return the exit code."""
    from .__main__ import report

    results = runner.run(None, {}, jobs=jobs, force=force)
    if report(results):
        print("The book was not built: fix the failing chapters first.", file=sys.stderr)
        return 1
    source = stage({r.chapter: r.notebook for r in results})
    completed = subprocess.run(jupyter_book_command(source), cwd=paths.repo_root())
    if completed.returncode:
        print("jupyter-book build failed (warnings count as errors); see the messages above.", file=sys.stderr)
        return completed.returncode
    manifest.write({r.chapter: r.notebook for r in results})  # output hashes, to compare two builds
    print(f"The book is in {paths.build_dir() / 'html' / 'index.html'}")
    return 0
