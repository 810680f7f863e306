"""Business models of the social and solidarity economy: the OSSE forms, INAES's figures, and the
sector's scale set beside a year's repatriations of Mexicans from the United States.

The chapter ``business_models`` calls these functions; each takes data frames from
:mod:`compendium.data` (or small frames made up in a test) and returns a frame or plain numbers.
Nothing here reads files, builds sentences or draws: the chapter's wording (labels, citations,
the ratio table, the verdicts) is in :mod:`compendium.present.words.business_models`, its
figures in :mod:`compendium.present.figures.business_models`. Imports only
:mod:`compendium.data` and :mod:`compendium.analyses`.

Readings of a year's returns (the chapter's ``returns_reading`` parameter):

``jan_sep_2024``
    The paper's January-September 2024 total, annualized at its monthly rate (x 12/9).
``corrected_2023``
    The paper's "2023" total read as January-September 2023 (correction C03), annualized x 12/9.
``printed_2023``
    The same total read as printed, as a full calendar year (no annualization).

Bases of the per-OSSE ratios (the ``osse_base`` parameter): ``all`` the OSSE INAES counts;
``without_ejidos`` the same count less the ejidos and communities, in case the count includes
them (the profile does not say) and since land-holding nuclei do not take members freely.
"""
from __future__ import annotations

import pandas as pd

from compendium.analyses import stats
from compendium.data.errors import DataError, ParameterError

RETURNS_READINGS = ("jan_sep_2024", "corrected_2023", "printed_2023")
"""The readings of a year's returns the chapter can use (their labels are in the chapter's wording)."""

OSSE_BASES = ("all", "without_ejidos")
"""The counts of OSSE the per-OSSE ratios can divide by."""

REPATRIATION_SERIES = "repatriations_of_mexicans_from_us"


# --- Parameters -------------------------------------------------------------------------------

def check_choice(name: str, value, choices) -> str:
    """Return ``value`` if it is one of ``choices``; else raise :class:`ParameterError` listing them."""
    if value not in choices:
        raise ParameterError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
    return value


def check_parameters(returns_reading, osse_base) -> tuple[str, str]:
    """Validate the chapter's own parameters; return them unchanged."""
    return (check_choice("returns_reading", returns_reading, RETURNS_READINGS),
            check_choice("osse_base", osse_base, OSSE_BASES))


# --- The OSSE forms and their families ----------------------------------------------------------

def family_problems(types: pd.DataFrame, families: pd.DataFrame) -> list[str]:
    """What stops ``families`` from giving every OSSE form of ``types`` exactly one family (empty: nothing)."""
    problems = []
    listed = list(types["osse_type"])
    counts = families["osse_type"].value_counts()
    for form in listed:
        if counts.get(form, 0) == 0:
            problems.append(f"the OSSE form {form!r} has no family")
        elif counts[form] > 1:
            problems.append(f"the OSSE form {form!r} has {counts[form]} families")
    for form in families["osse_type"]:
        if form not in set(listed):
            problems.append(f"the family table names {form!r}, which is not an OSSE form of the list")
    return problems


def osse_families(types: pd.DataFrame, families: pd.DataFrame) -> pd.DataFrame:
    """The OSSE forms in printed order with their family and rationale.

    Raises :class:`DataError` unless every form has exactly one family and every family row names
    a listed form.
    """
    problems = family_problems(types, families)
    if problems:
        raise DataError(families.attrs.get("path", "osse_type_families"), "; ".join(problems),
                        expected="exactly one family for each OSSE form of osse_types.csv")
    table = types.merge(families, on="osse_type", how="left", validate="one_to_one")
    return table.sort_values("printed_order").reset_index(drop=True)


def family_summary(table: pd.DataFrame) -> pd.DataFrame:
    """One row per family: number of forms and their printed positions; largest family first.

    Ties are broken by the position at which the family's first form is printed.
    """
    grouped = table.groupby("family", sort=False).agg(
        n_forms=("osse_type", "size"), first_printed=("printed_order", "min"),
        positions=("printed_order", lambda s: ", ".join(str(v) for v in sorted(s))))
    grouped = grouped.sort_values(["n_forms", "first_printed"], ascending=[False, True])
    return grouped.reset_index()[["family", "n_forms", "positions"]]


def family_table(table: pd.DataFrame) -> pd.DataFrame:
    """The forms ordered by family (largest first) and then by printed position, for display."""
    order = {family: i for i, family in enumerate(family_summary(table)["family"])}
    shown = table.assign(_family=table["family"].map(order)).sort_values(["_family", "printed_order"])
    return shown.drop(columns="_family").reset_index(drop=True)[["family", "printed_order", "osse_type", "rationale"]]


def cooperatives_by_name(types: pd.DataFrame) -> list[str]:
    """The OSSE forms whose printed name calls them cooperatives, in printed order.

    A count by name, independent of the compendium's grouping into families (which places the
    savings and loan cooperatives with the financial forms).
    """
    named = types[types["osse_type"].str.contains("cooperative", case=False)]
    return list(named.sort_values("printed_order")["osse_type"])


def named_cooperatives_elsewhere(table: pd.DataFrame, family: str = "Cooperatives") -> pd.DataFrame:
    """The forms called cooperatives by name that the grouping puts outside ``family``: ``osse_type``, ``family``.

    ``table`` is :func:`osse_families`; printed order.
    """
    named = table[table["osse_type"].isin(cooperatives_by_name(table)) & (table["family"] != family)]
    return named[["osse_type", "family"]].reset_index(drop=True)


def group_minimums(frame: pd.DataFrame) -> dict[str, int]:
    """Minimum number of people by form of OSSE, e.g. ``{"Social Groups": 3, "Legally Established": 5}``."""
    return {row.form: int(row.minimum_people) for row in frame.itertuples(index=False)}


# --- INAES ------------------------------------------------------------------------------------

def headline(frame: pd.DataFrame) -> dict[str, int]:
    """The INAES headline figures by indicator, as plain integers."""
    return {row.indicator: int(row.value) for row in frame.itertuples(index=False)}


def facts(frame: pd.DataFrame) -> dict[str, str]:
    """The INAES facts (legal basis and status) by fact."""
    return dict(zip(frame["fact"], frame["value"]))


# --- A year's returns -------------------------------------------------------------------------

def annualize(events, months) -> float:
    """Events per year at the period's average monthly rate: ``events * 12 / months``."""
    if months <= 0:
        raise ValueError(f"a period must last at least one month; got {months}")
    return float(events) * 12 / months


def _reading(key, status, start, end, events, alpha) -> dict:
    months = stats.months_in_period(start, end)
    rate = stats.poisson_rate(int(events), months, alpha)
    return {"reading": key, "status": status, "period_start": pd.Timestamp(start),
            "period_end": pd.Timestamp(end), "events": int(events), "months": months,
            "per_year": annualize(events, months), "low": 12 * rate.low, "high": 12 * rate.high}


def yearly_returns(printed: pd.DataFrame, corrected: pd.DataFrame, checkpoints: pd.DataFrame | None = None,
                   alpha: float = 0.05) -> pd.DataFrame:
    """A year's repatriations from the US under each reading, with a Poisson interval at level 1 - alpha.

    ``printed`` and ``corrected`` are ``load_repatriations_from_us()`` without and with
    ``corrected=True``; the 2023 row is the one starting in 2023, the 2024 row the one starting in
    2024. ``checkpoints`` (``load_migration_series_checkpoints()``, external and secondary) adds,
    as checks of the annualization, the longest period reported for each of those years that is
    longer than the paper's. The interval treats the events as a Poisson count at a constant
    monthly rate: it covers random variation only, not seasonality or the choice of reading.
    One row per reading (``reading``, ``status``, the period, ``events``, ``months``, ``per_year``,
    ``low``, ``high``); :func:`compendium.present.words.business_models.with_labels` names them.
    """
    def row_of(frame, year):
        rows = frame[frame["period_start"].dt.year == year]
        if len(rows) != 1:
            raise DataError(frame.attrs.get("path", "repatriations_from_us"), f"expected one period starting in {year}",
                            value=len(rows))
        return rows.iloc[0]

    p23, c23, p24 = row_of(printed, 2023), row_of(corrected, 2023), row_of(printed, 2024)
    rows = [
        _reading("printed_2023", "paper, as printed", p23.period_start, p23.period_end, p23.events, alpha),
        _reading("corrected_2023", "paper, corrected (C03)", c23.period_start, c23.period_end, c23.events, alpha),
        _reading("jan_sep_2024", "paper, as printed", p24.period_start, p24.period_end, p24.events, alpha),
    ]
    if checkpoints is not None:
        series = checkpoints[checkpoints["series"] == REPATRIATION_SERIES].copy()
        series["months"] = stats.months_in_periods(series["period_start"], series["period_end"])
        for year, paper_row in ((2023, c23), (2024, p24)):
            paper_months = stats.months_in_period(paper_row.period_start, paper_row.period_end)
            longer = series[(series["period_start"].dt.year == year) & (series["period_start"].dt.month == 1)
                            & (series["months"] > paper_months)]
            if longer.empty:
                continue
            best = longer.sort_values("months").iloc[-1]
            rows.append(_reading(f"external_{year}", "external, secondary: press report quoting the UPM",
                                 best.period_start, best.period_end, best.value, alpha))
    return pd.DataFrame(rows)


def returns_for(readings: pd.DataFrame, reading: str) -> pd.Series:
    """The row of ``readings`` for ``reading`` (one of :data:`RETURNS_READINGS`)."""
    check_choice("returns_reading", reading, RETURNS_READINGS)
    return readings.set_index("reading").loc[reading]


# --- The sector's scale beside the returns ----------------------------------------------------

def nodess_latest_two(counts: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """The two latest counts of established NODESS (status ``NODESS``): ``(latest, previous)``."""
    rows = counts[counts["status"] == "NODESS"].sort_values("as_of")
    if len(rows) < 2:
        raise DataError(counts.attrs.get("path", "nodess_counts"), "fewer than two counts of NODESS", value=len(rows))
    return rows.iloc[-1], rows.iloc[-2]


def osse_count(figures: dict[str, int], base: str) -> int:
    """The number of OSSE the per-OSSE ratios divide by (see :data:`OSSE_BASES`)."""
    check_choice("osse_base", base, OSSE_BASES)
    if base == "all":
        return figures["OSSE"]
    return figures["OSSE"] - figures["ejidos and communities"]


def scale_ratios(figures: dict[str, int], population: int, returns_per_year: float, nodess_latest: int,
                 nodess_previous: int, minimums: dict[str, int], base: str = "all") -> dict[str, float]:
    """The sector's scale beside the migration figures: every ratio the chapter reports.

    ``figures`` are the INAES headline figures (:func:`headline`), ``population`` the census 2020
    total, ``returns_per_year`` a year's repatriation events under the chosen reading, the NODESS
    counts the latest and previous ones, ``minimums`` the group-size rules (:func:`group_minimums`).
    For each minimum ``m`` the result holds ``osse_needed_<m>`` (returns / m: the most new
    organisations of ``m`` members a year's repatriated people could found) and
    ``share_needed_<m>`` (that number over the OSSE of ``base``). A minimum is the fewest members
    a form requires, not how many people an organisation can take in.
    """
    members, assets, osse = figures["savings-bank members"], figures["savings-bank assets"], figures["OSSE"]
    base_count = osse_count(figures, base)
    out = {
        "assets_per_member": assets / members,
        "members_share_population": members / population,
        "hectares_per_ejido": figures["hectares"] / figures["ejidos and communities"],
        "ejidos_share_of_osse": figures["ejidos and communities"] / osse,
        "osse_base_count": float(base_count),
        "returns_per_osse": returns_per_year / base_count,
        "returns_per_nodess_latest": returns_per_year / nodess_latest,
        "returns_per_nodess_previous": returns_per_year / nodess_previous,
        "osse_per_nodess": osse / nodess_latest,
        "returns_share_members": returns_per_year / members,
    }
    for minimum in sorted(set(minimums.values())):
        out[f"osse_needed_{minimum}"] = returns_per_year / minimum
        out[f"share_needed_{minimum}"] = returns_per_year / minimum / base_count
    return out


def capacity(base_count: int, minimums: dict[str, int]) -> pd.DataFrame:
    """The OSSE of the base times each group minimum: the fewest members they could have between them.

    A floor on the sector's membership if every OSSE had only the minimum number of members its
    form requires; not a number of places for newcomers (a minimum sets no upper limit). One row
    per form: ``form``, ``minimum`` and ``new_members`` (``base_count * minimum``; the column keeps
    the name the figure reads).
    """
    rows = [{"form": form, "minimum": minimum, "new_members": base_count * minimum}
            for form, minimum in minimums.items()]
    return pd.DataFrame(rows).sort_values("minimum").reset_index(drop=True)
