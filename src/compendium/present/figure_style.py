"""One look for every figure: a seaborn theme and a colour-blind-safe palette.

The palette is Okabe & Ito's (2008), distinguishable under the common forms of colour-vision
deficiency. Figures are PNG at a fixed size and resolution, so re-running a chapter gives the
same image.
"""
from __future__ import annotations

import matplotlib as mpl
import seaborn as sns

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
PALETTE = [OKABE_ITO[c] for c in ("blue", "orange", "green", "vermillion", "sky", "purple", "yellow", "black")]
"""The categorical palette, in the order series take it."""

PAPER_COLOUR = OKABE_ITO["blue"]
"""Values as the paper prints them."""
COMPENDIUM_COLOUR = OKABE_ITO["orange"]
"""Values the compendium computes or corrects."""
EXTERNAL_COLOUR = OKABE_ITO["green"]
"""Values from outside the paper (external evidence)."""
HIGHLIGHT_COLOUR = OKABE_ITO["vermillion"]
MUTED_COLOUR = "#8C8C8C"
"""Reference lines and other thin marks that carry no data."""
MUTED_TEXT_COLOUR = "#555555"
"""Annotations drawn as text inside a figure (7.5:1 on white, above the 4.5:1 text needs)."""


def use_compendium_style() -> None:
    """Apply the compendium's theme and make figure output reproducible (PNG, fixed dpi, no timestamps)."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font="DejaVu Sans")
    mpl.rcParams.update({
        "figure.figsize": (7.5, 4.2),
        "figure.dpi": 100,
        "savefig.dpi": 100,
        "savefig.bbox": "tight",
        "axes.titlesize": 12,
        "axes.titleweight": "bold",
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "compendium",
    })
    try:  # inside a notebook kernel: PNG without variable metadata
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", metadata={"Software": None})
    except Exception:  # noqa: BLE001 - outside IPython there is nothing to configure
        pass


def thousands(axis) -> None:
    """Label a matplotlib axis with thousands separators."""
    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _: f"{x:,.0f}"))


def source_note(fig, text: str) -> None:
    """Write a source note under a figure, so a saved or copied image still says where its data came from."""
    fig.text(0.0, -0.02, text, ha="left", va="top", fontsize=8, color="#444444", wrap=True)


def figure_data(name: str, data, datasets, code=None, data_dir=None):
    """Show the data block under figure ``name``: the CSV of exactly what it plots, its datasets, its code.

    Call it as the last line of a ``remove-input`` cell right after the figure's cell (not in
    the figure's cell: myst-nb would wrap the block in the figure too). ``data`` is the frame
    the figure draws (or ``{part: frame}`` when it draws several), ``datasets`` the data
    package resources behind it, ``code`` the plotting function. See :mod:`compendium.present.downloads`.
    """
    from compendium.present.downloads import data_block

    return data_block(name, data, datasets, code, data_dir)
