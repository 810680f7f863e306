"""The glossary holds every abbreviation the paper lists, as printed, and explains every term the chapters use."""
from __future__ import annotations

import pytest

from compendium.data import loaders
from compendium.present import glossary


@pytest.fixture(scope="module")
def entries():
    return glossary.entries().set_index("term", drop=False)


def test_every_abbreviation_of_the_paper_is_a_term_with_its_printed_meaning(entries):
    for row in loaders.load_abbreviations().itertuples():
        assert entries.loc[row.abbreviation, "paper_meaning"] == row.meaning
    assert set(loaders.load_glossary_terms()["term"]) <= set(entries.index)


def test_a_translation_the_paper_gets_wrong_is_shown_beside_the_name(entries):
    dof = glossary.definition(entries.loc["DOF"])
    assert "Official Gazette of the Federation" in dof and "Diario Oficial de la Federación" in dof
    assert "\"Official Immigration Journal\"" in dof


@pytest.mark.parametrize("term, spanish", [
    ("ejido", None), ("consular ID", "matrícula consular"), ("repatriations of Mexicans from the United States", "repatriación"),
    ("returns by the Mexican authority", "devolución"), ("IME", "Instituto de los Mexicanos en el Exterior"),
    ("INM", "Instituto Nacional de Migración"), ("INEGI", "Instituto Nacional de Estadística y Geografía"),
    ("INAES", "Instituto Nacional de la Economía Social"), ("CONAHCYT", "Consejo Nacional de Humanidades, Ciencias y Tecnologías"),
    ("SEGOB", "Secretaría de Gobernación"), ("UPM", "Unidad de Política Migratoria"),
    ("ENADID", "Encuesta Nacional de la Dinámica Demográfica"),
])
def test_institutions_and_mexican_terms_carry_their_spanish_names(entries, term, spanish):
    text = glossary.definition(entries.loc[term])
    assert spanish is None or spanish in text, text
    assert len(text.split()) >= 8, f"{term} is not explained: {text}"


def test_the_two_flows_have_two_entries_that_name_each_other(entries):
    returns = glossary.definition(entries.loc["returns by the Mexican authority"])
    repatriations = glossary.definition(entries.loc["repatriations of Mexicans from the United States"])
    assert "Foreigners" in returns and "repatriations of Mexicans from the United States" in returns
    assert "Mexicans sent back" in repatriations and "returns by the Mexican authority" in repatriations
    assert "devoluciones" in glossary.names(entries.loc["returns by the Mexican authority"])
    assert "repatriaciones" in glossary.names(entries.loc["repatriations of Mexicans from the United States"])


STATISTICAL_TERMS = [
    "confidence interval", "Poisson interval", "quasi-Poisson", "score interval", "rate ratio", "p-value",
    "significance level", "dispersion", "Pearson chi-square", "degrees of freedom", "Cramér's V", "adjusted residual",
    "Holm", "Bonferroni", "Benjamini–Hochberg", "multiple tests", "Wilson score interval", "exact binomial test",
    "Herfindahl–Hirschman index", "Gini index", "Lorenz curve", "rank correlation", "goodness of fit", "stock", "flow",
    "event", "per 100,000 residents", "tile map", "sample survey", "standard error", "external evidence",
    "secondary evidence", "CPS ASEC",
]


@pytest.mark.parametrize("term", STATISTICAL_TERMS)
def test_every_statistical_term_of_the_book_is_explained_in_one_or_two_sentences(entries, term):
    meaning = entries.loc[term, "meaning"]
    sentences = [s for s in meaning.replace("e.g.", "eg").split(". ") if s]
    assert 1 <= len(sentences) <= 2 and 8 <= len(meaning.split()) <= 60, f"{term}: {meaning}"


def test_the_glossary_lists_each_kind_in_its_own_directive_with_other_names_under_the_term():
    every = glossary.entries()
    shown = []
    for kind in glossary.KINDS:
        text = glossary.glossary_markdown(kind=kind)
        assert text.startswith("```{glossary}\n") and text.endswith("```\n")
        headwords = [line for line in text.splitlines()[1:-1] if line and not line.startswith(" ")]
        expected = [name for _, row in every[every["kind"] == kind].iterrows() for name in glossary.names(row)]
        assert headwords == expected
        shown += headwords
    assert len(shown) == len({s.lower() for s in shown}), "a name is listed twice"
    with pytest.raises(ValueError, match="unknown kind of glossary entry 'acronym'"):
        glossary.glossary_markdown(kind="acronym")


def test_abbreviations_are_found_as_whole_words_in_their_case():
    assert glossary.terms_in("The INM and SEGOB; INAES-backed; SSEs and ESSENTIAL; inegi.") == ["INM", "SEGOB"]


def test_terms_are_found_in_any_case_in_the_plural_across_line_breaks_and_by_their_other_names():
    text = ("Poisson counts give Confidence Intervals; the p-values are adjusted\nwith Holm's method. Cramér’s V is"
            " small. At alpha 0.05 the rank correlation (Spearman) ... the devoluciones fell.")
    found = glossary.terms_in(text)
    for term in ("Poisson interval", "confidence interval", "p-value", "Holm", "Cramér's V", "significance level",
                 "rank correlation", "returns by the Mexican authority"):
        assert term in found, term
    assert "Gini index" not in found


def test_code_cells_are_not_read_for_terms():
    chapter = "Some text.\n\n```{code-cell} ipython3\nalpha = 0.05  # Gini\n```\n\nMore text.\n"
    assert glossary.terms_in(chapter) == []


def test_the_chapter_line_links_each_entry_under_its_own_term_abbreviations_first():
    line = glossary.terms_line("INAES counts ejidos; the Wilson interval and the INM; repatriaciones.")
    assert line.startswith("**Abbreviations and terms in this chapter**, explained in the {ref}`glossary`: ")
    assert line.endswith("{term}`INAES`, {term}`INM`; {term}`ejido`, "
                         "{term}`repatriations of Mexicans from the United States`; {term}`confidence interval`, "
                         "{term}`Wilson score interval`.")  # a Wilson interval is an interval: both are linked
    assert glossary.terms_line("Nothing technical here.") == ""


def test_a_hyphen_and_an_en_dash_write_the_same_name():
    assert "Benjamini–Hochberg" in glossary.terms_in("adjusted by Benjamini-Hochberg")
    assert "Herfindahl–Hirschman index" in glossary.terms_in("the Herfindahl–Hirschman index")
