"""Wording of the NODESS chapter: the strings glued into its prose, from computed numbers and frames.

Each ``*_texts`` function returns a dict of glue-ready strings for one section of the chapter,
keyed by glue key, in the edition's language ``lang`` (the same keys in every language); the
numbers come from :mod:`compendium.analyses.nodess` and :mod:`compendium.analyses.nodess_coverage`.
The ``*_frame`` functions give the chapter's tables with their headers in ``lang``. Imports from
the data and analyses layers and from :mod:`compendium.present.formatting` and
:mod:`compendium.present.i18n`.
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
from compendium.present.formatting import (fmt_int, fmt_num, fmt_pct, fmt_signed_pct, join_words, level_text,
                                           percent_sign)
from compendium.present.i18n import MINUS, _, data_text, gettext_noop

BASIS_LABELS = {
    "population": gettext_noop("census 2020 population (external: INEGI)"),
    "diaspora": gettext_noop("Mexicans in the US by state of origin (Table 2, consular IDs 2022)"),
    "returns": gettext_noop("repatriations by state of origin (the paper's share brackets, midpoints)"),
}
"""How each basis is named in tables and figures (English; :func:`basis_label` translates)."""


BASIS_VALUES = (_("population", context="parameter value"), _("diaspora", context="parameter value"),
                _("returns", context="parameter value"))
"""The values of the ``basis`` parameter: code words, written the same in both editions (the catalogue says so)."""


def basis_label(basis: str, lang: str = "en") -> str:
    """The name of ``basis`` (:data:`BASIS_LABELS`) in ``lang``."""
    return _(BASIS_LABELS[basis], lang)


def p_text(p: float, lang: str = "en") -> str:
    """A p-value as text with its relation: ``'p = 0.487'`` or ``'p < 0.001'``."""
    return "p < " + fmt_num(0.001, 3, lang) if p < 0.001 else "p = " + fmt_num(p, 3, lang)


def signed(text: str) -> str:
    """A formatted number with a true minus sign."""
    return text.replace("-", MINUS)


def approximation_text(min_expected: float, lang: str = "en") -> str:
    """Whether a chi-square approximation is trustworthy, by the usual rule of expected counts of at least 5."""
    return _("large enough for the chi-square approximation", lang) if min_expected >= 5 else \
        _("below 5, so the chi-square approximation is doubtful", lang)


def interval_vs_one(low: float, high: float, lang: str = "en") -> str:
    """Where a coverage ratio's interval lies against one, the ratio of a proportional share."""
    if high < 1:
        return _("lies wholly below one", lang)
    if low > 1:
        return _("lies wholly above one", lang)
    return _("includes one", lang)


def shortfall_reading(test_rejects: bool, low: float, high: float, lang: str = "en") -> str:
    """What the test of all regions and one region's interval together say about that region's shortfall."""
    if not test_rejects and low <= 1 <= high:
        return _("neither its interval nor the test of all the regions together sets this shortfall apart from "
                 "chance", lang)
    if test_rejects and high < 1:
        return _("both its interval and the test of all the regions together say this is more than chance", lang)
    if test_rejects:
        return _("the test finds the regions as a whole out of proportion, but this region's interval alone "
                 "includes one", lang)
    return _("its interval lies below one, although the test of all the regions together does not reject a "
             "proportional spread", lang)


def verdict(rejects: bool, lang: str = "en") -> str:
    """What a test does to its null hypothesis, as a verb: ``"rejects"`` or ``"does not reject"``."""
    return _("rejects", lang) if rejects else _("does not reject", lang)


def _slug(text: str) -> str:
    """A name as a glue-key fragment: ``"Centro Oeste"`` -> ``"centro_oeste"``."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def actor_texts(data_dir=None, alpha: float = 0.05, lang: str = "en") -> dict[str, str]:
    """Glue-ready strings for the actors section: counts by type and period, totals, the mix test."""
    wide = actor_table(data_dir)
    totals = actor_totals(data_dir)
    first, second = wide.columns
    out = {}
    for period in wide.columns:
        tag = period.replace("-", "_")
        out[f"actors_total_{tag}"] = fmt_int(wide[period].sum(), lang)
        for actor, count in wide[period].items():
            out[f"actors_{_slug(actor)}_{tag}"] = fmt_int(count, lang)
            out[f"actors_{_slug(actor)}_{tag}_share"] = fmt_pct(count / wide[period].sum(), 1, lang)
    out["actors_totals_check"] = (_("add up exactly to the totals the paper prints", lang) if totals["agrees"].all()
                                  else _("do not add up to the totals the paper prints: {differences}", lang).format(
                                      differences="; ".join(_("{period}: parts {parts}, printed {printed}", lang).format(
                                          period=r.period, parts=fmt_int(r.sum_of_parts, lang),
                                          printed=fmt_int(r.stated_total, lang)) for r in totals.itertuples())))
    change = wide[second].sum() - wide[first].sum()
    out["actors_change"] = fmt_int(abs(change), lang)
    out["actors_change_direction"] = _("fewer", lang) if change < 0 else _("more", lang)
    out["actors_change_pct"] = fmt_signed_pct(change / wide[first].sum(), 1, lang)
    test = actor_mix_test(data_dir)
    out["mix_chi2"] = fmt_num(test.statistic, 2, lang)
    out["mix_df"] = fmt_int(test.dof, lang)
    out["mix_p"] = p_text(test.pvalue, lang)
    out["mix_v"] = fmt_num(test.cramers_v, 2, lang)
    out["mix_min_expected"] = fmt_num(test.min_expected, 1, lang)
    out["mix_verdict"] = (_("is statistically significant", lang) if test.significant(alpha)
                          else _("is not statistically significant", lang))
    resid = test.adjusted_residuals[second]
    largest = resid.abs().idxmax()
    out["mix_largest_type"] = data_text(largest, lang)
    out["mix_largest_resid"] = fmt_num(abs(resid[largest]), 2, lang)
    out["mix_largest_direction"] = _("rose", lang) if resid[largest] > 0 else _("fell", lang)
    out["z_crit"] = fmt_num(z_critical(alpha), 2, lang)
    out["mix_largest_resid_band"] = _("inside", lang) if abs(resid[largest]) < z_critical(alpha) else _("outside", lang)
    out["mix_approx"] = approximation_text(test.min_expected, lang)
    out["alpha_text"] = level_text(1 - alpha, lang)
    out["level"] = level_text(alpha, lang)
    return out


def growth_texts(data_dir=None, lang: str = "en") -> dict[str, str]:
    """Glue-ready strings for the growth section: the counts, the changes and the annualised rates."""
    counts = loaders.load_nodess_counts(data_dir)
    nodes = counts[counts["status"] == "NODESS"].reset_index(drop=True)
    pre = counts[counts["status"] != "NODESS"]
    growth = growth_table(counts)
    out = {f"nodess_{i + 1}": fmt_int(c, lang) for i, c in enumerate(nodes["count"])}
    out["n_counts"] = fmt_int(len(nodes), lang)
    out["nodess_latest_label"] = data_text(nodes["period_as_printed"].iloc[-1], lang)
    out["prenodess"] = fmt_int(pre["count"].sum(), lang)
    out["nodes_plus_pre"] = fmt_int(nodes["count"].iloc[-1] + pre["count"].sum(), lang)
    for i, step in enumerate(growth.itertuples(), 1):
        out[f"growth{i}_change"] = fmt_int(step.change, lang)
        out[f"growth{i}_pct"] = fmt_pct(step.pct_change, 1, lang)
        out[f"growth{i}_ratio"] = fmt_num(step.ratio, 1, lang)
        out[f"growth{i}_years"] = fmt_num(step.years_nominal, 1, lang)
        out[f"growth{i}_annual"] = fmt_pct(step.annual_nominal, 0, lang)
        out[f"growth{i}_months_shortest"] = fmt_int(round(step.years_shortest * 12), lang)
        out[f"growth{i}_months_longest"] = fmt_int(round(step.years_longest * 12), lang)
        out[f"growth{i}_annual_if_longest"] = fmt_pct(step.annual_if_longest, 0, lang)
        out[f"growth{i}_annual_if_shortest"] = ("" if pd.isna(step.annual_if_shortest)
                                               else fmt_pct(step.annual_if_shortest, 0, lang))
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


def growth_reading_texts(data_dir=None, lang: str = "en") -> dict[str, str]:
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
        out[f"growth_{name}_months_shortest"] = fmt_int(round(step["years_shortest"] * 12), lang)
        out[f"growth_{name}_months_longest"] = fmt_int(round(step["years_longest"] * 12), lang)
        out[f"growth_{name}_years"] = fmt_num(step["years_nominal"], 1, lang)
        out[f"growth_{name}_annual"] = fmt_pct(step["annual_nominal"], 0, lang)
        out[f"growth_{name}_annual_if_longest"] = fmt_pct(step["annual_if_longest"], 0, lang)
    out["growth_any_months_longest"] = fmt_int(round(max(s["years_longest"] for s in readings.values()) * 12), lang)
    out["growth_any_annual_slowest"] = fmt_pct(min(s["annual_if_longest"] for s in readings.values()), 0, lang)
    return out


def region_texts(data_dir=None, lang: str = "en") -> dict[str, str]:
    """Glue-ready strings for the regions section."""
    regions = region_table(data_dir)
    out = {"n_regions": fmt_int(len(regions), lang), "region_total": fmt_int(check_region_total(data_dir), lang),
           "n_states": fmt_int(regions["n_states"].sum(), lang)}
    for r in regions.itertuples():
        out[f"region_{_slug(r.region)}"] = fmt_int(r.nodess, lang)
        out[f"region_{_slug(r.region)}_share"] = fmt_pct(r.share, 1, lang)
        out[f"region_{_slug(r.region)}_states"] = fmt_int(r.n_states, lang)
    top = regions.loc[regions["nodess"].idxmax()]
    out["region_top"], out["region_top_share"] = data_text(top["region"], lang), fmt_pct(top["share"], 1, lang)
    return out


def _names(items, lang: str = "en") -> str:
    """Names from the data joined in words (``"A, B and C"``), each in ``lang``."""
    return join_words([data_text(item, lang) for item in items], lang=lang)


def _printed_pct(value: float, lang: str = "en") -> str:
    """A percentage the paper prints (``4`` -> ``"4%"``), with the edition's percent sign."""
    return f"{float(value):g}" + percent_sign(lang)


def returns_texts(data_dir=None, lang: str = "en") -> dict[str, str]:
    """Glue-ready strings describing how the ``returns`` basis is built from the brackets."""
    brackets = loaders.load_repatriation_origin_brackets(data_dir)
    stated = loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]
    out = {"returns_n_listed": fmt_int(len(brackets), lang),
           "returns_threshold": _printed_pct(stated["origin_bracket_threshold"], lang),
           "returns_base": fmt_int(stated["origin_bracket_base"], lang)}
    for scenario in RETURNS_SCENARIOS:
        shares = returns_state_shares(data_dir, scenario)
        out[f"returns_listed_{scenario}"] = fmt_pct(shares.loc[shares["listed"], "share"].sum(), 1, lang)
        out[f"returns_each_unlisted_{scenario}"] = fmt_pct(shares.loc[~shares["listed"], "share"].iloc[0], 1, lang)
        out["returns_n_unlisted"] = fmt_int((~shares["listed"]).sum(), lang)
        out[f"returns_unlisted_{scenario}"] = fmt_pct(shares.loc[~shares["listed"], "share"].sum(), 1, lang)
    closed = brackets.dropna(subset=["share_high_percent"])
    width = float((closed["share_high_percent"] - closed["share_low_percent"]).max())
    top = brackets[brackets["share_high_percent"].isna()]
    out["returns_open_low"] = fmt_pct(top["share_low_percent"].iloc[0] / 100, 1, lang)
    out["returns_open_high"] = fmt_pct((top["share_low_percent"].iloc[0] + width) / 100, 1, lang)
    out["returns_open_states"] = _names(top["state"], lang)
    return out


def coverage_texts(basis: str, data_dir=None, alpha: float = 0.05, lang: str = "en") -> dict[str, str]:
    """Glue-ready strings for the coverage section under ``basis`` (and the comparison of all bases)."""
    cov, gof = coverage(basis, data_dir, alpha)
    gaps = gap_table(basis, data_dir, alpha)
    weights = basis_by_state(basis, data_dir)
    out = {"basis": _(basis, lang, context="parameter value"), "basis_label": basis_label(basis, lang),
           "gof_chi2": fmt_num(gof.statistic, 1, lang), "gof_df": fmt_int(gof.dof, lang),
           "gof_p": p_text(gof.pvalue, lang), "gof_min_expected": fmt_num(gof.min_expected, 1, lang),
           "gof_approx": approximation_text(gof.min_expected, lang),
           "gof_verdict": verdict(gof.significant(alpha), lang)}
    for end, row in (("short", gaps.iloc[0]), ("surplus", gaps.iloc[-1])):
        region_states = weights[weights["nodess_region"] == row["region"]].sort_values("share", ascending=False)
        out.update({
            f"{end}_region": data_text(row["region"], lang), f"{end}_observed": fmt_int(row["observed"], lang),
            f"{end}_expected": fmt_num(row["expected"], 1, lang), f"{end}_ratio": fmt_num(row["ratio"], 2, lang),
            f"{end}_ratio_low": fmt_num(row["ratio_low"], 2, lang),
            f"{end}_ratio_high": fmt_num(row["ratio_high"], 2, lang),
            f"{end}_gap": fmt_num(abs(row["gap"]), 1, lang),
            f"{end}_adjusted": signed(fmt_num(row["adjusted"], 2, lang)),
            f"{end}_share": fmt_pct(row["share"], 1, lang),
            f"{end}_observed_share": fmt_pct(row["observed_share"], 1, lang),
            f"{end}_top_states": _names(region_states["name"].head(2), lang),
        })
    biggest = cov["gap"].idxmin()
    out["largest_absolute_gap_region"] = data_text(biggest, lang)
    out["largest_absolute_gap"] = fmt_num(abs(cov.loc[biggest, "gap"]), 1, lang)
    unusual = cov["adjusted"].abs().idxmax()
    out["most_unusual_region"] = data_text(unusual, lang)
    out["most_unusual_direction"] = _("more", lang) if cov.loc[unusual, "gap"] > 0 else _("fewer", lang)
    n_short = int((cov["ratio_high"] < 1).sum())
    out["n_regions_short_ci"] = fmt_int(n_short, lang)
    for other in BASES:
        other_cov, other_gof = coverage(other, data_dir, alpha)
        out[f"gof_chi2_{other}"] = fmt_num(other_gof.statistic, 1, lang)
        out[f"gof_p_{other}"] = p_text(other_gof.pvalue, lang)
        out[f"gof_verdict_{other}"] = verdict(other_gof.significant(alpha), lang)
        short = gap_table(other, data_dir, alpha).iloc[0]  # ranked from the largest shortfall relative to chance
        out[f"short_region_{other}"] = data_text(short["region"], lang)
        out[f"short_ratio_{other}"] = fmt_num(short["ratio"], 2, lang)
        out[f"short_ratio_low_{other}"] = fmt_num(short["ratio_low"], 2, lang)
        out[f"short_ratio_high_{other}"] = fmt_num(short["ratio_high"], 2, lang)
        out[f"short_reading_{other}"] = shortfall_reading(other_gof.significant(alpha), short["ratio_low"],
                                                          short["ratio_high"], lang)
        for region, row in other_cov.iterrows():
            out[f"ratio_{_slug(region)}_{other}"] = fmt_num(row["ratio"], 2, lang)
            out[f"ratio_low_{_slug(region)}_{other}"] = fmt_num(row["ratio_low"], 2, lang)
            out[f"ratio_high_{_slug(region)}_{other}"] = fmt_num(row["ratio_high"], 2, lang)
            out[f"ratio_vs_one_{_slug(region)}_{other}"] = interval_vs_one(row["ratio_low"], row["ratio_high"], lang)
    return out


SEARCH_TERMS = (_("cooperative", context="search term"),)
"""Words the chapter searches the catalogue for. The search reads the paper's English text, so the Spanish
edition shows the English word too (its catalogue entry says so)."""


def catalogue_texts(data_dir=None, term: str = "cooperative", lang: str = "en") -> dict[str, str]:
    """Glue-ready strings for the themes and ecosystems section."""
    themes = loaders.load_nodess_priority_themes(data_dir)
    crosswalk = theme_crosswalk(data_dir)
    ecosystems = ecosystem_table(data_dir)
    largest = ecosystems.loc[ecosystems["n_lines"].idxmax()]
    smallest = ecosystems.loc[ecosystems["n_lines"].idxmin()]
    hits = search_catalogue(term, data_dir)
    sixth, seventh = themes.sort_values("printed_order")["theme"].iloc[[5, 6]]
    return {
        "n_themes": fmt_int(len(themes), lang), "n_themes_merged": fmt_int(len(themes) - 1, lang),
        "theme_6": data_text(sixth, lang), "theme_7": data_text(seventh, lang),
        "n_ecosystems": fmt_int(len(ecosystems), lang), "n_lines": fmt_int(ecosystems["n_lines"].sum(), lang),
        "largest_ecosystem": f"{largest['numeral']} ({data_text(largest['ecosystem'], lang)})",
        "largest_lines": fmt_int(largest["n_lines"], lang),
        "smallest_ecosystem": f"{smallest['numeral']} ({data_text(smallest['ecosystem'], lang)})",
        "smallest_lines": fmt_int(smallest["n_lines"], lang),
        "n_themes_matched": fmt_int(crosswalk["matched"].sum(), lang),
        "n_themes_unmatched": fmt_int((~crosswalk["matched"]).sum(), lang),
        "themes_unmatched": _names(crosswalk.loc[~crosswalk["matched"], "theme"], lang),
        "search_term": _(term, lang, context="search term"), "search_hits": fmt_int(len(hits), lang),
        "search_lines": fmt_int((hits["kind"] == "line of work").sum(), lang),
        "search_ecosystems": fmt_int(hits.loc[hits["kind"] == "line of work", "ecosystem"].nunique(), lang),
    }


# --- The chapter's tables ------------------------------------------------------------------------

CAPTIONS = {
    "tbl-nodess-actors": gettext_noop(
        "Actors promoting the social and solidarity economy by type, 2019–2020 and 2020–2021. Counts as printed; "
        "shares computed. Source: Lara-Escamilla et al. (2024), section “Opportunity areas, an analysis by "
        "states”."),
    "tbl-nodess-actor-residuals": gettext_noop(
        "Adjusted residuals of the test that the mix of actor types is the same in both periods: observed minus "
        "expected count, standardized (about standard normal if the mix did not change). Computed with "
        "statsmodels from the counts in the actors table. Source: Lara-Escamilla et al. (2024)."),
    "tbl-nodess-growth": gettext_noop(
        "Growth of the NODESS network between the printed counts. A year label is placed at mid-year and the "
        "September 2024 snapshot at mid-month; annual growth is compound. Computed from the counts as printed. "
        "Source: Lara-Escamilla et al. (2024)."),
    "tbl-nodess-regions": gettext_noop(
        "NODESS of 2022–2023 by region, with the states the paper lists for each region. Counts and states as "
        "printed; shares computed. Source: Lara-Escamilla et al. (2024), section “Opportunity areas, an analysis "
        "by states”."),
    "tbl-nodess-bases": gettext_noop(
        "Each region's share of the NODESS and of the three bases. Computed from: the NODESS by region (as "
        "printed); INEGI census 2020 (external); Table 2 of the paper; the paper's repatriation share brackets, "
        "read at midpoints with the remainder spread equally (range: brackets read at their lower or upper "
        "bounds). Source: Lara-Escamilla et al. (2024); INEGI, Censo de Población y Vivienda 2020."),
    "tbl-nodess-coverage": gettext_noop(
        "Coverage of each region by the NODESS of 2022–2023 against the chosen basis (named in the text). Counts "
        "as printed; everything else computed; interval level set by alpha. Sources: Lara-Escamilla et al. "
        "(2024); for the population basis, INEGI census 2020 (external)."),
    "tbl-nodess-gaps": gettext_noop(
        "Regions ranked from the largest shortfall of NODESS (2022–2023) to the largest surplus, against the "
        "chosen basis, with their states. Ranked by adjusted residual. Computed from Lara-Escamilla et al. (2024) "
        "and the basis named in the text (population: INEGI census 2020, external)."),
    "tbl-nodess-themes": gettext_noop(
        "Priority themes of the NODESS as printed, with the ecosystems and lines of work (numbered as in the "
        "lines table) whose printed text contains the theme's words. Matching computed. Source: Lara-Escamilla "
        "et al. (2024), section “Opportunity areas, an analysis by states”."),
    "tbl-nodess-ecosystems": gettext_noop(
        "The NODESS ecosystems with the number of lines of work listed under each. Names as printed; counts "
        "computed. Source: Lara-Escamilla et al. (2024), section “Opportunity areas, an analysis by states”."),
    "tbl-nodess-lines": gettext_noop(
        "Every line of work of the NODESS ecosystems, grouped under its ecosystem in printed order; the "
        "reference joins the ecosystem's numeral and the line's position. Source: Lara-Escamilla et al. (2024), "
        "section “Opportunity areas, an analysis by states”."),
}
"""The caption of each table of the chapter, in English; :func:`caption` translates it."""


def caption(name: str, lang: str = "en") -> str:
    """The caption of table ``name`` (:data:`CAPTIONS`) in ``lang``."""
    return _(CAPTIONS[name], lang)


def statistically_minded(topic: str, lang: str = "en") -> str:
    """The title of a closed box of details: ``"For the statistically minded: <topic>"``."""
    return _("For the statistically minded: {topic}", lang).format(topic=topic)


def residuals_topic(lang: str = "en") -> str:
    """The topic of the box holding the table of residuals."""
    return _("the residuals of the test, type by type", lang)


def _num(digits: int, lang: str):
    return lambda v: signed(fmt_num(v, digits, lang))


def actors_frame(data_dir=None, lang: str = "en") -> pd.DataFrame:
    """Actors by type and period as printed, with each type's share, and a total row."""
    wide = actor_table(data_dir)
    shown = pd.DataFrame({_("Type of actor", lang): [data_text(a, lang) for a in wide.index]})
    totals = {_("Type of actor", lang): _("Total (sum of parts)", lang)}
    for period in wide.columns:
        actors, share = (_("{period} (actors)", lang).format(period=period),
                         _("{period} (share)", lang).format(period=period))
        shown[actors] = wide[period].to_numpy()
        shown[share] = [fmt_pct(v, 1, lang) for v in wide[period] / wide[period].sum()]
        totals[actors], totals[share] = int(wide[period].sum()), fmt_pct(1, 1, lang)
    return pd.concat([shown, pd.DataFrame([totals])], ignore_index=True)


def residuals_frame(test, lang: str = "en") -> pd.DataFrame:
    """The adjusted residuals of :func:`compendium.analyses.nodess.actor_mix_test`, by type and period."""
    resid = test.adjusted_residuals
    out = pd.DataFrame({_("Type of actor", lang): [data_text(a, lang) for a in resid.index]})
    for period in resid.columns:
        out[_("{period} (adjusted residual)", lang).format(period=period)] = [
            signed(fmt_num(v, 2, lang)) for v in resid[period]]
    return out


def growth_frame(growth: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess.growth_table` for the table."""
    return pd.DataFrame({
        _("From (as printed)", lang): [data_text(v, lang) for v in growth["from_period"]],
        _("To (as printed)", lang): [data_text(v, lang) for v in growth["to_period"]],
        _("NODESS before", lang): growth["from_count"].to_numpy(), _("NODESS after", lang): growth["to_count"].to_numpy(),
        _("Change", lang): growth["change"].to_numpy(),
        _("Change (%)", lang): [fmt_pct(v, 1, lang) for v in growth["pct_change"]],
        _("Years apart (mid-period)", lang): [fmt_num(v, 1, lang) for v in growth["years_nominal"]],
        _("Years apart (range the labels allow)", lang): [f"{fmt_num(a, 1, lang)}–{fmt_num(b, 1, lang)}" for a, b
                                                         in zip(growth["years_shortest"], growth["years_longest"])],
        _("Annual growth (mid-period)", lang): [fmt_pct(v, 0, lang) for v in growth["annual_nominal"]],
    })


def regions_frame(regions: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess.region_table` for the table."""
    return pd.DataFrame({
        _("Region", lang): [data_text(v, lang) for v in regions["region"]], "NODESS": regions["nodess"].to_numpy(),
        _("Share of NODESS", lang): [fmt_pct(v, 1, lang) for v in regions["share"]],
        _("States (as printed)", lang): regions["states"].to_numpy(),
    })


def bases_frame(shares: pd.DataFrame, regions: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess_coverage.region_shares` beside each region's share of the NODESS
    (``regions`` is :func:`~compendium.analyses.nodess.region_table` indexed by region)."""
    def pct(v):
        return fmt_pct(v, 1, lang)

    return pd.DataFrame({
        _("Region", lang): [data_text(v, lang) for v in shares["region"]],
        _("Share of NODESS", lang): [pct(v) for v in shares["region"].map(regions["share"])],
        _("Census population, 2020 (INEGI, external)", lang): [pct(v) for v in shares["population"]],
        _("Diaspora origin (Table 2)", lang): [pct(v) for v in shares["diaspora"]],
        _("Repatriations, bracket midpoints", lang): [pct(v) for v in shares["returns"]],
        _("Repatriations, range over bracket bounds", lang): [f"{pct(min(a, b))}–{pct(max(a, b))}" for a, b
                                                             in zip(shares["returns_low"], shares["returns_high"])],
    })


def coverage_frame(cov: pd.DataFrame, alpha: float, lang: str = "en") -> pd.DataFrame:
    """The coverage of each region (:func:`compendium.analyses.nodess_coverage.coverage`) for the table."""
    num = lambda digits: _num(digits, lang)  # noqa: E731
    return pd.DataFrame({
        _("Region", lang): [data_text(v, lang) for v in cov.index], "NODESS": cov["observed"].to_numpy(),
        _("Share of basis", lang): [fmt_pct(v, 1, lang) for v in cov["share"]],
        _("Expected NODESS", lang): cov["expected"].map(num(1)).to_numpy(),
        _("Coverage ratio", lang): cov["ratio"].map(num(2)).to_numpy(),
        _("{level} interval", lang).format(level=level_text(alpha, lang)): [
            f"{num(2)(a)}–{num(2)(b)}" for a, b in zip(cov["ratio_low"], cov["ratio_high"])],
        _("Gap (NODESS − expected)", lang): cov["gap"].map(num(1)).to_numpy(),
        _("Pearson residual", lang): cov["pearson"].map(num(2)).to_numpy(),
        _("Adjusted residual", lang): cov["adjusted"].map(num(2)).to_numpy(),
    })


def states_by_weight(basis: str, data_dir=None, lang: str = "en") -> pd.Series:
    """For each region, its states ordered by their share of ``basis``, as ``"Name (share%)"`` text in ``lang``
    (:func:`compendium.analyses.nodess_coverage.states_by_weight` in words)."""
    frame = basis_by_state(basis, data_dir)
    frame["within"] = frame["share"] / frame.groupby("nodess_region")["share"].transform("sum")
    frame = frame.sort_values(["nodess_region", "within"], ascending=[True, False])
    return frame.groupby("nodess_region").apply(
        lambda g: ", ".join(f"{data_text(n, lang)} ({fmt_pct(w, 0, lang)})" for n, w in zip(g["name"], g["within"])),
        include_groups=False)


def gaps_frame(gaps: pd.DataFrame, basis: str, data_dir=None, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess_coverage.gap_table` for the table, its states named in ``lang``."""
    num = lambda digits: _num(digits, lang)  # noqa: E731
    states = states_by_weight(basis, data_dir, lang)
    return pd.DataFrame({
        _("Rank", lang): gaps["rank"].to_numpy(), _("Region", lang): [data_text(v, lang) for v in gaps["region"]],
        "NODESS": gaps["observed"].to_numpy(), _("Expected", lang): gaps["expected"].map(num(1)).to_numpy(),
        _("Coverage ratio", lang): gaps["ratio"].map(num(2)).to_numpy(), _("Gap", lang): gaps["gap"].map(num(1)).to_numpy(),
        _("Adjusted residual", lang): gaps["adjusted"].map(num(2)).to_numpy(),
        _("States, heaviest in the basis first (share of the region's basis)", lang): gaps["region"].map(states).to_numpy(),
    })


def themes_frame(crosswalk: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess.theme_crosswalk` for the table."""
    return pd.DataFrame({
        _("No.", lang): crosswalk["printed_order"].to_numpy(),
        _("Priority theme (as printed)", lang): [data_text(v, lang) for v in crosswalk["theme"]],
        _("Ecosystems naming it", lang): crosswalk["ecosystems"].replace("", "—").to_numpy(),
        _("Lines of work naming it", lang): crosswalk["lines"].replace("", "—").to_numpy(),
    })


def ecosystems_frame(eco: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess.ecosystem_table` for the table."""
    return pd.DataFrame({
        _("Ecosystem", lang): eco["numeral"].to_numpy(),
        _("Name (as printed)", lang): [data_text(v, lang) for v in eco["ecosystem"]],
        _("Lines of work", lang): eco["n_lines"].to_numpy(),
        _("Share of all lines", lang): [fmt_pct(v, 1, lang) for v in eco["share_of_lines"]],
    })


def lines_frame(lines: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.nodess.lines_table` for the table."""
    return pd.DataFrame({
        _("Ref.", lang): lines["ref"].to_numpy(),
        _("Ecosystem", lang): [f"{n} {data_text(e, lang)}" for n, e in zip(lines["numeral"], lines["ecosystem"])],
        _("Line of work (as printed)", lang): [data_text(v, lang) for v in lines["line_of_work"]],
    })
