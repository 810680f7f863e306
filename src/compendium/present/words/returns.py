"""The returns chapter's wording: months, p-values, verdicts, the glued phrases and the chapter's tables.

Takes the numbers and frames computed by :mod:`compendium.analyses.returns` and returns the
strings and reader-facing tables a reader sees. May import :mod:`compendium.analyses` and
:mod:`compendium.present.formatting`; draws nothing.

Every function takes the edition's language (``lang="en"``): its words come from the catalogue
(:func:`compendium.present.i18n._`), names from the data through
:func:`compendium.present.i18n.data_text`, numbers and months as the edition writes them; the
numbers are the same in both editions.
"""
from __future__ import annotations

import pandas as pd

from compendium.present.formatting import (fmt_int, fmt_num, fmt_pct, fmt_range, fmt_signed_pct, join_words,
                                           percent_sign)
from compendium.present.i18n import _, data_text, gettext_noop

MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December"]

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
"""Month abbreviations, for axis ticks and legends."""

METHOD_LABELS = {"monthly_rate": gettext_noop("monthly rate"), "month_range": gettext_noop("month range")}
"""The projection methods (the ``projection_method`` parameter) as a legend names them."""


# --- Months, numbers and names ------------------------------------------------------------------

def month_name(month: int, lang: str = "en") -> str:
    """The name of ``month`` (1 to 12): ``'September'``, ``'septiembre'``."""
    if lang == "en":
        return MONTH_NAMES[month - 1]
    from babel.dates import get_month_names

    from compendium.present.i18n import LOCALES
    return get_month_names("wide", locale=LOCALES[lang])[month]


def month_abbr(month: int, lang: str = "en") -> str:
    """The short name of ``month`` (1 to 12), for ticks and legends: ``'Sep'``, ``'sep'``."""
    if lang == "en":
        return MONTHS[month - 1]
    from babel.dates import get_month_names

    from compendium.present.i18n import LOCALES
    return get_month_names("abbreviated", locale=LOCALES[lang])[month]


def months_span(last: int, year: int, lang: str = "en") -> str:
    """January to month ``last`` of ``year``: ``'January–September 2024'``, ``'enero–septiembre de 2024'``."""
    return _("{first}–{last} {year}", lang).format(first=month_name(1, lang), last=month_name(last, lang), year=year)


def printed_pct(value: float, lang: str = "en") -> str:
    """A percentage as the paper prints it, without added decimals: ``4`` -> ``'4%'`` (``'4 %'``)."""
    return f"{value:g}" + percent_sign(lang)


def pct_number(value: float, lang: str = "en") -> str:
    """A number of per cent with one decimal: ``8.1`` -> ``'8.1%'`` (``'8.1 %'``)."""
    return fmt_num(value, 1, lang) + percent_sign(lang)


def ratio(value: float, lang: str = "en") -> str:
    """A rate ratio with three decimals: ``'0.894'``."""
    return fmt_num(value, 3, lang)


def ratio_range(low: float, high: float, lang: str = "en") -> str:
    """An interval of rate ratios: ``'0.887 to 0.900'``."""
    return fmt_range(low, high, lambda v: ratio(v, lang), lang)


def per_id(value: float, lang: str = "en") -> str:
    """Events per consular ID, with two decimals: ``'0.91'``."""
    return fmt_num(value, 2, lang)


def signed_range(low: float, high: float, digits: int = 1, lang: str = "en") -> str:
    """An interval of changes: ``'−11.4% to −9.8%'``."""
    return fmt_range(low, high, lambda v: fmt_signed_pct(v, digits, lang), lang)


def percentage_points(points: float, lang: str = "en") -> str:
    """A difference of percentages: ``'29.8 percentage points'``."""
    return _("{points} percentage points", lang).format(points=fmt_num(points, 1, lang))


def names(values, lang: str = "en") -> str:
    """Names from the data, in the edition's language, as a list in words: ``'Sonora, Tamaulipas and Baja California'``."""
    return join_words([data_text(v, lang) for v in values], lang=lang)


def numbers(values, lang: str = "en") -> str:
    """Whole numbers as a list in words: ``'14 and 20'``."""
    return join_words([fmt_int(v, lang) for v in values], lang=lang)


CHOICES = (
    gettext_noop("equal to"), gettext_noop("different from"), gettext_noop("already above"), gettext_noop("not above"),
    gettext_noop("matches"), gettext_noop("differs from"), gettext_noop("does not match"), gettext_noop("faster"),
    gettext_noop("slower"), gettext_noop("covers"), gettext_noop("misses"), gettext_noop("are"),
    gettext_noop("are not all"),
)
"""The words the chapter chooses between by its results (:func:`either`), marked for the catalogue."""


def either(condition: bool, yes: str, no: str, lang: str = "en") -> str:
    """``yes`` when ``condition`` holds, else ``no``, translated; both must be among :data:`CHOICES`."""
    unknown = [word for word in (yes, no) if word not in CHOICES]
    if unknown:
        raise ValueError(f"either(): {unknown} not in returns CHOICES, so the catalogue would not translate them")
    return _(yes if condition else no, lang)


def rounding_note(lang: str = "en") -> str:
    """How far a percentage rounded to a whole point may be from the true one."""
    return _("half a percentage point", lang)


def fmt_p(p: float, lang: str = "en") -> str:
    """A p-value: ``'< 0.001'`` below 0.001, else three decimals."""
    return "< " + fmt_num(0.001, 3, lang) if p < 0.001 else fmt_num(p, 3, lang)


# --- Verdicts and the projection ------------------------------------------------------------------

def verdict(exceeds, lang: str = "en") -> str:
    """The verdict of :func:`compendium.analyses.returns.compare_readings`'s ``exceeds`` in words."""
    if exceeds is None or pd.isna(exceeds):
        return _("not distinguishable from", lang)
    return _("above", lang) if bool(exceeds) else _("below", lang)


def projection_method_phrase(method: str, level: str, lang: str = "en") -> str:
    """How the projection of ``method`` fills the months after September, for "projects ... by <phrase>"."""
    if method == "monthly_rate":
        return _("keeping the January–September pace every month, with its {level} Poisson interval",
                 lang).format(level=level)
    return _("adding each remaining month at the lowest and at the highest monthly total reported for 2024 (a "
             "scenario band, not a probability interval)", lang)


def band_name(method: str, level: str, lang: str = "en") -> str:
    """What the projection's range is called: ``"95% interval"`` or ``"scenario band"``."""
    return _("{level} interval", lang).format(level=level) if method == "monthly_rate" else _("scenario band", lang)


def band_note(method: str, level: str, lang: str = "en") -> str:
    """How the projection's range is drawn in the cumulative figure, for its description."""
    if method == "monthly_rate":
        return _("{level} interval shaded (narrower than the line at this scale)", lang).format(level=level)
    return _("scenario band shaded", lang)


def decided_sentence(exceeds: pd.Series, lang: str = "en") -> str:
    """Whether the verdicts of :func:`compendium.analyses.returns.compare_readings` survive the projection's uncertainty."""
    if exceeds.notna().all():
        return _("under each reading the whole interval or band lies on one side of the 2023 benchmark, so the "
                 "verdicts do not depend on this uncertainty", lang)
    return _("under at least one reading the interval or band straddles the 2023 benchmark, so that verdict is open",
             lang)


def method_label(method: str, lang: str = "en") -> str:
    """A projection method as a legend names it: ``'monthly rate'``."""
    return _(METHOD_LABELS[method], lang)


# --- Tables ----------------------------------------------------------------------------------------

def readings_table(comparison: pd.DataFrame, horizon: int, method: str, level: str, lang: str = "en") -> pd.DataFrame:
    """The paper's reading and the corrected reading side by side, formatted, one row per quantity."""
    def change(row):
        return _("{change} ({range})", lang).format(
            change=fmt_signed_pct(row["change"], 1, lang),
            range=signed_range(row["change_low"], row["change_high"], 1, lang))

    band = _("{level} interval", lang).format(level=level) if method == "monthly_rate" \
        else _("lowest to highest month", lang)
    until = months_span(horizon, 2024, lang)
    def table_verdict(exceeds):
        if exceeds is None or pd.isna(exceeds):
            return _("not distinguishable from 2023", lang)
        return _("above 2023", lang) if bool(exceeds) else _("below 2023", lang)

    rows = {
        _("What the 2023 figure covers", lang): lambda r: months_span(int(r["months_2023"]), 2023, lang),
        _("Months in the 2023 figure", lang): lambda r: fmt_int(r["months_2023"], lang),
        _("2023 events per month", lang): lambda r: fmt_int(r["rate_2023"], lang),
        _("Jan–Sep 2024 events per month", lang): lambda r: fmt_int(r["rate_2024"], lang),
        _("Ratio of monthly rates, 2024 / 2023 ({level} interval)", lang).format(level=level):
            lambda r: _("{change} ({range})", lang).format(change=ratio(r["rate_ratio"], lang),
                                                           range=ratio_range(r["ratio_low"], r["ratio_high"], lang)),
        _("p-value, equal monthly rates", lang): lambda r: fmt_p(r["p_value"], lang),
        _("2023 total compared with", lang): lambda r: (
            _("{count} (printed, whole year)", lang).format(count=fmt_int(r["benchmark_2023"], lang))
            if r["reading"] == "paper" else
            _("{count} (Jan–{month} at the 2023 pace)", lang).format(count=fmt_int(r["benchmark_2023"], lang),
                                                                      month=month_abbr(horizon, lang))),
        _("Projected {period} ({band})", lang).format(period=until, band=band):
            lambda r: _("{change} ({range})", lang).format(
                change=fmt_int(r["projection"], lang),
                range=fmt_range(r["projection_low"], r["projection_high"], lang=lang)),
        _("Change, 2024 on 2023 ({band})", lang).format(band=band): change,
        _("{period} is", lang).format(period=until):
            lambda r: table_verdict(r["exceeds"]),
    }
    table = {_("Quantity", lang): list(rows)}
    for _row_number, row in comparison.iterrows():
        header = _("Paper's reading (as printed)", lang) if row["reading"] == "paper" \
            else _("Corrected reading (C03)", lang)
        table[header] = [f(row) for f in rows.values()]
    return pd.DataFrame(table)


def readings_caption(lang: str = "en") -> str:
    """The caption of the table of the two readings, with its sources."""
    return _("The paper's expectation under the paper's reading of its '2023' total and under the corrected reading "
             "(correction C03). Monthly rates with exact Poisson intervals; ratio and test by the score method for two "
             "Poisson counts. Source: Lara-Escamilla et al. (2024), the two printed totals; correction C03 of the data "
             "package; monthly extremes of 2024 from a press report quoting the Unidad de Política Migratoria "
             "(external, secondary) when the month-range method is chosen.", lang)


def brackets_frame(brackets: pd.DataFrame, base: int, lang: str = "en") -> pd.DataFrame:
    """The printed brackets of the states of origin, with the range of events each implies on the printed base."""
    def events(low, high):
        if pd.isna(high):
            return _("at least {count}", lang).format(count=fmt_int(low / 100 * base, lang))
        return fmt_range(low / 100 * base, high / 100 * base, lang=lang)

    return pd.DataFrame({
        _("State of origin (as printed)", lang): [data_text(s, lang) for s in brackets["state"]],
        _("Share bracket (as printed)", lang): [data_text(b, lang) for b in brackets["bracket_as_printed"]],
        _("Events implied by the bracket", lang): [events(lo, hi) for lo, hi in
                                                   zip(brackets["share_low_percent"], brackets["share_high_percent"])],
    })


def brackets_caption(lang: str = "en") -> str:
    """The caption of the table of the printed brackets, with its source."""
    return _("States of origin with the largest shares of repatriation events, as printed, and the range of events "
             "each bracket implies on the printed base ('México' is the State of Mexico). Source: Lara-Escamilla et "
             "al. (2024), section 'Return of Mexicans from the United States', citing the Monthly Bulletin of "
             "Migration Statistics 2024.", lang)


def reception_frame(shift: pd.DataFrame, sums: dict, lang: str = "en") -> pd.DataFrame:
    """The reception points, January–September 2023 and 2024, with a total row; changes in per cent as text."""
    table = pd.DataFrame({
        "reception_point": [data_text(p, lang) for p in shift["reception_point"]],
        "kind": [data_text(k, lang) for k in shift["kind"]],
        "events_2023": shift["events_2023"], "events_2024": shift["events_2024"], "change": shift["change"],
        "change_pct": [("" if pd.isna(v) else fmt_signed_pct(v, 1, lang)) for v in shift["change_pct"]],
        "share_2024": [fmt_pct(v, 1, lang) for v in shift["share_2024"]]})
    total = pd.DataFrame([{"reception_point": _("Total", lang), "kind": "", "events_2023": sums["all_2023"],
                           "events_2024": sums["all_2024"], "change": sums["all_2024"] - sums["all_2023"],
                           "change_pct": fmt_signed_pct(sums["all_2024"] / sums["all_2023"] - 1, 1, lang),
                           "share_2024": fmt_pct(1, 1, lang)}])
    return pd.concat([table, total], ignore_index=True).rename(columns={
        "reception_point": _("Reception point", lang), "kind": _("Kind", lang), "events_2023": _("Jan–Sep 2023", lang),
        "events_2024": _("Jan–Sep 2024", lang), "change": _("Change (events)", lang), "change_pct": _("Change", lang),
        "share_2024": _("Share of 2024", lang)})


def reception_caption(lang: str = "en") -> str:
    """The caption of the table of reception points, with its source."""
    return _("Repatriation events by reception point, January–September 2023 and 2024; blank: not listed for 2023. "
             "Source: Unidad de Política Migratoria (November 2024 report, data to September) as quoted by a press "
             "report (Milenio, reproduced by primeravueltanoticias.com); external, secondary.", lang)


def origin_frame(listed: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The states of origin the paper lists: implied events, consular IDs and intensities per resident."""
    def lower_bound_or_range(low, high, opened, fmt):
        if opened:
            return _("at least {count}", lang).format(count=fmt(low))
        return fmt_range(low, high, fmt, lang)

    whole = lambda v: fmt_int(v, lang)  # noqa: E731
    two = lambda v: per_id(v, lang)  # noqa: E731
    rows = listed.to_dict("records")
    return pd.DataFrame({
        _("State", lang): [data_text(r["name"], lang) for r in rows],
        _("Repatriation events implied", lang):
            [lower_bound_or_range(r["returns_low"], r["returns_high"], r["open_bracket"], whole) for r in rows],
        _("Per 100,000 residents", lang):
            [lower_bound_or_range(r["returns_low_per_100k"], r["returns_high_per_100k"], r["open_bracket"], whole)
             for r in rows],
        _("Consular IDs 2022 (paper's Table 2)", lang): listed["consular_ids"].to_list(),
        _("Rank in paper's Table 2", lang): listed["ids_rank"].to_list(),
        _("IDs per 100,000 residents", lang): listed["ids_per_100k"].round(0).to_list(),
        _("Rank per resident", lang): listed["ids_per_100k_rank"].to_list(),
        _("Repatriation events per ID", lang):
            [lower_bound_or_range(r["returns_per_id_low"], r["returns_per_id_high"], r["open_bracket"], two)
             for r in rows],
        _("Population 2020 (INEGI census)", lang): listed["population"].to_list(),
    })


def origin_caption(lang: str = "en") -> str:
    """The caption of the table of the listed states of origin, with its sources."""
    return _("States of origin listed in the paper: repatriation events implied by the printed brackets "
             "(January–September 2023, events on the printed base), consular IDs from the paper's Table 2, and "
             "intensities per resident. Ranks among all states. Source: Lara-Escamilla et al. (2024), origin brackets "
             "and Table 2; populations from the INEGI census 2020 (external).", lang)
