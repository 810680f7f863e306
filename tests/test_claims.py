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
    assert counts["reproduced"] >= 20 and counts["corrected"] >= 10 and counts["unverifiable"] >= 30
    corrected = evaluated[evaluated["status"] == "corrected"]
    assert corrected["audit_ids"].fillna("").ne("").all()
    shares = evaluated[evaluated["recompute"].fillna("").str.startswith("continent_share_percent")]
    assert dict(zip(shares["recompute"].str.split(":").str[1], shares["computed_status"])) == {
        "Oceania": "reproduced", "Africa": "corrected", "Asia": "corrected", "Europe": "corrected",
        "America": "reproduced"}


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


@pytest.mark.parametrize("registered, recomputed, within, audit, note, expected", [
    ("reproduced", 1.0, True, False, "", ("reproduced", "")),
    ("reproduced", 2.0, False, False, "", ("corrected", "registered as reproduced, but the recomputation is outside the tolerance")),
    ("corrected", 2.0, False, True, "", ("corrected", "")),
    ("corrected", None, None, True, "", ("corrected", "")),
    ("unverifiable", None, None, False, "why", ("unverifiable", "")),
    ("unverifiable", 1.0, True, False, "why", ("reproduced", "registered as unverifiable, but it names a recomputation "
                                                              "(register it as reproduced or corrected)")),
])
def test_outcome_rules(registered, recomputed, within, audit, note, expected):
    assert claims.outcome(registered, recomputed, within, audit, note) == expected


def test_recompute_refuses_an_unknown_name():
    with pytest.raises(KeyError, match="no recomputation named 'nope'"):
        claims.recompute("nope")


def test_the_registry_is_a_described_dataset():
    frame = loaders.load_claims()
    assert list(frame.columns)[:3] == ["claim_id", "document", "section"]
    assert "expected_rows" not in descriptor.resource("claims") and len(frame) >= 108  # the registry grows with the audit
    assert pd.api.types.is_float_dtype(frame["tolerance"])
