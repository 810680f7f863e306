"""The data package: every dataset loads, is described, and holds the sources' printed totals."""
from __future__ import annotations

import pandas as pd
import pytest

from compendium.data import loaders
from compendium.data import descriptor

RESOURCES = descriptor.resource_names()


@pytest.mark.parametrize("name", RESOURCES)
def test_every_dataset_loads_with_its_expected_row_count(name):
    entry = descriptor.resource(name)
    frame = loaders.load(name)
    if "expected_rows" in entry:  # the growing lists (GROWING below) have none
        assert len(frame) == entry["expected_rows"], f"{name}: {len(frame)} rows, descriptor says {entry['expected_rows']}"
    assert list(frame.columns) == [f["name"] for f in entry["schema"]["fields"]]


def test_every_dataset_has_its_own_named_loader():
    assert sorted(loaders.LOADERS) == sorted(RESOURCES)
    for name, loader in loaders.LOADERS.items():
        pd.testing.assert_frame_equal(loader(), loaders.load(name))
        assert loader.__doc__, f"load_{name} has no docstring"


@pytest.mark.parametrize("name", RESOURCES)
def test_every_dataset_is_described_with_provenance_and_units(name):
    entry = descriptor.resource(name)
    for key in ("title", "description", "sources", "licenses", "provenance"):
        assert entry.get(key), f"{name} lacks {key}"
    for key in ("document", "section", "location", "page"):
        assert entry["provenance"].get(key), f"{name} provenance lacks {key}"
    for field in entry["schema"]["fields"]:
        assert field.get("description") and field.get("title"), f"{name}.{field['name']} is not described"
        if field["type"] in ("integer", "number") and not field["name"].startswith(("printed_", "number", "year")):
            assert field.get("unit"), f"{name}.{field['name']} has no unit"


def test_foreign_keys_hold_across_the_package():
    frames = loaders.validate_package()
    assert len(frames) == len(RESOURCES)


def stated(statement_id):
    totals = loaders.load_stated_totals().set_index("statement_id")["value"]
    return int(totals[statement_id])


def test_table_1_as_printed_adds_to_the_text_total_and_corrected_to_the_heading_and_table_2():
    printed = loaders.load_us_states_2022()
    corrected = loaders.load_us_states_2022(corrected=True)
    assert printed["mexican_population"].sum() == stated("us_population_counted") == 566_447
    assert corrected["mexican_population"].sum() == stated("us_population_size") == 566_547
    assert loaders.load_origin_states_2022()["mexican_population"].sum() == 566_547
    assert (corrected["men"] + corrected["women"] == corrected["mexican_population"]).all()
    mismatched = printed.loc[printed["men"] + printed["women"] != printed["mexican_population"], "state"]
    assert list(mismatched) == ["Rhode Island", "West Virginia"]
    assert corrected.attrs["corrections"] == ["C01", "C02"]


def test_table_1_cites_the_paper_values():
    table = loaders.load_us_states_2022().set_index("state")["mexican_population"]
    assert table["California"] == 159_166 and table["Texas"] == 120_417 and table["Illinois"] == 48_396
    assert list(table.sort_values(ascending=False).index[:5]) == ["California", "Texas", "Illinois", "Florida", "New York"]
    origin = loaders.load_origin_states_2022().set_index("state")["mexican_population"]
    assert origin["Michoacán"] == 54_279 and origin.idxmax() == "Michoacán"


def test_world_totals_and_continents():
    totals = loaders.load_abroad_totals_2021().set_index("measure")["mexican_population"]
    countries = loaders.load_top_countries()
    us_2021 = countries.query("period == '2021' and country == 'United States'")["mexican_population"].item()
    assert totals["world"] - totals["world excluding the United States"] == us_2021 == 11_750_000
    continents = loaders.load_abroad_by_continent_2021()
    assert continents["mexican_population"].sum() == 385_193  # 9,950 short of the printed 395,143
    assert loaders.load_occupations_abroad()["share_percent"].sum() == 95


def test_nodess_parts_add_to_their_printed_totals():
    actors = loaders.load_nodess_actors().groupby("period")["actors"].sum()
    assert actors["2019-2020"] == stated("nodess_actors_2019_2020") == 307
    assert actors["2020-2021"] == stated("nodess_actors_2020_2021") == 278
    counts = loaders.load_nodess_counts().set_index(["as_of", "status"])["count"]
    assert loaders.load_nodess_regions_2022_2023()["nodess"].sum() == counts[("2023", "NODESS")] == 116
    assert counts[("2022", "NODESS")] == 91 and counts[("2024-09", "NODESS")] == 548
    assert counts[("2024-09", "Pre NODESS in process")] == 254
    states = loaders.load_nodess_region_states()
    assert states["state"].nunique() == 32
    assert len(loaders.load_nodess_priority_themes()) == 15 and len(loaders.load_nodess_ecosystems()) == 8


def test_lists_of_the_business_models_section():
    assert len(loaders.load_osse_types()) == 24
    assert loaders.load_osse_group_minimums().set_index("form")["minimum_people"].to_dict() == {
        "Social Groups": 3, "Legally Established": 5}
    figures = loaders.load_inaes_headline_figures().set_index("indicator")["value"]
    assert figures["ejidos and communities"] == 31_980 and figures["OSSE"] == 61_000
    assert figures["savings-bank members"] == 8_548_262 and figures["savings-bank assets"] == 179_670_817_656


def test_migration_figures_of_the_panorama():
    events = loaders.load_migration_events_mexico().set_index(["series", "period_end"])["events"]
    assert events[("irregular migration events", pd.Timestamp("2024-08-31"))] == 925_085
    assert events[("irregular migration events", pd.Timestamp("2023-08-31"))] == 398_991
    assert events[("returns by the Mexican immigration authority", pd.Timestamp("2023-12-31"))] == 40_667
    assert events[("returns by the Mexican immigration authority", pd.Timestamp("2024-08-31"))] == 16_474
    corrected = loaders.load_migration_events_mexico(corrected=True)
    assert corrected.attrs["corrections"] == ["C04"]
    assert (corrected["period_end"] <= pd.Timestamp("2024-08-31")).all()
    enadid = loaders.load_enadid_emigration().set_index("period")["emigrants"]
    assert enadid["2018-2023"] - enadid["2013-2018"] == 439_000 != stated("enadid_difference")


def test_external_checks_of_the_returns_section():
    points = loaders.load_repatriations_by_reception_point()
    assert points.loc[points["kind"] == "land border", "events_jan_sep_2023"].sum() == 172_490
    assert points["events_jan_sep_2024"].sum() == 154_203
    repatriations = loaders.load_repatriations_from_us(corrected=True)
    assert repatriations["events"].tolist() == [172_490, 154_203]
    assert repatriations["period_end"].dt.month.tolist() == [9, 9]
    census = loaders.load_census2020_state_population()
    assert census["population"].sum() == 126_014_024
    assert (census["women"] + census["men"] == census["population"]).all()


def test_every_mexican_state_name_of_every_source_maps_to_one_code():
    states = loaders.load_mexican_states()
    assert set(loaders.load_origin_states_2022()["state"]) == set(states["name_table2"])
    assert set(loaders.load_nodess_region_states()["state"]) == set(states["name_nodess"])
    assert set(loaders.load_repatriation_origin_brackets()["state"]) <= set(states["name_returns"].dropna())
    assert set(loaders.load_census2020_state_population()["state"]) == set(states["name_census"])


def test_reference_list_and_abbreviations():
    references = loaders.load_references()
    assert len(references) == 19
    assert references.groupby("group").size().to_dict() == {"Antecedents": 4, "Basics": 6, "Supports": 9}
    assert set(loaders.load_policy_timeline()["reference_key"].dropna()) <= set(references["key"])
    assert "NODESS" in set(loaders.load_abbreviations()["abbreviation"])


def test_loaders_record_the_files_they_read():
    loaders.load_osse_types()
    assert str(descriptor.resource_path("osse_types").resolve()) in descriptor.files_read()


@pytest.mark.parametrize("name", [n for n in RESOURCES if descriptor.resource(n).get("required_keys")])
def test_required_keys_name_columns_of_the_dataset_and_say_who_looks_them_up(name):
    entry = descriptor.resource(name)
    columns = [f["name"] for f in entry["schema"]["fields"]]
    for spec in entry["required_keys"]:
        fields = [spec["field"]] if "field" in spec else spec["fields"]
        assert set(fields) <= set(columns), f"{name}: required_keys names a column it does not have: {fields}"
        assert spec["values"] and spec.get("used_by", "").startswith("the "), f"{name}: {spec}"
        if "fields" in spec:
            assert all(len(value) == len(fields) for value in spec["values"]), f"{name}: a key of the wrong width"


GROWING = ["migration_series_checkpoints", "corrections", "claims", "audit_findings", "glossary_terms"]
"""Lists the compendium keeps adding to (outside evidence, corrections, the audit, the glossary): no fixed row count."""


def test_every_dataset_but_the_growing_lists_declares_its_row_count():
    assert [n for n in RESOURCES if "expected_rows" not in descriptor.resource(n)] == GROWING


def test_the_datasets_the_issue_named_declare_the_keys_their_chapters_look_up():
    keys = {name: [v for spec in descriptor.resource(name).get("required_keys", []) for v in spec["values"]]
            for name in ("origin_states_2022", "top_countries", "stated_totals", "migration_series_checkpoints")}
    assert "Zacatecas" in keys["origin_states_2022"]
    assert ["2021", "United States"] in keys["top_countries"] and ["2023-05", "United States"] in keys["top_countries"]
    assert {"us_population_size", "enadid_difference", "origin_bracket_threshold"} <= set(keys["stated_totals"])
    assert len(keys["migration_series_checkpoints"]) == 6
