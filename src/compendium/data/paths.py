"""Where the compendium's inputs and outputs live.

The repository layout is fixed (see README): data in ``data/``, chapters in ``chapters/``,
everything generated under ``_build/``. ``COMPENDIUM_ROOT`` overrides the repository root,
for running the package against another checkout.

A chapter downloaded as a notebook may run anywhere the package is installed, from any working
directory, so the repository is looked for in turn: ``$COMPENDIUM_ROOT``; the checkout the package
was installed from (an editable install, or ``src/`` on the path); the working directory or a
folder above it that holds ``data/datapackage.json``. ``$COMPENDIUM_DATA`` names the data folder
itself. When none holds the data, :func:`data_dir` says in one sentence how to get them.
"""
from __future__ import annotations

import os
from pathlib import Path

from compendium.data.errors import CompendiumError

ROOT_VARIABLE = "COMPENDIUM_ROOT"
DATA_VARIABLE = "COMPENDIUM_DATA"
_DESCRIPTOR = "datapackage.json"
DATA_NOT_FOUND = ("The compendium's data were not found: run this notebook inside a copy of the compendium's "
                  "repository (the folder that holds data/datapackage.json), or set the environment variable "
                  f"{DATA_VARIABLE} to the path of its data folder.")


class DataNotFound(CompendiumError, FileNotFoundError):
    """The package runs where no copy of the compendium's data can be found."""


def _holds_data(folder: Path) -> bool:
    return (folder / "data" / _DESCRIPTOR).is_file()


def repo_root() -> Path:
    """The repository root: ``$COMPENDIUM_ROOT``, the checkout of the package, or the working directory's."""
    override = os.environ.get(ROOT_VARIABLE)
    if override:
        return Path(override).resolve()
    package_checkout = Path(__file__).resolve().parents[3]
    if _holds_data(package_checkout):
        return package_checkout
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if _holds_data(folder):
            return folder
    return package_checkout


def data_dir(override: str | os.PathLike | None = None) -> Path:
    """The data package folder: ``override`` if given (a chapter's ``data_dir`` parameter), else ``data/``.

    A relative ``override`` is taken from the repository root, so ``data_dir="data"`` means the
    same thing in a chapter, a test and the command line. The default (``None``, ``""`` or
    ``"data"``) is ``$COMPENDIUM_DATA`` when set, and must hold ``datapackage.json``.
    """
    if override in (None, "", "data"):
        chosen = os.environ.get(DATA_VARIABLE)
        folder = Path(chosen).expanduser().resolve() if chosen else repo_root() / "data"
        if not (folder / _DESCRIPTOR).is_file():
            raise DataNotFound(DATA_NOT_FOUND)
        return folder
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
