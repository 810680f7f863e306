"""The source audit: findings computed from the data, agreeing with the chapters, rendered in the book."""
from __future__ import annotations

import json
import re
import shutil

import nbformat
import pytest

from compendium.audit import findings
from compendium.audit import claims
from compendium.present import audit_pages
from compendium.present import audit_texts
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
        texts = audit_texts.finding_texts(finding)
        for column in findings.TEMPLATE_COLUMNS:
            assert "{" not in texts[column], f"{finding.finding_id}.{column} left a placeholder"


def test_the_evidence_is_numbers_not_text(found):
    """The audit layer formats nothing: a count is an int, a share a float, a verdict a boolean."""
    a03, a10 = found["A03"].evidence.values, found["A10"].evidence.values
    assert a03["gap"] == 9_950 and isinstance(a03["gap"], int)
    assert a03["outside_fits_world"] is True and a03["gap_share"] == pytest.approx(9_950 / 395_143)
    assert a10["like_change"] == pytest.approx(-0.106, abs=5e-4) and a10["runs_below"] is True
    assert found["A01"].evidence.values["bad_rows"] == ["Rhode Island", "West Virginia"]
    assert found["A04"].evidence.table.columns[0] == "continent"
    assert list(found["A16"].evidence.values["usages"]["spelling"]) == ["OSSES", "OSSE", "OSESS"]
    for finding in found.values():
        for name, value in finding.evidence.values.items():
            if isinstance(value, str):  # names and labels from the data, never a formatted number
                assert not re.search(r"\d[,.]\d|\d%|\u2212", value), f"{finding.finding_id}.{name} = {value!r}"


def test_no_number_is_typed_into_a_finding():
    for row in loaders.load_audit_findings().itertuples(index=False):
        for column in findings.TEMPLATE_COLUMNS:
            assert audit_texts.typed_numbers(getattr(row, column)) == [], f"{row.finding_id}.{column} types a number"
    assert audit_texts.typed_numbers("{x:int} people, 566,547 in 2023 and 4%") == ["566,547", "4%"]
    # the words of a choice and of an item are typed too; specs and placeholders are not numbers
    assert audit_texts.typed_numbers("{ok:up 1,000|{gap:num2} down}, {rows:each; |{{n:pct0}} of 250}") == ["1,000", "250"]


@pytest.mark.parametrize("finding_id, key, expected", [
    ("A01", "bad_rows", "Rhode Island and West Virginia"),
    ("A01", "corrected_sum", "566,547"),
    ("A02", "gap", "100"),
    ("A03", "gap", "9,950"),
    ("A03", "outside_fits_world", "equals"),
    ("A04", "africa_share", "0.26%"),
    ("A04", "asia_share", "2.0%"),
    ("A05", "occupation_sum", "95%"),
    ("A06", "t1_men_computed", "60.1%"),
    ("A07", "computed", "439,000"),
    ("A07", "later_implied", "1,220,000"),
    ("A08", "land_matches", "exactly"),
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
    ("A17", "name_lines", "151 and 542"),
    ("A17", "abroad_named", "is named nowhere in the paper"),
    ("A18", "economy_lines", "397"),
    ("A18", "welfare_lines", "16"),
    ("A19", "unused", "DOF and LM"),
    ("A19", "n_renamed", "Four"),
    ("A19", "sse_uses", "15"),
    ("A20", "n_never_cited", "Four"),
    ("A20", "never_groups", "Antecedents"),
    ("A20", "n_uncited_claims", "22"),
    ("A21", "us_share", "96.7%"),
    ("A22", "later_years", "five"),
    ("A23", "copyright", "2009"),
    ("A23", "gap", "15"),
    ("A24", "totals", "307 and 278"),
    ("A25", "top_low", "8.1"),
])
def test_the_known_findings_are_recomputed(found, finding_id, key, expected):
    assert audit_texts.shown_values(found[finding_id])[key] == expected


def test_the_texts_show_the_evidence_as_the_specs_say(found):
    texts = audit_texts.finding_texts(found["A04"])
    assert "Africa's computed share is 12.8 times its printed one and Asia's 0.50 times." in texts["computed"]
    assert "not under one rule: rounding gives Oceania and America" in texts["computed"]
    assert texts["computed"].endswith("The printed shares add up to 98.02%.")
    usage = audit_texts.finding_texts(found["A16"])["computed"]
    assert usage.startswith("The paper writes OSSES 1 time (Business Models, line 366); OSSE 3 times (")
    assert "lines 397, 399 and 558); OSESS 2 times" in usage
    assert "On like periods 2024 runs below 2023, whether" in audit_texts.finding_texts(found["A10"])["explanation"]
    table = audit_texts.evidence_table(found["A04"])
    assert table.splitlines()[0].startswith("| Continent | Mexicans (printed) | Share as printed |")
    assert "| Africa | 1,013 | 0.02% | 0.26% | 0.24 |" in table
    assert audit_texts.evidence_table(found["A02"]) is None


@pytest.mark.parametrize("value, spec, shown", [
    (9950, "int", "9,950"), (1.07, "num", "1.1"), (98.024, "num2", "98.02"), (0.048, "pct", "4.8%"),
    (0.0026, "pct_auto", "0.26%"), (0.02, "pct_auto", "2.0%"), (-0.106, "signed_pct", "\u221210.6%"),
    (37.0, "printed_pct", "37%"), (0.5, "factor", "0.50"), (12.84, "factor", "12.8"),
    (["A", "B", "C"], "list", "A, B and C"), ([], "list", "none"), ([4.5, 95.0], "list:printed_pct", "4.5% and 95%"),
    (True, "equals|does not equal", "equals"), (False, "equals|does not equal", "does not equal"),
    (None, "int", "none"), ("2018", "", "2018"), (2, "word", "two"), (3, "Word", "Three"), (14, "word", "14"),
])
def test_the_spec_vocabulary(value, spec, shown):
    assert audit_texts.TemplateFiller("here").show("x", value, spec) == shown


def test_the_audit_agrees_with_the_chapters(found, glued):
    diaspora, immigration = glued("diaspora"), glued("immigration")
    shown = {finding_id: audit_texts.shown_values(finding) for finding_id, finding in found.items()}
    assert shown["A03"]["gap"] == diaspora["continent_gap"]
    assert shown["A04"]["africa_share"] == diaspora["africa_share"]
    assert shown["A05"]["occupation_sum"] == diaspora["occupation_sum"]
    assert shown["A06"]["t1_men_computed"] == diaspora["t1_men_computed"]
    assert shown["A12"]["unchanged"] == diaspora["unchanged_countries"]
    assert shown["A07"]["computed"] == immigration["enadid_diff_computed"]
    assert shown["A07"]["later_implied"] == immigration["enadid_later_implied"]
    assert shown["A09"]["jan_oct"] == immigration["ret_jan_oct_2023"]


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


def _occupations_with(data_copy, computed: str):
    """Finding A05 read from a copy of the data whose 'computed' template is ``computed``."""
    edit_csv(data_copy / "audit_findings.csv", {"finding_id": "A05"}, "computed", computed)
    return {f.finding_id: f for f in findings.findings(data_copy)}["A05"]


def test_a_template_naming_an_unknown_value_fails_clearly(data_copy):
    finding = _occupations_with(data_copy, "The shares add up to {nothing:int}, not {occupation_sum:printed_pct}.")
    with pytest.raises(DataError, match=r"audit_findings.csv, finding A05, column 'computed'.*does not compute: nothing"):
        audit_texts.finding_texts(finding)


@pytest.mark.parametrize("placeholder, message", [
    ("{occupation_sum:percentage}", r"placeholder 'occupation_sum' has the unknown format spec 'percentage'.*expected int, num"),
    ("{occupation_sum}", r"placeholder 'occupation_sum' does not say how to show its value.*expected a spec"),
    ("{shares:int}", r"placeholder 'shares' cannot show a value of type list with the spec 'int'"),
    ("{n_occupations:more|fewer}", r"placeholder 'n_occupations' cannot show a value of type int with the spec 'more\|fewer'"),
    ("{occupation_sum!r}", r"placeholder 'occupation_sum' has a conversion"),
])
def test_a_placeholder_the_vocabulary_cannot_show_fails_clearly(data_copy, placeholder, message):
    finding = _occupations_with(data_copy, f"The shares add up to {placeholder}.")
    with pytest.raises(DataError, match=r"audit_findings.csv, finding A05, column 'computed'.*" + message):
        audit_texts.finding_texts(finding)


def test_status_box_counts_the_chapters_claims_and_links_the_findings():
    text = audit_pages.status_markdown("diaspora")
    evaluated = claims.evaluate()
    counts = claims.status_counts(evaluated, "diaspora")
    total = int((evaluated["chapter"] == "diaspora").sum())
    explained = counts["not_as_printed"] + counts["corrected"]
    # plain words, computed counts, the confirmed numbers first; no 'unverifiable: primary data' opening
    assert f"Of the {total} numbers this chapter takes from the sources, {counts['reproduced']} were recomputed" in text
    assert f"{explained} do not hold as printed, and the audit explains each (for {counts['corrected']} of them" in text
    assert f"{counts['confirmed_outside']} are confirmed by an outside source" in text
    assert f"{counts['unverifiable']} are survey, register or programme figures (or dates) that only their source can confirm" in text
    assert "unverifiable" not in text and "primary data" not in text
    assert "- P033, Mexicans living in Canada, 2021: printed 129,745 people, found 129,745 people (confirmed; record E" in text
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
        nbformat.v4.new_code_cell('from compendium.present import audit_pages\naudit_pages.status_box("nodess")'),
        nbformat.v4.new_code_cell(f'data_dir = {str(data_copy)!r}'),
    ])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    shown = nb.cells[0].outputs[0]["data"]["text/markdown"]
    assert ":class: warning" in shown and "claim P091" in shown


def test_status_box_in_both_languages_follows_the_notebooks_data_dir(data_copy):
    """The chapters show the box once per language with glue.show: each output is tagged and follows data_dir."""
    from nbclient import NotebookClient

    edit_csv(data_copy / "paper" / "nodess_regions_2022_2023.csv", {"region": "North"}, "nodess", "10")
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('from compendium.present import audit_pages, glue\n'
                                  'glue.show(lambda lang: audit_pages.status_box("nodess", lang=lang))'),
        nbformat.v4.new_code_cell(f'data_dir = {str(data_copy)!r}'),
    ])
    NotebookClient(nb, kernel_name="python3", timeout=120).execute()
    outputs = nb.cells[0].outputs
    assert [o["metadata"]["compendium_lang"] for o in outputs] == ["en", "es"]
    english, spanish = (o["data"]["text/markdown"] for o in outputs)
    assert ":class: warning" in english and "claim P091" in english
    assert ":class: warning" in spanish and "claim P091" in spanish
    assert english.startswith("````{admonition} Source audit: how this chapter's numbers were checked")
    assert spanish.startswith("````{admonition} Auditoría de las fuentes: cómo se verificaron los números de este capítulo")
    assert "{ref}`A14. Un tema de los NODESS probablemente partido en dos en una coma <audit-a14>`" in spanish


def test_status_box_in_spanish_words_its_counts_and_units():
    text = audit_pages.status_markdown("diaspora", lang="es")
    counts = claims.status_counts(claims.evaluate(chapter="diaspora"), "diaspora")
    assert f"{counts['confirmed_outside']} están confirmados por una fuente externa" in text
    assert "- P033, mexicanos que viven en Canadá, 2021: impreso 129,745 personas, encontrado 129,745 personas " \
           "(confirmado; registro E" in text
    assert "impreso 54\u00a0%, encontrado 54\u00a0%" in text
    assert "{ref}`A01. Dos filas del Cuadro 1 no cuadran <audit-a01>`" in text
    with pytest.raises(ValueError, match="language 'fr'"):
        audit_pages.status_box("diaspora", lang="fr")


def test_the_audit_page_renders_every_finding_and_the_registry(built_book):
    html = (built_book / "chapters" / "audit.html").read_text(encoding="utf-8")
    for finding_id in loaders.load_audit_findings()["finding_id"]:
        assert f'id="{audit_pages.label(finding_id)}"' in html
    text = page_text(built_book / "chapters" / "audit.html")
    assert "men and women add up to 69, against a total of 169" in text
    assert "9,950 short of the stated total" in text
    assert "tbl-audit-claims-search" in html and "P099" in text and "I009" in text
    for chapter in audit_pages.CHAPTER_TITLES:
        page = page_text(built_book / "chapters" / f"{chapter}.html")
        assert "Source audit: how this chapter" in page and "claims registry" in page
        assert "numbers this chapter takes from the sources" in page
    assert 'href="audit.html#audit-a01"' in (built_book / "chapters" / "diaspora.html").read_text(encoding="utf-8")


def test_a01_lists_every_one_digit_repair_and_lets_plausibility_decide(found):
    """Three one-digit slips restore Rhode Island's row; two also fit the heading; the share of men decides."""
    values = found["A01"].evidence.values
    repairs = values["repairs"].set_index(["state", "cell"])
    assert repairs.loc[("Rhode Island", "men"), "repaired"] == 110 and repairs.loc[("Rhode Island", "women"), "repaired"] == 159
    assert repairs.loc[("Rhode Island", "total"), "repaired"] == 69
    assert repairs["keeps_heading"].to_dict() == {("Rhode Island", "total"): False, ("Rhode Island", "men"): True,
                                                  ("Rhode Island", "women"): True, ("West Virginia", "total"): True}
    assert repairs.loc[("Rhode Island", "men"), "men_share"] == pytest.approx(110 / 169)
    rival = values["rivals"].iloc[0]
    assert (rival["state"], rival["cell"], rival["adopted_cell"]) == ("Rhode Island", "women", "men")
    texts = audit_texts.finding_texts(found["A01"])
    assert "and no others" not in texts["explanation"] and "plausibility does" in texts["explanation"]
    assert "it would leave 6% men, against 65% with the adopted repair and 60% in the whole table" in texts["explanation"]
    reason = loaders.load_corrections().set_index("correction_id").loc["C01", "reason"]
    assert "only single-digit slip" not in reason and "plausibility" in reason


def test_a01_title_counts_the_rows_the_data_give(data_copy):
    """The title is a template: with a third row that does not add up it says three."""
    assert audit_texts.finding_texts(findings.findings(only=["A01"])[0])["title"] == "Two rows of Table 1 do not add up"
    edit_csv(data_copy / "paper" / "us_states_2022.csv", {"state": "Texas"}, "men", "70444")
    a01 = findings.findings(data_copy, only=["A01"])[0]
    assert audit_texts.finding_texts(a01)["title"] == "Three rows of Table 1 do not add up"
    assert "{ref}`A01. Three rows of Table 1 do not add up <audit-a01>`" in audit_pages.status_markdown("diaspora", data_copy)


def test_a10_gives_the_printed_reading_beside_both_like_for_like_readings(found):
    values = found["A10"].evidence.values
    assert values["came_true"] is True and values["jan_nov_2024"] == 190_491
    assert values["land_change"] == pytest.approx(140_553 / 172_490 - 1) and round(values["land_change"], 3) == -0.185
    assert round(values["like_change"], 3) == -0.106
    text = audit_texts.finding_texts(found["A10"])["computed"]
    assert "As printed, the expectation came true: January to November 2024 alone had 190,491 events" in text
    assert "Land against land (140,553 against 172,490) the change is \u221218.5%" in text
    assert "is \u221210.6% on January to September 2023" in text


def test_the_paper_checked_against_itself_gives_ten_new_findings(found):
    kinds = {f.finding_id: f.kind for f in found.values()}
    new = {k: v for k, v in kinds.items() if k >= "A17"}
    assert len(new) >= 10
    assert {"institutions against their sources", "abbreviations against the text", "references against citations",
            "dates against dates", "wording against the numbers", "claims against their cited source"} <= set(new.values())
    for finding_id in new:
        assert found[finding_id].evidence.present, finding_id


def test_the_audit_datasets_quote_the_lines_they_cite():
    """Every citation, abbreviation name and OSSE spelling the audit transcribed is printed on its line of the text copy."""
    from compendium.audit import source_text

    checks = [(loaders.load_audit_citations(), "as_printed"), (loaders.load_audit_abbreviation_expansions(), "expansion"),
              (loaders.load_audit_osse_spellings(), "as_printed")]
    for frame, column in checks:
        for row in frame.itertuples(index=False):
            document = getattr(row, "document", "paper")
            assert source_text.missing_fragments(document, str(row.text_line), getattr(row, column)) == [], row


def declare_one_more_row(data_dir, resource: str) -> None:
    """A copy of data/ with a row added must say so in its descriptor (expected_rows is checked on load)."""
    package = data_dir / "datapackage.json"
    entries = json.loads(package.read_text(encoding="utf-8"))
    for entry in entries["resources"]:
        if entry["name"] == resource:
            entry["expected_rows"] += 1
    package.write_text(json.dumps(entries, indent=1, ensure_ascii=False), encoding="utf-8")


def test_a20_follows_the_citations(data_copy):
    """Cite one of the Antecedents and A20 counts one fewer entry never cited."""
    path = data_copy / "audit_citations.csv"
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("569,Future research,author-year citation,Con proyectos productivos,gobmx2017oaxaca\n")
    declare_one_more_row(data_copy, "audit_citations")
    a20 = findings.findings(data_copy, only=["A20"])[0]
    assert a20.evidence.values["n_never_cited"] == 3
    assert audit_texts.finding_texts(a20)["computed"].startswith("Three entries, the whole Antecedents group, are never cited")


def test_a26_joins_the_outside_evidence_to_the_reference_list(found):
    rows = found["A26"].evidence.values["rows"]
    assert rows[["claim_id", "printed", "found", "reference_key"]].values.tolist() == [["P003", 2008.0, 2007.0, "embajada2021"]]


@pytest.mark.parametrize("counts, total, restated, expected", [
    ({"reproduced": 18, "not_as_printed": 5, "corrected": 3, "confirmed_outside": 5, "contradicted_outside": 0,
      "unverifiable": 26}, 57, 2,
     "Of the 57 numbers this chapter takes from the sources, 18 were recomputed from the book's data and confirmed "
     "(2 of them only on a base other than the one printed); 8 do not hold as printed, and the audit explains each "
     "(for 3 of them the book adopts a corrected value); 5 are confirmed by an outside source; 26 are survey, register "
     "or programme figures (or dates) that only their source can confirm."),
    ({"reproduced": 1, "not_as_printed": 0, "corrected": 1, "confirmed_outside": 1, "contradicted_outside": 2,
      "unverifiable": 1}, 6, 0,
     "Of the 6 numbers this chapter takes from the sources, 1 was recomputed from the book's data and confirmed; "
     "1 does not hold as printed, and the audit explains it; the book adopts a corrected value for it; 1 is confirmed by "
     "an outside source and 2 contradicted by one; 1 is a survey, register or programme figure (or a date) that only its "
     "source can confirm."),
    ({"reproduced": 0, "not_as_printed": 0, "corrected": 0, "confirmed_outside": 0, "contradicted_outside": 0,
      "unverifiable": 3}, 3, 0,
     "Of the 3 numbers this chapter takes from the sources, 3 are survey, register or programme figures (or dates) that "
     "only their source can confirm."),
])
def test_the_status_sentence_in_plain_words(counts, total, restated, expected):
    assert audit_pages.status_sentence(counts, total, restated) == expected


def test_the_audit_page_counts_findings_and_corrections_apart(found):
    evaluated = claims.evaluate()
    summary = audit_pages.summary(evaluated, list(found.values()))
    assert summary["n_findings_corrected"] == "4" and summary["n_corrections"] == "5"
    assert summary["corrections_by_finding"] == "A01 (C01 and C02), A02 (C05), A08 (C03) and A09 (C04)"


def test_a_row_added_to_a_copy_of_the_data_shows_in_english_in_the_spanish_box(data_copy):
    """A reader's own claim has no Spanish in the catalogue: the Spanish box shows its words as written, not an error."""
    path = data_copy / "claims.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("year the Migration Law was enacted", "year the Migration Law came into force", 1),
                    encoding="utf-8")
    box = audit_pages.status_markdown("immigration", data_copy, lang="es")
    assert "- P001, year the Migration Law came into force: impreso 2011" in box
