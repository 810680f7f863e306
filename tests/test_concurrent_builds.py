"""Whole builds in a copy of the repository: two at once, and a page left stale by an earlier build.

The copy (``COMPENDIUM_ROOT``) starts from the session's built book (``built_book``): its
executed notebooks, staged source, Sphinx environment and HTML, so each build here re-executes
nothing and Sphinx rebuilds only what changed. The builds run as separate processes through
``python -m compendium book``, as a reader runs them.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from compendium.build import manifest
from compendium.build import pages
from compendium.data import paths

SOURCE_PACKAGE = Path(__file__).resolve().parents[1] / "src"
BUILD_PARTS = ("executed", "book-source", "html", ".doctrees", "jupyter_execute", "manifest.json")
CITATION_KEY = "compendium-business-models-"  # the chapter's BibTeX key in its Cite this chapter block
GLOSSARY_LINK = "glossary.html#term-INAES"


@pytest.fixture(scope="module")
def checkout(built_book, tmp_path_factory):
    """A copy of the repository with the session's built book in its _build/."""
    root = tmp_path_factory.mktemp("checkout") / "repository"
    shutil.copytree(paths.repo_root(), root, symlinks=True, ignore=shutil.ignore_patterns(
        "_build", ".git", ".venv", "node_modules", "__pycache__", ".pytest_cache"))
    for part in BUILD_PARTS:
        source = paths.build_dir() / part
        if source.is_dir():
            shutil.copytree(source, root / "_build" / part, symlinks=True)
        elif source.is_file():
            shutil.copy2(source, root / "_build" / part)
    return root


def start_build(root: Path, *options: str) -> subprocess.Popen:
    env = {**os.environ, "COMPENDIUM_ROOT": str(root), "PYTHONPATH": str(SOURCE_PACKAGE)}
    env.pop("COMPENDIUM_LOCK", None)
    return subprocess.Popen([sys.executable, "-m", "compendium", "book", *options], cwd=root, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(process: subprocess.Popen, timeout: float = 600) -> tuple[int, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out + err


def holder_pid(root: Path) -> int | None:
    try:
        return json.loads((root / "_build" / ".lock").read_text() or "{}").get("pid")
    except (FileNotFoundError, json.JSONDecodeError):
        return None


def assert_complete(root: Path) -> None:
    html = root / "_build" / "html"
    assert pages.stale_pages(root / "_build" / "book-source", html) == []
    page = (html / "chapters" / "business_models.html").read_text(encoding="utf-8")
    assert CITATION_KEY in page and GLOSSARY_LINK in page
    written = json.loads((root / "_build" / "manifest.json").read_text(encoding="utf-8"))
    assert written["pages"] == manifest.page_hashes(html)


def test_two_builds_at_once_one_waits_one_refuses_and_the_book_is_complete(checkout):
    first = start_build(checkout)
    deadline = time.monotonic() + 120
    while holder_pid(checkout) != first.pid:
        assert first.poll() is None, "the first build ended before it took the lock: " + finish(first)[1]
        assert time.monotonic() < deadline, "the first build never took the lock"
        time.sleep(0.05)
    refusing = start_build(checkout, "--no-wait")
    waiting = start_build(checkout)

    code, output = finish(refusing)
    assert code == 3, output
    assert f"error: another build is running in this checkout: process {first.pid} (python -m compendium book" in output
    assert "Traceback" not in output
    assert first.poll() is None, "the first build ended before the refusing one checked the lock: the test proves nothing"

    first_code, first_output = finish(first)
    waiting_code, waiting_output = finish(waiting)
    assert first_code == 0, first_output
    assert waiting_code == 0, waiting_output
    assert f"waiting: another build is running in this checkout: process {first.pid}" in waiting_output
    assert "No key" not in first_output + waiting_output and "KeyboardInterrupt" not in first_output + waiting_output
    assert_complete(checkout)


def test_a_page_built_from_a_stripped_notebook_is_repaired_when_the_notebook_is_restored(checkout):
    notebook = checkout / "_build" / "executed" / "business_models.ipynb"
    page = checkout / "_build" / "html" / "chapters" / "business_models.html"
    good_page = page.read_bytes()
    original, stat = notebook.read_bytes(), notebook.stat()

    stripped = nbformat.reads(original.decode("utf-8"), as_version=4)
    for cell in stripped.cells:
        if cell.cell_type == "code" and ("cite_this_chapter" in cell.source or "terms_used" in cell.source):
            cell.outputs = []
    nbformat.write(stripped, notebook)
    code, output = finish(start_build(checkout))
    assert code == 0, output
    assert CITATION_KEY not in page.read_text(encoding="utf-8")  # the broken page of the issue

    notebook.write_bytes(original)
    os.utime(notebook, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # restored with its old time
    code, output = finish(start_build(checkout))
    assert code == 0, output
    assert page.read_bytes() == good_page
    assert_complete(checkout)


def test_a_page_that_does_not_show_its_glued_values_is_rebuilt(checkout):
    page = checkout / "_build" / "html" / "chapters" / "returns.html"
    good_page = page.read_text(encoding="utf-8")
    # what a page built while its notebook was being rewritten looks like: glued values missing
    page.write_text(good_page.replace('<span class="pasted-text">172,490</span>', ""), encoding="utf-8")
    code, output = finish(start_build(checkout))
    assert code == 0, output
    assert f"rebuilding a stale page: {page} does not show" in output
    assert page.read_text(encoding="utf-8") == good_page
    assert_complete(checkout)
