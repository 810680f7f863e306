"""The data package descriptor (``data/datapackage.json``) and the record of files read.

Every loader goes through :func:`read_descriptor` and :func:`resource`, so the descriptor is
the one place that says where a dataset lives, what its columns are and where it came from.
The runner uses :func:`files_read` to learn which data files a chapter depended on.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from compendium.data import paths
from compendium.data.errors import DataError

DESCRIPTOR = "datapackage.json"

# path -> sha256 of every data file read in this process, in the order first read.
_FILES_READ: dict[str, str] = {}


def file_digest(path: Path) -> str:
    """The SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def note_read(path: Path) -> None:
    """Record that ``path`` was read, with its content hash, for the runner's dependency tracking."""
    path = Path(path).resolve()
    if path.is_file():
        _FILES_READ[str(path)] = file_digest(path)


def files_read() -> dict[str, str]:
    """Every data file read so far in this process, mapped to the SHA-256 it had when read."""
    return dict(_FILES_READ)


_CACHE: dict[tuple[str, float], dict] = {}


def descriptor_path(data_dir=None) -> Path:
    """The ``datapackage.json`` of ``data_dir`` (default ``data/``)."""
    return paths.data_dir(data_dir) / DESCRIPTOR


def read_descriptor(data_dir=None) -> dict:
    """The parsed ``datapackage.json`` of ``data_dir`` (default ``data/``)."""
    path = descriptor_path(data_dir)
    if not path.is_file():
        raise DataError(path, "file not found", expected="the data package descriptor datapackage.json in the data folder")
    key = (str(path), path.stat().st_mtime_ns)
    if key not in _CACHE:
        try:
            _CACHE[key] = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise DataError(path, f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})",
                            expected="a valid JSON data package descriptor") from None
    note_read(path)
    return _CACHE[key]


def resource_names(data_dir=None) -> list[str]:
    """Names of every resource in the package, in descriptor order."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def resource(name: str, data_dir=None) -> dict:
    """The descriptor entry of resource ``name``."""
    descriptor = read_descriptor(data_dir)
    for entry in descriptor["resources"]:
        if entry["name"] == name:
            return entry
    raise DataError(paths.data_dir(data_dir) / DESCRIPTOR, f"no resource named {name!r}",
                    expected="one of " + ", ".join(r["name"] for r in descriptor["resources"]))


def resource_path(name: str, data_dir=None) -> Path:
    """The file of resource ``name``."""
    return paths.data_dir(data_dir) / resource(name, data_dir)["path"]
