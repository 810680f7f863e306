"""Figures of the chapter "Immigration panorama of Mexico": policy timeline, the paper's Figures 1 and 2, monthly pace.

Each ``plot_*`` function draws frames computed by :mod:`compendium.analyses.immigration` and
returns the matplotlib figure and axes, with its words in the edition's language ``lang``. It may
import the analyses layer and the rest of :mod:`compendium.present` (the style, and the chapter's
wording for labels).
"""
from __future__ import annotations

import re
import textwrap

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D

from compendium.analyses import stats
from compendium.analyses.immigration import CHECKPOINT_SERIES, IRREGULAR, RETURNS, Remainder
from compendium.present import figure_style
from compendium.present.i18n import _, data_text, fmt_int
from compendium.present.words.immigration import series_name


# --- the policy timeline ------------------------------------------------------------------------

def plot_timeline(table: pd.DataFrame, lang: str = "en"):
    """A timeline of the policy table: one row per instrument, a dot for each dated event.

    ``table`` is the English frame :func:`compendium.present.words.immigration.timeline_table` makes (its
    texts are read as the data package writes them); the labels are drawn in ``lang``.
    A law's row carries a bar for the years it was in force, from its first event to the year a
    later event says it was replaced by (``"replaced by ... of YYYY"``), or to the right edge while
    it is still in force; a plan's row carries a bar for the term in its name (``2019-2024``).
    Events 'about to be issued' are drawn as open dots. Colours follow the kind of instrument.
    """
    colours = {"law": figure_style.PAPER_COLOUR, "bilateral initiative": figure_style.OKABE_ITO["vermillion"],
               "programme": figure_style.OKABE_ITO["green"], "plan": figure_style.OKABE_ITO["purple"]}
    years = table["Year"].astype(int)
    terms = [int(m.group(2)) for m in (re.search(r"(\d{4})-(\d{4})", n) for n in table["Instrument"]) if m]
    right = max([int(years.max()), *terms]) + 2
    instruments = list(dict.fromkeys(table["Instrument"]))
    rows = {name: i for i, name in enumerate(instruments)}
    fig, ax = plt.subplots(figsize=(figure_style.FIGURE_WIDTH, 0.75 * len(instruments) + 1.6))
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
            ax.annotate(f"{row.Year}: {_short_event(row[4], lang)}", (year, y), xytext=(0, 9 if above else -9),
                        textcoords="offset points", ha="center" if year < right - 12 else "right",
                        va="bottom" if above else "top", fontsize=figure_style.SMALL_TEXT_SIZE)
    ax.set_yticks(range(len(instruments)), [textwrap.fill(data_text(n, lang), 22) for n in instruments])
    ax.set_ylim(len(instruments) - 0.4, -0.7)
    ax.set_xlim(int(years.min()) - 3, right)
    ax.set_xlabel(_("year", lang))
    ax.grid(axis="y", visible=False)
    handles = [Line2D([], [], marker="o", linestyle="", color=c, label=data_text(k, lang)) for k, c in colours.items()
               if k in set(table["Kind"])]
    handles.append(Line2D([], [], marker="o", linestyle="", color="#444444", markerfacecolor="white",
                          label=_("announced, not yet issued", lang)))
    handles.append(Line2D([], [], color="#444444", alpha=0.3, linewidth=6, label=_("in force / term of the plan", lang)))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=2, frameon=False)
    return fig, ax


def _short_event(event: str, lang: str = "en") -> str:
    """The first clause of an event's description in ``lang``, cut to a label's length."""
    text = data_text(event, lang).split(";")[0].replace(_("published in the Official Gazette of the Federation", lang),
                                                         _("published in the DOF", lang))
    return text if len(text) <= 40 else text[:38].rsplit(" ", 1)[0] + "…"


# --- the paper's Figures 1 and 2, and the monthly pace ------------------------------------------

def plot_paper_totals(rows: pd.DataFrame, labels: list[str], ylabel: str, lang: str = "en"):
    """A bar chart of totals as the paper prints them (one bar per row, value written on each bar); ``labels`` and
    ``ylabel`` are given in ``lang`` (:func:`compendium.present.words.immigration.paper_totals_labels`)."""
    fig, ax = plt.subplots(figsize=(6.5, 3.8))
    bars = ax.bar(labels, rows["events"], color=figure_style.PAPER_COLOUR, width=0.55)
    ax.bar_label(bars, labels=[fmt_int(v, lang) for v in rows["events"]], padding=3)
    figure_style.thousands(ax.yaxis, lang)
    ax.set_ylabel(ylabel)
    ax.set_ylim(0, rows["events"].max() * 1.15)
    ax.grid(axis="x", visible=False)
    return fig, ax


def plot_monthly_pace(paper: pd.DataFrame, checkpoints: pd.DataFrame, remainders: dict[str, list[Remainder]],
                      lang: str = "en"):
    """Events per month over the months each figure covers: the paper's periods, the external checkpoints.

    Two panels (irregular-migration events; returns by the Mexican authority). A horizontal
    segment spans the months of a figure at its average monthly pace: orange for the paper's
    figures per month (C04-corrected for the returns), blue dashed for the returns read as the
    whole of 2023 as printed, green for external totals, green dotted for what an external total
    implies for the months after the paper's period, green dots for single months.
    """
    fig, axes = plt.subplots(2, 1, figsize=(figure_style.FIGURE_WIDTH, 7.6), sharex=True)
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
        figure_style.thousands(ax.yaxis, lang)
        ax.set_ylim(0, None)
        ax.set_ylabel(_("events per month", lang))
        ax.set_title(series_name(series, lang), loc="left")
    handles = [
        Line2D([], [], color=figure_style.COMPENDIUM_COLOUR, linewidth=3,
               label=_("paper's figure per month (returns: C04)", lang)),
        Line2D([], [], color=figure_style.PAPER_COLOUR, linewidth=3, linestyle="--",
               label=_("returns read as all of 2023 (as printed)", lang)),
        Line2D([], [], color=figure_style.EXTERNAL_COLOUR, linewidth=1.6,
               label=_("external total per month (secondary)", lang)),
        Line2D([], [], color=figure_style.EXTERNAL_COLOUR, linewidth=2.4, linestyle=":",
               label=_("implied: external total minus paper's Jan-Aug", lang)),
        Line2D([], [], color=figure_style.EXTERNAL_COLOUR, marker="o", linestyle="",
               label=_("external single month (secondary)", lang)),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=1, frameon=False)
    axes[-1].set_xlim(pd.Timestamp("2022-01-01"), pd.Timestamp("2025-01-01"))
    axes[-1].xaxis.set_major_locator(mdates.YearLocator())
    axes[-1].xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    axes[-1].xaxis.set_minor_locator(mdates.MonthLocator())
    axes[-1].tick_params(axis="x", which="minor", length=3, bottom=True)
    axes[-1].set_xlabel(_("year (small ticks mark months)", lang))
    return fig, axes


def _segment(ax, start, end, value, colour, linestyle, width=3.0):
    """A horizontal segment from the first day of ``start`` to the day after ``end``."""
    ax.hlines(value, pd.Timestamp(start), pd.Timestamp(end) + pd.Timedelta(days=1), color=colour,
              linestyles=linestyle, linewidth=width)
