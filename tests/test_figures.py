"""Figures for three media: SVG in the page (text as text, at least 9 pt on a 1280 px page), a PNG at least
2000 px wide for slides, one figure style, Mexican states under the abbreviations Mexican readers use."""
from __future__ import annotations

import base64
import re
import struct
import xml.etree.ElementTree as ElementTree

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from compendium.build import runner  # noqa: E402
from compendium.data import loaders  # noqa: E402
from compendium.present import figure_style  # noqa: E402
from compendium.present.figures import diaspora as diaspora_figures  # noqa: E402

PAGE_BUDGET = 500_000
"""Bytes of figures one chapter's page may carry: half the 1 MB a page may weigh, for text, styles and scripts."""

MEXICAN_ABBREVIATIONS = {
    "01": "AGS", "02": "BC", "03": "BCS", "04": "CAMP", "05": "COAH", "06": "COL", "07": "CHIS", "08": "CHIH",
    "09": "CDMX", "10": "DGO", "11": "GTO", "12": "GRO", "13": "HGO", "14": "JAL", "15": "MEX", "16": "MICH",
    "17": "MOR", "18": "NAY", "19": "NL", "20": "OAX", "21": "PUE", "22": "QRO", "23": "QROO", "24": "SLP",
    "25": "SIN", "26": "SON", "27": "TAB", "28": "TAMPS", "29": "TLAX", "30": "VER", "31": "YUC", "32": "ZAC",
}


def _text(payload) -> str:
    return "".join(payload) if isinstance(payload, list) else payload


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", data[16:24])


def svg_width_inches(svg: str) -> float:
    return float(re.search(r'<svg[^>]*\swidth="([\d.]+)pt"', svg).group(1)) / 72


def font_sizes(svg: str) -> list[float]:
    """The size of every text of an SVG saved by matplotlib, in points (its user unit is the point)."""
    return [float(size) for size in re.findall(r"font-size:\s*([\d.]+)px", svg)]


@pytest.fixture(scope="module")
def figures(executed):
    """``{figure name: (chapter, output data)}`` for every named figure of every chapter."""
    found = {}
    for chapter in runner.discover():
        for cell in executed(chapter).cells:
            name = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("name")
            images = [o["data"] for o in cell.get("outputs", []) if "image/svg+xml" in o.get("data", {})
                      or "image/png" in o.get("data", {})]
            if name and images:
                found[name] = (chapter, images[0])
    assert len(found) >= 20, f"expected the book's figures; found {sorted(found)}"
    return found


def test_every_figure_is_an_svg_with_its_text_as_text_and_a_png_for_slides(figures):
    for name, (_, data) in figures.items():
        assert "image/svg+xml" in data and "image/png" in data, f"{name}: {sorted(data)}"
        svg = _text(data["image/svg+xml"])
        assert "<text" in svg and 'id="DejaVuSans-' not in svg, f"{name}: text drawn as glyph outlines"
        assert "<dc:date>" not in svg and "Matplotlib v" not in svg, f"{name}: a date or version makes runs differ"
        width, _ = png_size(base64.b64decode(_text(data["image/png"])))
        assert width >= 2000, f"{name}: the PNG for slides is {width} px wide"


def test_every_text_shows_at_9_points_or_more_on_a_1280_px_page(figures):
    small = []
    for name, (_, data) in figures.items():
        svg = _text(data["image/svg+xml"])
        width = svg_width_inches(svg)
        assert width <= figure_style.MAX_FIGURE_WIDTH + 0.05, f"{name}: {width:.2f} in wide"
        shown = figure_style.displayed_size(min(font_sizes(svg)), width)
        if shown < figure_style.MIN_DISPLAYED_SIZE:
            small.append(f"{name}: smallest text shows at {shown:.1f} pt")
    assert not small, "\n".join(small)


def _rotated_texts_outside_axes(element, inside_axis: bool = False):
    """Texts turned from the horizontal that are not an axis's own labels (axis titles)."""
    inside_axis = inside_axis or element.get("id", "").startswith("matplotlib.axis")
    for child in element:
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "text":
            angle = re.search(r"rotate\((-?[\d.]+)", child.get("transform", ""))
            if angle and float(angle.group(1)) % 360 and not inside_axis:
                yield "".join(child.itertext())
        else:
            yield from _rotated_texts_outside_axes(child, inside_axis)


def test_no_label_is_turned_except_axis_titles(figures):
    for name, (_, data) in figures.items():
        root = ElementTree.fromstring(_text(data["image/svg+xml"]).encode("utf-8"))
        assert list(_rotated_texts_outside_axes(root)) == [], name


def test_the_figures_keep_each_page_light(figures):
    weight = {}
    for name, (chapter, data) in figures.items():
        weight[chapter] = weight.get(chapter, 0) + len(_text(data["image/svg+xml"]).encode("utf-8"))
    heavy = {chapter: size for chapter, size in weight.items() if size > PAGE_BUDGET}
    assert not heavy, f"figures heavier than {PAGE_BUDGET:,} bytes on a page: {heavy}"


# --- the style itself ----------------------------------------------------------------------------------------

def test_a_figure_drawn_wider_than_the_column_shows_its_text_smaller():
    assert figure_style.displayed_size(10, figure_style.FIGURE_WIDTH) == 10
    assert figure_style.displayed_size(10, 5) == 10  # narrower: shown at its own size
    assert figure_style.displayed_size(10, 2 * figure_style.FIGURE_WIDTH) == pytest.approx(5)
    assert figure_style.displayed_size(figure_style.SMALL_TEXT_SIZE, figure_style.MAX_FIGURE_WIDTH) == pytest.approx(
        figure_style.MIN_DISPLAYED_SIZE)


def test_the_page_svg_and_the_slide_png_are_the_same_bytes_every_time():
    figure_style.use_compendium_style()
    fig, ax = plt.subplots()
    try:
        ax.bar(["a", "b"], [1, 2])
        ax.set_title("Cards")
        first, second = figure_style.page_svg(fig), figure_style.page_svg(fig)
        assert first == second and "svg.fonttype" not in first and ">Cards<" in first.replace("</text>", "<")
        png = figure_style.slide_png(fig)
        assert png == figure_style.slide_png(fig)
        width, _ = png_size(png)
        assert 2000 <= width <= figure_style.SLIDE_WIDTH_PX + 10
    finally:
        plt.close(fig)


# --- the Mexican tile map ----------------------------------------------------------------------------------

def test_mexican_states_carry_the_abbreviations_mexican_readers_use():
    tiles = loaders.load_mexican_state_tiles()
    assert dict(zip(tiles["cve_ent"], tiles["abbreviation"])) == MEXICAN_ABBREVIATIONS


def test_tile_labels_fit_their_tiles_and_the_key_names_every_state():
    figure_style.use_compendium_style()
    tiles = loaders.load_mexican_state_tiles().set_index("cve_ent")
    names = loaders.load_mexican_states().set_index("cve_ent")["name"]
    values = pd.Series(range(1, 33), index=tiles.index, dtype=float)
    fig, (upper, lower) = plt.subplots(2, 1, figsize=(7.5, 10))  # as the diaspora chapter draws it
    try:
        diaspora_figures.plot_tiles(upper, tiles, values, tiles["abbreviation"], log=True, fig=fig)
        diaspora_figures.plot_tiles(lower, tiles, values, tiles["abbreviation"], fig=fig, key=names)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for ax in (upper, lower):
            tile_width = ax.transData.transform((0.92, 0))[0] - ax.transData.transform((0, 0))[0]
            widest = max(t.get_window_extent(renderer).width for t in ax.texts)
            assert widest < tile_width, f"a label is {widest:.0f} px on a tile {tile_width:.0f} px wide"
        [key] = fig.legends
        entries = [t.get_text() for t in key.get_texts()]
        assert len(entries) == 32 and "TAMPS  Tamaulipas" in entries and "QROO  Quintana Roo" in entries
        assert entries == sorted(entries)
    finally:
        plt.close(fig)
