"""Numbers as a reader sees them: thousands separators, fixed decimals, true minus signs, in either edition.

Numbers are formatted here, in Python, and glued as text: myst-nb's format specs in the
``{glue:text}`` role fail on NumPy 2 scalars, and formatting in one place keeps the book
consistent. Every function takes the edition's language (``lang="en"`` by default) and formats
through Babel with its locale (:mod:`compendium.present.i18n`, where they are defined).
"""
from __future__ import annotations

from compendium.present.i18n import (  # noqa: F401 - this module is where chapters and wording functions import them
    as_python,
    fmt_date,
    fmt_int,
    fmt_money,
    fmt_num,
    fmt_pct,
    fmt_range,
    fmt_signed_int,
    fmt_signed_pct,
    fmt_value,
    join_words,
    level_text,
    percent_sign,
)
