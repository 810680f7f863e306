"""The claims registry: every claim holds its registered status, and breaking the data breaks the check."""
from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from compendium.audit import claims
from compendium.data import loaders
from compendium.data import descriptor
from compendium.data.errors import DataError


@pytest.fixture(scope="module")
def evaluated():
    return claims.evaluate()


@pytest.fixture
def data_copy(tmp_path):
    """A copy of data/ that a test may edit; pass it as data_dir."""
    copy = tmp_path / "data"
    shutil.copytree(descriptor.resource_path("corrections").parent, copy)
    return copy


def edit_csv(path, match: dict, column: str, value: str) -> None:
    """Set ``column`` to ``value`` in the one row of the CSV at ``path`` whose columns equal ``match``."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    hits = [r for r in rows if all(r[k] == v for k, v in match.items())]
    assert len(hits) == 1, f"{match} matches {len(hits)} rows of {path.name}"
    hits[0][column] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def test_every_registered_claim_holds_its_status(evaluated):
    assert claims.problems(evaluated) == []
    claims.check_registry()  # raises with the claims' names if not


def test_the_registry_covers_both_sources_and_every_chapter(evaluated):
    assert len(evaluated) >= 60
    assert set(evaluated["document"]) == {"paper", "inaes_profile"}
    assert set(evaluated["chapter"]) == {"immigration", "diaspora", "returns", "business_models", "nodess"}
    assert evaluated["recompute"].fillna("").ne("").sum() >= 20


@pytest.mark.parametrize("claim_id, recomputed", [
    ("P012", 12_145_143),  # world total = United States + outside
    ("P013", 385_193),     # the five continents, 9,950 short of the printed 395,143
    ("P007", 439_000),     # ENADID: 1,200,000 - 761,000, not the printed 459,000
    ("P053", 566_547),     # Table 1 with C01 and C02 = the heading
    ("P068", 566_547),     # the text's 566,447 is the printed column sum
    ("P054", 110),         # Rhode Island: total minus women
    ("P055", 124),         # West Virginia: men plus women
    ("P042", 6),           # the May 2023 country list is in order in 6 of 10 places
    ("P071", -1),          # like for like, 2024 falls
    ("P070", 154_203),     # the reception points of Jan-Sep 2024
])
def test_recomputations_give_the_sources_own_arithmetic(evaluated, claim_id, recomputed):
    row = evaluated.set_index("claim_id").loc[claim_id]
    assert row["recomputed"] == pytest.approx(recomputed)


def test_statuses_are_the_expected_mix(evaluated):
    counts = claims.status_counts(evaluated)
    assert counts["reproduced"] >= 20 and counts["corrected"] >= 5 and counts["not_as_printed"] >= 5
    corrected = evaluated[evaluated["status"].isin(claims.DOES_NOT_HOLD)]
    assert corrected["audit_ids"].fillna("").ne("").all()
    shares = evaluated[evaluated["recompute"].fillna("").str.startswith("continent_share_percent")]
    assert dict(zip(shares["recompute"].str.split(":").str[1], shares["computed_status"])) == {
        "Oceania": "reproduced", "Africa": "not_as_printed", "Asia": "not_as_printed", "Europe": "not_as_printed",
        "America": "reproduced"}


def test_corrected_means_a_value_is_adopted(evaluated):
    """'corrected' is kept for claims a correction of corrections.csv adopts a value for; the rest that do not hold are not_as_printed."""
    corrected = evaluated[evaluated["computed_status"] == "corrected"].set_index("claim_id")
    assert corrected["correction_ids"].fillna("").ne("").all()
    assert corrected["correction_ids"].to_dict() == {"P010": "C04", "P054": "C01", "P055": "C02", "P068": "C05",
                                                     "P069": "C03", "P074": "C03"}
    explained = evaluated[evaluated["computed_status"] == "not_as_printed"]
    assert explained["correction_ids"].fillna("").eq("").all()
    assert set(explained["claim_id"]) == {"P013", "P020", "P021", "P022", "P042", "P071"}


def test_a_claim_registered_corrected_without_a_correction_is_reported(data_copy):
    edit_csv(data_copy / "claims.csv", {"claim_id": "P013"}, "status", "corrected")
    edit_csv(data_copy / "claims.csv", {"claim_id": "P054"}, "correction_ids", "C03")  # C03 is A08's, not A01's
    messages = claims.problems(claims.evaluate(data_copy))
    assert any(m.startswith("claim P013") and "names no correction adopted" in m for m in messages)
    assert any(m.startswith("claim P054") and "none of its findings (A01) adopts: C03" in m for m in messages)


def test_a_difference_carries_the_rounding_of_its_terms(evaluated, data_copy):
    """P007 (459,000 more emigrants) is the difference of P005 (1.2 million, in words: +-50,000) and P006 (+-500)."""
    rows = evaluated.set_index("claim_id")
    assert rows.loc["P007", "tolerance_terms"] == "P005; P006"
    assert rows.loc["P007", "tolerance"] >= rows.loc["P005", "tolerance"] + rows.loc["P006", "tolerance"] == 50_500
    assert rows.loc["P007", "computed_status"] == "reproduced" and rows.loc["P007", "recomputed"] == 439_000
    edit_csv(data_copy / "claims.csv", {"claim_id": "P007"}, "tolerance", "500")
    with pytest.raises(DataError, match=r"claim P007 .*does not cover the rounding of its terms \(P005 \u00b150000, "
                                        r"P006 \u00b1500: \u00b150500 together\)"):
        claims.check_registry(data_copy)


def test_each_identity_is_counted_once(evaluated):
    """World = United States + the rest: one sum, so one claim (P012) is reproduced by it, not P032 as well."""
    assert "us_2021_from_totals" not in claims.RECOMPUTE
    identity = evaluated[evaluated["recompute"].fillna("").str.startswith("world_total_from_parts")]
    assert identity["claim_id"].tolist() == ["P012"]
    p032 = evaluated.set_index("claim_id").loc["P032"]
    assert p032["computed_status"] == "unverifiable" and "P012" in p032["note"]


def test_a_share_reproduced_on_another_base_says_which(evaluated):
    rows = evaluated.set_index("claim_id")
    for claim_id in ("P019", "P023"):
        assert rows.loc[claim_id, "computed_status"] == "reproduced"
        assert "outside the United States" in rows.loc[claim_id, "recomputed_as"]
        assert "world's population" in rows.loc[claim_id, "recomputed_as"]
    assert rows["recomputed_as"].fillna("").ne("").sum() == 5  # the five continent shares, all on the same base


def test_every_claim_quotes_the_lines_it_cites(evaluated):
    """Each claim's text_lines, in the exact copy of its source in data/sources/, hold every piece of its as_printed words."""
    from compendium.audit import source_text

    for claim in evaluated.itertuples(index=False):
        missing = source_text.missing_fragments(claim.document, claim.text_lines, claim.as_printed)
        assert missing == [], f"{claim.claim_id}: lines {claim.text_lines} do not hold {missing}"
    # the occupations: the paper prints 'other activities' in lower case
    assert source_text.missing_fragments("paper", "171", "Other activities ... 12%") == ["Other activities"]


def test_a_wrong_line_reference_is_caught(data_copy):
    from compendium.audit import source_text

    assert source_text.missing_fragments("paper", "265", "60% of the male sex", data_copy) == ["60% of the male sex"]
    assert source_text.missing_fragments("paper", "270", "60% of the male sex", data_copy) == []
    assert source_text.line_numbers("117; 126-128") == [117, 126, 127, 128]
    with pytest.raises(DataError, match="line 9999 does not exist"):
        source_text.text_at("paper", "9999", data_copy)


def test_the_source_texts_are_kept_in_the_package():
    from compendium.audit import source_text

    documents = descriptor.read_descriptor()["documents"]
    for document, entry in documents.items():
        path = source_text.text_path(document)
        assert path.is_file() and path.parent.name == "sources", f"{document}: {entry['text_copy']} is not in data/sources"
    assert "doi.org/10.35429/JAF.2024.11.28.5.1.12" in source_text.lines("paper")[36]
    assert source_text.lines("inaes_profile")[0] == "National Institute of Social Economy (INAES)"
    readme = (source_text.text_path("paper").parent / "README.md").read_text(encoding="utf-8")
    assert "unchanged" in readme and "NoDerivatives" in readme


def test_no_note_sends_the_reader_to_a_missing_readme_or_calls_the_profile_an_outside_check(evaluated):
    notes = evaluated["note"].fillna("")
    assert not notes.str.contains("README").any()
    inaes = evaluated[evaluated["document"] == "inaes_profile"]
    assert not inaes["note"].str.contains("Matches INAES's own member profile").any()
    assert inaes.set_index("claim_id").loc["I005", "note"].startswith("The profile's own figure")


def test_editing_a_transcription_breaks_a_reproduced_claim(data_copy):
    # the first actor type of 2019-2020 mistyped: the four types no longer add up to the printed 307
    edit_csv(data_copy / "paper" / "nodess_actors.csv", {"period": "2019-2020", "actor_type": "Local Governments"},
             "actors", "99")
    with pytest.raises(DataError, match=r"claim P080 \(actors promoting the SSE, 2019-2020; printed 307 actors, "
                                        r"recomputed 316.*outside the tolerance"):
        claims.check_registry(data_copy)


def test_editing_table_1_breaks_the_text_and_heading_claims(data_copy):
    edit_csv(data_copy / "paper" / "us_states_2022.csv", {"state": "Texas"}, "mexican_population", "12417")
    evaluated = claims.evaluate(data_copy)
    broken = set(evaluated.loc[evaluated["problem"] != "", "claim_id"])
    # the heading total, Texas's figure and rank no longer hold; the text total still differs (stays corrected)
    assert {"P053", "P058", "P059"} <= broken
    with pytest.raises(DataError, match="claim P058 .*Mexicans in Texas"):
        claims.check_registry(data_copy)


def test_fixing_a_source_error_in_the_data_is_caught_too(data_copy):
    # a corrected claim that starts reproducing must be re-registered, not silently kept as corrected
    # Asia's count made to give its printed 4% of the total outside the United States
    edit_csv(data_copy / "paper" / "abroad_by_continent_2021.csv", {"continent": "Asia"}, "mexican_population", "15806")
    with pytest.raises(DataError, match=r"claim P021 .*now reproduces it"):
        claims.check_registry(data_copy)


def test_a_new_claim_without_recomputation_audit_or_note_fails(data_copy):
    path = data_copy / "claims.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    base = dict(rows[0])
    new = [dict(base, claim_id="P900", status="reproduced", recompute="", audit_ids="", note="x"),
           dict(base, claim_id="P901", status="corrected", recompute="", audit_ids="", note="x"),
           dict(base, claim_id="P902", status="unverifiable", recompute="", audit_ids="", note="")]
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(base), lineterminator="\n").writerows(new)
    messages = claims.problems(claims.evaluate(data_copy))
    assert any(m.startswith("claim P900") and "names no recomputation" in m for m in messages)
    assert any(m.startswith("claim P901") and "names no audit finding" in m for m in messages)
    assert any(m.startswith("claim P902") and "without a note" in m for m in messages)


def test_a_claim_naming_an_unknown_function_or_finding_is_reported(data_copy):
    edit_csv(data_copy / "claims.csv", {"claim_id": "P012"}, "recompute", "no_such_function")
    edit_csv(data_copy / "claims.csv", {"claim_id": "P013"}, "audit_ids", "A99")
    messages = claims.problems(claims.evaluate(data_copy))
    assert any("P012" in m and "no recomputation named 'no_such_function'" in m for m in messages)
    assert any("P013" in m and "A99" in m for m in messages)


@pytest.mark.parametrize("registered, recomputed, within, audit, corrections, note, expected", [
    ("reproduced", 1.0, True, False, False, "", ("reproduced", "")),
    ("reproduced", 2.0, False, False, False, "", ("not_as_printed", "registered as reproduced, but the recomputation is "
                                                                    "outside the tolerance")),
    ("not_as_printed", 2.0, False, True, False, "", ("not_as_printed", "")),
    ("not_as_printed", None, None, True, False, "", ("not_as_printed", "")),
    ("corrected", 2.0, False, True, True, "", ("corrected", "")),
    ("corrected", None, None, True, True, "", ("corrected", "")),
    ("corrected", None, None, True, False, "", ("not_as_printed", "registered as corrected, but it names no correction "
                                                                  "adopted in corrections.csv (register it as not_as_printed)")),
    ("not_as_printed", None, None, True, True, "", ("corrected", "registered as not_as_printed, but it names corrections "
                                                                 "adopted for it (register it as corrected)")),
    ("unverifiable", None, None, False, False, "why", ("unverifiable", "")),
    ("unverifiable", 1.0, True, False, False, "why", ("reproduced", "registered as unverifiable, but it names a "
                                                                     "recomputation (register it as reproduced or not_as_printed)")),
])
def test_outcome_rules(registered, recomputed, within, audit, corrections, note, expected):
    assert claims.outcome(registered, recomputed, within, audits=audit, corrections=corrections, note=note) == expected


def test_recompute_refuses_an_unknown_name():
    with pytest.raises(KeyError, match="no recomputation named 'nope'"):
        claims.recompute("nope")


def test_the_registry_is_a_described_dataset():
    frame = loaders.load_claims()
    assert list(frame.columns)[:3] == ["claim_id", "document", "section"]
    assert "expected_rows" not in descriptor.resource("claims") and len(frame) >= 108  # the registry grows with the audit
    assert pd.api.types.is_float_dtype(frame["tolerance"])
