"""Unit tests of the shared helpers: statistics, formatting, tables, glued-value reading."""
from __future__ import annotations


import nbformat
import pandas as pd
import pytest

from compendium.build import outputs
from compendium.present import glue, tables, formatting
from compendium.analyses import stats
from compendium.data.errors import ParameterError


def test_months_in_period_counts_calendar_months_inclusively():
    assert stats.months_in_period("2024-01-01", "2024-08-31") == 8
    assert stats.months_in_period("2023-01-01", "2023-12-31") == 12
    assert stats.months_in_period("2023-11-01", "2024-02-29") == 4
    with pytest.raises(ValueError, match="ends .* before it starts"):
        stats.months_in_period("2024-02-01", "2024-01-31")


def test_poisson_rate_interval_contains_the_rate_and_narrows_with_alpha():
    wide = stats.poisson_rate(925_085, 8, alpha=0.01)
    narrow = stats.poisson_rate(925_085, 8, alpha=0.10)
    assert wide.value == narrow.value == pytest.approx(115_635.625)
    assert wide.low < narrow.low < narrow.value < narrow.high < wide.high
    small = stats.poisson_rate(4, 1)
    assert small.low == pytest.approx(1.0899, abs=1e-3) and small.high == pytest.approx(10.2416, abs=1e-3)


def test_rate_ratio_matches_the_counts_and_rejects_equality_for_large_differences():
    estimate, p_value = stats.rate_ratio(925_085, 8, 398_991, 8)
    assert estimate.value == pytest.approx(925_085 / 398_991)
    assert estimate.low < estimate.value < estimate.high
    assert p_value < 1e-12
    same, p_same = stats.rate_ratio(100, 10, 100, 10)
    assert same.value == 1 and p_same == pytest.approx(1.0)


def test_proportion_uses_the_wilson_interval():
    estimate = stats.proportion(40, 100, alpha=0.05)
    assert estimate.value == 0.4
    assert estimate.low == pytest.approx(0.3094, abs=1e-4) and estimate.high == pytest.approx(0.4980, abs=1e-4)
    assert estimate.level == pytest.approx(0.95)


@pytest.mark.parametrize("alpha", [0, 0.5, 1, -0.1, "x", None])
def test_check_alpha_refuses_values_outside_zero_to_one_half(alpha):
    with pytest.raises(ParameterError, match="alpha must be"):
        stats.check_alpha(alpha)


def test_formatting_handles_numpy_scalars():
    import numpy as np

    assert formatting.fmt_int(np.int64(566447)) == "566,447"
    assert formatting.fmt_pct(np.float64(0.60061)) == "60.1%"
    assert formatting.fmt_num(np.float64(1234.567), 2) == "1,234.57"
    assert formatting.fmt_signed_pct(-0.106) == "\u221210.6%"
    assert formatting.fmt_value(np.int64(3)) == "3" and formatting.fmt_value(2.5) == "2.5" and formatting.fmt_value("x") == "x"


def test_glue_text_refuses_unformatted_numbers():
    with pytest.raises(TypeError, match="format the number first"):
        glue.glue_text("key", 3)


def test_markdown_table_formats_numbers_and_escapes_pipes():
    frame = pd.DataFrame({"state": ["A|B", "C"], "people": [1234, None], "share": [0.5, 0.25]})
    text = tables.markdown_table(frame, formats={"share": formatting.fmt_pct})
    assert text.splitlines() == [
        "| state | people | share |",
        "|:---|---:|---:|",
        "| A\\|B | 1,234 | 50.0% |",
        "| C |  | 25.0% |",
    ]


def test_numbered_table_is_a_myst_table_directive():
    markdown = tables.numbered_table(pd.DataFrame({"a": [1]}), "Caption. Source: here.", "tbl-x")
    assert markdown.data.startswith("````{table} Caption. Source: here.\n:name: tbl-x\n")


def test_glued_values_reads_scrapbook_outputs():
    cell = nbformat.v4.new_code_cell("")
    cell.outputs = [nbformat.v4.new_output("display_data", data={"application/papermill.record/text/plain": "'1,234'"},
                                           metadata={"scrapbook": {"name": "total", "mime_prefix": "application/papermill.record/"}})]
    notebook = nbformat.v4.new_notebook(cells=[cell])
    assert outputs.glued_values(notebook) == {"total": "1,234"}


def test_shared_wording_helpers():
    assert formatting.level_text(0.05) == "95%" and formatting.level_text(0.025) == "97.5%"
    assert formatting.join_words(["A", "B", "C"]) == "A, B and C"
    assert formatting.join_words(["A"]) == "A" and formatting.join_words([]) == "none"
    assert formatting.fmt_range(204_579, 206_633) == "204,579 to 206,633"
    assert formatting.fmt_signed_int(-17_784) == "\u221217,784" and formatting.fmt_signed_int(5059) == "+5,059"
    assert formatting.fmt_signed_int(0) == "0"


def test_months_in_periods_gives_a_column_of_months():
    starts = pd.to_datetime(["2024-01-01", "2023-01-01"])
    ends = pd.to_datetime(["2024-08-31", "2023-12-31"])
    assert stats.months_in_periods(starts, ends) == [8, 12]


def test_html_table_formats_numbers_and_dates():
    frame = pd.DataFrame({"when": pd.to_datetime(["2024-09-30"]), "events": [154203], "note": [None]})
    html = tables.html_table(frame)
    assert "<td>2024-09-30</td>" in html and "<td>154,203</td>" in html and "None" not in html
