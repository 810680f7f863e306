"""Where the compendium's inputs and outputs live.

The repository layout is fixed (see README): data in ``data/``, chapters in ``chapters/``,
everything generated under ``_build/``. ``COMPENDIUM_ROOT`` overrides the repository root,
for running the package against another checkout.
"""
from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The repository root: ``$COMPENDIUM_ROOT`` or the folder that holds ``src/compendium``."""
    override = os.environ.get("COMPENDIUM_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[3]


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data package folder: ``override`` if given (a chapter's ``data_dir`` parameter), else ``data/``.

    A relative ``override`` is taken from the repository root, so ``data_dir="data"`` means the
    same thing in a chapter, a test and the command line.
    """
    if override in (None, ""):
        return repo_root() / "data"
    path = Path(override)
    return path if path.is_absolute() else repo_root() / path


def chapters_dir() -> Path:
    """The folder of chapter notebooks (MyST markdown) and book pages."""
    return repo_root() / "chapters"


def build_dir() -> Path:
    """Everything generated: executed notebooks, the staged book source, the HTML."""
    return repo_root() / "_build"


def executed_dir() -> Path:
    """Where the runner writes chapters executed with their default parameters (the book uses these)."""
    return build_dir() / "executed"


def runs_dir() -> Path:
    """Where the runner writes chapters executed with non-default parameters, one folder per set."""
    return build_dir() / "runs"
