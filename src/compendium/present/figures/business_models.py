"""Figures of the chapter ``business_models``: the OSSE forms by family, and a year's returns
against what the OSSE could take in.

Each ``plot_*`` function draws frames computed by :mod:`compendium.analyses.business_models` in the
compendium's style and returns ``(fig, ax)``. Imports :mod:`compendium.present.figure_style` and
matplotlib.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from compendium.present.figure_style import COMPENDIUM_COLOUR, EXTERNAL_COLOUR, PAPER_COLOUR, thousands


def plot_families(summary: pd.DataFrame):
    """Horizontal bars: number of OSSE forms in each family (the compendium's grouping)."""
    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    shown = summary.iloc[::-1]
    ax.barh(shown["family"], shown["n_forms"], color=COMPENDIUM_COLOUR)
    for y, value in enumerate(shown["n_forms"]):
        ax.text(value + 0.1, y, str(int(value)), va="center", fontsize=10)
    ax.set_xlabel("OSSE forms listed by the paper (number)")
    ax.set_ylabel("")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlim(0, summary["n_forms"].max() + 1)
    ax.grid(axis="y", visible=False)
    return fig, ax


PLOT_ORDER = ["printed_2023", "corrected_2023", "external_2023", "jan_sep_2024", "external_2024"]
"""Order of the readings in the capacity figure (top to bottom): 2023 readings, then 2024."""


def plot_returns_vs_capacity(readings: pd.DataFrame, chosen: str, capacities: pd.DataFrame):
    """A year's returns under each reading (bars, with intervals) against what the OSSE could take in.

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
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    bars = ax.barh(range(len(shown)), shown["per_year"], color=[colour(r) for r in shown.itertuples()], height=0.7,
                   xerr=[shown["per_year"] - shown["low"], shown["high"] - shown["per_year"]],
                   error_kw={"ecolor": "#333333", "capsize": 3, "lw": 1})
    for bar, reading in zip(bars, shown["reading"]):
        if reading == chosen:
            bar.set_edgecolor("black")
            bar.set_linewidth(2.5)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([label.replace(", annualized", ",\nannualized").replace("; external", ";\nexternal")
                        for label in shown["label"]], fontsize=9)
    line_styles = ["--", ":", "-."]
    handles = [Patch(color=PAPER_COLOUR, label="paper, as printed"),
               Patch(color=COMPENDIUM_COLOUR, label="computed (annualized or corrected)"),
               Patch(color=EXTERNAL_COLOUR, label="external, secondary (press)"),
               Patch(facecolor="white", edgecolor="black", linewidth=2, label="reading used in the text")]
    for row, style_ in zip(capacities.itertuples(), line_styles):
        ax.axvline(row.new_members, color="#222222", ls=style_, lw=1.6)
        handles.append(Line2D([], [], color="#222222", ls=style_, lw=1.6,
                              label=f"every OSSE takes {row.minimum} new members ({row.new_members:,.0f})"))
    ax.set_xlabel("Repatriation events in a year")
    ax.set_xlim(0, max(capacities["new_members"].max(), shown["high"].max()) * 1.05)
    thousands(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.35, -0.16), ncol=2, fontsize=8, frameon=False)
    return fig, ax
