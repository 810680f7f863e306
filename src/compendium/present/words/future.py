"""Wording of the Future research chapter: the paper's lines of future research and its strategies for
the emergency it expects, each beside what the book's evidence says.

The figures come from :func:`compendium.analyses.conclusions.measures` (the same computation the
Conclusions chapter uses) and are formatted by :func:`compendium.present.words.conclusions.glue_strings`,
so the two chapters print the same text for the same figure. Imports only :mod:`compendium.present`
and the layers below.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.words import conclusions as conclusions_words

KEYS = ("r_latest", "r_like_change", "c_returns_year", "c_returns_per_osse", "c_osse", "c_min_group", "c_max_group",
        "n_nodess_before", "n_nodess_latest", "n_nodess_when", "n_prenodess", "u_hei", "u_hei_share",
        "g_population_verdict", "g_population_p", "g_population_surplus_region", "g_population_surplus_ratio",
        "m_enadid_earlier", "m_enadid_later", "m_irr_times", "t_world", "t_us_share", "t_cards")
"""The formatted figures the chapter glues, by key (the Conclusions chapter's keys)."""

LINES = {
    "strategies": "Strategies for the emergency: cooperatives, support networks, migrant enterprise, training, "
                  "a change of policy",
    "nodes": "The NODESS as bridges between universities and community organisations",
    "remittances": "Remittances as a source of finance for cooperatives in places of origin",
    "programmes": "Two social programmes, Sembrando Vida and Jóvenes Construyendo el Futuro, against the causes "
                  "of migration",
    "visas": "A work-visa scheme with the United States for orderly access to formal jobs",
}
"""The paper's strategies and lines of future research, in its order, in the compendium's words."""


def glue_strings(m: dict) -> dict[str, str]:
    """The figures of :func:`compendium.analyses.conclusions.measures` this chapter uses, formatted, by glue key."""
    formatted = conclusions_words.glue_strings(m)
    return {key: formatted[key] for key in KEYS}


def evidence_table(t: dict[str, str], links: bool = True) -> pd.DataFrame:
    """One row per line of the paper: what it proposes, what the book's evidence says, where.

    ``t`` is :func:`glue_strings`. With ``links`` the chapters are MyST ``{doc}`` links (for the
    book); without, their names (for the CSV).
    """
    rows = [
        ("strategies",
         f"The figures end before any mass deportation: January-September 2024 had {t['r_latest']} repatriation "
         f"events, a change of {t['r_like_change']} on the same months of 2023. At the 2024 pace a year is "
         f"{t['c_returns_year']} events, {t['c_returns_per_osse']} per OSSE; the paper gives no measure of how many "
         "people an organisation can take in.",
         ("returns", "business_models")),
        ("nodes",
         f"The network grew from {t['n_nodess_before']} nodes to {t['n_nodess_latest']} {t['n_nodess_when']}; "
         f"higher-education institutions were {t['u_hei_share']} of its actors in 2020-2021. In 2022-2023 the "
         f"{t['g_population_surplus_region']} had {t['g_population_surplus_ratio']} times the nodes its population "
         "would give it; no node reports members, projects or migrants served.",
         ("nodess",)),
        ("remittances",
         f"{t['t_world']} Mexicans lived abroad in 2021, {t['t_us_share']} of them in the United States. The data "
         "package holds no remittance figures and no count of cooperatives funded by them, so the book cannot "
         "check this line.",
         ("diaspora",)),
        ("programmes",
         f"ENADID counted {t['m_enadid_later']} emigrants in 2018-2023 against {t['m_enadid_earlier']} in "
         "2013-2018. The package holds no data on either programme, and two survey totals cannot separate a "
         "programme's effect from everything else that changed.",
         ("immigration",)),
        ("visas",
         f"The book's series count events, not visas: irregular-migration events in Mexico ran at "
         f"{t['m_irr_times']} times the pace of a year earlier, and the paper's Tables 1 and 2 count "
         f"{t['t_cards']} consular identity cards issued in 2022. No dataset counts work visas.",
         ("immigration", "diaspora")),
    ]
    return pd.DataFrame([{"What the paper proposes": LINES[key], "What the book's evidence says": text,
                          "Chapters": ", ".join(f"{{doc}}`{c}`" if links else c for c in chapters)}
                         for key, text, chapters in rows])
