"""Figures of the chapter ``business_models``: the OSSE forms by family, and a year's returns
against what the OSSE could take in.

Each ``plot_*`` function draws frames computed by :mod:`compendium.analyses.business_models` in the
compendium's style, with its words in the edition's language ``lang``, and returns ``(fig, ax)``. Imports :mod:`compendium.present.figure_style` and
matplotlib.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from compendium.present.figure_style import (COMPENDIUM_COLOUR, EXTERNAL_COLOUR, FIGURE_WIDTH, PAPER_COLOUR,
                                             SMALL_TEXT_SIZE, text_colour_on, thousands)
from compendium.present.formatting import fmt_int
from compendium.present.i18n import _, data_text


def plot_families(summary: pd.DataFrame, lang: str = "en"):
    """Horizontal bars: number of OSSE forms in each family (the compendium's grouping)."""
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.2))
    shown = summary.iloc[::-1]
    ax.barh([data_text(family, lang) for family in shown["family"]], shown["n_forms"], color=COMPENDIUM_COLOUR)
    for y, value in enumerate(shown["n_forms"]):
        ax.text(value + 0.1, y, fmt_int(value, lang), va="center", fontsize=SMALL_TEXT_SIZE)
    ax.set_xlabel(_("OSSE forms listed by the paper (number)", lang))
    ax.set_ylabel("")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlim(0, summary["n_forms"].max() + 1)
    ax.grid(axis="y", visible=False)
    return fig, ax


PLOT_ORDER = ["printed_2023", "corrected_2023", "external_2023", "jan_sep_2024", "external_2024"]
"""Order of the readings in the capacity figure (top to bottom): 2023 readings, then 2024."""


def plot_returns_vs_capacity(readings: pd.DataFrame, chosen: str, capacities: pd.DataFrame,
                             line_labels: list[str] | None = None, lang: str = "en"):
    """A year's repatriations under each reading (bars, with intervals) against the OSSE's membership floor.

    ``line_labels`` (one per row of ``capacities``, from the chapter's wording) label the vertical
    lines; without them each line is labelled with its minimum and value.

    ``readings`` is :func:`compendium.analyses.business_models.yearly_returns` with its labels
    (:func:`compendium.present.words.business_models.with_labels`).
    Bars are coloured by status (paper as printed, computed by the compendium, external); the
    chosen reading is outlined. Vertical lines mark the OSSE count times each group minimum
    (``capacities`` from :func:`compendium.analyses.business_models.capacity`).
    """
    def colour(row):
        if row.status.startswith("external"):
            return EXTERNAL_COLOUR
        return PAPER_COLOUR if row.status == "paper, as printed" and row.months == 12 else COMPENDIUM_COLOUR

    order = {key: i for i, key in enumerate(PLOT_ORDER)}
    shown = readings.assign(_order=readings["reading"].map(order).fillna(len(order))).sort_values("_order")
    shown = shown.iloc[::-1].reset_index(drop=True)  # barh draws from the bottom up
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 5.4))
    colours = [colour(r) for r in shown.itertuples()]
    bars = ax.barh(range(len(shown)), shown["per_year"], color=colours, height=0.7,
                   xerr=[shown["per_year"] - shown["low"], shown["high"] - shown["per_year"]],
                   error_kw={"ecolor": "black", "capsize": 7, "capthick": 2, "elinewidth": 2.5})
    # The intervals are a few hundred events wide on an axis of hundreds of thousands: written on each bar.
    for y, (row, fill) in enumerate(zip(shown.itertuples(), colours)):
        ax.text(shown["per_year"].max() * 0.02, y,
                _("interval {low}\u2013{high}", lang).format(low=fmt_int(row.low, lang), high=fmt_int(row.high, lang)),
                va="center",
                ha="left", fontsize=SMALL_TEXT_SIZE, color=text_colour_on(fill))
    for bar, reading in zip(bars, shown["reading"]):
        if reading == chosen:
            bar.set_edgecolor("black")
            bar.set_linewidth(2.5)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([textwrap.fill(label, 24) for label in shown["label"]])
    top = len(shown) - 0.4
    labels = line_labels or [_("{minimum} members \u00d7 every OSSE:\n{floor} (a floor)", lang).format(
        minimum=fmt_int(row.minimum, lang), floor=fmt_int(row.new_members, lang)) for row in capacities.itertuples()]
    step = 0.55  # each label a step above the one before: two right-aligned labels this close would overlap
    for i, (row, style_, label) in enumerate(zip(capacities.itertuples(), ["--", ":", "-."], labels)):
        ax.axvline(row.new_members, color="#222222", ls=style_, lw=1.8)
        # labelled where the line is, left of it, above the bars
        ax.text(row.new_members, top + step * i, label + " ",
                ha="right", va="bottom", fontsize=SMALL_TEXT_SIZE, color="#222222")
    ax.set_ylim(-0.6, len(shown) + 0.5 + step * (len(capacities) - 1))
    ax.set_xlabel(_("Repatriation events in a year", lang))
    ax.set_xlim(0, max(capacities["new_members"].max(), shown["high"].max()) * 1.05)
    thousands(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    handles = [Patch(color=PAPER_COLOUR, label=_("paper, as printed", lang)),
               Patch(color=COMPENDIUM_COLOUR, label=_("computed (annualized or corrected)", lang)),
               Patch(color=EXTERNAL_COLOUR, label=_("external, secondary (press)", lang)),
               Patch(facecolor="white", edgecolor="black", linewidth=2, label=_("reading used in the text", lang)),
               Line2D([], [], color="black", marker="|", markersize=12, markeredgewidth=2, linewidth=2.5,
                      label=_("interval (exact Poisson)", lang))]
    fig.legend(handles=handles, loc="outside lower center", ncol=2, frameon=False)
    return fig, ax
