"""The words of the source audit's findings: their templates filled with the evidence, and their evidence tables.

:mod:`compendium.audit.findings` computes each finding's evidence (numbers, names, booleans,
frames) and keeps its templates, the text columns of ``data/audit_findings.csv``, unfilled. A
template writes every value as a placeholder ``{name:spec}``: ``name`` is a value the finding's
evidence function computes, ``spec`` says how a reader sees it:

``int``
    a count with thousands separators: ``9950`` -> ``9,950``
``year``
    a year, without a thousands separator: ``2009`` -> ``2009``
``word``, ``Word``
    a count as a word up to twelve (capitalised by ``Word``, to open a sentence or title), in figures
    beyond: ``2`` -> ``two``, ``Two``; ``14`` -> ``14``
``wordf``, ``Wordf``
    the same before a feminine noun, for a translation that needs it (Spanish "una fila"; in English
    the same as ``word``)
``num``, ``num2``
    a number with one decimal, or with the digits given: ``1.07`` -> ``1.1``, ``98.02``
``pct``, ``pct0``, ``pct2``
    a fraction as a percentage, one decimal or the digits given: ``0.048`` -> ``4.8%``
``pct_auto``
    a fraction as a percentage, two decimals below one percent, else one (as the diaspora
    chapter shows continent shares): ``0.0026`` -> ``0.26%``, ``0.02`` -> ``2.0%``
``signed_pct``
    a change (a fraction) with its sign and a true minus: ``-0.106`` -> ``−10.6%``
``printed_pct``
    a number already in percent, as briefly as the sources print it: ``0.02`` -> ``0.02%``, ``37.0`` -> ``37%``
``factor``
    a ratio: one decimal from 1 up, two below: ``12.8``, ``0.50``
``list``, ``list:SPEC``
    a list joined as ``A, B and C`` (``none`` when empty), each item shown with ``SPEC`` (names need none)
``IF TRUE|IF FALSE``
    a boolean chooses the words: ``{outside_fits_world:equals|does not equal}``. The words may
    hold placeholders themselves, one level down: ``{one_rule:Every share is {all_rounded:rounded|cut}.|...}``
``eachSEP|ITEM``
    a frame, each row shown with the template ``ITEM`` (its placeholders in doubled braces,
    naming the frame's columns), the rows joined by ``SEP``: ``{usages:each; |{{spelling}} {{n:int}}}``
no spec
    a name or label from the data, as it is (text only; a number must say how it is shown)

In the Spanish edition each template is the catalogue's translation of the English one (the same
placeholders, the choices' words translated), numbers are formatted for the edition, count words and
list conjunctions are Spanish, and a text value is translated when the compendium wrote it
(:func:`evidence_word`) and kept as printed when a source did.

A value of None (the data give no such value) is shown as ``none`` whatever the spec. A template
naming a value its evidence does not compute, or a spec not listed here, raises
:class:`~compendium.data.errors.DataError` naming the file, the finding and the column.

Belongs to the presentation layer: may import :mod:`compendium.data`, :mod:`compendium.audit`
and the rest of :mod:`compendium.present`.
"""
from __future__ import annotations

import numbers
import re
import string
from functools import partial
from typing import NamedTuple

import numpy as np
import pandas as pd

from compendium.audit.findings import Finding
from compendium.data.errors import DataError
from compendium.present.formatting import as_python, fmt_int, fmt_num, fmt_pct, fmt_signed_pct, join_words, percent_sign
from compendium.present.i18n import _, catalogue, gettext_noop
from compendium.present.tables import markdown_table

NUMBER_WORDS = {
    "en": ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"),
    "es": ("cero", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve", "diez", "once", "doce"),
}
"""Counts written as words by the ``word`` spec (larger counts are written in figures), in each edition."""
FEMININE_ONE = {"es": "una"}
"""``one`` before a feminine noun (``wordf``, ``Wordf``: "una fila"); English has no gender."""


def count_word(count, lang: str = "en", feminine: bool = False) -> str:
    """A count as a word up to twelve, in figures beyond: ``3`` -> ``three``, ``14`` -> ``14``."""
    count = as_python(count)
    if feminine and count == 1 and lang in FEMININE_ONE:
        return FEMININE_ONE[lang]
    words = NUMBER_WORDS[lang]
    return words[count] if isinstance(count, int) and 0 <= count < len(words) else fmt_int(count, lang)


NUMBER_SPECS = {
    "int": fmt_int,
    "word": count_word,
    "wordf": partial(count_word, feminine=True),
    "year": lambda year, lang: str(int(as_python(year))),
    "Word": lambda count, lang: count_word(count, lang).capitalize(),
    "Wordf": lambda count, lang: count_word(count, lang, feminine=True).capitalize(),
    "pct_auto": lambda fraction, lang: fmt_pct(fraction, 2 if fraction < 0.01 else 1, lang),
    "signed_pct": lambda fraction, lang: fmt_signed_pct(fraction, 1, lang),
    "printed_pct": lambda percent, lang: f"{as_python(percent):g}" + percent_sign(lang),
    "factor": lambda ratio, lang: fmt_num(ratio, 1 if ratio >= 1 else 2, lang),
}
"""The specs that show a number, besides ``num``/``numN`` and ``pct``/``pctN``: each a function of the value and
the edition's language. ``wordf`` and ``Wordf`` are ``word`` and ``Word`` before a feminine noun (Spanish "una")."""

KNOWN_SPECS = ("int, num, num<N>, word, Word, wordf, Wordf, year, pct, pct<N>, pct_auto, signed_pct, printed_pct, factor, "
               "list, list:<spec>, <if true>|<if false>, each<separator>|<item template>, or none for text")
"""The spec vocabulary, as an error message names it."""


def number_format(spec: str, lang: str = "en"):
    """The function showing a number under ``spec`` in ``lang``, or None if ``spec`` shows no number."""
    if spec in NUMBER_SPECS:
        return partial(NUMBER_SPECS[spec], lang=lang)
    match = re.fullmatch(r"(num|pct)(\d?)", spec)
    if match is None:
        return None
    return partial(fmt_num if match[1] == "num" else fmt_pct, digits=int(match[2] or 1), lang=lang)


def placeholders(template: str) -> list[tuple[str, str]]:
    """``(name, spec)`` of every placeholder of ``template``, those inside a choice's words included."""
    found = []
    for _, name, spec, _ in string.Formatter().parse(template):
        if name is not None:
            found.append((name, spec))
            found += placeholders(spec)
    return found


class _Named(NamedTuple):
    """A value with the name it has in the template, so a refused spec can name its placeholder."""

    name: str
    value: object


class TemplateFiller(string.Formatter):
    """Fills audit templates, showing each value as its placeholder's spec says; ``where`` names the template in errors."""

    def __init__(self, where: str, lang: str = "en"):
        super().__init__()
        self.where = where
        self.lang = lang

    def fill(self, template: str, values: dict) -> str:
        """``template`` with its placeholders filled from ``values``; a name without a value raises DataError."""
        missing = list(dict.fromkeys(name for name, _ in placeholders(template) if name not in values))
        if missing:
            raise DataError(self.where,
                            f"the template names values its evidence function does not compute: {', '.join(missing)}",
                            expected="one of " + ", ".join(sorted(values)))
        return self.vformat(template, (), values)

    def get_value(self, key, args, kwargs):
        return _Named(key, kwargs[key])

    def convert_field(self, value, conversion):
        if conversion is not None:
            raise DataError(self.where, f"placeholder '{value.name}' has a conversion (!{conversion})",
                            expected="{name:spec} with a spec of " + KNOWN_SPECS)
        return value

    def format_field(self, value, format_spec):
        return self.show(value.name, value.value, format_spec)

    def show(self, name: str, value, spec: str) -> str:
        """``value`` (named ``name`` in the template) as ``spec`` shows it."""
        if value is None:
            return _("none", self.lang)
        if "|" in spec:
            return self._each(name, value, spec) if spec.startswith("each") else self._choice(name, value, spec)
        kind, _sep, item_spec = spec.partition(":")
        if kind == "list":
            if not isinstance(value, (list, tuple)):
                raise self._misfit(name, value, spec)
            return join_words((self.show(name, item, item_spec) for item in value), _("none", self.lang), self.lang)
        if spec == "":
            if isinstance(value, str):
                return evidence_word(value, self.lang)
            raise DataError(self.where, f"placeholder '{name}' does not say how to show its value", value=value,
                            expected="a spec after a colon, {" + name + ":int} for example: " + KNOWN_SPECS)
        shown = number_format(spec, self.lang)
        if shown is None:
            raise DataError(self.where, f"placeholder '{name}' has the unknown format spec '{spec}'",
                            expected=KNOWN_SPECS)
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Number):
            raise self._misfit(name, value, spec)
        return shown(value)

    def _choice(self, name: str, value, spec: str) -> str:
        alternatives = spec.split("|")
        if len(alternatives) != 2:
            raise DataError(self.where, f"placeholder '{name}' chooses among {len(alternatives)} alternatives",
                            value=spec, expected="two, {" + name + ":<if true>|<if false>}")
        if not isinstance(value, (bool, np.bool_)):
            raise self._misfit(name, value, spec)
        return alternatives[0] if value else alternatives[1]

    def _each(self, name: str, value, spec: str) -> str:
        if not isinstance(value, pd.DataFrame):
            raise self._misfit(name, value, spec)
        separator, _sep, item = spec[len("each"):].partition("|")
        rows = TemplateFiller(f"{self.where}, each row of '{name}'", self.lang)
        return separator.join(rows.fill(item, record) for record in value.to_dict("records"))

    def _misfit(self, name: str, value, spec: str) -> DataError:
        return DataError(self.where, f"placeholder '{name}' cannot show a value of type {type(value).__name__} "
                                     f"with the spec '{spec}'",
                         value=value, expected="numbers for int, num, pct..., lists for list, booleans for a "
                                               "choice, frames for each, text for no spec")


EVIDENCE_WORDS = (gettext_noop("total"), gettext_noop("men"), gettext_noop("women"), gettext_noop("Africa"),
                  gettext_noop("America"), gettext_noop("Asia"), gettext_noop("Europe"), gettext_noop("Oceania"),
                  gettext_noop("United Kingdom"), gettext_noop("Chile"))
"""Words the evidence functions give as text that the compendium, not a source, writes: the cells of a table row,
continents and countries (other text values are names or wording quoted from the sources, shown as they are)."""


def audit_text(value, lang: str = "en") -> str:
    """A text of the audit's datasets (a template, a claim's description or note) in ``lang``: the catalogue's
    translation, or the text as written when the catalogue has none, as for a row a reader added to a copy of the
    data (the catalogue test holds the book's own rows to a translation each)."""
    text = "" if value is None or (not isinstance(value, str) and value != value) else str(value).strip()
    if lang == "en" or not text:
        return text
    return catalogue(lang).get(("data", text), text)


def evidence_word(value: str, lang: str = "en") -> str:
    """A text value of the evidence in ``lang``: a text of the data package the catalogue translates (a claim's
    description), a word of :data:`EVIDENCE_WORDS`, else the value as the source gives it (a state's name, a
    quotation of the paper)."""
    if lang == "en" or not value:
        return value
    known = catalogue(lang)
    if ("data", value) in known:
        return known[("data", value)]
    return _(value, lang) if value in EVIDENCE_WORDS else value


def _where(finding: Finding, column: str) -> str:
    return f"{finding.source}, finding {finding.finding_id}, column '{column}'"


def template(finding: Finding, column: str, lang: str = "en") -> str:
    """The finding's template of ``column`` in ``lang``: the Spanish one is the catalogue's translation of the English
    template (its placeholders the same, its choices' words translated)."""
    return audit_text(finding.templates[column], lang)


def finding_texts(finding: Finding, lang: str = "en", columns=None) -> dict[str, str]:
    """The finding's templates (by column of ``audit_findings.csv``; those of ``columns`` if given) in ``lang``,
    filled with its evidence."""
    return {column: TemplateFiller(_where(finding, column), lang).fill(template(finding, column, lang),
                                                                       finding.evidence.values)
            for column in (columns or finding.templates)}


def shown_values(finding: Finding, lang: str = "en") -> dict[str, str]:
    """Every value the finding's templates name, as the first placeholder naming it shows it."""
    shown = {}
    for column, template in finding.templates.items():
        for name, spec in placeholders(template):
            if name not in shown:
                placeholder = "{" + name + (":" + spec if spec else "") + "}"
                shown[name] = TemplateFiller(_where(finding, column), lang).fill(placeholder, finding.evidence.values)
    return shown


# --- Evidence tables ---------------------------------------------------------------------------

EVIDENCE_TABLE_HEADERS = {
    "table1_rows": {"state": gettext_noop("US state"), "mexican_population": gettext_noop("Total (printed)"),
                    "men": gettext_noop("Men (printed)"), "women": gettext_noop("Women (printed)"), "men_plus_women": gettext_noop("Men + women"),
                    "difference": gettext_noop("Total − (men + women)")},
    "abbreviation_uses": {"abbreviation": gettext_noop("Abbreviation"),
                          "in_list": gettext_noop("In the list of abbreviations"), "in_text": gettext_noop("In the text"), "lines": gettext_noop("Text lines")},
    "continent_shares": {"continent": gettext_noop("Continent"), "mexican_population": gettext_noop("Mexicans (printed)"),
                         "printed_share_percent": gettext_noop("Share as printed"),
                         "share_of_stated_total": gettext_noop("Share of the stated total (computed)"),
                         "difference_points": gettext_noop("Difference (points)")},
}
"""The reader's header of each column of an evidence table, by evidence function (translated with ``_``)."""

EVIDENCE_TABLE_SPECS = {
    "continent_shares": {"printed_share_percent": "printed_pct", "share_of_stated_total": "pct_auto",
                         "difference_points": "num2"},
}
"""Columns shown with a spec of the template vocabulary (as text, aligned left); the others as tables show numbers."""


def evidence_table(finding: Finding, lang: str = "en") -> str | None:
    """The finding's evidence table as Markdown with readable headers in ``lang``, or None if its evidence has none."""
    table = finding.evidence.table
    if table is None:
        return None
    headers = {c: _(h, lang) for c, h in EVIDENCE_TABLE_HEADERS.get(finding.evidence_function, {}).items()}
    unnamed = [c for c in table.columns if c not in headers]
    if unnamed:
        raise KeyError(f"the evidence table of {finding.evidence_function} has columns without a reader's header: "
                       f"{', '.join(unnamed)}; add them to EVIDENCE_TABLE_HEADERS")
    specs = EVIDENCE_TABLE_SPECS.get(finding.evidence_function, {})
    filler = TemplateFiller(f"{finding.source}, finding {finding.finding_id}, evidence table", lang)
    formats = {headers[c]: partial(filler.show, c, spec=spec) for c, spec in specs.items()}
    shown = table.rename(columns=headers)
    for column in shown.columns:  # words of the evidence (a continent) in the edition's language; numbers as they are
        if shown[column].map(lambda v: isinstance(v, str)).all():
            shown[column] = shown[column].map(lambda v: evidence_word(v, lang))
    return markdown_table(shown, formats, {headers[c]: "left" for c in specs}, lang)


# --- No typed numbers ----------------------------------------------------------------------------

TYPED_NUMBER = re.compile(r"(?<![\w{])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?%|\d{3,})(?![\w}])")
"""A number typed into a template: thousands separators, a percentage, or three digits or more (not a year)."""


def _typed_text(template: str) -> str:
    """The text a template types: its literal text and the words of its choices and items, without placeholders."""
    parts = []
    for literal, name, spec, _ in string.Formatter().parse(template):
        parts.append(literal)
        if name is not None and "|" in spec:
            words = _typed_text(spec)  # an 'each' item's doubled braces come out single: read its words too
            parts.append(" " + (_typed_text(words) if spec.startswith("each") else words) + " ")
    return "".join(parts)


def typed_numbers(template: str) -> list[str]:
    """Numbers typed into a finding template (years 1900-2099 and identifiers such as A01 or C03 are allowed)."""
    return [m for m in TYPED_NUMBER.findall(_typed_text(template)) if not re.fullmatch(r"(19|20)\d\d", m)]
