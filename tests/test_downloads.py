"""Data blocks: the CSV of exactly what a figure or table shows, its datasets and its code."""
from __future__ import annotations

import base64
import io
import re

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


# --- CSV files that spreadsheets read ------------------------------------------------------------------

def test_numbers_shown_as_text_become_numbers_with_bounds_and_qualifiers_apart():
    shown = pd.DataFrame({
        "State": ["Guerrero", "Oaxaca", "Sonora"],
        "Events implied": ["at least 13,972", "6,100 to 8,600", "\u2014"],
        "Share": ["34.5%", "1.0%", "\u22122.0%"],
        "Per month": ["49,874", "5,083", "2,059"],
        "Interval": ["2.310 to 2.327", "0.31\u20131.30", "1.0 to 2.0"],
    })
    result = downloads.spreadsheet_frame(shown)
    assert list(result.columns) == ["State", "Events implied (low)", "Events implied (high)", "Events implied (qualifier)",
                                    "Share (%)", "Per month", "Interval (low)", "Interval (high)"]
    assert result["Events implied (low)"].tolist()[:2] == [13972, 6100]
    assert pd.isna(result.loc[0, "Events implied (high)"]) and result.loc[1, "Events implied (high)"] == 8600
    assert result["Events implied (qualifier)"].tolist() == ["at least", "", ""]
    assert result["Share (%)"].tolist() == [34.5, 1.0, -2.0]
    assert result["Per month"].tolist() == [49874, 5083, 2059] and str(result["Per month"].dtype) == "Int64"
    assert result["Interval (high)"].tolist() == [2.327, 1.3, 2.0]


def test_single_numbers_with_a_qualifier_keep_one_column_and_say_which_are_bounds():
    result = downloads.spreadsheet_frame(pd.DataFrame({"Hectares": ["3,127 or more", "about 40", "12"]}))
    assert list(result.columns) == ["Hectares (low)", "Hectares (high)", "Hectares (qualifier)"]
    assert result["Hectares (qualifier)"].tolist() == ["at least", "about", ""]
    result = downloads.spreadsheet_frame(pd.DataFrame({"Per 100,000": ["about 395", "12.5"]}))
    assert list(result.columns) == ["Per 100,000", "Per 100,000 (qualifier)"]
    assert result["Per 100,000"].tolist() == [395.0, 12.5]


def test_codes_periods_and_mixed_text_stay_text():
    shown = pd.DataFrame({"cve_ent": ["01", "12"], "Period": ["2019-2020", "2020-2021"],
                          "Value": ["MXN 21,018", "6.8%"], "Shares": ["5%", "6"]})
    assert downloads.spreadsheet_frame(shown).equals(shown)


def test_unrounded_floats_keep_four_significant_digits_and_whole_floats_become_integers():
    raw = pd.DataFrame({"share": [0.024039398395, 0.55], "events": [204579.06055, 13.146233],
                        "p": [1.3090059302e-224, 0.4708577], "counted": [31939.0, None], "listed": [True, False]})
    result = downloads.spreadsheet_frame(raw)
    assert result["share"].tolist() == [0.02404, 0.55]
    assert result["events"].tolist() == [204579.0, 13.15]  # never fewer than the whole units
    assert result["p"].tolist() == [1.309e-224, 0.4709]
    assert str(result["counted"].dtype) == "Int64" and result["counted"].tolist()[0] == 31939
    assert result["listed"].tolist() == [True, False]


def test_headers_are_plain_words():
    frame = pd.DataFrame({"**Total** \u2212 (men + women)": [1], "<b>Rate</b>": [2], "`alpha`": [3]})
    assert list(downloads.spreadsheet_frame(frame).columns) == ["Total - (men + women)", "Rate", "alpha"]


def test_a_table_download_holds_the_numbers_at_the_precision_the_table_shows():
    from compendium.present.formatting import fmt_pct

    frame = pd.DataFrame({"State": ["Oaxaca"], "Women's share": [0.373200677], "Rate": [2.31944]})
    table = tables.numbered_table(frame, "Caption.", "tbl-p", formats={"Women's share": fmt_pct},
                                  datasets=["osse_group_minimums"])
    _, metadata = table._repr_markdown_()
    assert metadata["compendium"]["files"]["_data/tbl-p.csv"] == "State,Women's share (%),Rate\nOaxaca,37.3,2.3\n"


def test_a_figure_block_links_its_png_and_the_staging_step_finds_the_figure_cells_png():
    block = figure_style.figure_data("fig-z", pd.DataFrame({"a": [1]}), [])
    text, _ = block._repr_markdown_()
    assert "{download}`Download the figure (PNG, high resolution, for slides) </_data/fig-z.png>`" in text
    png = base64.b64encode(b"\x89PNG picture").decode()
    figure_cell = nbformat.v4.new_code_cell("", metadata={"mystnb": {"figure": {"name": "fig-z"}}}, outputs=[
        nbformat.v4.new_output("display_data", data={"image/svg+xml": "<svg/>", "image/png": png})])
    notebook = nbformat.v4.new_notebook(cells=[figure_cell, nbformat.v4.new_code_cell("")])
    assert downloads.files_in_notebook(notebook) == {"_data/fig-z.png": b"\x89PNG picture"}


NUMBER_AS_TEXT = re.compile(r"^\s*(?:at least|at most|more than|less than|about|around|above|below)?\s*"
                            r"[+\-\u2212]?[\d,]*\d(?:\.\d+)?\s*%?(?:\s*(?:to|\u2013)\s*[+\-\u2212]?[\d,]*\d(?:\.\d+)?\s*%?)?\s*$")


def test_every_csv_download_of_the_book_reads_as_numbers_in_a_spreadsheet(built_book):
    files = sorted((built_book / "_downloads").rglob("*.csv"))
    assert len(files) > 20, "expected the CSV downloads of the book's figures and tables"
    problems = []
    for path in files:
        text = path.read_bytes().decode("utf-8")  # UTF-8, or this raises
        frame = pd.read_csv(io.StringIO(text))
        for column in frame.columns:
            if re.search(r"[*`<>{}]|^Unnamed", str(column)):
                problems.append(f"{path.name}: header {column!r} is not a plain name")
            values = frame[column].dropna().astype(str)
            if frame[column].dtype == object and len(values) and values.map(lambda v: bool(NUMBER_AS_TEXT.match(v))).all():
                problems.append(f"{path.name}: column {column!r} holds numbers as text, e.g. {values.iloc[0]!r}")
        if path.name.startswith("fig-") and not any(pd.api.types.is_numeric_dtype(frame[c]) for c in frame.columns):
            problems.append(f"{path.name}: a figure's data without a numeric column")
    assert not problems, "\n".join(problems)
