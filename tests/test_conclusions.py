"""The Conclusions chapter states the book's findings with the same figures the other chapters computed."""
from __future__ import annotations

import re

import pytest

from compendium.analyses import conclusions
from compendium.audit import claims
from compendium.data import loaders
from compendium.present.words import conclusions as conclusions_words


def test_conclusions_agree_with_the_chapters(glued):
    measured = glued("conclusions")
    business, nodess, immigration = glued("business_models"), glued("nodess"), glued("immigration")
    assert measured["c_osse"] == business["n_osse"]
    assert measured["c_returns_year"] == business["ret_2024_year"]
    assert measured["c_share_needed"] == business["share_needed_social"]
    assert measured["n_nodess_latest"] == nodess["nodess_3"] and measured["n_prenodess"] == nodess["prenodess"]
    assert measured["u_hei_share"] == nodess["actors_higher_education_institutions_2020_2021_share"]
    assert measured["m_ret_change"] == immigration["ret_change_corrected"]
    assert measured["m_irr_ratio"] == immigration["irr_ratio"]
    assert measured["t_world"] == glued("diaspora")["world_total"]
    # the NODESS coverage figures are the NODESS chapter's, under each basis
    assert (measured["g_returns_p"], measured["g_returns_verdict"]) == (nodess["gof_p_returns"], nodess["gof_verdict_returns"])
    assert measured["g_population_p"] == nodess["gof_p_population"]
    assert measured["g_population_surplus_ratio"] == nodess["ratio_southeast_population"]
    assert (measured["g_population_surplus_low"], measured["g_population_surplus_high"]) == \
        (nodess["ratio_low_southeast_population"], nodess["ratio_high_southeast_population"])
    assert (measured["n_short_region"], measured["n_short_ratio"]) == \
        (nodess["short_region_returns"], nodess["short_ratio_returns"])
    assert measured["n_short_reading"] == nodess["short_reading_returns"]


def test_the_audit_counts_are_the_registry_s(glued):
    measured = glued("conclusions")
    counts = claims.status_counts(claims.evaluate())
    assert measured["a_claims"] == f"{sum(counts.values()):,}"
    assert (measured["a_reproduced"], measured["a_corrected"], measured["a_unverifiable"]) == \
        (str(counts["reproduced"]), str(counts["corrected"]), str(counts["unverifiable"]))
    assert measured["a_findings"] == str(len(loaders.load_audit_findings()))


def test_measures_are_numbers():
    measured = conclusions.measures()
    names = {k for k, v in measured.items() if isinstance(v, str)}
    assert names == {"n_nodess_when", "n_short_region", "r_printed_as", "g_population_short_region",
                     "g_population_surplus_region", "g_diaspora_short_region", "g_diaspora_surplus_region",
                     "g_returns_short_region", "g_returns_surplus_region"}  # the names from the data the figures go with
    assert all(isinstance(value, (int, float)) for key, value in measured.items() if key not in names)
    assert (measured["c_osse"], measured["c_osse_forms"], measured["c_coop_forms"]) == (61000, 24, 4)
    assert measured["c_returns_year"] == 205604
    assert measured["c_share_needed"] == pytest.approx(205604 / 3 / 61000)
    assert (measured["n_nodess_before"], measured["n_nodess_latest"], measured["n_prenodess"]) == (116, 548, 254)
    assert measured["n_nodess_when"] == "By September 2024"
    assert measured["n_actors"] == 278 and measured["u_hei_share"] == pytest.approx(86 / 278)
    assert measured["t_us_share"] == pytest.approx((12145143 - 395143) / 12145143)


def test_the_paper_lists_24_forms_five_of_them_cooperatives_by_name():
    measured = conclusions.measures()
    assert (measured["c_osse_forms"], measured["c_coop_named"]) == (24, 5)
    named = loaders.load_osse_types()["osse_type"].str.lower().str.contains("cooperative")
    assert named.sum() == 5  # consumer, organisations, savings and loan, consumers of, producers of
    assert measured["c_coop_forms"] == 4  # the book's own family grouping: savings and loan sits with finance
    assert (measured["c_min_group"], measured["c_max_group"]) == (3, 5)


def test_the_findings_figures():
    measured = conclusions.measures()
    assert (measured["r_printed"], measured["r_printed_months"], measured["r_latest"]) == (172490, 9, 154203)
    assert measured["r_like_change"] == pytest.approx(154203 / 172490 - 1)
    assert (measured["r_jan_oct_2023"], measured["r_jan_nov_2024"]) == (188076, 190491)
    assert (measured["m_ret_2023"], measured["m_ret_2023_months"]) == (40667, 8)
    assert (measured["m_enadid_stated"], measured["m_enadid_difference"]) == (459000, 1200000 - 761000)
    assert (measured["t_cards"], measured["t_us"]) == (566547, 11750000)
    # the Center's 0.82 against repatriations: its interval includes one and the test does not reject
    assert measured["n_short_region"] == "Center" and measured["n_short_ratio"] == pytest.approx(0.817, abs=1e-3)
    assert measured["n_short_low"] < 1 < measured["n_short_high"]
    assert not measured["g_returns_rejects"] and measured["g_returns_p"] == pytest.approx(0.495, abs=1e-3)
    assert measured["g_population_rejects"] and measured["g_population_surplus_region"] == "Southeast"


def test_glue_strings_format_the_measures():
    measured = conclusions.measures()
    texts = conclusions_words.glue_strings(measured)
    assert set(texts) >= set(measured) - {"alpha", "g_population_rejects", "g_diaspora_rejects", "g_returns_rejects"}
    assert texts["c_osse"] == "61,000" and texts["c_returns_per_osse"] == "3.4"
    assert texts["c_share_needed"] == "112.4%" and texts["c_share_phrase"] == "more new groups than there are OSSE today"
    assert texts["c_groups_needed"] == "68,535"
    assert texts["n_nodess_when"] == "by September 2024"
    assert texts["m_ret_change"].startswith("\u2212") and len(texts["m_irr_ratio"].split(".")[1]) == 3
    assert (texts["r_like_change"], texts["level"], texts["g_returns_p"]) == ("\u221210.6%", "95%", "p = 0.495")
    assert texts["n_regional_gap"].startswith("The book therefore does not find a regional gap")
    assert texts["r_expectation"] == "with matched periods that expectation has no support in its numbers"


def test_wording_follows_the_numbers():
    assert conclusions_words.verdict(True) == "rejects" and conclusions_words.verdict(False) == "does not reject"
    assert conclusions_words.expectation_phrase(0.05).endswith("point the same way as that expectation")
    assert conclusions_words.expectation_short(0.05) == "its own numbers point to the rise it expected"
    assert conclusions_words.regional_gap_phrase(True).endswith("the nodes as a whole are out of proportion")
    assert conclusions_words.new_groups_phrase(0.3) == "new groups numbering less than half of today's OSSE"
    assert conclusions_words.audit_texts({"reproduced": 24, "corrected": 13, "unverifiable": 71}) == \
        {"a_claims": "108", "a_reproduced": "24", "a_corrected": "13", "a_unverifiable": "71"}


def test_the_table_has_the_five_proposals_in_the_papers_order():
    texts = conclusions_words.glue_strings(conclusions.measures())
    table = conclusions_words.evidence_table(texts, links=False)
    assert list(table["Proposal (the paper's conclusions)"]) == list(conclusions_words.PROPOSALS.values())
    assert list(table["Chapter"]) == ["business_models", "nodess", "immigration", "nodess", "diaspora"]
    assert "61,000" in table.iloc[0, 1] and "{doc}`nodess`" in conclusions_words.evidence_table(texts).iloc[1, 2]
    cooperatives = table.iloc[0, 1]
    assert "24 legal forms that can receive INAES support, 5 of them cooperatives by name" in cooperatives
    assert "could not" not in cooperatives and "cannot say whether the sector could absorb" in cooperatives


def test_the_chapter_states_findings_then_proposals(executed):
    notebook = executed("conclusions")
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[:4] == ["What the paper gets right", "What does not hold as printed",
                            "What the outside evidence adds", "The paper's proposals beside the evidence"]
    assert headings[-2:] == ["Questions and exercises", "Cite this chapter"]
    assert "Key points" in text.split("## ")[0]
    assert "could not" not in text and "4 of them cooperatives" not in text
    assert "`make run CHAPTERS=\"conclusions\"" in text


def test_glue_strings_in_spanish_show_the_same_numbers():
    from compendium.build.manifest import numbers_in

    measured = conclusions.measures()
    english, spanish = conclusions_words.glue_strings(measured), conclusions_words.glue_strings(measured, "es")
    assert set(spanish) == set(english)
    assert {k: sorted(numbers_in(v)) for k, v in spanish.items()} == {k: sorted(numbers_in(v)) for k, v in english.items()}
    assert spanish["n_nodess_when"] == "a septiembre de 2024" and spanish["n_short_region"] == "Centro"
    assert spanish["g_returns_verdict"] == "no rechaza" and spanish["r_printed_as"] == "para 2023"
    table = conclusions_words.evidence_table(spanish, lang="es")
    assert list(table.columns) == ["Propuesta (conclusiones del artículo)", "Lo que midieron los capítulos", "Capítulo"]
    assert table.iloc[0, 1].startswith("El INAES cuenta alrededor de 61,000")
