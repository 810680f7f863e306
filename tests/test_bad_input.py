"""Bad input gets a clear error that names the file, row, column, chapter or parameter, and loses nothing.

The table :data:`CASES` lists kinds of bad data and bad parameters. Each goes through the real
command line (``compendium.build.cli.main``) and must give its exit code and a message naming
what was wrong, before any kernel starts, leaving ``_build/executed/``, ``_build/html/`` and
``_build/runs/`` exactly as they were (file hashes and modification times compared).
"""
from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import nbformat
import pytest

from compendium.build import outputs
from compendium.build import runner
from compendium.build.cli import main as cli
from compendium.data import loaders
from compendium.data import paths
from compendium.data.errors import ChapterError, DataError, ParameterError

REPO_DATA = paths.data_dir()


@pytest.fixture
def data_copy(tmp_path):
    """A private copy of data/ that a test may break."""
    return Path(shutil.copytree(REPO_DATA, tmp_path / "data"))


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def drop_lines(path: Path, starting: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.startswith(starting)]
    assert len(kept) < len(lines), f"no line of {path} starts with {starting!r}"
    path.write_text("".join(kept), encoding="utf-8")


def header_only(path: Path) -> None:
    path.write_text(path.read_text(encoding="utf-8").splitlines(keepends=True)[0], encoding="utf-8")


def edit_descriptor(folder: Path, change: Callable[[dict], None]) -> None:
    path = folder / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")


def drop_resource(name: str) -> Callable[[dict], None]:
    def change(package):
        package["resources"] = [r for r in package["resources"] if r["name"] != name]
    return change


# --- the table ---------------------------------------------------------------------------------

@dataclass
class Case:
    """One kind of bad input: how to break a copy of data/ (``data``), the command, what must come back."""

    argv: list[str]  # "{data}" stands for the broken copy of data/
    exit_code: int
    says: list[str]  # fragments of the message, "{data}" again for the copy
    data: Callable[[Path], None] | None = None
    env: dict = field(default_factory=dict)
    stream: str = "err"


P = "paper"
CASES = {
    # -- files and the descriptor
    "missing file": Case(["run", "business_models", "-p", "data_dir", "{data}"], 2,
                         ["{data}/paper/osse_types.csv: file not found", "expected the CSV file the data package names"],
                         lambda d: (d / P / "osse_types.csv").unlink()),
    "empty file": Case(["validate", "--data-dir", "{data}"], 2, ["paper/sex_shares.csv: the file is empty"],
                       lambda d: (d / P / "sex_shares.csv").write_text("", encoding="utf-8")),
    "folder without datapackage.json": Case(["run", "data", "-p", "data_dir", "{data}"], 2,
                                            ["parameter 'data_dir' of chapter 'data'", "has no datapackage.json"],
                                            lambda d: (d / "datapackage.json").unlink()),
    "malformed datapackage.json": Case(["validate", "--data-dir", "{data}"], 2,
                                       ["{data}/datapackage.json: malformed JSON", "at line 1"],
                                       lambda d: (d / "datapackage.json").write_text('{"resources": [', encoding="utf-8")),
    "dataset removed from datapackage.json": Case(
        ["run", "data", "-p", "data_dir", "{data}"], 2,
        ["{data}/datapackage.json, column 'resources': the data package does not describe 'us_states_2022'"],
        lambda d: edit_descriptor(d, drop_resource("us_states_2022"))),
    "a dataset others refer to, removed from datapackage.json": Case(
        ["validate", "--data-dir", "{data}"], 2,
        ["datapackage.json", "does not describe 'mexican_states'"],
        lambda d: edit_descriptor(d, drop_resource("mexican_states"))),
    "file in another encoding": Case(["run", "diaspora", "-p", "data_dir", "{data}"], 2,
                                     ["paper/origin_states_2022.csv: not valid UTF-8", "expected a UTF-8 encoded CSV file"],
                                     lambda d: (d / P / "origin_states_2022.csv").write_bytes(
                                         (d / P / "origin_states_2022.csv").read_text(encoding="utf-8").encode("latin-1"))),
    "unbalanced quotes": Case(["validate", "--data-dir", "{data}"], 2, ["paper/occupations_abroad.csv: malformed CSV"],
                              lambda d: rewrite(d / P / "occupations_abroad.csv", '"Academics, students and research"',
                                                '"Academics, students and research')),
    # -- the header
    "missing column": Case(["run", "diaspora", "-p", "data_dir", "{data}"], 2,
                           ["paper/us_states_2022.csv, column 'women': missing column",
                            "found ['state', 'mexican_population', 'men', 'female']",
                            "expected the header state,mexican_population,men,women"],
                           lambda d: rewrite(d / P / "us_states_2022.csv", "men,women", "men,female")),
    "header name with a trailing space": Case(
        ["validate", "--data-dir", "{data}"], 2,
        ["paper/us_states_2022.csv, column 'state': missing column ('state ' looks like 'state' with spaces or "
         "invisible characters)", "found ['state ', 'mexican_population', 'men', 'women']"],
        lambda d: rewrite(d / P / "us_states_2022.csv", "state,", "state ,")),
    "header name with an invisible character": Case(
        ["validate", "--data-dir", "{data}"], 2,
        ["column 'state': missing column ('\\u200bstate' looks like 'state'", "found ['\\u200bstate',"],
        lambda d: rewrite(d / P / "us_states_2022.csv", "state,", "\u200bstate,")),
    "byte-order mark and a misspelt name (the mark is not blamed)": Case(
        ["validate", "--data-dir", "{data}"], 2, ["column 'state': missing column", "found ['State', 'mexican_population'"],
        lambda d: (d / P / "us_states_2022.csv").write_bytes(
            b"\xef\xbb\xbf" + (d / P / "us_states_2022.csv").read_bytes().replace(b"state,", b"State,", 1))),
    "unexpected column": Case(["validate", "--data-dir", "{data}"], 2,
                              ["paper/sex_shares.csv, column 'source': unexpected column",
                               "add new columns to datapackage.json first"],
                              lambda d: (d / P / "sex_shares.csv").write_text(
                                  "".join(line.rstrip("\n") + (",source\n" if n == 0 else ",x\n") for n, line in enumerate(
                                      (d / P / "sex_shares.csv").read_text(encoding="utf-8").splitlines(keepends=True))),
                                  encoding="utf-8")),
    "column named twice": Case(["validate", "--data-dir", "{data}"], 2,
                               ["paper/abroad_totals_2021.csv", "a column name appears twice in the header"],
                               lambda d: (d / P / "abroad_totals_2021.csv").write_text(
                                   "measure,mexican_population,measure\nworld,12145143,world\n"
                                   "world excluding the United States,395143,w\n", encoding="utf-8")),
    # -- rows and values
    "row with a stray comma": Case(["validate", "--data-dir", "{data}"], 2,
                                   ["us_states_2022.csv, row 5 (line 6)", "the row has 5 fields but the header has 4"],
                                   lambda d: rewrite(d / P / "us_states_2022.csv", "California,159166", "California,159,166")),
    "value of the wrong type": Case(["run", "diaspora", "-p", "data_dir", "{data}"], 2,
                                    ["us_states_2022.csv, row 5 (line 6), column 'mexican_population': the value is not "
                                     "of type integer; found '159166x'"],
                                    lambda d: rewrite(d / P / "us_states_2022.csv", "California,159166", "California,159166x")),
    "date that does not exist": Case(["validate", "--data-dir", "{data}"], 2,
                                     ["migration_events_mexico.csv, row 1 (line 2), column 'period_end'",
                                      "not of type date; found '2024-08-32'"],
                                     lambda d: rewrite(d / P / "migration_events_mexico.csv", "2024-08-31", "2024-08-32")),
    "negative count": Case(["validate", "--data-dir", "{data}"], 2,
                           ["nodess_regions_2022_2023.csv, row 2 (line 3), column 'nodess'", "found '-9'",
                            "a count cannot be negative"],
                           lambda d: rewrite(d / P / "nodess_regions_2022_2023.csv", "North,9", "North,-9")),
    "duplicate key": Case(["validate", "--data-dir", "{data}"], 2,
                          ["abbreviations.csv, row 5 (line 6), column 'abbreviation'", "first seen in row 4"],
                          lambda d: rewrite(d / P / "abbreviations.csv", "INM,National Migration Institute",
                                            "INEGI,National Migration Institute")),
    "missing required value": Case(["validate", "--data-dir", "{data}"], 2,
                                   ["osse_group_minimums.csv, row 1 (line 2), column 'minimum_people': a required value "
                                    "is missing"],
                                   lambda d: rewrite(d / P / "osse_group_minimums.csv", "Social Groups,3", "Social Groups,")),
    "value outside its allowed set": Case(["validate", "--data-dir", "{data}"], 2,
                                          ["column 'continent': the value is not one of the allowed values; found 'Oceanía'"],
                                          lambda d: rewrite(d / P / "abroad_by_continent_2021.csv", "Oceania,", "Oceanía,")),
    "broken foreign key": Case(["run", "nodess", "-p", "data_dir", "{data}"], 2,
                               ["origin_states_2022.csv, row 25 (line 26), column 'state'",
                                "found 'Aguascalientez'; expected a value of mexican_states.name_table2"],
                               lambda d: rewrite(d / P / "origin_states_2022.csv", "Aguascalientes,", "Aguascalientez,")),
    "correction that no longer matches the transcription": Case(
        ["run", "diaspora", "-p", "data_dir", "{data}"], 2,
        ["corrections.csv, row 1 (line 2), column 'printed_value'",
         "correction C01 expects the printed value '10' in us_states_2022 (state=Rhode Island)", "holds '12'"],
        lambda d: rewrite(d / P / "us_states_2022.csv", "Rhode Island,169,10,59", "Rhode Island,169,12,59")),
    # -- structure: rows counted and rows looked up
    "header-only top_countries.csv": Case(["run", "diaspora", "-p", "data_dir", "{data}"], 2,
                                          ["{data}/paper/top_countries.csv: the file has a header but no data rows",
                                           "expected 20 rows"],
                                          lambda d: header_only(d / P / "top_countries.csv")),
    "header-only nodess_priority_themes.csv": Case(["run", "nodess", "-p", "data_dir", "{data}"], 2,
                                                   ["paper/nodess_priority_themes.csv: the file has a header but no data "
                                                    "rows", "expected 15 rows"],
                                                   lambda d: header_only(d / P / "nodess_priority_themes.csv")),
    "header-only policy_timeline.csv": Case(["run", "immigration", "-p", "data_dir", "{data}"], 2,
                                            ["paper/policy_timeline.csv: the file has a header but no data rows",
                                             "expected 7 rows"],
                                            lambda d: header_only(d / P / "policy_timeline.csv")),
    "origin_states_2022.csv without Zacatecas": Case(
        ["run", "diaspora", "-p", "data_dir", "{data}"], 2,
        ["paper/origin_states_2022.csv, column 'state': no row has the key 'Zacatecas', which the diaspora chapter"],
        lambda d: drop_lines(d / P / "origin_states_2022.csv", "3,Zacatecas,")),
    "a looked-up row renamed (two columns make the key)": Case(
        ["validate", "--data-dir", "{data}"], 2,
        ["top_countries.csv, column 'period, country': no row has the key 'period=2021, country=United States'"],
        lambda d: rewrite(d / P / "top_countries.csv", "2021,1,United States", "2021,1,USA")),
    "a stated total the chapters look up is missing": Case(
        ["validate", "--data-dir", "{data}"], 2,
        ["stated_totals.csv, column 'statement_id': no row has the key 'us_population_size'"],
        lambda d: drop_lines(d / P / "stated_totals.csv", "us_population_size,")),
    "a checkpoint the chapters compare with is missing (dates in the key)": Case(
        ["run", "returns", "-p", "data_dir", "{data}"], 2,
        ["migration_series_checkpoints.csv, column 'series, period_start, period_end'",
         "period_start=2024-01-01, period_end=2024-11-30"],
        lambda d: drop_lines(d / "external" / "migration_series_checkpoints.csv",
                             "repatriations_of_mexicans_from_us,2024-01-01,2024-11-30")),
    "more rows than expected_rows": Case(["validate", "--data-dir", "{data}"], 2,
                                         ["paper/top_countries.csv: the file has 21 data rows", "expected 20 rows"],
                                         lambda d: (d / P / "top_countries.csv").open("a", encoding="utf-8").write(
                                             "2021,10,Peru,5000\n")),
    # -- parameters
    "unknown chapter": Case(["run", "no_such_chapter"], 2, ["unknown chapter 'no_such_chapter'; valid chapters: "]),
    "unknown parameter": Case(["run", "data", "-p", "colour", "red"], 2,
                              ["unknown parameter 'colour'; valid parameters by chapter - data: data_dir"]),
    "a parameter the named chapter does not take": Case(["run", "data", "-p", "alpha", "0.1"], 2,
                                                        ["unknown parameter 'alpha'; valid parameters by chapter - data: "
                                                         "data_dir"]),
    "parameters no one chapter takes together": Case(["run", "-p", "top_n", "3", "-p", "horizon_months", "10"], 2,
                                                     ["no chapter takes all of 'top_n', 'horizon_months'"]),
    "text for a whole number": Case(["run", "diaspora", "-p", "top_n", "ten"], 2,
                                    ["parameter 'top_n' of chapter 'diaspora' expects a whole number from 1 to 51 "
                                     "(default 5); got 'ten'"]),
    "a fraction for a whole number": Case(["run", "diaspora", "-p", "top_n", "2.5"], 2,
                                          ["parameter 'top_n' of chapter 'diaspora' expects a whole number"]),
    "top_n below its range": Case(["run", "diaspora", "-p", "top_n", "0"], 2,
                                  ["parameter 'top_n' of chapter 'diaspora' must be from 1 to 51; got 0"]),
    "top_n above its range": Case(["run", "diaspora", "-p", "top_n", "52"], 2,
                                  ["parameter 'top_n' of chapter 'diaspora' must be from 1 to 51; got 52"]),
    "horizon_months below its range": Case(["run", "returns", "-p", "horizon_months", "8"], 2,
                                           ["parameter 'horizon_months' of chapter 'returns' must be from 9 to 12; got 8"]),
    "horizon_months above its range": Case(["run", "returns", "-p", "horizon_months", "13"], 2,
                                           ["parameter 'horizon_months' of chapter 'returns' must be from 9 to 12; got 13"]),
    "alpha out of range": Case(["run", "nodess", "-p", "alpha", "0.7"], 2,
                               ["parameter 'alpha' of chapter 'nodess': alpha must be between 0 and 0.5"]),
    "alpha out of range, every chapter that takes it": Case(["run", "-p", "alpha", "0"], 2,
                                                            ["parameter 'alpha' of chapter 'business_models': alpha must "
                                                             "be between 0 and 0.5"]),
    "alpha not a number": Case(["run", "immigration", "-p", "alpha", "five percent"], 2,
                               ["parameter 'alpha' of chapter 'immigration' expects a number (default 0.05); "
                                "got 'five percent'"]),
    "a value outside the chapter's list": Case(["run", "returns", "-p", "projection_method", "linear"], 2,
                                               ["parameter 'projection_method' of chapter 'returns' must be one of "
                                                "monthly_rate, month_range; got 'linear'"]),
    "data_dir that does not exist": Case(["run", "glossary", "-p", "data_dir", "{data}/nowhere"], 2,
                                         ["parameter 'data_dir' of chapter 'glossary': {data}/nowhere has no "
                                          "datapackage.json"]),
    "unknown lock mode": Case(["run", "data", "-p", "data_dir", "{data}"], 2,
                              ["COMPENDIUM_LOCK='sometimes' is not a lock mode; use one of wait, refuse"],
                              env={"COMPENDIUM_LOCK": "sometimes"}),
    # -- accepted as people produce it
    "a CSV saved by Excel as 'CSV UTF-8' (byte-order mark, CRLF)": Case(
        ["validate", "--data-dir", "{data}"], 0, ["resources valid in {data}"],
        lambda d: (d / P / "us_states_2022.csv").write_bytes(
            b"\xef\xbb\xbf" + (d / P / "us_states_2022.csv").read_bytes().replace(b"\n", b"\r\n")), stream="out"),
}


def snapshot(*folders: Path) -> dict[str, tuple]:
    """Every file under ``folders``: (size, modification time, SHA-256)."""
    found = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
            if path.is_file():
                stat = path.stat()
                found[str(path)] = (stat.st_size, stat.st_mtime_ns, hashlib.sha256(path.read_bytes()).hexdigest())
    return found


@pytest.fixture(scope="module")
def build_outputs():
    build = paths.build_dir()
    return build / "executed", build / "html", build / "runs"


@pytest.mark.parametrize("kind", list(CASES))
def test_bad_input_is_refused_naming_what_is_wrong_and_changes_nothing(kind, data_copy, build_outputs, monkeypatch,
                                                                      capsys):
    case = CASES[kind]
    if case.data:
        case.data(data_copy)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)

    def no_kernel(*args, **kwargs):
        raise AssertionError("a kernel was started for bad input")

    monkeypatch.setattr(runner, "execute", no_kernel)
    before = snapshot(*build_outputs)
    code = cli([arg.replace("{data}", str(data_copy)) for arg in case.argv])
    captured = capsys.readouterr()
    message = captured.err if case.stream == "err" else captured.out
    assert code == case.exit_code, f"{kind}: exit {code}, expected {case.exit_code}; {captured.err}"
    for fragment in case.says:
        assert fragment.replace("{data}", str(data_copy)) in message, f"{kind}: {fragment!r} not in {message!r}"
    if case.exit_code:
        assert message.startswith("error: ") and "Traceback" not in message
    assert snapshot(*build_outputs) == before, f"{kind}: _build/executed, _build/html or _build/runs changed"


def test_the_table_covers_at_least_25_kinds_of_bad_input():
    assert sum(1 for case in CASES.values() if case.exit_code) >= 25


# --- the loaders on their own ---------------------------------------------------------------

def test_wrong_type_message_in_full(data_copy):
    rewrite(data_copy / "paper" / "us_states_2022.csv", "California,159166", "California,159166x")
    with pytest.raises(DataError) as err:
        loaders.load_us_states_2022(data_copy)
    assert str(err.value) == (
        f"{data_copy / 'paper' / 'us_states_2022.csv'}, row 5 (line 6), column 'mexican_population': "
        "the value is not of type integer; found '159166x'; "
        "expected a whole number written with digits only (no separators)")


def test_a_byte_order_mark_is_read_as_nothing(data_copy):
    path = data_copy / "paper" / "us_states_2022.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert list(loaders.load_us_states_2022(data_copy).columns)[0] == "state"
    assert loaders.load_us_states_2022(data_copy).equals(loaders.load_us_states_2022())


def test_a_correction_is_checked_when_the_corrected_frame_is_loaded(data_copy):
    rewrite(data_copy / "paper" / "us_states_2022.csv", "Rhode Island,169,10,59", "Rhode Island,169,12,59")
    assert loaders.load_us_states_2022(data_copy).set_index("state").loc["Rhode Island", "men"] == 12
    with pytest.raises(DataError, match="correction C01 expects the printed value '10'"):
        loaders.load_us_states_2022(data_copy, corrected=True)


def test_a_dataset_missing_from_the_descriptor_is_a_data_error_not_a_key_error(data_copy):
    edit_descriptor(data_copy, drop_resource("us_states_2022"))
    with pytest.raises(DataError, match=r"datapackage.json: no resource named 'us_states_2022'"):
        loaders.load_us_states_2022(data_copy)


def test_another_number_of_rows_is_accepted_when_the_copy_says_so(data_copy):
    drop_lines(data_copy / "paper" / "abbreviations.csv", "SEGOB,")
    with pytest.raises(DataError, match="abbreviations.csv: the file has 8 data rows; expected 9 rows"):
        loaders.load_abbreviations(data_copy)
    edit_descriptor(data_copy, lambda p: next(r for r in p["resources"] if r["name"] == "abbreviations")
                    .update(expected_rows=8))
    assert len(loaders.load_abbreviations(data_copy)) == 8


# --- the runner ------------------------------------------------------------------------------

FRONT = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
kernelspec:
  display_name: Python 3
  language: python
  name: python3
---

# {title}

```{{code-cell}} ipython3
:tags: [parameters]
data_dir = "data"
alpha = 0.05
flavour = "plain"  # one of: plain, salted
```
"""
OK_CHAPTER = FRONT.format(title="Fine") + """
```{code-cell} ipython3
from myst_nb import glue
glue("alpha_used", f"{alpha:.2f}", display=False)
glue("flavour_used", flavour, display=False)
```
"""
FAILING_CHAPTER = FRONT.format(title="Broken") + """
```{code-cell} ipython3
ratio = 1
```

```{code-cell} ipython3
counts = {"a": 1}
counts["missing"]
```

```{code-cell} ipython3
never_reached = True
```
"""


def make_chapters(root: Path, **chapters) -> Path:
    folder = root / "chapters"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in chapters.items():
        (folder / f"{name}.md").write_text(text, encoding="utf-8")
    if not (root / "data").exists():
        (root / "data").symlink_to(REPO_DATA)
    return folder


def test_parameters_of_a_synthetic_chapter_are_checked_before_it_runs(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    chapters = make_chapters(tmp_path, ok=OK_CHAPTER)
    with pytest.raises(ParameterError, match=r"parameter 'alpha' of chapter 'ok' expects a number \(default 0.05\); got 'abc'"):
        runner.run(["ok"], {"alpha": "abc"}, chapters_dir=chapters)
    with pytest.raises(ParameterError, match=r"parameter 'alpha' of chapter 'ok': alpha must be between 0 and 0.5"):
        runner.run(["ok"], {"alpha": "0.7"}, chapters_dir=chapters)
    with pytest.raises(ParameterError, match=r"parameter 'flavour' of chapter 'ok' must be one of plain, salted; got 'sweet'"):
        runner.run(["ok"], {"flavour": "sweet"}, chapters_dir=chapters)
    with pytest.raises(ChapterError, match=r"unknown chapter 'nope'; valid chapters: ok"):
        runner.run(["nope"], {}, chapters_dir=chapters)


def test_a_failing_cell_names_chapter_cell_and_error_keeps_the_notebook_and_runs_the_rest(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    chapters = make_chapters(tmp_path, broken=FAILING_CHAPTER, ok=OK_CHAPTER)
    out = tmp_path / "out"
    results = {r.chapter: r for r in runner.run(None, {}, output_dir=out, chapters_dir=chapters)}
    broken = results["broken"]
    assert broken.status == "failed"
    assert broken.message.startswith("chapter 'broken' failed in code cell 3 ('counts = {\"a\": 1}'): KeyError: 'missing'")
    assert str(out / "broken.failed.ipynb") in broken.message
    kept = nbformat.read(out / "broken.failed.ipynb", as_version=4)
    assert any(o.get("ename") == "KeyError" for c in kept.cells for o in c.get("outputs", []))
    assert results["ok"].status == "executed" and (out / "ok.ipynb").is_file()
    assert not (out / "broken.ipynb").exists()


def test_the_command_line_exits_non_zero_when_a_chapter_fails(tmp_path, monkeypatch, capsys):
    make_chapters(tmp_path, broken=FAILING_CHAPTER, ok=OK_CHAPTER)
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    assert cli(["run", "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert "FAILED   chapter 'broken' failed in code cell 3" in captured.err
    assert "1 of 2 chapters failed: broken" in captured.err
    assert "executed ok" in captured.out
    assert "KeyboardInterrupt" not in captured.err  # kernels are not interrupted when they shut down


def test_non_default_parameters_reach_the_chapter_and_go_to_their_own_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    chapters = make_chapters(tmp_path, ok=OK_CHAPTER)
    [result] = runner.run(["ok"], {"alpha": "0.1", "flavour": "salted"}, chapters_dir=chapters)
    assert result.notebook == tmp_path / "_build" / "runs" / "alpha-0.1_flavour-salted" / "ok.ipynb"
    assert outputs.glued_values(result.notebook) == {"alpha_used": "0.10", "flavour_used": "salted"}


def test_the_data_chapter_reflects_the_data_dir_it_is_given(data_copy, glued):
    default = glued("data")
    drop_lines(data_copy / "paper" / "abbreviations.csv", "SEGOB,")
    edit_descriptor(data_copy, lambda p: next(r for r in p["resources"] if r["name"] == "abbreviations")
                    .update(expected_rows=8))
    package = json.loads((REPO_DATA / "datapackage.json").read_text(encoding="utf-8"))
    assert default["n_rows"] == f"{sum(len(loaders.load(r['name'])) for r in package['resources']):,}"
    changed = glued("data", data_dir=str(data_copy))
    assert int(changed["n_rows"].replace(",", "")) == int(default["n_rows"].replace(",", "")) - 1


def test_the_cache_reexecutes_only_when_an_input_changed(data_copy, tmp_path):
    out = tmp_path / "out"
    params = {"data_dir": str(data_copy)}
    [first] = runner.run(["data"], params, output_dir=out)
    [second] = runner.run(["data"], params, output_dir=out)
    assert (first.status, second.status) == ("executed", "cached")
    record = json.loads((out / "data.inputs.json").read_text())
    assert str((data_copy / "paper" / "osse_types.csv").resolve()) in record["files_read"]
    rewrite(data_copy / "paper" / "abbreviations.csv", "Secretary of Government", "Secretariat of Government")
    [third] = runner.run(["data"], params, output_dir=out)
    assert third.status == "executed"


def test_a_kernel_that_does_not_start_is_replaced_once(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    chapters = make_chapters(tmp_path, ok=OK_CHAPTER)
    real, attempts = runner._execute_notebook, []

    def first_start_fails(*args):
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("Kernel didn't respond in 60 seconds")  # a port taken by another process
        return real(*args)

    monkeypatch.setattr(runner, "_execute_notebook", first_start_fails)
    [result] = runner.run(["ok"], {}, output_dir=tmp_path / "out", chapters_dir=chapters)
    assert result.status == "executed" and len(attempts) == 2
    assert "note: the kernel of chapter 'ok' did not start" in capsys.readouterr().err
