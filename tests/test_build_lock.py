"""The build lock: a second build waits for the first or stops at once naming it; a killed build's lock is cleared.

Holders are other processes (the lock is an ``fcntl.flock``, which a process never conflicts with
itself on the same open file) started with ``COMPENDIUM_ROOT`` pointing at a temporary checkout.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest

from compendium.build import lock
from compendium.build.cli import main as cli
from compendium.data.errors import ParameterError

HOLDER = """
import sys, time
from compendium.build import lock
with lock.hold():
    print("held", flush=True)
    time.sleep(float(sys.argv[1]))
"""
KILLED_HOLDER = """
import os, signal
from compendium.build import lock
held = lock.hold()  # kept referenced: a collected generator would release the lock
held.__enter__()
print("held", flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    monkeypatch.delenv(lock.MODE_VARIABLE, raising=False)
    return tmp_path


def start_holder(script: str, *args) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-c", script, *map(str, args)], stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    return process


def test_a_second_build_refuses_naming_the_running_one(checkout):
    holder = start_holder(HOLDER, 30)
    try:
        started = time.monotonic()
        with pytest.raises(lock.BuildLocked) as err:
            with lock.hold("refuse"):
                pass
        assert time.monotonic() - started < 5, "refusing must not wait"
        message = str(err.value)
        assert f"another build is running in this checkout: process {holder.pid} (" in message
        assert str(checkout / "_build" / ".lock") in message and "--wait" in message
    finally:
        holder.kill()
        holder.wait()


def test_the_command_line_refuses_with_exit_code_3(checkout, capsys, monkeypatch):
    holder = start_holder(HOLDER, 30)
    try:
        monkeypatch.setenv(lock.MODE_VARIABLE, "refuse")
        assert cli(["book"]) == 3
        err = capsys.readouterr().err
        assert err.startswith("error: another build is running in this checkout: process ")
        assert str(holder.pid) in err and "Traceback" not in err
    finally:
        holder.kill()
        holder.wait()


def test_a_second_build_waits_for_the_first_and_says_for_whom(checkout, capsys):
    holder = start_holder(HOLDER, 2)
    started = time.monotonic()
    with lock.hold("wait"):
        waited = time.monotonic() - started
    holder.wait()
    assert waited > 1.5, "the lock was taken while the first build still held it"
    assert f"waiting: another build is running in this checkout: process {holder.pid}" in capsys.readouterr().err


def test_a_lock_left_by_a_killed_build_is_cleared(checkout, capsys):
    holder = start_holder(KILLED_HOLDER)
    assert holder.wait() == -signal.SIGKILL
    assert str(holder.pid) in (checkout / "_build" / ".lock").read_text()  # the text stays; the flock is gone
    started = time.monotonic()
    with lock.hold("refuse"):
        assert time.monotonic() - started < 5
        assert f'"pid": {os.getpid()}' in (checkout / "_build" / ".lock").read_text()
    assert f"note: cleared the build lock left by process {holder.pid}" in capsys.readouterr().err
    assert (checkout / "_build" / ".lock").read_text() == ""  # released: nobody holds it


def test_the_lock_is_reentrant_and_only_taken_for_folders_under_build(checkout, tmp_path_factory):
    with lock.hold():
        with lock.hold("refuse"):  # the book holds it and calls the runner, which takes it again
            pass
        assert (checkout / "_build" / ".lock").read_text()
    assert (checkout / "_build" / ".lock").read_text() == ""
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    with lock.hold_if_inside(elsewhere):
        assert (checkout / "_build" / ".lock").read_text() == ""


def test_an_unknown_lock_mode_is_a_parameter_error(checkout, monkeypatch):
    monkeypatch.setenv(lock.MODE_VARIABLE, "sometimes")
    with pytest.raises(ParameterError, match="COMPENDIUM_LOCK='sometimes' is not a lock mode; use one of wait, refuse"):
        with lock.hold():
            pass
