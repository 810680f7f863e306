"""Execute chapters with papermill: parameters, caching by inputs, parallel runs, clear failures.

A chapter is a MyST markdown notebook in ``chapters/`` (a ``.md`` file with a ``kernelspec``
in its front matter) with one code cell tagged ``parameters``. The runner

* checks the chapter names and parameters before anything runs (an unknown one is an error
  that lists the valid ones; a value is converted to the type of the parameter's default);
* executes the chapters with papermill, in this process, several at once (one kernel each);
* writes each executed notebook to ``_build/executed/`` (default parameters, the ones the
  book shows) or ``_build/runs/<parameters>/`` (any other set), with a record of its inputs;
* skips a chapter whose inputs have not changed since its last run: the chapter's text, the
  parameters, the helper package's code and every data file the chapter read (the loaders
  record them) - so editing one data file re-executes only the chapters that read it;
* on a failing cell names the chapter, the cell and the error, keeps the executed notebook as
  ``<chapter>.failed.ipynb``, still runs the other chapters, and reports failure.

A parameter comment ``# one of: a, b, c`` in the parameters cell restricts its values.
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


@dataclass
class Chapter:
    """A chapter notebook: its name (file stem), path, and declared parameters with defaults."""

    name: str
    path: Path
    defaults: dict
    choices: dict = field(default_factory=dict)


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


def read_parameters(source: str) -> tuple[dict, dict]:
    """Defaults (``name = literal`` lines) and allowed values (``# one of:`` comments) of a parameters cell."""
    defaults, choices = {}, {}
    tree = ast.parse(source)
    lines = source.splitlines()
    for node in tree.body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            raise ParameterError(f"the parameters cell may only assign literals to names; line {node.lineno} does something else")
        name = node.targets[0].id
        defaults[name] = ast.literal_eval(node.value)
        match = _ONE_OF.search(lines[node.lineno - 1])
        if match:
            choices[name] = [c.strip() for c in match.group(1).split(",")]
    return defaults, choices


def discover(chapters_dir: Path | None = None) -> dict[str, Chapter]:
    """Every chapter notebook in ``chapters_dir`` (default ``chapters/``), by name."""
    import jupytext

    folder = Path(chapters_dir or paths.chapters_dir())
    found = {}
    for path in sorted(folder.glob("*.md")):
        if not is_notebook(path):
            continue
        try:
            defaults, choices = read_parameters(parameters_cell(jupytext.read(path)))
        except ChapterError as exc:
            raise ChapterError(f"chapter '{path.stem}' ({path}): {exc}") from None
        found[path.stem] = Chapter(path.stem, path, defaults, choices)
    return found


def select(names, chapters: dict[str, Chapter]) -> list[Chapter]:
    """The chapters named (all, if none), or :class:`ChapterError` listing the valid names."""
    if not names:
        return list(chapters.values())
    unknown = [n for n in names if n not in chapters]
    if unknown:
        raise ChapterError(f"unknown chapter{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}; "
                           f"valid chapters: {', '.join(chapters)}")
    return [chapters[n] for n in dict.fromkeys(names)]


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
        raise ParameterError(f"parameter '{name}' of chapter '{chapter.name}' expects {expected} "
                             f"(default {default!r}); got {value!r}") from None


def check_parameters(chapters: list[Chapter], given: dict) -> dict[str, dict]:
    """Validate ``given`` against the selected chapters; return the parameters each chapter receives.

    A parameter must be declared by at least one selected chapter; it is passed to those that
    declare it. ``alpha`` must lie in (0, 0.5) and ``data_dir`` must hold a ``datapackage.json``.
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
            if name == "alpha":
                check_alpha(value)
            if name == "data_dir":
                folder = paths.data_dir(value)
                if not (folder / descriptor.DESCRIPTOR).is_file():
                    raise ParameterError(f"parameter 'data_dir' of chapter '{chapter.name}': {folder} has no "
                                         f"{descriptor.DESCRIPTOR}; expected a copy of the data/ folder")
                value = str(folder)
            values[name] = value
        per_chapter[chapter.name] = values
    return per_chapter


def default_output_dir(given: dict) -> Path:
    """``_build/executed`` for default parameters; ``_build/runs/<name-value_...>`` otherwise."""
    if not given:
        return paths.executed_dir()
    slug = "_".join(f"{k}-{Path(str(v)).name if k == 'data_dir' else v}" for k, v in sorted(given.items()))
    return paths.runs_dir() / re.sub(r"[^A-Za-z0-9._=-]+", "-", slug)


def package_digest() -> str:
    """A hash of the helper package's source: a change to it re-executes every chapter."""
    digest = hashlib.sha256()
    package_dir = Path(__file__).resolve().parents[1]
    for path in sorted(package_dir.rglob("*.py")):
        digest.update(path.relative_to(package_dir).as_posix().encode())
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
        executed = papermill.execute_notebook(
            source, str(notebook_path), parameters=parameters, kernel_name="python3",
            cwd=str(chapter.path.parent), progress_bar=False, log_output=False,
            # The kernel's own start-up log (e.g. its note on TCP transport) is noise for a reader of
            # the build; errors inside cells still reach the notebook and the runner's message.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
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
        force: bool = False, chapters_dir: Path | None = None) -> list[Result]:
    """Execute the named chapters (all if none) with ``parameters``; return one :class:`Result` each.

    Raises :class:`ChapterError` or :class:`ParameterError` before running anything if a name
    or a parameter is invalid. A failing chapter does not stop the others: check the results.
    """
    chapters = select(names, discover(chapters_dir))
    given = dict(parameters or {})
    per_chapter = check_parameters(chapters, given)
    output_dir = Path(output_dir) if output_dir else default_output_dir(given)
    code_digest = package_digest()
    jobs = max(1, jobs or os.cpu_count() or 1)

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
