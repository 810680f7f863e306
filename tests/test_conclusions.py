"""The Conclusions chapter quotes the same figures the other chapters computed."""
from __future__ import annotations

from compendium.analyses import conclusions


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


def test_the_table_has_the_five_proposals_in_the_papers_order():
    table = conclusions.evidence_table(conclusions.measures(), links=False)
    assert list(table["Proposal (the paper's conclusions)"]) == list(conclusions.PROPOSALS.values())
    assert list(table["Chapter"]) == ["business_models", "nodess", "immigration", "nodess", "diaspora"]
    assert "61,000" in table.iloc[0, 1] and "{doc}`nodess`" in conclusions.evidence_table(conclusions.measures()).iloc[1, 2]
