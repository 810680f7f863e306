"""The data package: every dataset loads, is described, and holds the sources' printed totals."""
from __future__ import annotations

import re

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


GROWING = ["migration_series_checkpoints", "corrections", "claims", "audit_findings", "glossary_terms",
           "outside_evidence"]
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


# --- Provenance: every line reference holds what the dataset says it transcribed ------------------

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
          "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
          "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"thousand": 1_000, "million": 1_000_000}


def _word_numbers(text: str) -> set[float]:
    """Counts written in words: 'one million two hundred thousand' -> 1200000, 'a minimum of five' -> 5."""
    found, total, current = set(), None, None
    for token in re.findall(r"[a-z]+", text.lower().replace("-", " ")) + ["."]:
        if token in _WORDS:
            current = (current or 0) + _WORDS[token]
        elif token == "hundred" and current is not None:
            current *= 100
        elif token in _SCALES and (current is not None or total is not None):
            total, current = (total or 0) + (current or 1) * _SCALES[token], None
        elif token == "and" and (current is not None or total is not None):
            continue
        else:
            if current is not None or total is not None:
                found.add(float((total or 0) + (current or 0)))
            total = current = None
    return found


def numbers_in(text: str) -> set[float]:
    """Every number a text prints: '172,490' and '566, 547' as counts, '100 million', and counts in words."""
    text = re.sub(r"\b\d{1,3}(?:, ?\d{3})+\b", lambda m: re.sub(r", ?", "", m.group()), text)
    found = {float(n) for n in re.findall(r"\d+(?:\.\d+)?", text)}
    found |= {float(n) * 1_000_000 for n in re.findall(r"(\d+(?:\.\d+)?) million", text)}
    return found | _word_numbers(text)


def test_numbers_in_reads_the_ways_the_sources_print_numbers():
    assert {2023.0, 172490.0} <= numbers_in("By 2023, 172,490 events")
    assert 566547.0 in numbers_in("Population size 566, 547.")
    assert {1200000.0, 459000.0, 761000.0} <= numbers_in(
        "one million two hundred thousand people ... four hundred and fifty-nine thousand more ... "
        "seven hundred and sixty-one thousand people")
    assert 100_000_000.0 in numbers_in("More than 100 million hectares")


def _transcriptions():
    for name in RESOURCES:
        entry = descriptor.resource(name)
        p = entry["provenance"]
        if p.get("document") in ("paper", "inaes_profile") and p.get("text_lines"):
            yield name, entry, p


def test_every_transcribed_number_is_on_the_lines_its_provenance_names():
    """A resource's text_lines must print each of its numbers (ordinals such as printed_rank aside)."""
    from compendium.audit import source_text

    for name, entry, p in _transcriptions():
        printed = numbers_in(source_text.text_at(p["document"], p["text_lines"]))
        frame = loaders.load(name)
        for field in entry["schema"]["fields"]:
            if field["type"] not in ("integer", "number") or field["name"].startswith("printed_") or field["name"] == "number":
                continue
            absent = [v for v in frame[field["name"]].dropna() if float(v) not in printed]
            assert absent == [], f"{name}.{field['name']}: {absent} not on lines {p['text_lines']}"
    # the sex shares of Table 1 are printed on line 270, not 265
    assert descriptor.resource("sex_shares")["provenance"]["text_lines"] == "173; 270"


TRANSCRIBED_LABELS = {
    "us_states_2022": ["state"], "origin_states_2022": ["state"], "abroad_by_continent_2021": ["continent"],
    "top_countries": ["country"], "occupations_abroad": ["occupation"], "nodess_regions_2022_2023": ["region"],
    "nodess_region_states": ["state"], "nodess_priority_themes": ["theme"], "nodess_ecosystems": ["ecosystem"],
    "nodess_ecosystem_lines": ["line_of_work"], "osse_types": ["osse_type"], "osse_group_minimums": ["form"],
    "abbreviations": ["abbreviation", "meaning"], "inaes_headline_figures": ["as_printed"], "inaes_facts": ["as_printed"],
    "repatriation_border_states": ["state"], "repatriation_origin_brackets": ["state", "bracket_as_printed"],
}
"""Columns that transcribe the sources' words as printed (the others hold the compendium's labels)."""


def test_every_transcribed_label_is_printed_as_is_on_its_lines():
    """Letters and case exactly: the paper writes 'other activities' in lower case."""
    from compendium.audit import source_text

    for name, columns in TRANSCRIBED_LABELS.items():
        p = descriptor.resource(name)["provenance"]
        text = source_text.squeeze(source_text.text_at(p["document"], p["text_lines"]))
        frame = loaders.load(name)
        for column in columns:
            absent = [v for v in frame[column].dropna().unique() if source_text.squeeze(v) not in text]
            assert absent == [], f"{name}.{column}: {absent} not printed on lines {p['text_lines']}"
    assert "other activities" in set(loaders.load_occupations_abroad()["occupation"])


def _plain(text: str) -> str:
    """The text copy without its Markdown link marks: '[Title \\(X\\)](#)' -> 'Title (X)'."""
    return text.replace("](#)", "").replace("[", "").replace("\\", "")


def test_original_sources_say_what_the_paper_says():
    """original_source quotes the paper (checked on original_source_lines); what the book infers goes in original_source_note."""
    from compendium.audit import source_text

    quoted = 0
    for name, entry, p in _transcriptions():
        if not p.get("original_source"):
            continue
        assert p.get("original_source_lines"), f"{name}: original_source without the lines that print it"
        text = source_text.squeeze(_plain(source_text.text_at(p["document"], p["original_source_lines"])))
        missing = [f for f in source_text.fragments(p["original_source"]) if source_text.squeeze(f) not in text]
        assert missing == [], f"{name}: original_source {missing} is not printed on lines {p['original_source_lines']}"
        quoted += 1
        # the paper names a 'Mexican Migration Institute', never the Institute of Mexicans Abroad
        assert "Mexicanos en el Exterior" not in p["original_source"] and "Mexicans Abroad" not in p["original_source"]
    assert quoted >= 9
    assert "Institute of Mexicans Abroad" in descriptor.resource("top_countries")["provenance"]["original_source_note"]


def test_external_figures_carry_their_dates_and_an_article_address():
    checkpoints = loaders.load_migration_series_checkpoints()
    assert checkpoints["date_retrieved"].notna().all()
    assert not checkpoints["source_url"].str.fullmatch(r"https?://[^/]+/\d{4}/\d{2}/\d{2}/?").any(), \
        "a row cites a date-archive page, not an article"
    row = checkpoints[checkpoints["value"] == 782_176].iloc[0]
    assert "migracion-irregular" in row["source_url"] and row["date_published"] == pd.Timestamp("2024-02-17")
    for name in ("repatriations_by_reception_point", "migration_series_checkpoints"):
        assert descriptor.resource(name)["provenance"].get("retrieved"), f"{name} has no retrieval date"
