"""Wording of the chapter ``business_models``: the labels of the readings of a year's repatriations and
of the OSSE bases, citations of the strategies' sources, the readable table of the sector's ratios,
and the phrases the prose glues in.

Each function takes what :mod:`compendium.analyses.business_models` computed (or the data frames
it reads) and returns text or a frame of text for readers. Imports the formatting helpers of
:mod:`compendium.present` and the layers below.

The paper's minimum memberships (3 people for a social group, 5 for a legally established
organisation) are the fewest members a form requires to qualify for INAES support. The wording
never reads them as how many people an organisation can take in.
"""
from __future__ import annotations

import pandas as pd

from compendium.data.errors import DataError
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, join_words


RETURNS_LABELS = {
    "jan_sep_2024": "January-September 2024, annualized (x 12/9)",
    "corrected_2023": "2023 as corrected (C03: January-September), annualized (x 12/9)",
    "printed_2023": "2023 as printed (read as a full year)",
}
"""The label shown to readers for each of the paper's readings of a year's returns
(:data:`compendium.analyses.business_models.RETURNS_READINGS`)."""

OSSE_BASE_LABELS = {
    "all": "OSSE",
    "without_ejidos": "OSSE other than ejidos and communities",
}
"""What the OSSE of each base (:data:`compendium.analyses.business_models.OSSE_BASES`) are called in the text."""


FORM_NAMES = {
    "Social Groups": "a social group",
    "Legally Established": "a legally established organisation",
}
"""The two kinds of OSSE of ``osse_group_minimums.csv`` as a sentence names them."""


def form_name(form: str) -> str:
    """``"Social Groups"`` -> ``"a social group"``; a kind not in :data:`FORM_NAMES` stays as printed."""
    return FORM_NAMES.get(form, form)


def cooperative_family_note(n_family: int, n_by_name: int, elsewhere: pd.DataFrame) -> str:
    """A sentence comparing the book's "Cooperatives" family with the forms called cooperatives by name.

    ``elsewhere`` is :func:`compendium.analyses.business_models.named_cooperatives_elsewhere`.
    """
    if elsewhere.empty:
        return (f"The book's \u201cCooperatives\u201d family holds {fmt_int(n_family)} forms, among them all "
                f"{fmt_int(n_by_name)} cooperatives by name.")
    placed = join_words([f"\u201c{row.osse_type}\u201d in the family \u201c{row.family}\u201d"
                         for row in elsewhere.itertuples()])
    return (f"The book's \u201cCooperatives\u201d family holds {fmt_int(n_family)} forms, not the "
            f"{fmt_int(n_by_name)} cooperatives by name: it places {placed}, grouping by what an organisation "
            "does rather than by its legal shape.")


# --- Strategies -------------------------------------------------------------------------------

def surname(author: str) -> str:
    """The family name(s) of one author written ``"Surname(s), Initials"`` (an institution stays whole)."""
    return author.split(",")[0].strip()


def citation(references: pd.DataFrame, key) -> str:
    """An author-year citation of reference ``key``: ``Fresneda (2022)``, ``A & B (2021)``, ``A et al. (2021)``.

    A blank key means the paper cites no source; the citation is then the paper itself.
    """
    if key is None or (not isinstance(key, str) and pd.isna(key)) or key == "":
        return "Lara-Escamilla et al. (2024), no source cited"
    rows = references[references["key"] == key]
    if len(rows) != 1:
        raise DataError(references.attrs.get("path", "references"), f"no single reference with key {key!r}",
                        expected="a key of references.csv")
    row = rows.iloc[0]
    authors = [surname(a) for a in row["authors"].split(";")]
    names = authors[0] if len(authors) == 1 else (" & ".join(authors) if len(authors) == 2 else f"{authors[0]} et al.")
    return f"{names} ({int(row['year'])})"


def strategies_table(strategies: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """The strategies with a readable ``source`` citation for each."""
    out = strategies.copy()
    out["source"] = [citation(references, key) for key in strategies["reference_key"]]
    return out


# --- The sector's scale beside a year's repatriations ------------------------------------------

def absorption_phrase(share: float) -> str:
    """Words for a number of organisations as a share of the OSSE that exist (``share`` = number / OSSE):
    ``"more OSSE than exist"`` above 1, else a majority or a minority of them.

    The chapter uses it for the most new minimum-size organisations a year's repatriated people
    could found, set beside the OSSE that exist (an order of magnitude, not a capacity).
    """
    if share > 1:
        return "more OSSE than exist"
    if share > 0.5:
        return "a majority of them"
    return "a minority of them"


MAGNITUDE_WORDS = ["units", "tens", "hundreds", "thousands", "tens of thousands", "hundreds of thousands",
                   "millions", "tens of millions", "hundreds of millions", "billions"]
"""Orders of magnitude in words, from 10**0 up."""


def order_of_magnitude(value: float) -> str:
    """The order of magnitude of a positive number in words: ``205604`` -> ``"hundreds of thousands"``."""
    if value < 1:
        raise ValueError(f"an order of magnitude in words needs a number of at least 1; got {value}")
    exponent = min(len(f"{int(value)}") - 1, len(MAGNITUDE_WORDS) - 1)
    return MAGNITUDE_WORDS[exponent]


def nodess_when(row: pd.Series) -> str:
    """When a NODESS count was taken, for labels: ``"September 2024"`` or ``"2022-2023"``."""
    as_of = str(row["as_of"])
    if len(as_of) == 7:
        return pd.Timestamp(as_of + "-01").strftime("%B %Y")
    return f"{int(as_of) - 1}-{as_of}"


def ratio_table(ratios: dict[str, float], minimums: dict[str, int], base_label: str, reading_label: str,
                nodess_latest_label: str, nodess_previous_label: str) -> pd.DataFrame:
    """The ratios of :func:`~compendium.analyses.business_models.scale_ratios`, formatted, each with
    what it divides and its assumptions.

    Columns: ``ratio``, ``value`` (formatted text), ``computed_as`` and ``assumptions``.
    """
    returns = f"a year's repatriation events ({reading_label})"
    events_note = ("Events are not people: someone repatriated twice counts twice. Not every repatriated person "
                   "stays, needs work or wants to join an OSSE.")
    scale_note = ("An illustration of scale, not a measure of how many people the sector could take in. ")
    rows = [
        ("Assets per savings-bank member", f"MXN {fmt_int(ratios['assets_per_member'])}",
         "savings-bank assets / savings-bank members (INAES)",
         "Both are INAES's rounded, undated figures. The assets are the institutions', not the members'; "
         "an average says nothing about how they are spread."),
        ("Savings-bank members as a share of the 2020 population", fmt_pct(ratios["members_share_population"]),
         "savings-bank members (INAES) / population (external: INEGI census 2020)",
         "Members are memberships, not necessarily unique people (one person may belong to two savings banks), "
         "so the share of people is at most this. The dates differ: the census is of March 2020, the INAES "
         "figure is undated. The census counts people of every age."),
        ("Hectares per ejido or community", f"{fmt_int(ratios['hectares_per_ejido'])} or more",
         "hectares / ejidos and communities (INAES)",
         "The hectares are a lower bound ('more than') and the count is approximate ('around'); an average "
         "over very different holdings."),
        ("Ejidos and communities as a share of OSSE", fmt_pct(ratios["ejidos_share_of_osse"]),
         "ejidos and communities / OSSE (INAES)",
         "Only meaningful if the OSSE count includes the ejidos and communities, which the law makes OSSE but "
         "the profile does not say."),
        ("Repatriation events per OSSE in a year", fmt_num(ratios["returns_per_osse"], 2),
         f"{returns} / {base_label}",
         scale_note + "The year's events spread evenly over the organisations; it says nothing about whether "
         "any organisation has work or room for newcomers. " + events_note),
        (f"Repatriation events per NODESS in a year (NODESS of {nodess_latest_label})",
         fmt_int(ratios["returns_per_nodess_latest"]), f"{returns} / NODESS",
         scale_note + "Nodes support organisations, not individuals. " + events_note),
        (f"Repatriation events per NODESS in a year (NODESS of {nodess_previous_label})",
         fmt_int(ratios["returns_per_nodess_previous"]), f"{returns} / NODESS", "As above, with the earlier count."),
        (f"OSSE per NODESS (NODESS of {nodess_latest_label})", fmt_int(ratios["osse_per_nodess"]),
         "OSSE (INAES) / NODESS", "The two counts are of different dates; INAES's is undated."),
        ("A year's repatriations as a share of savings-bank members", fmt_pct(ratios["returns_share_members"]),
         f"{returns} / savings-bank members (INAES)",
         scale_note + "How much membership would grow if every repatriated person joined a savings bank. "
         + events_note),
    ]
    for form, minimum in sorted(minimums.items(), key=lambda kv: kv[1]):
        needed, share = ratios[f"osse_needed_{minimum}"], ratios[f"share_needed_{minimum}"]
        rows.append((f"Most new organisations of {minimum} members (the minimum for {form_name(form)}) a year's repatriated "
                     "people could found",
                     f"{fmt_int(needed)} ({fmt_pct(share)} of the {base_label} that exist)",
                     f"{returns} / {minimum}, then / {base_label}",
                     "An upper limit: every repatriated person founds a new organisation with exactly the minimum "
                     "number of members. The minimum is the fewest members a form requires to qualify for INAES "
                     "support, not how many people an organisation can take in. " + events_note))
    return pd.DataFrame(rows, columns=["ratio", "value", "computed_as", "assumptions"])


def reading_label(row: pd.Series) -> str:
    """The label of one reading of :func:`~compendium.analyses.business_models.yearly_returns`: the
    paper's from :data:`RETURNS_LABELS`, an external check's from its period."""
    if row["reading"] in RETURNS_LABELS:
        return RETURNS_LABELS[row["reading"]]
    start, end = pd.Timestamp(row["period_start"]), pd.Timestamp(row["period_end"])
    return f"January-{end.strftime('%B')} {start.year}, annualized (x 12/{int(row['months'])}); external check"


def with_labels(readings: pd.DataFrame) -> pd.DataFrame:
    """``readings`` with a ``label`` column after ``reading``, for the table and the figure."""
    out = readings.copy()
    out.insert(out.columns.get_loc("reading") + 1, "label", [reading_label(row) for _, row in readings.iterrows()])
    return out


READING_NAMES = {
    "printed_2023": "the 2023 total as printed, read as a full year",
    "corrected_2023": "the corrected 2023 total (January-September), annualized",
    "jan_sep_2024": "the January-September 2024 total, annualized",
    "external_2023": "the external check for 2023",
    "external_2024": "the external check for 2024",
}
"""Short names of the readings of :func:`~compendium.analyses.business_models.yearly_returns`, for sentences."""


def readings_within(readings: pd.DataFrame, limit: float) -> str:
    """Which readings of a year's repatriations are at most ``limit``, in words ("none of the readings", ...)."""
    within = readings[readings["per_year"] <= limit]
    if within.empty:
        return "none of the readings"
    if len(within) == len(readings):
        return "every reading"
    names = [READING_NAMES.get(key, key) for key in within["reading"]]
    return ("only " if len(within) == 1 else "") + join_words(names)


def membership_floor(minimum: int, form: str, base_count: int, base_label: str, floor: float) -> str:
    """A sentence on what a group minimum does tell: the fewest members the OSSE could have between them.

    ``floor`` is ``base_count * minimum`` (:func:`compendium.analyses.business_models.capacity`).
    """
    return (f"If each of the {fmt_int(base_count)} {base_label} had only the {minimum} members "
            f"{form_name(form)} needs, they would have {fmt_int(floor)} members between them.")


def floor_legend(minimum: int, base_count: int, floor: float) -> str:
    """The legend of one vertical line of the readings figure: the membership floor at one minimum."""
    return f"{fmt_int(base_count)} OSSE \u00d7 {minimum} members:\n{fmt_int(floor)}, a floor, not places"
