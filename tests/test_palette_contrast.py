"""The figure palette against the white page: WCAG contrast computed, low-contrast colours documented."""
from __future__ import annotations

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
