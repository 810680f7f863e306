"""Tests of the NODESS chapter: the analysis, wording and figure modules on real and made-up data, and the executed chapter."""
from __future__ import annotations

import shutil

import numpy as np
import pandas as pd
import pytest

from compendium.data import loaders
from compendium.analyses import nodess
from compendium.analyses import nodess_coverage
from compendium.data import paths
from compendium.build import runner
from compendium.data.errors import DataError, ParameterError
from compendium.present.figures import nodess as nodess_figures
from compendium.present.words import nodess as nodess_words


# --- Parameters ------------------------------------------------------------------------------

def test_check_basis_accepts_each_basis():
    for basis in nodess.BASES:
        assert nodess.check_basis(basis) == basis


@pytest.mark.parametrize("bad", ["census", "", None, "Population"])
def test_check_basis_rejects_others_with_clear_message(bad):
    with pytest.raises(ParameterError, match="basis must be one of population, diaspora, returns"):
        nodess.check_basis(bad)


def test_check_parameters_checks_alpha():
    assert nodess.check_parameters("returns", 0.1) == ("returns", 0.1)
    with pytest.raises(ParameterError, match="alpha must be between 0 and 0.5"):
        nodess.check_parameters("population", 0.7)


def test_bad_basis_refused_by_runner(tmp_path):
    with pytest.raises(ParameterError, match="must be one of population, diaspora, returns; got 'capacity'"):
        runner.run(["nodess"], {"basis": "capacity"}, output_dir=tmp_path)


# --- Actors ----------------------------------------------------------------------------------

def test_actor_table_as_printed():
    wide = nodess.actor_table()
    assert wide["2019-2020"].tolist() == [106, 90, 85, 26]
    assert wide["2020-2021"].tolist() == [86, 74, 91, 27]
    assert list(wide.index) == ["Higher Education Institutions", "Local Governments", "OSSE", "Civil Societies"]


def test_actor_totals_match_printed_307_and_278():
    totals = nodess.actor_totals()
    assert totals["sum_of_parts"].tolist() == [307, 278]
    assert totals["stated_total"].tolist() == [307, 278]
    assert totals["agrees"].all()


def test_actor_mix_test_values():
    test = nodess.actor_mix_test()
    assert test.dof == 3
    assert test.statistic == pytest.approx(2.4361, abs=1e-4)
    assert test.pvalue == pytest.approx(0.4869, abs=1e-4)
    assert test.cramers_v == pytest.approx(0.0645, abs=1e-4)
    assert test.adjusted_residuals.loc["OSSE", "2020-2021"] == pytest.approx(1.33, abs=0.01)
    assert not test.significant(0.05)


def test_contingency_test_on_made_up_tables():
    same = pd.DataFrame({"a": [10, 20, 30], "b": [20, 40, 60]}, index=["x", "y", "z"])
    result = nodess.contingency_test(same)
    assert result.statistic == pytest.approx(0.0)
    assert result.pvalue == pytest.approx(1.0)
    assert np.allclose(result.adjusted_residuals, 0)
    # A 2x2 table checked by hand: expected 25 each, chi2 = 4 * 25 / 25 = 4 (no continuity correction).
    hand = pd.DataFrame({"a": [30, 20], "b": [20, 30]}, index=["x", "y"])
    result = nodess.contingency_test(hand)
    assert result.statistic == pytest.approx(4.0)
    assert result.adjusted_residuals.loc["x", "a"] == pytest.approx(2.0)
    with pytest.raises(ValueError):
        nodess.contingency_test(pd.DataFrame({"a": [1, 2]}))


# --- Growth ----------------------------------------------------------------------------------

def test_count_window():
    assert nodess.count_window("2023") == (pd.Timestamp("2023-01-01"), pd.Timestamp("2023-12-31"))
    assert nodess.count_window("2024-09") == (pd.Timestamp("2024-09-01"), pd.Timestamp("2024-09-30"))
    with pytest.raises(ValueError, match="as_of must be a year"):
        nodess.count_window("Sept 2024")


def test_growth_on_printed_counts():
    counts = loaders.load_nodess_counts()
    assert counts.loc[counts["status"] == "NODESS", "count"].tolist() == [91, 116, 548]
    assert counts.loc[counts["status"] != "NODESS", "count"].tolist() == [254]
    growth = nodess.growth_table(counts)
    assert growth["change"].tolist() == [25, 432]
    assert growth["pct_change"].iloc[0] == pytest.approx(25 / 91)
    assert growth["ratio"].iloc[1] == pytest.approx(548 / 116)
    assert growth["years_nominal"].iloc[0] == pytest.approx(1.0, abs=0.01)
    assert growth["years_shortest"].iloc[1] == pytest.approx(8 / 12, abs=0.02)
    assert growth["years_longest"].iloc[1] == pytest.approx(21 / 12, abs=0.02)
    assert np.isnan(growth["annual_if_shortest"].iloc[0])


def test_growth_on_made_up_counts():
    counts = pd.DataFrame({"period_as_printed": ["a", "b", "pre"], "as_of": ["2020", "2022", "2022"],
                           "status": ["NODESS", "NODESS", "Pre NODESS in process"], "count": [100, 121, 7]})
    growth = nodess.growth_table(counts)
    assert len(growth) == 1
    assert growth["years_nominal"].iloc[0] == pytest.approx(2.0, abs=0.01)
    assert growth["annual_nominal"].iloc[0] == pytest.approx(0.10, abs=0.001)  # 1.1 ** 2 = 1.21


# --- Regions and bases -----------------------------------------------------------------------

def test_regions_as_printed_add_up_to_116():
    regions = nodess.region_table()
    assert regions["region"].tolist() == ["Northern Border", "North", "Centro Oeste", "Center", "Southeast"]
    assert regions["nodess"].tolist() == [9, 9, 25, 31, 42]
    assert regions["n_states"].tolist() == [5, 5, 8, 7, 7]
    assert nodess.check_region_total() == 116
    assert regions.loc[regions["region"] == "Center", "states"].iloc[0].startswith("Mexico City, State of Mexico")


def test_every_basis_covers_32_states_and_sums_to_one():
    for basis in nodess.BASES:
        frame = nodess_coverage.basis_by_state(basis)
        assert len(frame) == 32
        assert frame["share"].sum() == pytest.approx(1.0)
    assert nodess_coverage.basis_by_state("population")["value"].sum() == 126_014_024
    assert nodess_coverage.basis_by_state("diaspora")["value"].sum() == 566_547


def test_returns_scenarios():
    mid = nodess_coverage.returns_state_shares(scenario="mid").set_index("name")
    assert mid["listed"].sum() == 9
    assert mid.loc["Guerrero", "share"] == pytest.approx(0.0905)  # open bracket read as 8.1-10.0
    assert mid.loc["Oaxaca", "share"] == pytest.approx(0.0705)
    assert mid.loc["Mexico City", "share"] == pytest.approx(0.0505)
    assert mid.loc[~mid["listed"], "share"].iloc[0] == pytest.approx((1 - 0.6545) / 23)
    low = nodess_coverage.returns_state_shares(scenario="low")
    assert low.loc[low["listed"], "share"].sum() == pytest.approx(0.569)
    high = nodess_coverage.returns_state_shares(scenario="high")
    assert high.loc[high["listed"], "share"].sum() == pytest.approx(0.74)
    with pytest.raises(ParameterError):
        nodess_coverage.returns_state_shares(scenario="max")


def test_returns_brackets_that_cannot_hold_are_refused(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    path = copy / "paper" / "repatriation_origin_brackets.csv"
    frame = pd.read_csv(path)
    frame["share_low_percent"] = 0.5  # listed states at 0.5%: the unlisted ones would exceed the 4% threshold
    frame["share_high_percent"] = frame["share_high_percent"].where(frame["share_high_percent"].isna(), 0.6)
    frame.to_csv(path, index=False)
    with pytest.raises(DataError, match="unlisted states"):
        nodess_coverage.returns_state_shares(copy, "low")


def test_coverage_frame_on_made_up_counts():
    observed = pd.Series([10, 30], index=["a", "b"])
    cov = nodess_coverage.coverage_frame(observed, pd.Series([0.5, 0.5], index=["a", "b"]))
    assert cov["expected"].tolist() == [20, 20]
    assert cov["ratio"].tolist() == [0.5, 1.5]
    assert cov["gap"].tolist() == [-10, 10]
    assert cov.loc["a", "pearson"] == pytest.approx(-10 / np.sqrt(20))
    assert cov.loc["a", "adjusted"] == pytest.approx(-10 / np.sqrt(10))
    assert cov.loc["a", "ratio_low"] < 0.5 < cov.loc["a", "ratio_high"]
    gof = nodess_coverage.goodness_of_fit(cov, "made-up")
    assert gof.statistic == pytest.approx(10.0)  # 100/20 + 100/20
    assert gof.dof == 1
    with pytest.raises(ValueError, match="sum to 1"):
        nodess_coverage.coverage_frame(observed, pd.Series([0.5, 0.4], index=["a", "b"]))


def test_coverage_interval_narrows_with_alpha():
    wide, _ = nodess_coverage.coverage("population", alpha=0.01)
    narrow, _ = nodess_coverage.coverage("population", alpha=0.2)
    assert (wide["ratio_high"] - wide["ratio_low"] > narrow["ratio_high"] - narrow["ratio_low"]).all()


@pytest.mark.parametrize("basis, chi2, pvalue, southeast", [
    ("population", 21.115, 0.000300, 1.807),
    ("diaspora", 29.567, 0.0000060, 2.042),
    ("returns", 3.387, 0.4953, 1.242),
])
def test_coverage_on_real_data(basis, chi2, pvalue, southeast):
    cov, gof = nodess_coverage.coverage(basis)
    assert gof.dof == 4 and gof.n == 116
    assert gof.statistic == pytest.approx(chi2, abs=1e-3)
    assert gof.pvalue == pytest.approx(pvalue, rel=0.01)
    assert cov.loc["Southeast", "ratio"] == pytest.approx(southeast, abs=1e-3)
    assert cov["expected"].sum() == pytest.approx(116)


def test_gap_table_ranks_and_names_states():
    gaps = nodess_coverage.gap_table("population")
    assert gaps["region"].tolist() == ["North", "Center", "Northern Border", "Centro Oeste", "Southeast"]
    assert gaps["rank"].tolist() == [1, 2, 3, 4, 5]
    assert gaps["states"].iloc[0].startswith("Nuevo León (34%), Tamaulipas (21%)")
    assert nodess_coverage.gap_table("diaspora")["region"].iloc[0] == "Centro Oeste"


# --- Themes and ecosystems -------------------------------------------------------------------

def test_themes_ecosystems_lines():
    assert len(loaders.load_nodess_priority_themes()) == 15
    eco = nodess.ecosystem_table()
    assert eco["numeral"].tolist() == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert eco["n_lines"].tolist() == [9, 12, 3, 5, 6, 6, 4, 7]
    lines = nodess.lines_table()
    assert len(lines) == 52
    assert lines["ref"].iloc[0] == "I.1" and lines["ref"].iloc[-1] == "VIII.7"


def test_theme_crosswalk():
    cross = nodess.theme_crosswalk().set_index("theme")
    assert cross.loc["Tourism", "ecosystems"] == "V"
    assert cross.loc["Food sovereignty", "lines"] == "I.9"
    assert cross.loc["Economy of care", "lines"] == "VI.6"
    assert not cross.loc["Youth", "matched"] and not cross.loc["Gender", "matched"]
    assert cross["matched"].sum() == 9


def test_search_catalogue():
    hits = nodess.search_catalogue("cooperative")
    assert len(hits) == 10
    assert (hits["kind"] == "line of work").sum() == 9
    assert nodess.search_catalogue("TOURISM")["kind"].tolist().count("line of work") == 6
    assert nodess.search_catalogue("zzz").empty
    with pytest.raises(ValueError):
        nodess.search_catalogue("  ")


def test_z_critical():
    assert nodess.z_critical(0.05) == pytest.approx(1.96, abs=0.001)
    assert nodess.z_critical(0.1) == pytest.approx(1.645, abs=0.001)
    with pytest.raises(ParameterError):
        nodess.z_critical(0.7)


# --- Wording ---------------------------------------------------------------------------------

def test_p_text_and_approximation_text():
    assert nodess_words.p_text(0.4869) == "p = 0.487"
    assert nodess_words.p_text(0.0001) == "p < 0.001"
    assert nodess_words.approximation_text(5) == "large enough for the chi-square approximation"
    assert nodess_words.approximation_text(4.9) == "below 5, so the chi-square approximation is doubtful"
    assert set(nodess_words.BASIS_LABELS) == set(nodess.BASES)


def test_actor_and_growth_texts_on_real_data():
    actors = nodess_words.actor_texts(alpha=0.05)
    assert (actors["actors_total_2019_2020"], actors["actors_osse_2020_2021"]) == ("307", "91")
    assert actors["actors_osse_2020_2021_share"] == "32.7%"
    assert (actors["actors_change"], actors["actors_change_direction"]) == ("29", "fewer")
    assert (actors["mix_p"], actors["mix_largest_type"], actors["mix_largest_resid_band"]) == \
        ("p = 0.487", "OSSE", "inside")
    growth = nodess_words.growth_texts()
    assert (growth["nodess_3"], growth["growth1_annual_if_shortest"], growth["growth2_months_longest"]) == \
        ("548", "", "21")


def test_growth_under_both_datings_of_the_2022_2023_count():
    counts = loaders.load_nodess_counts()
    shifted = nodess_words.counts_at_period_start(counts)
    assert shifted["as_of"].tolist() == ["2021", "2022", "2024-09", "2024-09"]
    assert counts["as_of"].tolist() == ["2022", "2023", "2024-09", "2024-09"]  # the input is left alone
    texts = nodess_words.growth_reading_texts()
    assert (texts["growth_end_year"], texts["growth_end_months_shortest"], texts["growth_end_months_longest"]) == \
        ("2023", "8", "21")
    assert (texts["growth_start_year"], texts["growth_start_months_shortest"], texts["growth_start_months_longest"]) == \
        ("2022", "20", "33")
    assert (texts["growth_end_annual"], texts["growth_start_annual"]) == ("262%", "102%")
    # whichever year the count was taken: at most 33 months, at least (548/116) ** (12/33) - 1 a year
    assert texts["growth_any_months_longest"] == "33"
    slowest = nodess.growth_table(shifted).iloc[-1]
    assert slowest["annual_if_longest"] == pytest.approx((548 / 116) ** (1 / slowest["years_longest"]) - 1)
    assert texts["growth_any_annual_slowest"] == "76%" == texts["growth_start_annual_if_longest"]


def test_interval_and_shortfall_wording():
    assert nodess_words.interval_vs_one(0.5, 0.9) == "lies wholly below one"
    assert nodess_words.interval_vs_one(1.2, 2.0) == "lies wholly above one"
    assert nodess_words.interval_vs_one(0.56, 1.16) == "includes one"
    assert nodess_words.shortfall_reading(False, 0.56, 1.16).startswith("neither its interval nor the test")
    assert nodess_words.shortfall_reading(True, 0.3, 0.9).startswith("both its interval and the test")
    assert nodess_words.shortfall_reading(True, 0.26, 1.08).startswith("the test finds the regions as a whole")
    assert nodess_words.shortfall_reading(False, 0.3, 0.9).startswith("its interval lies below one")


def test_coverage_texts_name_each_basis_shortfall():
    texts = nodess_words.coverage_texts("population")
    assert (texts["short_region_population"], texts["short_region_diaspora"], texts["short_region_returns"]) == \
        ("North", "Centro Oeste", "Center")
    # the Center against repatriations: a ratio of 0.82 whose interval includes one, and a test that does not reject
    assert (texts["short_ratio_returns"], texts["short_ratio_low_returns"], texts["short_ratio_high_returns"]) == \
        ("0.82", "0.56", "1.16")
    assert texts["short_reading_returns"].startswith("neither its interval nor the test")
    assert (texts["ratio_low_southeast_population"], texts["ratio_high_southeast_population"]) == ("1.30", "2.44")
    assert texts["ratio_vs_one_southeast_population"] == "lies wholly above one"
    assert texts["ratio_vs_one_southeast_returns"] == "includes one"


def test_actor_texts_say_when_parts_miss_the_printed_total(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(paths.data_dir(), copy)
    path = next(copy.rglob("nodess_actors.csv"))
    frame = pd.read_csv(path)
    frame.loc[0, "actors"] += 1
    frame.to_csv(path, index=False)
    text = nodess_words.actor_texts(copy)["actors_totals_check"]
    assert text.startswith("do not add up to the totals the paper prints: 2019-2020: parts 308, printed 307")


def test_region_returns_coverage_and_catalogue_texts():
    regions = nodess_words.region_texts()
    assert (regions["region_southeast"], regions["region_top"], regions["n_states"]) == ("42", "Southeast", "32")
    returns = nodess_words.returns_texts()
    assert (returns["returns_n_listed"], returns["returns_open_high"], returns["returns_n_unlisted"]) == \
        ("9", "10.0%", "23")
    coverage = nodess_words.coverage_texts("diaspora")
    assert coverage["basis_label"] == nodess_words.BASIS_LABELS["diaspora"]
    assert (coverage["short_region"], coverage["gof_verdict_returns"]) == ("Centro Oeste", "does not reject")
    assert coverage["ratio_southeast_population"] == "1.81"
    catalogue = nodess_words.catalogue_texts(term="tourism")
    assert catalogue["themes_unmatched"].startswith("Productive and consumer autonomy, Youth, ")
    assert catalogue["themes_unmatched"].endswith(", Cultural management and Gender")
    assert (catalogue["search_term"], catalogue["search_lines"], catalogue["n_lines"]) == ("tourism", "6", "52")


# --- Figures ---------------------------------------------------------------------------------

def test_figures_draw_the_computed_frames():
    import matplotlib.pyplot as plt

    fig = nodess_figures.plot_actors()
    assert len(fig.axes[0].patches) == 8  # four types x two periods
    plt.close(fig)
    fig = nodess_figures.plot_counts()
    assert [p.get_height() for p in fig.axes[0].patches] == [91, 116, 548, 254]
    plt.close(fig)
    fig = nodess_figures.plot_regions("diaspora")
    legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
    assert "Expected in proportion to " + nodess_words.BASIS_LABELS["diaspora"] in legend
    plt.close(fig)
    fig = nodess_figures.plot_coverage("returns", alpha=0.1)
    assert "90% interval" in fig.axes[0].get_xlabel()
    assert any(t.get_text().endswith("\u2014 chosen") and t.get_text().startswith("Returns")
               for t in fig.axes[0].get_legend().get_texts())
    plt.close(fig)


# --- The executed chapter --------------------------------------------------------------------

def test_chapter_reproduces_the_papers_numbers(glued):
    g = glued("nodess")
    assert g["actors_total_2019_2020"] == "307"
    assert [g[f"actors_{k}_2019_2020"] for k in ("higher_education_institutions", "local_governments", "osse",
                                                 "civil_societies")] == ["106", "90", "85", "26"]
    assert g["actors_total_2020_2021"] == "278"
    assert [g[f"actors_{k}_2020_2021"] for k in ("higher_education_institutions", "local_governments", "osse",
                                                 "civil_societies")] == ["86", "74", "91", "27"]
    assert g["actors_totals_check"] == "add up exactly to the totals the paper prints"
    assert (g["nodess_1"], g["nodess_2"], g["nodess_3"], g["prenodess"]) == ("91", "116", "548", "254")
    assert g["region_total"] == "116"
    assert [g[f"region_{k}"] for k in ("northern_border", "north", "centro_oeste", "center", "southeast")] == \
        ["9", "9", "25", "31", "42"]
    assert (g["n_themes"], g["n_themes_merged"], g["n_ecosystems"], g["n_lines"]) == ("15", "14", "8", "52")


def test_chapter_computed_results(glued):
    g = glued("nodess")
    assert (g["mix_chi2"], g["mix_df"], g["mix_p"], g["mix_verdict"]) == \
        ("2.44", "3", "p = 0.487", "is not statistically significant")
    assert (g["growth1_change"], g["growth1_pct"], g["growth2_ratio"], g["growth2_annual"]) == \
        ("25", "27.5%", "4.7", "262%")
    assert (g["nodes_plus_pre"], g["growth2_months_shortest"], g["growth2_months_longest"]) == ("802", "8", "21")
    assert g["basis"] == "population" and g["level"] == "95%"
    assert (g["gof_chi2"], g["gof_df"], g["gof_p"], g["gof_verdict"]) == ("21.1", "4", "p < 0.001", "rejects")
    assert (g["short_region"], g["short_ratio"], g["short_top_states"]) == ("North", "0.57", "Nuevo León and Tamaulipas")
    assert (g["surplus_region"], g["surplus_ratio"], g["surplus_ratio_low"], g["surplus_ratio_high"]) == \
        ("Southeast", "1.81", "1.30", "2.44")
    assert (g["gof_chi2_diaspora"], g["gof_chi2_returns"], g["gof_p_returns"]) == ("29.6", "3.4", "p = 0.495")
    assert g["returns_listed_mid"] == "65.5%" and g["returns_each_unlisted_mid"] == "1.5%"


def test_chapter_gives_growth_under_both_readings_and_the_key_points(glued):
    g = glued("nodess")
    assert (g["growth_end_months_longest"], g["growth_start_months_longest"], g["growth_any_annual_slowest"]) == \
        ("21", "33", "76%")
    assert (g["ratio_southeast_population"], g["ratio_low_southeast_population"],
            g["ratio_high_southeast_population"]) == ("1.81", "1.30", "2.44")
    assert (g["gof_verdict_returns"], g["gof_p_returns"]) == ("does not reject", "p = 0.495")


def test_chapter_keeps_the_tests_in_closed_boxes(executed):
    import re

    notebook = executed("nodess")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    titles = re.findall(r"^:::\{dropdown\} (.+)$", text, flags=re.M)
    assert titles and all(t.startswith("For the statistically minded: ") for t in titles)
    main = re.sub(r":::\{dropdown\}.*?\n:::\n", "", text, flags=re.S)
    assert "χ²" not in main and "Cramér" not in main and "adjusted residual" not in main.lower()
    assert "Key points" in text.split("## ")[0] and "## Questions and exercises" in text
    residuals = [o for c in notebook.cells for o in c.get("outputs", [])
                 if "tbl-nodess-actor-residuals" in str(o.get("data", {}).get("text/markdown", ""))]
    assert residuals and residuals[0]["data"]["text/markdown"].startswith(
        ":::::{dropdown} For the statistically minded: ")


def test_chapter_with_diaspora_basis(glued):
    g = glued("nodess", basis="diaspora")
    assert g["basis"] == "diaspora"
    assert (g["gof_chi2"], g["gof_verdict"]) == ("29.6", "rejects")
    assert (g["short_region"], g["short_ratio"]) == ("Centro Oeste", "0.70")
    assert g["short_top_states"] == "Michoacán and Guanajuato"


def test_chapter_with_returns_basis(glued):
    g = glued("nodess", basis="returns")
    assert (g["gof_chi2"], g["gof_p"], g["gof_verdict"]) == ("3.4", "p = 0.495", "does not reject")
    assert g["short_region"] == "Center"


def test_chapter_alpha_changes_levels_not_counts(glued):
    g = glued("nodess", alpha=0.1)
    assert g["level"] == "90%" and g["alpha_text"] == "10%" and g["z_crit"] == "1.64"
    assert g["surplus_ratio_low"] != glued("nodess")["surplus_ratio_low"]
    assert g["region_total"] == "116" and g["gof_chi2"] == "21.1"
