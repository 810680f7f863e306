"""The returns chapter's figures: cumulative events and projection, reception points, origin brackets and intensities.

Each ``plot_*`` function draws frames computed by :mod:`compendium.analyses.returns` in the
compendium's style and returns the matplotlib figure. May import :mod:`compendium.analyses` and
:mod:`compendium.present`.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from compendium.analyses.returns import Checkpoints
from compendium.present import figure_style
from compendium.present.formatting import fmt_signed_pct
from compendium.present.i18n import _, data_text
from compendium.present.words.returns import method_label, month_abbr


def plot_cumulative(comparison: pd.DataFrame, cp: Checkpoints, horizon: int, method: str, lang: str = "en"):
    """Cumulative events from 1 January by month: the paper's two figures, both readings, the projection, checkpoints."""
    fig, ax = plt.subplots(figsize=(figure_style.FIGURE_WIDTH, 6.6))
    months = np.arange(0, 13)
    paper = comparison.set_index("reading").loc["paper"]
    corrected = comparison.set_index("reading").loc["corrected"]
    # 2023 at its January-September pace (corrected reading), to December
    ax.plot(months, corrected["rate_2023"] * months, color=figure_style.MUTED_COLOUR, lw=1.5, ls=":",
            label=_("2023 at its Jan–Sep pace (corrected reading)", lang))
    # 2024 observed pace to September, then the projection to the horizon
    ax.plot(months[:10], paper["rate_2024"] * months[:10], color=figure_style.COMPENDIUM_COLOUR, lw=2,
            label=_("2024 at its Jan–Sep pace", lang))
    ax.plot([9, horizon], [cp.jan_sep_2024, paper["projection"]], color=figure_style.COMPENDIUM_COLOUR, lw=2, ls="--",
            label=_("2024 projection to {month} ({method})", lang).format(month=month_abbr(horizon, lang),
                                                                   method=method_label(method, lang)))
    ax.fill_between([9, horizon], [cp.jan_sep_2024, paper["projection_low"]],
                    [cp.jan_sep_2024, paper["projection_high"]], color=figure_style.COMPENDIUM_COLOUR, alpha=0.2, lw=0)
    # the paper's figures as printed: 172,490 read as the whole of 2023, 154,203 to September 2024
    ax.axhline(paper["events_2023"], color=figure_style.PAPER_COLOUR, lw=1, ls="--")
    ax.plot([12], [paper["events_2023"]], "s", color=figure_style.PAPER_COLOUR, ms=8, label=_("“2023” as the paper reads it (Dec)", lang))
    ax.plot([9], [cp.jan_sep_2024], "o", color=figure_style.PAPER_COLOUR, ms=8, label=_("Jan–Sep 2024 (paper)", lang))
    ax.plot([9], [corrected["events_2023"]], "s", color=figure_style.COMPENDIUM_COLOUR, ms=8, mec="black",
            label=_("the same figure as Jan–Sep 2023 (C03)", lang))
    # later checkpoints: external, secondary
    ax.plot([10], [cp.jan_oct_2023], "s", color=figure_style.EXTERNAL_COLOUR, ms=8, label=_("Jan–Oct 2023 (press, secondary)", lang))
    ax.plot([11], [cp.implied_jan_nov_2023], "s", mfc="white", mec=figure_style.EXTERNAL_COLOUR, mew=2, ms=8,
            label=_("Jan–Nov 2023 implied by the reported fall (secondary)", lang))
    ax.plot([11], [cp.jan_nov_2024], "o", color=figure_style.EXTERNAL_COLOUR, ms=8, label=_("Jan–Nov 2024 (press, secondary)", lang))
    ax.set_xticks(range(0, 13), [_("start", lang)] + [month_abbr(m, lang) for m in range(1, 13)])
    ax.set_xlim(0, 12.4)
    ax.set_ylim(0, None)
    ax.set_xlabel(_("End of month", lang))
    ax.set_ylabel(_("Repatriation events since 1 January", lang))
    figure_style.thousands(ax.yaxis, lang)
    # one column under the plot: the labels are long, and a legend inside would hide the points at its right end
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.13), ncol=1, frameon=False)
    return fig


def point_label(point: str, land: bool, lang: str = "en") -> str:
    """A reception point as a tick label, with its kind; a qualifier in brackets on a line of its own."""
    name = data_text(point, lang).replace(" (", "\n(")
    return (_("{point} (land)", lang) if land else _("{point} (air)", lang)).format(point=name)


def plot_reception_shift(shift: pd.DataFrame, lang: str = "en"):
    """Each reception point, January-September 2023 to 2024: arrows for land points, dots for air points."""
    shown = shift.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(figure_style.FIGURE_WIDTH, 4.6))
    for y, row in shown.iterrows():
        if pd.notna(row["events_2023"]):
            ax.annotate("", xy=(row["events_2024"], y), xytext=(row["events_2023"], y),
                        arrowprops={"arrowstyle": "-|>", "color": figure_style.EXTERNAL_COLOUR, "lw": 1.8})
            ax.plot(row["events_2023"], y, "o", color=figure_style.MUTED_COLOUR, ms=7)
            label = fmt_signed_pct(row["change_pct"], 0, lang)
            ax.text(max(row["events_2023"], row["events_2024"]) + 1500, y, label, va="center",
                    fontsize=figure_style.SMALL_TEXT_SIZE)
        else:
            ax.plot(row["events_2024"], y, "D", color=figure_style.EXTERNAL_COLOUR, ms=6)
            ax.text(row["events_2024"] + 1500, y, _("not listed for 2023", lang), va="center",
                    fontsize=figure_style.SMALL_TEXT_SIZE, color=figure_style.MUTED_TEXT_COLOUR)
    ax.set_yticks(range(len(shown)), [point_label(p, land, lang) for p, land in zip(shown["reception_point"], shown["land"])])
    ax.plot([], [], "o", color=figure_style.MUTED_COLOUR, label=_("Jan–Sep 2023", lang))
    ax.plot([], [], marker=">", color=figure_style.EXTERNAL_COLOUR, label=_("to Jan–Sep 2024 (land)", lang))
    ax.plot([], [], "D", color=figure_style.EXTERNAL_COLOUR, ls="none", label=_("Jan–Sep 2024 (air)", lang))
    ax.set_xlim(0, shown[["events_2023", "events_2024"]].max().max() * 1.22)
    ax.set_xlabel(_("Repatriation events, January–September", lang))
    figure_style.thousands(ax.xaxis, lang)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False)
    return fig


def plot_origin_intensity(origin: pd.DataFrame, left_labels=("Puebla", "Oaxaca"), lang: str = "en"):
    """Returns per 100,000 residents (bracket range) against consular IDs per 100,000 residents, by state.

    Listed states are vertical ranges (an arrow for an open bracket: at least its lower bound);
    states not listed are grey ticks on the horizontal axis (their share is only bounded above),
    the ones with most IDs per resident named in grey, level, just above their tick.
    ``left_labels`` names the states labelled on the left of their bar, to avoid overlaps.
    """
    fig, ax = plt.subplots(figsize=(figure_style.FIGURE_WIDTH, 5.8))
    listed, unlisted = origin[origin["listed"]], origin[~origin["listed"]]
    closed, opened = listed[~listed["open_bracket"]], listed[listed["open_bracket"]]
    ax.vlines(closed["ids_per_100k"], closed["returns_low_per_100k"], closed["returns_high_per_100k"],
              color=figure_style.COMPENDIUM_COLOUR, lw=5, label=_("listed state: range implied by its bracket", lang))
    arrow = 0.5 * listed["returns_low_per_100k"].max()
    for _index, row in opened.iterrows():
        ax.annotate("", xy=(row["ids_per_100k"], row["returns_low_per_100k"] + arrow),
                    xytext=(row["ids_per_100k"], row["returns_low_per_100k"]),
                    arrowprops={"arrowstyle": "-|>", "color": figure_style.COMPENDIUM_COLOUR, "lw": 3, "mutation_scale": 18})
    ax.plot([], [], "^", color=figure_style.COMPENDIUM_COLOUR, ls="none", label=_("open bracket: at least the lower bound", lang))
    ax.plot(unlisted["ids_per_100k"], np.zeros(len(unlisted)), "|", color=figure_style.MUTED_COLOUR, ms=14, mew=1.5,
            clip_on=False, label=_("state not listed (share below the threshold)", lang))
    for _index, row in listed.iterrows():
        top = row["returns_low_per_100k"] + arrow if row["open_bracket"] else row["returns_high_per_100k"]
        left = row["name"] in left_labels
        ax.text(row["ids_per_100k"] + (-18 if left else 18), (row["returns_low_per_100k"] + top) / 2,
                data_text(row["name"], lang),
                fontsize=figure_style.SMALL_TEXT_SIZE, va="center", ha="right" if left else "left")
    height = (listed["returns_low_per_100k"].max() + arrow) * 1.1
    labelled = []
    for _index, row in unlisted.nlargest(4, "ids_per_100k").iterrows():
        if any(abs(row["ids_per_100k"] - x) < 40 for x in labelled):
            continue  # too close to a label already drawn
        # level text; every other label a step higher, so that neighbours do not overlap
        ax.annotate(data_text(row["name"], lang), (row["ids_per_100k"], height * 0.03), xytext=(0, 4 + 15 * (len(labelled) % 2)),
                    textcoords="offset points", fontsize=figure_style.SMALL_TEXT_SIZE, va="bottom", ha="left",
                    color=figure_style.MUTED_TEXT_COLOUR,
                    arrowprops={"arrowstyle": "-", "color": figure_style.MUTED_COLOUR, "lw": 0.8, "shrinkA": 0,
                                "shrinkB": 0})
        labelled.append(row["ids_per_100k"])
    ax.set_xlim(0, origin["ids_per_100k"].max() * 1.15)
    ax.set_ylim(0, height)
    ax.set_xlabel(_("Consular IDs issued in 2022 per 100,000 residents\n(paper's Table 2 / census 2020)", lang))
    ax.set_ylabel(_("Repatriation events per 100,000 residents", lang))
    figure_style.thousands(ax.xaxis, lang)
    ax.legend(loc="upper left", bbox_to_anchor=(0.0, -0.2), frameon=False)
    return fig


def state_label(state: str, lang: str = "en") -> str:
    """A state of the printed brackets as a tick label: 'México', as printed, is named as the State of Mexico."""
    if lang == "en":
        return "México (State of Mexico)" if state == "México" else state
    return data_text(state, lang)


def plot_brackets(brackets: pd.DataFrame, base: int, threshold_percent: float, lang: str = "en"):
    """The printed share brackets of the states of origin, with the events they imply on a second axis."""
    shown = brackets.iloc[::-1].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(figure_style.FIGURE_WIDTH, 4.4))
    top = shown["share_high_percent"].max()
    for y, row in shown.iterrows():
        if pd.notna(row["share_high_percent"]):
            ax.hlines(y, row["share_low_percent"], row["share_high_percent"], color=figure_style.PAPER_COLOUR, lw=6)
        else:
            ax.annotate("", xy=(top + 2.5, y), xytext=(row["share_low_percent"], y),
                        arrowprops={"arrowstyle": "-|>", "color": figure_style.PAPER_COLOUR, "lw": 3, "mutation_scale": 18})
    ax.axvline(threshold_percent, color=figure_style.MUTED_COLOUR, ls="--", lw=1)
    ax.text(threshold_percent - 0.1, len(shown) - 0.5, _("listing threshold", lang), ha="right", va="center",
            fontsize=figure_style.SMALL_TEXT_SIZE, color=figure_style.MUTED_TEXT_COLOUR)
    ax.set_yticks(range(len(shown)), [state_label(s, lang) for s in shown["state"]])
    ax.set_xlim(0, top + 3)
    ax.set_ylim(-0.7, len(shown) - 0.2)
    ax.set_xlabel(_("Share of repatriation events (%), bracket as printed;\narrow: no upper bound printed", lang))
    ax.grid(axis="y", visible=False)
    secondary = ax.secondary_xaxis("top", functions=(lambda x: x * base / 100, lambda e: e * 100 / base))
    secondary.set_xlabel(_("Events implied (share × printed base)", lang))
    figure_style.thousands(secondary.xaxis, lang)
    return fig
