"""Wording of the NODESS chapter: the strings glued into its prose, from computed numbers and frames.

Each ``*_texts`` function returns a dict of glue-ready strings for one section of the chapter,
keyed by glue key; the numbers come from :mod:`compendium.analyses.nodess` and
:mod:`compendium.analyses.nodess_coverage`. Imports from the data and analyses layers and from
:mod:`compendium.present.formatting`.
"""
from __future__ import annotations

import re

import pandas as pd

from compendium.data import loaders
from compendium.analyses.nodess import (BASES, actor_mix_test, actor_table, actor_totals, check_region_total,
                                        ecosystem_table, growth_table, region_table, search_catalogue,
                                        theme_crosswalk, z_critical)
from compendium.analyses.nodess_coverage import (RETURNS_SCENARIOS, basis_by_state, coverage, gap_table,
                                                 returns_state_shares)
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct, level_text

BASIS_LABELS = {
    "population": "census 2020 population (external: INEGI)",
    "diaspora": "Mexicans in the US by state of origin (Table 2, consular IDs 2022)",
    "returns": "repatriations by state of origin (the paper's share brackets, midpoints)",
}
"""How each basis is named in tables and figures."""


def p_text(p: float) -> str:
    """A p-value as text with its relation: ``'p = 0.487'`` or ``'p < 0.001'``."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def approximation_text(min_expected: float) -> str:
    """Whether a chi-square approximation is trustworthy, by the usual rule of expected counts of at least 5."""
    return "large enough for the chi-square approximation" if min_expected >= 5 else \
        "below 5, so the chi-square approximation is doubtful"


def interval_vs_one(low: float, high: float) -> str:
    """Where a coverage ratio's interval lies against one, the ratio of a proportional share."""
    if high < 1:
        return "lies wholly below one"
    if low > 1:
        return "lies wholly above one"
    return "includes one"


def shortfall_reading(test_rejects: bool, low: float, high: float) -> str:
    """What the test of all regions and one region's interval together say about that region's shortfall."""
    if not test_rejects and low <= 1 <= high:
        return "neither its interval nor the test of all the regions together sets this shortfall apart from chance"
    if test_rejects and high < 1:
        return "both its interval and the test of all the regions together say this is more than chance"
    if test_rejects:
        return ("the test finds the regions as a whole out of proportion, but this region's interval alone "
                "includes one")
    return ("its interval lies below one, although the test of all the regions together does not reject a "
            "proportional spread")


def _slug(text: str) -> str:
    """A name as a glue-key fragment: ``"Centro Oeste"`` -> ``"centro_oeste"``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def actor_texts(data_dir=None, alpha: float = 0.05) -> dict[str, str]:
    """Glue-ready strings for the actors section: counts by type and period, totals, the mix test."""
    wide = actor_table(data_dir)
    totals = actor_totals(data_dir)
    first, second = wide.columns
    out = {}
    for period in wide.columns:
        tag = period.replace("-", "_")
        out[f"actors_total_{tag}"] = fmt_int(wide[period].sum())
        for actor, count in wide[period].items():
            out[f"actors_{_slug(actor)}_{tag}"] = fmt_int(count)
            out[f"actors_{_slug(actor)}_{tag}_share"] = fmt_pct(count / wide[period].sum())
    out["actors_totals_check"] = ("add up exactly to the totals the paper prints" if totals["agrees"].all() else
                                  "do not add up to the totals the paper prints: " + "; ".join(
                                      f"{r.period}: parts {r.sum_of_parts:,}, printed {r.stated_total:,}"
                                      for r in totals.itertuples()))
    change = wide[second].sum() - wide[first].sum()
    out["actors_change"] = fmt_int(abs(change))
    out["actors_change_direction"] = "fewer" if change < 0 else "more"
    out["actors_change_pct"] = fmt_signed_pct(change / wide[first].sum())
    test = actor_mix_test(data_dir)
    out["mix_chi2"] = fmt_num(test.statistic, 2)
    out["mix_df"] = fmt_int(test.dof)
    out["mix_p"] = p_text(test.pvalue)
    out["mix_v"] = fmt_num(test.cramers_v, 2)
    out["mix_min_expected"] = fmt_num(test.min_expected, 1)
    out["mix_verdict"] = ("is statistically significant" if test.significant(alpha) else "is not statistically significant")
    resid = test.adjusted_residuals[second]
    largest = resid.abs().idxmax()
    out["mix_largest_type"] = largest
    out["mix_largest_resid"] = fmt_num(abs(resid[largest]), 2)
    out["mix_largest_direction"] = "rose" if resid[largest] > 0 else "fell"
    out["z_crit"] = fmt_num(z_critical(alpha), 2)
    out["mix_largest_resid_band"] = "inside" if abs(resid[largest]) < z_critical(alpha) else "outside"
    out["mix_approx"] = approximation_text(test.min_expected)
    out["alpha_text"] = f"{100 * alpha:g}%"
    out["level"] = level_text(alpha)
    return out


def growth_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings for the growth section: the counts, the changes and the annualised rates."""
    counts = loaders.load_nodess_counts(data_dir)
    nodes = counts[counts["status"] == "NODESS"].reset_index(drop=True)
    pre = counts[counts["status"] != "NODESS"]
    growth = growth_table(counts)
    out = {f"nodess_{i + 1}": fmt_int(c) for i, c in enumerate(nodes["count"])}
    out["n_counts"] = fmt_int(len(nodes))
    out["nodess_latest_label"] = nodes["period_as_printed"].iloc[-1]
    out["prenodess"] = fmt_int(pre["count"].sum())
    out["nodes_plus_pre"] = fmt_int(nodes["count"].iloc[-1] + pre["count"].sum())
    for i, step in enumerate(growth.itertuples(), 1):
        out[f"growth{i}_change"] = fmt_int(step.change)
        out[f"growth{i}_pct"] = fmt_pct(step.pct_change)
        out[f"growth{i}_ratio"] = fmt_num(step.ratio, 1)
        out[f"growth{i}_years"] = fmt_num(step.years_nominal, 1)
        out[f"growth{i}_annual"] = fmt_pct(step.annual_nominal, 0)
        out[f"growth{i}_months_shortest"] = fmt_int(round(step.years_shortest * 12))
        out[f"growth{i}_months_longest"] = fmt_int(round(step.years_longest * 12))
        out[f"growth{i}_annual_if_longest"] = fmt_pct(step.annual_if_longest, 0)
        out[f"growth{i}_annual_if_shortest"] = ("" if pd.isna(step.annual_if_shortest)
                                               else fmt_pct(step.annual_if_shortest, 0))
    return out


def counts_at_period_start(counts: pd.DataFrame) -> pd.DataFrame:
    """The NODESS counts dated to the first year of a two-year label instead of the second.

    The data package dates a count printed for "the period 2022 to 2023" to 2023 (the later year);
    the paper does not say when in the period it was taken. This is the other reading, with every
    such count dated to its first year, for :func:`compendium.analyses.nodess.growth_table`.
    """
    out = counts.copy()
    for i, label in out["period_as_printed"].items():
        years = re.findall(r"\d{4}", str(label))
        if len(years) == 2:
            out.loc[i, "as_of"] = years[0]
    return out


def growth_reading_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings for the last growth step under both datings of the two-year labels.

    ``growth_end_*`` date each two-year count to its later year (the data package's reading,
    also behind :func:`growth_texts`), ``growth_start_*`` to its earlier year; ``growth_any_*``
    hold what is true under either: the longest time the step can have taken and the slowest
    yearly growth it implies.
    """
    counts = loaders.load_nodess_counts(data_dir)
    readings = {"end": growth_table(counts).iloc[-1], "start": growth_table(counts_at_period_start(counts)).iloc[-1]}
    out = {}
    for name, step in readings.items():
        out[f"growth_{name}_year"] = str(step["from_as_of"])
        out[f"growth_{name}_months_shortest"] = fmt_int(round(step["years_shortest"] * 12))
        out[f"growth_{name}_months_longest"] = fmt_int(round(step["years_longest"] * 12))
        out[f"growth_{name}_years"] = fmt_num(step["years_nominal"], 1)
        out[f"growth_{name}_annual"] = fmt_pct(step["annual_nominal"], 0)
        out[f"growth_{name}_annual_if_longest"] = fmt_pct(step["annual_if_longest"], 0)
    out["growth_any_months_longest"] = fmt_int(round(max(s["years_longest"] for s in readings.values()) * 12))
    out["growth_any_annual_slowest"] = fmt_pct(min(s["annual_if_longest"] for s in readings.values()), 0)
    return out


def region_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings for the regions section."""
    regions = region_table(data_dir)
    out = {"n_regions": fmt_int(len(regions)), "region_total": fmt_int(check_region_total(data_dir)),
           "n_states": fmt_int(regions["n_states"].sum())}
    for r in regions.itertuples():
        out[f"region_{_slug(r.region)}"] = fmt_int(r.nodess)
        out[f"region_{_slug(r.region)}_share"] = fmt_pct(r.share)
        out[f"region_{_slug(r.region)}_states"] = fmt_int(r.n_states)
    top = regions.loc[regions["nodess"].idxmax()]
    out["region_top"], out["region_top_share"] = top["region"], fmt_pct(top["share"])
    return out


def _names(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def returns_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings describing how the ``returns`` basis is built from the brackets."""
    brackets = loaders.load_repatriation_origin_brackets(data_dir)
    stated = loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]
    out = {"returns_n_listed": fmt_int(len(brackets)),
           "returns_threshold": f"{float(stated['origin_bracket_threshold']):g}%",
           "returns_base": fmt_int(stated["origin_bracket_base"])}
    for scenario in RETURNS_SCENARIOS:
        shares = returns_state_shares(data_dir, scenario)
        out[f"returns_listed_{scenario}"] = fmt_pct(shares.loc[shares["listed"], "share"].sum())
        out[f"returns_each_unlisted_{scenario}"] = fmt_pct(shares.loc[~shares["listed"], "share"].iloc[0])
        out["returns_n_unlisted"] = fmt_int((~shares["listed"]).sum())
        out[f"returns_unlisted_{scenario}"] = fmt_pct(shares.loc[~shares["listed"], "share"].sum())
    closed = brackets.dropna(subset=["share_high_percent"])
    width = float((closed["share_high_percent"] - closed["share_low_percent"]).max())
    top = brackets[brackets["share_high_percent"].isna()]
    out["returns_open_low"] = f"{top['share_low_percent'].iloc[0]:.1f}%"
    out["returns_open_high"] = f"{top['share_low_percent'].iloc[0] + width:.1f}%"
    out["returns_open_states"] = _names(top["state"])
    return out


def coverage_texts(basis: str, data_dir=None, alpha: float = 0.05) -> dict[str, str]:
    """Glue-ready strings for the coverage section under ``basis`` (and the comparison of all bases)."""
    cov, gof = coverage(basis, data_dir, alpha)
    gaps = gap_table(basis, data_dir, alpha)
    weights = basis_by_state(basis, data_dir)
    out = {"basis": basis, "basis_label": BASIS_LABELS[basis],
           "gof_chi2": fmt_num(gof.statistic, 1), "gof_df": str(gof.dof), "gof_p": p_text(gof.pvalue),
           "gof_min_expected": fmt_num(gof.min_expected, 1), "gof_approx": approximation_text(gof.min_expected),
           "gof_verdict": "rejects" if gof.significant(alpha) else "does not reject"}
    for end, row in (("short", gaps.iloc[0]), ("surplus", gaps.iloc[-1])):
        region_states = weights[weights["nodess_region"] == row["region"]].sort_values("share", ascending=False)
        out.update({
            f"{end}_region": row["region"], f"{end}_observed": str(int(row["observed"])),
            f"{end}_expected": fmt_num(row["expected"], 1), f"{end}_ratio": fmt_num(row["ratio"], 2),
            f"{end}_ratio_low": fmt_num(row["ratio_low"], 2), f"{end}_ratio_high": fmt_num(row["ratio_high"], 2),
            f"{end}_gap": fmt_num(abs(row["gap"]), 1),
            f"{end}_adjusted": fmt_num(row["adjusted"], 2).replace("-", "\u2212"),
            f"{end}_share": fmt_pct(row["share"]), f"{end}_observed_share": fmt_pct(row["observed_share"]),
            f"{end}_top_states": _names(region_states["name"].head(2)),
        })
    biggest = cov["gap"].idxmin()
    out["largest_absolute_gap_region"] = biggest
    out["largest_absolute_gap"] = fmt_num(abs(cov.loc[biggest, "gap"]), 1)
    unusual = cov["adjusted"].abs().idxmax()
    out["most_unusual_region"] = unusual
    out["most_unusual_direction"] = "more" if cov.loc[unusual, "gap"] > 0 else "fewer"
    n_short = int((cov["ratio_high"] < 1).sum())
    out["n_regions_short_ci"] = str(n_short)
    for other in BASES:
        other_cov, other_gof = coverage(other, data_dir, alpha)
        out[f"gof_chi2_{other}"] = fmt_num(other_gof.statistic, 1)
        out[f"gof_p_{other}"] = p_text(other_gof.pvalue)
        out[f"gof_verdict_{other}"] = "rejects" if other_gof.significant(alpha) else "does not reject"
        short = gap_table(other, data_dir, alpha).iloc[0]  # ranked from the largest shortfall relative to chance
        out[f"short_region_{other}"] = short["region"]
        out[f"short_ratio_{other}"] = fmt_num(short["ratio"], 2)
        out[f"short_ratio_low_{other}"] = fmt_num(short["ratio_low"], 2)
        out[f"short_ratio_high_{other}"] = fmt_num(short["ratio_high"], 2)
        out[f"short_reading_{other}"] = shortfall_reading(other_gof.significant(alpha), short["ratio_low"],
                                                          short["ratio_high"])
        for region, row in other_cov.iterrows():
            out[f"ratio_{_slug(region)}_{other}"] = fmt_num(row["ratio"], 2)
            out[f"ratio_low_{_slug(region)}_{other}"] = fmt_num(row["ratio_low"], 2)
            out[f"ratio_high_{_slug(region)}_{other}"] = fmt_num(row["ratio_high"], 2)
            out[f"ratio_vs_one_{_slug(region)}_{other}"] = interval_vs_one(row["ratio_low"], row["ratio_high"])
    return out


def catalogue_texts(data_dir=None, term: str = "cooperative") -> dict[str, str]:
    """Glue-ready strings for the themes and ecosystems section."""
    themes = loaders.load_nodess_priority_themes(data_dir)
    crosswalk = theme_crosswalk(data_dir)
    ecosystems = ecosystem_table(data_dir)
    largest = ecosystems.loc[ecosystems["n_lines"].idxmax()]
    smallest = ecosystems.loc[ecosystems["n_lines"].idxmin()]
    hits = search_catalogue(term, data_dir)
    sixth, seventh = themes.sort_values("printed_order")["theme"].iloc[[5, 6]]
    return {
        "n_themes": fmt_int(len(themes)), "n_themes_merged": fmt_int(len(themes) - 1),
        "theme_6": sixth, "theme_7": seventh,
        "n_ecosystems": fmt_int(len(ecosystems)), "n_lines": fmt_int(ecosystems["n_lines"].sum()),
        "largest_ecosystem": f"{largest['numeral']} ({largest['ecosystem']})", "largest_lines": fmt_int(largest["n_lines"]),
        "smallest_ecosystem": f"{smallest['numeral']} ({smallest['ecosystem']})",
        "smallest_lines": fmt_int(smallest["n_lines"]),
        "n_themes_matched": fmt_int(crosswalk["matched"].sum()),
        "n_themes_unmatched": fmt_int((~crosswalk["matched"]).sum()),
        "themes_unmatched": _names(crosswalk.loc[~crosswalk["matched"], "theme"]),
        "search_term": term, "search_hits": fmt_int(len(hits)),
        "search_lines": fmt_int((hits["kind"] == "line of work").sum()),
        "search_ecosystems": fmt_int(hits.loc[hits["kind"] == "line of work", "ecosystem"].nunique()),
    }
