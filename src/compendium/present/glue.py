"""Glue: hand formatted values to the prose, where ``{glue:text}`key``` shows them, in both editions.

A value is glued as text, already formatted (:mod:`compendium.present.formatting`), so the
book shows exactly what the wording functions produced. A chapter runs once and glues every
value in both languages: ``key`` holds the English text and ``key__es`` the Spanish one, which
the Spanish edition's staging puts in its place (:mod:`compendium.build.editions`), so the prose
and its translation refer to the same key.

Outputs that carry words (a figure, a table, a block of page furniture) are shown once per
language with :func:`show`, each tagged with its language; each edition keeps its own.
"""
from __future__ import annotations

from compendium.present.formatting import fmt_int, fmt_num, fmt_pct
from compendium.present.i18n import LANGUAGES, check_lang

VARIANT = "__"
"""Separates a key from its language: ``continent_gap__es``."""
LANG_METADATA = "compendium_lang"
"""The output metadata naming the language of an output shown once per language."""


def variant_key(key: str, lang: str) -> str:
    """The key under which ``lang``'s text of ``key`` is glued: ``key`` for English, ``key__es`` for Spanish."""
    return key if check_lang(lang) == LANGUAGES[0] else f"{key}{VARIANT}{lang}"


def _glue_one(key: str, text: str) -> None:
    from myst_nb import glue

    if not isinstance(text, str):
        raise TypeError(f"glue_text({key!r}) takes a formatted string; format the number first (got {type(text).__name__})")
    glue(key, text, display=False)


def glue_text(key: str, text) -> str:
    """Glue ``text`` under ``key`` for ``{glue:text}`key``` in the prose, without displaying it; return the English.

    ``text`` is either a function of the language (``lambda lang: words.x(..., lang=lang)``),
    glued in every language, or a string, glued as it is for both editions (a string of words
    stays English in the Spanish edition: pass a function).
    """
    if callable(text):
        texts = {lang: text(lang) for lang in LANGUAGES}
    else:
        texts = {LANGUAGES[0]: text}
    for lang, value in texts.items():
        _glue_one(variant_key(key, lang), value)
    return texts[LANGUAGES[0]]


def glue_texts(make) -> dict[str, str]:
    """Glue every text of ``make(lang)``, a function returning ``{key: text}``, in every language; return the English."""
    made = {lang: make(lang) for lang in LANGUAGES}
    english = made[LANGUAGES[0]]
    for lang, texts in made.items():
        if set(texts) != set(english):
            raise ValueError(f"the {lang!r} texts have other keys than the English ones: "
                             f"{sorted(set(texts) ^ set(english))}")
        for key, value in texts.items():
            _glue_one(variant_key(key, lang), value)
    return english


def glue_int(key: str, value) -> str:
    """Glue an integer with thousands separators."""
    return glue_text(key, lambda lang: fmt_int(value, lang))


def glue_pct(key: str, fraction, digits: int = 1) -> str:
    """Glue a fraction as a percentage."""
    return glue_text(key, lambda lang: fmt_pct(fraction, digits, lang))


def glue_num(key: str, value, digits: int = 1) -> str:
    """Glue a number with ``digits`` decimals."""
    return glue_text(key, lambda lang: fmt_num(value, digits, lang))


def show(make) -> None:
    """Display ``make(lang)`` (anything IPython displays: Markdown, HTML, a table, a data block) once per language.

    Each output is tagged with its language; the staging of each edition keeps only its own.
    Use it as the last statement of a cell instead of returning the object.
    """
    from IPython.display import display

    for lang in LANGUAGES:
        display(make(lang), metadata={LANG_METADATA: lang})


def show_figure(draw) -> None:
    """Draw and display a figure once per language: ``draw(lang)`` returns a matplotlib Figure.

    The figure cell keeps its ``mystnb.figure`` metadata (caption, name) and alt text, which
    the chapter's catalogue translates; the drawing itself (title, axis labels, legend) comes
    from ``draw`` in each language. Each figure is closed after it is shown.
    """
    import matplotlib.pyplot as plt
    from IPython.display import display

    for lang in LANGUAGES:
        fig = draw(lang)
        display(fig, metadata={LANG_METADATA: lang})
        plt.close(fig)
