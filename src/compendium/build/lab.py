"""``make lab`` (``python -m compendium lab``): the chapters as notebooks in JupyterLab.

JupyterLab lives in an environment of its own, ``.venv-lab`` (pinned in ``requirements-lab.txt``),
because its server needs a jsonschema that the book's own tools refuse. The chapters do not run
there: the book's environment (the Python running this command) is registered in ``.venv-lab``
as the kernel ``python3``, so a chapter runs with exactly the packages the book was tested with.
JupyterLab is told to open MyST markdown as a notebook through jupytext, so a student opens
``chapters/<name>.md``, changes a value in its ``parameters`` cell and runs all cells.

The environment is made once and again only when ``requirements-lab.txt`` or the kernel's Python
changes (a stamp file holds a hash of both).
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

from compendium.data import paths

VENV = ".venv-lab"
REQUIREMENTS = "requirements-lab.txt"
CONSTRAINTS = "constraints-lab.txt"
STAMP = ".installed"
KERNEL_NAME = "python3"
KERNEL_DISPLAY_NAME = "Python 3 (compendium)"
# JupyterLab's application-wide settings: MyST markdown (.md) opens as a notebook through jupytext.
SETTINGS_OVERRIDES = {"@jupyterlab/docmanager-extension:plugin": {
    "defaultViewers": {"markdown": "Jupytext Notebook", "myst": "Jupytext Notebook"}}}


def venv_dir(root: Path | None = None) -> Path:
    return Path(root or paths.repo_root()) / VENV


def venv_python(venv: Path) -> Path:
    """The environment's Python: ``bin/python``, or ``Scripts\\python.exe`` on Windows."""
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def _fingerprint(root: Path, kernel_python: str) -> str:
    text = "".join((root / name).read_text(encoding="utf-8") for name in (REQUIREMENTS, CONSTRAINTS))
    text += "\n" + str(kernel_python)
    text += "\n" + json.dumps(SETTINGS_OVERRIDES, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _run(command: list[str]) -> None:
    print("$ " + " ".join(str(part) for part in command), flush=True)
    subprocess.run([str(part) for part in command], check=True)


def ensure_environment(root: Path | None = None, kernel_python: str | None = None) -> Path:
    """Make ``.venv-lab`` (JupyterLab, jupytext, the book's kernel) unless it is up to date; return it."""
    root = Path(root or paths.repo_root())
    kernel_python = kernel_python or sys.executable
    venv, fingerprint = venv_dir(root), _fingerprint(root, kernel_python)
    stamp = venv / STAMP
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == fingerprint:
        return venv
    _run([sys.executable, "-m", "venv", venv])
    python = venv_python(venv)
    _run([python, "-m", "pip", "install", "--quiet", "-r", root / REQUIREMENTS, "-c", root / CONSTRAINTS])
    _run([kernel_python, "-m", "ipykernel", "install", "--prefix", venv, "--name", KERNEL_NAME,
          "--display-name", KERNEL_DISPLAY_NAME])
    settings = venv / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    (settings / "overrides.json").write_text(json.dumps(SETTINGS_OVERRIDES, indent=2) + "\n", encoding="utf-8")
    stamp.write_text(fingerprint, encoding="utf-8")
    return venv


def lab_command(venv: Path, root: Path, *options: str) -> list[str]:
    """The command that starts JupyterLab on the repository, opening the chapters folder."""
    # Jupyter refuses root unless told; containers and CI machines run as root.
    as_root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []
    return [str(venv_python(venv)), "-m", "jupyter", "lab", f"--ServerApp.root_dir={root}", *as_root, *options]


def main(options: list[str] | None = None) -> int:
    root = paths.repo_root()
    venv = ensure_environment(root)
    print(f"JupyterLab opens the chapters in {root / 'chapters'}: open one (e.g. diaspora.md), change a value "
          "in its parameters cell and choose Run > Run All Cells. Ctrl-C stops the server.", flush=True)
    try:
        return subprocess.call(lab_command(venv, root, *(options or ["--LabApp.default_url=/lab/tree/chapters"])))
    except KeyboardInterrupt:
        return 0
