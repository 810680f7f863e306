"""Tests of the returns chapter: its analysis, wording and figure modules on real and made-up data, and the executed chapter."""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest

from compendium.data import loaders  # noqa: E402
from compendium.analyses import returns  # noqa: E402
from compendium.build import runner  # noqa: E402
from compendium.data.errors import ParameterError  # noqa: E402
from compendium.present.figures import returns as returns_figures  # noqa: E402
from compendium.present.words import returns as returns_words  # noqa: E402


@pytest.fixture(scope="module")
def real():
    printed = loaders.load_repatriations_from_us()
    corrected = loaders.load_repatriations_from_us(corrected=True)
    rates = returns.monthly_rates(returns.both_readings(printed, corrected), 0.05)
    cp = returns.read_checkpoints(loaders.load_migration_series_checkpoints())
    return {"printed": printed, "corrected": corrected, "rates": rates, "cp": cp,
            "points": loaders.load_repatriations_by_reception_point()}


# --- Parameters --------------------------------------------------------------------------------

def test_check_parameters_accepts_defaults():
    assert returns.check_parameters(0.05, 12, "monthly_rate") == (0.05, 12, "monthly_rate")


@pytest.mark.parametrize("horizon", [8, 13, 10.5, "12", True])
def test_check_parameters_rejects_bad_horizon(horizon):
    with pytest.raises(ParameterError, match="horizon_months must be a whole number from 9"):
        returns.check_parameters(0.05, horizon, "monthly_rate")


def test_check_parameters_rejects_bad_method_and_alpha():
    with pytest.raises(ParameterError, match="projection_method must be one of monthly_rate, month_range"):
        returns.check_parameters(0.05, 12, "linear")
    with pytest.raises(ParameterError, match="alpha must be between 0 and 0.5"):
        returns.check_parameters(0.7, 12, "monthly_rate")


def test_runner_refuses_bad_horizon_before_any_kernel_starts(tmp_path):
    with pytest.raises(ParameterError, match="must be from 9 to 12"):
        runner.run(["returns"], {"horizon_months": 14}, output_dir=tmp_path)
    assert not list(tmp_path.iterdir())


def test_runner_refuses_unknown_method_before_running(tmp_path):
    with pytest.raises(ParameterError, match="must be one of monthly_rate, month_range"):
        runner.run(["returns"], {"projection_method": "linear"}, output_dir=tmp_path)


# --- Readings and rates ---------------------------------------------------------------------------

def test_both_readings_on_real_data(real):
    rates = real["rates"].set_index(["reading", "year"])
    assert real["corrected"].attrs["corrections"] == ["C03"]
    assert rates.loc[("paper", 2023), "events"] == 172490
    assert rates.loc[("paper", 2024), "events"] == 154203
    assert rates.loc[("paper", 2023), "months"] == 12
    assert rates.loc[("corrected", 2023), "months"] == 9
    assert round(rates.loc[("paper", 2023), "rate"]) == 14374
    assert round(rates.loc[("corrected", 2023), "rate"]) == 19166
    assert round(rates.loc[("corrected", 2024), "rate"]) == 17134
    low, high = rates.loc[("corrected", 2024), ["rate_low", "rate_high"]]
    assert low < 154203 / 9 < high and (round(low), round(high)) == (17048, 17219)


def test_monthly_rates_on_made_up_frame():
    frame = pd.DataFrame({"period_start": pd.to_datetime(["2020-01-01"]), "period_end": pd.to_datetime(["2020-04-30"]),
                          "events": [400]})
    out = returns.monthly_rates(returns.with_months(frame), 0.05)
    assert out.loc[0, "months"] == 4
    assert out.loc[0, "rate"] == 100
    assert out.loc[0, "rate_low"] < 100 < out.loc[0, "rate_high"]
    wider = returns.monthly_rates(returns.with_months(frame), 0.01)
    assert wider.loc[0, "rate_low"] < out.loc[0, "rate_low"]


def test_compare_readings_like_for_like(real):
    cp = real["cp"]
    table = returns.compare_readings(real["rates"], 12, "monthly_rate", 0.05, cp.month_low, cp.month_high)
    paper, corr = table.set_index("reading").loc["paper"], table.set_index("reading").loc["corrected"]
    assert round(corr["rate_ratio"] - 1, 3) == -0.106
    assert round(paper["rate_ratio"] - 1, 3) == 0.192
    assert round(paper["projection"]) == 205604
    assert paper["benchmark_2023"] == 172490
    assert round(corr["benchmark_2023"]) == 229987
    assert paper["exceeds"] is True and corr["exceeds"] is False
    assert corr["p_value"] < 1e-6


def test_compare_readings_undecided_on_made_up_counts():
    frame = pd.DataFrame({"reading": ["corrected", "corrected"], "year": [2023, 2024], "events": [100, 101],
                          "months": [9, 9]})
    rates = returns.monthly_rates(frame)
    out = returns.compare_readings(rates, 12, "monthly_rate", 0.05, 5, 20).iloc[0]
    assert out["exceeds"] is None
    assert returns_words.verdict(out["exceeds"]) == "not distinguishable from"


# --- Projection ----------------------------------------------------------------------------------

def test_project_monthly_rate_and_month_range():
    est = returns.project(90, 9, 12, "monthly_rate", 0.05)
    assert est.value == 120 and est.low < 120 < est.high
    band = returns.project(90, 9, 12, "month_range", month_low=5, month_high=15)
    assert (band.low, band.value, band.high) == (105, 120, 135)
    assert returns.project(90, 9, 9, "month_range", month_low=5, month_high=15).value == 90
    with pytest.raises(ValueError, match="before the last observed month"):
        returns.project(90, 9, 8)


def test_november_backtest_poisson_misses_range_covers(real):
    cp = real["cp"]
    rate = returns.project(154203, 9, 11, "monthly_rate", 0.05)
    band = returns.project(154203, 9, 11, "month_range", month_low=cp.month_low, month_high=cp.month_high)
    assert round(rate.value) == 188470
    assert not rate.low <= cp.jan_nov_2024 <= rate.high
    assert band.low <= cp.jan_nov_2024 <= band.high
    assert (band.low, band.high) == (181599, 194745)


def test_break_even_pace():
    assert returns.break_even_pace(172490, 154203, 3) == pytest.approx(6095.667, abs=1e-3)


# --- Checkpoints --------------------------------------------------------------------------------

def test_reported_change_parsing():
    assert returns.reported_change("reported as 10.6% below the same period of 2023") == -0.106
    assert returns.reported_change("reported as +77.2% on 2022") == pytest.approx(0.772)
    assert returns.reported_change("reported as 5% below") == -0.05
    assert math.isnan(returns.reported_change("lowest month"))
    assert math.isnan(returns.reported_change(float("nan")))


def test_read_checkpoints_real(real):
    cp = real["cp"]
    assert (cp.jan_sep_2023, cp.jan_oct_2023, cp.jan_sep_2024, cp.jan_nov_2024) == (172490, 188076, 154203, 190491)
    assert (cp.month_low, cp.month_high) == (13698, 20271)
    assert cp.oct_2023 == 15586
    assert cp.oct_nov_2024 == 36288
    assert round(cp.implied_jan_nov_2023) == 200517
    assert cp.october_2024_needed == 33873
    assert round(cp.december_gap) == 10026


def test_monthly_extremes_made_up():
    frame = pd.DataFrame({
        "series": [returns.SERIES] * 3,
        "period_start": pd.to_datetime(["2024-01-01", "2024-02-01", "2024-01-01"]),
        "period_end": pd.to_datetime(["2024-01-31", "2024-02-29", "2024-03-31"]),
        "value": [10, 30, 100]})
    assert returns.monthly_extremes(frame) == (10, 30)
    with pytest.raises(KeyError):
        returns.monthly_extremes(frame, year=2023)


# --- Reception points ------------------------------------------------------------------------------

def test_reception_sums_real(real):
    sums = returns.reception_sums(real["points"])
    assert sums["land_2023"] == 172490 and sums["all_2023"] == 172490
    assert sums["all_2024"] == 154203
    assert sums["land_2024"] == 140553 and sums["air_2024"] == 13650


def test_reception_shift_keeps_blanks_missing():
    frame = pd.DataFrame({"reception_point": ["A", "B"], "kind": ["land border", "air"],
                          "events_jan_sep_2023": pd.array([100, None], dtype="Int64"),
                          "events_jan_sep_2024": [150, 20]})
    out = returns.reception_shift(frame).set_index("reception_point")
    assert out.loc["A", "change"] == 50 and out.loc["A", "change_pct"] == 0.5
    assert pd.isna(out.loc["B", "change"]) and pd.isna(out.loc["B", "events_2023"])
    assert out["share_2024"].sum() == pytest.approx(1)


# --- Origin states ----------------------------------------------------------------------------------

def test_open_bracket_cap_made_up():
    brackets = pd.DataFrame({"share_low_percent": [10.0, 20.0, 30.0]})
    assert returns.open_bracket_cap(brackets) == 100 - 30  # everyone else at their lower bound


def test_origin_comparison_real():
    origin = returns.origin_comparison(loaders.load_repatriation_origin_brackets(), loaders.load_origin_states_2022(),
                                       loaders.load_census2020_state_population(), loaders.load_mexican_states(), 172490, 4)
    assert len(origin) == 32 and origin["listed"].sum() == 9
    row = origin.set_index("name").loc["Oaxaca"]
    assert round(row["returns_low"]) == 10522 and round(row["returns_high"]) == 13799
    assert row["consular_ids"] == 46551 and row["population"] == 4132148
    chiapas = origin.set_index("name").loc["Chiapas"]
    assert chiapas["open_bracket"] and chiapas["ids_rank"] == 14
    assert round(chiapas["returns_per_id_low"], 2) == 0.91
    mexico_state = origin.set_index("name").loc["State of Mexico"]
    assert mexico_state["listed"]  # 'México' in the brackets is the State of Mexico
    jalisco = origin.set_index("name").loc["Jalisco"]
    assert not jalisco["listed"] and jalisco["share_low"] == 0 and jalisco["share_high"] == 0.04


# --- Wording ---------------------------------------------------------------------------------------

def test_fmt_p_and_verdict():
    assert returns_words.fmt_p(0.0004) == "< 0.001"
    assert returns_words.fmt_p(0.0421) == "0.042"
    assert returns_words.verdict(True) == "above"
    assert returns_words.verdict(False) == "below"
    assert returns_words.verdict(None) == "not distinguishable from"


def test_month_names_and_abbreviations_agree():
    assert len(returns_words.MONTH_NAMES) == len(returns_words.MONTHS) == 12
    assert [name[:3] for name in returns_words.MONTH_NAMES] == returns_words.MONTHS


def test_readings_table_real(real):
    cp = real["cp"]
    comparison = returns.compare_readings(real["rates"], 12, "monthly_rate", 0.05, cp.month_low, cp.month_high)
    table = returns_words.readings_table(comparison, 12, "monthly_rate", "95%").set_index("Quantity")
    assert list(table.columns) == ["Paper's reading (as printed)", "Corrected reading (C03)"]
    paper, corr = table["Paper's reading (as printed)"], table["Corrected reading (C03)"]
    assert paper["What the 2023 figure covers"] == "January–December 2023"
    assert corr["What the 2023 figure covers"] == "January–September 2023"
    assert (paper["2023 events per month"], corr["2023 events per month"]) == ("14,374", "19,166")
    assert corr["p-value, equal monthly rates"] == "< 0.001"
    assert paper["2023 total compared with"] == "172,490 (printed, whole year)"
    assert corr["2023 total compared with"] == "229,987 (Jan–Dec at the 2023 pace)"
    assert paper["Projected January–December 2024 (95% interval)"].startswith("205,604 (")
    assert (paper["January–December 2024 is"], corr["January–December 2024 is"]) == ("above 2023", "below 2023")


def test_readings_table_month_range_names_its_band(real):
    cp = real["cp"]
    comparison = returns.compare_readings(real["rates"], 11, "month_range", 0.05, cp.month_low, cp.month_high)
    table = returns_words.readings_table(comparison, 11, "month_range", "95%").set_index("Quantity")
    assert table.loc["Projected January–November 2024 (lowest to highest month)",
                     "Paper's reading (as printed)"] == "188,172 (181,599 to 194,745)"


# --- Figures -----------------------------------------------------------------------------------------

def test_plot_cumulative_draws_both_readings_and_checkpoints(real):
    cp = real["cp"]
    comparison = returns.compare_readings(real["rates"], 12, "monthly_rate", 0.05, cp.month_low, cp.month_high)
    fig = returns_figures.plot_cumulative(comparison, cp, 12, "monthly_rate")
    ax = fig.axes[0]
    labels = ax.get_legend_handles_labels()[1]
    assert "2024 projection to Dec (monthly rate)" in labels
    assert "the same figure as Jan–Sep 2023 (C03)" in labels
    assert [tick.get_text() for tick in ax.get_xticklabels()] == ["start"] + returns_words.MONTHS
    plt.close(fig)


def test_plot_reception_shift_one_row_per_point(real):
    shift = returns.reception_shift(real["points"])
    fig = returns_figures.plot_reception_shift(shift)
    assert len(fig.axes[0].get_yticklabels()) == len(shift)
    plt.close(fig)


# --- The executed chapter ----------------------------------------------------------------------------

def test_chapter_glues_the_papers_numbers(glued):
    g = glued("returns")
    assert g["ret_total_2023"] == "172,490"
    assert g["ret_total_2024"] == "154,203"
    assert g["ret_border_states"] == "Sonora, Tamaulipas and Baja California"
    assert g["ret_n_listed"] == "9"
    assert g["ret_threshold"] == "4%"


def test_chapter_glues_rates_change_and_sums(glued):
    g = glued("returns")
    assert g["ret_level"] == "95%"
    assert g["ret_rate_2023_paper"] == "14,374"
    assert g["ret_rate_2023_corr"] == "19,166"
    assert g["ret_rate_2024"] == "17,134"
    assert g["ret_rate_2024_ci"] == "17,048 to 17,219"
    assert g["ret_like_for_like"] == "\u221210.6%"
    assert g["ret_pace_change_paper"] == "+19.2%"
    assert g["ret_reported_matches"] == "matches"
    assert g["ret_land_2023"] == "172,490"
    assert g["ret_all_2024"] == "154,203"
    assert g["ret_land_2024"] == "140,553"
    assert g["ret_projection"] == "205,604"
    assert g["ret_verdict_paper"] == "above" and g["ret_verdict_corr"] == "below"
    assert g["ret_december_gap"] == "10,026"
    assert g["ret_bt_rate_covers"] == "misses" and g["ret_bt_range_covers"] == "covers"
    assert g["ret_decided"].startswith("under each reading")
    assert g["ret_n_in_top_ids"] == "8" and g["ret_listed_not_top_ids"] == "Chiapas"


def test_chapter_with_other_alpha_changes_intervals_only(glued):
    default, wider = glued("returns"), glued("returns", alpha=0.01)
    assert wider["ret_level"] == "99%"
    assert wider["ret_rate_2024"] == default["ret_rate_2024"]
    assert wider["ret_rate_2024_ci"] == "17,021 to 17,246"
    assert wider["ret_like_for_like"] == default["ret_like_for_like"]


def test_chapter_with_other_projection(glued):
    g = glued("returns", horizon_months=11, projection_method="month_range")
    assert g["ret_horizon"] == "January–November 2024"
    assert g["ret_band"] == "scenario band"
    assert g["ret_projection"] == "188,172"
    assert g["ret_projection_range"] == "181,599 to 194,745"
    assert g["ret_verdict_corr"] == "below"
    assert g["ret_like_for_like"] == "\u221210.6%"  # the like-for-like pace does not depend on the projection


# --- The chapter as a reader sees it ------------------------------------------------------------------

def test_projection_wording_names_each_method():
    assert returns_words.projection_method_phrase("monthly_rate", "95%").endswith("with its 95% Poisson interval")
    assert "scenario band" in returns_words.projection_method_phrase("month_range", "95%")
    assert returns_words.band_name("monthly_rate", "90%") == "90% interval"
    assert returns_words.band_name("month_range", "90%") == "scenario band"
    assert returns_words.band_note("month_range", "95%") == "scenario band shaded"
    assert returns_words.decided_sentence(pd.Series([True, False])).startswith("under each reading")
    assert returns_words.decided_sentence(pd.Series([True, None])).endswith("so that verdict is open")


def _chapter_prose() -> str:
    """The chapter's Markdown without code cells, roles and labels: the words a reader reads."""
    import re
    from compendium.data import paths

    text = (paths.chapters_dir() / "returns.md").read_text(encoding="utf-8")
    text = text.split("\n---\n", 1)[1]  # front matter
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    text = re.sub(r"^\([a-z_-]+\)=$", "", text, flags=re.M)
    text = re.sub(r"\{[a-z:]+\}`[^`]*`", "", text)
    return " ".join(text.split())


def test_the_chapter_says_repatriations_never_returns_alone():
    import re

    prose = _chapter_prose()
    assert prose.lower().count("repatriat") > 20
    for match in re.finditer(r"\b[Rr]eturn\w*", prose):
        context = prose[match.start():match.start() + 40]
        quoted = prose[match.start() - 1] == '"'  # the paper's own wording, quoted
        assert context.startswith("returns by the Mexican authority") or quoted, context


def test_the_chapter_opens_with_key_points_and_ends_with_questions():
    from compendium.data import paths

    text = (paths.chapters_dir() / "returns.md").read_text(encoding="utf-8")
    assert text.index("audit_pages.status_box") < text.index(":::{admonition} Key points") < text.index("## What the paper")
    assert text.index("## Questions and exercises") < text.index("## Cite this chapter")
    assert 'make run CHAPTERS="returns" PARAMS="-p horizon_months 11 -p projection_method month_range"' in text
    dropdowns = [line for line in text.splitlines() if line.startswith(":::{dropdown}")]
    assert len(dropdowns) >= 5
    assert all(line.startswith(":::{dropdown} For the statistically minded: ") for line in dropdowns)


# --- The Spanish edition -------------------------------------------------------------------------------

def test_months_and_verdicts_in_spanish():
    assert returns_words.months_span(9, 2024, "es") == "enero–septiembre de 2024"
    assert returns_words.month_abbr(12, "es") == "dic" and returns_words.month_name(5, "es") == "mayo"
    assert returns_words.verdict(True, "es") == "por encima de"
    assert returns_words.verdict(None, "es") == "indistinguible de"
    assert returns_words.either(False, "covers", "misses", "es") == "no cubre"
    with pytest.raises(ValueError, match="not in returns CHOICES"):
        returns_words.either(True, "covers", "overshoots")


def test_readings_table_in_spanish_shows_the_same_numbers(real):
    from compendium.build.manifest import numbers_in

    cp = real["cp"]
    comparison = returns.compare_readings(real["rates"], 12, "monthly_rate", 0.05, cp.month_low, cp.month_high)
    english = returns_words.readings_table(comparison, 12, "monthly_rate", "95%")
    spanish = returns_words.readings_table(comparison, 12, "monthly_rate", "95\u00a0%", "es")
    assert list(spanish.columns) == ["Concepto", "Lectura del artículo (como se publicó)", "Lectura corregida (C03)"]
    assert spanish.iloc[0, 1] == "enero–diciembre de 2023" and spanish.iloc[-1, 2] == "por debajo de 2023"
    for column in (1, 2):
        assert [numbers_in(v) for v in spanish.iloc[:, column]] == [numbers_in(v) for v in english.iloc[:, column]]


def test_figures_in_spanish(real):
    cp = real["cp"]
    comparison = returns.compare_readings(real["rates"], 12, "monthly_rate", 0.05, cp.month_low, cp.month_high)
    fig = returns_figures.plot_cumulative(comparison, cp, 12, "monthly_rate", "es")
    ax = fig.axes[0]
    assert [tick.get_text() for tick in ax.get_xticklabels()][:3] == ["inicio", "ene", "feb"]
    assert "Proyección de 2024 hasta dic (tasa mensual)" in ax.get_legend_handles_labels()[1]
    plt.close(fig)
    fig = returns_figures.plot_reception_shift(returns.reception_shift(real["points"]), "es")
    labels = [tick.get_text() for tick in fig.axes[0].get_yticklabels()]
    assert "Sonora (terrestre)" in labels and "Ciudad de México\n(vuelo especial) (aérea)" in labels
    plt.close(fig)
