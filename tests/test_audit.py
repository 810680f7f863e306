"""The source audit: findings computed from the data, agreeing with the chapters, rendered in the book."""
from __future__ import annotations

import shutil

import nbformat
import pytest

from compendium.audit import findings
from compendium.audit import claims
from compendium.present import audit_pages
from compendium.data import loaders
from compendium.data import descriptor
from compendium.data.errors import DataError

from test_book import page_text
from test_claims import edit_csv


@pytest.fixture(scope="module")
def found():
    return {f.finding_id: f for f in findings.findings()}


@pytest.fixture
def data_copy(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(descriptor.resource_path("corrections").parent, copy)
    return copy


def test_every_finding_is_present_in_the_data_and_fully_rendered(found):
    rows = loaders.load_audit_findings()
    assert list(found) == list(rows["finding_id"]) and len(found) >= 15
    for finding in found.values():
        assert finding.evidence.present, f"{finding.finding_id} is not shown by the data"
        for column in findings.TEMPLATE_COLUMNS:
            assert "{" not in finding.texts[column], f"{finding.finding_id}.{column} left a placeholder"


def test_no_number_is_typed_into_a_finding():
    for row in loaders.load_audit_findings().itertuples(index=False):
        for column in findings.TEMPLATE_COLUMNS:
            assert findings.typed_numbers(getattr(row, column)) == [], f"{row.finding_id}.{column} types a number"
    assert findings.typed_numbers("{x} people, 566,547 in 2023 and 4%") == ["566,547", "4%"]


@pytest.mark.parametrize("finding_id, key, expected", [
    ("A01", "bad_rows", "Rhode Island and West Virginia"),
    ("A01", "corrected_sum", "566,547"),
    ("A02", "gap", "100"),
    ("A03", "gap", "9,950"),
    ("A03", "world_check", "equals"),
    ("A04", "africa_share", "0.26%"),
    ("A04", "asia_share", "2.0%"),
    ("A05", "occupation_sum", "95%"),
    ("A06", "t1_men_computed", "60.1%"),
    ("A07", "computed", "439,000"),
    ("A07", "later_implied", "1,220,000"),
    ("A08", "match", "exactly"),
    ("A08", "jan_oct", "188,076"),
    ("A09", "above", "10,424"),
    ("A10", "like_change", "\u221210.6%"),
    ("A11", "match_2024", "matches"),
    ("A11", "match_2023", "does not match"),
    ("A12", "unchanged", "United Kingdom and Chile"),
    ("A12", "in_order_2023", "6"),
    ("A13", "share", "4.8%"),
    ("A14", "n_merged", "14"),
    ("A15", "to_count", "548"),
    ("A16", "spellings", "OSSES, OSSE and OSESS"),
])
def test_the_known_findings_are_recomputed(found, finding_id, key, expected):
    assert found[finding_id].evidence.values[key] == expected


def test_the_audit_agrees_with_the_chapters(found, glued):
    diaspora, immigration = glued("diaspora"), glued("immigration")
    assert found["A03"].evidence.values["gap"] == diaspora["continent_gap"]
    assert found["A04"].evidence.values["africa_share"] == diaspora["africa_share"]
    assert found["A05"].evidence.values["occupation_sum"] == diaspora["occupation_sum"]
    assert found["A06"].evidence.values["t1_men_computed"] == diaspora["t1_men_computed"]
    assert found["A12"].evidence.values["unchanged"] == diaspora["unchanged_countries"]
    assert found["A07"].evidence.values["computed"] == immigration["enadid_diff_computed"]
    assert found["A07"].evidence.values["later_implied"] == immigration["enadid_later_implied"]
    assert found["A09"].evidence.values["jan_oct"] == immigration["ret_jan_oct_2023"]


def test_correction_c05_replaces_the_text_total_by_the_heading():
    corrected = loaders.load_stated_totals(corrected=True).set_index("statement_id")["value"]
    assert corrected["us_population_counted"] == corrected["us_population_size"] == 566_547
    assert loaders.load_stated_totals().set_index("statement_id").loc["us_population_counted", "value"] == 566_447


def test_a_finding_the_data_no_longer_show_is_flagged(data_copy):
    # make West Virginia add up as printed and the text total agree: A01 loses a row, A02 disappears
    edit_csv(data_copy / "paper" / "stated_totals.csv", {"statement_id": "us_population_counted"}, "value", "566547")
    text_total = {f.finding_id: f for f in findings.findings(data_copy)}["A02"]
    assert not text_total.evidence.present
    assert "no longer present" in audit_pages.finding_markdown(text_total)


def test_a_template_naming_an_unknown_value_fails_clearly(data_copy):
    edit_csv(data_copy / "audit_findings.csv", {"finding_id": "A05"}, "computed", "The shares add up to {nothing}.")
    with pytest.raises(DataError, match=r"finding A05, column 'computed'.*does not compute: nothing"):
        findings.findings(data_copy)


def test_status_box_counts_the_chapters_claims_and_links_the_findings():
    text = audit_pages.status_markdown("diaspora")
    counts = claims.status_counts(claims.evaluate(), "diaspora")
    assert f"**{counts['reproduced']} reproduced**" in text and f"**{counts['corrected']} corrected**" in text
    assert "{ref}`A01. Two rows of Table 1 do not add up <audit-a01>`" in text
    assert "<audit-registry>" in text and ":class: note" in text
    assert "audit-a07" not in text  # the ENADID finding belongs to the immigration chapter
    with pytest.raises(KeyError, match="no chapter 'data'"):
        audit_pages.status_markdown("data")


def test_status_box_turns_to_a_warning_when_a_claim_breaks(data_copy):
    edit_csv(data_copy / "paper" / "nodess_regions_2022_2023.csv", {"region": "North"}, "nodess", "10")
    text = audit_pages.status_markdown("nodess", data_copy)
    assert ":class: warning" in text and "claim P091" in text


def test_status_box_follows_the_notebooks_data_dir(data_copy):
    """In a notebook the box is shown before the parameters cell: it must update when data_dir is set."""
    from nbclient import NotebookClient

    edit_csv(data_copy / "paper" / "nodess_regions_2022_2023.csv", {"region": "North"}, "nodess", "10")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('from compendium import audit\naudit.status_box("nodess")'),
        nbformat.v4.new_code_cell(f'data_dir = {str(data_copy)!r}'),
    ])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    shown = nb.cells[0].outputs[0]["data"]["text/markdown"]
    assert ":class: warning" in shown and "claim P091" in shown


def test_the_audit_page_renders_every_finding_and_the_registry(built_book):
    html = (built_book / "chapters" / "audit.html").read_text(encoding="utf-8")
    for finding_id in loaders.load_audit_findings()["finding_id"]:
        assert f'id="{findings.label(finding_id)}"' in html
    text = page_text(built_book / "chapters" / "audit.html")
    assert "add up to 69, not 169" in text and "9,950 short of the stated total" in text
    assert "tbl-audit-claims-search" in html and "P099" in text and "I009" in text
    for chapter in findings.CHAPTER_TITLES:
        page = page_text(built_book / "chapters" / f"{chapter}.html")
        assert "Source audit: the" in page and "claims registry" in page
    assert 'href="audit.html#audit-a01"' in (built_book / "chapters" / "diaspora.html").read_text(encoding="utf-8")
