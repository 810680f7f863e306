"""Outside evidence: every confirmed or contradicted claim rests on a dated page with an address, shown beside the printed value."""
from __future__ import annotations

import csv
import shutil

import pandas as pd
import pytest

from compendium.audit import claims
from compendium.data import descriptor, loaders
from compendium.present import audit_pages

from test_claims import edit_csv


@pytest.fixture(scope="module")
def evaluated():
    return claims.evaluate()


@pytest.fixture(scope="module")
def records():
    return loaders.load_outside_evidence()


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(descriptor.resource_path("corrections").parent, copy)
    return copy


def test_every_record_names_its_page_and_when_it_was_read(records):
    assert records["address"].str.match(r"https?://").all()
    assert records["date_retrieved"].notna().all()
    assert records["note"].str.len().gt(40).all() and (records["note"] != records["value_found"]).all()
    # a copy of an official text kept by a third party is labelled so, never as the official page
    copies = records["address"].str.contains("raw.githubusercontent.com|/enwiki/", regex=True)
    assert records.loc[copies, "kind"].str.endswith("third-party copy").all()
    assert set(records["kind"]) <= {"official", "official text, third-party copy", "press", "academic",
                                    "encyclopedia, third-party copy"}


def test_each_outside_status_is_linked_to_its_records(evaluated, records):
    usable = records[records["address"].str.match(r"https?://") & records["date_retrieved"].notna()]
    for status, verdict in (("confirmed_outside", "confirmed"), ("contradicted_outside", "contradicted")):
        rows = evaluated[evaluated["computed_status"] == status]
        assert len(rows) >= 5, status
        for claim in rows.itertuples(index=False):
            linked = usable[(usable["claim_id"] == claim.claim_id) & (usable["verdict"] == verdict)]
            assert len(linked), f"{claim.claim_id} is {status} without a {verdict} record"
            assert set(claims.ids(claim.outside_evidence_ids)) == set(linked["evidence_id"])
    # every settling record belongs to a claim that has its status (or one the package itself decides)
    settling = usable[usable["verdict"].isin(["confirmed", "contradicted"])]
    status = evaluated.set_index("claim_id")["computed_status"]
    for record in settling.itertuples(index=False):
        assert status[record.claim_id] in (claims.OUTSIDE[record.verdict], "reproduced", *claims.DOES_NOT_HOLD)


def test_confirmed_values_match_the_printed_ones_and_contradicted_do_not(evaluated, records):
    claim = evaluated.set_index("claim_id")
    for record in records[records["verdict"].isin(["confirmed", "contradicted"]) & records["value"].notna()].itertuples():
        printed, tolerance = claim.loc[record.claim_id, "value"], claim.loc[record.claim_id, "tolerance"]
        lower_bound = "lower bound" in claim.loc[record.claim_id, "tolerance_basis"]
        holds = record.value >= printed if lower_bound else abs(record.value - printed) <= tolerance
        assert holds == (record.verdict == "confirmed"), f"{record.evidence_id} ({record.claim_id}): {record.value}"


def test_the_known_verdicts():
    status = claims.evaluate().set_index("claim_id")["computed_status"]
    assert {c for c in status.index if status[c] == "contradicted_outside"} == {"P002", "P003", "P009", "I004", "I009"}
    assert {"P001", "P004", "P005", "P033", "I002", "I003", "I008"} <= {c for c in status.index
                                                                        if status[c] == "confirmed_outside"}


def test_a_copy_of_the_source_is_no_outside_check(evaluated, records):
    """The network's page is the INAES profile itself, and the 2021 forum's page is its Spanish text: neither confirms it."""
    same = records[records["verdict"] == "same_source"]
    assert {"I001", "I005"} <= set(same["claim_id"])
    claim = evaluated.set_index("claim_id")
    assert claim.loc["I001", "computed_status"] == "unverifiable"
    # I005 is settled by another page (the institute's director quoted by the press), never by the copy
    assert claim.loc["I005", "computed_status"] == "confirmed_outside"
    assert not set(same["evidence_id"]) & set(claims.ids(claim.loc["I005", "outside_evidence_ids"]))


def test_a_record_without_an_address_settles_nothing(data_copy):
    path = data_copy / "external" / "outside_evidence.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    p033 = [r for r in rows if r["claim_id"] == "P033" and r["verdict"] == "confirmed"]
    assert len(p033) == 1
    edit_csv(path, {"evidence_id": p033[0]["evidence_id"]}, "address", "not an address")
    messages = claims.problems(claims.evaluate(data_copy))
    assert any(m.startswith("claim P033") and "no outside record with an address and a retrieval date is confirmed" in m
               for m in messages)


def test_new_evidence_must_be_registered(data_copy):
    """A record that confirms an unverifiable claim makes the registry fail until the claim's status says so."""
    path = data_copy / "external" / "outside_evidence.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    new = dict(rows[0], evidence_id="E999", claim_id="P097", verdict="confirmed", value="548")
    with path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n").writerow(new)
    messages = claims.problems(claims.evaluate(data_copy))
    assert any(m.startswith("claim P097") and "the data give the status confirmed_outside" in m for m in messages)


def test_the_audit_page_shows_the_outside_value_beside_the_printed_one(evaluated):
    frame = audit_pages.outside_frame(evaluated)
    p002 = frame[frame["Claim"].str.startswith("P002")].iloc[0]
    assert (p002["Printed"], p002["Found outside"], p002["Verdict"]) == ("1970", "1974", "contradicts")
    assert "](https://" in p002["Source"] and "read 2026-12-02" in p002["Source"]
    p029 = frame[frame["Claim"].str.startswith("P029")].iloc[0]
    assert (p029["Printed"], p029["Found outside"]) == ("54%", "54%")
    listed = audit_pages.outside_markdown(evaluated)
    assert "- **P002: year of the General Population Law the Migration Law replaced**: printed **1970**, found **1974** " \
           "(contradicts). E002." in listed
    others = audit_pages.outside_frame(evaluated, settled=False)
    assert set(others["Verdict"]) == {"no comparable figure", "a copy of the source itself"}
    status = audit_pages.registry_frame(evaluated).set_index("Claim")["Status"]
    assert status["P002"].startswith("contradicted by an outside source (E")
    assert status["P001"].startswith("confirmed by an outside source (E")


def test_the_outside_evidence_is_a_described_dataset(records):
    entry = descriptor.resource("outside_evidence")
    assert entry["path"] == "external/outside_evidence.csv" and "expected_rows" not in entry  # a growing list
    assert {"claim_id", "verdict", "value", "period", "publisher", "title", "address", "date_published",
            "date_retrieved", "kind", "note"} <= set(records.columns)
    assert pd.api.types.is_datetime64_any_dtype(records["date_retrieved"])
    assert "outside_evidence" in descriptor.resource_names()
