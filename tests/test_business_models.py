"""Tests of the chapter 'business_models': its analysis and wording modules on real and made-up data, and the
executed chapter."""
from __future__ import annotations

import json

import shutil

import pandas as pd
import pytest
from scipy.stats import chi2

from compendium.analyses import business_models as bm
from compendium.present.words import business_models as bm_words
from compendium.data import loaders
from compendium.data import descriptor
from compendium.build import runner
from compendium.data.errors import DataError, ParameterError


# --- Made-up frames ----------------------------------------------------------------------------

def _types(*names):
    return pd.DataFrame({"printed_order": range(1, len(names) + 1), "osse_type": list(names)})


def _families(pairs):
    return pd.DataFrame({"osse_type": [p[0] for p in pairs], "family": [p[1] for p in pairs],
                         "rationale": ["because"] * len(pairs)})


def _references():
    return pd.DataFrame({
        "key": ["one", "two", "three", "inst"],
        "authors": ["Solo, A.", "First Second, B.; Third, C.", "Alpha Beta, D.; Gamma, E.; Delta, F.", "INEGI"],
        "year": [2020, 2021, 2022, 2024],
    })


def _repatriations(start23, end23, events23, events24):
    return pd.DataFrame({
        "period_as_printed": ["a", "b"],
        "period_start": pd.to_datetime([start23, "2024-01-01"]),
        "period_end": pd.to_datetime([end23, "2024-03-31"]),
        "events": [events23, events24],
    })


# --- Data: the two compiled datasets -----------------------------------------------------------

def test_compiled_datasets_are_in_the_package_with_loaders():
    for name in ("osse_type_families", "migrant_integration_strategies"):
        entry = descriptor.resource(name)
        assert entry["provenance"]["document"] == "compendium"
        assert name in loaders.LOADERS
    assert len(loaders.load_osse_type_families()) == 24
    assert len(loaders.load_migrant_integration_strategies()) == 5


def test_every_osse_type_has_exactly_one_family():
    types, families = loaders.load_osse_types(), loaders.load_osse_type_families()
    assert bm.family_problems(types, families) == []
    assert families["osse_type"].value_counts().eq(1).all()
    assert set(families["osse_type"]) == set(types["osse_type"])
    table = bm.osse_families(types, families)
    assert len(table) == 24 and table["family"].notna().all()


def test_strategy_references_exist_and_follow_the_paper():
    strategies = loaders.load_migrant_integration_strategies()
    keys = set(loaders.load_references()["key"])
    cited = strategies["reference_key"].dropna()
    assert set(cited) <= keys
    assert list(cited) == ["fresneda2022", "martinez2021", "sandoval2021", "parrini2021"]
    table = bm_words.strategies_table(strategies, loaders.load_references())
    assert list(table["source"]) == ["Lara-Escamilla et al. (2024), no source cited", "Fresneda (2022)",
                                     "Martínez Regino (2021)", "Sandoval Guevara & Leyva Hernández (2021)",
                                     "Parrini Roses et al. (2021)"]


def test_package_still_validates_with_foreign_keys():
    frames = loaders.validate_package()
    assert "osse_type_families" in frames and "migrant_integration_strategies" in frames


# --- Unit tests: OSSE forms, families, minimums, INAES --------------------------------------------

def test_family_problems_on_made_up_frames():
    types = _types("A", "B", "C")
    assert bm.family_problems(types, _families([("A", "x"), ("B", "x"), ("C", "y")])) == []
    problems = bm.family_problems(types, _families([("A", "x"), ("A", "y"), ("D", "z")]))
    assert "the OSSE form 'A' has 2 families" in problems
    assert "the OSSE form 'B' has no family" in problems
    assert any("'D', which is not an OSSE form" in p for p in problems)
    with pytest.raises(DataError, match="has no family"):
        bm.osse_families(types, _families([("A", "x"), ("C", "y")]))


def test_family_summary_orders_by_size_then_first_position():
    table = bm.osse_families(_types("A", "B", "C", "D", "E"),
                             _families([("A", "y"), ("B", "x"), ("C", "x"), ("D", "z"), ("E", "y")]))
    summary = bm.family_summary(table)
    assert list(summary["family"]) == ["y", "x", "z"]  # y and x tie at 2; y's first form is printed first
    assert list(summary["n_forms"]) == [2, 2, 1]
    assert list(summary["positions"]) == ["1, 5", "2, 3", "4"]
    assert list(bm.family_table(table)["osse_type"]) == ["A", "E", "B", "C", "D"]


def test_family_summary_on_real_data():
    summary = bm.family_summary(bm.osse_families(loaders.load_osse_types(), loaders.load_osse_type_families()))
    assert dict(zip(summary["family"], summary["n_forms"])) == {
        "Savings, credit and insurance": 7, "Rural associations and unions": 6,
        "Social groups, collectives and other enterprises": 5, "Cooperatives": 4, "Ejidos and communities": 2}
    assert summary["n_forms"].sum() == 24


def test_group_minimums_and_headline_figures():
    assert bm.group_minimums(loaders.load_osse_group_minimums()) == {"Social Groups": 3, "Legally Established": 5}
    figures = bm.headline(loaders.load_inaes_headline_figures())
    assert figures == {"ejidos and communities": 31980, "hectares": 100_000_000, "share of the national territory": 53,
                       "OSSE": 61000, "savings-bank members": 8548262, "savings-bank assets": 179670817656}
    facts = bm.facts(loaders.load_inaes_facts())
    assert facts["year the Social and Solidarity Economy Law was published"] == "2012"


def test_citation_formats():
    refs = _references()
    assert bm_words.citation(refs, "one") == "Solo (2020)"
    assert bm_words.citation(refs, "two") == "First Second & Third (2021)"
    assert bm_words.citation(refs, "three") == "Alpha Beta et al. (2022)"
    assert bm_words.citation(refs, "inst") == "INEGI (2024)"
    assert bm_words.citation(refs, None) == "Lara-Escamilla et al. (2024), no source cited"
    assert bm_words.citation(refs, float("nan")).startswith("Lara-Escamilla")
    with pytest.raises(DataError, match="no single reference"):
        bm_words.citation(refs, "missing")


# --- Unit tests: a year's returns ----------------------------------------------------------------

def test_annualize():
    assert bm.annualize(154203, 9) == 205604
    assert bm.annualize(100, 12) == 100
    with pytest.raises(ValueError, match="at least one month"):
        bm.annualize(10, 0)


def test_yearly_returns_on_made_up_frames_matches_exact_poisson():
    printed = _repatriations("2023-01-01", "2023-12-31", 120, 30)
    corrected = _repatriations("2023-01-01", "2023-06-30", 120, 30)
    out = bm.yearly_returns(printed, corrected, alpha=0.05).set_index("reading")
    assert out.loc["printed_2023", "per_year"] == 120 and out.loc["printed_2023", "months"] == 12
    assert out.loc["corrected_2023", "per_year"] == 240 and out.loc["corrected_2023", "months"] == 6
    assert out.loc["jan_sep_2024", "per_year"] == 120 and out.loc["jan_sep_2024", "months"] == 3
    # Garwood interval of 30 events in 3 months, times 12
    low, high = chi2.ppf(0.025, 60) / 2 * 4, chi2.ppf(0.975, 62) / 2 * 4
    assert out.loc["jan_sep_2024", "low"] == pytest.approx(low, rel=1e-6)
    assert out.loc["jan_sep_2024", "high"] == pytest.approx(high, rel=1e-6)
    narrower = bm.yearly_returns(printed, corrected, alpha=0.1).set_index("reading")
    assert narrower.loc["jan_sep_2024", "low"] > low and narrower.loc["jan_sep_2024", "high"] < high


def test_yearly_returns_on_real_data():
    out = bm.yearly_returns(loaders.load_repatriations_from_us(), loaders.load_repatriations_from_us(corrected=True),
                            loaders.load_migration_series_checkpoints()).set_index("reading")
    assert list(out.index) == ["printed_2023", "corrected_2023", "jan_sep_2024", "external_2023", "external_2024"]
    assert out.loc["printed_2023", "per_year"] == 172490
    assert out.loc["corrected_2023", "per_year"] == pytest.approx(229986.667, abs=0.001)
    assert out.loc["jan_sep_2024", "per_year"] == 205604
    assert out.loc["external_2023", "events"] == 188076 and out.loc["external_2023", "months"] == 10
    assert out.loc["external_2024", "events"] == 190491 and out.loc["external_2024", "months"] == 11
    assert (out["low"] < out["per_year"]).all() and (out["per_year"] < out["high"]).all()
    assert out.loc["external_2024", "status"].startswith("external, secondary")


def test_returns_for_rejects_unknown_reading():
    readings = bm.yearly_returns(_repatriations("2023-01-01", "2023-12-31", 12, 3),
                                 _repatriations("2023-01-01", "2023-12-31", 12, 3))
    assert bm.returns_for(readings, "printed_2023")["events"] == 12
    with pytest.raises(ParameterError, match="returns_reading must be one of jan_sep_2024, corrected_2023, printed_2023"):
        bm.returns_for(readings, "2025")


# --- Unit tests: the sector's scale ------------------------------------------------------------

FIGURES = {"savings-bank members": 100, "savings-bank assets": 1000, "OSSE": 10, "ejidos and communities": 4,
           "hectares": 400}


def test_scale_ratios_on_made_up_numbers():
    out = bm.scale_ratios(FIGURES, 1000, 60, 2, 5, {"A": 3, "B": 5}, "all")
    assert out["assets_per_member"] == 10
    assert out["members_share_population"] == 0.1
    assert out["hectares_per_ejido"] == 100
    assert out["ejidos_share_of_osse"] == 0.4
    assert out["returns_per_osse"] == 6
    assert out["returns_per_nodess_latest"] == 30 and out["returns_per_nodess_previous"] == 12
    assert out["osse_per_nodess"] == 5
    assert out["returns_share_members"] == 0.6
    assert out["osse_needed_3"] == 20 and out["share_needed_3"] == 2
    assert out["osse_needed_5"] == 12 and out["share_needed_5"] == 1.2
    without = bm.scale_ratios(FIGURES, 1000, 60, 2, 5, {"A": 3, "B": 5}, "without_ejidos")
    assert without["osse_base_count"] == 6 and without["returns_per_osse"] == 10
    assert without["share_needed_3"] == pytest.approx(20 / 6)


def test_scale_ratios_on_real_data():
    figures = bm.headline(loaders.load_inaes_headline_figures())
    population = int(loaders.load_census2020_state_population()["population"].sum())
    latest, previous = bm.nodess_latest_two(loaders.load_nodess_counts())
    assert (latest["count"], previous["count"]) == (548, 116)
    out = bm.scale_ratios(figures, population, 205604, latest["count"], previous["count"],
                          bm.group_minimums(loaders.load_osse_group_minimums()))
    assert population == 126014024
    assert out["assets_per_member"] == pytest.approx(21018.403, abs=0.001)
    assert out["members_share_population"] == pytest.approx(0.067836, abs=1e-6)
    assert out["returns_per_osse"] == pytest.approx(3.3706, abs=1e-4)
    assert out["share_needed_3"] == pytest.approx(1.12352, abs=1e-5)
    assert out["share_needed_5"] == pytest.approx(0.67411, abs=1e-5)


def test_capacity():
    cap = bm.capacity(10, {"Legally Established": 5, "Social Groups": 3})
    assert list(cap["minimum"]) == [3, 5] and list(cap["new_members"]) == [30, 50]


# --- Unit tests: the wording ---------------------------------------------------------------------

def test_phrases_and_the_membership_floor():
    assert bm_words.absorption_phrase(1.2) == "more OSSE than exist"
    assert bm_words.absorption_phrase(0.7) == "a majority of them"
    assert bm_words.absorption_phrase(0.2) == "a minority of them"
    readings = pd.DataFrame({"reading": ["printed_2023", "corrected_2023", "jan_sep_2024"], "per_year": [10, 20, 15]})
    assert bm_words.readings_within(readings, 5) == "none of the readings"
    assert bm_words.readings_within(readings, 12) == "only the 2023 total as printed, read as a full year"
    assert bm_words.readings_within(readings, 16) == ("the 2023 total as printed, read as a full year and "
                                                      "the January-September 2024 total, annualized")
    assert bm_words.readings_within(readings, 20) == "every reading"
    assert bm_words.membership_floor(3, "Social Groups", 10, "OSSE", 30) == (
        "If each of the 10 OSSE had only the 3 members a social group needs, they would have 30 members between them.")
    assert bm_words.membership_floor(5, "Legally Established", 61000, "OSSE", 305000).startswith(
        "If each of the 61,000 OSSE had only the 5 members a legally established organisation needs")
    assert bm_words.form_name("Cooperatives") == "Cooperatives"  # a kind the wording does not know stays as printed
    assert bm_words.floor_legend(3, 61000, 183000) == "61,000 OSSE \u00d7 3 members:\n183,000, a floor, not places"


def test_no_wording_reads_a_minimum_as_room_for_newcomers():
    """The minimums are the fewest members a form requires, never how many people an organisation can take in."""
    ratios = bm.scale_ratios(FIGURES, 1000, 60, 2, 5, {"A": 3, "B": 5}, "all")
    table = bm_words.ratio_table(ratios, {"A": 3, "B": 5}, "OSSE", "a reading", "May 2024", "2022-2023")
    text = " ".join(table.astype(str).to_numpy().ravel()).lower()
    for phrase in ("could absorb", "could not absorb", "new members", "capacity"):
        assert phrase not in text, phrase
    assert "not how many people an organisation can take in" in text


def test_cooperative_family_note_names_the_cooperatives_placed_elsewhere():
    osse = bm.osse_families(loaders.load_osse_types(), loaders.load_osse_type_families())
    elsewhere = bm.named_cooperatives_elsewhere(osse)
    assert list(elsewhere["osse_type"]) == ["Savings and loan cooperative societies"]
    assert bm_words.cooperative_family_note(4, 5, elsewhere) == (
        "The book's \u201cCooperatives\u201d family holds 4 forms, not the 5 cooperatives by name: it places "
        "\u201cSavings and loan cooperative societies\u201d in the family \u201cSavings, credit and insurance\u201d, "
        "grouping by what an organisation does rather than by its legal shape.")
    assert bm_words.cooperative_family_note(5, 5, elsewhere.iloc[0:0]) == (
        "The book's \u201cCooperatives\u201d family holds 5 forms, among them all 5 cooperatives by name.")


def test_order_of_magnitude_in_words():
    assert bm_words.order_of_magnitude(205604) == "hundreds of thousands"
    assert bm_words.order_of_magnitude(61000) == "tens of thousands"
    assert bm_words.order_of_magnitude(8548262) == "millions"
    assert bm_words.order_of_magnitude(1) == "units" and bm_words.order_of_magnitude(9.9) == "units"
    with pytest.raises(ValueError, match="at least 1"):
        bm_words.order_of_magnitude(0.5)


def test_cooperatives_by_name_counts_the_printed_names():
    types = _types("Consumer cooperatives", "Ejidos", "Cooperative Organizations", "Credit Unions")
    assert bm.cooperatives_by_name(types) == ["Consumer cooperatives", "Cooperative Organizations"]
    real = bm.cooperatives_by_name(loaders.load_osse_types())
    assert len(real) == 5 and "Savings and loan cooperative societies" in real


def test_readings_are_labelled_after_the_reading_column():
    readings = bm.yearly_returns(loaders.load_repatriations_from_us(), loaders.load_repatriations_from_us(corrected=True),
                                 loaders.load_migration_series_checkpoints())
    assert "label" not in readings
    labelled = bm_words.with_labels(readings)
    assert list(labelled.columns) == ["reading", "label"] + list(readings.columns[1:])
    labels = dict(zip(labelled["reading"], labelled["label"]))
    assert labels["corrected_2023"] == "2023 as corrected (C03: January-September), annualized (x 12/9)"
    assert labels["external_2023"] == "January-October 2023, annualized (x 12/10); external check"
    assert labels["external_2024"] == "January-November 2024, annualized (x 12/11); external check"
    assert set(bm_words.RETURNS_LABELS) == set(bm.RETURNS_READINGS)
    assert set(bm_words.OSSE_BASE_LABELS) == set(bm.OSSE_BASES)


def test_nodess_when_names_a_month_or_a_span_of_years():
    assert bm_words.nodess_when(pd.Series({"as_of": "2024-09"})) == "September 2024"
    assert bm_words.nodess_when(pd.Series({"as_of": "2023"})) == "2022-2023"


def test_ratio_table_formats_every_ratio_with_its_assumptions():
    ratios = bm.scale_ratios(FIGURES, 1000, 60, 2, 5, {"A": 3, "B": 5}, "all")
    table = bm_words.ratio_table(ratios, {"A": 3, "B": 5}, "OSSE", "a reading", "May 2024", "2022-2023")
    assert list(table.columns) == ["ratio", "value", "computed_as", "assumptions"]
    assert len(table) == 9 + 2 and table["assumptions"].str.len().gt(0).all()
    values = dict(zip(table["ratio"], table["value"]))
    assert values["Assets per savings-bank member"] == "MXN 10"
    assert values["Repatriation events per OSSE in a year"] == "6.00"
    assert values["Repatriation events per NODESS in a year (NODESS of May 2024)"] == "30"
    assert values["Most new organisations of 3 members (the minimum for A) a year's repatriated people could found"] \
        == "20 (200.0% of the OSSE that exist)"
    assert table["computed_as"].str.contains("a year's repatriation events (a reading)", regex=False).sum() == 6


def test_check_parameters_gives_clear_errors():
    assert bm.check_parameters("printed_2023", "without_ejidos") == ("printed_2023", "without_ejidos")
    with pytest.raises(ParameterError, match="returns_reading must be one of jan_sep_2024, corrected_2023, "
                                             "printed_2023; got '2023'"):
        bm.check_parameters("2023", "all")
    with pytest.raises(ParameterError, match="osse_base must be one of all, without_ejidos; got 'none'"):
        bm.check_parameters("jan_sep_2024", "none")


# --- The executed chapter ------------------------------------------------------------------------

def test_chapter_reproduces_the_papers_and_inaes_figures(glued):
    g = glued("business_models")
    assert g["n_ejidos"] == "31,980"
    assert g["hectares"] == "100 million"
    assert g["territory_pct"] == "53%"
    assert g["n_osse"] == "61,000"
    assert g["savings_members"] == "8,548,262"
    assert g["savings_assets"] == "179,670,817,656"
    assert g["n_osse_types"] == "24"
    assert (g["min_social"], g["min_legal"]) == ("3", "5")
    assert (g["law_year"], g["constitution_article"]) == ("2012", "25")
    assert (g["n_families"], g["largest_family"], g["largest_family_n"]) == ("5", "savings, credit and insurance", "7")
    assert (g["n_strategies"], g["n_strategies_cited"]) == ("5", "4")
    assert (g["n_cooperatives_by_name"], g["n_cooperative_forms"]) == ("5", "4")
    assert g["cooperatives_by_name"].startswith("\u201cConsumer cooperatives\u201d, \u201cCooperative Organizations\u201d")
    assert g["ret_2023_events"] == "172,490" and g["ret_2024_events"] == "154,203"


def test_chapter_computed_ratios(glued):
    g = glued("business_models")
    assert g["ci_level"] == "95%"
    assert g["returns_year"] == "205,604"
    assert (g["returns_low"], g["returns_high"]) == ("204,579", "206,633")
    assert g["ret_corrected_2023_year"] == "229,987"
    assert (g["ret_ext_2023_year"], g["ret_ext_2024_year"]) == ("225,691", "207,808")
    assert g["population_2020"] == "126,014,024"
    assert g["assets_per_member"] == "21,018"
    assert g["members_share"] == "6.8%"
    assert g["hectares_per_ejido"] == "3,127"
    assert g["ejidos_share_osse"] == "52.4%"
    assert g["returns_per_osse"] == "3.37"
    assert (g["returns_per_nodess_latest"], g["returns_per_nodess_previous"]) == ("375", "1,772")
    assert g["osse_per_nodess"] == "111"
    assert g["returns_share_members"] == "2.4%"
    assert (g["osse_needed_social"], g["share_needed_social"]) == ("68,535", "112.4%")
    assert (g["osse_needed_legal"], g["share_needed_legal"]) == ("41,121", "67.4%")
    assert g["absorb_phrase_social"] == "more OSSE than exist"
    assert (g["capacity_social"], g["capacity_legal"]) == ("183,000", "305,000")
    assert g["within_social"] == "only the 2023 total as printed, read as a full year"
    assert g["verdict_social"] == ("If each of the 61,000 OSSE had only the 3 members a social group needs, they would "
                                   "have 183,000 members between them.")
    assert not any("absorb" in value for value in g.values())
    assert (g["returns_magnitude"], g["osse_magnitude"], g["members_magnitude"]) == (
        "hundreds of thousands", "tens of thousands", "millions")


def test_chapter_shows_its_tables_and_figures(executed):
    text = str(executed("business_models").cells)
    for name in ("tbl-business_models-inaes", "tbl-business_models-minimums", "tbl-business_models-families",
                 "tbl-business_models-strategies", "tbl-business_models-returns", "tbl-business_models-ratios"):
        assert name in text
    figures = [c for c in executed("business_models").cells
               if c.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name", "").startswith("fig-business_models")]
    assert len(figures) == 2
    assert all(any("image/png" in o.get("data", {}) for o in c.outputs) for c in figures)


def test_alpha_changes_the_interval_not_the_estimate(glued):
    default, other = glued("business_models"), glued("business_models", alpha=0.1)
    assert other["ci_level"] == "90%"
    assert other["returns_year"] == default["returns_year"] == "205,604"
    assert other["returns_low"] == "204,744" and other["returns_high"] == "206,467"


def test_printed_reading_reverses_the_conclusion(glued):
    g = glued("business_models", returns_reading="printed_2023")
    assert g["returns_year"] == "172,490"
    assert g["returns_per_osse"] == "2.83"
    assert (g["osse_needed_social"], g["share_needed_social"]) == ("57,497", "94.3%")
    assert g["absorb_phrase_social"] == "a majority of them"
    assert g["returns_name"] == "the 2023 total as printed, read as a full year"
    assert g["assets_per_member"] == "21,018"  # not affected by the reading


def test_osse_base_without_ejidos(glued):
    g = glued("business_models", osse_base="without_ejidos")
    assert g["osse_base_count"] == "29,020"
    assert g["osse_base_label"] == "OSSE other than ejidos and communities"
    assert g["returns_per_osse"] == "7.08"
    assert g["share_needed_legal"] == "141.7%"
    assert g["absorb_phrase_legal"] == "more OSSE than exist"
    assert g["within_social"] == g["within_legal"] == "none of the readings"


def test_bad_parameters_are_refused_with_a_clear_message(tmp_path):
    with pytest.raises(ParameterError, match="returns_reading' of chapter 'business_models' must be one of "
                                             "jan_sep_2024, corrected_2023, printed_2023"):
        runner.run(["business_models"], {"returns_reading": "2025"}, output_dir=tmp_path)
    with pytest.raises(ParameterError, match="alpha must be between 0 and 0.5"):
        runner.run(["business_models"], {"alpha": 0.7}, output_dir=tmp_path)


def test_a_family_table_missing_a_form_fails_the_chapter_clearly(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(descriptor.resource_path("corrections").parent, copy)
    path = copy / "reference" / "osse_type_families.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("Mutual Companies,")), encoding="utf-8")
    # The row count the descriptor declares would stop the run before the chapter; declare the
    # shorter table so that the chapter's own check, which names the form, is what refuses it.
    package = copy / "datapackage.json"
    descriptor_json = json.loads(package.read_text(encoding="utf-8"))
    for resource in descriptor_json["resources"]:
        if resource["name"] == "osse_type_families":
            resource["expected_rows"] -= 1
    package.write_text(json.dumps(descriptor_json, indent=1), encoding="utf-8")
    [result] = runner.run(["business_models"], {"data_dir": str(copy)}, output_dir=tmp_path / "out")
    assert result.status == "failed"
    assert "DataError" in result.message
    assert "the OSSE form 'Mutual Companies' has no family" in result.message


# --- The chapter as a reader sees it ------------------------------------------------------------

def _chapter_text() -> str:
    from compendium.data import paths

    return (paths.chapters_dir() / "business_models.md").read_text(encoding="utf-8")


def test_the_chapter_opens_with_key_points_and_ends_with_questions():
    text = _chapter_text()
    assert text.index("audit_pages.status_box") < text.index(":::{admonition} Key points") < text.index("## The legal frame")
    assert text.index("## Questions and exercises") < text.index("## Cite this chapter")
    assert 'make run CHAPTERS="business_models" PARAMS="-p returns_reading printed_2023"' in text
    dropdowns = [line for line in text.splitlines() if line.startswith(":::{dropdown}")]
    assert dropdowns and all(line.startswith(":::{dropdown} For the statistically minded: ") for line in dropdowns)


def test_the_chapter_never_concludes_on_absorption():
    """The issue's unsupported statement: the minimums read as intake, and the sector 'could not' absorb."""
    import re

    prose = re.sub(r"```.*?```", "", _chapter_text(), flags=re.S)
    assert "could not absorb" not in prose.replace("could or could not absorb", "")
    assert "the fewest members a group\nmust have" in prose
    assert "this book groups them" in prose and "The grouping\nis the book's own, not the paper's" in prose
    for key in ("fresneda2022", "martinez2021", "sandoval2021", "parrini2021"):
        assert f"{{cite:p}}`{key}`" in prose
