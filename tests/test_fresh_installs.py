"""The book installed from nothing but its own files, as Binder and a Windows lab computer do.

* Binder: repo2docker installs ``binder/requirements.txt`` into a fresh Python 3.11
  (``binder/runtime.txt``) and runs ``binder/postBuild``; here the same steps make a fresh
  virtual environment, and a chapter (converted from its MyST markdown as Binder's jupytext does)
  is executed there with papermill, from a folder outside the repository, with a parameter changed.
* No make: the README's commands for a machine without ``make``, run as written (the Windows form
  differs only in the path of the environment's Python), then the book built and tests run with them.

The environments are cached (``fresh_venvs``): a cold cache takes a few minutes, later runs seconds.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from compendium.data import paths
from fresh_venvs import base_python, cached_venv, venv_python

ROOT = paths.repo_root()
README = (ROOT / "README.md").read_text(encoding="utf-8")


def isolated_env(tmp_path: Path, venv: Path) -> dict:
    """An environment as a newcomer's: the venv first on PATH, no PYTHONPATH, no Jupyter settings of this machine."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "COMPENDIUM_ROOT", "COMPENDIUM_DATA", "VIRTUAL_ENV")}
    env.update(PATH=f"{venv_python(venv).parent}{os.pathsep}{os.environ.get('PATH', '')}",
               JUPYTER_DATA_DIR=str(tmp_path / "jupyter-data"), JUPYTER_CONFIG_DIR=str(tmp_path / "jupyter-config"))
    return env


@pytest.fixture(scope="module")
def binder_venv() -> Path:
    return cached_venv("binder", ROOT, ["binder/requirements.txt", "binder/postBuild", "binder/runtime.txt",
                                        "pyproject.toml"],
                       [["{base}", "-m", "venv", "{venv}"],
                        ["{python}", "-m", "pip", "install", "--quiet", "-r", "binder/requirements.txt"],
                        ["bash", "binder/postBuild"]])


def test_binder_asks_for_the_python_the_book_is_tested_with():
    assert (ROOT / "binder" / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    assert sys.version_info[:2] == (3, 11)
    required = {line.split("==")[0] for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#")}
    pins = {line.split("==")[0]: line.split("#")[0].strip()
            for line in (ROOT / "requirements.txt").read_text().splitlines() if "==" in line}
    assert required and required <= set(pins), "Binder installs only the book's own pinned dependencies"
    for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines():
        if "==" in line:
            assert line.strip() == pins[line.split("==")[0]], f"{line} is not pinned as in requirements.txt"
    assert not {"cffconvert", "jsonschema", "pytest", "playwright"} & required


def test_a_chapter_runs_in_binders_environment_from_outside_the_repository(binder_venv, tmp_path):
    env = isolated_env(tmp_path, binder_venv)
    python = str(venv_python(binder_venv))
    notebook, executed = tmp_path / "diaspora.ipynb", tmp_path / "diaspora-top_n-7.ipynb"
    subprocess.run([python, "-m", "jupytext", "--to", "ipynb", str(ROOT / "chapters" / "diaspora.md"),
                    "-o", str(notebook)], check=True, env=env, cwd=tmp_path, capture_output=True)
    done = subprocess.run([python, "-m", "papermill", str(notebook), str(executed), "-p", "top_n", "7",
                           "-k", "python3", "--cwd", str(tmp_path)], env=env, cwd=tmp_path,
                          capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    glued = {o["metadata"]["scrapbook"]["name"]: o["data"] for c in nbformat.read(executed, 4).cells
             for o in c.get("outputs", []) if "scrapbook" in o.get("metadata", {})}
    assert glued["top_n"] == {"application/papermill.record/text/plain": "'7'"}
    kernel = subprocess.run([python, "-c", "import compendium, sys; print(compendium.__file__); print(sys.prefix)"],
                            env=env, cwd=tmp_path, capture_output=True, text=True, check=True).stdout.split()
    assert kernel[0] == str(ROOT / "src" / "compendium" / "__init__.py") and kernel[1] == str(binder_venv)


# --- no make -------------------------------------------------------------------------------------

def no_make_commands() -> list[str]:
    """The README's commands for a machine without make (its ``sh`` block under "Without make")."""
    section = README[README.index("### Without make"):]
    block = section[section.index("```sh") + len("```sh"):]
    block = block[:block.index("```")]
    return [line.split("  #")[0].strip() for line in block.strip().splitlines() if line.strip()]


def test_the_readme_gives_the_two_commands_without_make():
    commands = no_make_commands()
    assert commands[0] == "python -m venv .venv"
    assert ".venv/bin/python -m pip install -r requirements.txt -c constraints.txt" in commands
    assert ".venv/bin/python -m pip install --no-deps -e ." in commands
    assert commands[-2:] == [".venv/bin/python -m compendium book", ".venv/bin/python -m pytest"]
    windows = README[README.index("### Without make"):].split("```", 4)[3]
    assert r".venv\Scripts\python -m compendium book" in windows and r".venv\Scripts\python -m pytest" in windows


@pytest.fixture(scope="module")
def no_make_venv() -> Path:
    install = [c for c in no_make_commands() if " -m pip " in c]
    commands = [["{base}", "-m", "venv", "{venv}"]]
    commands += [["{python}", *c.split()[1:]] for c in install]
    return cached_venv("nomake", ROOT, ["requirements.txt", "constraints.txt", "pyproject.toml"], commands)


def test_the_commands_without_make_build_the_book_and_run_the_tests(no_make_venv, tmp_path):
    env = isolated_env(tmp_path, no_make_venv)
    python = str(venv_python(no_make_venv))
    build, test = no_make_commands()[-2:]
    built = subprocess.run([python, *build.split()[1:]], cwd=ROOT, env=env, capture_output=True, text=True,
                           timeout=3600)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-3000:]
    assert (ROOT / "_build" / "html" / "chapters" / "diaspora.html").is_file()
    # The whole suite is what `make test` runs; here a part of it, run the README's way in that environment.
    tested = subprocess.run([python, *test.split()[1:], "-q", "-p", "no:cacheprovider", "tests/test_layers.py",
                             "tests/test_citation.py"], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=1800)
    assert tested.returncode == 0, tested.stdout[-3000:]
    assert re.search(r"\d+ passed", tested.stdout)
