"""Wording of the chapter "Immigration panorama of Mexico": its glued sentences' numbers and its readable tables.

Every function takes what :mod:`compendium.analyses.immigration` computed (an ``Analysis``, a
comparison, a frame of rows) and returns the strings and tables with English headers a reader
sees. It may import the analyses layer and :mod:`compendium.present.formatting`.
"""
from __future__ import annotations

import math

import pandas as pd

from compendium.analyses.immigration import (IRREGULAR, RETURNS, Analysis, EnadidComparison, Remainder,
                                             checkpoint_rows)
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct, level_text

EXTERNAL_LABEL = "external, secondary: press report quoting the Unidad de Política Migratoria"
"""How the chapter's tables label a figure from the external checkpoints."""


def sentence_case(text: str) -> str:
    """First letter upper-case, the rest untouched ('returns by the Mexican ...' -> 'Returns by the Mexican ...')."""
    return text[:1].upper() + text[1:]


# --- Mexico's three roles -----------------------------------------------------------------------

ROLES = (
    ("Emigration", "For a long time a large share of Mexico's people has left the country, mostly for the "
     "United States.", "The ENADID counts of emigrants in two five-year periods (the ENADID table)."),
    ("Transit", "Its position between Central and North America makes Mexico the land route north for "
     "migrants from further south.", "The events of people in an irregular situation (the paper's Figure 1): many "
     "are people crossing Mexico, although the count does not record where they were heading."),
    ("Destination", "In recent decades more migrants stay in Mexico, pushed by social, economic and political "
     "conditions at home; the 2019-2024 plan presents Mexico as a country that welcomes and gives refuge.",
     "The policy timeline (the Migration Law, the regularization programme, the development plans) and the "
     "falling returns by the Mexican authority (the paper's Figure 2)."),
)
"""Mexico's three roles as the paper frames them (after Verea, 2022), in the compendium's words."""


def roles_table() -> pd.DataFrame:
    """The three roles, what each means, and where this chapter shows evidence on it."""
    return pd.DataFrame(ROLES, columns=["Role", "What it means", "Evidence in this chapter"])


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


def timeline_table(timeline: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """The policy timeline in year order, numbered, with readable headers and the reference each entry cites."""
    frame = timeline.sort_values(["year", "instrument"], kind="stable").reset_index(drop=True)
    cited = [reference_label(references, key) or "no reference in the paper" for key in frame["reference_key"]]
    return pd.DataFrame({
        "No.": range(1, len(frame) + 1),
        "Year": frame["year"].astype(str),  # a year, shown without a thousands separator
        "Instrument": frame["instrument"],
        "Kind": frame["kind"],
        "What happened": frame["event"],
        "Cited in the paper as": cited,
    })


# --- ENADID -------------------------------------------------------------------------------------

def enadid_table(comparison: EnadidComparison, enadid: pd.DataFrame) -> pd.DataFrame:
    """The ENADID rows as printed, then the difference computed from them and the difference the paper states."""
    printed = dict(zip(enadid["period"], enadid["printed_as"]))
    fmt = "{:,}".format
    return pd.DataFrame({
        "Quantity": [f"Emigrants {comparison.earlier_period}", f"Emigrants {comparison.later_period}",
                     "Difference computed from the two rows", "Difference stated in the text"],
        "People": [fmt(comparison.earlier), fmt(comparison.later), fmt(comparison.difference),
                   fmt(comparison.stated_difference)],
        "As printed (in words)": [printed[comparison.earlier_period], printed[comparison.later_period], "",
                                  "four hundred and fifty-nine thousand more people"
                                  if comparison.stated_difference == 459000 else ""],
        "Kind": ["printed", "printed", "computed", "printed"],
    })


# --- rates and ratios --------------------------------------------------------------------------

def readable_ratio_table(rows: pd.DataFrame, level: str) -> pd.DataFrame:
    """:func:`compendium.analyses.immigration.ratio_rows` with formatted numbers and readable headers, for a numbered table."""
    def interval(low, high):
        return f"{low:.3f} to {high:.3f}"

    reading = {"printed": "as printed: 2023 = the whole year",
               "corrected": "corrected (C04): 2023 = January–August"}
    return pd.DataFrame({
        "Series": rows["series"].map(sentence_case),
        "2023 reading": [reading.get(r, r) if s == RETURNS else "as printed (January–August)"
                         for s, r in zip(rows["series"], rows["reading"])],
        "2023 per month": [f"{v:,.0f}" for v in rows["earlier_per_month"]],
        "2024 per month": [f"{v:,.0f}" for v in rows["later_per_month"]],
        "Ratio of totals": [f"{v:.3f}" for v in rows["total_ratio"]],
        "Ratio per month": [f"{v:.3f}" for v in rows["ratio"]],
        f"{level} interval, Poisson": [interval(a, b) for a, b in zip(rows["poisson_low"], rows["poisson_high"])],
        f"{level} interval, quasi-Poisson": [interval(a, b) for a, b in zip(rows["quasi_low"], rows["quasi_high"])],
    })


# --- the external checkpoints -------------------------------------------------------------------

def checkpoints_table(checkpoints: pd.DataFrame, paper: pd.DataFrame) -> pd.DataFrame:
    """The paper's figures and the external checkpoints of the same two series side by side, per month.

    The rows are :func:`compendium.analyses.immigration.checkpoint_rows`; this names each row's source.
    """
    frame = checkpoint_rows(checkpoints, paper)
    sources = {"printed": "the paper, as printed", "corrected": "the paper, corrected (C04)"}
    return pd.DataFrame({
        "Series": frame["series"].map(sentence_case),
        "Period": [_period_text(s, e) for s, e in zip(frame["start"], frame["end"])],
        "Months": frame["months"],
        "Total": [f"{v:,}" for v in frame["value"]],
        "Per month": [f"{v / m:,.0f}" for v, m in zip(frame["value"], frame["months"])],
        "Source": [sources[kind] if kind in sources else f"{EXTERNAL_LABEL} ({unit})"
                   for kind, unit in zip(frame["kind"], frame["unit"])],
    })


def _period_text(start, end) -> str:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"{start.year} (whole year)"
    if start == end.replace(day=1):
        return start.strftime("%B %Y")
    if start.year == end.year:
        return f"{start:%B}–{end:%B %Y}"
    return f"{start:%B %Y}–{end:%B %Y}"


# --- the numbers of the prose --------------------------------------------------------------------

def _ratio(value: float) -> str:
    return f"{value:.3f}"


def _p_text(p: float) -> str:
    return "below 0.001" if p < 0.001 else f"{p:.3f}"


def pace_change_words(ratio: float) -> str:
    """A ratio of monthly rates (later over earlier) in words: 'more than doubled', 'fell by more than half', ..."""
    if not ratio >= 0:
        raise ValueError(f"a ratio of rates is a number of zero or more, got {ratio!r}")
    if ratio > 3:
        return "more than tripled"
    if ratio > 2:
        return "more than doubled"
    if ratio > 1:
        return "rose"
    if ratio == 1:
        return "did not change"
    if ratio >= 0.5:
        return "fell"
    return "fell by more than half"


def glue_strings(a: Analysis) -> dict[str, str]:
    """Every number the chapter's prose shows, formatted, by glue key."""
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
        "level": level_text(a.alpha),
        "n_instruments": fmt_int(len(a.timeline)),
        "first_year": str(years.min()), "last_year": str(years.max()),
        "population_law_years": fmt_int(migration_law - population_law),
        # ENADID
        "enadid_earlier": fmt_int(e.earlier), "enadid_later": fmt_int(e.later),
        "enadid_span": fmt_int(int(a.enadid_rows["period_end_year"].iloc[0] - a.enadid_rows["period_start_year"].iloc[0])),
        "enadid_diff_computed": fmt_int(e.difference), "enadid_diff_stated": fmt_int(e.stated_difference),
        "enadid_discrepancy": fmt_int(e.discrepancy), "enadid_growth": fmt_signed_pct(e.ratio - 1),
        "enadid_later_implied": fmt_int(e.later_implied_by_stated),
        # irregular-migration events (Figure 1)
        "irr_2023": fmt_int(irr.earlier["events"]), "irr_2024": fmt_int(irr.later["events"]),
        "irr_months": fmt_int(irr.later["months"]),
        "irr_2023_pm": fmt_int(irr.earlier["per_month"]), "irr_2024_pm": fmt_int(irr.later["per_month"]),
        "irr_ratio": _ratio(irr.poisson.value), "irr_low": _ratio(irr.poisson.low), "irr_high": _ratio(irr.poisson.high),
        "irr_change": fmt_signed_pct(irr.change), "irr_p": _p_text(irr.p_value),
        "irr_pace_words": pace_change_words(irr.poisson.value),
        "irr_day_ratio": _ratio(irr.day_ratio),
        "irr_days_2023": fmt_int(irr.earlier["days"]), "irr_days_2024": fmt_int(irr.later["days"]),
        "irr_qp_low": _ratio(irr_qp["quasi_low"]), "irr_qp_high": _ratio(irr_qp["quasi_high"]),
        "irr_breakeven": fmt_int(irr_qp["breakeven"]),
        # returns by the Mexican authority (Figure 2)
        "ret_2023": fmt_int(rc.earlier["events"]), "ret_2024": fmt_int(rc.later["events"]),
        "ret_months_2024": fmt_int(rc.later["months"]),
        "ret_months_corrected": fmt_int(rc.earlier["months"]), "ret_months_printed": fmt_int(rp.earlier["months"]),
        "ret_2023_pm_corrected": fmt_int(rc.earlier["per_month"]), "ret_2023_pm_printed": fmt_int(rp.earlier["per_month"]),
        "ret_2024_pm": fmt_int(rc.later["per_month"]),
        "ret_total_ratio": _ratio(rc.total_ratio),
        "ret_ratio_corrected": _ratio(rc.poisson.value), "ret_ratio_printed": _ratio(rp.poisson.value),
        "ret_change_corrected": fmt_signed_pct(rc.change), "ret_change_printed": fmt_signed_pct(rp.change),
        "ret_pace_words_corrected": pace_change_words(rc.poisson.value),
        "ret_total_change": fmt_signed_pct(rc.total_ratio - 1),
        # headline returns comparison, under the chapter's returns_reading
        "ret_reading": ("corrected per C04: the 2023 figure covers January–August" if a.reading == "corrected"
                        else "as printed: the 2023 figure covers the whole year"),
        "ret_ratio": _ratio(head.poisson.value), "ret_low": _ratio(head.poisson.low),
        "ret_high": _ratio(head.poisson.high), "ret_change": fmt_signed_pct(head.change), "ret_p": _p_text(head.p_value),
        "ret_qp_low": _ratio(head_qp["quasi_low"]), "ret_qp_high": _ratio(head_qp["quasi_high"]),
        "ret_breakeven": fmt_int(head_qp["breakeven"]),
        # over-dispersion from the external monthly returns
        "n_monthly": fmt_int(len(monthly)), "disp": fmt_int(a.dispersion), "disp_df": fmt_int(a.dispersion_df),
        "disp_sqrt": fmt_num(math.sqrt(a.dispersion), 0),
        "ret_q1_2022": fmt_int(q1.loc[2022]), "ret_q1_2023": fmt_int(q1.loc[2023]),
        "ret_q1_change": fmt_signed_pct(q1.loc[2023] / q1.loc[2022] - 1),
        "ret_month_min_2023": fmt_int(m23.min()), "ret_month_max_2023": fmt_int(m23.max()),
        "ret_q1_2023_pm": fmt_int(q1.loc[2023] / months_per_year.loc[2023]),
        "ret_spring_months": fmt_int(spring.months), "ret_spring_pm": fmt_int(spring.per_month),
        # external checkpoints
        "irr_full_2023": fmt_int(a.irregular_rest.external["value"]),
        "irr_full_2023_pm": fmt_int(a.irregular_rest.external["value"] / (a.irregular_rest.months + a.irregular_rest.paper_months)),
        "irr_rest_events": fmt_int(a.irregular_rest.events), "irr_rest_months": fmt_int(a.irregular_rest.months),
        "irr_rest_pm": fmt_int(a.irregular_rest.per_month),
        "irr_rest_pace": fmt_num(a.irregular_rest.per_month / a.irregular_rest.paper_per_month, 1),
        "irr_2024_vs_full": _ratio(irr.later["per_month"] / (a.irregular_rest.external["value"] / 12)),
        "irr_first_share": fmt_pct(a.irregular_rest.paper_events / a.irregular_rest.external["value"], 0),
        "ret_jan_oct_2023": fmt_int(a.returns_rest.external["value"]),
        "ret_rest_events": fmt_int(a.returns_rest.events), "ret_rest_months": fmt_int(a.returns_rest.months),
        "ret_rest_pm": fmt_int(a.returns_rest.per_month),
    }
    return values
