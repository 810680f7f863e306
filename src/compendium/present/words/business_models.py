"""Wording of the chapter ``business_models``: the labels of the readings of a year's repatriations and
of the OSSE bases, citations of the strategies' sources, the readable table of the sector's ratios,
and the phrases the prose glues in.

Each function takes what :mod:`compendium.analyses.business_models` computed (or the data frames
it reads) and returns text or a frame of text for readers, in the edition's language ``lang``
(the words through :func:`compendium.present.i18n._`, the names of the data through
:func:`~compendium.present.i18n.data_text`). Imports the formatting helpers of
:mod:`compendium.present` and the layers below.

The paper's minimum memberships (3 people for a social group, 5 for a legally established
organisation) are the fewest members a form requires to qualify for INAES support. The wording
never reads them as how many people an organisation can take in.
"""
from __future__ import annotations

import pandas as pd

from compendium.data.errors import DataError
from compendium.present.formatting import fmt_date, fmt_int, fmt_num, fmt_pct, join_words
from compendium.present.i18n import _, data_text, gettext_noop


RETURNS_LABELS = {
    "jan_sep_2024": gettext_noop("January-September 2024, annualized (x 12/9)"),
    "corrected_2023": gettext_noop("2023 as corrected (C03: January-September), annualized (x 12/9)"),
    "printed_2023": gettext_noop("2023 as printed (read as a full year)"),
}
"""The label shown to readers for each of the paper's readings of a year's returns
(:data:`compendium.analyses.business_models.RETURNS_READINGS`), in English; :func:`reading_label` translates it."""

OSSE_BASE_LABELS = {
    "all": gettext_noop("OSSE"),
    "without_ejidos": gettext_noop("OSSE other than ejidos and communities"),
}
"""What the OSSE of each base (:data:`compendium.analyses.business_models.OSSE_BASES`) are called in the text."""


def base_label(base: str, lang: str = "en") -> str:
    """The name of the OSSE of ``base`` (:data:`OSSE_BASE_LABELS`) in ``lang``."""
    return _(OSSE_BASE_LABELS[base], lang)


FORM_NAMES = {
    "Social Groups": gettext_noop("a social group"),
    "Legally Established": gettext_noop("a legally established organisation"),
}
"""The two kinds of OSSE of ``osse_group_minimums.csv`` as a sentence names them."""


def form_name(form: str, lang: str = "en") -> str:
    """``"Social Groups"`` -> ``"a social group"``; a kind not in :data:`FORM_NAMES` stays as printed."""
    return _(FORM_NAMES[form], lang) if form in FORM_NAMES else form


def quoted(text: str) -> str:
    """A name between typographic double quotes, as both editions print the paper's names."""
    return f"\u201c{text}\u201d"


def cooperative_family_note(n_family: int, n_by_name: int, elsewhere: pd.DataFrame, lang: str = "en") -> str:
    """A sentence comparing the book's "Cooperatives" family with the forms called cooperatives by name.

    ``elsewhere`` is :func:`compendium.analyses.business_models.named_cooperatives_elsewhere`.
    """
    family = quoted(data_text("Cooperatives", lang))
    if elsewhere.empty:
        return _("The book's {family} family holds {n_family} forms, among them all {n_by_name} cooperatives by "
                 "name.", lang).format(family=family, n_family=fmt_int(n_family, lang),
                                       n_by_name=fmt_int(n_by_name, lang))
    placed = join_words([_("{form} in the family {family}", lang).format(
        form=quoted(data_text(row.osse_type, lang)), family=quoted(data_text(row.family, lang)))
        for row in elsewhere.itertuples()], lang=lang)
    return _("The book's {family} family holds {n_family} forms, not the {n_by_name} cooperatives by name: it "
             "places {placed}, grouping by what an organisation does rather than by its legal shape.", lang).format(
        family=family, n_family=fmt_int(n_family, lang), n_by_name=fmt_int(n_by_name, lang), placed=placed)


# --- Tables of the data as printed --------------------------------------------------------------

CAPTIONS = {
    "tbl-business_models-inaes": gettext_noop(
        "The size of Mexico's social sector as INAES states it. Source: INAES member profile (the same figures as "
        "INAES's page on the network's site, gsef-net.org)."),
    "tbl-business_models-minimums": gettext_noop(
        "The minimum membership of each kind of OSSE that can receive INAES support: the fewest members it needs "
        "to qualify, not how many people it can take in. Source: Lara-Escamilla et al. (2024), section Business "
        "Models."),
    "tbl-business_models-families": gettext_noop(
        "The OSSE forms that can receive INAES support, grouped into families (this book's grouping, not the "
        "paper's). Source: forms from Lara-Escamilla et al. (2024), section Business Models; families and "
        "reasons compiled by the compendium (data/reference/osse_type_families.csv)."),
    "tbl-business_models-strategies": gettext_noop(
        "The paper's strategies for integrating migrants into the social and solidarity economy, paraphrased. "
        "Source: Lara-Escamilla et al. (2024), section Attention strategies for the national immigration "
        "emergency and return of Mexicans from the United States, and the works it cites there."),
    "tbl-business_models-returns": gettext_noop(
        "A year's repatriation events of Mexicans from the United States under each reading, with exact Poisson "
        "intervals at the chapter's level (one minus alpha). Source: Lara-Escamilla et al. (2024), section Return "
        "of Mexicans from the United States, as printed and with correction C03; external, secondary: press "
        "reports quoting the Unidad de Política Migratoria (data/external/migration_series_checkpoints.csv)."),
    "tbl-business_models-ratios": gettext_noop(
        "The social sector's scale beside a year's repatriations of Mexicans from the United States: "
        "illustrations of scale, not measures of how many people the sector could take in. Source: computed by "
        "the compendium from the INAES member profile, Lara-Escamilla et al. (2024; repatriations, OSSE minimums "
        "and NODESS counts) and the INEGI census 2020 (external)."),
}
"""The caption of each table of the chapter, in English; :func:`caption` translates it."""


def caption(name: str, lang: str = "en") -> str:
    """The caption of table ``name`` (:data:`CAPTIONS`) in ``lang``."""
    return _(CAPTIONS[name], lang)


def inaes_frame(headline: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """INAES's headline figures (``inaes_headline_figures.csv``) for the table: indicator, qualifier, value, unit
    in ``lang`` and the text as printed in the profile."""
    return pd.DataFrame({
        _("Indicator", lang): [data_text(v, lang) for v in headline["indicator"]],
        _("Qualifier", lang): [data_text(v, lang) for v in headline["qualifier"]],
        _("Value", lang): headline["value"].to_numpy(),
        _("Unit", lang): [data_text(v, lang) for v in headline["unit"]],
        _("As printed in the profile", lang): headline["as_printed"].to_numpy(),
    })


def minimums_frame(minimums: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The minimum membership of each kind of OSSE (``osse_group_minimums.csv``) for the table."""
    return pd.DataFrame({
        _("Kind of OSSE", lang): [data_text(v, lang) for v in minimums["form"]],
        _("Minimum number of people", lang): minimums["minimum_people"].to_numpy(),
    })


def families_frame(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`compendium.analyses.business_models.family_table` for the table, in ``lang``; the form as printed
    stays beside its translation."""
    forms = table["osse_type"]
    return pd.DataFrame({
        _("Family", lang): [data_text(v, lang) for v in table["family"]],
        _("Position in the paper's list", lang): table["printed_order"].to_numpy(),
        _("OSSE form (as printed)", lang): (forms if lang == "en" else
                                            [f"{data_text(v, lang)} ({v.replace(chr(39), chr(0x2019))})" for v in forms]),
        _("Why this family", lang): [data_text(v, lang) for v in table["rationale"]],
    })


def family_names(summary: pd.DataFrame, lang: str = "en") -> list[str]:
    """The families of :func:`compendium.analyses.business_models.family_summary` in ``lang``, in its order."""
    return [data_text(v, lang) for v in summary["family"]]


def strategies_frame(strategies: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`strategies_table` (made in ``lang``) for the table, in ``lang``."""
    columns = {"strategy": gettext_noop("Strategy"), "who_acts": gettext_noop("Who acts"),
               "what_they_do": gettext_noop("What they do"), "for_whom": gettext_noop("For whom")}
    out = pd.DataFrame({_(header, lang): [data_text(v, lang) for v in strategies[column]]
                        for column, header in columns.items()})
    out[_("Source the paper cites", lang)] = strategies["source"].to_numpy()
    return out


# --- Strategies -------------------------------------------------------------------------------

def surname(author: str) -> str:
    """The family name(s) of one author written ``"Surname(s), Initials"`` (an institution stays whole)."""
    return author.split(",")[0].strip()


def citation(references: pd.DataFrame, key, lang: str = "en") -> str:
    """An author-year citation of reference ``key``: ``Fresneda (2022)``, ``A & B (2021)``, ``A et al. (2021)``.

    A blank key means the paper cites no source; the citation is then the paper itself.
    """
    if key is None or (not isinstance(key, str) and pd.isna(key)) or key == "":
        return _("{paper}, no source cited", lang).format(paper="Lara-Escamilla et al. (2024)")
    rows = references[references["key"] == key]
    if len(rows) != 1:
        raise DataError(references.attrs.get("path", "references"), f"no single reference with key {key!r}",
                        expected="a key of references.csv")
    row = rows.iloc[0]
    authors = [surname(a) for a in row["authors"].split(";")]
    names = authors[0] if len(authors) == 1 else (" & ".join(authors) if len(authors) == 2 else f"{authors[0]} et al.")
    return f"{names} ({int(row['year'])})"


def strategies_table(strategies: pd.DataFrame, references: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The strategies with a readable ``source`` citation for each (in ``lang``)."""
    out = strategies.copy()
    out["source"] = [citation(references, key, lang) for key in strategies["reference_key"]]
    return out


# --- The sector's scale beside a year's repatriations ------------------------------------------

def absorption_phrase(share: float, lang: str = "en") -> str:
    """Words for a number of organisations as a share of the OSSE that exist (``share`` = number / OSSE):
    ``"more OSSE than exist"`` above 1, else a majority or a minority of them.

    The chapter uses it for the most new minimum-size organisations a year's repatriated people
    could found, set beside the OSSE that exist (an order of magnitude, not a capacity).
    """
    if share > 1:
        return _("more OSSE than exist", lang)
    if share > 0.5:
        return _("a majority of them", lang)
    return _("a minority of them", lang)


MAGNITUDE_WORDS = [gettext_noop("units"), gettext_noop("tens"), gettext_noop("hundreds"), gettext_noop("thousands"),
                   gettext_noop("tens of thousands"), gettext_noop("hundreds of thousands"), gettext_noop("millions"),
                   gettext_noop("tens of millions"), gettext_noop("hundreds of millions"), gettext_noop("billions")]
"""Orders of magnitude in words, from 10**0 up."""


def order_of_magnitude(value: float, lang: str = "en") -> str:
    """The order of magnitude of a positive number in words: ``205604`` -> ``"hundreds of thousands"``."""
    if value < 1:
        raise ValueError(f"an order of magnitude in words needs a number of at least 1; got {value}")
    exponent = min(len(f"{int(value)}") - 1, len(MAGNITUDE_WORDS) - 1)
    return _(MAGNITUDE_WORDS[exponent], lang)


def month_year(value, lang: str = "en") -> str:
    """A month in words: ``"September 2024"``, ``"septiembre de 2024"``."""
    return fmt_date(pd.Timestamp(value), lang, format="MMMM y" if lang == "en" else "MMMM 'de' y")


def months_span(end, lang: str = "en") -> str:
    """The months from January to the month of ``end``, in words: ``"January-October 2023"``."""
    end = pd.Timestamp(end)
    return _("January-{month} {year}", lang).format(month=fmt_date(end, lang, format="MMMM"), year=end.year)


def nodess_when(row: pd.Series, lang: str = "en") -> str:
    """When a NODESS count was taken, for labels: ``"September 2024"`` or ``"2022-2023"``."""
    as_of = str(row["as_of"])
    if len(as_of) == 7:
        return month_year(as_of + "-01", lang)
    return f"{int(as_of) - 1}-{as_of}"


def large_number(value: float, lang: str = "en") -> str:
    """A count in millions (``"100 million"``, ``"100 millones"``)."""
    return _("{number} million", lang).format(number=fmt_int(value / 1e6, lang))


def money_billions(value: float, lang: str = "en") -> str:
    """An amount in billions with one decimal: ``"179.7 billion"`` (``"179.7 mil millones"``)."""
    return _("{number} billion", lang).format(number=fmt_num(value / 1e9, 1, lang))


def ratio_table(ratios: dict[str, float], minimums: dict[str, int], base_label: str, reading_label: str,
                nodess_latest_label: str, nodess_previous_label: str, lang: str = "en") -> pd.DataFrame:
    """The ratios of :func:`~compendium.analyses.business_models.scale_ratios`, formatted, each with
    what it divides and its assumptions (the labels given in ``lang``).

    Columns: ``ratio``, ``value`` (formatted text), ``computed_as`` and ``assumptions``.
    """
    returns = _("a year's repatriation events ({reading})", lang).format(reading=reading_label)
    events_note = _("Events are not people: someone repatriated twice counts twice. Not every repatriated person "
                    "stays, needs work or wants to join an OSSE.", lang)
    scale_note = _("An illustration of scale, not a measure of how many people the sector could take in.", lang) + " "
    rows = [
        (_("Assets per savings-bank member", lang), "MXN " + fmt_int(ratios["assets_per_member"], lang),
         _("savings-bank assets / savings-bank members (INAES)", lang),
         _("Both are INAES's rounded, undated figures. The assets are the institutions', not the members'; "
           "an average says nothing about how they are spread.", lang)),
        (_("Savings-bank members as a share of the 2020 population", lang),
         fmt_pct(ratios["members_share_population"], 1, lang),
         _("savings-bank members (INAES) / population (external: INEGI census 2020)", lang),
         _("Members are memberships, not necessarily unique people (one person may belong to two savings banks), "
           "so the share of people is at most this. The dates differ: the census is of March 2020, the INAES "
           "figure is undated. The census counts people of every age.", lang)),
        (_("Hectares per ejido or community", lang),
         _("{number} or more", lang).format(number=fmt_int(ratios["hectares_per_ejido"], lang)),
         _("hectares / ejidos and communities (INAES)", lang),
         _("The hectares are a lower bound ('more than') and the count is approximate ('around'); an average "
           "over very different holdings.", lang)),
        (_("Ejidos and communities as a share of OSSE", lang), fmt_pct(ratios["ejidos_share_of_osse"], 1, lang),
         _("ejidos and communities / OSSE (INAES)", lang),
         _("Only meaningful if the OSSE count includes the ejidos and communities, which the law makes OSSE but "
           "the profile does not say.", lang)),
        (_("Repatriation events per OSSE in a year", lang), fmt_num(ratios["returns_per_osse"], 2, lang),
         f"{returns} / {base_label}",
         scale_note + _("The year's events spread evenly over the organisations; it says nothing about whether "
                        "any organisation has work or room for newcomers.", lang) + " " + events_note),
        (_("Repatriation events per NODESS in a year (NODESS of {when})", lang).format(when=nodess_latest_label),
         fmt_int(ratios["returns_per_nodess_latest"], lang), f"{returns} / NODESS",
         scale_note + _("Nodes support organisations, not individuals.", lang) + " " + events_note),
        (_("Repatriation events per NODESS in a year (NODESS of {when})", lang).format(when=nodess_previous_label),
         fmt_int(ratios["returns_per_nodess_previous"], lang), f"{returns} / NODESS",
         _("As above, with the earlier count.", lang)),
        (_("OSSE per NODESS (NODESS of {when})", lang).format(when=nodess_latest_label),
         fmt_int(ratios["osse_per_nodess"], lang),
         _("OSSE (INAES) / NODESS", lang), _("The two counts are of different dates; INAES's is undated.", lang)),
        (_("A year's repatriations as a share of savings-bank members", lang),
         fmt_pct(ratios["returns_share_members"], 1, lang),
         _("{returns} / savings-bank members (INAES)", lang).format(returns=returns),
         scale_note + _("How much membership would grow if every repatriated person joined a savings bank.", lang)
         + " " + events_note),
    ]
    for form, minimum in sorted(minimums.items(), key=lambda kv: kv[1]):
        needed, share = ratios[f"osse_needed_{minimum}"], ratios[f"share_needed_{minimum}"]
        rows.append((_("Most new organisations of {minimum} members (the minimum for {form}) a year's repatriated "
                       "people could found", lang).format(minimum=fmt_int(minimum, lang), form=form_name(form, lang)),
                     _("{needed} ({share} of the {base} that exist)", lang).format(
                         needed=fmt_int(needed, lang), share=fmt_pct(share, 1, lang), base=base_label),
                     f"{returns} / {fmt_int(minimum, lang)}, " + _("then", lang) + f" / {base_label}",
                     _("An upper limit: every repatriated person founds a new organisation with exactly the minimum "
                       "number of members. The minimum is the fewest members a form requires to qualify for INAES "
                       "support, not how many people an organisation can take in.", lang) + " " + events_note))
    return pd.DataFrame(rows, columns=["ratio", "value", "computed_as", "assumptions"])


def ratio_frame(table: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """:func:`ratio_table` with its headers in ``lang``, for the table."""
    return table.rename(columns={"ratio": _("Ratio", lang), "value": _("Value", lang),
                                 "computed_as": _("Computed as", lang), "assumptions": _("Assumptions", lang)})


def reading_label(row: pd.Series, lang: str = "en") -> str:
    """The label of one reading of :func:`~compendium.analyses.business_models.yearly_returns`: the
    paper's from :data:`RETURNS_LABELS`, an external check's from its period."""
    if row["reading"] in RETURNS_LABELS:
        return _(RETURNS_LABELS[row["reading"]], lang)
    start, end = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
    return _("January-{month} {year}, annualized (x 12/{months}); external check", lang).format(
        month=fmt_date(end, lang, format="MMMM"), year=start.year, months=int(row["months"]))


def with_labels(readings: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """``readings`` with a ``label`` column after ``reading``, for the table and the figure."""
    out = readings.copy()
    out.insert(out.columns.get_loc("reading") + 1, "label",
               [reading_label(row, lang) for _row, row in readings.iterrows()])
    return out


STATUS_WORDS = {
    "paper, as printed": gettext_noop("paper, as printed"),
    "paper, corrected (C03)": gettext_noop("paper, corrected (C03)"),
    "external, secondary: press report quoting the UPM": gettext_noop(
        "external, secondary: press report quoting the UPM"),
}
"""The statuses of :func:`~compendium.analyses.business_models.yearly_returns`, for the table."""


def returns_frame(readings: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The readings of a year's repatriations (:func:`with_labels` in ``lang``) for the table: label, status,
    period, events, months, events per year and interval."""
    def period(start, end):
        return _("{start} to {end}", lang).format(
            start=fmt_date(start, lang, format="MMM y" if lang == "en" else "MMM 'de' y"),
            end=fmt_date(end, lang, format="MMM y" if lang == "en" else "MMM 'de' y"))

    return pd.DataFrame({
        _("Reading", lang): readings["label"].to_numpy(),
        _("Data", lang): [_(STATUS_WORDS[status], lang) if status in STATUS_WORDS else status for status in readings["status"]],
        _("Period", lang): [period(s, e) for s, e in zip(readings["period_start"], readings["period_end"])],
        _("Events", lang): readings["events"].to_numpy(),
        _("Months", lang): readings["months"].to_numpy(),
        _("Events per year", lang): readings["per_year"].round().astype(int).to_numpy(),
        _("Interval (exact Poisson)", lang): [_("{low} to {high}", lang).format(low=fmt_int(lo, lang),
                                                                               high=fmt_int(hi, lang))
                                               for lo, hi in zip(readings["low"], readings["high"])],
    })


READING_NAMES = {
    "printed_2023": gettext_noop("the 2023 total as printed, read as a full year"),
    "corrected_2023": gettext_noop("the corrected 2023 total (January-September), annualized"),
    "jan_sep_2024": gettext_noop("the January-September 2024 total, annualized"),
    "external_2023": gettext_noop("the external check for 2023"),
    "external_2024": gettext_noop("the external check for 2024"),
}
"""Short names of the readings of :func:`~compendium.analyses.business_models.yearly_returns`, for sentences."""


def reading_name(key: str, lang: str = "en") -> str:
    """The short name of reading ``key`` (:data:`READING_NAMES`) in ``lang``; an unknown key stays as it is."""
    return _(READING_NAMES[key], lang) if key in READING_NAMES else key


def readings_within(readings: pd.DataFrame, limit: float, lang: str = "en") -> str:
    """Which readings of a year's repatriations are at most ``limit``, in words ("none of the readings", ...)."""
    within = readings[readings["per_year"] <= limit]
    if within.empty:
        return _("none of the readings", lang)
    if len(within) == len(readings):
        return _("every reading", lang)
    names = join_words([reading_name(key, lang) for key in within["reading"]], lang=lang)
    return _("only {names}", lang).format(names=names) if len(within) == 1 else names


def membership_floor(minimum: int, form: str, base_count: int, base_label: str, floor: float,
                     lang: str = "en") -> str:
    """A sentence on what a group minimum does tell: the fewest members the OSSE could have between them.

    ``floor`` is ``base_count * minimum`` (:func:`compendium.analyses.business_models.capacity`).
    """
    return _("If each of the {count} {base} had only the {minimum} members {form} needs, they would have {floor} "
             "members between them.", lang).format(count=fmt_int(base_count, lang), base=base_label,
                                                   minimum=fmt_int(minimum, lang), form=form_name(form, lang),
                                                   floor=fmt_int(floor, lang))


def floor_legend(minimum: int, base_count: int, floor: float, lang: str = "en") -> str:
    """The legend of one vertical line of the readings figure: the membership floor at one minimum."""
    return _("{count} OSSE \u00d7 {minimum} members:\n{floor}, a floor, not places", lang).format(
        count=fmt_int(base_count, lang), minimum=fmt_int(minimum, lang), floor=fmt_int(floor, lang))
