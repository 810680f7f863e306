"""The book's two languages: Python's words from one catalogue, numbers and dates by locale.

Every word a reader sees that Python writes (a sentence around a number, a figure's title, a
table's header, a label of the page furniture) is written in English in the code and passed
through :func:`_` with the language of the edition being made::

    _("{count} states hold more than half of the cards", lang).format(count=fmt_int(n, lang))

English returns the message itself; Spanish looks it up in ``locale/es/LC_MESSAGES/compendium.po``
(read with Babel, which reads and writes the same ``.po`` format as Sphinx's catalogues of the
chapters' prose). A message with no Spanish is an error that names the message and the file, so
the Spanish edition never shows an English sentence by accident (``COMPENDIUM_I18N_STRICT=0``
relaxes it to the English text, for drafting). ``python -m compendium catalogues`` adds every
message written in the code to the catalogue, untranslated, for a translator to fill in.

Numbers, percentages, dates and money go through Babel with the edition's locale (``en_US``,
``es_MX``). Mexican usage writes numbers as English does ("1,234.5"), a space before the percent
sign ("12.5 %") and dates in words ("30 de septiembre de 2023"). The number is rounded by Python
first and Babel only groups and marks it, so both editions show the same digits.
"""
from __future__ import annotations

import datetime
import functools
import numbers
import os
from decimal import Decimal
from pathlib import Path

from compendium.data import descriptor, paths
from compendium.data.errors import CompendiumError

LANGUAGES = ("en", "es")
"""The editions, English first: English is the source language of the code and the chapters."""
LOCALES = {"en": "en_US", "es": "es_MX"}
"""The Babel locale of each edition."""
DOMAIN = "compendium"
"""The catalogue of Python's words: ``locale/<lang>/LC_MESSAGES/compendium.po``."""
MINUS = "\u2212"
_PERCENT = {"en": "%", "es": "\u00a0%"}  # Mexican usage: "12.5 %", with a space that does not break


class MissingTranslation(CompendiumError, KeyError):
    """A message the Spanish catalogue does not translate (or marks fuzzy)."""

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


def check_lang(lang: str) -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else a clear error."""
    if lang not in LANGUAGES:
        raise CompendiumError(f"language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return lang


def catalogue_path(lang: str) -> Path:
    """The ``.po`` file of Python's words for ``lang``."""
    return paths.repo_root() / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.lru_cache(maxsize=None)
def _read_catalogue(path: str, mtime_ns: int) -> dict[tuple[str | None, str], str]:
    from babel.messages.pofile import read_po

    descriptor.note_read(Path(path))  # a chapter executed with this catalogue is re-executed when it changes
    with open(path, "rb") as handle:
        catalogue = read_po(handle, abort_invalid=True)
    return {(m.context, m.id): m.string for m in catalogue
            if m.id and isinstance(m.id, str) and m.string and not m.fuzzy}


def catalogue(lang: str) -> dict[tuple[str | None, str], str]:
    """``{(context, English message): translation}`` of the complete, non-fuzzy entries for ``lang``."""
    path = catalogue_path(check_lang(lang))
    if not path.is_file():
        raise CompendiumError(f"{path}: the catalogue of the {lang!r} edition is missing; "
                              "run `python -m compendium catalogues` to create it")
    return _read_catalogue(str(path), path.stat().st_mtime_ns)


def strict() -> bool:
    """True unless ``COMPENDIUM_I18N_STRICT=0``: a missing translation is then an error."""
    return os.environ.get("COMPENDIUM_I18N_STRICT", "1") != "0"


def _(message: str, lang: str = "en", context: str | None = None) -> str:
    """``message`` (English, the catalogue's key) in ``lang``; ``context`` tells apart two uses of one English text."""
    if check_lang(lang) == "en":
        return message
    found = catalogue(lang).get((context, message))
    if found is not None:
        return found
    if strict():
        where = f" (context {context!r})" if context else ""
        raise MissingTranslation(f"{catalogue_path(lang)}: no translation of {message!r}{where}; run "
                                 "`python -m compendium catalogues` and translate the entry")
    return message


DATA_TEXTS = (
    ("glossary_terms", "meaning"), ("glossary_terms", "note"), ("abbreviations", "meaning"),
    ("glossary_terms", "term"),
    ("top_countries", "country"), ("abroad_by_continent_2021", "continent"), ("occupations_abroad", "occupation"),
    ("us_states_2022", "state"), ("mexican_states", "name"),
    ("repatriations_from_us", "period_as_printed"), ("repatriation_border_states", "state"),
    ("repatriation_origin_brackets", "state"), ("repatriation_origin_brackets", "bracket_as_printed"),
    ("repatriations_by_reception_point", "reception_point"), ("repatriations_by_reception_point", "kind"),
    ("policy_timeline", "instrument"), ("policy_timeline", "kind"), ("policy_timeline", "event"),
    ("enadid_emigration", "printed_as"), ("migration_series_checkpoints", "unit"),
    ("nodess_counts", "period_as_printed"), ("nodess_regions_2022_2023", "region"),
    ("inaes_headline_figures", "indicator"), ("inaes_headline_figures", "qualifier"), ("inaes_headline_figures", "unit"),
    ("osse_group_minimums", "form"), ("osse_types", "osse_type"), ("osse_type_families", "family"),
    ("osse_type_families", "rationale"), ("migrant_integration_strategies", "strategy"),
    ("migrant_integration_strategies", "who_acts"), ("migrant_integration_strategies", "what_they_do"),
    ("migrant_integration_strategies", "for_whom"),
    ("nodess_actors", "actor_type"), ("nodess_regions_2022_2023", "region"), ("nodess_counts", "status"),
    ("nodess_counts", "period_as_printed"), ("nodess_priority_themes", "theme"), ("nodess_ecosystems", "ecosystem"),
    ("nodess_ecosystem_lines", "line_of_work"), ("mexican_states", "name"),
    ("audit_findings", "title"), ("claims", "measures"),
    ("audit_findings", "printed"), ("audit_findings", "computed"), ("audit_findings", "explanation"),
    ("audit_findings", "correction_note"), ("audit_findings", "effects"), ("audit_findings", "kind"),
    ("audit_findings", "location"), ("claims", "location"), ("claims", "note"), ("claims", "recomputed_as"),
    ("outside_evidence", "note"), ("outside_evidence", "publisher"),
)
"""Columns of the data package whose texts a reader sees as words (``(dataset, column)``): every value is a
message of the catalogue (``make catalogues`` adds them) and is shown through :func:`data_text`. Add a column
here when a chapter shows its values (names of countries, US states, occupations...)."""


def data_text(value, lang: str = "en") -> str:
    """A text taken from a column of :data:`DATA_TEXTS` (a name, a meaning), in ``lang``; empty stays empty."""
    text = "" if value is None or (not isinstance(value, str) and value != value) else str(value).strip()
    return _(text, lang, context="data") if text else text


DESCRIPTOR_FIELDS = ("title", "description", "provenance.section", "provenance.location", "provenance.original_source",
                     "provenance.retrieved", "licenses.title",
                     "sources.title", "schema.fields.description", "schema.fields.unit", "provenance.page")
"""The texts of ``datapackage.json`` a reader sees (under every figure and table, and in the Data appendix)."""


def descriptor_text(value, lang: str = "en") -> str:
    """A text of ``datapackage.json`` (one of :data:`DESCRIPTOR_FIELDS`) in ``lang``; empty stays empty."""
    text = "" if value is None else str(value).strip()
    return _(text, lang, context="datapackage") if text else text


def page_message(page: str, message: str, lang: str = "en") -> str:
    """``message`` of the prose of ``page`` (``chapters/diaspora``) as its catalogue translates it; the message
    itself when untranslated (the catalogue test names every untranslated entry)."""
    if check_lang(lang) == "en":
        return message
    path = paths.repo_root() / "locale" / lang / "LC_MESSAGES" / f"{page}.po"
    if not path.is_file():
        return message
    return _read_catalogue(str(path), path.stat().st_mtime_ns).get((None, message), message)


def gettext_noop(message: str) -> str:
    """Mark a message for the catalogue where it is defined and translate it later with :func:`_`."""
    return message


def n_(singular: str, plural: str, count, lang: str = "en") -> str:
    """The singular message when ``count`` is one, else the plural, translated (both languages: one / other)."""
    return _(singular if as_python(count) == 1 else plural, lang)


def each(make) -> dict[str, object]:
    """``{lang: make(lang)}`` for every edition."""
    return {lang: make(lang) for lang in LANGUAGES}


# Numbers ---------------------------------------------------------------------------------------

def as_python(value):
    """A NumPy or pandas scalar as the plain Python number it holds."""
    return value.item() if hasattr(value, "item") else value


def _rounded(value, digits: int) -> Decimal:
    """``value`` rounded by Python (as an f-string rounds it) to ``digits`` decimals, as an exact Decimal."""
    return Decimal(f"{float(as_python(value)):.{digits}f}")


def _grouped(number: Decimal, digits: int, lang: str, grouping: bool = True) -> str:
    from babel.numbers import format_decimal

    pattern = ("#,##0" if grouping else "0") + ("." + "0" * digits if digits > 0 else "")
    return format_decimal(number, format=pattern, locale=LOCALES[check_lang(lang)])


def fmt_int(value, lang: str = "en") -> str:
    """``1234567`` -> ``'1,234,567'`` (the same in both editions)."""
    return _grouped(Decimal(int(round(as_python(value)))), 0, lang)


def fmt_num(value, digits: int = 1, lang: str = "en") -> str:
    """A number with thousands separators and ``digits`` decimals."""
    return _grouped(_rounded(value, digits), digits, lang)


def percent_sign(lang: str = "en") -> str:
    """What follows a percentage's digits: ``%`` in English, a no-break space and ``%`` in Spanish."""
    return _PERCENT[check_lang(lang)]


def fmt_pct(fraction, digits: int = 1, lang: str = "en") -> str:
    """A fraction as a percentage: ``0.1234`` -> ``'12.3%'`` (``'12.3 %'`` in Spanish)."""
    return _grouped(_rounded(100 * float(as_python(fraction)), digits), digits, lang, grouping=False) + percent_sign(lang)


def fmt_signed_pct(fraction, digits: int = 1, lang: str = "en") -> str:
    """A change as a signed percentage: ``-0.106`` -> ``'−10.6%'`` (with a true minus sign)."""
    text = f"{100 * float(as_python(fraction)):+.{digits}f}"  # Python's rounding and sign ("-0.0" stays negative)
    sign = MINUS if text.startswith("-") else "+"
    return sign + _grouped(Decimal(text[1:]), digits, lang, grouping=False) + percent_sign(lang)


def fmt_signed_int(value, lang: str = "en") -> str:
    """A change in a count with its sign and a true minus: ``-17784`` -> ``'−17,784'``, ``5059`` -> ``'+5,059'``."""
    value = int(round(float(as_python(value))))
    return ("+" if value > 0 else MINUS if value < 0 else "") + fmt_int(abs(value), lang)


def fmt_value(value, lang: str = "en") -> str:
    """Integers with separators, other numbers with one decimal, anything else as text."""
    value = as_python(value)
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return str(value)
    if float(value).is_integer():
        return fmt_int(value, lang)
    return fmt_num(value, 1, lang)


def fmt_range(low, high, fmt=None, lang: str = "en") -> str:
    """An interval in words: ``'204,579 to 206,633'`` (``'204,579 a 206,633'``); each end formatted with ``fmt``
    (a one-argument function, default :func:`fmt_int` in ``lang``)."""
    fmt = fmt or (lambda v: fmt_int(v, lang))
    return _("{low} to {high}", lang).format(low=fmt(low), high=fmt(high))


def level_text(alpha: float, lang: str = "en") -> str:
    """The interval level for ``alpha`` without spurious decimals: 0.05 -> ``'95%'``, 0.025 -> ``'97.5%'``."""
    return f"{100 * (1 - float(alpha)):.10g}" + percent_sign(lang)


def join_words(items, empty: str = "none", lang: str = "en") -> str:  # noqa: D417
    """``["A", "B", "C"]`` -> ``"A, B and C"`` (``"A, B y C"``; ``"e"`` before a word sounding "i": ``"Guanajuato e
    Hidalgo"``); ``["A"]`` -> ``"A"``; ``[]`` -> ``empty`` (give it translated)."""
    items = [str(item) for item in items]
    if not items:
        return empty
    if len(items) == 1:
        return items[0]
    last = items[-1]
    conjunction = _("and", lang)
    if lang == "es" and last.lower().startswith(("i", "hi")) and not last.lower().startswith(("hie", "hia", "hio", "hiu")):
        conjunction = "e"
    return ", ".join(items[:-1]) + f" {conjunction} " + last


def fmt_date(value, lang: str = "en", format: str = "long") -> str:
    """A date in words: ``'September 30, 2023'``, ``'30 de septiembre de 2023'`` (``format`` as Babel's)."""
    from babel.dates import format_date

    if isinstance(value, str):
        value = datetime.date.fromisoformat(value)
    if isinstance(value, datetime.datetime):  # a pandas Timestamp too
        value = value.date()
    return format_date(value, format=format, locale=LOCALES[check_lang(lang)])


def fmt_money(amount, currency: str = "MXN", lang: str = "en", digits: int = 0) -> str:
    """An amount of money with its currency as the edition writes it: ``'MX$1,234'`` / ``'$1,234'`` for pesos."""
    from babel.numbers import format_currency

    pattern = "¤#,##0" + ("." + "0" * digits if digits > 0 else "")
    return format_currency(_rounded(amount, digits), currency, format=pattern, locale=LOCALES[check_lang(lang)],
                           currency_digits=False)


class Formats:
    """The formatting functions bound to one edition's language, for code that formats many numbers::

        f = formats(lang)
        f.int(1234), f.pct(0.125), f.join(names), f.name("Mexico City"), f._("equals")
    """

    def __init__(self, lang: str):
        self.lang = check_lang(lang)

    def int(self, value) -> str:
        return fmt_int(value, self.lang)

    def num(self, value, digits: int = 1) -> str:
        return fmt_num(value, digits, self.lang)

    def pct(self, fraction, digits: int = 1) -> str:
        return fmt_pct(fraction, digits, self.lang)

    def signed_int(self, value) -> str:
        return fmt_signed_int(value, self.lang)

    def signed_pct(self, fraction, digits: int = 1) -> str:
        return fmt_signed_pct(fraction, digits, self.lang)

    def value(self, value) -> str:
        return fmt_value(value, self.lang)

    def range(self, low, high, fmt=None) -> str:
        return fmt_range(low, high, fmt, self.lang)

    def level(self, alpha) -> str:
        return level_text(alpha, self.lang)

    def join(self, items, empty: str = "none") -> str:
        return join_words(items, _("none", self.lang) if empty == "none" else empty, self.lang)

    def date(self, value, format: str = "long") -> str:
        return fmt_date(value, self.lang, format)

    def money(self, amount, currency: str = "MXN", digits: int = 0) -> str:
        return fmt_money(amount, currency, self.lang, digits)

    @property
    def percent(self) -> str:
        """The percent sign as the edition writes it after a number (``%``, ``' %'``)."""
        return percent_sign(self.lang)

    def _(self, message: str, context: str | None = None) -> str:
        return _(message, self.lang, context)

    def name(self, value) -> str:
        """A name from the data (:data:`DATA_TEXTS`) in this edition."""
        return data_text(value, self.lang)

    def names(self, values) -> list[str]:
        return [data_text(value, self.lang) for value in values]


def formats(lang: str = "en") -> Formats:
    """:class:`Formats` for ``lang``."""
    return Formats(lang)
