"""The chapter "Immigration panorama of Mexico": timeline, ENADID, Figures 1 and 2 per month.

The paper compares totals over periods of different length (a year against eight months) and
states an ENADID difference its own numbers do not give. This module puts every comparison on
a per-month footing, computes the 2024/2023 rate ratios with intervals at level ``1 - alpha``
(Poisson score interval from :func:`compendium.analyses.stats.rate_ratio`, and a quasi-Poisson interval
whose dispersion comes from monthly counts), and sets the external checkpoints beside the
paper's figures. Functions take data frames, so they work on the package's data and on small
made-up frames alike; the plotting functions return the matplotlib figure.
"""
from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from compendium.present.formatting import level_text  # noqa: F401 - re-exported for the chapter
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

EXTERNAL_LABEL = "external, secondary: press report quoting the Unidad de Política Migratoria"


# --- parameters ---------------------------------------------------------------------------------

def check_reading(reading) -> str:
    """Return ``reading`` if it is one of :data:`READINGS`, else raise :class:`ParameterError`."""
    if reading not in READINGS:
        raise ParameterError(f"returns_reading must be one of {', '.join(READINGS)} (which period the returns "
                             f"printed as 'during 2023' cover: 'corrected' = January-August per correction C04, "
                             f"'printed' = the whole year); got {reading!r}")
    return reading


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


def timeline_references(timeline: pd.DataFrame, references: pd.DataFrame) -> list[str]:
    """The full printed text of each reference the timeline cites, in the paper's order, without duplicates."""
    keys = [k for k in dict.fromkeys(timeline["reference_key"].dropna()) if k]
    rows = references.set_index("key").loc[keys].sort_values("printed_order")
    return list(rows["printed_text"])


def plot_timeline(table: pd.DataFrame):
    """A timeline of :func:`timeline_table`: one row per instrument, a dot for each dated event.

    A law's row carries a bar for the years it was in force, from its first event to the year a
    later event says it was replaced by (``"replaced by ... of YYYY"``), or to the right edge while
    it is still in force; a plan's row carries a bar for the term in its name (``2019-2024``).
    Events 'about to be issued' are drawn as open dots. Colours follow the kind of instrument.
    """
    import textwrap

    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from compendium.present import figure_style

    colours = {"law": figure_style.PAPER_COLOUR, "bilateral initiative": figure_style.OKABE_ITO["vermillion"],
               "programme": figure_style.OKABE_ITO["green"], "plan": figure_style.OKABE_ITO["purple"]}
    years = table["Year"].astype(int)
    terms = [int(m.group(2)) for m in (re.search(r"(\d{4})-(\d{4})", n) for n in table["Instrument"]) if m]
    right = max([int(years.max()), *terms]) + 2
    instruments = list(dict.fromkeys(table["Instrument"]))
    rows = {name: i for i, name in enumerate(instruments)}
    fig, ax = plt.subplots(figsize=(7.5, 0.62 * len(instruments) + 1.3))
    for name in instruments:
        events = table.loc[table["Instrument"] == name]
        kind = events["Kind"].iloc[0]
        colour, y = colours.get(kind, figure_style.MUTED_COLOUR), rows[name]
        first = int(events["Year"].astype(int).min())
        span = None
        term = re.search(r"(\d{4})-(\d{4})", name)
        if kind == "plan" and term:
            span = (int(term.group(1)), int(term.group(2)))
        elif kind == "law":
            replaced = [re.search(r"replaced by .* of (\d{4})", e) for e in events["What happened"]]
            ends = [int(m.group(1)) for m in replaced if m]
            span = (first, ends[0] if ends else right)
        if span:
            ax.barh(y, span[1] - span[0], left=span[0], height=0.32, color=colour, alpha=0.22, linewidth=0)
        for number, row in enumerate(events.itertuples(index=False)):
            year, forthcoming = int(row.Year), "about to be issued" in row[4]
            ax.plot(year, y, "o", markersize=8, color=colour, markerfacecolor="white" if forthcoming else colour,
                    markeredgewidth=1.8, zorder=3)
            above = number % 2 == 0  # a second event on the same row is labelled below it
            ax.annotate(f"{row.Year}: {_short_event(row[4])}", (year, y), xytext=(0, 9 if above else -9),
                        textcoords="offset points", ha="center" if year < right - 12 else "right",
                        va="bottom" if above else "top", fontsize=8)
    ax.set_yticks(range(len(instruments)), [textwrap.fill(n, 26) for n in instruments], fontsize=9)
    ax.set_ylim(len(instruments) - 0.4, -0.7)
    ax.set_xlim(int(years.min()) - 3, right)
    ax.set_xlabel("year")
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=k) for k, c in colours.items()
               if k in set(table["Kind"])]
    handles.append(Line2D([], [], marker="o", linestyle="", color="#444444", markerfacecolor="white",
                          label="announced, not yet issued"))
    handles.append(Line2D([], [], color="#444444", alpha=0.3, linewidth=6, label="in force / term of the plan"))
    ax.legend(handles=handles, loc="lower left", fontsize=8, frameon=False, ncol=1)
    fig.tight_layout()
    return fig, ax


def _short_event(event: str) -> str:
    """The first clause of an event's description, cut to a label's length."""
    text = event.split(";")[0].replace("published in the Official Gazette of the Federation", "published in the DOF")
    return text if len(text) <= 40 else text[:38].rsplit(" ", 1)[0] + "…"


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


def readable_ratio_table(rows: pd.DataFrame, level: str) -> pd.DataFrame:
    """:func:`ratio_rows` with formatted numbers and readable headers, for a numbered table."""
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


def checkpoints_table(checkpoints: pd.DataFrame, paper: pd.DataFrame) -> pd.DataFrame:
    """The paper's figures and the external checkpoints of the same two series side by side, per month."""
    rows = []
    for series, name in CHECKPOINT_SERIES.items():
        for row in paper.loc[paper["series"] == series].itertuples(index=False):
            source = "the paper, as printed" if row.reading == "printed" else "the paper, corrected (C04)"
            rows.append((series, row.period_start, row.period_end, row.events, source, row.reading))
        for row in checkpoints.loc[checkpoints["series"] == name].itertuples(index=False):
            rows.append((series, row.period_start, row.period_end, row.value, f"{EXTERNAL_LABEL} ({row.unit})",
                         "external"))
    frame = pd.DataFrame(rows, columns=["series", "start", "end", "value", "source", "kind"])
    # a paper row that is the same under both readings is listed once
    frame = frame.drop_duplicates(["series", "start", "end", "value"], keep="first")
    frame["months"] = stats.months_in_periods(frame["start"], frame["end"])
    frame = frame.sort_values(["series", "end", "start"], ascending=[True, True, False], kind="stable").reset_index(drop=True)
    return pd.DataFrame({
        "Series": frame["series"].map(sentence_case),
        "Period": [_period_text(s, e) for s, e in zip(frame["start"], frame["end"])],
        "Months": frame["months"],
        "Total": [f"{v:,}" for v in frame["value"]],
        "Per month": [f"{v / m:,.0f}" for v, m in zip(frame["value"], frame["months"])],
        "Source": frame["source"],
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


# --- the paper's Figures 1 and 2, and the monthly pace ------------------------------------------

def plot_paper_totals(rows: pd.DataFrame, labels: list[str], ylabel: str):
    """A bar chart of totals as the paper prints them (one bar per row, value written on each bar)."""
    import matplotlib.pyplot as plt

    from compendium.present import figure_style

    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    bars = ax.bar(labels, rows["events"], color=figure_style.PAPER_COLOUR, width=0.55)
    ax.bar_label(bars, labels=[f"{v:,}" for v in rows["events"]], padding=3)
    figure_style.thousands(ax.yaxis)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, rows["events"].max() * 1.15)
    ax.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig, ax


def plot_monthly_pace(paper: pd.DataFrame, checkpoints: pd.DataFrame, remainders: dict[str, list[Remainder]]):
    """Events per month over the months each figure covers: the paper's periods, the external checkpoints.

    Two panels (irregular-migration events; returns by the Mexican authority). A horizontal
    segment spans the months of a figure at its average monthly pace: orange for the paper's
    figures per month (C04-corrected for the returns), blue dashed for the returns read as the
    whole of 2023 as printed, green for external totals, green dotted for what an external total
    implies for the months after the paper's period, green dots for single months.
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D

    from compendium.present import figure_style

    fig, axes = plt.subplots(2, 1, figsize=(7.5, 6.6), sharex=True)
    for ax, series in zip(axes, (IRREGULAR, RETURNS)):
        for row in paper.loc[paper["series"] == series].itertuples(index=False):
            if series == RETURNS and row.reading == "printed" and row.differs:
                _segment(ax, row.period_start, row.period_end, row.per_month, figure_style.PAPER_COLOUR, "--")
            elif row.reading == "corrected":
                _segment(ax, row.period_start, row.period_end, row.per_month, figure_style.COMPENDIUM_COLOUR, "-")
        ext = checkpoints.loc[checkpoints["series"] == CHECKPOINT_SERIES[series]]
        for row in ext.itertuples(index=False):
            months = stats.months_in_period(row.period_start, row.period_end)
            if months == 1:
                ax.plot(row.period_start + pd.Timedelta(days=14), row.value, "o", color=figure_style.EXTERNAL_COLOUR,
                        markersize=5)
            else:
                _segment(ax, row.period_start, row.period_end, row.value / months, figure_style.EXTERNAL_COLOUR, "-",
                         width=1.6)
        for rem in remainders.get(series, []):
            start = pd.Timestamp(rem.external["period_start"]) + pd.DateOffset(months=rem.paper_months)
            _segment(ax, start, rem.external["period_end"], rem.per_month, figure_style.EXTERNAL_COLOUR, ":", width=2.4)
        figure_style.thousands(ax.yaxis)
        ax.set_ylim(0, None)
        ax.set_ylabel("events per month")
        ax.set_title(sentence_case(series), loc="left", fontsize=11)
    handles = [
        Line2D([], [], color=figure_style.COMPENDIUM_COLOUR, linewidth=3, label="paper's figure per month (returns: C04)"),
        Line2D([], [], color=figure_style.PAPER_COLOUR, linewidth=3, linestyle="--", label="returns read as all of 2023 (as printed)"),
        Line2D([], [], color=figure_style.EXTERNAL_COLOUR, linewidth=1.6, label="external total per month (secondary)"),
        Line2D([], [], color=figure_style.EXTERNAL_COLOUR, linewidth=2.4, linestyle=":",
               label="implied: external total minus paper's Jan-Aug"),
        Line2D([], [], color=figure_style.EXTERNAL_COLOUR, marker="o", linestyle="", label="external single month (secondary)"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=8, frameon=False, bbox_to_anchor=(0.5, -0.02))
    import matplotlib.dates as mdates

    axes[-1].set_xlim(pd.Timestamp("2022-01-01"), pd.Timestamp("2025-01-01"))
    axes[-1].xaxis.set_major_locator(mdates.YearLocator())
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes[-1].xaxis.set_minor_locator(mdates.MonthLocator())
    axes[-1].tick_params(axis="x", which="minor", length=3, bottom=True)
    axes[-1].set_xlabel("year (small ticks mark months)")
    fig.tight_layout(rect=(0, 0.09, 1, 1))
    return fig, axes


def _segment(ax, start, end, value, colour, linestyle, width=3.0):
    """A horizontal segment from the first day of ``start`` to the day after ``end``."""
    ax.hlines(value, pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1), color=colour,
              linestyles=linestyle, linewidth=width)


# --- the whole chapter's analysis ---------------------------------------------------------------

@dataclass
class Analysis:
    """Everything the chapter shows, computed from the data package with one set of parameters."""

    alpha: float
    reading: str
    timeline: pd.DataFrame
    references: list[str]
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
    return Analysis(alpha, reading, timeline_table(timeline, references), timeline_references(timeline, references),
                    enadid_comparison(enadid, loaders.load_stated_totals(data_dir)), enadid, events, checkpoints,
                    irregular, returns, dispersion, df, monthly, ratios, irregular_rest, returns_rest)


def _ratio(value: float) -> str:
    return f"{value:.3f}"


def _signed_pct(fraction: float) -> str:
    from compendium.present.formatting import fmt_signed_pct

    return fmt_signed_pct(fraction)


def _p_text(p: float) -> str:
    return "below 0.001" if p < 0.001 else f"{p:.3f}"


def glue_strings(a: Analysis) -> dict[str, str]:
    """Every number the chapter's prose shows, formatted, by glue key."""
    from compendium.present.formatting import fmt_int, fmt_num, fmt_pct

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
    years = a.timeline["Year"].astype(int)
    law = a.timeline.set_index("Instrument")
    population_law = int(law.loc["General Population Law", "Year"])
    migration_law = int(a.timeline.loc[a.timeline["Instrument"] == "Migration Law", "Year"].astype(int).min())
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
        "enadid_discrepancy": fmt_int(e.discrepancy), "enadid_growth": _signed_pct(e.ratio - 1),
        "enadid_later_implied": fmt_int(e.later_implied_by_stated),
        # irregular-migration events (Figure 1)
        "irr_2023": fmt_int(irr.earlier["events"]), "irr_2024": fmt_int(irr.later["events"]),
        "irr_months": fmt_int(irr.later["months"]),
        "irr_2023_pm": fmt_int(irr.earlier["per_month"]), "irr_2024_pm": fmt_int(irr.later["per_month"]),
        "irr_ratio": _ratio(irr.poisson.value), "irr_low": _ratio(irr.poisson.low), "irr_high": _ratio(irr.poisson.high),
        "irr_change": _signed_pct(irr.change), "irr_p": _p_text(irr.p_value),
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
        "ret_change_corrected": _signed_pct(rc.change), "ret_change_printed": _signed_pct(rp.change),
        "ret_total_change": _signed_pct(rc.total_ratio - 1),
        # headline returns comparison, under the chapter's returns_reading
        "ret_reading": ("corrected per C04: the 2023 figure covers January–August" if a.reading == "corrected"
                        else "as printed: the 2023 figure covers the whole year"),
        "ret_ratio": _ratio(head.poisson.value), "ret_low": _ratio(head.poisson.low),
        "ret_high": _ratio(head.poisson.high), "ret_change": _signed_pct(head.change), "ret_p": _p_text(head.p_value),
        "ret_qp_low": _ratio(head_qp["quasi_low"]), "ret_qp_high": _ratio(head_qp["quasi_high"]),
        "ret_breakeven": fmt_int(head_qp["breakeven"]),
        # over-dispersion from the external monthly returns
        "n_monthly": fmt_int(len(monthly)), "disp": fmt_int(a.dispersion), "disp_df": fmt_int(a.dispersion_df),
        "disp_sqrt": fmt_num(math.sqrt(a.dispersion), 0),
        "ret_q1_2022": fmt_int(q1.loc[2022]), "ret_q1_2023": fmt_int(q1.loc[2023]),
        "ret_q1_change": _signed_pct(q1.loc[2023] / q1.loc[2022] - 1),
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
