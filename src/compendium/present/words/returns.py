"""The returns chapter's wording: month names, p-values, verdicts and the table of the two readings.

Takes the numbers and frames computed by :mod:`compendium.analyses.returns` and returns the
strings and reader-facing tables a reader sees. May import :mod:`compendium.analyses` and
:mod:`compendium.present.formatting`; draws nothing.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import fmt_int, fmt_range, fmt_signed_pct

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
"""Month abbreviations, for axis ticks and legends."""


def fmt_p(p: float) -> str:
    """A p-value: ``'< 0.001'`` below 0.001, else three decimals."""
    return "< 0.001" if p < 0.001 else f"{p:.3f}"


def verdict(exceeds) -> str:
    """The verdict of :func:`compendium.analyses.returns.compare_readings`'s ``exceeds`` in words."""
    return {True: "above", False: "below"}.get(exceeds, "not distinguishable from")


def projection_method_phrase(method: str, level: str) -> str:
    """How the projection of ``method`` fills the months after September, for "projects ... by <phrase>"."""
    return {"monthly_rate": f"keeping the January–September pace every month, with its {level} Poisson interval",
            "month_range": "adding each remaining month at the lowest and at the highest monthly total reported for "
                           "2024 (a scenario band, not a probability interval)"}[method]


def band_name(method: str, level: str) -> str:
    """What the projection's range is called: ``"95% interval"`` or ``"scenario band"``."""
    return f"{level} interval" if method == "monthly_rate" else "scenario band"


def band_note(method: str, level: str) -> str:
    """How the projection's range is drawn in the cumulative figure, for its description."""
    return f"{level} interval shaded (narrower than the line at this scale)" if method == "monthly_rate" \
        else "scenario band shaded"


def decided_sentence(exceeds: pd.Series) -> str:
    """Whether the verdicts of :func:`compendium.analyses.returns.compare_readings` survive the projection's uncertainty."""
    if exceeds.notna().all():
        return ("under each reading the whole interval or band lies on one side of the 2023 benchmark, so the "
                "verdicts do not depend on this uncertainty")
    return "under at least one reading the interval or band straddles the 2023 benchmark, so that verdict is open"


def readings_table(comparison: pd.DataFrame, horizon: int, method: str, level: str) -> pd.DataFrame:
    """The paper's reading and the corrected reading side by side, formatted, one row per quantity."""
    def change(row):
        return f"{fmt_signed_pct(row['change'])} ({fmt_signed_pct(row['change_low'])} to {fmt_signed_pct(row['change_high'])})"

    band = f"{level} interval" if method == "monthly_rate" else "lowest to highest month"
    until = MONTH_NAMES[horizon - 1]
    rows = {
        "What the 2023 figure covers": lambda r: f"January–{MONTH_NAMES[r['months_2023'] - 1]} 2023",
        "Months in the 2023 figure": lambda r: fmt_int(r["months_2023"]),
        "2023 events per month": lambda r: fmt_int(r["rate_2023"]),
        "Jan–Sep 2024 events per month": lambda r: fmt_int(r["rate_2024"]),
        f"Ratio of monthly rates, 2024 / 2023 ({level} interval)":
            lambda r: f"{r['rate_ratio']:.3f} ({r['ratio_low']:.3f} to {r['ratio_high']:.3f})",
        "p-value, equal monthly rates": lambda r: fmt_p(r["p_value"]),
        "2023 total compared with": lambda r: (f"{fmt_int(r['benchmark_2023'])} (printed, whole year)"
                                               if r["reading"] == "paper" else
                                               f"{fmt_int(r['benchmark_2023'])} (Jan–{until[:3]} at the 2023 pace)"),
        f"Projected January–{until} 2024 ({band})":
            lambda r: f"{fmt_int(r['projection'])} ({fmt_range(r['projection_low'], r['projection_high'])})",
        f"Change, 2024 on 2023 ({band})": change,
        f"January–{until} 2024 is": lambda r: f"{verdict(r['exceeds'])} 2023",
    }
    table = {"Quantity": list(rows)}
    for _, row in comparison.iterrows():
        header = "Paper's reading (as printed)" if row["reading"] == "paper" else "Corrected reading (C03)"
        table[header] = [f(row) for f in rows.values()]
    return pd.DataFrame(table)

