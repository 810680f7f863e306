"""The book's findings and the figures that bear on the paper's proposals, recomputed with the chapters' own functions.

The Conclusions chapter states what the chapters found (what the paper gets right, what does not
hold as printed, what the outside evidence adds) and sets the paper's five proposals (migrant
cooperatives; inter-institutional networks; a larger role for the National Migration Institute,
INM; university residencies and study plans; transnational cooperation) beside the evidence; the
Future research chapter reuses the same figures. :func:`measures` recomputes them from the data
package, as numbers (and the few names from the data they go with). The wording, the formatting
and the evidence table are in :mod:`compendium.present.words.conclusions`. Imports only
:mod:`compendium.data` and :mod:`compendium.analyses`.
"""
from __future__ import annotations

from compendium.analyses import business_models
from compendium.analyses import immigration
from compendium.analyses import nodess
from compendium.analyses import nodess_coverage
from compendium.analyses import returns
from compendium.data import loaders

ACTORS_PERIOD, ACTORS_PERIOD_BEFORE = "2020-2021", "2019-2020"
"""The two periods of the NODESS actors the paper reports: the later one, and the one before."""

COOPERATIVE_WORD = "cooperative"
"""A form of the paper's list counts as a cooperative by name when its printed name contains this word."""


def cooperatives_by_name(types) -> int:
    """How many of the printed OSSE forms name themselves cooperatives (any case)."""
    return int(types["osse_type"].str.lower().str.contains(COOPERATIVE_WORD, regex=False).sum())


def coverage_summary(basis: str, data_dir=None, alpha: float = 0.05) -> dict[str, int | float | str | bool]:
    """The NODESS coverage test against ``basis``, the largest shortfall and the largest surplus, by key.

    Keys are prefixed ``g_<basis>_``: ``p``, ``rejects``, and for ``short`` and ``surplus`` (the
    regions first and last in :func:`compendium.analyses.nodess_coverage.gap_table`) ``region``,
    ``ratio``, ``low`` and ``high``.
    """
    _, gof = nodess_coverage.coverage(basis, data_dir, alpha)
    gaps = nodess_coverage.gap_table(basis, data_dir, alpha)
    out: dict[str, int | float | str | bool] = {f"g_{basis}_p": float(gof.pvalue),
                                                f"g_{basis}_rejects": bool(gof.significant(alpha))}
    for end, row in (("short", gaps.iloc[0]), ("surplus", gaps.iloc[-1])):
        out.update({f"g_{basis}_{end}_region": row["region"], f"g_{basis}_{end}_ratio": float(row["ratio"]),
                    f"g_{basis}_{end}_low": float(row["ratio_low"]), f"g_{basis}_{end}_high": float(row["ratio_high"])})
    return out


def measures(data_dir=None, alpha: float = 0.05) -> dict[str, int | float | str]:
    """Every figure the Conclusions chapter quotes, unformatted, by glue key.

    Counts are integers, ratios and shares floats (a share as a fraction); ``n_nodess_when`` is
    the latest NODESS count's period as the paper prints it and ``n_short_region`` the region with
    the largest shortfall of nodes, relative to chance, against its share of repatriations (with
    ``n_short_low``/``n_short_high`` its interval and ``g_returns_p`` the test of all regions).
    The ``g_<basis>_*`` keys are :func:`coverage_summary` for each basis; ``alpha`` is returned
    as given, for the interval level.
    """
    out: dict[str, int | float | str | bool] = {"alpha": alpha}

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
        "c_coop_named": cooperatives_by_name(osse),
        "c_coop_forms": int(families.loc["Cooperatives", "n_forms"]),
        "c_returns_year": float(year_2024["per_year"]),
        "c_returns_per_osse": float(year_2024["per_year"] / figures["OSSE"]),
        "c_min_group": smallest,
        "c_max_group": max(minimums.values()),
        "c_groups_needed": float(year_2024["per_year"] / smallest),
        "c_share_needed": float(year_2024["per_year"] / smallest / figures["OSSE"]),
    })

    checkpoints = returns.read_checkpoints(loaders.load_migration_series_checkpoints(data_dir))
    printed = loaders.load_repatriations_from_us(data_dir).sort_values("period_start")
    corrected = loaders.load_repatriations_from_us(data_dir, corrected=True).sort_values("period_start")
    first_printed, first_corrected, latest = printed.iloc[0], corrected.iloc[0], corrected.iloc[-1]
    out.update({
        "r_printed": int(first_printed["events"]),
        "r_printed_as": first_printed["period_as_printed"],
        "r_printed_months": int(returns.with_months(corrected)["months"].iloc[0]),
        "r_latest": int(latest["events"]),
        "r_like_change": float(latest["events"] / first_corrected["events"] - 1),
        "r_jan_oct_2023": checkpoints.jan_oct_2023,
        "r_jan_nov_2024": checkpoints.jan_nov_2024,
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
        "n_short_low": float(short["ratio_low"]),
        "n_short_high": float(short["ratio_high"]),
        "u_hei": int(now["Higher Education Institutions"]),
        "u_hei_share": float(now["Higher Education Institutions"] / now.sum()),
        "u_hei_before": int(before["Higher Education Institutions"]),
        "u_hei_before_share": float(before["Higher Education Institutions"] / before.sum()),
    })

    for basis in nodess.BASES:
        out.update(coverage_summary(basis, data_dir, alpha))

    analysis = immigration.analyse(data_dir, alpha, "corrected")
    authority_2023 = analysis.returns["corrected"].earlier
    out.update({
        "m_irr_ratio": float(analysis.irregular.poisson.value),
        "m_ret_change": float(analysis.returns["corrected"].change),
        "m_ret_2023": int(authority_2023["events"]),
        "m_ret_2023_months": int(authority_2023["months"]),
        "m_enadid_earlier": int(analysis.enadid.earlier),
        "m_enadid_later": int(analysis.enadid.later),
        "m_enadid_stated": int(analysis.enadid.stated_difference),
        "m_enadid_difference": int(analysis.enadid.difference),
    })

    totals = loaders.load_abroad_totals_2021(data_dir).set_index("measure")["mexican_population"]
    world, outside = totals["world"], totals["world excluding the United States"]
    out.update({
        "t_world": int(world),
        "t_us": int(world - outside),
        "t_us_share": float((world - outside) / world),
        "t_outside": int(outside),
        "t_cards": int(loaders.load_origin_states_2022(data_dir)["mexican_population"].sum()),
        "a_findings": len(loaders.load_audit_findings(data_dir)),
    })
    return out
