"""The Conclusions chapter quotes the same figures the other chapters computed."""
from __future__ import annotations

import pytest

from compendium.analyses import conclusions
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


def test_measures_are_numbers():
    measured = conclusions.measures()
    names = {"n_nodess_when", "n_short_region"}  # the two names from the data the figures go with
    assert all(isinstance(value, (int, float)) for key, value in measured.items() if key not in names)
    assert (measured["c_osse"], measured["c_osse_forms"], measured["c_coop_forms"]) == (61000, 24, 4)
    assert measured["c_returns_year"] == 205604
    assert measured["c_share_needed"] == pytest.approx(205604 / 3 / 61000)
    assert (measured["n_nodess_before"], measured["n_nodess_latest"], measured["n_prenodess"]) == (116, 548, 254)
    assert measured["n_nodess_when"] == "By September 2024"
    assert measured["n_actors"] == 278 and measured["u_hei_share"] == pytest.approx(86 / 278)
    assert measured["t_us_share"] == pytest.approx((12145143 - 395143) / 12145143)


def test_glue_strings_format_the_measures():
    measured = conclusions.measures()
    texts = conclusions_words.glue_strings(measured)
    assert set(texts) == set(measured) | {"c_share_phrase"}
    assert texts["c_osse"] == "61,000" and texts["c_returns_per_osse"] == "3.4"
    assert texts["c_share_needed"] == "112.4%" and texts["c_share_phrase"] == "more OSSE than exist"
    assert texts["n_nodess_when"] == "by September 2024"
    assert texts["m_ret_change"].startswith("\u2212") and len(texts["m_irr_ratio"].split(".")[1]) == 3


def test_the_table_has_the_five_proposals_in_the_papers_order():
    texts = conclusions_words.glue_strings(conclusions.measures())
    table = conclusions_words.evidence_table(texts, links=False)
    assert list(table["Proposal (the paper's conclusions)"]) == list(conclusions_words.PROPOSALS.values())
    assert list(table["Chapter"]) == ["business_models", "nodess", "immigration", "nodess", "diaspora"]
    assert "61,000" in table.iloc[0, 1] and "{doc}`nodess`" in conclusions_words.evidence_table(texts).iloc[1, 2]
