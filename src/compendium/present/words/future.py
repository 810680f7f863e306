"""Wording of the Future research chapter: the paper's lines of future research and its strategies for
the emergency it expects, each beside what the book's evidence says, in either edition.

The figures come from :func:`compendium.analyses.conclusions.measures` (the same computation the
Conclusions chapter uses) and are formatted as :func:`compendium.present.words.conclusions.glue_strings`
formats them, so the two chapters print the same text for the same figure (``tests/test_future.py``
checks that the English texts agree). Imports only :mod:`compendium.present` and the layers below.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct
from compendium.present.i18n import _, data_text, gettext_noop
from compendium.present.words.nodess import p_text

KEYS = ("r_latest", "r_like_change", "c_returns_year", "c_returns_per_osse", "c_osse", "c_min_group", "c_max_group",
        "n_nodess_before", "n_nodess_latest", "n_nodess_when", "n_prenodess", "u_hei", "u_hei_share",
        "g_population_verdict", "g_population_p", "g_population_surplus_region", "g_population_surplus_ratio",
        "m_enadid_earlier", "m_enadid_later", "m_irr_times", "t_world", "t_us_share", "t_cards")
"""The formatted figures the chapter glues, by key (the Conclusions chapter's keys)."""

_COUNTS = ("r_latest", "c_returns_year", "c_osse", "c_min_group", "c_max_group", "n_nodess_before", "n_nodess_latest",
           "n_prenodess", "u_hei", "m_enadid_earlier", "m_enadid_later", "t_world", "t_cards")
_SHARES = ("u_hei_share", "t_us_share")

LINES = {
    "strategies": gettext_noop("Strategies for the emergency: cooperatives, support networks, migrant enterprise, "
                               "training, a change of policy"),
    "nodes": gettext_noop("The NODESS as bridges between universities and community organisations"),
    "remittances": gettext_noop("Remittances as a source of finance for cooperatives in places of origin"),
    "programmes": gettext_noop("Two social programmes, Sembrando Vida and Jóvenes Construyendo el Futuro, against "
                               "the causes of migration"),
    "visas": gettext_noop("A work-visa scheme with the United States for orderly access to formal jobs"),
}
"""The paper's strategies and lines of future research, in its order, in the compendium's words."""

EVIDENCE_CAPTION = gettext_noop(
    "The paper's strategies for the emergency and its lines of future research, in the compendium's words, beside "
    "the figures the chapters computed. Sources: Lara-Escamilla et al. (2024), sections Attention strategies for the "
    "national immigration emergency and Future research; the figures as computed in each chapter named.")
"""The caption of the chapter's table (``tbl-future-evidence``)."""


def caption(lang: str = "en") -> str:
    """The caption of the chapter's table in ``lang``."""
    return _(EVIDENCE_CAPTION, lang)


def verdict(rejects: bool, lang: str = "en") -> str:
    """A test's verdict on proportional allocation, as the NODESS and Conclusions chapters word it."""
    return _("rejects", lang) if rejects else _("does not reject", lang)


def glue_strings(m: dict, lang: str = "en") -> dict[str, str]:
    """The figures of :func:`compendium.analyses.conclusions.measures` this chapter uses, formatted in ``lang``, by
    glue key."""
    out = {key: fmt_int(m[key], lang) for key in _COUNTS}
    out.update({key: fmt_pct(m[key], 1, lang) for key in _SHARES})
    when = data_text(m["n_nodess_when"], lang)
    out.update({
        "r_like_change": fmt_signed_pct(m["r_like_change"], 1, lang),
        "c_returns_per_osse": fmt_num(m["c_returns_per_osse"], 1, lang),
        "n_nodess_when": when[:1].lower() + when[1:],  # the printed period opens a sentence; here it follows a number
        "g_population_verdict": verdict(m["g_population_rejects"], lang),
        "g_population_p": p_text(m["g_population_p"]),
        "g_population_surplus_region": data_text(m["g_population_surplus_region"], lang),
        "g_population_surplus_ratio": fmt_num(m["g_population_surplus_ratio"], 2, lang),
        "m_irr_times": fmt_num(m["m_irr_ratio"], 1, lang),
    })
    return {key: out[key] for key in KEYS}


def evidence_table(t: dict[str, str], links: bool = True, lang: str = "en") -> pd.DataFrame:
    """One row per line of the paper: what it proposes, what the book's evidence says, where.

    ``t`` is :func:`glue_strings` in ``lang``. With ``links`` the chapters are MyST ``{doc}`` links (for the
    book); without, their names (for the CSV).
    """
    rows = [
        ("strategies",
         _("The figures end before any mass deportation: January-September 2024 had {r_latest} repatriation events, a "
           "change of {r_like_change} on the same months of 2023. At the 2024 pace a year is {c_returns_year} events, "
           "{c_returns_per_osse} per OSSE; the paper gives no measure of how many people an organisation can take in.",
           lang),
         ("returns", "business_models")),
        ("nodes",
         _("The network grew from {n_nodess_before} nodes to {n_nodess_latest} {n_nodess_when}; higher-education "
           "institutions were {u_hei_share} of its actors in 2020-2021. In 2022-2023 the "
           "{g_population_surplus_region} had {g_population_surplus_ratio} times the nodes its population would give "
           "it; no node reports members, projects or migrants served.", lang),
         ("nodess",)),
        ("remittances",
         _("{t_world} Mexicans lived abroad in 2021, {t_us_share} of them in the United States. The data package holds "
           "no remittance figures and no count of cooperatives funded by them, so the book cannot check this line.",
           lang),
         ("diaspora",)),
        ("programmes",
         _("ENADID counted {m_enadid_later} emigrants in 2018-2023 against {m_enadid_earlier} in 2013-2018. The "
           "package holds no data on either programme, and two survey totals cannot separate a programme's effect "
           "from everything else that changed.", lang),
         ("immigration",)),
        ("visas",
         _("The book's series count events, not visas: irregular-migration events in Mexico ran at {m_irr_times} times "
           "the pace of a year earlier, and the paper's Tables 1 and 2 count {t_cards} consular identity cards issued "
           "in 2022. No dataset counts work visas.", lang),
         ("immigration", "diaspora")),
    ]
    return pd.DataFrame([{_("What the paper proposes", lang): _(LINES[key], lang),
                          _("What the book's evidence says", lang): text.format(**t),
                          _("Chapters", lang): ", ".join(f"{{doc}}`{c}`" if links else c for c in chapters)}
                         for key, text, chapters in rows])
