"""The glossary holds every abbreviation the paper lists, as printed, and the compendium's additions."""
from __future__ import annotations

from compendium.data import loaders
from compendium.present import glossary


def test_every_abbreviation_of_the_paper_is_a_term_with_its_printed_meaning():
    entries = glossary.entries().set_index("term")
    for row in loaders.load_abbreviations().itertuples():
        assert entries.loc[row.abbreviation, "paper_meaning"] == row.meaning
    assert set(loaders.load_glossary_terms()["term"]) <= set(entries.index)


def test_a_translation_the_paper_gets_wrong_is_shown_beside_the_name():
    dof = glossary.definition(glossary.entries().set_index("term").loc["DOF"])
    assert "Official Gazette of the Federation" in dof and "Diario Oficial de la Federación" in dof
    assert "\"Official Immigration Journal\"" in dof


def test_the_glossary_directive_lists_every_term_once():
    text = glossary.glossary_markdown()
    assert text.startswith("```{glossary}\n") and text.endswith("```\n")
    terms = [line for line in text.splitlines()[1:-1] if line and not line.startswith(" ")]
    assert terms == sorted(glossary.entries()["term"], key=str.lower)


def test_terms_are_found_as_whole_words_only():
    assert glossary.terms_in("The INM and SEGOB; INAES-backed; SSEs and ESSENTIAL.") == ["INM", "SEGOB"]
