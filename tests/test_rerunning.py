"""The book re-run outside this checkout: from any working directory, on Windows, without make.

The fresh-environment tests (Binder's steps, the README's commands without make) build virtual
environments once and keep them under ``~/.cache/compendium/venvs``, keyed by a hash of what
installs them, so later runs take seconds; a cold cache takes a few minutes.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compendium.build import lock
from compendium.data import paths

ROOT = paths.repo_root()


def run_python(code: str, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def clean_env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in (paths.ROOT_VARIABLE, paths.DATA_VARIABLE, "PYTHONPATH")}
    env.update(extra)
    return env


LOAD = "from compendium.data import descriptor; print(len(descriptor.read_descriptor()['resources']))"


@pytest.fixture
def package_without_data(tmp_path) -> Path:
    """The package installed away from any checkout (as ``pip install .`` puts it in site-packages)."""
    site = tmp_path / "site-packages"
    shutil.copytree(ROOT / "src" / "compendium", site / "compendium", ignore=shutil.ignore_patterns("__pycache__"))
    return site


def test_a_notebook_away_from_the_data_says_how_to_get_them_in_one_sentence(package_without_data, tmp_path):
    elsewhere = tmp_path / "Downloads"
    elsewhere.mkdir()
    done = run_python(LOAD, elsewhere, clean_env(PYTHONPATH=str(package_without_data)))
    assert done.returncode != 0
    last = done.stderr.strip().splitlines()[-1]
    assert last == f"compendium.data.paths.DataNotFound: {paths.DATA_NOT_FOUND}"
    sentence = paths.DATA_NOT_FOUND
    assert sentence.endswith(".") and sentence.count(". ") == 0, "one sentence"
    assert "data/datapackage.json" in sentence and paths.DATA_VARIABLE in sentence


def test_the_data_are_found_from_the_working_directory_or_compendium_data(package_without_data, tmp_path):
    copy = tmp_path / "my-copy"
    shutil.copytree(ROOT / "data", copy / "data")
    (copy / "chapters").mkdir()
    inside = run_python(LOAD, copy / "chapters", clean_env(PYTHONPATH=str(package_without_data)))
    assert inside.returncode == 0, inside.stderr
    named = run_python(LOAD, tmp_path, clean_env(PYTHONPATH=str(package_without_data),
                                                 COMPENDIUM_DATA=str(copy / "data")))
    assert named.returncode == 0 and int(named.stdout) == int(inside.stdout) > 0, named.stderr


def test_the_checkout_the_package_runs_from_is_found_from_any_working_directory(tmp_path):
    done = run_python(LOAD + "; from compendium.data import paths; print(paths.repo_root())", tmp_path,
                      clean_env(PYTHONPATH=str(ROOT / "src")))
    assert done.returncode == 0, done.stderr
    assert done.stdout.split()[-1] == str(ROOT)


class FakeMsvcrt:
    """Windows' byte-range lock, as msvcrt.locking behaves: a second lock of a locked byte fails."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self):
        self.held, self.calls = set(), []

    def locking(self, fd, mode, nbytes):
        key = (os.fstat(fd).st_ino, os.lseek(fd, 0, os.SEEK_CUR))
        self.calls.append((mode, key[1]))
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise OSError(36, "Resource deadlock avoided")
            self.held.add(key)
        else:
            self.held.discard(key)


def test_the_build_lock_works_with_windows_byte_locks(monkeypatch, tmp_path):
    fake = FakeMsvcrt()
    monkeypatch.setattr(lock, "fcntl", None)
    monkeypatch.setattr(lock, "msvcrt", fake, raising=False)
    monkeypatch.setenv(paths.ROOT_VARIABLE, str(tmp_path))
    with lock.hold("refuse"):
        assert str(os.getpid()) in lock.lock_path().read_text(encoding="utf-8"), "the holder stays readable"
        with pytest.raises(lock.BuildLocked, match="another build is running in this checkout"):
            lock._acquire("refuse")
    offset = lock._WINDOWS_LOCK_OFFSET
    assert fake.calls == [(fake.LK_NBLCK, offset), (fake.LK_NBLCK, offset), (fake.LK_UNLCK, offset)]
    assert not fake.held and lock.lock_path().read_text(encoding="utf-8") == ""
