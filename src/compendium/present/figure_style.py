"""One figure style for the page, the phone and the projector.

Colours: the palette is Okabe & Ito's (2008), distinguishable under the common forms of
colour-vision deficiency (:mod:`compendium.present.contrast` checks it against the white page).

Sizes: a figure is drawn :data:`FIGURE_WIDTH` inches wide, the width of the book's text column on
a 1280 px screen (:data:`COLUMN_WIDTH_PX`; a browser draws an SVG inch as 96 CSS px), so on that
screen its text shows at its size in points. No text is set smaller than :data:`SMALL_TEXT_SIZE`,
so a figure drawn up to :data:`MAX_FIGURE_WIDTH` wide, and shrunk to the column, still shows every
word at :data:`MIN_DISPLAYED_SIZE` or more (``tests/test_figures.py`` measures every figure). On a
phone the page shows the figure as a vector image, which stays sharp when zoomed, and the data
block under it links the full-size PNG.

Output: in a notebook a figure is shown as SVG with its text kept as text (crisp at every zoom,
selectable; the book's pages use it) and as a PNG at least :data:`SLIDE_WIDTH_PX` wide, for slides
(the book stages it as ``_data/<figure name>.png`` and the data block links it). Both are
reproducible: a fixed hash salt for the SVG's ids, no date and no software version in either.
"""
from __future__ import annotations

import base64
import io
import math

import matplotlib as mpl
import seaborn as sns
from matplotlib.figure import Figure

from compendium.present.contrast import contrast_ratio

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
DARK_TEXT_COLOUR = "#1A1A1A"
"""Text drawn on a light fill (a bar, a tile): the darker of the two text colours."""

COLUMN_WIDTH_PX = 672
"""Width of the book's text column on a 1280 px screen, in CSS pixels (measured on the built book)."""
SVG_PX_PER_INCH = 96
"""CSS pixels a browser gives an inch of an SVG drawn at its own size (72 points of 4/3 px)."""
FIGURE_WIDTH = COLUMN_WIDTH_PX / SVG_PX_PER_INCH
"""Width of a figure in inches (7.0): drawn at this width, its text is shown at its size in points."""
MIN_DISPLAYED_SIZE = 9.0
"""Smallest text, in points, as a 1280 px screen shows it (a projector shows the same page)."""
TEXT_SIZE = 11.0
"""Axis labels, titles and legends."""
SMALL_TEXT_SIZE = 10.0
"""Tick labels, annotations and labels on bars or tiles: the smallest text of any figure."""
MAX_FIGURE_WIDTH = FIGURE_WIDTH * SMALL_TEXT_SIZE / MIN_DISPLAYED_SIZE
"""The widest a figure may be drawn (7.8 in): shrunk to the column, its smallest text is still 9 pt."""
SLIDE_WIDTH_PX = 2400
"""Width of the PNG offered for slides (at least 2000 px: sharp on a projector or a 4K screen)."""

_SVG_METADATA = {"Date": None, "Creator": None}
_PNG_METADATA = {"Software": None}


def displayed_size(points: float, figure_width_inches: float) -> float:
    """The size at which text of ``points`` shows on a 1280 px page, in a figure saved that wide.

    A figure wider than the column is shrunk to it (the page's images are at most 100% wide); a
    narrower one is shown at its own size.
    """
    return points * min(1.0, COLUMN_WIDTH_PX / (figure_width_inches * SVG_PX_PER_INCH))


def use_compendium_style() -> None:
    """Apply the compendium's theme, and show figures as SVG (the page) and PNG (slides) in a notebook."""
    sns.set_theme(context="notebook", style="whitegrid", palette=PALETTE, font="sans-serif")
    mpl.rcParams.update({
        # A browser without DejaVu Sans falls back to narrower faces: text never grows past its space.
        "font.sans-serif": ["DejaVu Sans", "Arial", "Helvetica"],
        "font.size": TEXT_SIZE,
        "axes.labelsize": TEXT_SIZE,
        "axes.titlesize": TEXT_SIZE + 1,
        "axes.titleweight": "bold",
        "xtick.labelsize": SMALL_TEXT_SIZE,
        "ytick.labelsize": SMALL_TEXT_SIZE,
        "legend.fontsize": SMALL_TEXT_SIZE,
        "legend.title_fontsize": SMALL_TEXT_SIZE,
        "figure.titlesize": TEXT_SIZE + 1,
        "figure.figsize": (FIGURE_WIDTH, 4.2),
        "figure.dpi": 100,
        # Labels, legends and colour bars are fitted inside the figure's size, so its width is what the page shows.
        "figure.constrained_layout.use": True,
        "savefig.dpi": 100,
        "savefig.bbox": "tight",
        "savefig.pad_inches": 0.02,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.fonttype": "none",  # text stays text: sharp, selectable, searchable
        "svg.hashsalt": "compendium",  # the same ids in every run
    })
    _show_figures_as_svg_and_png()


def page_svg(fig: Figure) -> str:
    """The figure as the page shows it: SVG, text as text, no date or creator (the same bytes every run)."""
    fig.canvas.draw()  # lay the figure out afresh: a tight box measured on a layout left by another save would differ
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata=_SVG_METADATA)
    return buffer.getvalue()


def slide_png(fig: Figure) -> bytes:
    """The figure as a PNG about :data:`SLIDE_WIDTH_PX` wide (at least 2000 px), for slides."""
    fig.canvas.draw()  # as in page_svg: the width is measured on a fresh layout
    width = fig.get_tightbbox(fig.canvas.get_renderer()).width + 2 * mpl.rcParams["savefig.pad_inches"]
    dpi = math.ceil(SLIDE_WIDTH_PX / width)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight", metadata=_PNG_METADATA)
    return buffer.getvalue()


def _png_output(fig: Figure):
    """The PNG of a notebook's figure output, and metadata telling notebook viewers to show it column-wide."""
    return base64.b64encode(slide_png(fig)).decode("ascii"), {"width": COLUMN_WIDTH_PX}


def _show_figures_as_svg_and_png() -> None:
    """In an IPython kernel, make a shown figure an SVG (for the page) and a PNG (for slides); elsewhere nothing."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with the notebook tools
        return
    shell = get_ipython()
    if shell is None:
        return
    # Importing the inline backend configures IPython's default formats (a PNG at 100 dpi) if the
    # kernel uses it; ours must be registered after that, or they would be replaced.
    import matplotlib_inline.backend_inline  # noqa: F401

    formatters = shell.display_formatter.formatters
    for formatter in formatters.values():
        formatter.pop(Figure, None)
    formatters["image/svg+xml"].for_type(Figure, page_svg)
    formatters["image/png"].for_type(Figure, _png_output)


def thousands(axis, lang: str = "en") -> None:
    """Label a matplotlib axis with thousands separators (as the edition writes them)."""
    from compendium.present.formatting import fmt_int

    axis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _pos: fmt_int(x, lang)))


def text_colour_on(fill) -> str:
    """White or near-black, whichever contrasts more with ``fill`` (a colour matplotlib understands)."""
    fill_hex = mpl.colors.to_hex(fill)
    return max(("#FFFFFF", DARK_TEXT_COLOUR), key=lambda text: contrast_ratio(text, fill_hex))


def source_note(fig, text: str) -> None:
    """Write a source note under a figure, so a saved or copied image still says where its data came from."""
    fig.text(0.0, -0.02, text, ha="left", va="top", fontsize=SMALL_TEXT_SIZE, color=MUTED_TEXT_COLOUR, wrap=True)


def figure_data(name: str, data, datasets, code=None, data_dir=None, lang: str = "en"):
    """Show the data block under figure ``name``: the figure for slides, the CSV of exactly what it plots, its datasets, its code.

    Call it as the last line of a ``remove-input`` cell right after the figure's cell (not in
    the figure's cell: myst-nb would wrap the block in the figure too), with the figure's
    ``name``: the book stages the figure cell's PNG under that name. ``data`` is the frame the
    figure draws (or ``{part: frame}`` when it draws several), ``datasets`` the data package
    resources behind it, ``code`` the plotting function. See :mod:`compendium.present.downloads`.
    In both editions: ``glue.show(lambda lang: figure_style.figure_data(..., lang=lang))``, with the
    frame's headers in ``lang`` for a CSV with Spanish column labels.
    """
    from compendium.present.downloads import data_block

    return data_block(name, data, datasets, code, data_dir, figure=True, lang=lang)
