"""Wording of the chapter "Immigration panorama of Mexico": its glued sentences' numbers and its readable tables.

Every function takes what :mod:`compendium.analyses.immigration` computed (an ``Analysis``, a
comparison, a frame of rows) and returns the strings and tables with English headers a reader
sees, in the edition's language ``lang``. It may import the analyses layer and
:mod:`compendium.present.formatting`.
"""
from __future__ import annotations

import math

import pandas as pd

from compendium.analyses.immigration import (IRREGULAR, RETURNS, Analysis, EnadidComparison, Remainder,
                                             checkpoint_rows)
from compendium.present.formatting import (fmt_date, fmt_int, fmt_num, fmt_pct, fmt_range, fmt_signed_pct,
                                           level_text)
from compendium.present.i18n import _, data_text, gettext_noop

EXTERNAL_LABEL = gettext_noop("external, secondary: press report quoting the Unidad de Política Migratoria")
"""How the chapter's tables label a figure from the external checkpoints."""

SERIES_NAMES = {
    IRREGULAR: gettext_noop("irregular migration events"),
    RETURNS: gettext_noop("returns by the Mexican immigration authority"),
}
"""The two official series as the chapter names them (the analyses' series keys are these English names)."""


def sentence_case(text: str) -> str:
    """First letter upper-case, the rest untouched ('returns by the Mexican ...' -> 'Returns by the Mexican ...')."""
    return text[:1].upper() + text[1:]


def series_name(series: str, lang: str = "en") -> str:
    """One of the two official series by name, in ``lang``, starting with a capital letter."""
    return sentence_case(_(SERIES_NAMES.get(series, series), lang))


CAPTIONS = {
    "tbl-immigration-roles": gettext_noop(
        "Mexico's three migration roles as the paper frames them, in the compendium's words. Source: "
        "Lara-Escamilla et al. (2024), section 'Immigration panorama of Mexico', after Verea (2022)."),
    "tbl-immigration-timeline": gettext_noop(
        "Migration-policy timeline: each instrument the paper cites, the year, what happened, and the reference the "
        "paper gives for it. Source: Lara-Escamilla et al. (2024), section 'Immigration panorama of Mexico', and its "
        "reference list."),
    "tbl-immigration-enadid": gettext_noop(
        "Emigrants from Mexico in two five-year periods according to ENADID 2023, the difference the two printed "
        "rows give and the difference the text states. Source: Lara-Escamilla et al. (2024), section 'Immigration "
        "panorama of Mexico', citing INEGI (2024), ENADID 2023."),
    "tbl-immigration-ratios": gettext_noop(
        "Events per month in the paper's periods and the ratio of the 2024 pace to the 2023 pace, with intervals at "
        "the level set by alpha: Poisson score intervals, and quasi-Poisson intervals that allow months to vary as "
        "much as the external single months of returns by the Mexican authority do. Returns by the Mexican "
        "authority are shown under both readings of the 2023 period. Source: Lara-Escamilla et al. (2024), Figures "
        "1 and 2, with correction C04; dispersion from external, secondary single months of returns by the Mexican "
        "authority (press report quoting the Unidad de Política Migratoria); computed by the compendium."),
    "tbl-immigration-checkpoints": gettext_noop(
        "The paper's figures beside totals for other periods of the same official series, with events per month. "
        "Sources: Lara-Escamilla et al. (2024), Figures 1 and 2 (as printed, and corrected per C04); external, "
        "secondary: press reports quoting the Unidad de Política Migratoria (one page per row, listed in the Data "
        "appendix)."),
}
"""The captions of the chapter's numbered tables, by the table's name."""


def caption(name: str, lang: str = "en") -> str:
    """The caption of the chapter's table ``name`` (``tbl-immigration-...``) in ``lang``."""
    return _(CAPTIONS[name], lang)


def paper_totals_labels(series: str, lang: str = "en") -> tuple[list[str], str]:
    """The bar labels and the axis label of the redrawn paper's Figure 1 (``IRREGULAR``) or Figure 2 (``RETURNS``)."""
    later = _("January–August 2024", lang)
    if series == RETURNS:
        earlier = _("2023 ('during 2023' in the text;\nJanuary–August in the note)", lang)
    else:
        earlier = _("January–August 2023", lang)
    return [earlier, later], _("events in the period", lang)


# --- Mexico's three roles -----------------------------------------------------------------------

ROLES = (
    (gettext_noop("Emigration"), gettext_noop("For a long time a large share of Mexico's people has left the country, "
                                              "mostly for the United States."),
     gettext_noop("The ENADID counts of emigrants in two five-year periods (the ENADID table).")),
    (gettext_noop("Transit"), gettext_noop("Its position between Central and North America makes Mexico the land "
                                           "route north for migrants from further south."),
     gettext_noop("The events of people in an irregular situation (the paper's Figure 1): many are people crossing "
                  "Mexico, although the count does not record where they were heading.")),
    (gettext_noop("Destination"), gettext_noop(
        "In recent decades more migrants stay in Mexico, pushed by social, economic and political conditions at "
        "home; the 2019-2024 plan presents Mexico as a country that welcomes and gives refuge."),
     gettext_noop("The policy timeline (the Migration Law, the regularization programme, the development plans) and "
                  "the falling returns by the Mexican authority (the paper's Figure 2).")),
)
"""Mexico's three roles as the paper frames them (after Verea, 2022), in the compendium's words."""


def roles_table(lang: str = "en") -> pd.DataFrame:
    """The three roles, what each means, and where this chapter shows evidence on it."""
    return pd.DataFrame([[_(text, lang) for text in row] for row in ROLES],
                        columns=[_("Role", lang), _("What it means", lang), _("Evidence in this chapter", lang)])


# --- the policy timeline ------------------------------------------------------------------------

def reference_label(references: pd.DataFrame, key) -> str:
    """Author-year label of a reference key (``'Presidencia de la República (2019)'``); '' for a blank key."""
    if key is None or (not isinstance(key, str) and pd.isna(key)) or key == "":
        return ""
    row = references.loc[references["key"] == key]
    if row.empty:
        raise KeyError(f"reference key {key!r} is not in the paper's reference list")
    row = row.iloc[0]
    authors = row["authors"].split(";")[0].split(",")[0].strip()
    if ";" in row["authors"]:
        authors += " et al."
    return f"{authors} ({row['year']})"


def timeline_table(timeline: pd.DataFrame, references: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The policy timeline in year order, numbered, with readable headers and the reference each entry cites.

    The English table is also what :func:`compendium.present.figures.immigration.plot_timeline` reads (it
    translates its own labels).
    """
    frame = timeline.sort_values(["year", "instrument"], kind="stable").reset_index(drop=True)
    cited = [reference_label(references, key) or _("no reference in the paper", lang) for key in frame["reference_key"]]
    return pd.DataFrame({
        _("No.", lang): range(1, len(frame) + 1),
        _("Year", lang): frame["year"].astype(str),  # a year, shown without a thousands separator
        _("Instrument", lang): [data_text(v, lang) for v in frame["instrument"]],
        _("Kind", lang): [data_text(v, lang) for v in frame["kind"]],
        _("What happened", lang): [data_text(v, lang) for v in frame["event"]],
        _("Cited in the paper as", lang): cited,
    })


# --- ENADID -------------------------------------------------------------------------------------

def enadid_table(comparison: EnadidComparison, enadid: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The ENADID rows as printed, then the difference computed from them and the difference the paper states."""
    printed = dict(zip(enadid["period"], enadid["printed_as"]))
    emigrants = _("Emigrants {period}", lang)
    return pd.DataFrame({
        _("Quantity", lang): [emigrants.format(period=comparison.earlier_period),
                              emigrants.format(period=comparison.later_period),
                              _("Difference computed from the two rows", lang), _("Difference stated in the text", lang)],
        _("People", lang): [fmt_int(v, lang) for v in (comparison.earlier, comparison.later, comparison.difference,
                                                       comparison.stated_difference)],
        _("As printed (in words)", lang): [data_text(printed[comparison.earlier_period], lang),
                                           data_text(printed[comparison.later_period], lang), "",
                                           _("four hundred and fifty-nine thousand more people", lang)
                                           if comparison.stated_difference == 459000 else ""],
        _("Kind", lang): [_("printed", lang), _("printed", lang), _("computed", lang), _("printed", lang)],
    })


# --- rates and ratios --------------------------------------------------------------------------

def readable_ratio_table(rows: pd.DataFrame, level: str, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.immigration.ratio_rows` with formatted numbers and readable headers, for a numbered table."""
    def interval(low, high):
        return fmt_range(low, high, lambda v: fmt_num(v, 3, lang), lang)

    reading = {"printed": _("as printed: 2023 = the whole year", lang),
               "corrected": _("corrected (C04): 2023 = January–August", lang)}
    return pd.DataFrame({
        _("Series", lang): [series_name(s, lang) for s in rows["series"]],
        _("2023 reading", lang): [reading.get(r, r) if s == RETURNS else _("as printed (January–August)", lang)
                                  for s, r in zip(rows["series"], rows["reading"])],
        _("2023 per month", lang): [fmt_int(v, lang) for v in rows["earlier_per_month"]],
        _("2024 per month", lang): [fmt_int(v, lang) for v in rows["later_per_month"]],
        _("Ratio of totals", lang): [fmt_num(v, 3, lang) for v in rows["total_ratio"]],
        _("Ratio per month", lang): [fmt_num(v, 3, lang) for v in rows["ratio"]],
        _("{level} interval, Poisson", lang).format(level=level):
            [interval(a, b) for a, b in zip(rows["poisson_low"], rows["poisson_high"])],
        _("{level} interval, quasi-Poisson", lang).format(level=level):
            [interval(a, b) for a, b in zip(rows["quasi_low"], rows["quasi_high"])],
    })


# --- the external checkpoints -------------------------------------------------------------------

def checkpoints_table(checkpoints: pd.DataFrame, paper: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The paper's figures and the external checkpoints of the same two series side by side, per month.

    The rows are :func:`compendium.analyses.immigration.checkpoint_rows`; this names each row's source.
    """
    frame = checkpoint_rows(checkpoints, paper)
    sources = {"printed": _("the paper, as printed", lang), "corrected": _("the paper, corrected (C04)", lang)}
    external = _("{label} ({unit})", lang)
    return pd.DataFrame({
        _("Series", lang): [series_name(s, lang) for s in frame["series"]],
        _("Period", lang): [_period_text(s, e, lang) for s, e in zip(frame["start"], frame["end"])],
        _("Months", lang): frame["months"],
        _("Total", lang): [fmt_int(v, lang) for v in frame["value"]],
        _("Per month", lang): [fmt_int(v / m, lang) for v, m in zip(frame["value"], frame["months"])],
        _("Source", lang): [sources[kind] if kind in sources
                            else external.format(label=_(EXTERNAL_LABEL, lang), unit=data_text(unit, lang))
                            for kind, unit in zip(frame["kind"], frame["unit"])],
    })


_MONTH_YEAR = {"en": "MMMM y", "es": "MMMM 'de' y"}  # Babel date patterns: "August 2023", "agosto de 2023"


def _period_text(start, end, lang: str = "en") -> str:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return _("{year} (whole year)", lang).format(year=start.year)
    month_year = _MONTH_YEAR[lang]
    if start == end.replace(day=1):
        return fmt_date(start, lang, month_year)
    first = fmt_date(start, lang, "MMMM" if start.year == end.year else month_year)
    return f"{first}–{fmt_date(end, lang, month_year)}"


# --- the numbers of the prose --------------------------------------------------------------------

def _ratio(value: float) -> str:
    return f"{value:.3f}"


def _p_text(p: float, lang: str = "en") -> str:
    return _("below {p}", lang).format(p=fmt_num(0.001, 3, lang)) if p < 0.001 else fmt_num(p, 3, lang)


def pace_change_words(ratio: float, lang: str = "en") -> str:
    """A ratio of monthly rates (later over earlier) in words: 'more than doubled', 'fell by more than half', ..."""
    if not ratio >= 0:
        raise ValueError(f"a ratio of rates is a number of zero or more, got {ratio!r}")
    if ratio > 3:
        return _("more than tripled", lang)
    if ratio > 2:
        return _("more than doubled", lang)
    if ratio > 1:
        return _("rose", lang)
    if ratio == 1:
        return _("did not change", lang)
    if ratio >= 0.5:
        return _("fell", lang)
    return _("fell by more than half", lang)


def glue_strings(a: Analysis, lang: str = "en") -> dict[str, str]:
    """Every number the chapter's prose shows, formatted in ``lang``, by glue key."""
    irr, head = a.irregular, a.headline_returns
    rc, rp = a.returns["corrected"], a.returns["printed"]
    qp = a.ratios.set_index(["series", "reading"])
    irr_qp = qp.loc[(IRREGULAR, "printed")]
    head_qp = qp.loc[(RETURNS, a.reading)]
    monthly = a.monthly_returns.assign(year=a.monthly_returns["period_start"].dt.year)
    q1 = monthly.groupby("year")["value"].sum()
    months_per_year = monthly.groupby("year")["value"].size()
    m23 = monthly.loc[monthly["year"] == 2023, "value"]
    spring = Remainder(RETURNS, pd.Series({"period_start": pd.Timestamp("2023-01-01"), "period_end": rc.earlier["period_end"],
                                           "value": int(rc.earlier["events"])}), int(q1.loc[2023]), int(months_per_year.loc[2023]))
    years = a.timeline["year"].astype(int)
    population_law = int(a.timeline.set_index("instrument").loc["General Population Law", "year"])
    migration_law = int(years[a.timeline["instrument"] == "Migration Law"].min())
    e = a.enadid
    values = {
        "alpha": f"{a.alpha:g}",
        "level": level_text(a.alpha, lang),
        "n_instruments": fmt_int(len(a.timeline), lang),
        "first_year": str(years.min()), "last_year": str(years.max()),
        "population_law_years": fmt_int(migration_law - population_law, lang),
        # ENADID
        "enadid_earlier": fmt_int(e.earlier, lang), "enadid_later": fmt_int(e.later, lang),
        "enadid_span": fmt_int(int(a.enadid_rows["period_end_year"].iloc[0] - a.enadid_rows["period_start_year"].iloc[0]), lang),
        "enadid_diff_computed": fmt_int(e.difference, lang), "enadid_diff_stated": fmt_int(e.stated_difference, lang),
        "enadid_discrepancy": fmt_int(e.discrepancy, lang), "enadid_growth": fmt_signed_pct(e.ratio - 1, 1, lang),
        "enadid_later_implied": fmt_int(e.later_implied_by_stated, lang),
        # irregular-migration events (Figure 1)
        "irr_2023": fmt_int(irr.earlier["events"], lang), "irr_2024": fmt_int(irr.later["events"], lang),
        "irr_months": fmt_int(irr.later["months"], lang),
        "irr_2023_pm": fmt_int(irr.earlier["per_month"], lang), "irr_2024_pm": fmt_int(irr.later["per_month"], lang),
        "irr_ratio": _ratio(irr.poisson.value), "irr_low": _ratio(irr.poisson.low), "irr_high": _ratio(irr.poisson.high),
        "irr_change": fmt_signed_pct(irr.change, 1, lang), "irr_p": _p_text(irr.p_value, lang),
        "irr_pace_words": pace_change_words(irr.poisson.value, lang),
        "irr_day_ratio": _ratio(irr.day_ratio),
        "irr_days_2023": fmt_int(irr.earlier["days"], lang), "irr_days_2024": fmt_int(irr.later["days"], lang),
        "irr_qp_low": _ratio(irr_qp["quasi_low"]), "irr_qp_high": _ratio(irr_qp["quasi_high"]),
        "irr_breakeven": fmt_int(irr_qp["breakeven"], lang),
        # returns by the Mexican authority (Figure 2)
        "ret_2023": fmt_int(rc.earlier["events"], lang), "ret_2024": fmt_int(rc.later["events"], lang),
        "ret_months_2024": fmt_int(rc.later["months"], lang),
        "ret_months_corrected": fmt_int(rc.earlier["months"], lang), "ret_months_printed": fmt_int(rp.earlier["months"], lang),
        "ret_2023_pm_corrected": fmt_int(rc.earlier["per_month"], lang), "ret_2023_pm_printed": fmt_int(rp.earlier["per_month"], lang),
        "ret_2024_pm": fmt_int(rc.later["per_month"], lang),
        "ret_total_ratio": _ratio(rc.total_ratio),
        "ret_ratio_corrected": _ratio(rc.poisson.value), "ret_ratio_printed": _ratio(rp.poisson.value),
        "ret_change_corrected": fmt_signed_pct(rc.change, 1, lang), "ret_change_printed": fmt_signed_pct(rp.change, 1, lang),
        "ret_pace_words_corrected": pace_change_words(rc.poisson.value, lang),
        "ret_total_change": fmt_signed_pct(rc.total_ratio - 1, 1, lang),
        # headline returns comparison, under the chapter's returns_reading
        "ret_reading": (_("corrected per C04: the 2023 figure covers January–August", lang) if a.reading == "corrected"
                        else _("as printed: the 2023 figure covers the whole year", lang)),
        "ret_ratio": _ratio(head.poisson.value), "ret_low": _ratio(head.poisson.low),
        "ret_high": _ratio(head.poisson.high), "ret_change": fmt_signed_pct(head.change, 1, lang), "ret_p": _p_text(head.p_value, lang),
        "ret_qp_low": _ratio(head_qp["quasi_low"]), "ret_qp_high": _ratio(head_qp["quasi_high"]),
        "ret_breakeven": fmt_int(head_qp["breakeven"], lang),
        # over-dispersion from the external monthly returns
        "n_monthly": fmt_int(len(monthly), lang), "disp": fmt_int(a.dispersion, lang), "disp_df": fmt_int(a.dispersion_df, lang),
        "disp_sqrt": fmt_num(math.sqrt(a.dispersion), 0, lang),
        "ret_q1_2022": fmt_int(q1.loc[2022], lang), "ret_q1_2023": fmt_int(q1.loc[2023], lang),
        "ret_q1_change": fmt_signed_pct(q1.loc[2023] / q1.loc[2022] - 1, 1, lang),
        "ret_month_min_2023": fmt_int(m23.min(), lang), "ret_month_max_2023": fmt_int(m23.max(), lang),
        "ret_q1_2023_pm": fmt_int(q1.loc[2023] / months_per_year.loc[2023], lang),
        "ret_spring_months": fmt_int(spring.months, lang), "ret_spring_pm": fmt_int(spring.per_month, lang),
        # external checkpoints
        "irr_full_2023": fmt_int(a.irregular_rest.external["value"], lang),
        "irr_full_2023_pm": fmt_int(a.irregular_rest.external["value"] / (a.irregular_rest.months + a.irregular_rest.paper_months), lang),
        "irr_rest_events": fmt_int(a.irregular_rest.events, lang), "irr_rest_months": fmt_int(a.irregular_rest.months, lang),
        "irr_rest_pm": fmt_int(a.irregular_rest.per_month, lang),
        "irr_rest_pace": fmt_num(a.irregular_rest.per_month / a.irregular_rest.paper_per_month, 1, lang),
        "irr_2024_vs_full": _ratio(irr.later["per_month"] / (a.irregular_rest.external["value"] / 12)),
        "irr_first_share": fmt_pct(a.irregular_rest.paper_events / a.irregular_rest.external["value"], 0, lang),
        "ret_jan_oct_2023": fmt_int(a.returns_rest.external["value"], lang),
        "ret_rest_events": fmt_int(a.returns_rest.events, lang), "ret_rest_months": fmt_int(a.returns_rest.months, lang),
        "ret_rest_pm": fmt_int(a.returns_rest.per_month, lang),
    }
    return values
