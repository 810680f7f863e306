"""The figures that bear on the paper's proposals, recomputed with the chapters' own functions.

The paper closes with five proposals (migrant cooperatives; inter-institutional networks; a
larger role for the National Migration Institute, INM; university residencies and study plans;
transnational cooperation). :func:`measures` recomputes, from the data package, the figures the
Conclusions chapter sets beside each, as numbers (and the few names from the data they go with).
The proposals in words, the formatting and the evidence table are in
:mod:`compendium.present.words.conclusions`. Imports only :mod:`compendium.data` and
:mod:`compendium.analyses`.
"""
from __future__ import annotations

from compendium.analyses import business_models
from compendium.analyses import immigration
from compendium.analyses import nodess
from compendium.analyses import nodess_coverage
from compendium.data import loaders

ACTORS_PERIOD, ACTORS_PERIOD_BEFORE = "2020-2021", "2019-2020"
"""The two periods of the NODESS actors the paper reports: the later one, and the one before."""


def measures(data_dir=None, alpha: float = 0.05) -> dict[str, int | float | str]:
    """Every figure the Conclusions chapter quotes, unformatted, by glue key.

    Counts are integers, ratios and shares floats (a share as a fraction); ``n_nodess_when`` is
    the latest NODESS count's period as the paper prints it and ``n_short_region`` the region with
    the largest shortfall of nodes against its share of returnees.
    """
    out: dict[str, int | float | str] = {}

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
        "c_osse": figures["OSSE"],
        "c_osse_forms": len(osse),
        "c_coop_forms": int(families.loc["Cooperatives", "n_forms"]),
        "c_returns_year": float(year_2024["per_year"]),
        "c_returns_per_osse": float(year_2024["per_year"] / figures["OSSE"]),
        "c_min_group": smallest,
        "c_share_needed": float(year_2024["per_year"] / smallest / figures["OSSE"]),
    })

    counts = loaders.load_nodess_counts(data_dir)
    last_step = nodess.growth_table(counts).iloc[-1]  # the network's growth between its two latest counts
    actors = nodess.actor_table(data_dir)
    now, before = actors[ACTORS_PERIOD], actors[ACTORS_PERIOD_BEFORE]
    short = nodess_coverage.gap_table("returns", data_dir, alpha).iloc[0]  # ranked from the largest shortfall
    out.update({
        "n_nodess_before": int(last_step["from_count"]),
        "n_nodess_latest": int(last_step["to_count"]),
        "n_prenodess": int(counts.loc[counts["status"] != "NODESS", "count"].sum()),
        "n_nodess_when": last_step["to_period"],
        "n_actors": int(now.sum()),
        "n_local_gov_share": float(now["Local Governments"] / now.sum()),
        "n_civil_share": float(now["Civil Societies"] / now.sum()),
        "n_osse_share": float(now["OSSE"] / now.sum()),
        "n_short_region": short["region"],
        "n_short_ratio": float(short["ratio"]),
        "u_hei": int(now["Higher Education Institutions"]),
        "u_hei_share": float(now["Higher Education Institutions"] / now.sum()),
        "u_hei_before": int(before["Higher Education Institutions"]),
        "u_hei_before_share": float(before["Higher Education Institutions"] / before.sum()),
    })

    analysis = immigration.analyse(data_dir, alpha, "corrected")
    out.update({
        "m_irr_ratio": float(analysis.irregular.poisson.value),
        "m_ret_change": float(analysis.returns["corrected"].change),
        "m_enadid_later": int(analysis.enadid.later),
    })

    totals = loaders.load_abroad_totals_2021(data_dir).set_index("measure")["mexican_population"]
    world, outside = totals["world"], totals["world excluding the United States"]
    out.update({
        "t_world": int(world),
        "t_us_share": float((world - outside) / world),
        "t_outside": int(outside),
    })
    return out
