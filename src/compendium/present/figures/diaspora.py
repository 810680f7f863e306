"""Figures of the diaspora chapter: ``plot_*`` functions that draw on a matplotlib axes the chapter passes in.

They take the frames :mod:`compendium.analyses.diaspora` computes (or the loaders return) and
draw them in the compendium's style. This module imports from :mod:`compendium.analyses` and
:mod:`compendium.present`. Each takes the edition's language (``lang="en"``): labels, legends and
names come from the catalogue (:func:`compendium.present.i18n.formats`), numbers are formatted for it.
"""
from __future__ import annotations

import matplotlib as mpl
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.patches import Patch

from compendium.analyses.diaspora import Concentration
from compendium.present import figure_style
from compendium.present.i18n import formats

ROW_HEIGHT = 0.2
"""Inches per row of a chart with one row per state: room for a label at the smallest text size."""


def _fit_rows(ax, rows: int) -> None:
    """Make the figure tall enough for ``rows`` labelled rows (a long list of states grows downwards)."""
    width, height = ax.figure.get_size_inches()
    ax.figure.set_size_inches(width, max(height, rows * ROW_HEIGHT + 1.2))


def plot_continents(ax, shares: pd.DataFrame, lang: str = "en") -> None:
    """Printed share (paper colour) next to the computed share of the stated total (compendium colour)."""
    f = formats(lang)
    order = shares.sort_values("share_of_stated_total")
    y = np.arange(len(order))
    h = 0.38
    ax.barh(y + h / 2, order["printed_share"] * 100, height=h, color=figure_style.PAPER_COLOUR, label=f._("Share as printed"))
    ax.barh(y - h / 2, order["share_of_stated_total"] * 100, height=h, color=figure_style.COMPENDIUM_COLOUR,
            label=f._("Share computed from the printed counts"))
    for yi, (p, c) in enumerate(zip(order["printed_share"] * 100, order["share_of_stated_total"] * 100)):
        ax.text(p + 0.6, yi + h / 2, f"{p:g}" + f.percent, va="center", fontsize=figure_style.SMALL_TEXT_SIZE)
        ax.text(c + 0.6, yi - h / 2, f.num(c, 2 if c < 1 else 1) + f.percent, va="center",
                fontsize=figure_style.SMALL_TEXT_SIZE)
    ax.set_yticks(y, f.names(order["continent"]))
    ax.set_xlabel(f._("Share of the Mexicans living outside the United States, 2021 (%)"))
    ax.set_xlim(0, 65)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False)


def plot_countries(ax, changes: pd.DataFrame, lang: str = "en") -> None:
    """Dumbbells from 2021 to May 2023 for the top countries other than the United States."""
    f = formats(lang)
    rows = changes[changes["country"] != "United States"].sort_values("y2021").reset_index(drop=True)
    y = np.arange(len(rows))
    for yi, row in rows.iterrows():
        ax.annotate("", xy=(row["y2023"], yi), xytext=(row["y2021"], yi),
                    arrowprops={"arrowstyle": "->", "color": figure_style.MUTED_COLOUR, "lw": 1.2,
                                "shrinkA": 4, "shrinkB": 4} if abs(row["relative_change"]) >= 0.05 else None)
    ax.scatter(rows["y2021"], y, s=46, facecolor="white", edgecolor=figure_style.PAPER_COLOUR, linewidth=1.6, zorder=3,
               label=f._("2021 (as printed)"))
    ax.scatter(rows["y2023"], y, s=46, color=figure_style.PAPER_COLOUR, zorder=4, label=f._("May 2023 (as printed)"))
    ax.set_yticks(y, f.names(rows["country"]))
    ax.set_xscale("log")
    ax.set_xlim(4_000, 200_000)
    ticks = [5_000, 10_000, 20_000, 50_000, 100_000, 200_000]
    ax.set_xticks(ticks)
    figure_style.thousands(ax.xaxis, lang)
    ax.xaxis.set_minor_formatter(ticker.NullFormatter())
    ax.set_xlabel(f._("Mexicans living in the country (people, log scale)"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False)


def plot_states_bar(ax, table: pd.DataFrame, top_n: int, column: str = "mexican_population", name: str = "state",
                    xlabel: str = "", lang: str = "en") -> None:
    """Horizontal bars sorted by ``column``; the ``top_n`` largest, or every row if there are fewer, in full paper
    colour, the rest lighter. ``xlabel`` is given in ``lang``."""
    f = formats(lang)
    order = table.sort_values(column, ascending=True, kind="stable").reset_index(drop=True)
    n = len(order)
    top_n = min(top_n, n)  # top_n may go up to Table 1's 51 rows; Table 2 has the 32 Mexican states
    colours = [figure_style.PAPER_COLOUR if i >= n - top_n else figure_style.OKABE_ITO["sky"] for i in range(n)]
    _fit_rows(ax, n)
    ax.barh(np.arange(n), order[column], color=colours, height=0.72)
    ax.set_yticks(np.arange(n), f.names(order[name]))
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    figure_style.thousands(ax.xaxis, lang)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    for i in range(n - top_n, n):
        value = order.loc[i, column]
        ax.text(value + order[column].max() * 0.01, i, f.int(value), va="center", fontsize=figure_style.SMALL_TEXT_SIZE)
    ax.set_xlim(0, order[column].max() * 1.12)
    ax.legend(handles=[Patch(color=figure_style.PAPER_COLOUR, label=f._("The {count} largest (as printed)").format(count=top_n)),
                       Patch(color=figure_style.OKABE_ITO["sky"], label=f._("Other states (as printed)"))],
              loc="lower right", frameon=False)


def plot_men_women(ax, printed: pd.DataFrame, corrected: pd.DataFrame, lang: str = "en") -> None:
    """Men and women by state as a dot plot on a log axis; corrected values marked where a correction applies."""
    f = formats(lang)
    order = printed.sort_values("mexican_population", ascending=True, kind="stable").reset_index(drop=True)
    y = np.arange(len(order))
    _fit_rows(ax, len(order))
    ax.hlines(y, order[["men", "women"]].min(axis=1), order[["men", "women"]].max(axis=1), color="#CCCCCC", lw=1)
    ax.scatter(order["men"], y, s=22, color=figure_style.PAPER_COLOUR, label=f._("Men (as printed)"), zorder=3)
    ax.scatter(order["women"], y, s=22, color=figure_style.OKABE_ITO["purple"], marker="D", label=f._("Women (as printed)"), zorder=3)
    fixed = corrected.set_index("state")
    for i, row in order.iterrows():
        if fixed.loc[row["state"], "men"] != row["men"]:
            ax.scatter(fixed.loc[row["state"], "men"], i, s=46, facecolor="none", edgecolor=figure_style.COMPENDIUM_COLOUR,
                       linewidth=2, zorder=4, label=f._("Men, corrected (C01)"))
    ax.set_yticks(y, f.names(order["state"]))
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_xscale("log")
    ax.set_xticks([1, 10, 100, 1_000, 10_000, 100_000])
    figure_style.thousands(ax.xaxis, lang)
    ax.set_xlabel(f._("Consular IDs issued in 2022 (people, log scale)"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=True, framealpha=0.95)


def plot_lorenz(ax, us: Concentration, origin: Concentration, lang: str = "en") -> None:
    """Lorenz curves of the US states of residence and the Mexican states of origin, with the line of equality."""
    f = formats(lang)
    ax.plot([0, 1], [0, 1], color=figure_style.MUTED_COLOUR, lw=1, ls=":")
    ax.text(0.5, 0.52, f._("Every state equal"), color=figure_style.MUTED_TEXT_COLOUR, fontsize=figure_style.SMALL_TEXT_SIZE,
            ha="right", va="bottom")
    ax.plot(us.lorenz_x, us.lorenz_y, color=figure_style.COMPENDIUM_COLOUR, lw=2.2,
            label=f._("US states of residence (Gini {gini})").format(gini=f.num(us.gini, 2)))
    ax.plot(origin.lorenz_x, origin.lorenz_y, color=figure_style.COMPENDIUM_COLOUR, lw=2, ls="--",
            label=f._("Mexican states of origin (Gini {gini})").format(gini=f.num(origin.gini, 2)))
    ax.legend(loc="upper left", frameon=False)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    pct = ticker.FuncFormatter(lambda x, _pos: f.pct(x, 0))
    ax.xaxis.set_major_formatter(pct)
    ax.yaxis.set_major_formatter(pct)
    ax.set_xlabel(f._("Share of states, smallest first (%)"))
    ax.set_ylabel(f._("Share of consular IDs (%)"))


def plot_women_share(ax, shares: pd.DataFrame, lang: str = "en") -> None:
    """Women's share by state with intervals; states that differ after correction filled, the others hollow."""
    f = formats(lang)
    order = shares.sort_values("share").reset_index(drop=True)
    y = np.arange(len(order))
    _fit_rows(ax, len(order) + 2)
    overall = shares.attrs["overall"]
    ax.axvline(overall * 100, color=figure_style.MUTED_COLOUR, lw=1, ls="--")
    ax.text(overall * 100, len(order) + 0.2, " " + f._("All states: {share}").format(share=f.pct(overall)), color=figure_style.MUTED_TEXT_COLOUR,
            fontsize=figure_style.SMALL_TEXT_SIZE, va="bottom")
    ax.hlines(y, order["low"] * 100, order["high"] * 100, color=figure_style.COMPENDIUM_COLOUR, lw=2)
    differs = order["differs"].to_numpy()
    ax.scatter(order.loc[differs, "share"] * 100, y[differs], s=26, color=figure_style.COMPENDIUM_COLOUR, zorder=3,
               label=f._("Differs from all states (Holm-adjusted)"))
    ax.scatter(order.loc[~differs, "share"] * 100, y[~differs], s=26, facecolor="white",
               edgecolor=figure_style.COMPENDIUM_COLOUR, linewidth=2, zorder=3, label=f._("Compatible with all states"))
    labels = [f"{s} ({f.int(n)})" for s, n in zip(f.names(order["state"]), order["n"])]
    ax.set_yticks(y, labels)
    ax.set_ylim(-0.7, len(order) + 1.2)
    ax.set_xlabel(f._("Women among the consular IDs issued in 2022 (%), with interval"))
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper left", frameon=True, framealpha=0.95)


def plot_tiles(ax, tiles: pd.DataFrame, values: pd.Series, labels: pd.Series, *, cmap="mako_r", log: bool = False,
               highlight=(), colorbar_label: str = "", fig=None, key: pd.Series | None = None,
               lang: str = "en") -> None:
    """A tile-grid map: one square per unit at (``row``, ``col``) of ``tiles``, coloured by ``values``.

    ``tiles``, ``values`` and ``labels`` share an index (one row per unit). ``highlight`` lists
    index labels whose tiles get a thick outline. Text on a tile is white on dark colours.
    With ``key`` (each unit's full name, same index) and ``fig``, a key from label to name is
    drawn under the figure (:func:`draw_tile_key`): give it to one map of a figure. ``colorbar_label`` is
    given in ``lang``; the key's names are translated.
    """
    f = formats(lang)
    import seaborn as sns  # imported when a tile map is drawn: the other figures do not need it

    colormap = sns.color_palette(cmap, as_cmap=True) if isinstance(cmap, str) else cmap
    vmin, vmax = float(values.min()), float(values.max())
    norm = mpl.colors.LogNorm(vmin=vmin, vmax=vmax) if log else mpl.colors.Normalize(vmin=0, vmax=vmax)
    for key_, tile in tiles.iterrows():
        colour = colormap(norm(values[key_]))
        edge = figure_style.HIGHLIGHT_COLOUR if key_ in highlight else "white"
        ax.add_patch(mpl.patches.Rectangle((tile["col"] - 0.46, tile["row"] - 0.46), 0.92, 0.92, facecolor=colour,
                                           edgecolor=edge, linewidth=2.6 if key_ in highlight else 0.5,
                                           zorder=3 if key_ in highlight else 2))
        ax.text(tile["col"], tile["row"], labels[key_], ha="center", va="center", fontsize=figure_style.SMALL_TEXT_SIZE,
                fontweight="bold", color=figure_style.text_colour_on(colour), zorder=4)
    ax.set_xlim(tiles["col"].min() - 0.6, tiles["col"].max() + 0.6)
    ax.set_ylim(tiles["row"].max() + 0.6, tiles["row"].min() - 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if fig is not None:
        mappable = mpl.cm.ScalarMappable(norm=norm, cmap=colormap)
        bar = fig.colorbar(mappable, ax=ax, orientation="horizontal", fraction=0.05, pad=0.03, shrink=0.8)
        bar.set_label(colorbar_label)
        if log:
            bar.ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _pos: f.int(x)))
        else:
            figure_style.thousands(bar.ax.xaxis, lang)
        if key is not None:
            draw_tile_key(fig, labels, key, lang=lang)


def draw_tile_key(fig, labels: pd.Series, names: pd.Series, columns: int = 3, lang: str = "en") -> None:
    """Under the figure, the key of a tile map: each tile's label and the name it stands for, alphabetically by label.

    A legend without symbols, filled column by column, so the labels read down in order.
    """
    f = formats(lang)
    pairs = sorted(zip(labels, f.names(names[labels.index])))
    handles = [mpl.patches.Rectangle((0, 0), 0, 0, visible=False) for _ in pairs]
    spacing = 0.5  # between lines, in font sizes
    fig.legend(handles, [f"{label}  {name}" for label, name in pairs], loc="outside lower center", ncol=columns,
               handlelength=0, handletextpad=0, columnspacing=1.5, labelspacing=spacing, frameon=False, title=f._("Key"),
               alignment="left", fontsize=figure_style.SMALL_TEXT_SIZE, title_fontsize=figure_style.TEXT_SIZE)
    # the key gets room of its own: the figure grows by its height instead of shrinking the maps
    rows = -(-len(pairs) // columns)
    key_height = (rows * (1 + spacing) * figure_style.SMALL_TEXT_SIZE + 3 * figure_style.TEXT_SIZE) / 72
    width, height = fig.get_size_inches()
    fig.set_size_inches(width, height + key_height)
