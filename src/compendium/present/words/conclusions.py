"""Wording of the Conclusions chapter: the paper's proposals in the compendium's words, the figures
of :func:`compendium.analyses.conclusions.measures` formatted for the prose, and the table that sets
each proposal beside what the chapters measured.

Every number is computed by the analyses and glued into the chapter, never typed. The figures the
chapter shares with the NODESS and Immigration chapters are formatted as those chapters format
them, so both show the same text (``tests/test_conclusions.py`` checks that they agree). Imports
the formatting helpers of :mod:`compendium.present` and the layers below.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct
from compendium.present.words.business_models import absorption_phrase

PROPOSALS = {
    "cooperatives": "Migrant cooperatives, with a legal and financial framework to create them",
    "networks": "Inter-institutional networks of civil society, local governments and social-economy actors",
    "inm": "The National Migration Institute (INM) as a promoter of migrants' economic integration",
    "universities": "Agreements with universities: research, study plans and students' professional residencies",
    "transnational": "Transnational cooperation among countries of origin, transit and destination",
}
"""The paper's proposals, in its order, in the compendium's words."""


def glue_strings(m: dict) -> dict[str, str]:
    """The figures of :func:`compendium.analyses.conclusions.measures`, formatted, by glue key."""
    when = m["n_nodess_when"]
    return {
        "c_osse": fmt_int(m["c_osse"]),
        "c_osse_forms": fmt_int(m["c_osse_forms"]),
        "c_coop_forms": fmt_int(m["c_coop_forms"]),
        "c_returns_year": fmt_int(m["c_returns_year"]),
        "c_returns_per_osse": fmt_num(m["c_returns_per_osse"], 1),
        "c_min_group": fmt_int(m["c_min_group"]),
        "c_share_needed": fmt_pct(m["c_share_needed"]),
        "c_share_phrase": absorption_phrase(m["c_share_needed"]),
        "n_nodess_before": fmt_int(m["n_nodess_before"]),
        "n_nodess_latest": fmt_int(m["n_nodess_latest"]),
        "n_prenodess": fmt_int(m["n_prenodess"]),
        "n_nodess_when": when[:1].lower() + when[1:],  # the printed period opens a sentence; here it follows a comma
        "n_actors": fmt_int(m["n_actors"]),
        "n_local_gov_share": fmt_pct(m["n_local_gov_share"]),
        "n_civil_share": fmt_pct(m["n_civil_share"]),
        "n_osse_share": fmt_pct(m["n_osse_share"]),
        "n_short_region": m["n_short_region"],
        "n_short_ratio": fmt_num(m["n_short_ratio"], 2),
        "u_hei": fmt_int(m["u_hei"]),
        "u_hei_share": fmt_pct(m["u_hei_share"]),
        "u_hei_before": fmt_int(m["u_hei_before"]),
        "u_hei_before_share": fmt_pct(m["u_hei_before_share"]),
        "m_irr_ratio": f"{m['m_irr_ratio']:.3f}",  # the Immigration chapter prints its rate ratios to three decimals
        "m_ret_change": fmt_signed_pct(m["m_ret_change"]),
        "m_enadid_later": fmt_int(m["m_enadid_later"]),
        "t_world": fmt_int(m["t_world"]),
        "t_us_share": fmt_pct(m["t_us_share"]),
        "t_outside": fmt_int(m["t_outside"]),
    }


def evidence_table(m: dict[str, str], links: bool = True) -> pd.DataFrame:
    """One row per proposal: what the paper proposes, what the chapters measured, where.

    ``m`` is :func:`glue_strings`. With ``links`` the chapter is a MyST ``{doc}`` link (for the
    book); without, its name (for the CSV).
    """
    rows = [
        ("cooperatives",
         f"INAES counts {m['c_osse']} social-sector organisations (OSSE), in {m['c_osse_forms']} legal forms, "
         f"{m['c_coop_forms']} of them cooperatives. A year of repatriations at the 2024 pace "
         f"({m['c_returns_year']} events) is {m['c_returns_per_osse']} per OSSE: in groups of the smallest "
         f"size INAES supports ({m['c_min_group']} people) it would take {m['c_share_needed']} of the OSSE that exist "
         f"({m['c_share_phrase']}).",
         "business_models"),
        ("networks",
         f"The NODESS network grew from {m['n_nodess_before']} nodes to {m['n_nodess_latest']} "
         f"{m['n_nodess_when']}, with {m['n_prenodess']} more in process. Of its {m['n_actors']} actors "
         f"in 2020-2021, local governments were {m['n_local_gov_share']}, OSSE {m['n_osse_share']} and civil "
         f"society {m['n_civil_share']}. The {m['n_short_region']} region has {m['n_short_ratio']} of the nodes "
         "its share of returnees would give it.",
         "nodess"),
        ("inm",
         f"The paper's figures for the migration authority are counts of events: irregular-migration events "
         f"ran at {m['m_irr_ratio']} times their pace of the same months a year before, and the monthly pace of "
         f"returns by the authority changed by {m['m_ret_change']}. No dataset in the paper measures what the INM "
         "does for integration, so the book cannot test this proposal.",
         "immigration"),
        ("universities",
         f"Higher-education institutions were {m['u_hei_before']} of the NODESS actors "
         f"({m['u_hei_before_share']}) in 2019-2020 and {m['u_hei']} ({m['u_hei_share']}) in 2020-2021; the paper "
         "describes each node as formed around one, so the network is where residencies could be placed. The paper gives no count of residencies or "
         "study plans on the social economy.",
         "nodess"),
        ("transnational",
         f"{m['t_world']} Mexicans lived abroad in 2021, {m['t_us_share']} of them in the United States and "
         f"{m['t_outside']} elsewhere; according to ENADID, {m['m_enadid_later']} people emigrated in 2018-2023. "
         "The paper measures flows and stocks, not cooperation between countries.",
         "diaspora"),
    ]
    return pd.DataFrame([{"Proposal (the paper's conclusions)": PROPOSALS[key], "What the chapters measured": text,
                          "Chapter": f"{{doc}}`{chapter}`" if links else chapter} for key, text, chapter in rows])
