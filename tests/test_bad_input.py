"""Bad input gets a clear error that names the file, row, column or chapter, and loses nothing."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from compendium.data import loaders
from compendium.build import outputs
from compendium.data import paths
from compendium.build import runner
from compendium.build.cli import main as cli
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


def test_missing_file_names_the_file(data_copy):
    (data_copy / "paper" / "osse_types.csv").unlink()
    with pytest.raises(DataError) as err:
        loaders.load_osse_types(data_copy)
    assert "paper/osse_types.csv: file not found" in str(err.value)
    assert "expected the CSV file the data package names" in str(err.value)


def test_missing_descriptor_names_it(tmp_path):
    with pytest.raises(DataError, match=r"datapackage.json: file not found"):
        loaders.load_osse_types(tmp_path)


def test_malformed_descriptor_says_where(data_copy):
    (data_copy / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    with pytest.raises(DataError, match=r"datapackage.json: malformed JSON .* at line 1"):
        loaders.load_osse_types(data_copy)


def test_missing_column_names_the_column_and_the_expected_header(data_copy):
    rewrite(data_copy / "paper" / "us_states_2022.csv", "state,mexican_population,men,women", "state,mexican_population,men,female")
    with pytest.raises(DataError) as err:
        loaders.load_us_states_2022(data_copy)
    message = str(err.value)
    assert "us_states_2022.csv" in message and "column 'women': missing column" in message
    assert "expected the header state,mexican_population,men,women" in message


def test_wrong_type_names_row_column_value_and_what_was_expected(data_copy):
    rewrite(data_copy / "paper" / "us_states_2022.csv", "California,159166", "California,159,166x")
    with pytest.raises(DataError) as err:
        loaders.load_us_states_2022(data_copy)
    message = str(err.value)
    assert "us_states_2022.csv" in message
    # the stray comma makes the row one field too long: caught before types are read
    assert "row 5 (line 6)" in message and "has 5 fields but the header has 4" in message

    rewrite(data_copy / "paper" / "us_states_2022.csv", "California,159,166x", "California,159166x")
    with pytest.raises(DataError) as err:
        loaders.load_us_states_2022(data_copy)
    assert str(err.value) == (
        f"{data_copy / 'paper' / 'us_states_2022.csv'}, row 5 (line 6), column 'mexican_population': "
        "the value is not of type integer; found '159166x'; "
        "expected a whole number written with digits only (no separators)")


def test_negative_count_is_refused(data_copy):
    rewrite(data_copy / "paper" / "nodess_regions_2022_2023.csv", "North,9", "North,-9")
    with pytest.raises(DataError) as err:
        loaders.load_nodess_regions_2022_2023(data_copy)
    message = str(err.value)
    assert "row 2 (line 3), column 'nodess'" in message and "found '-9'" in message
    assert "a count cannot be negative" in message


def test_duplicate_key_names_both_rows(data_copy):
    rewrite(data_copy / "paper" / "abbreviations.csv", "INM,National Migration Institute", "INEGI,National Migration Institute")
    with pytest.raises(DataError) as err:
        loaders.load_abbreviations(data_copy)
    message = str(err.value)
    assert "abbreviations.csv, row 5 (line 6), column 'abbreviation'" in message
    assert "first seen in row 4" in message


def test_missing_required_value(data_copy):
    rewrite(data_copy / "paper" / "osse_group_minimums.csv", "Social Groups,3", "Social Groups,")
    with pytest.raises(DataError, match=r"row 1 \(line 2\), column 'minimum_people': a required value is missing"):
        loaders.load_osse_group_minimums(data_copy)


def test_value_outside_its_allowed_set(data_copy):
    rewrite(data_copy / "paper" / "abroad_by_continent_2021.csv", "Oceania,", "Oceanía,")
    with pytest.raises(DataError, match=r"column 'continent': the value is not one of the allowed values; found 'Oceanía'"):
        loaders.load_abroad_by_continent_2021(data_copy)


def test_unbalanced_quotes_are_a_malformed_csv(data_copy):
    rewrite(data_copy / "paper" / "occupations_abroad.csv", '"Academics, students and research"', '"Academics, students and research')
    with pytest.raises(DataError, match=r"occupations_abroad.csv"):
        loaders.load_occupations_abroad(data_copy)


def test_a_correction_that_no_longer_matches_the_transcription_is_an_error(data_copy):
    rewrite(data_copy / "paper" / "us_states_2022.csv", "Rhode Island,169,10,59", "Rhode Island,169,12,59")
    assert loaders.load_us_states_2022(data_copy).set_index("state").loc["Rhode Island", "men"] == 12
    with pytest.raises(DataError) as err:
        loaders.load_us_states_2022(data_copy, corrected=True)
    assert "correction C01 expects the printed value '10' in us_states_2022 (state=Rhode Island)" in str(err.value)
    assert "holds '12'" in str(err.value)


def test_validate_command_reports_a_bad_file_and_exits_non_zero(data_copy, capsys):
    rewrite(data_copy / "paper" / "nodess_counts.csv", "2022,NODESS,91", "2022,NODESS,ninety-one")
    assert cli(["validate", "--data-dir", str(data_copy)]) == 2
    assert "nodess_counts.csv, row 1 (line 2), column 'count'" in capsys.readouterr().err


# --- the runner ------------------------------------------------------------------------------

def test_unknown_chapter_lists_the_valid_ones():
    with pytest.raises(ChapterError) as err:
        runner.run(["no_such_chapter"], {})
    assert "unknown chapter 'no_such_chapter'; valid chapters: " in str(err.value)
    assert "data" in str(err.value).split("valid chapters: ")[1]


def test_unknown_parameter_lists_the_valid_ones():
    with pytest.raises(ParameterError) as err:
        runner.run(["data"], {"colour": "red"})
    assert "unknown parameter 'colour'; valid parameters by chapter - data: data_dir" in str(err.value)


def test_parameter_of_the_wrong_kind(tmp_path):
    chapters = make_chapters(tmp_path, ok=OK_CHAPTER)
    with pytest.raises(ParameterError, match=r"parameter 'alpha' of chapter 'ok' expects a number \(default 0.05\); got 'abc'"):
        runner.run(["ok"], {"alpha": "abc"}, chapters_dir=chapters)
    with pytest.raises(ParameterError, match=r"alpha must be between 0 and 0.5"):
        runner.run(["ok"], {"alpha": "0.7"}, chapters_dir=chapters)
    with pytest.raises(ParameterError, match=r"parameter 'flavour' of chapter 'ok' must be one of plain, salted; got 'sweet'"):
        runner.run(["ok"], {"flavour": "sweet"}, chapters_dir=chapters)


def test_data_dir_without_a_data_package_is_refused(tmp_path):
    with pytest.raises(ParameterError, match=r"has no datapackage.json; expected a copy of the data/ folder"):
        runner.run(["data"], {"data_dir": str(tmp_path)})


def test_cli_reports_an_unknown_chapter_with_exit_code_2(capsys):
    assert cli(["run", "nope"]) == 2
    assert "error: unknown chapter 'nope'" in capsys.readouterr().err


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
    return folder


def test_a_failing_cell_names_chapter_cell_and_error_keeps_the_notebook_and_runs_the_rest(tmp_path):
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
    (tmp_path / "data").symlink_to(REPO_DATA)
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    assert cli(["run", "--jobs", "2"]) == 1
    captured = capsys.readouterr()
    assert "FAILED   chapter 'broken' failed in code cell 3" in captured.err
    assert "1 of 2 chapters failed: broken" in captured.err
    assert "executed ok" in captured.out


def test_non_default_parameters_reach_the_chapter_and_go_to_their_own_folder(tmp_path, monkeypatch):
    chapters = make_chapters(tmp_path, ok=OK_CHAPTER)
    monkeypatch.setenv("COMPENDIUM_ROOT", str(tmp_path))
    [result] = runner.run(["ok"], {"alpha": "0.1", "flavour": "salted"}, chapters_dir=chapters)
    assert result.notebook == tmp_path / "_build" / "runs" / "alpha-0.1_flavour-salted" / "ok.ipynb"
    assert outputs.glued_values(result.notebook) == {"alpha_used": "0.10", "flavour_used": "salted"}


def test_the_data_chapter_reflects_the_data_dir_it_is_given(data_copy, tmp_path, glued):
    default = glued("data")
    rewrite(data_copy / "paper" / "abbreviations.csv", "SEGOB,Secretary of Government\n", "")
    package = json.loads((data_copy / "datapackage.json").read_text(encoding="utf-8"))
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


def test_a_broken_foreign_key_names_the_value_and_the_referenced_column(data_copy):
    rewrite(data_copy / "paper" / "origin_states_2022.csv", "Michoacán,54279", "Michoacan,54279")
    loaders.load_origin_states_2022(data_copy)  # the file on its own is valid
    with pytest.raises(DataError) as err:
        loaders.validate_package(data_copy)
    message = str(err.value)
    assert "origin_states_2022.csv, row 1 (line 2), column 'state'" in message
    assert "found 'Michoacan'; expected a value of mexican_states.name_table2" in message
