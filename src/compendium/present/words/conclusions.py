"""Wording of the Conclusions chapter: the book's findings and the paper's proposals in the compendium's
words, the figures of :func:`compendium.analyses.conclusions.measures` formatted for the prose, and the
table that sets each proposal beside what the chapters measured.

Every number is computed by the analyses and glued into the chapter, never typed. The figures the
chapter shares with the NODESS and Immigration chapters are formatted as those chapters format
them, so both show the same text (``tests/test_conclusions.py`` checks that they agree). Imports
the formatting helpers of :mod:`compendium.present` and the layers below.

Every function takes the edition's language (``lang="en"``): its words come from the catalogue
(:func:`compendium.present.i18n._`), names and printed periods from the data through
:func:`compendium.present.i18n.data_text`; the numbers are the same in both editions.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct, level_text
from compendium.present.i18n import _, data_text, gettext_noop
from compendium.present.words.nodess import p_text, shortfall_reading

PROPOSALS = {
    "cooperatives": gettext_noop("Migrant cooperatives, with a legal and financial framework to create them"),
    "networks": gettext_noop("Inter-institutional networks of civil society, local governments and social-economy "
                             "actors"),
    "inm": gettext_noop("The National Migration Institute (INM) as a promoter of migrants' economic integration"),
    "universities": gettext_noop("Agreements with universities: research, study plans and students' professional "
                                 "residencies"),
    "transnational": gettext_noop("Transnational cooperation among countries of origin, transit and destination"),
}
"""The paper's proposals, in its order, in the compendium's words (English; :func:`proposal` translates)."""

SHORTFALL_READINGS = (
    gettext_noop("neither its interval nor the test of all the regions together sets this shortfall apart from "
                 "chance"),
    gettext_noop("both its interval and the test of all the regions together say this is more than chance"),
    gettext_noop("the test finds the regions as a whole out of proportion, but this region's interval alone "
                 "includes one"),
    gettext_noop("its interval lies below one, although the test of all the regions together does not reject a "
                 "proportional spread"),
)
"""The readings of a region's shortfall as the NODESS chapter words them
(:func:`compendium.present.words.nodess.shortfall_reading`), marked so that this chapter's catalogue has them."""


def proposal(key: str, lang: str = "en") -> str:
    """One of :data:`PROPOSALS` in ``lang``."""
    return _(PROPOSALS[key], lang)


def shortfall_text(test_rejects: bool, low: float, high: float, lang: str = "en") -> str:
    """The NODESS chapter's reading of a region's shortfall, in ``lang``."""
    return _(shortfall_reading(test_rejects, low, high), lang)


def verdict(rejects: bool, lang: str = "en") -> str:
    """A test's verdict on proportional allocation, as the NODESS chapter words it."""
    return _("rejects", lang) if rejects else _("does not reject", lang)


def expectation_phrase(change: float, lang: str = "en") -> str:
    """What a like-for-like change in repatriations says about the paper's expected rise in 2024."""
    if change < 0:
        return _("with matched periods that expectation has no support in its numbers", lang)
    return _("with matched periods its numbers point the same way as that expectation", lang)


def expectation_short(change: float, lang: str = "en") -> str:
    """The same as :func:`expectation_phrase`, for the key points."""
    return _("the rise the paper expected is not in its own numbers", lang) if change < 0 else \
        _("its own numbers point to the rise it expected", lang)


def regional_gap_phrase(rejects: bool, lang: str = "en") -> str:
    """What the test against the repatriations basis lets the book conclude about the regions as a whole."""
    if rejects:
        return _("Against repatriations, then, the nodes as a whole are out of proportion", lang)
    return _("The book therefore does not find a regional gap in the nodes against repatriations", lang)


def new_groups_phrase(share: float, lang: str = "en") -> str:
    """How many new minimum-size groups a year's repatriations would make, against the OSSE that exist."""
    if share > 1:
        return _("more new groups than there are OSSE today", lang)
    if share > 0.5:
        return _("new groups numbering more than half of today's OSSE", lang)
    return _("new groups numbering less than half of today's OSSE", lang)


def glue_strings(m: dict, lang: str = "en") -> dict[str, str]:
    """The figures of :func:`compendium.analyses.conclusions.measures`, formatted, by glue key, in ``lang``."""
    when = data_text(m["n_nodess_when"], lang)
    out = {
        "c_osse": fmt_int(m["c_osse"], lang),
        "c_osse_forms": fmt_int(m["c_osse_forms"], lang),
        "c_coop_named": fmt_int(m["c_coop_named"], lang),
        "c_coop_forms": fmt_int(m["c_coop_forms"], lang),
        "c_returns_year": fmt_int(m["c_returns_year"], lang),
        "c_returns_per_osse": fmt_num(m["c_returns_per_osse"], 1, lang),
        "c_min_group": fmt_int(m["c_min_group"], lang),
        "c_max_group": fmt_int(m["c_max_group"], lang),
        "c_groups_needed": fmt_int(m["c_groups_needed"], lang),
        "c_share_needed": fmt_pct(m["c_share_needed"], 1, lang),
        "c_share_phrase": new_groups_phrase(m["c_share_needed"], lang),
        "r_printed": fmt_int(m["r_printed"], lang),
        "r_printed_as": data_text(m["r_printed_as"], lang),
        "r_printed_months": fmt_int(m["r_printed_months"], lang),
        "r_latest": fmt_int(m["r_latest"], lang),
        "r_like_change": fmt_signed_pct(m["r_like_change"], 1, lang),
        "r_expectation": expectation_phrase(m["r_like_change"], lang),
        "r_expectation_short": expectation_short(m["r_like_change"], lang),
        "r_jan_oct_2023": fmt_int(m["r_jan_oct_2023"], lang),
        "r_jan_nov_2024": fmt_int(m["r_jan_nov_2024"], lang),
        "n_nodess_before": fmt_int(m["n_nodess_before"], lang),
        "n_nodess_latest": fmt_int(m["n_nodess_latest"], lang),
        "n_prenodess": fmt_int(m["n_prenodess"], lang),
        "n_nodess_when": when[:1].lower() + when[1:],  # the printed period opens a sentence; here it follows a comma
        "n_actors": fmt_int(m["n_actors"], lang),
        "n_local_gov_share": fmt_pct(m["n_local_gov_share"], 1, lang),
        "n_civil_share": fmt_pct(m["n_civil_share"], 1, lang),
        "n_osse_share": fmt_pct(m["n_osse_share"], 1, lang),
        "n_short_region": data_text(m["n_short_region"], lang),
        "n_short_ratio": fmt_num(m["n_short_ratio"], 2, lang),
        "n_short_low": fmt_num(m["n_short_low"], 2, lang),
        "n_short_high": fmt_num(m["n_short_high"], 2, lang),
        "n_short_reading": shortfall_text(m["g_returns_rejects"], m["n_short_low"], m["n_short_high"], lang),
        "n_regional_gap": regional_gap_phrase(m["g_returns_rejects"], lang),
        "level": level_text(m["alpha"], lang),
        "u_hei": fmt_int(m["u_hei"], lang),
        "u_hei_share": fmt_pct(m["u_hei_share"], 1, lang),
        "u_hei_before": fmt_int(m["u_hei_before"], lang),
        "u_hei_before_share": fmt_pct(m["u_hei_before_share"], 1, lang),
        "m_irr_ratio": fmt_num(m["m_irr_ratio"], 3, lang),  # the Immigration chapter prints its rate ratios to three decimals
        "m_irr_times": fmt_num(m["m_irr_ratio"], 1, lang),
        "m_ret_change": fmt_signed_pct(m["m_ret_change"], 1, lang),
        "m_ret_2023": fmt_int(m["m_ret_2023"], lang),
        "m_ret_2023_months": fmt_int(m["m_ret_2023_months"], lang),
        "m_enadid_earlier": fmt_int(m["m_enadid_earlier"], lang),
        "m_enadid_later": fmt_int(m["m_enadid_later"], lang),
        "m_enadid_stated": fmt_int(m["m_enadid_stated"], lang),
        "m_enadid_difference": fmt_int(m["m_enadid_difference"], lang),
        "t_world": fmt_int(m["t_world"], lang),
        "t_us": fmt_int(m["t_us"], lang),
        "t_us_share": fmt_pct(m["t_us_share"], 1, lang),
        "t_outside": fmt_int(m["t_outside"], lang),
        "t_cards": fmt_int(m["t_cards"], lang),
        "a_findings": fmt_int(m["a_findings"], lang),
    }
    for basis in ("population", "diaspora", "returns"):
        g = f"g_{basis}_"
        out[g + "p"] = p_text(m[g + "p"])  # "p = 0.495": written alike in both editions
        out[g + "verdict"] = verdict(m[g + "rejects"], lang)
        for end in ("short", "surplus"):
            out[f"{g}{end}_region"] = data_text(m[f"{g}{end}_region"], lang)
            for part in ("ratio", "low", "high"):
                out[f"{g}{end}_{part}"] = fmt_num(m[f"{g}{end}_{part}"], 2, lang)
    return out


def audit_texts(counts: dict[str, int], lang: str = "en") -> dict[str, str]:
    """The audit's count of the paper's claims by status (:func:`compendium.audit.claims.status_counts`), formatted."""
    return {"a_claims": fmt_int(sum(counts.values()), lang), "a_reproduced": fmt_int(counts["reproduced"], lang),
            "a_corrected": fmt_int(counts["corrected"], lang), "a_unverifiable": fmt_int(counts["unverifiable"], lang)}


def evidence_table(m: dict[str, str], links: bool = True, lang: str = "en") -> pd.DataFrame:
    """One row per proposal: what the paper proposes, what the chapters measured, where.

    ``m`` is :func:`glue_strings` in ``lang``. With ``links`` the chapter is a MyST ``{doc}`` link (for the
    book); without, its name (for the CSV).
    """
    rows = [
        ("cooperatives",
         _("INAES counts about {c_osse} social-sector organisations (OSSE). The paper lists {c_osse_forms} legal forms "
           "that can receive INAES support, {c_coop_named} of them cooperatives by name. A year of repatriations at "
           "the 2024 pace ({c_returns_year} events) is {c_returns_per_osse} per OSSE. The paper gives the smallest "
           "group INAES supports ({c_min_group} or {c_max_group} people), not how many members an organisation can "
           "take in, so the data cannot say whether the sector could absorb them.", lang),
         "business_models"),
        ("networks",
         _("The NODESS network grew from {n_nodess_before} nodes to {n_nodess_latest} {n_nodess_when}, with "
           "{n_prenodess} more in process. Of its {n_actors} actors in 2020-2021, local governments were "
           "{n_local_gov_share}, OSSE {n_osse_share} and civil society {n_civil_share}. Against population the nodes "
           "are not spread in proportion ({g_population_p}; the {g_population_surplus_region} has "
           "{g_population_surplus_ratio} times its share); against the paper's repatriation brackets the test "
           "{g_returns_verdict} a proportional spread ({g_returns_p}).", lang),
         "nodess"),
        ("inm",
         _("The paper's figures for the migration authority are counts of events: irregular-migration events ran at "
           "{m_irr_ratio} times their pace of the same months a year before, and the monthly pace of returns by the "
           "Mexican authority changed by {m_ret_change}. No dataset in the paper measures what the INM does for "
           "integration, so the book cannot test this proposal.", lang),
         "immigration"),
        ("universities",
         _("Higher-education institutions were {u_hei_before} of the NODESS actors ({u_hei_before_share}) in "
           "2019-2020 and {u_hei} ({u_hei_share}) in 2020-2021; the paper describes each node as formed around one, "
           "so the network is where residencies could be placed. The paper gives no count of residencies or study "
           "plans on the social economy.", lang),
         "nodess"),
        ("transnational",
         _("{t_world} Mexicans lived abroad in 2021, {t_us_share} of them in the United States and {t_outside} "
           "elsewhere; according to ENADID, {m_enadid_later} people emigrated in 2018-2023. The paper measures "
           "flows and stocks, not cooperation between countries.", lang),
         "diaspora"),
    ]
    return pd.DataFrame([{_("Proposal (the paper's conclusions)", lang): proposal(key, lang),
                          _("What the chapters measured", lang): text.format(**m),
                          _("Chapter", lang): f"{{doc}}`{chapter}`" if links else chapter}
                         for key, text, chapter in rows])


def evidence_caption(lang: str = "en") -> str:
    """The caption of the table of proposals and evidence, with its sources."""
    return _("The paper's proposals, in the compendium's words, beside the figures the chapters computed. Sources: "
             "Lara-Escamilla et al. (2024), section Conclusions; the figures as computed in each chapter named.", lang)
