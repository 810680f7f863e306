"""Every page on a laptop (1280 px), a short laptop screen (1366x768) and a phone (390 px).

The pages are opened on each screen of ``browsing.SCREENS`` by the ``layouts`` fixture, which
measures them in the browser (``browsing.LAYOUT_JS``), keeps a full-page screenshot per page and
screen in ``_build/screenshots/`` and the measurements in ``_build/screenshots/layout.json``.
Each test checks one property on every page and lists every page and screen that breaks it.
"""
from __future__ import annotations

import re

import pytest

from browsing import SCREENS, toc_documents

MIN_SVG_TEXT_PX = 9.0  # at 1280 px, the size at which a figure's smallest text is still read on a projector
MIN_CAPTION_CONTRAST = 4.5  # WCAG 2.1 AA for body-size text
MIN_FIGURE_WIDTH = 300  # px: a figure narrower than this on any screen has been squeezed by the layout
ICON_SCRIPT = re.compile(r"/fontawesome\.js|/fa-(solid|regular|brands)-\d+\.(woff2|ttf)")
SEARCH_SCRIPTS = re.compile(r"/(searchindex|searchtools|language_data)\.js")


def _problems(layouts, check) -> list[str]:
    """``check(screen, path, layout)`` yields problems; all of them, labelled by screen and page."""
    return [f"{screen} {path}: {problem}" for screen, pages in layouts.items() for path, layout in pages.items()
            for problem in check(screen, path, layout)]


@pytest.mark.parametrize("screen", SCREENS)
def test_nothing_sticks_out_of_the_window_sideways(layouts, screen):
    """Tables and code scroll inside their own box; the page itself never scrolls sideways."""
    problems = []
    for path, layout in layouts[screen].items():
        if layout["scrollWidth"] > layout["viewportWidth"] or layout["overflowing"]:
            problems.append(f"{path}: the page is {layout['scrollWidth']} px wide in a {layout['viewportWidth']} px "
                            f"window; sticking out: {layout['overflowing'][:6]}")
    assert not problems, f"on the {screen} screen:\n" + "\n".join(problems)


def test_every_page_has_a_screenshot_on_every_screen(layouts):
    from pathlib import Path

    missing = _problems(layouts, lambda screen, path, layout:
                        [] if Path(layout["screenshot"]).is_file() and Path(layout["screenshot"]).stat().st_size > 10_000
                        else [f"screenshot {layout['screenshot']} missing or blank"])
    assert not missing, "\n".join(missing)
    assert set(layouts) == set(SCREENS)


def test_figures_are_shown_whole_and_not_squeezed(layouts):
    """Each figure lies inside the window and is at least ``MIN_FIGURE_WIDTH`` px wide (or its own width)."""
    def check(screen, path, layout):
        for figure in layout["figures"]:
            name = figure["id"] or figure["src"]
            if figure["left"] < -1 or figure["right"] > layout["viewportWidth"] + 1:
                yield f"figure {name} spans {figure['left']:.0f}-{figure['right']:.0f} px, outside the window"
            wanted = min(MIN_FIGURE_WIDTH, figure["naturalWidth"] or MIN_FIGURE_WIDTH)
            if figure["width"] < wanted:
                yield f"figure {name} is shown {figure['width']:.0f} px wide (at least {wanted} expected)"

    problems = _problems(layouts, check)
    assert not problems, "\n".join(problems)
    assert any(layout["figures"] for layout in layouts["1280"].values()), "no figure found on any page"


@pytest.mark.parametrize("page", [doc for doc in toc_documents()])
def test_svg_figure_text_is_at_least_9px_at_1280(layouts, page):
    """Every piece of text in every SVG figure is rendered at least ``MIN_SVG_TEXT_PX`` px tall on a 1280 px page."""
    layout = layouts["1280"].get(page)
    if layout is None:
        pytest.fail(f"{page} was not visited")
    figures = layout["figures"]
    if not figures:
        pytest.skip(f"{page} has no figure")
    svgs = [figure for figure in figures if figure["kind"] == "svg"]
    if not svgs:
        kinds = sorted({figure["kind"] for figure in figures})
        pytest.skip(f"{page}: its {len(figures)} figure(s) are still {', '.join(kinds).upper()} images, whose text "
                    "the browser cannot measure; the test measures them once they are SVG")
    problems = []
    for figure in svgs:
        sizes = figure["text"] or []
        if not sizes:
            problems.append(f"{figure['id'] or figure['src']}: no <text> in the SVG (text drawn as paths is neither "
                            "searchable nor measurable)")
            continue
        smallest = min(sizes, key=lambda size: size["px"])
        if smallest["px"] < MIN_SVG_TEXT_PX:
            small = sorted({f"{s['text']!r} {s['px']:.1f} px" for s in sizes if s["px"] < MIN_SVG_TEXT_PX})
            problems.append(f"{figure['id'] or figure['src']} ({figure['width']:.0f} px wide): text below "
                            f"{MIN_SVG_TEXT_PX} px: {small[:8]}")
    assert not problems, f"{page} at 1280 px:\n" + "\n".join(problems)


def test_one_search_box_in_view(layouts):
    """A reader sees one search box (or button), not two, on every screen."""
    problems = _problems(layouts, lambda screen, path, layout:
                         [] if len(layout["searchBoxes"]) == 1 else [f"{len(layout['searchBoxes'])} search boxes in view: "
                                                                    f"{layout['searchBoxes']}"])
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("screen", [name for name, options in SCREENS.items() if not options.get("is_mobile")])
def test_the_sidebar_shows_the_book_title(layouts, screen):
    """On a wide screen the book's title heads the sidebar, in the window and under nothing."""
    problems = [f"{path}: the title is {layout['titleState']}" for path, layout in layouts[screen].items()
                if layout["titleState"] != "visible"]
    assert not problems, f"on the {screen} screen:\n" + "\n".join(problems)


def test_captions_are_dark_enough_and_not_thin(layouts):
    """Figure and table captions: text contrast at least 4.5:1 (WCAG AA) and normal weight (400) or more."""
    def check(screen, path, layout):
        for caption in layout["captions"]:
            if caption["contrast"] < MIN_CAPTION_CONTRAST:
                yield f"caption {caption['caption']!r}: contrast {caption['contrast']:.2f}:1"
            if caption["weight"] < 400:
                yield f"caption {caption['caption']!r}: font weight {caption['weight']:.0f}"

    problems = _problems(layouts, check)
    assert not problems, "\n".join(problems)
    assert any(layout["captions"] for layout in layouts["1280"].values()), "no caption found on any page"


def test_wide_tables_scroll_in_their_box_with_a_cue_and_captions_wrap(layouts):
    """A box wider than its content area says it scrolls; a table's caption never runs past its box."""
    def check(screen, path, layout):
        for box in layout["wideBoxes"]:
            if not box["hint"]:
                yield f"{box['box']} scrolls sideways with no visible cue"
        for caption in layout["captions"]:
            if caption["right"] > caption["boxRight"] + 1:
                yield f"caption {caption['caption']!r} runs to {caption['right']:.0f} px, past its box ({caption['boxRight']:.0f} px)"

    problems = _problems(layouts, check)
    assert not problems, "\n".join(problems)


def test_pages_load_neither_the_icon_script_nor_the_search_index(layouts):
    """Icons come from a small font, not fontawesome.js (1.46 MB); the search files load on the search page only."""
    def check(screen, path, layout):
        for url in layout["requests"]:
            if ICON_SCRIPT.search(url):
                yield f"requests {url}"
            if SEARCH_SCRIPTS.search(url) and not path.endswith("search.html"):
                yield f"requests {url}"
        if not any("compendium-icons.woff" in url for url in layout["requests"]):
            yield "does not load the icon font compendium-icons.woff"

    problems = _problems(layouts, check)
    assert not problems, "\n".join(problems)


def test_the_svg_text_measure_reads_inline_and_linked_svg(reader):
    """The measure itself works: text in an inline SVG and in an SVG shown by <img>, at their rendered scale."""
    from urllib.parse import quote

    from browsing import LAYOUT_JS

    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 50" width="100" height="50">'
           '<text x="5" y="20" font-size="5">small</text><text x="5" y="40" style="font: 10px sans-serif">large</text></svg>')
    page = reader.new_page()
    try:
        page.set_content('<html lang="en"><body><div class="bd-article">'
                         f'<figure id="inline">{svg}</figure>'
                         f'<figure id="linked"><img alt="a" src="data:image/svg+xml,{quote(svg)}" width="200" height="100"></figure>'
                         '</div></body></html>')
        page.locator("#inline svg").evaluate("svg => { svg.setAttribute('width', 400); svg.setAttribute('height', 200); }")
        figures = {figure["id"]: figure for figure in page.evaluate(LAYOUT_JS)["figures"]}
    finally:
        page.close()
    assert [round(size["px"]) for size in figures["inline"]["text"]] == [20, 40]
    assert [round(size["px"]) for size in figures["linked"]["text"]] == [10, 20]
    assert figures["linked"]["kind"] == figures["inline"]["kind"] == "svg"
