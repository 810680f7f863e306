"""The chapter "Immigration panorama of Mexico": its analysis, wording and figures on real and made-up data, and the
executed chapter."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from compendium.data import loaders
from compendium.analyses import immigration
from compendium.build import runner
from compendium.analyses import stats
from compendium.data.errors import ParameterError
from compendium.present.figures import immigration as immigration_figures
from compendium.present.formatting import level_text
from compendium.present.words import immigration as immigration_words

# --- made-up frames -----------------------------------------------------------------------------


def _events(rows):
    return pd.DataFrame(rows, columns=["series", "period_as_printed", "period_start", "period_end", "events", "figure"]).assign(
        period_start=lambda f: pd.to_datetime(f["period_start"]), period_end=lambda f: pd.to_datetime(f["period_end"]))


@pytest.fixture
def toy_events():
    return _events([
        (immigration.IRREGULAR, "a", "2023-01-01", "2023-04-30", 400, "Figure 1"),
        (immigration.IRREGULAR, "b", "2024-01-01", "2024-04-30", 800, "Figure 1"),
        (immigration.RETURNS, "year", "2023-01-01", "2023-12-31", 120, "Figure 2"),
        (immigration.RETURNS, "b", "2024-01-01", "2024-04-30", 20, "Figure 2"),
    ])


def test_with_rates_counts_months_days_and_pace(toy_events):
    frame = immigration.with_rates(toy_events, "printed")
    assert list(frame["months"]) == [4, 4, 12, 4]
    assert list(frame["days"]) == [120, 121, 365, 121]  # 2024 is a leap year
    assert list(frame["per_month"]) == [100, 200, 10, 5]
    assert set(frame["reading"]) == {"printed"}


def test_both_readings_flags_only_the_row_that_differs(toy_events):
    corrected = toy_events.copy()
    corrected.loc[2, "period_end"] = pd.Timestamp("2023-04-30")
    both = immigration.both_readings(toy_events, corrected)
    assert len(both) == 8
    assert both.loc[both["differs"], "period_as_printed"].tolist() == ["year", "year"]
    rc = immigration.pick(both, immigration.RETURNS, 2023, "corrected")
    rp = immigration.pick(both, immigration.RETURNS, 2023, "printed")
    assert (rc["per_month"], rp["per_month"]) == (30, 10)


def test_compare_gives_the_ratio_of_monthly_rates_not_of_totals(toy_events):
    frame = immigration.with_rates(toy_events, "printed")
    returns = immigration.compare(immigration.pick(frame, immigration.RETURNS, 2023),
                                  immigration.pick(frame, immigration.RETURNS, 2024), alpha=0.05)
    assert returns.poisson.value == pytest.approx(0.5)      # 5 a month against 10 a month
    assert returns.total_ratio == pytest.approx(20 / 120)   # what comparing the totals would say
    assert returns.poisson.low < 0.5 < returns.poisson.high
    assert returns.change == pytest.approx(-0.5)


def test_pick_refuses_an_ambiguous_or_missing_row(toy_events):
    frame = immigration.with_rates(toy_events, "printed")
    with pytest.raises(KeyError, match="found 0"):
        immigration.pick(frame, immigration.IRREGULAR, 2022)


def test_quasi_poisson_with_dispersion_one_is_the_poisson_wald_interval():
    est = immigration.quasi_poisson_ratio(200, 4, 100, 4, dispersion=1, alpha=0.05)
    se = math.sqrt(1 / 200 + 1 / 100)
    assert est.value == pytest.approx(2.0)
    assert est.low == pytest.approx(2 * math.exp(-1.959964 * se), rel=1e-5)
    assert est.high == pytest.approx(2 * math.exp(1.959964 * se), rel=1e-5)


def test_quasi_poisson_widens_by_the_square_root_of_the_dispersion():
    plain = immigration.quasi_poisson_ratio(200, 4, 100, 4, dispersion=1)
    wide = immigration.quasi_poisson_ratio(200, 4, 100, 4, dispersion=4)
    assert math.log(wide.high / wide.value) == pytest.approx(2 * math.log(plain.high / plain.value))
    with pytest.raises(ValueError, match="positive"):
        immigration.quasi_poisson_ratio(200, 4, 100, 4, dispersion=0)


def test_breakeven_dispersion_puts_the_interval_edge_on_one():
    phi = immigration.breakeven_dispersion(200, 4, 100, 4, alpha=0.05)
    est = immigration.quasi_poisson_ratio(200, 4, 100, 4, dispersion=phi, alpha=0.05)
    assert est.low == pytest.approx(1.0, rel=1e-6)


def test_monthly_dispersion_is_zero_for_steady_months_and_large_for_jumpy_ones():
    def months(values):
        starts = pd.to_datetime(["2022-01-01", "2022-02-01", "2022-03-01", "2023-01-01", "2023-02-01", "2023-03-01"])
        return pd.DataFrame({"period_start": starts, "value": values})

    flat, df = immigration.monthly_dispersion(months([100, 100, 100, 50, 50, 50]))
    assert flat == pytest.approx(0.0, abs=1e-12) and df == 4
    jumpy, _ = immigration.monthly_dispersion(months([100, 200, 300, 50, 100, 150]))
    # Pearson chi2: (100^2 + 0 + 100^2)/200 + (50^2 + 0 + 50^2)/100 = 100 + 50, over 4 df
    assert jumpy == pytest.approx(150 / 4)


def test_remainder_of_an_external_total_after_the_papers_months():
    paper = pd.Series({"series": "s", "period_start": pd.Timestamp("2023-01-01"),
                       "period_end": pd.Timestamp("2023-08-31"), "events": 800})
    external = pd.Series({"period_start": pd.Timestamp("2023-01-01"), "period_end": pd.Timestamp("2023-12-31"),
                          "value": 1200})
    rest = immigration.remainder(external, paper)
    assert (rest.months, rest.events, rest.per_month, rest.paper_per_month) == (4, 400, 100, 100)
    with pytest.raises(ValueError, match="same day"):
        immigration.remainder(pd.concat([external.drop("period_start"),
                                         pd.Series({"period_start": pd.Timestamp("2022-01-01")})]), paper)


def test_enadid_comparison_on_made_up_rows():
    enadid = pd.DataFrame({"period": ["B", "A"], "period_start_year": [2005, 2000], "period_end_year": [2010, 2005],
                           "emigrants": [150, 100], "printed_as": ["", ""]})
    stated = pd.DataFrame({"statement_id": ["enadid_difference"], "value": [60]})
    c = immigration.enadid_comparison(enadid, stated)
    assert (c.earlier_period, c.later_period, c.difference, c.discrepancy, c.later_implied_by_stated) == ("A", "B", 50, 10, 160)
    assert c.ratio == pytest.approx(1.5)


def test_reference_label_and_timeline_table_on_made_up_rows():
    refs = pd.DataFrame({"key": ["a", "b"], "authors": ["Doe, J.", "Roe, R.; Poe, P."], "year": [2001, 2002],
                         "printed_order": [2, 1], "printed_text": ["Doe (2001).", "Roe & Poe (2002)."]})
    assert immigration_words.reference_label(refs, "a") == "Doe (2001)"
    assert immigration_words.reference_label(refs, "b") == "Roe et al. (2002)"
    assert immigration_words.reference_label(refs, None) == ""
    with pytest.raises(KeyError, match="zzz"):
        immigration_words.reference_label(refs, "zzz")
    timeline = pd.DataFrame({"year": [2010, 1990], "instrument": ["Plan", "Law"], "kind": ["plan", "law"],
                             "event": ["issued", "enacted"], "reference_key": ["a", pd.NA]})
    table = immigration_words.timeline_table(timeline, refs)
    assert table["Year"].tolist() == ["1990", "2010"]
    assert table["Cited in the paper as"].tolist() == ["no reference in the paper", "Doe (2001)"]
    assert immigration.timeline_references(timeline.assign(reference_key=["a", "b"]), refs) == ["Roe & Poe (2002).", "Doe (2001)."]


def test_level_text_and_reading_check():
    assert level_text(0.05) == "95%"
    assert level_text(0.1) == "90%"
    assert level_text(0.025) == "97.5%"
    assert immigration.check_reading("printed") == "printed"
    with pytest.raises(ParameterError, match="returns_reading must be one of corrected, printed"):
        immigration.check_reading("yearly")


# --- the module on the real data ----------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    return immigration.analyse(None, 0.05, "corrected")


def test_real_data_reproduce_the_papers_numbers(real):
    assert int(real.irregular.later["events"]) == 925085
    assert int(real.irregular.earlier["events"]) == 398991
    assert int(real.returns["corrected"].earlier["events"]) == 40667
    assert int(real.returns["corrected"].later["events"]) == 16474
    assert (real.enadid.earlier, real.enadid.later) == (761000, 1200000)
    assert (real.enadid.difference, real.enadid.stated_difference) == (439000, 459000)


def test_real_data_c04_changes_only_the_2023_returns_period(real):
    corrected = loaders.load_migration_events_mexico(corrected=True)
    assert corrected.attrs["corrections"] == ["C04"]
    assert real.returns["corrected"].earlier["months"] == 8
    assert real.returns["printed"].earlier["months"] == 12
    assert real.events["differs"].sum() == 2  # the one row, in both readings


def test_real_data_rates_and_ratios(real):
    assert real.irregular.poisson.value == pytest.approx(925085 / 398991)
    expected = stats.rate_ratio(925085, 8, 398991, 8, alpha=0.05)[0]
    assert (real.irregular.poisson.low, real.irregular.poisson.high) == (expected.low, expected.high)
    assert real.returns["corrected"].poisson.value == pytest.approx(16474 / 40667)
    assert real.returns["printed"].poisson.value == pytest.approx((16474 / 8) / (40667 / 12))
    assert real.dispersion == pytest.approx(360.69, abs=0.01)
    assert real.dispersion_df == 4


def test_real_data_checkpoints(real):
    assert (real.irregular_rest.events, real.irregular_rest.months) == (782176 - 398991, 4)
    assert (real.returns_rest.events, real.returns_rest.months) == (51091 - 40667, 2)


def test_real_timeline_is_in_year_order_with_references(real):
    table = immigration_words.timeline_table(real.timeline, real.paper_references)
    assert table["Year"].tolist() == ["1970", "2008", "2011", "2015", "2019", "2024", "2025"]
    assert table.loc[4, "Cited in the paper as"] == "Presidencia de la República (2019)"
    assert len(real.references) == 4


def test_checkpoint_rows_list_a_period_once_and_order_the_shorter_period_first():
    paper = immigration.with_rates(_events([
        (immigration.RETURNS, "a", "2023-01-01", "2023-08-31", 80, "Figure 2"),
        (immigration.RETURNS, "b", "2024-01-01", "2024-08-31", 40, "Figure 2"),
    ]), "printed")
    paper = pd.concat([paper, paper.assign(reading="corrected")], ignore_index=True)
    checkpoints = pd.DataFrame({"series": ["returns_by_mexican_authority"] * 2,
                                "period_start": pd.to_datetime(["2023-01-01", "2023-08-01"]),
                                "period_end": pd.to_datetime(["2023-08-31", "2023-08-31"]),
                                "value": [90, 12], "unit": ["people", "events"]})
    rows = immigration.checkpoint_rows(checkpoints, paper)
    # by period end, then the later start first; the corrected copies, equal to the printed rows, are dropped
    assert rows["kind"].tolist() == ["external", "printed", "external", "printed"]
    assert rows["months"].tolist() == [1, 8, 8, 8]
    assert rows["unit"].tolist() == ["events", "", "people", ""]


# --- the wording --------------------------------------------------------------------------------


def test_glue_strings_format_the_real_analysis(real):
    g = immigration_words.glue_strings(real)
    assert (g["n_instruments"], g["first_year"], g["last_year"], g["population_law_years"]) == ("7", "1970", "2025", "41")
    assert (g["irr_ratio"], g["ret_ratio"], g["ret_change"]) == ("2.319", "0.405", "\u221259.5%")
    assert (g["enadid_diff_computed"], g["enadid_growth"]) == ("439,000", "+57.7%")
    assert g["ret_reading"].startswith("corrected per C04")
    assert g["irr_p"] == "below 0.001"
    assert (g["irr_pace_words"], g["ret_pace_words_corrected"]) == ("more than doubled", "fell by more than half")


def test_glue_strings_in_spanish_keep_the_numbers_and_translate_the_words(real):
    en, es = immigration_words.glue_strings(real), immigration_words.glue_strings(real, "es")
    assert set(es) == set(en)
    assert (es["irr_2024"], es["irr_ratio"], es["ret_change"]) == ("925,085", "2.319", "\u221259.5\u00a0%")
    assert (es["irr_pace_words"], es["ret_pace_words_corrected"]) == ("creció a más del doble", "cayó a menos de la mitad")
    assert es["irr_p"] == "menor que 0.001" and es["ret_reading"].startswith("corregida según C04")


def test_tables_in_spanish_translate_headers_periods_and_sources(real):
    table = immigration_words.checkpoints_table(real.checkpoints, real.events, "es")
    assert list(table.columns) == ["Serie", "Periodo", "Meses", "Total", "Por mes", "Fuente"]
    assert "enero–octubre de 2023" in table["Periodo"].tolist() and "enero de 2022" in table["Periodo"].tolist()
    assert table["Fuente"].iloc[1].startswith("externa, secundaria")
    ratios = immigration_words.readable_ratio_table(real.ratios, "95\u00a0%", "es")
    assert ratios.iloc[1, -1] == "0.287 a 0.571"
    timeline = immigration_words.timeline_table(real.timeline, real.paper_references, "es")
    assert timeline["Instrumento"].iloc[0] == "Ley General de Población"


def test_readable_ratio_table_names_the_level_and_both_readings(real):
    table = immigration_words.readable_ratio_table(real.ratios, "90%")
    assert list(table.columns[-2:]) == ["90% interval, Poisson", "90% interval, quasi-Poisson"]
    assert table["2023 reading"].tolist() == ["as printed (January–August)", "corrected (C04): 2023 = January–August",
                                              "as printed: 2023 = the whole year"]
    assert table["Series"].iloc[0] == "Irregular migration events"
    assert table["Ratio per month"].tolist() == ["2.319", "0.405", "0.608"]


def test_enadid_table_sets_the_computed_difference_beside_the_stated_one(real):
    table = immigration_words.enadid_table(real.enadid, real.enadid_rows)
    assert table["People"].tolist() == ["761,000", "1,200,000", "439,000", "459,000"]
    assert table["Kind"].tolist() == ["printed", "printed", "computed", "printed"]
    assert table["As printed (in words)"].iloc[3] == "four hundred and fifty-nine thousand more people"


@pytest.mark.parametrize("ratio, words", [(3.5, "more than tripled"), (2.319, "more than doubled"), (2, "rose"),
                                          (1.2, "rose"), (1, "did not change"), (0.6, "fell"), (0.5, "fell"),
                                          (0.405, "fell by more than half"), (0, "fell by more than half")])
def test_pace_change_words(ratio, words):
    assert immigration_words.pace_change_words(ratio) == words


def test_pace_change_words_refuses_a_negative_or_missing_ratio():
    for bad in (-0.1, float("nan")):
        with pytest.raises(ValueError, match="zero or more"):
            immigration_words.pace_change_words(bad)


def test_roles_table_and_sentence_case():
    assert immigration_words.roles_table()["Role"].tolist() == ["Emigration", "Transit", "Destination"]
    assert immigration_words.sentence_case("returns by X") == "Returns by X"


# --- the figures --------------------------------------------------------------------------------


def test_figures_draw_what_they_are_given(real):
    import matplotlib.pyplot as plt

    rows = real.events.query("series == @immigration.IRREGULAR and reading == 'printed'").sort_values("period_start")
    fig, ax = immigration_figures.plot_paper_totals(rows, ["first", "second"], "events")
    assert [t.get_text() for t in ax.texts] == ["398,991", "925,085"]
    fig, ax = immigration_figures.plot_timeline(immigration_words.timeline_table(real.timeline, real.paper_references))
    assert len(ax.get_yticks()) == 6  # one row per instrument
    fig, axes = immigration_figures.plot_monthly_pace(real.events, real.checkpoints,
                                                      {immigration.IRREGULAR: [real.irregular_rest]})
    assert [a.get_title(loc="left") for a in axes] == ["Irregular migration events",
                                                       "Returns by the Mexican immigration authority"]
    fig, axes = immigration_figures.plot_monthly_pace(real.events, real.checkpoints, {}, lang="es")
    assert [a.get_title(loc="left") for a in axes] == ["Eventos de migración irregular",
                                                       "Devoluciones de la autoridad migratoria mexicana"]
    fig, ax = immigration_figures.plot_timeline(immigration_words.timeline_table(real.timeline, real.paper_references),
                                                lang="es")
    assert "Ley de Migración" in [t.get_text() for t in ax.get_yticklabels()]
    assert ax.get_xlabel() == "año"
    plt.close("all")


# --- the executed chapter -----------------------------------------------------------------------


def test_chapter_glues_the_papers_numbers(glued):
    g = glued("immigration")
    assert (g["irr_2024"], g["irr_2023"], g["ret_2023"], g["ret_2024"]) == ("925,085", "398,991", "40,667", "16,474")
    assert (g["enadid_later"], g["enadid_earlier"]) == ("1,200,000", "761,000")
    assert (g["enadid_diff_stated"], g["enadid_diff_computed"], g["enadid_discrepancy"]) == ("459,000", "439,000", "20,000")
    assert g["n_instruments"] == "7"
    assert (g["irr_pace_words"], g["ret_pace_words_corrected"]) == ("more than doubled", "fell by more than half")


def test_chapter_glues_rates_and_ratios(glued):
    g = glued("immigration")
    assert (g["irr_2023_pm"], g["irr_2024_pm"]) == ("49,874", "115,636")
    assert (g["irr_ratio"], g["irr_low"], g["irr_high"]) == ("2.319", "2.310", "2.327")
    assert (g["ret_2023_pm_corrected"], g["ret_2023_pm_printed"], g["ret_2024_pm"]) == ("5,083", "3,389", "2,059")
    assert (g["ret_ratio_corrected"], g["ret_ratio_printed"]) == ("0.405", "0.608")
    assert (g["ret_ratio"], g["ret_low"], g["ret_high"]) == ("0.405", "0.398", "0.412")
    assert (g["ret_qp_low"], g["ret_qp_high"]) == ("0.287", "0.571")
    assert (g["disp"], g["disp_df"]) == ("361", "4")
    assert (g["irr_rest_events"], g["irr_rest_pm"], g["ret_rest_events"]) == ("383,185", "95,796", "10,424")
    assert g["level"] == "95%"


def test_chapter_with_another_alpha_changes_the_level_and_intervals_only(glued):
    default, other = glued("immigration"), glued("immigration", alpha=0.1)
    assert other["level"] == "90%"
    assert other["irr_ratio"] == default["irr_ratio"]
    assert float(other["ret_qp_low"]) > float(default["ret_qp_low"])
    assert float(other["ret_qp_high"]) < float(default["ret_qp_high"])
    assert (other["ret_qp_low"], other["ret_qp_high"]) == ("0.304", "0.541")


def test_chapter_with_the_printed_reading_changes_the_headline(glued):
    g = glued("immigration", returns_reading="printed")
    assert g["ret_ratio"] == "0.608"
    assert g["ret_change"] == "\u221239.2%"
    assert g["ret_reading"].startswith("as printed")
    assert g["ret_ratio_corrected"] == "0.405"  # both readings are still shown


def test_chapter_refuses_a_bad_reading_with_a_clear_message(tmp_path):
    with pytest.raises(ParameterError, match="must be one of corrected, printed"):
        runner.run(["immigration"], {"returns_reading": "yearly"}, output_dir=tmp_path)


def test_chapter_refuses_a_bad_alpha_with_a_clear_message(tmp_path):
    with pytest.raises(ParameterError, match="alpha must be between 0 and 0.5"):
        runner.run(["immigration"], {"alpha": 0.7}, output_dir=tmp_path)


def test_checkpoints_table_labels_every_source_and_orders_periods(real):
    table = immigration_words.checkpoints_table(real.checkpoints, real.events)
    returns = table.loc[table["Series"] == "Returns by the Mexican immigration authority"]
    assert returns["Period"].tolist()[-4:] == ["January–August 2023", "January–October 2023", "2023 (whole year)",
                                                "January–August 2024"]
    assert returns.set_index("Period").loc["January–October 2023", "Per month"] == "5,109"
    external = table.loc[~table["Source"].str.startswith("the paper")]
    assert external["Source"].str.startswith("external, secondary").all()
    assert len(table) == 13


# --- the chapter's text -------------------------------------------------------------------------


def _prose(name: str) -> str:
    """A chapter's markdown without its code cells, on one line."""
    import re

    from compendium.data import paths

    text = (paths.chapters_dir() / f"{name}.md").read_text(encoding="utf-8")
    return " ".join(re.sub(r"```\{code-cell\}.*?```", " ", text, flags=re.S).split())


def test_chapter_text_names_the_flow_in_full_every_time():
    """'Returns' alone is ambiguous (two opposite flows): the prose always says 'returns by the Mexican authority'."""
    import re

    prose = _prose("immigration")
    alone = [prose[max(0, m.start() - 30):m.end() + 30] for m in re.finditer(r"\breturns?\b", prose, flags=re.I)
             if not re.match(r"returns? by the Mexican", prose[m.start():], flags=re.I)
             and not prose[:m.start()].endswith("chapter-")]
    assert alone == []


def test_chapter_text_opens_with_key_points_and_ends_with_questions():
    prose = _prose("immigration")
    assert prose.index(":::{admonition} Key points") < prose.index("## Emigration, transit and destination")
    assert prose.index("## Questions and exercises") < prose.index("## Cite this chapter")
    assert prose.count(":::{dropdown} For the statistically minded:") == 2
    for reference in ("calva2022", "garcia2020", "verea2022", "laraescamilla2024"):
        assert f"`{reference}" in prose
