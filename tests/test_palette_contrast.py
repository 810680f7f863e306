"""The figure palette against the white page, and the figure captions against the page: WCAG contrast
computed, low-contrast colours documented."""
from __future__ import annotations

import re
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from compendium.present import contrast, figure_style  # noqa: E402


@pytest.mark.parametrize("colour, background, expected", [
    ("#000000", "#FFFFFF", 21.0),
    ("#FFFFFF", "#FFFFFF", 1.0),
    ("#777777", "#FFFFFF", 4.48),  # the classic just-fails-AA grey
    ("#767676", "#FFFFFF", 4.54),  # the lightest grey that passes AA for text
])
def test_contrast_ratio_matches_wcag(colour, background, expected):
    assert contrast.contrast_ratio(colour, background) == pytest.approx(expected, abs=0.01)
    assert contrast.contrast_ratio(background, colour) == pytest.approx(expected, abs=0.01)


def test_a_malformed_colour_is_refused_with_what_was_expected():
    with pytest.raises(ValueError, match="#RRGGBB"):
        contrast.relative_luminance("blue")


def test_every_palette_colour_below_3_to_1_is_a_documented_exception():
    low = {name for name, colour in figure_style.OKABE_ITO.items() if contrast.contrast_ratio(colour) < contrast.NON_TEXT_MINIMUM}
    assert low == set(contrast.PALETTE_EXCEPTIONS), (
        f"palette colours below {contrast.NON_TEXT_MINIMUM}:1 against white: "
        + ", ".join(f"{n} {contrast.contrast_ratio(figure_style.OKABE_ITO[n]):.2f}:1" for n in sorted(low))
        + f"; documented exceptions: {sorted(contrast.PALETTE_EXCEPTIONS)}")


def test_the_colours_that_carry_the_story_are_readable_as_graphics():
    for name in ("PAPER_COLOUR", "EXTERNAL_COLOUR", "HIGHLIGHT_COLOUR", "MUTED_COLOUR"):
        ratio = contrast.contrast_ratio(getattr(figure_style, name))
        assert ratio >= contrast.NON_TEXT_MINIMUM, f"figure_style.{name} has contrast {ratio:.2f}:1 against white"


def test_the_source_note_under_a_figure_is_readable_text():
    figure = plt.figure()
    try:
        figure_style.source_note(figure, "Source: a test")
        [note] = figure.texts
        colour = matplotlib.colors.to_hex(note.get_color())
    finally:
        plt.close(figure)
    assert contrast.contrast_ratio(colour) >= contrast.TEXT_MINIMUM, f"source note colour {colour}"


def test_text_drawn_inside_figures_is_readable():
    ratio = contrast.contrast_ratio(figure_style.MUTED_TEXT_COLOUR)
    assert ratio >= contrast.TEXT_MINIMUM, f"figure_style.MUTED_TEXT_COLOUR has contrast {ratio:.2f}:1 against white"


def test_text_drawn_on_a_fill_takes_the_more_readable_colour():
    for colour in list(figure_style.OKABE_ITO.values()) + ["#FFFFFF", "#0B0405", "#DEF5E5"]:
        text = figure_style.text_colour_on(colour)
        other = "#FFFFFF" if text != "#FFFFFF" else figure_style.DARK_TEXT_COLOUR
        assert contrast.contrast_ratio(text, colour) >= contrast.contrast_ratio(other, colour)
        assert contrast.contrast_ratio(text, colour) >= contrast.NON_TEXT_MINIMUM, colour


# --- captions: the page's colour for figure and table captions ---------------------------------------

def _hex(colour: str) -> str:
    """``#abc`` or ``#aabbcc`` as ``#AABBCC``."""
    text = colour.lstrip("#")
    return "#" + (text if len(text) == 6 else "".join(c * 2 for c in text)).upper()


def _theme_variables(css: str, mode: str) -> dict[str, str]:
    """The CSS custom properties a stylesheet declares for ``html[data-theme=<mode>]``."""
    variables = {}
    for block in re.findall(r"html\[data-theme=\"?" + mode + r"\"?\]\s*\{([^}]*)\}", css):
        variables.update(re.findall(r"(--[\w-]+)\s*:\s*([^;]+);", block))
    return variables


def _caption_colours(css: str) -> list[str]:
    """Colours a stylesheet gives figure or table captions directly (``figcaption``, ``caption`` rules)."""
    found = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", css):
        if "caption" in selector:
            found += re.findall(r"(?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,6})\b", body)
    return found


def _stylesheets() -> tuple[str, str]:
    """The theme's stylesheet (pydata-sphinx-theme, which sets the caption colour) and the compendium's own CSS."""
    import pydata_sphinx_theme

    from compendium.build import book

    theme = next(Path(pydata_sphinx_theme.__file__).parent.rglob("pydata-sphinx-theme.css")).read_text(encoding="utf-8")
    own = [p.read_text(encoding="utf-8")
            for p in (Path(book.__file__).parent / "book_theme").rglob("*.css")]
    return theme, "\n".join(own)


@pytest.mark.parametrize("mode", ["light", "dark"])
def test_captions_are_readable_text_in_both_colour_modes(mode):
    """Captions are text: 4.5:1 against the page (WCAG 1.4.3), whether the book's CSS sets their colour or the theme's."""
    theme, own = _stylesheets()
    variables = {**_theme_variables(theme, mode), **_theme_variables(own, mode)}
    background = _hex(variables["--pst-color-background"])
    colours = [("theme's muted text (captions)", variables["--pst-color-text-muted"])]
    if mode == "light":  # a colour set on a caption rule outside a mode block applies to the light page
        colours += [("caption rule of the book's CSS", c) for c in _caption_colours(own)]
    for where, colour in colours:
        ratio = contrast.contrast_ratio(_hex(colour), background)
        assert ratio >= contrast.TEXT_MINIMUM, f"{where} {colour} on {background} ({mode}): {ratio:.2f}:1"
