"""Fresh virtual environments for the tests that install the book as a newcomer would.

Each environment is made once by the given install commands and kept under
``~/.cache/compendium/venvs/<kind>-<hash>`` (``$COMPENDIUM_VENV_CACHE`` overrides the folder);
the hash covers the files the commands install from, the commands themselves, the checkout they
install from and the Python that makes them, so a change to any of them makes a new one. An
environment whose install failed or was interrupted has no ``.ready`` file and is made again.
"""
from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

CACHE = Path(os.environ.get("COMPENDIUM_VENV_CACHE", "~/.cache/compendium/venvs")).expanduser()
READY = ".ready"


def base_python() -> str:
    """The interpreter the running Python was made from (a venv's Python makes no nested venv)."""
    return getattr(sys, "_base_executable", None) or sys.executable


def venv_python(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def cached_venv(kind: str, root: Path, inputs: list[str], commands: list[list[str]], env: dict | None = None) -> Path:
    """The environment ``kind`` made by ``commands`` run in ``root``; ``{venv}``/``{python}`` are filled in."""
    digest = hashlib.sha256()
    for name in inputs:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    digest.update(repr(commands).encode() + str(root.resolve()).encode() + base_python().encode())
    venv = CACHE / f"{kind}-{digest.hexdigest()[:16]}"
    if (venv / READY).is_file():
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    venv.parent.mkdir(parents=True, exist_ok=True)
    run_env = {**(env or os.environ), "PATH": f"{venv_python(venv).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    run_env.pop("PYTHONPATH", None)
    for command in commands:
        filled = [part.format(venv=venv, python=venv_python(venv), base=base_python()) for part in command]
        done = subprocess.run(filled, cwd=root, env=run_env, capture_output=True, text=True, timeout=1800)
        if done.returncode != 0:
            raise AssertionError(f"{' '.join(filled)} failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    (venv / READY).write_text("\n".join(" ".join(c) for c in commands), encoding="utf-8")
    return venv
