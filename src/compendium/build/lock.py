"""The build lock: one build at a time writes into a checkout's ``_build/``.

Two builds at once stage the book source over each other and Sphinx reads half-written
notebooks. ``book`` and ``run`` therefore hold an exclusive lock on ``_build/.lock`` while they
write under ``_build/``: ``fcntl.flock`` on Linux and macOS, ``msvcrt.locking`` on Windows (lab
computers without ``make`` run the same commands, see README). The file holds the holder's process id, command and start
time, so a second build can say who it is waiting for. The operating system releases a flock
when its process ends, however it ends: a build that was killed leaves the file's text behind
but no lock, and the next build notices the text, says so and takes over.

A second build either waits for the first (the default) or stops at once with
:class:`BuildLocked` (exit code 3 on the command line): ``--no-wait`` on the command line, or
``COMPENDIUM_LOCK=refuse`` in the environment, chooses the latter. The lock is re-entrant within a
process (``book`` holds it and calls the runner, which holds it too).
"""
from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import threading
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None
    import msvcrt

from compendium.data import paths
from compendium.data.errors import CompendiumError, ParameterError

LOCK_FILE = ".lock"
MODE_VARIABLE = "COMPENDIUM_LOCK"
MODES = ("wait", "refuse")

_thread_lock = threading.RLock()
_depth = 0
_handle = None


class BuildLocked(CompendiumError):
    """Another build holds the lock of this checkout and the lock mode is ``refuse``."""


def lock_path() -> Path:
    """The lock file of this checkout: ``_build/.lock``."""
    return paths.build_dir() / LOCK_FILE


def lock_mode(mode: str | None = None) -> str:
    """``mode`` if given, else ``$COMPENDIUM_LOCK``, else ``wait``; an unknown mode is an error."""
    chosen = (mode or os.environ.get(MODE_VARIABLE) or "wait").strip().lower()
    if chosen not in MODES:
        raise ParameterError(f"{MODE_VARIABLE}={chosen!r} is not a lock mode; use one of {', '.join(MODES)}")
    return chosen


def _holder(handle) -> dict:
    handle.seek(0)
    text = handle.read().strip()
    if not text:
        return {}
    try:
        holder = json.loads(text)
    except json.JSONDecodeError:
        return {"text": text}
    return holder if isinstance(holder, dict) else {"text": text}


def _describe(holder: dict) -> str:
    if "pid" not in holder:
        return f"a build ({holder.get('text', 'no details recorded')})"
    return (f"process {holder['pid']} ({holder.get('command', 'a build')}, "
            f"started {holder.get('started', 'at an unknown time')})")


def _command() -> str:
    argv = list(sys.argv) or [""]
    argv[0] = "python -m compendium" if argv[0].endswith("__main__.py") else (Path(argv[0]).name or "python")
    return " ".join(argv)


# msvcrt locks bytes, and a locked byte cannot be read by another process: lock one far past the
# holder's text, so a waiting build can still read who holds the lock.
_WINDOWS_LOCK_OFFSET = 1 << 30
_WINDOWS_RETRY_SECONDS = 0.5


def _lock(handle, wait: bool) -> None:
    """Lock ``handle`` exclusively; raise BlockingIOError when another process holds it and not ``wait``."""
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        return
    while True:
        handle.seek(_WINDOWS_LOCK_OFFSET)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            return
        except OSError:
            if not wait:
                raise BlockingIOError("the build lock is held by another process") from None
            time.sleep(_WINDOWS_RETRY_SECONDS)


def _unlock(handle) -> None:
    if fcntl is not None:
        fcntl.flock(handle, fcntl.LOCK_UN)
        return
    handle.seek(_WINDOWS_LOCK_OFFSET)
    msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)


def _is_running(pid) -> bool:
    if os.name == "nt":  # os.kill(pid, 0) would end the process on Windows
        return _is_running_on_windows(pid)
    try:
        os.kill(int(pid), 0)
    except (ProcessLookupError, ValueError, TypeError):
        return False
    except PermissionError:
        return True
    return True


def _is_running_on_windows(pid) -> bool:
    import ctypes

    try:
        process = ctypes.windll.kernel32.OpenProcess(0x1000, False, int(pid))  # query limited information
    except (ValueError, TypeError):
        return False
    if not process:
        return False
    code = ctypes.c_ulong()
    ctypes.windll.kernel32.GetExitCodeProcess(process, ctypes.byref(code))
    ctypes.windll.kernel32.CloseHandle(process)
    return code.value == 259  # STILL_ACTIVE


def _acquire(mode: str):
    path = lock_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        handle = open(path, "a+", encoding="utf-8")
        try:
            _lock(handle, wait=False)
        except BlockingIOError:
            holder = _describe(_holder(handle))
            if mode == "refuse":
                handle.close()
                raise BuildLocked(
                    f"another build is running in this checkout: {holder} holds {path}. Wait for it to end and "
                    f"run again, or run with --wait (or {MODE_VARIABLE}=wait) to start as soon as it ends") from None
            print(f"waiting: another build is running in this checkout: {holder} holds {path}; this one starts "
                  f"when it ends (Ctrl-C stops waiting; --no-wait or {MODE_VARIABLE}=refuse stops at once instead)",
                  file=sys.stderr, flush=True)
            try:
                _lock(handle, wait=True)
            except BaseException:
                handle.close()
                raise
        # `make clean` may have removed the file while this build waited: lock the file that is there now.
        try:
            current = os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except FileNotFoundError:
            current = False
        if not current:
            handle.close()
            continue
        left = _holder(handle)
        if left and not (left.get("pid") == os.getpid()):
            state = "no longer running" if not _is_running(left.get("pid")) else "no longer holding the lock"
            print(f"note: cleared the build lock left by {_describe(left)}, {state} (a build that was killed)",
                  file=sys.stderr, flush=True)
        handle.seek(0)
        handle.truncate()
        handle.write(json.dumps({"pid": os.getpid(), "command": _command(),
                                 "started": dt.datetime.now().isoformat(timespec="seconds")}))
        handle.flush()
        return handle


def _release(handle) -> None:
    handle.seek(0)
    handle.truncate()  # an empty file: nobody holds the lock (text left behind means a killed build)
    handle.flush()
    _unlock(handle)
    handle.close()


@contextlib.contextmanager
def hold(mode: str | None = None):
    """Hold the build lock of this checkout for the ``with`` block (waiting or refusing per :func:`lock_mode`)."""
    global _depth, _handle
    mode = lock_mode(mode)
    with _thread_lock:
        if _depth == 0:
            _handle = _acquire(mode)
        _depth += 1
        try:
            yield lock_path()
        finally:
            _depth -= 1
            if _depth == 0:
                handle, _handle = _handle, None
                _release(handle)


def hold_if_inside(folder: Path, mode: str | None = None):
    """:func:`hold` when ``folder`` is inside ``_build/`` (what the lock protects); otherwise nothing."""
    build = paths.build_dir().resolve()
    target = Path(folder).resolve()
    if target == build or build in target.parents:
        return hold(mode)
    return contextlib.nullcontext()
