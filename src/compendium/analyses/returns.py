"""Repatriations of Mexicans from the United States: the paper's projection for 2024, put to the test.

The paper prints two totals of repatriation events, one it labels "2023" (172,490) and one for
January-September 2024 (154,203), and expects October-December 2024 to lift 2024 above 2023.
Correction C03 (``data/corrections.csv``) records that 172,490 is the January-September 2023
total. This module computes both readings side by side:

* monthly rates of each period with exact Poisson intervals, and their ratio;
* a projection of January to month ``horizon_months`` of 2024, by one of
  :data:`PROJECTION_METHODS`: a constant monthly pace (``monthly_rate``) or the remaining months
  at the lowest and highest monthly totals reported for 2024 (``month_range``);
* the later checkpoints of the same series (external, secondary evidence);
* the shift between reception points from 2023 to 2024 (external, secondary evidence);
* the origin-state share brackets against Table 2 and the census 2020 populations.

All counts are *events*: a person returned twice counts twice.

Numbers and frames only; it may import :mod:`compendium.data` and :mod:`compendium.analyses`. The
chapter's wording is in :mod:`compendium.present.words.returns`, its figures in
:mod:`compendium.present.figures.returns`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd

from compendium.analyses import stats
from compendium.data.errors import ParameterError

PROJECTION_METHODS = ("monthly_rate", "month_range")
"""``monthly_rate``: every month of the horizon at the January-September 2024 pace, with a
Poisson interval. ``month_range``: the observed January-September 2024 total plus each remaining
month at the lowest (low end) and highest (high end) monthly total reported for 2024."""

OBSERVED_MONTHS_2024 = 9
"""The paper's 2024 figure covers January-September."""

SERIES = "repatriations_of_mexicans_from_us"
"""The checkpoint series this chapter uses."""

PER = 100_000
"""Intensities are per this many residents."""


# --- Parameters -------------------------------------------------------------------------------

def check_parameters(alpha, horizon_months, projection_method) -> tuple[float, int, str]:
    """Validate the chapter's parameters; return them converted, or raise :class:`ParameterError`.

    ``horizon_months`` is the last month of 2024 projected to (9 = September, the last observed
    month, ... 12 = December, the full year); ``projection_method`` one of :data:`PROJECTION_METHODS`.
    """
    alpha = stats.check_alpha(alpha)
    if isinstance(horizon_months, bool) or not isinstance(horizon_months, (int, np.integer)) \
            or not OBSERVED_MONTHS_2024 <= int(horizon_months) <= 12:
        raise ParameterError(
            f"horizon_months must be a whole number from {OBSERVED_MONTHS_2024} (September, the last month the "
            f"paper observes) to 12 (December, the full year 2024); got {horizon_months!r}")
    if projection_method not in PROJECTION_METHODS:
        raise ParameterError(f"projection_method must be one of {', '.join(PROJECTION_METHODS)}; "
                             f"got {projection_method!r}")
    return alpha, int(horizon_months), projection_method


# --- Periods and monthly rates ----------------------------------------------------------------

def with_months(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (with ``period_start``, ``period_end``) plus a ``months`` column of whole calendar months."""
    out = frame.copy()
    out["months"] = stats.months_in_periods(out["period_start"], out["period_end"])
    return out


def both_readings(printed: pd.DataFrame, corrected: pd.DataFrame) -> pd.DataFrame:
    """The two repatriation periods under the paper's reading (as printed) and the corrected reading (C03).

    Returns one row per reading and period: ``reading`` ("paper" or "corrected"), ``year``,
    ``period_as_printed``, ``period_start``, ``period_end``, ``months``, ``events``.
    """
    parts = []
    for reading, frame in (("paper", printed), ("corrected", corrected)):
        part = with_months(frame)
        part.insert(0, "reading", reading)
        part.insert(1, "year", part["period_start"].dt.year)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def monthly_rates(periods: pd.DataFrame, alpha: float = 0.05) -> pd.DataFrame:
    """Events per month of each period with its exact Poisson interval at level ``1 - alpha``.

    Adds ``rate``, ``rate_low``, ``rate_high``. The interval treats the total as one Poisson count
    (see :func:`compendium.analyses.stats.poisson_rate`): it measures counting noise only.
    """
    out = periods.copy()
    estimates = [stats.poisson_rate(int(n), m, alpha) for n, m in zip(out["events"], out["months"])]
    out["rate"] = [e.value for e in estimates]
    out["rate_low"] = [e.low for e in estimates]
    out["rate_high"] = [e.high for e in estimates]
    return out


# --- Checkpoints (external, secondary) --------------------------------------------------------

def checkpoint(checkpoints: pd.DataFrame, start: str, end: str, series: str = SERIES) -> int:
    """The value of the one checkpoint of ``series`` covering ``start``-``end``; KeyError if absent."""
    mask = ((checkpoints["series"] == series) & (checkpoints["period_start"] == pd.Timestamp(start))
            & (checkpoints["period_end"] == pd.Timestamp(end)))
    if mask.sum() != 1:
        raise KeyError(f"no single {series} checkpoint for {start} to {end} (found {int(mask.sum())})")
    return int(checkpoints.loc[mask, "value"].iloc[0])


def reported_change(note) -> float:
    """The change a press note reports: ``"reported as 5% below ..."`` -> ``-0.05``; NaN if it reports none."""
    match = re.search(r"reported as ([+-]?\d+(?:\.\d+)?)%(?: (below|above))?", str(note))
    if not match:
        return float("nan")
    value = float(match.group(1)) / 100
    return -abs(value) if match.group(2) == "below" else value


def monthly_extremes(checkpoints: pd.DataFrame, year: int = 2024, series: str = SERIES) -> tuple[int, int]:
    """The lowest and highest single-month totals of ``series`` reported for ``year``."""
    rows = checkpoints[(checkpoints["series"] == series) & (checkpoints["period_start"].dt.year == year)]
    single = rows[[months == 1 for months in stats.months_in_periods(rows["period_start"], rows["period_end"])]]
    if single.empty:
        raise KeyError(f"no single-month {series} checkpoint in {year}")
    return int(single["value"].min()), int(single["value"].max())


@dataclass(frozen=True)
class Checkpoints:
    """What the later checkpoints say about 2023 and 2024 (external, secondary evidence)."""

    jan_sep_2023: int
    jan_oct_2023: int
    jan_sep_2024: int
    jan_nov_2024: int
    reported_change_jan_sep: float
    reported_change_jan_nov: float
    month_low: int
    month_high: int

    @property
    def oct_2023(self) -> int:
        """October 2023 alone: January-October minus January-September 2023."""
        return self.jan_oct_2023 - self.jan_sep_2023

    @property
    def oct_nov_2024(self) -> int:
        """October and November 2024 together."""
        return self.jan_nov_2024 - self.jan_sep_2024

    @property
    def implied_jan_nov_2023(self) -> float:
        """January-November 2023 implied by the reported percentage fall of January-November 2024."""
        return self.jan_nov_2024 / (1 + self.reported_change_jan_nov)

    def implied_jan_nov_2023_range(self, rounding: float = 0.005) -> tuple[float, float]:
        """The implied January-November 2023 when the reported change is rounded to +/- ``rounding``."""
        change = self.reported_change_jan_nov
        return self.jan_nov_2024 / (1 + change + rounding), self.jan_nov_2024 / (1 + change - rounding)

    @property
    def october_2024_needed(self) -> int:
        """Events October 2024 alone would have needed for January-October 2024 to match January-October 2023."""
        return self.jan_oct_2023 - self.jan_sep_2024

    @property
    def december_gap(self) -> float:
        """Events by which January-November 2024 trails the implied January-November 2023."""
        return self.implied_jan_nov_2023 - self.jan_nov_2024


def read_checkpoints(checkpoints: pd.DataFrame) -> Checkpoints:
    """Pick the repatriation checkpoints the chapter uses out of the checkpoint table."""
    def note(start, end):
        mask = ((checkpoints["series"] == SERIES) & (checkpoints["period_start"] == pd.Timestamp(start))
                & (checkpoints["period_end"] == pd.Timestamp(end)))
        return checkpoints.loc[mask, "note"].iloc[0]

    low, high = monthly_extremes(checkpoints)
    return Checkpoints(
        jan_sep_2023=checkpoint(checkpoints, "2023-01-01", "2023-09-30"),
        jan_oct_2023=checkpoint(checkpoints, "2023-01-01", "2023-10-31"),
        jan_sep_2024=checkpoint(checkpoints, "2024-01-01", "2024-09-30"),
        jan_nov_2024=checkpoint(checkpoints, "2024-01-01", "2024-11-30"),
        reported_change_jan_sep=reported_change(note("2024-01-01", "2024-09-30")),
        reported_change_jan_nov=reported_change(note("2024-01-01", "2024-11-30")),
        month_low=low, month_high=high,
    )


# --- Projection ---------------------------------------------------------------------------------

def project(events: int, months: int, horizon: int, method: str = "monthly_rate", alpha: float = 0.05,
            month_low: int | None = None, month_high: int | None = None) -> stats.Estimate:
    """Project a January-to-``months`` total of ``events`` to January-to-``horizon``.

    ``monthly_rate``: ``horizon`` times the monthly rate, interval ``horizon`` times the exact
    Poisson interval of the rate (assumes a constant monthly pace and Poisson counting noise).
    ``month_range``: the observed ``events`` plus each remaining month at ``month_low`` (low end),
    ``month_high`` (high end) or their midpoint (the central value): a scenario band, not a
    probability interval, so ``alpha`` does not enter.
    """
    if horizon < months:
        raise ValueError(f"horizon ({horizon}) is before the last observed month ({months})")
    if method == "monthly_rate":
        rate = stats.poisson_rate(int(events), months, alpha)
        return stats.Estimate(horizon * rate.value, horizon * rate.low, horizon * rate.high, alpha)
    if method == "month_range":
        if month_low is None or month_high is None:
            raise ValueError("month_range needs month_low and month_high")
        remaining = horizon - months
        return stats.Estimate(events + remaining * (month_low + month_high) / 2, events + remaining * month_low,
                              events + remaining * month_high, alpha)
    raise ParameterError(f"projection_method must be one of {', '.join(PROJECTION_METHODS)}; got {method!r}")


def compare_readings(rates: pd.DataFrame, horizon: int, method: str, alpha: float,
                     month_low: int, month_high: int) -> pd.DataFrame:
    """The paper's expectation tested under each reading: one row per reading.

    Columns: ``reading``, ``months_2023`` (months the 172,490 covers), ``rate_2023``,
    ``rate_2024``, ``rate_ratio`` with ``ratio_low``/``ratio_high`` and ``p_value`` (score test of
    equal monthly rates), ``benchmark_2023`` (the 2023 total the January-``horizon`` 2024
    projection is compared with: the printed total as a full year under the paper's reading; the
    January-``horizon`` 2023 total at the January-September 2023 pace under the corrected reading),
    ``projection``/``projection_low``/``projection_high``, ``change``/``change_low``/``change_high``
    (projection over benchmark minus one) and ``exceeds`` (the projection's low end is above the
    benchmark: True; its high end is below: False; otherwise None, undecided).
    """
    rows = []
    for reading, part in rates.groupby("reading", sort=False):
        y23 = part[part["year"] == 2023].iloc[0]
        y24 = part[part["year"] == 2024].iloc[0]
        ratio, p_value = stats.rate_ratio(int(y24["events"]), y24["months"], int(y23["events"]), y23["months"], alpha)
        projection = project(int(y24["events"]), int(y24["months"]), horizon, method, alpha, month_low, month_high)
        if reading == "paper":
            benchmark = float(y23["events"])  # the whole of "2023", whatever the horizon
            scale = horizon / y23["months"]
        else:
            benchmark = horizon * y23["rate"]  # January-horizon 2023 at its January-September pace
            scale = 1.0
        if method == "monthly_rate":  # both counts' Poisson noise, through the rate ratio's interval
            change_low, change_high = ratio.low * scale - 1, ratio.high * scale - 1
        else:
            change_low, change_high = projection.low / benchmark - 1, projection.high / benchmark - 1
        exceeds = True if float(change_low) > 0 else False if float(change_high) < 0 else None
        rows.append({
            "reading": reading, "months_2023": int(y23["months"]), "events_2023": int(y23["events"]),
            "rate_2023": y23["rate"], "rate_2024": y24["rate"],
            "rate_ratio": ratio.value, "ratio_low": ratio.low, "ratio_high": ratio.high, "p_value": p_value,
            "benchmark_2023": benchmark, "projection": projection.value, "projection_low": projection.low,
            "projection_high": projection.high, "change": projection.value / benchmark - 1,
            "change_low": change_low, "change_high": change_high, "exceeds": exceeds,
        })
    out = pd.DataFrame(rows)
    out["exceeds"] = pd.Series([row["exceeds"] for row in rows], dtype=object)  # True, False or None
    return out


def break_even_pace(events_2023: int, events_2024: int, months_left: int) -> float:
    """Events per month the remaining ``months_left`` months of 2024 need for 2024 to reach ``events_2023``."""
    return (events_2023 - events_2024) / months_left


# --- Reception points (external, secondary) -----------------------------------------------------

def reception_shift(points: pd.DataFrame) -> pd.DataFrame:
    """Each reception point's events in January-September 2023 and 2024, the change and the 2024 share.

    A blank 2023 value (air points, not listed for 2023) stays missing: its change is missing too.
    Sorted land points first, then by 2024 events.
    """
    out = points.rename(columns={"events_jan_sep_2023": "events_2023", "events_jan_sep_2024": "events_2024"}).copy()
    out["events_2023"] = out["events_2023"].astype("Float64")
    out["change"] = (out["events_2024"] - out["events_2023"]).astype("Float64")
    out["change_pct"] = out["change"] / out["events_2023"]
    out["share_2023"] = out["events_2023"] / out["events_2023"].sum()
    out["share_2024"] = out["events_2024"] / out["events_2024"].sum()
    out["land"] = out["kind"].eq("land border")
    return out.sort_values(["land", "events_2024"], ascending=[False, False]).reset_index(drop=True)


def reception_sums(points: pd.DataFrame) -> dict[str, int]:
    """Totals of the reception-point table by year and kind (blanks not counted)."""
    land = points["kind"].eq("land border")
    return {
        "land_2023": int(points.loc[land, "events_jan_sep_2023"].sum()),
        "all_2023": int(points["events_jan_sep_2023"].sum()),
        "land_2024": int(points.loc[land, "events_jan_sep_2024"].sum()),
        "air_2024": int(points.loc[~land, "events_jan_sep_2024"].sum()),
        "all_2024": int(points["events_jan_sep_2024"].sum()),
    }


# --- Origin states: brackets vs Table 2 and the census -----------------------------------------

def open_bracket_cap(brackets: pd.DataFrame) -> float:
    """The largest share (percent) one state of an open bracket can have given every listed lower bound.

    All listed shares sum to at most 100%, so a state's share is at most 100 minus the lower
    bounds of every other listed state.
    """
    return 100 - (brackets["share_low_percent"].sum() - brackets["share_low_percent"].max())


def origin_comparison(brackets: pd.DataFrame, table2: pd.DataFrame, census: pd.DataFrame,
                      states: pd.DataFrame, base: int, threshold_percent: float) -> pd.DataFrame:
    """All 32 states: implied return events (a range), Table 2 consular IDs, census 2020 population, intensities.

    For the states the paper lists, the implied events are ``share_low``-``share_high`` percent
    of ``base`` (an open bracket is capped by :func:`open_bracket_cap`, flagged ``open_bracket``).
    States not listed had at most ``threshold_percent`` (the paper lists the states with "more
    than 4%"): their range runs from 0 to that threshold. Intensities are per
    :data:`PER` residents (census 2020); ``returns_per_id`` is implied events per consular ID.
    """
    cap = open_bracket_cap(brackets)
    threshold = float(threshold_percent)
    frame = states[["cve_ent", "name", "name_census", "name_table2", "name_returns"]].merge(
        census[["state", "population"]], left_on="name_census", right_on="state", how="left", validate="1:1")
    frame = frame.merge(table2[["state", "mexican_population"]].rename(columns={"state": "name_table2",
                                                                               "mexican_population": "consular_ids"}),
                        on="name_table2", how="left", validate="1:1")
    frame = frame.merge(brackets.rename(columns={"state": "name_returns"}), on="name_returns", how="left",
                        validate="m:1")
    frame["listed"] = frame["bracket_as_printed"].notna()
    frame["open_bracket"] = frame["listed"] & frame["share_high_percent"].isna()
    frame["share_low"] = np.where(frame["listed"], frame["share_low_percent"], 0.0) / 100
    frame["share_high"] = np.where(frame["listed"], frame["share_high_percent"].fillna(cap), threshold) / 100
    frame["returns_low"] = frame["share_low"] * base
    frame["returns_high"] = frame["share_high"] * base
    frame["ids_per_100k"] = frame["consular_ids"] / frame["population"] * PER
    frame["returns_low_per_100k"] = frame["returns_low"] / frame["population"] * PER
    frame["returns_high_per_100k"] = frame["returns_high"] / frame["population"] * PER
    frame["returns_per_id_low"] = frame["returns_low"] / frame["consular_ids"]
    frame["returns_per_id_high"] = frame["returns_high"] / frame["consular_ids"]
    frame["ids_rank"] = frame["consular_ids"].rank(ascending=False, method="min").astype(int)
    frame["ids_per_100k_rank"] = frame["ids_per_100k"].rank(ascending=False, method="min").astype(int)
    columns = ["cve_ent", "name", "listed", "bracket_as_printed", "open_bracket", "share_low", "share_high",
               "returns_low", "returns_high", "population", "consular_ids", "ids_per_100k", "ids_rank",
               "ids_per_100k_rank", "returns_low_per_100k", "returns_high_per_100k", "returns_per_id_low",
               "returns_per_id_high"]
    return frame[columns].sort_values(["listed", "share_low", "consular_ids"], ascending=False).reset_index(drop=True)
