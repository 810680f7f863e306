"""The chapter "Immigration panorama of Mexico": timeline, ENADID, Figures 1 and 2 per month.

The paper compares totals over periods of different length (a year against eight months) and
states an ENADID difference its own numbers do not give. This module puts every comparison on
a per-month footing, computes the 2024/2023 rate ratios with intervals at level ``1 - alpha``
(Poisson score interval from :func:`compendium.analyses.stats.rate_ratio`, and a quasi-Poisson interval
whose dispersion comes from monthly counts), and sets the external checkpoints beside the
paper's figures. Functions take data frames, so they work on the package's data and on small
made-up frames alike. Numbers and frames only: the chapter's wording is in
:mod:`compendium.present.words.immigration`, its figures in :mod:`compendium.present.figures.immigration`.
This module may import only :mod:`compendium.data` and :mod:`compendium.analyses`.
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from compendium.analyses import stats
from compendium.data.errors import ParameterError

IRREGULAR = "irregular migration events"
"""The paper's Figure 1 series (``series`` value in ``migration_events_mexico``)."""
RETURNS = "returns by the Mexican immigration authority"
"""The paper's Figure 2 series."""
READINGS = ("corrected", "printed")
"""The two readings of the returns labelled 'during 2023': Jan-Aug per correction C04, or the year as printed."""

CHECKPOINT_SERIES = {IRREGULAR: "irregular_migration_events", RETURNS: "returns_by_mexican_authority"}
"""Name of each paper series in the external ``migration_series_checkpoints`` resource."""


# --- parameters ---------------------------------------------------------------------------------

def check_reading(reading) -> str:
    """Return ``reading`` if it is one of :data:`READINGS`, else raise :class:`ParameterError`."""
    if reading not in READINGS:
        raise ParameterError(f"returns_reading must be one of {', '.join(READINGS)} (which period the returns "
                             f"printed as 'during 2023' cover: 'corrected' = January-August per correction C04, "
                             f"'printed' = the whole year); got {reading!r}")
    return reading


# --- the policy timeline ------------------------------------------------------------------------

def timeline_references(timeline: pd.DataFrame, references: pd.DataFrame) -> list[str]:
    """The full printed text of each reference the timeline cites, in the paper's order, without duplicates."""
    keys = [k for k in dict.fromkeys(timeline["reference_key"].dropna()) if k]
    rows = references.set_index("key").loc[keys].sort_values("printed_order")
    return list(rows["printed_text"])


# --- ENADID -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EnadidComparison:
    """Emigrants in the two ENADID periods, the difference the numbers give and the one the paper states."""

    earlier_period: str
    later_period: str
    earlier: int
    later: int
    stated_difference: int

    @property
    def difference(self) -> int:
        """Later minus earlier, from the printed numbers."""
        return self.later - self.earlier

    @property
    def discrepancy(self) -> int:
        """Stated difference minus computed difference (0 when the paper's arithmetic holds)."""
        return self.stated_difference - self.difference

    @property
    def ratio(self) -> float:
        """Later over earlier."""
        return self.later / self.earlier

    @property
    def later_implied_by_stated(self) -> int:
        """The later-period count the stated difference would need, given the earlier count."""
        return self.earlier + self.stated_difference


def enadid_comparison(enadid: pd.DataFrame, stated: pd.DataFrame) -> EnadidComparison:
    """Compare the two ENADID periods (ordered by start year) with the difference stated in the text."""
    rows = enadid.sort_values("period_start_year")
    if len(rows) != 2:
        raise ValueError(f"expected the two ENADID periods, got {len(rows)} rows")
    first, second = rows.iloc[0], rows.iloc[1]
    statement = stated.loc[stated["statement_id"] == "enadid_difference", "value"]
    if statement.empty:
        raise KeyError("stated_totals has no 'enadid_difference' statement")
    return EnadidComparison(first["period"], second["period"], int(first["emigrants"]), int(second["emigrants"]),
                            int(statement.iloc[0]))



# --- periods, rates and ratios ------------------------------------------------------------------

def with_rates(events: pd.DataFrame, reading: str) -> pd.DataFrame:
    """Add months, days and events per month to a ``migration_events_mexico`` frame; tag it with ``reading``."""
    frame = events.copy()
    frame["months"] = stats.months_in_periods(frame["period_start"], frame["period_end"])
    frame["days"] = [stats.period_days(s, e) for s, e in zip(frame["period_start"], frame["period_end"])]
    frame["per_month"] = frame["events"] / frame["months"]
    frame["reading"] = reading
    return frame


def both_readings(printed: pd.DataFrame, corrected: pd.DataFrame) -> pd.DataFrame:
    """Printed and corrected frames with rates, stacked, with a column saying whether a row differs."""
    a, b = with_rates(printed, "printed"), with_rates(corrected, "corrected")
    key = ["series", "period_as_printed"]
    merged = a.merge(b[key + ["period_end"]], on=key, suffixes=("", "_other"))
    differs = dict(zip(map(tuple, merged[key].to_numpy()), merged["period_end"] != merged["period_end_other"]))
    out = pd.concat([a, b], ignore_index=True)
    out["differs"] = [differs[(s, p)] for s, p in zip(out["series"], out["period_as_printed"])]
    return out


def pick(frame: pd.DataFrame, series: str, year: int, reading: str | None = None) -> pd.Series:
    """The one row of ``series`` whose period starts in ``year`` (and has ``reading``, if given)."""
    mask = (frame["series"] == series) & (frame["period_start"].dt.year == year)
    if reading is not None:
        mask &= frame["reading"] == reading
    rows = frame.loc[mask]
    if len(rows) != 1:
        raise KeyError(f"expected one row of {series!r} starting in {year} (reading {reading}); found {len(rows)}")
    return rows.iloc[0]


@dataclass(frozen=True)
class Comparison:
    """Two periods of one series compared per month: the later over the earlier."""

    series: str
    reading: str
    earlier: pd.Series
    later: pd.Series
    poisson: stats.Estimate
    p_value: float

    @property
    def change(self) -> float:
        """Relative change of the monthly rate, later against earlier (ratio − 1)."""
        return self.poisson.value - 1

    @property
    def total_ratio(self) -> float:
        """The ratio of the totals, ignoring how long each period is (what a reader of the paper sees)."""
        return self.later["events"] / self.earlier["events"]

    @property
    def day_ratio(self) -> float:
        """The ratio of events per day (differs from the monthly ratio when the periods differ in days)."""
        return (self.later["events"] / self.later["days"]) / (self.earlier["events"] / self.earlier["days"])


def compare(earlier: pd.Series, later: pd.Series, alpha: float) -> Comparison:
    """Rate ratio later/earlier per month with the Poisson score interval (:func:`compendium.analyses.stats.rate_ratio`)."""
    estimate, p_value = stats.rate_ratio(int(later["events"]), float(later["months"]),
                                         int(earlier["events"]), float(earlier["months"]), alpha=alpha)
    return Comparison(earlier["series"], earlier.get("reading", ""), earlier, later, estimate, p_value)


def quasi_poisson_ratio(count1: int, exposure1: float, count2: int, exposure2: float, dispersion: float,
                        alpha: float = 0.05) -> stats.Estimate:
    """Ratio of rate 1 to rate 2 with a quasi-Poisson (Wald, log scale) interval for a given dispersion.

    A Poisson GLM of the two counts with log exposure as offset, fitted by statsmodels with its
    scale fixed at ``dispersion``: the variance of each count is ``dispersion`` times its mean
    instead of equal to it, so the interval is ``sqrt(dispersion)`` times wider on the log scale.
    ``dispersion=1`` gives the plain Poisson Wald interval.
    """
    import statsmodels.api as sm

    if dispersion <= 0:
        raise ValueError(f"dispersion must be positive; got {dispersion}")
    design = np.array([[1.0, 0.0], [1.0, 1.0]])
    with warnings.catch_warnings():  # two counts, two parameters: a saturated fit, which statsmodels warns about
        warnings.simplefilter("ignore")
        fit = sm.GLM(np.array([count2, count1], dtype=float), design, family=sm.families.Poisson(),
                     exposure=np.array([exposure2, exposure1], dtype=float)).fit(scale=float(dispersion))
    low, high = np.exp(fit.conf_int(alpha=alpha)[1])
    return stats.Estimate(float(np.exp(fit.params[1])), float(low), float(high), alpha)


def breakeven_dispersion(count1: int, exposure1: float, count2: int, exposure2: float, alpha: float = 0.05) -> float:
    """The dispersion at which the quasi-Poisson interval of the rate ratio would just reach 1.

    Below it the ratio stays distinguishable from 1 at level ``1 - alpha``; months would have to
    vary this many times more than Poisson counts do for the change to be in doubt.
    """
    from scipy.stats import norm

    log_ratio = math.log((count1 / exposure1) / (count2 / exposure2))
    se = math.sqrt(1 / count1 + 1 / count2)
    return (log_ratio / (norm.ppf(1 - alpha / 2) * se)) ** 2


def monthly_dispersion(monthly: pd.DataFrame) -> tuple[float, int]:
    """Pearson dispersion of monthly counts around a constant rate within each year, and its degrees of freedom.

    ``monthly`` has one row per calendar month with ``period_start`` and ``value`` (the external
    checkpoints). A Poisson GLM with one rate per year is fitted by statsmodels; the dispersion
    is its Pearson chi-square over the residual degrees of freedom (the quasi-Poisson scale).
    A value of 1 means the months vary as much as Poisson counts; hundreds mean far more.
    """
    import statsmodels.api as sm

    years = monthly["period_start"].dt.year
    design = pd.get_dummies(years, prefix="year", dtype=float)
    if len(monthly) <= design.shape[1]:
        raise ValueError("need more months than years to estimate the dispersion")
    with warnings.catch_warnings():  # months that fit their year's rate exactly make statsmodels warn
        warnings.simplefilter("ignore")
        fit = sm.GLM(monthly["value"].to_numpy(dtype=float), design.to_numpy(),
                     family=sm.families.Poisson()).fit(scale="X2")
    return float(fit.scale), int(fit.df_resid)


def monthly_checkpoints(checkpoints: pd.DataFrame, series: str) -> pd.DataFrame:
    """Rows of the external checkpoints that cover exactly one calendar month, for one series."""
    rows = checkpoints.loc[checkpoints["series"] == series].copy()
    months = stats.months_in_periods(rows["period_start"], rows["period_end"])
    return rows.loc[[m == 1 for m in months]].sort_values("period_start").reset_index(drop=True)


def ratio_rows(comparisons: list[Comparison], dispersion: float, alpha: float) -> pd.DataFrame:
    """One row per comparison: totals, months, rates, the ratio with Poisson and quasi-Poisson intervals."""
    rows = []
    for c in comparisons:
        qp = quasi_poisson_ratio(int(c.later["events"]), float(c.later["months"]), int(c.earlier["events"]),
                                 float(c.earlier["months"]), dispersion, alpha)
        rows.append({
            "series": c.series, "reading": c.reading,
            "earlier_events": int(c.earlier["events"]), "earlier_months": int(c.earlier["months"]),
            "later_events": int(c.later["events"]), "later_months": int(c.later["months"]),
            "earlier_per_month": float(c.earlier["per_month"]), "later_per_month": float(c.later["per_month"]),
            "total_ratio": c.total_ratio, "ratio": c.poisson.value,
            "poisson_low": c.poisson.low, "poisson_high": c.poisson.high,
            "quasi_low": qp.low, "quasi_high": qp.high,
            "breakeven": breakeven_dispersion(int(c.later["events"]), float(c.later["months"]),
                                              int(c.earlier["events"]), float(c.earlier["months"]), alpha),
        })
    return pd.DataFrame(rows)



# --- the external checkpoints -------------------------------------------------------------------

@dataclass(frozen=True)
class Remainder:
    """An external total for a longer period minus the paper's total for its first months."""

    series: str
    external: pd.Series
    paper_events: int
    paper_months: int

    @property
    def months(self) -> int:
        """Months covered by the external figure beyond the paper's period."""
        return stats.months_in_period(self.external["period_start"], self.external["period_end"]) - self.paper_months

    @property
    def events(self) -> int:
        """External total minus the paper's total: the events of the remaining months (may be negative)."""
        return int(self.external["value"]) - self.paper_events

    @property
    def per_month(self) -> float:
        """Events per month in the remaining months."""
        return self.events / self.months if self.months else float("nan")

    @property
    def paper_per_month(self) -> float:
        """Events per month in the paper's period."""
        return self.paper_events / self.paper_months


def remainder(checkpoint: pd.Series, paper_row: pd.Series) -> Remainder:
    """What an external total implies for the months after the paper's period (both must start on the same day)."""
    if pd.Timestamp(checkpoint["period_start"]) != pd.Timestamp(paper_row["period_start"]):
        raise ValueError("the external period and the paper's period must start on the same day")
    months = stats.months_in_period(paper_row["period_start"], paper_row["period_end"])
    return Remainder(paper_row["series"], checkpoint, int(paper_row["events"]), months)


def checkpoint(checkpoints: pd.DataFrame, series: str, start: str, end: str) -> pd.Series:
    """The one external checkpoint of ``series`` for the period ``start``-``end``."""
    rows = checkpoints.loc[(checkpoints["series"] == series) & (checkpoints["period_start"] == pd.Timestamp(start))
                           & (checkpoints["period_end"] == pd.Timestamp(end))]
    if len(rows) != 1:
        raise KeyError(f"expected one checkpoint of {series} for {start} to {end}; found {len(rows)}")
    return rows.iloc[0]


def checkpoint_rows(checkpoints: pd.DataFrame, paper: pd.DataFrame) -> pd.DataFrame:
    """The paper's figures and the external checkpoints of the same two series, one row per period.

    Columns: ``series``, ``start``, ``end``, ``value``, ``kind`` (the paper's reading, ``printed``
    or ``corrected``, or ``external``), ``unit`` (an external figure's unit, else empty) and
    ``months``; ordered by series and period end, then the later start (the shorter period) first.
    """
    rows = []
    for series, name in CHECKPOINT_SERIES.items():
        for row in paper.loc[paper["series"] == series].itertuples(index=False):
            rows.append((series, row.period_start, row.period_end, row.events, row.reading, ""))
        for row in checkpoints.loc[checkpoints["series"] == name].itertuples(index=False):
            rows.append((series, row.period_start, row.period_end, row.value, "external", row.unit))
    frame = pd.DataFrame(rows, columns=["series", "start", "end", "value", "kind", "unit"])
    # a paper row that is the same under both readings is listed once
    frame = frame.drop_duplicates(["series", "start", "end", "value"], keep="first")
    frame["months"] = stats.months_in_periods(frame["start"], frame["end"])
    return frame.sort_values(["series", "end", "start"], ascending=[True, True, False], kind="stable").reset_index(drop=True)


# --- the whole chapter's analysis ---------------------------------------------------------------

@dataclass
class Analysis:
    """Everything the chapter shows, computed from the data package with one set of parameters."""

    alpha: float
    reading: str
    timeline: pd.DataFrame  # the policy_timeline resource as loaded
    references: list[str]  # the printed text of each reference the timeline cites
    paper_references: pd.DataFrame  # the paper's whole reference list (the references resource)
    enadid: EnadidComparison
    enadid_rows: pd.DataFrame
    events: pd.DataFrame
    checkpoints: pd.DataFrame
    irregular: Comparison
    returns: dict[str, Comparison]
    dispersion: float
    dispersion_df: int
    monthly_returns: pd.DataFrame
    ratios: pd.DataFrame
    irregular_rest: Remainder
    returns_rest: Remainder

    @property
    def headline_returns(self) -> Comparison:
        """The returns comparison under the chapter's ``returns_reading``."""
        return self.returns[self.reading]


def analyse(data_dir=None, alpha: float = 0.05, reading: str = "corrected") -> Analysis:
    """Load the chapter's datasets from ``data_dir`` and compute every result it shows."""
    from compendium.data import loaders

    alpha, reading = stats.check_alpha(alpha), check_reading(reading)
    references = loaders.load_references(data_dir)
    timeline = loaders.load_policy_timeline(data_dir)
    enadid = loaders.load_enadid_emigration(data_dir)
    events = both_readings(loaders.load_migration_events_mexico(data_dir),
                           loaders.load_migration_events_mexico(data_dir, corrected=True))
    checkpoints = loaders.load_migration_series_checkpoints(data_dir)

    irregular = compare(pick(events, IRREGULAR, 2023, "printed"), pick(events, IRREGULAR, 2024, "printed"), alpha)
    returns = {r: compare(pick(events, RETURNS, 2023, r), pick(events, RETURNS, 2024, r), alpha) for r in READINGS}
    monthly = monthly_checkpoints(checkpoints, CHECKPOINT_SERIES[RETURNS])
    dispersion, df = monthly_dispersion(monthly)
    ratios = ratio_rows([irregular, returns["corrected"], returns["printed"]], dispersion, alpha)
    irregular_rest = remainder(checkpoint(checkpoints, CHECKPOINT_SERIES[IRREGULAR], "2023-01-01", "2023-12-31"),
                               pick(events, IRREGULAR, 2023, "printed"))
    returns_rest = remainder(checkpoint(checkpoints, CHECKPOINT_SERIES[RETURNS], "2023-01-01", "2023-10-31"),
                             pick(events, RETURNS, 2023, "corrected"))
    return Analysis(alpha, reading, timeline, timeline_references(timeline, references), references,
                    enadid_comparison(enadid, loaders.load_stated_totals(data_dir)), enadid, events, checkpoints,
                    irregular, returns, dispersion, df, monthly, ratios, irregular_rest, returns_rest)
