"""Data blocks: the CSV of exactly what a figure or table shows, its datasets and its code."""
from __future__ import annotations

import nbformat
import pandas as pd
import pytest

from compendium.present import downloads
from compendium.present import tables
from compendium.present import figure_style
from compendium.data.errors import CompendiumError


def test_a_frame_becomes_one_csv_and_a_mapping_one_per_part():
    frame = pd.DataFrame({"state": ["Oaxaca"], "events": [12]})
    assert downloads.data_files("tbl-x", frame) == {"_data/tbl-x.csv": "state,events\nOaxaca,12\n"}
    files = downloads.data_files("fig-y", {"Printed rows": frame, "corrected": frame})
    assert sorted(files) == ["_data/fig-y-corrected.csv", "_data/fig-y-printed-rows.csv"]


def test_an_index_that_carries_data_is_kept_and_dates_are_iso():
    frame = pd.DataFrame({"when": pd.to_datetime(["2024-09-30"]), "n": [1]}, index=pd.Index(["Sonora"], name="state"))
    assert downloads.csv_text(frame) == "state,when,n\nSonora,2024-09-30,1\n"


def test_bad_names_data_and_datasets_are_refused():
    with pytest.raises(CompendiumError, match="figure or table name 'Fig X'"):
        downloads.data_files("Fig X", pd.DataFrame())
    with pytest.raises(CompendiumError, match="must be a DataFrame or a non-empty mapping"):
        downloads.data_files("fig-x", [1, 2])
    with pytest.raises(CompendiumError, match="must name the datasets it draws on"):
        downloads.block_markdown({"_data/x.csv": ""}, None)
    with pytest.raises(CompendiumError, match="expected a function of the compendium package"):
        downloads.code_reference(pd.DataFrame)


def test_the_block_links_the_csv_describes_each_dataset_and_links_the_code():
    block = downloads.data_block("fig-x", pd.DataFrame({"a": [1]}), ["us_states_2022"], code=figure_style.figure_data)
    text, metadata = block._repr_markdown_()
    assert "{download}`Download the data (CSV) </_data/fig-x.csv>`" in text
    assert "{cite:p}`laraescamilla2024`" in text and "Table 1 (Box 3)" in text and "CC-BY-NC-ND" not in text
    assert "Creative Commons Attribution-NonCommercial-NoDerivatives" in text
    name, path, first, last = downloads.code_reference(figure_style.figure_data)
    assert name == "compendium.present.figure_style.figure_data" and path == "compendium/present/figure_style.py" and first < last
    assert f"</_code/compendium/present/figure_style.py>" in text and f"lines {first}–{last}" in text
    assert metadata == {"compendium": {"files": {"_data/fig-x.csv": "a\n1\n"}}}


def test_text_written_by_the_compendium_says_so():
    text = downloads.block_markdown({"_data/t.csv": ""}, [])
    assert "no dataset of the data package" in text


def test_numbered_table_carries_its_csv_and_the_staging_step_finds_it():
    frame = pd.DataFrame({"Kind": ["Social Groups"], "Minimum": [3]})
    table = tables.numbered_table(frame, "Caption.", "tbl-t", datasets=["osse_group_minimums"])
    text, metadata = table._repr_markdown_()
    assert text.startswith("````{table} Caption.\n:name: tbl-t") and "Download the data (CSV)" in text
    output = nbformat.v4.new_output("execute_result", data={"text/markdown": text},
                                    metadata={"text/markdown": metadata}, execution_count=1)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("", outputs=[output])])
    assert downloads.files_in_notebook(notebook) == {"_data/tbl-t.csv": "Kind,Minimum\nSocial Groups,3\n"}
    assert "Download" not in tables.numbered_table(frame, "Caption.", "tbl-t").data  # without datasets: the table only
