"""Figures of the NODESS chapter: actors, counts, regions against a basis, and coverage ratios.

Each ``plot_*`` function computes its frame with :mod:`compendium.analyses.nodess` or
:mod:`compendium.analyses.nodess_coverage` and draws it in the compendium's style; the chapter
shows the figure, once per edition: every word through the catalogue in ``lang``. Imports from the data and
analyses layers and from the presentation layer.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import FixedLocator, NullLocator

from compendium.data import loaders
from compendium.analyses.nodess import BASES, actor_table, region_order, region_table
from compendium.analyses.nodess_coverage import coverage, coverage_all_bases
from compendium.present.figure_style import (COMPENDIUM_COLOUR, EXTERNAL_COLOUR, FIGURE_WIDTH, OKABE_ITO, PAPER_COLOUR,
                                             SMALL_TEXT_SIZE, thousands)
from compendium.present.formatting import fmt_date, fmt_int, fmt_num, level_text
from compendium.present.i18n import _, data_text
from compendium.present.words.nodess import basis_label


def plot_actors(data_dir=None, lang: str = "en"):
    """Grouped horizontal bars: actors by type in the two periods, as printed."""
    wide = actor_table(data_dir).iloc[::-1]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 3.8))
    y = np.arange(len(wide))
    height = 0.38
    for offset, (period, colour) in zip((height / 2, -height / 2), zip(wide.columns, (PAPER_COLOUR, OKABE_ITO["sky"]))):
        bars = ax.barh(y + offset, wide[period], height=height, color=colour, label=period)
        ax.bar_label(bars, labels=[fmt_int(v, lang) for v in wide[period]], padding=3, fontsize=SMALL_TEXT_SIZE)
    ax.set_yticks(y, [data_text(actor, lang) for actor in wide.index])
    ax.set_xlabel(_("Actors promoting the SSE (number)", lang))
    ax.set_xlim(0, wide.to_numpy().max() * 1.15)
    thousands(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    ax.legend(title=_("Period", lang), frameon=False, loc="lower right")
    return fig


def plot_counts(data_dir=None, lang: str = "en"):
    """Bars of the NODESS counts at the three printed dates, with the pre-NODESS stacked on the last."""
    counts = loaders.load_nodess_counts(data_dir)
    nodes = counts[counts["status"] == "NODESS"].reset_index(drop=True)
    labels = {"2022": "2021\u20132022", "2023": "2022\u20132023"}
    names = [labels.get(a, fmt_date(pd.Timestamp(a), lang, format="MMMM y" if lang == "en" else "MMMM 'de' y"))
             for a in nodes["as_of"]]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 4.2))
    bars = ax.bar(names, nodes["count"], color=PAPER_COLOUR, width=0.6, label="NODESS")
    ax.bar_label(bars, labels=[fmt_int(v, lang) for v in nodes["count"]], label_type="center", color="white",
                 fontsize=SMALL_TEXT_SIZE)
    pre = counts[counts["status"] != "NODESS"]
    for row in pre.itertuples():
        position = names[int(np.flatnonzero(nodes["as_of"] == row.as_of)[0])]
        base = int(nodes.loc[nodes["as_of"] == row.as_of, "count"].iloc[0])
        stacked = ax.bar([position], [row.count], bottom=[base], width=0.6, color="white", edgecolor=PAPER_COLOUR,
                         hatch="///", label=_("{status} (not yet nodes)", lang).format(status=data_text(row.status, lang)))
        ax.bar_label(stacked, labels=[fmt_int(row.count, lang)], label_type="center", fontsize=SMALL_TEXT_SIZE,
                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_ylabel(_("Nodes (number)", lang))
    ax.set_xlabel(_("Period or date of the count, as printed", lang))
    thousands(ax.yaxis, lang)
    ax.grid(axis="x", visible=False)
    ax.legend(frameon=False, loc="upper left")
    return fig


def plot_regions(basis: str, data_dir=None, alpha: float = 0.05, lang: str = "en"):
    """NODESS by region as printed (bars) with the number expected under ``basis`` (markers)."""
    cov, _gof = coverage(basis, data_dir, alpha)
    cov = cov.iloc[::-1]
    regions = region_table(data_dir).set_index("region")
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 4.4))
    y = np.arange(len(cov))
    bars = ax.barh(y, cov["observed"], color=PAPER_COLOUR, height=0.6,
                   label=_("NODESS, 2022\u20132023 (as printed)", lang))
    for yi, value in zip(y, cov["observed"]):
        ax.text(0.4, yi, fmt_int(value, lang), ha="left", va="center", color="white", fontsize=SMALL_TEXT_SIZE,
                fontweight="bold")
    ax.scatter(cov["expected"], y, marker="D", s=55, color=COMPENDIUM_COLOUR, edgecolor="black", linewidth=0.6,
               zorder=3, label=_("Expected in proportion to {basis}", lang).format(basis=basis_label(basis, lang)))
    ax.set_yticks(y, [_("{region}\n({n} states)", lang).format(region=data_text(r, lang),
                                                               n=fmt_int(regions.loc[r, "n_states"], lang))
                      for r in cov.index])
    ax.set_xlabel(_("NODESS (number)", lang))
    ax.set_xlim(0, max(cov["observed"].max(), cov["expected"].max()) * 1.08)
    thousands(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1)
    return fig


def plot_coverage(basis: str, data_dir=None, alpha: float = 0.05, lang: str = "en"):
    """Coverage ratios with their intervals, by region, for every basis; the chosen basis drawn solid."""
    colours = {"population": EXTERNAL_COLOUR, "diaspora": PAPER_COLOUR, "returns": COMPENDIUM_COLOUR}
    names = {"population": _("Census population (INEGI, external)", lang), "diaspora": _("Diaspora origin (Table 2)", lang),
             "returns": _("Returns (bracket midpoints, assumed)", lang)}
    frame = coverage_all_bases(data_dir, alpha)
    order = region_order(data_dir)[::-1]
    fig, ax = plt.subplots(figsize=(FIGURE_WIDTH, 5.2))
    for k, b in enumerate(BASES):
        part = frame[frame["basis"] == b].set_index("region").loc[order]
        y = np.arange(len(order)) + (1 - k) * 0.22
        chosen = b == basis
        ax.errorbar(part["ratio"], y, xerr=[part["ratio"] - part["ratio_low"], part["ratio_high"] - part["ratio"]],
                    fmt="o", color=colours[b], markersize=7 if chosen else 5, elinewidth=2.2 if chosen else 1.1,
                    markerfacecolor=colours[b] if chosen else "white", capsize=0,
                    label=names[b] + (" \u2014 " + _("chosen", lang) if chosen else ""))
    ax.axvline(1, color="black", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ticks = [0.25, 0.5, 1, 2, 4]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.set_xlim(0.2, 4)
    ax.set_yticks(np.arange(len(order)), [data_text(region, lang) for region in order])
    ax.set_xlabel(_("Coverage ratio: NODESS \u00f7 expected NODESS\n(log scale; bars: {level} interval)", lang).format(
        level=level_text(alpha, lang)))
    ax.grid(axis="y", visible=False)
    ax.text(0.95, 1.0, "\u2190 " + _("fewer nodes than\nproportional", lang), transform=ax.get_xaxis_transform(),
            ha="right", va="bottom", fontsize=SMALL_TEXT_SIZE)
    ax.text(1.05, 1.0, _("more nodes than\nproportional", lang) + " \u2192", transform=ax.get_xaxis_transform(),
            ha="left", va="bottom", fontsize=SMALL_TEXT_SIZE)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=1)
    return fig
