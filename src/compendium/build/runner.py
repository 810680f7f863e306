"""Execute chapters with papermill: parameters, caching by inputs, parallel runs, clear failures.

A chapter is a MyST markdown notebook in ``chapters/`` (a ``.md`` file with a ``kernelspec``
in its front matter) with one code cell tagged ``parameters``. The runner

* checks the chapter names and parameters before any kernel starts (an unknown one is an error
  that lists the valid ones; a value is converted to the type of the parameter's default and
  checked against the values or the range the parameters cell declares), and validates every
  data folder the chapters will read (the whole data package, as ``validate`` does);
* without chapter names but with parameters, runs the chapters that take every parameter given
  (``run -p alpha 0.1`` runs the chapters that have an ``alpha``);
* executes the chapters with papermill, in this process, several at once (one kernel each);
* writes each executed notebook to ``_build/executed/`` (default parameters, the ones the
  book shows) or ``_build/runs/<parameters>/`` (any other set; a ``data_dir`` is named by its
  folder name and a hash of its resolved path, so two folders called ``data`` never share one),
  with a record of its inputs;
* holds the build lock (:mod:`compendium.build.lock`) while it writes under ``_build/``;
* skips a chapter whose inputs have not changed since its last run: the chapter's text, the
  parameters, the helper package's code (not its build layer, which no chapter imports) and every data file the chapter read (the loaders
  record them) - so editing one data file re-executes only the chapters that read it;
* on a failing cell names the chapter, the cell and the error, keeps the executed notebook as
  ``<chapter>.failed.ipynb``, still runs the other chapters, and reports failure.

In the parameters cell, a comment ``# one of: a, b, c`` after a parameter restricts its values and
``# from 1 to 51`` restricts a number to a range (both ends included); the comment may go on
after the list or the range (``# from 9 to 12: the last month projected``).
"""
from __future__ import annotations

import ast
import hashlib
import json
import os
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from compendium.build import lock
from compendium.data import descriptor
from compendium.data import paths
from compendium.data.errors import ChapterError, ParameterError

CACHE_VERSION = "1"
READS_MARKER = "COMPENDIUM-FILES-READ "
_READS_CELL = (
    "import json as _compendium_json\n"
    "from compendium.data.descriptor import files_read as _compendium_files_read\n"
    f"print({READS_MARKER!r} + _compendium_json.dumps(_compendium_files_read()))"
)
_ONE_OF = re.compile(r"#\s*one of:\s*(.+)$")
_NUMBER = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)"
_FROM_TO = re.compile(rf"#\s*from\s+({_NUMBER})\s+to\s+({_NUMBER})(?![\w.])")


@dataclass
class Chapter:
    """A chapter notebook: its name (file stem), path, and declared parameters with defaults."""

    name: str
    path: Path
    defaults: dict
    choices: dict = field(default_factory=dict)
    ranges: dict = field(default_factory=dict)  # name -> (lowest, highest), both allowed


@dataclass
class Result:
    """What happened to one chapter in a run."""

    chapter: str
    status: str  # "executed", "cached" or "failed"
    notebook: Path
    seconds: float = 0.0
    message: str = ""


def _front_matter(text: str) -> str:
    if not text.startswith("---"):
        return ""
    end = text.find("\n---", 3)
    return text[3:end] if end > 0 else ""


def is_notebook(path: Path) -> bool:
    """A MyST markdown file is a notebook when its front matter names a kernel."""
    return "kernelspec:" in _front_matter(path.read_text(encoding="utf-8"))


def parameters_cell(notebook) -> str:
    """The source of the code cell tagged ``parameters``; a chapter must have exactly one."""
    cells = [c for c in notebook.cells if c.cell_type == "code" and "parameters" in c.metadata.get("tags", [])]
    if len(cells) != 1:
        raise ChapterError(f"a chapter needs exactly one code cell tagged 'parameters'; found {len(cells)}")
    return cells[0].source


def read_parameters(source: str) -> tuple[dict, dict, dict]:
    """Defaults (``name = literal`` lines), allowed values (``# one of:``) and ranges (``# from a to b``) of a
    parameters cell."""
    defaults, choices, ranges = {}, {}, {}
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise ParameterError(f"the parameters cell may only assign literals to names; line {node.lineno} does something else")
        name = node.targets[0].id
        defaults[name] = ast.literal_eval(node.value)
        line = lines[node.lineno - 1]
        match = _ONE_OF.search(line)
        if match:
            choices[name] = [c.strip() for c in match.group(1).split(",")]
        match = _FROM_TO.search(line)
        if match:
            number = int if isinstance(defaults[name], int) else float
            ranges[name] = (number(match.group(1)), number(match.group(2)))
    return defaults, choices, ranges


def discover(chapters_dir: Path | None = None) -> dict[str, Chapter]:
    """Every chapter notebook in ``chapters_dir`` (default ``chapters/``), by name."""
    import jupytext

    folder = Path(chapters_dir or paths.chapters_dir())
    found = {}
    for path in sorted(folder.glob("*.md")):
        if not is_notebook(path):
            continue
        try:
            defaults, choices, ranges = read_parameters(parameters_cell(jupytext.read(path)))
        except ChapterError as exc:
            raise ChapterError(f"chapter '{path.stem}' ({path}): {exc}") from None
        found[path.stem] = Chapter(path.stem, path, defaults, choices, ranges)
    return found


def select(names, chapters: dict[str, Chapter], given: dict | None = None) -> list[Chapter]:
    """The chapters named, or :class:`ChapterError` listing the valid names.

    With no names: every chapter, or - when parameters are ``given`` - the chapters that take all
    of them (``run -p alpha 0.1`` runs the chapters that have an ``alpha``).
    """
    if not names:
        if not given:
            return list(chapters.values())
        taking = [c for c in chapters.values() if all(name in c.defaults for name in given)]
        if not taking:
            listing = "; ".join(f"{c.name}: {', '.join(c.defaults)}" for c in chapters.values())
            raise ParameterError(f"no chapter takes {'all of ' if len(given) > 1 else ''}"
                                 f"{', '.join(map(repr, given))}; parameters by chapter - {listing}")
        return taking
    unknown = [n for n in names if n not in chapters]
    if unknown:
        raise ChapterError(f"unknown chapter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                           f"valid chapters: {', '.join(chapters)}")
    return [chapters[n] for n in dict.fromkeys(names)]


def describe_range(chapter: Chapter, name: str) -> str:
    """``from 1 to 51`` for a parameter with a declared range."""
    low, high = chapter.ranges[name]
    return f"from {low} to {high}"


def _convert(name: str, value, default, chapter: Chapter):
    expected = {bool: "true or false", int: "a whole number", float: "a number", str: "text"}.get(type(default), "a value")
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                if value.lower() not in {"true", "false"}:
                    raise ValueError
                return value.lower() == "true"
            return bool(value)
        if isinstance(default, int):
            if isinstance(value, float) and not value.is_integer():
                raise ValueError
            return int(value)
        if isinstance(default, float):
            return float(value)
        return str(value) if default is not None or isinstance(value, str) else value
    except (TypeError, ValueError):
        if name in chapter.ranges:
            expected += " " + describe_range(chapter, name)
        raise ParameterError(f"parameter '{name}' of chapter '{chapter.name}' expects {expected} "
                             f"(default {default!r}); got {value!r}") from None


def check_parameters(chapters: list[Chapter], given: dict) -> dict[str, dict]:
    """Validate ``given`` against the selected chapters; return the parameters each chapter receives.

    A parameter must be declared by at least one selected chapter; it is passed to those that
    declare it. Its value must convert to the type of the default, be one of the declared values
    (``# one of:``) and lie in the declared range (``# from a to b``); ``alpha`` must lie in
    (0, 0.5) and ``data_dir`` must hold a ``datapackage.json``. Every message names the chapter
    and what it accepts.
    """
    from compendium.analyses.stats import check_alpha

    declared = {name for c in chapters for name in c.defaults}
    unknown = [name for name in given if name not in declared]
    if unknown:
        listing = "; ".join(f"{c.name}: {', '.join(c.defaults)}" for c in chapters)
        raise ParameterError(f"unknown parameter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                             f"valid parameters by chapter - {listing}")
    per_chapter = {}
    for chapter in chapters:
        values = {}
        for name, value in given.items():
            if name not in chapter.defaults:
                continue
            value = _convert(name, value, chapter.defaults[name], chapter)
            if name in chapter.choices and str(value) not in chapter.choices[name]:
                raise ParameterError(f"parameter '{name}' of chapter '{chapter.name}' must be one of "
                                     f"{', '.join(chapter.choices[name])}; got {value!r}")
            if name in chapter.ranges:
                low, high = chapter.ranges[name]
                if not low <= value <= high:
                    raise ParameterError(f"parameter '{name}' of chapter '{chapter.name}' must be "
                                         f"{describe_range(chapter, name)}; got {value!r}")
            if name == "alpha":
                try:
                    check_alpha(value)
                except ParameterError as exc:
                    raise ParameterError(f"parameter 'alpha' of chapter '{chapter.name}': {exc}") from None
            if name == "data_dir":
                folder = paths.data_dir(value)
                if not (folder / descriptor.DESCRIPTOR).is_file():
                    raise ParameterError(f"parameter 'data_dir' of chapter '{chapter.name}': {folder} has no "
                                         f"{descriptor.DESCRIPTOR}; expected a copy of the data/ folder")
                value = str(folder)
            values[name] = value
        per_chapter[chapter.name] = values
    return per_chapter


def validate_data(chapters: list[Chapter], per_chapter: dict[str, dict]) -> None:
    """Validate every data folder the chapters will read (the whole package), before any kernel starts.

    A chapter reads the ``data_dir`` it is given, or its default. A folder that breaks the data
    package raises :class:`~compendium.data.errors.DataError` naming the file, row and column.
    """
    from compendium.data import loaders

    folders = {str(paths.data_dir(per_chapter[c.name].get("data_dir", c.defaults["data_dir"])))
               for c in chapters if "data_dir" in c.defaults}
    for folder in sorted(folders):
        loaders.validate_package(folder)


def run_folder_name(parameters: dict) -> str:
    """The folder under ``_build/runs`` for a set of parameters: ``name-value`` pairs joined by ``_``.

    A ``data_dir`` is written as its folder name and 8 hex digits of the hash of its resolved
    path (``data_dir-data-1a2b3c4d``): the name says which folder, the hash keeps two folders
    with the same name (``/a/data``, ``/b/data``) apart.
    """
    def shown(name, value):
        if name != "data_dir":
            return str(value)
        folder = paths.data_dir(value).resolve()
        return f"{folder.name}-{hashlib.sha256(str(folder).encode()).hexdigest()[:8]}"

    slug = "_".join(f"{name}-{shown(name, value)}" for name, value in sorted(parameters.items()))
    return re.sub(r"[^A-Za-z0-9._=-]+", "-", slug)


def default_output_dir(given: dict) -> Path:
    """``_build/executed`` for default parameters; ``_build/runs/<name-value_...>`` otherwise."""
    if not given:
        return paths.executed_dir()
    return paths.runs_dir() / run_folder_name(given)


def package_digest() -> str:
    """A hash of the helper package's source: a change to it re-executes every chapter."""
    digest = hashlib.sha256()
    package_dir = Path(__file__).resolve().parents[1]
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def execution_digest() -> str:
    """A hash of the code a chapter can run: the package without its build layer (``compendium/build``), which no
    chapter imports, so changing the build machinery re-executes nothing."""
    digest = hashlib.sha256()
    package_dir = Path(__file__).resolve().parents[1]
    for path in sorted(package_dir.rglob("*.py")):
        relative = path.relative_to(package_dir)
        if relative.parts[0] == "build":
            continue
        digest.update(relative.as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _inputs_key(chapter: Chapter, parameters: dict, code_digest: str) -> str:
    digest = hashlib.sha256()
    for part in (CACHE_VERSION, chapter.path.read_text(encoding="utf-8"), json.dumps(parameters, sort_keys=True), code_digest):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _record_path(notebook: Path) -> Path:
    return notebook.with_suffix(".inputs.json")


def is_current(notebook: Path, key: str) -> bool:
    """True when ``notebook`` was executed from the same inputs and every data file it read is unchanged."""
    record = _record_path(notebook)
    if not (notebook.is_file() and record.is_file()):
        return False
    saved = json.loads(record.read_text(encoding="utf-8"))
    if saved.get("key") != key:
        return False
    for path, digest in saved.get("files_read", {}).items():
        if not Path(path).is_file() or descriptor.file_digest(Path(path)) != digest:
            return False
    return True


def _code_cell_number(notebook, failing_source: str) -> int | None:
    """1-based number of the chapter's code cell whose source is ``failing_source`` (None if not found)."""
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, 1):
        if cell.source == failing_source:
            return number
    return None


def _kernel_manager_class():
    """jupyter_client's kernel manager, except that it does not interrupt a kernel it is shutting down.

    jupyter_client sends SIGINT before its shutdown request, in case the kernel is busy; the
    runner shuts a kernel down only after its last cell, when it is idle, and an idle kernel that
    catches the signal logs ``KeyboardInterrupt caught in kernel`` at ERROR level, a false alarm
    in the output of a successful build.
    """
    from jupyter_client import AsyncKernelManager

    class QuietShutdownKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self):
            if self.shutting_down:
                return
            await super()._async_interrupt_kernel()

    return QuietShutdownKernelManager


_KERNEL_START_FAILURE = re.compile(r"Kernel didn't respond|Kernel died before replying to kernel_info")


def _execute_notebook(source, notebook_path: Path, parameters: dict, chapter: Chapter):
    import papermill

    return papermill.execute_notebook(
        source, str(notebook_path), parameters=parameters, kernel_name="python3",
        cwd=str(chapter.path.parent), progress_bar=False, log_output=False,
        # The kernel's own start-up log (e.g. its note on TCP transport) is noise for a reader of
        # the build; errors inside cells still reach the notebook and the runner's message.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
        kernel_manager_class=_kernel_manager_class(),
    )


def execute(chapter: Chapter, parameters: dict, output_dir: Path, key: str) -> Result:
    """Execute one chapter with papermill into ``output_dir``; never raises for a failing cell."""
    import jupytext
    import nbformat
    import papermill

    output_dir.mkdir(parents=True, exist_ok=True)
    notebook_path = output_dir / f"{chapter.name}.ipynb"
    failed_path = output_dir / f"{chapter.name}.failed.ipynb"
    for stale in (notebook_path, failed_path, _record_path(notebook_path)):
        stale.unlink(missing_ok=True)
    source = jupytext.read(chapter.path)
    source.cells.append(nbformat.v4.new_code_cell(_READS_CELL, metadata={"tags": ["remove-cell", "compendium-files-read"]}))
    started = time.perf_counter()
    try:
        try:
            executed = _execute_notebook(source, notebook_path, parameters, chapter)
        except RuntimeError as exc:
            if not _KERNEL_START_FAILURE.search(str(exc)):
                raise
            # The kernel never started: on a busy machine another process can take one of the ports
            # jupyter_client picked for it ("Address already in use"). A second kernel gets new ports.
            print(f"note: the kernel of chapter '{chapter.name}' did not start ({exc}); starting another",
                  file=sys.stderr, flush=True)
            notebook_path.unlink(missing_ok=True)
            executed = _execute_notebook(source, notebook_path, parameters, chapter)
    except papermill.PapermillExecutionError as exc:
        notebook_path.replace(failed_path) if notebook_path.exists() else None
        number = _code_cell_number(source, exc.source)
        first_line = next((line for line in exc.source.splitlines() if line.strip()), "")
        where = f"code cell {number}" if number else "a code cell"
        message = (f"chapter '{chapter.name}' failed in {where} ({first_line.strip()[:80]!r}): "
                   f"{exc.ename}: {exc.evalue}. The executed notebook is kept at {failed_path}")
        return Result(chapter.name, "failed", failed_path, time.perf_counter() - started, message)
    except Exception as exc:  # noqa: BLE001 - a kernel that dies or cannot start is a chapter failure too
        if notebook_path.exists():
            notebook_path.replace(failed_path)
        message = f"chapter '{chapter.name}' could not be executed: {type(exc).__name__}: {exc}"
        return Result(chapter.name, "failed", failed_path, time.perf_counter() - started, message)

    reads_cell = executed.cells.pop()
    files_read = {}
    for output in reads_cell.get("outputs", []):
        text = output.get("text", "")
        if READS_MARKER in text:
            files_read = json.loads(text.split(READS_MARKER, 1)[1])
    executed.metadata.get("papermill", {}).pop("input_path", None)
    nbformat.write(executed, notebook_path)
    _record_path(notebook_path).write_text(json.dumps(
        {"chapter": chapter.name, "key": key, "parameters": parameters, "files_read": files_read}, indent=1, sort_keys=True))
    return Result(chapter.name, "executed", notebook_path, time.perf_counter() - started)


def run(names=None, parameters: dict | None = None, *, output_dir: Path | None = None, jobs: int | None = None,
        force: bool = False, chapters_dir: Path | None = None, lock_mode: str | None = None) -> list[Result]:
    """Execute the named chapters (all if none) with ``parameters``; return one :class:`Result` each.

    Raises :class:`ChapterError`, :class:`ParameterError` or
    :class:`~compendium.data.errors.DataError` before any kernel starts if a name, a parameter
    or a data file is invalid, and :class:`~compendium.build.lock.BuildLocked` if another build
    holds the lock and the lock mode is ``refuse``. A failing chapter does not stop the others:
    check the results. ``lock_mode`` is ``wait`` or ``refuse`` (default ``$COMPENDIUM_LOCK``, else ``wait``).
    """
    given = dict(parameters or {})
    chapters = select(names, discover(chapters_dir), given)
    per_chapter = check_parameters(chapters, given)
    validate_data(chapters, per_chapter)
    checked = {name: value for values in per_chapter.values() for name, value in values.items()}
    output_dir = Path(output_dir) if output_dir else default_output_dir(checked)
    code_digest = execution_digest()
    jobs = max(1, jobs or os.cpu_count() or 1)

    with lock.hold_if_inside(output_dir, lock_mode):
        results: dict[str, Result] = {}
        pending = []
        for chapter in chapters:
            key = _inputs_key(chapter, per_chapter[chapter.name], code_digest)
            notebook = output_dir / f"{chapter.name}.ipynb"
            if not force and is_current(notebook, key):
                results[chapter.name] = Result(chapter.name, "cached", notebook)
            else:
                pending.append((chapter, key))

        def work(item):
            chapter, key = item
            return execute(chapter, per_chapter[chapter.name], output_dir, key)

        with ThreadPoolExecutor(max_workers=min(jobs, max(1, len(pending)))) as pool:
            for result in pool.map(work, pending):
                results[result.chapter] = result
    return [results[c.name] for c in chapters]
