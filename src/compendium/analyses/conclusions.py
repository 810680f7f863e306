"""The paper's proposals beside what the chapters measured.

The paper closes with five proposals (migrant cooperatives; inter-institutional networks; a
larger role for the National Migration Institute, INM; university residencies and study plans;
transnational cooperation). :func:`measures` recomputes, with the chapters' own functions and
the data package, the figures that bear on each; :func:`evidence_table` sets them side by side.
Every number is computed here and glued into the Conclusions chapter, never typed.
"""
from __future__ import annotations

import pandas as pd

from compendium.analyses import business_models
from compendium.data import loaders
from compendium.analyses import immigration
from compendium.analyses import nodess
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct

PROPOSALS = {
    "cooperatives": "Migrant cooperatives, with a legal and financial framework to create them",
    "networks": "Inter-institutional networks of civil society, local governments and social-economy actors",
    "inm": "The National Migration Institute (INM) as a promoter of migrants' economic integration",
    "universities": "Agreements with universities: research, study plans and students' professional residencies",
    "transnational": "Transnational cooperation among countries of origin, transit and destination",
}
"""The paper's proposals, in its order, in the compendium's words."""


def measures(data_dir=None, alpha: float = 0.05) -> dict[str, str]:
    """Every figure the Conclusions chapter quotes, formatted, by glue key."""
    out: dict[str, str] = {}

    figures = business_models.headline(loaders.load_inaes_headline_figures(data_dir))
    osse = business_models.osse_families(loaders.load_osse_types(data_dir), loaders.load_osse_type_families(data_dir))
    families = business_models.family_summary(osse).set_index("family")
    minimums = business_models.group_minimums(loaders.load_osse_group_minimums(data_dir))
    readings = business_models.yearly_returns(loaders.load_repatriations_from_us(data_dir),
                                              loaders.load_repatriations_from_us(data_dir, corrected=True),
                                              loaders.load_migration_series_checkpoints(data_dir), alpha)
    year_2024 = business_models.returns_for(readings, "jan_sep_2024")
    smallest = min(minimums.values())
    out.update({
        "c_osse": fmt_int(figures["OSSE"]),
        "c_osse_forms": fmt_int(len(osse)),
        "c_coop_forms": fmt_int(families.loc["Cooperatives", "n_forms"]),
        "c_returns_year": fmt_int(year_2024["per_year"]),
        "c_returns_per_osse": fmt_num(year_2024["per_year"] / figures["OSSE"], 1),
        "c_min_group": fmt_int(smallest),
        "c_share_needed": fmt_pct(year_2024["per_year"] / smallest / figures["OSSE"]),
        "c_share_phrase": business_models.absorption_phrase(year_2024["per_year"] / smallest / figures["OSSE"]),
    })

    growth = nodess.growth_texts(data_dir)
    actors = nodess.actor_texts(data_dir, alpha)
    coverage = nodess.coverage_texts("returns", data_dir, alpha)
    out.update({
        "n_nodess_before": growth["nodess_2"],
        "n_nodess_latest": growth["nodess_3"],
        "n_prenodess": growth["prenodess"],
        "n_nodess_when": growth["nodess_latest_label"][:1].lower() + growth["nodess_latest_label"][1:],
        "n_actors": actors["actors_total_2020_2021"],
        "n_local_gov_share": actors["actors_local_governments_2020_2021_share"],
        "n_civil_share": actors["actors_civil_societies_2020_2021_share"],
        "n_osse_share": actors["actors_osse_2020_2021_share"],
        "n_short_region": coverage["short_region"],
        "n_short_ratio": coverage["short_ratio"],
        "u_hei": actors["actors_higher_education_institutions_2020_2021"],
        "u_hei_share": actors["actors_higher_education_institutions_2020_2021_share"],
        "u_hei_before": actors["actors_higher_education_institutions_2019_2020"],
        "u_hei_before_share": actors["actors_higher_education_institutions_2019_2020_share"],
    })

    analysis = immigration.analyse(data_dir, alpha, "corrected")
    texts = immigration.glue_strings(analysis)
    out.update({
        "m_irr_ratio": texts["irr_ratio"],
        "m_ret_change": texts["ret_change_corrected"],
        "m_enadid_later": texts["enadid_later"],
    })

    totals = loaders.load_abroad_totals_2021(data_dir).set_index("measure")["mexican_population"]
    world, outside = totals["world"], totals["world excluding the United States"]
    out.update({
        "t_world": fmt_int(world),
        "t_us_share": fmt_pct((world - outside) / world),
        "t_outside": fmt_int(outside),
    })
    return out


def evidence_table(m: dict[str, str], links: bool = True) -> pd.DataFrame:
    """One row per proposal: what the paper proposes, what the chapters measured, where.

    With ``links`` the chapter is a MyST ``{doc}`` link (for the book); without, its name (for the CSV).
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
