"""Tests of the diaspora chapter: its analysis and wording modules on real and made-up data, and the executed chapter."""
from __future__ import annotations

import nbformat
import numpy as np
import pandas as pd
import pytest

from compendium.data import loaders
from compendium.analyses import diaspora
from compendium.build import outputs
from compendium.build import runner
from compendium.data.errors import ParameterError
from compendium.present.words import diaspora as diaspora_words


# --- Real data ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed():
    return loaders.load_us_states_2022()


@pytest.fixture(scope="module")
def corrected():
    return loaders.load_us_states_2022(corrected=True)


@pytest.fixture(scope="module")
def intensity():
    return diaspora.origin_intensity(loaders.load_origin_states_2022(), loaders.load_mexican_states(),
                                     loaders.load_census2020_state_population())


def test_table1_sums_printed_and_corrected(printed, corrected):
    assert printed["mexican_population"].sum() == 566_447
    assert corrected["mexican_population"].sum() == 566_547
    assert corrected.attrs["corrections"] == ["C01", "C02"]
    bad = diaspora.rows_not_adding_up(printed)
    assert bad["state"].tolist() == ["Rhode Island", "West Virginia"]
    assert bad["difference"].tolist() == [100, -100]
    assert diaspora.rows_not_adding_up(corrected).empty


def test_top_states_of_table1(printed):
    top = diaspora.top_states(printed, 5)
    assert top["state"].tolist() == ["California", "Texas", "Illinois", "Florida", "New York"]
    assert top["mexican_population"].tolist() == [159_166, 120_417, 48_396, 23_063, 19_632]
    assert top["share"].sum() == pytest.approx(370_674 / 566_447)


def test_continent_shares():
    shares = diaspora.continent_shares(loaders.load_abroad_by_continent_2021(), loaders.load_abroad_totals_2021())
    s = shares.set_index("continent")
    assert s["mexican_population"].sum() == 385_193
    assert s.loc["Africa", "share_of_stated_total"] == pytest.approx(1_013 / 395_143)
    assert s.loc["Africa", "printed_share"] == pytest.approx(0.0002)
    assert s.loc["Asia", "share_of_stated_total"] == pytest.approx(0.0201, abs=1e-4)
    assert s["share_of_sum"].sum() == pytest.approx(1.0)


def test_country_changes():
    changes = diaspora.country_changes(loaders.load_top_countries()).set_index("country")
    assert changes.loc["Brazil", "change"] == 6_387 - 24_171
    assert changes.loc["Argentina", "relative_change"] == pytest.approx(14_090 / 7_828 - 1)
    assert changes.loc["United States", "y2021"] == 11_750_000
    assert changes.index[0] == "United States"  # printed 2021 order


def test_women_share_real(corrected):
    shares = diaspora.women_share_by_state(corrected, alpha=0.05)
    assert shares.attrs["overall"] == pytest.approx(226_258 / 566_547)
    ca = shares.set_index("state").loc["California"]
    assert ca["share"] == pytest.approx(71_282 / 159_166)
    assert ca["low"] < ca["share"] < ca["high"]
    assert ca["differs"] and ca["direction"] == "above"
    vt = shares.set_index("state").loc["Vermont"]
    assert vt["high"] - vt["low"] > 0.2  # tiny state, wide interval
    # Holm-adjusted p-values are never below the raw ones
    assert (shares["p_adjusted"] >= shares["p_value"] - 1e-15).all()


def test_origin_intensity(intensity):
    i = intensity.set_index("name")
    assert len(intensity) == 32
    assert intensity["mexican_population"].sum() == 566_547
    assert i.loc["Michoacán", "mexican_population"] == 54_279
    assert i.loc["Michoacán", "per_100k"] == pytest.approx(54_279 / 4_748_846 * 1e5)
    assert i.loc["Guerrero", "rank_intensity"] == 1
    assert i.loc["Michoacán", "rank_raw"] == 1
    assert i.loc["State of Mexico", "rank_change"] == 8 - 24


def test_concentration_real(corrected):
    c = diaspora.concentration(corrected["mexican_population"])
    assert 0.7 < c.gini < 0.8
    assert c.lorenz_y[-1] == pytest.approx(1.0)


# --- Made-up data -------------------------------------------------------------------------------

def test_concentration_equal_and_extreme():
    equal = diaspora.concentration([5, 5, 5, 5])
    assert equal.gini == pytest.approx(0.0)
    assert equal.hhi == pytest.approx(0.25)
    assert equal.effective_number == pytest.approx(4.0)
    np.testing.assert_allclose(equal.lorenz_y, [0, 0.25, 0.5, 0.75, 1.0])
    extreme = diaspora.concentration([0, 0, 0, 10])
    assert extreme.gini == pytest.approx(3 / 4)
    assert extreme.hhi == pytest.approx(1.0)
    unsorted = diaspora.concentration([3, 1, 2])
    np.testing.assert_allclose(unsorted.lorenz_y, [0, 1 / 6, 3 / 6, 1.0])
    assert unsorted.gini == pytest.approx(2 * (1 * 1 + 2 * 2 + 3 * 3) / (3 * 6) - 4 / 3)
    with pytest.raises(ValueError):
        diaspora.concentration([0, 0])


def test_rows_not_adding_up_made_up():
    frame = pd.DataFrame({"state": ["A", "B"], "mexican_population": [10, 20], "men": [6, 5], "women": [4, 5]})
    bad = diaspora.rows_not_adding_up(frame)
    assert bad["state"].tolist() == ["B"] and bad["difference"].tolist() == [10]


def test_women_share_made_up():
    frame = pd.DataFrame({"state": ["Even", "Mostly men", "Small"], "men": [5_000, 9_000, 3],
                          "women": [5_000, 1_000, 2]})
    shares = diaspora.women_share_by_state(frame, alpha=0.05).set_index("state")
    assert shares.attrs["overall"] == pytest.approx(6_002 / 20_005)
    assert shares.loc["Even", "direction"] == "above"
    assert shares.loc["Mostly men", "direction"] == "below"
    assert not shares.loc["Small", "differs"] and shares.loc["Small", "direction"] == ""
    wide = diaspora.women_share_by_state(frame, alpha=0.01).set_index("state")
    assert wide.loc["Small", "high"] - wide.loc["Small", "low"] > shares.loc["Small", "high"] - shares.loc["Small", "low"]


def test_continent_shares_made_up():
    continents = pd.DataFrame({"continent": ["X", "Y"], "mexican_population": [30, 60], "printed_share_percent": [25, 75]})
    totals = pd.DataFrame({"measure": ["world", "world excluding the United States"], "mexican_population": [1000, 100]})
    s = diaspora.continent_shares(continents, totals).set_index("continent")
    assert s.loc["X", "share_of_stated_total"] == pytest.approx(0.30)
    assert s.loc["X", "share_of_sum"] == pytest.approx(1 / 3)
    assert s.loc["X", "gap_points"] == pytest.approx(5.0)


def test_origin_intensity_made_up():
    origin = pd.DataFrame({"printed_order": [1, 2], "state": ["Big", "Small"], "mexican_population": [1000, 500]})
    states = pd.DataFrame({"cve_ent": ["01", "02"], "name": ["Big", "Small"], "name_table2": ["Big", "Small"]})
    census = pd.DataFrame({"cve_ent": ["01", "02"], "population": [1_000_000, 100_000]})
    out = diaspora.origin_intensity(origin, states, census).set_index("name")
    assert out.loc["Big", "per_100k"] == pytest.approx(100.0)
    assert out.loc["Small", "per_100k"] == pytest.approx(500.0)
    assert out.loc["Small", "rank_change"] == 1 and out.loc["Big", "rank_change"] == -1


# --- Wording ------------------------------------------------------------------------------------

def test_abroad_texts():
    t = diaspora_words.abroad_texts(loaders.load_abroad_by_continent_2021(), loaders.load_abroad_totals_2021(),
                                    loaders.load_top_countries(), loaders.load_occupations_abroad(),
                                    loaders.load_sex_shares(), loaders.load_us_states_2022())
    assert t["continent_sum"] == "385,193" and t["continent_gap"] == "9,950"
    assert t["africa_printed"] == "0.02%" and t["africa_share"] == "0.26%"
    assert t["world_check"] == "equals"
    assert t["brazil_change"] == "\u221217,784" and t["brazil_rel"] == "\u221273.6%"
    assert t["unchanged_countries"] == "United Kingdom and Chile"
    assert t["t1_men_computed"] == "60.1%"


def test_table1_texts(printed, corrected):
    t = diaspora_words.table1_texts(printed, corrected, loaders.load_stated_totals(), 3)
    assert t["t1_bad_rows"] == "Rhode Island and West Virginia" and t["t1_n_bad_rows"] == "2"
    assert t["paper_top1_state"] == "California" and t["paper_top5_pop"] == "19,632"
    assert t["top_n"] == "3" and t["top_n_names"] == "California, Texas and Illinois"
    assert t["us_gini"] == "0.75" and t["us_states_for_half"] == "3"


def test_women_texts(corrected):
    t = diaspora_words.women_texts(diaspora.women_share_by_state(corrected, alpha=0.05), 0.05)
    assert t["level"] == "95%" and t["alpha_text"] == "0.05"
    assert t["women_overall"] == "39.9%"
    assert t["n_differ"] == "37" and t["n_above"] == "5"


def test_origin_and_cards_texts(intensity, corrected):
    t = diaspora_words.origin_texts(intensity, corrected, 3)
    assert t["int_top_names"] == "Guerrero, Michoacán and Zacatecas"
    assert t["t2_equals_t1"] == "equals" and t["mich_pop"] == "54,279"
    cards = diaspora_words.cards_vs_population_texts(corrected, loaders.load_top_countries())
    assert cards["cards_share_us_2021"] == "4.8%"


def test_readable_tables(printed, corrected, intensity):
    women = diaspora.women_share_by_state(corrected)
    table1 = diaspora_words.table1_frame(printed, women).set_index("US state")
    assert table1.loc["Rhode Island", "Total − (men + women)"] == 100
    assert table1.loc["California", "Women's share (corrected)"] == pytest.approx(71_282 / 159_166)
    origin = diaspora_words.origin_frame(intensity)
    assert list(origin.columns)[0] == "Mexican state (as in Table 2)" and len(origin) == 32
    occupations = diaspora_words.occupations_frame(loaders.load_occupations_abroad())
    assert occupations.iloc[-1]["Share as printed (%)"] == 95
    assert 'getElementById("tbl-x")' in diaspora_words.sortable_script("tbl-x").data


@pytest.mark.parametrize("value", [0, 52, -1, 2.5, "five", True, None])
def test_check_top_n_rejects(value):
    with pytest.raises(ParameterError, match="top_n must"):
        diaspora.check_top_n(value)


def test_check_top_n_accepts():
    assert diaspora.check_top_n(1) == 1
    assert diaspora.check_top_n(51) == 51
    assert diaspora.check_top_n(10.0) == 10


# --- The executed chapter -----------------------------------------------------------------------

def test_chapter_reproduces_paper(glued):
    g = glued("diaspora")
    assert g["paper_top1_state"] == "California" and g["paper_top1_pop"] == "159,166"
    assert g["paper_top2_state"] == "Texas" and g["paper_top2_pop"] == "120,417"
    assert g["paper_top5_pop"] == "19,632"
    assert g["mich_pop"] == "54,279"
    assert g["world_total"] == "12,145,143" and g["outside_us_total"] == "395,143"
    assert g["continent_sum"] == "385,193" and g["continent_gap"] == "9,950"
    assert g["africa_printed"] == "0.02%" and g["africa_share"] == "0.26%"
    assert g["asia_printed"] == "4%" and g["asia_share"] == "2.0%"
    assert g["world_check"] == "equals" and g["us_2021"] == "11,750,000"
    assert g["brazil_2021"] == "24,171" and g["brazil_2023"] == "6,387" and g["brazil_rel"] == "\u221273.6%"
    assert g["argentina_rel"] == "+80.0%"
    assert g["unchanged_countries"] == "United Kingdom and Chile"
    assert g["occupation_sum"] == "95%"
    assert g["t1_total_printed"] == "566,447" and g["t1_total_corrected"] == "566,547"
    assert g["t1_heading"] == "566,547" and g["t1_text_total"] == "566,447"
    assert g["t1_bad_rows"] == "Rhode Island and West Virginia"
    assert g["t1_men_computed"] == "60.1%" and g["t1_women_computed"] == "39.9%"
    assert g["abroad_women_printed"] == "54%"
    assert g["t2_total"] == "566,547" and g["t2_equals_t1"] == "equals"


def test_chapter_computed_results(glued):
    g = glued("diaspora")
    assert g["top_n"] == "5" and g["top_n_share"] == "65.4%"
    assert g["us_gini"] == "0.75" and g["origin_gini"] == "0.49"
    assert g["us_states_for_half"] == "3"
    assert g["level"] == "95%"
    assert g["women_overall"] == "39.9%"
    assert g["n_differ"] == "37" and g["n_above"] == "5"
    assert g["int_first"] == "Guerrero" and g["int_first_per"] == "1,500"
    assert g["fall_name"] == "State of Mexico" and g["fall_to"] == "24"
    assert g["cards_share_us_2021"] == "4.8%"


def test_chapter_with_other_top_n(glued):
    g = glued("diaspora", top_n=3)
    assert g["top_n"] == "3"
    assert g["top_n_names"] == "California, Texas and Illinois"
    assert g["top_n_share"] == "57.9%"
    assert g["int_top_names"] == "Guerrero, Michoacán and Zacatecas"
    # the paper's own five are unaffected by the parameter
    assert g["paper_top5_state"] == "New York"


def test_chapter_with_other_alpha(glued):
    g = glued("diaspora", alpha=0.01)
    assert g["level"] == "99%"
    assert g["n_differ"] == "29"  # fewer states pass the stricter Holm threshold (37 at alpha 0.05)
    assert g["ca_women_high"] == "45.1%" and g["lowest_low"] == "0.7%"  # wider intervals


def test_top_n_above_the_mexican_states_highlights_all_32(intensity, corrected):
    """top_n may be up to 51 (Table 1's rows); for the 32 Mexican states of Table 2 it counts at most 32."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from compendium.present.figures import diaspora as diaspora_figures

    t = diaspora_words.origin_texts(intensity, corrected, 51)
    assert t["int_top_names"] == diaspora_words.origin_texts(intensity, corrected, 32)["int_top_names"]
    assert t["raw_top_share"] == "100.0%"
    fig, ax = plt.subplots()
    try:
        diaspora_figures.plot_states_bar(ax, intensity.rename(columns={"name": "state_name"}), 51, name="state_name")
        assert len(ax.texts) == 32  # every bar labelled
        assert ax.get_legend().get_texts()[0].get_text() == "The 32 largest (as printed)"
    finally:
        plt.close(fig)


def test_chapter_runs_with_the_largest_top_n(tmp_path):
    [result] = runner.run(["diaspora"], {"top_n": 51}, output_dir=tmp_path)
    assert result.status == "executed", result.message
    g = outputs.glued_values(nbformat.read(result.notebook, as_version=4))
    assert g["top_n"] == "51" and g["top_n_share"] == "100.0%"
    assert g["int_top_names"].count(",") == 30  # all 32 Mexican states, "A, B, ... and Z"


def test_chapter_rejects_bad_top_n_before_any_kernel_starts(tmp_path):
    with pytest.raises(ParameterError, match="must be from 1 to 51"):
        runner.run(["diaspora"], {"top_n": 60}, output_dir=tmp_path)
    assert not list(tmp_path.iterdir())


# --- The chapter's text -------------------------------------------------------------------------

def _chapter_text() -> str:
    from compendium.data import paths

    return (paths.chapters_dir() / "diaspora.md").read_text(encoding="utf-8")


def _prose() -> str:
    """The chapter's markdown without its code cells, on one line."""
    import re

    return " ".join(re.sub(r"```\{code-cell\}.*?```", " ", _chapter_text(), flags=re.S).split())


def test_chapter_text_opens_with_key_points_and_ends_with_questions():
    prose = _prose()
    assert prose.index(":::{admonition} Key points") < prose.index("## Mexicans abroad in 2021")
    assert prose.index("## Questions and exercises") < prose.index("## Cite this chapter")
    assert prose.count(":::{dropdown} For the statistically minded:") == 3
    assert "{cite:p}`laraescamilla2024`" in prose


def test_chapter_text_says_what_the_paper_says_and_what_the_book_infers():
    prose = _prose()
    assert '"Mexican Migration Institute"' in prose  # the paper's own name for the source
    assert "the book infers" in prose
    assert "same source note" not in prose  # one note is printed, under the paper's Figure 5
    assert "under the paper's Figure 5" in prose
    assert "newer destinations" not in prose  # neither the paper nor the data explain the women's shares


def test_test_details_are_in_dropdowns_not_in_the_main_text():
    import re

    text = _chapter_text()
    main = re.sub(r":::\{dropdown\}.*?\n:::\n", " ", re.sub(r"```\{code-cell\}.*?```", " ", text, flags=re.S), flags=re.S)
    for detail in ("Holm", "Benjamini", "Wilson", "Herfindahl", "Spearman"):
        assert detail not in main, detail
        assert detail in text, detail


def test_wiring_cells_are_hidden():
    import re

    for cell in re.findall(r"```\{code-cell\} ipython3\n(.*?)```", _chapter_text(), flags=re.S):
        if "glue_all(" in cell or "check_top_n" in cell:
            assert cell.startswith(":tags: [remove-cell]"), cell
