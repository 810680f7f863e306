"""Wording of the Conclusions chapter: the book's findings and the paper's proposals in the compendium's
words, the figures of :func:`compendium.analyses.conclusions.measures` formatted for the prose, and the
table that sets each proposal beside what the chapters measured.

Every number is computed by the analyses and glued into the chapter, never typed. The figures the
chapter shares with the NODESS and Immigration chapters are formatted as those chapters format
them, so both show the same text (``tests/test_conclusions.py`` checks that they agree). Imports
the formatting helpers of :mod:`compendium.present` and the layers below.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct, level_text
from compendium.present.words.nodess import p_text, shortfall_reading

PROPOSALS = {
    "cooperatives": "Migrant cooperatives, with a legal and financial framework to create them",
    "networks": "Inter-institutional networks of civil society, local governments and social-economy actors",
    "inm": "The National Migration Institute (INM) as a promoter of migrants' economic integration",
    "universities": "Agreements with universities: research, study plans and students' professional residencies",
    "transnational": "Transnational cooperation among countries of origin, transit and destination",
}
"""The paper's proposals, in its order, in the compendium's words."""


def verdict(rejects: bool) -> str:
    """A test's verdict on proportional allocation, as the NODESS chapter words it."""
    return "rejects" if rejects else "does not reject"


def expectation_phrase(change: float) -> str:
    """What a like-for-like change in repatriations says about the paper's expected rise in 2024."""
    if change < 0:
        return "with matched periods that expectation has no support in its numbers"
    return "with matched periods its numbers point the same way as that expectation"


def expectation_short(change: float) -> str:
    """The same as :func:`expectation_phrase`, for the key points."""
    return "the rise the paper expected is not in its own numbers" if change < 0 else \
        "its own numbers point to the rise it expected"


def regional_gap_phrase(rejects: bool) -> str:
    """What the test against the repatriations basis lets the book conclude about the regions as a whole."""
    if rejects:
        return "Against repatriations, then, the nodes as a whole are out of proportion"
    return "The book therefore does not find a regional gap in the nodes against repatriations"


def new_groups_phrase(share: float) -> str:
    """How many new minimum-size groups a year's repatriations would make, against the OSSE that exist."""
    if share > 1:
        return "more new groups than there are OSSE today"
    if share > 0.5:
        return "new groups numbering more than half of today's OSSE"
    return "new groups numbering less than half of today's OSSE"


def glue_strings(m: dict) -> dict[str, str]:
    """The figures of :func:`compendium.analyses.conclusions.measures`, formatted, by glue key."""
    when = m["n_nodess_when"]
    out = {
        "c_osse": fmt_int(m["c_osse"]),
        "c_osse_forms": fmt_int(m["c_osse_forms"]),
        "c_coop_named": fmt_int(m["c_coop_named"]),
        "c_coop_forms": fmt_int(m["c_coop_forms"]),
        "c_returns_year": fmt_int(m["c_returns_year"]),
        "c_returns_per_osse": fmt_num(m["c_returns_per_osse"], 1),
        "c_min_group": fmt_int(m["c_min_group"]),
        "c_max_group": fmt_int(m["c_max_group"]),
        "c_groups_needed": fmt_int(m["c_groups_needed"]),
        "c_share_needed": fmt_pct(m["c_share_needed"]),
        "c_share_phrase": new_groups_phrase(m["c_share_needed"]),
        "r_printed": fmt_int(m["r_printed"]),
        "r_printed_as": m["r_printed_as"],
        "r_printed_months": fmt_int(m["r_printed_months"]),
        "r_latest": fmt_int(m["r_latest"]),
        "r_like_change": fmt_signed_pct(m["r_like_change"]),
        "r_expectation": expectation_phrase(m["r_like_change"]),
        "r_expectation_short": expectation_short(m["r_like_change"]),
        "r_jan_oct_2023": fmt_int(m["r_jan_oct_2023"]),
        "r_jan_nov_2024": fmt_int(m["r_jan_nov_2024"]),
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
        "n_short_low": fmt_num(m["n_short_low"], 2),
        "n_short_high": fmt_num(m["n_short_high"], 2),
        "n_short_reading": shortfall_reading(m["g_returns_rejects"], m["n_short_low"], m["n_short_high"]),
        "n_regional_gap": regional_gap_phrase(m["g_returns_rejects"]),
        "level": level_text(m["alpha"]),
        "u_hei": fmt_int(m["u_hei"]),
        "u_hei_share": fmt_pct(m["u_hei_share"]),
        "u_hei_before": fmt_int(m["u_hei_before"]),
        "u_hei_before_share": fmt_pct(m["u_hei_before_share"]),
        "m_irr_ratio": f"{m['m_irr_ratio']:.3f}",  # the Immigration chapter prints its rate ratios to three decimals
        "m_irr_times": fmt_num(m["m_irr_ratio"], 1),
        "m_ret_change": fmt_signed_pct(m["m_ret_change"]),
        "m_ret_2023": fmt_int(m["m_ret_2023"]),
        "m_ret_2023_months": fmt_int(m["m_ret_2023_months"]),
        "m_enadid_earlier": fmt_int(m["m_enadid_earlier"]),
        "m_enadid_later": fmt_int(m["m_enadid_later"]),
        "m_enadid_stated": fmt_int(m["m_enadid_stated"]),
        "m_enadid_difference": fmt_int(m["m_enadid_difference"]),
        "t_world": fmt_int(m["t_world"]),
        "t_us": fmt_int(m["t_us"]),
        "t_us_share": fmt_pct(m["t_us_share"]),
        "t_outside": fmt_int(m["t_outside"]),
        "t_cards": fmt_int(m["t_cards"]),
        "a_findings": fmt_int(m["a_findings"]),
    }
    for basis in ("population", "diaspora", "returns"):
        g = f"g_{basis}_"
        out[g + "p"] = p_text(m[g + "p"])
        out[g + "verdict"] = verdict(m[g + "rejects"])
        for end in ("short", "surplus"):
            out[f"{g}{end}_region"] = m[f"{g}{end}_region"]
            for part in ("ratio", "low", "high"):
                out[f"{g}{end}_{part}"] = fmt_num(m[f"{g}{end}_{part}"], 2)
    return out


def audit_texts(counts: dict[str, int]) -> dict[str, str]:
    """The audit's count of the paper's claims by status (:func:`compendium.audit.claims.status_counts`), formatted."""
    return {"a_claims": fmt_int(sum(counts.values())), "a_reproduced": fmt_int(counts["reproduced"]),
            "a_corrected": fmt_int(counts["corrected"]), "a_unverifiable": fmt_int(counts["unverifiable"])}


def evidence_table(m: dict[str, str], links: bool = True) -> pd.DataFrame:
    """One row per proposal: what the paper proposes, what the chapters measured, where.

    ``m`` is :func:`glue_strings`. With ``links`` the chapter is a MyST ``{doc}`` link (for the
    book); without, its name (for the CSV).
    """
    rows = [
        ("cooperatives",
         f"INAES counts about {m['c_osse']} social-sector organisations (OSSE). The paper lists {m['c_osse_forms']} "
         f"legal forms that can receive INAES support, {m['c_coop_named']} of them cooperatives by name. A year of "
         f"repatriations at the 2024 pace ({m['c_returns_year']} events) is {m['c_returns_per_osse']} per OSSE. "
         f"The paper gives the smallest group INAES supports ({m['c_min_group']} or {m['c_max_group']} people), "
         "not how many members an organisation can take in, so the data cannot say whether the sector could "
         "absorb them.",
         "business_models"),
        ("networks",
         f"The NODESS network grew from {m['n_nodess_before']} nodes to {m['n_nodess_latest']} "
         f"{m['n_nodess_when']}, with {m['n_prenodess']} more in process. Of its {m['n_actors']} actors "
         f"in 2020-2021, local governments were {m['n_local_gov_share']}, OSSE {m['n_osse_share']} and civil "
         f"society {m['n_civil_share']}. Against population the nodes are not spread in proportion "
         f"({m['g_population_p']}; the {m['g_population_surplus_region']} has {m['g_population_surplus_ratio']} "
         f"times its share); against the paper's repatriation brackets the test {m['g_returns_verdict']} a "
         f"proportional spread ({m['g_returns_p']}).",
         "nodess"),
        ("inm",
         f"The paper's figures for the migration authority are counts of events: irregular-migration events "
         f"ran at {m['m_irr_ratio']} times their pace of the same months a year before, and the monthly pace of "
         f"returns by the Mexican authority changed by {m['m_ret_change']}. No dataset in the paper measures what "
         "the INM does for integration, so the book cannot test this proposal.",
         "immigration"),
        ("universities",
         f"Higher-education institutions were {m['u_hei_before']} of the NODESS actors "
         f"({m['u_hei_before_share']}) in 2019-2020 and {m['u_hei']} ({m['u_hei_share']}) in 2020-2021; the paper "
         "describes each node as formed around one, so the network is where residencies could be placed. The "
         "paper gives no count of residencies or study plans on the social economy.",
         "nodess"),
        ("transnational",
         f"{m['t_world']} Mexicans lived abroad in 2021, {m['t_us_share']} of them in the United States and "
         f"{m['t_outside']} elsewhere; according to ENADID, {m['m_enadid_later']} people emigrated in 2018-2023. "
         "The paper measures flows and stocks, not cooperation between countries.",
         "diaspora"),
    ]
    return pd.DataFrame([{"Proposal (the paper's conclusions)": PROPOSALS[key], "What the chapters measured": text,
                          "Chapter": f"{{doc}}`{chapter}`" if links else chapter} for key, text, chapter in rows])
