"""Business models of the social and solidarity economy: the OSSE forms, INAES's figures, and the
sector's scale set beside the yearly returns of Mexicans from the United States.

The chapter ``business_models`` calls these functions; each takes data frames from
:mod:`compendium.data` (or small frames made up in a test) and returns a frame or plain numbers.
Nothing here reads files or formats text for the prose, except the plotting helpers at the end.

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

from compendium.present.formatting import join_words  # noqa: F401 - re-exported for the chapter
from compendium.analyses import stats
from compendium.data.errors import DataError, ParameterError

RETURNS_READINGS = {
    "jan_sep_2024": "January-September 2024, annualized (x 12/9)",
    "corrected_2023": "2023 as corrected (C03: January-September), annualized (x 12/9)",
    "printed_2023": "2023 as printed (read as a full year)",
}
"""The readings of a year's returns the chapter can use, with the label shown to readers."""

OSSE_BASES = {
    "all": "OSSE",
    "without_ejidos": "OSSE other than ejidos and communities",
}
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


# --- A year's returns -------------------------------------------------------------------------

def annualize(events, months) -> float:
    """Events per year at the period's average monthly rate: ``events * 12 / months``."""
    if months <= 0:
        raise ValueError(f"a period must last at least one month; got {months}")
    return float(events) * 12 / months


def _reading(key, label, status, start, end, events, alpha) -> dict:
    months = stats.months_in_period(start, end)
    rate = stats.poisson_rate(int(events), months, alpha)
    return {"reading": key, "label": label, "status": status, "period_start": pd.Timestamp(start),
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
    """
    def row_of(frame, year):
        rows = frame[frame["period_start"].dt.year == year]
        if len(rows) != 1:
            raise DataError(frame.attrs.get("path", "repatriations_from_us"), f"expected one period starting in {year}",
                            value=len(rows))
        return rows.iloc[0]

    p23, c23, p24 = row_of(printed, 2023), row_of(corrected, 2023), row_of(printed, 2024)
    rows = [
        _reading("printed_2023", RETURNS_READINGS["printed_2023"], "paper, as printed",
                 p23.period_start, p23.period_end, p23.events, alpha),
        _reading("corrected_2023", RETURNS_READINGS["corrected_2023"], "paper, corrected (C03)",
                 c23.period_start, c23.period_end, c23.events, alpha),
        _reading("jan_sep_2024", RETURNS_READINGS["jan_sep_2024"], "paper, as printed",
                 p24.period_start, p24.period_end, p24.events, alpha),
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
            end = pd.Timestamp(best.period_end)
            label = f"January-{end.strftime('%B')} {year}, annualized (x 12/{int(best.months)}); external check"
            rows.append(_reading(f"external_{year}", label, "external, secondary: press report quoting the UPM",
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
    For each minimum ``m`` the result holds ``osse_needed_<m>`` (returns / m: how many OSSE must
    each take ``m`` new members to absorb a year's returns) and ``share_needed_<m>`` (that number
    over the OSSE of ``base``).
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


def absorption_phrase(share: float) -> str:
    """Words for a share of OSSE needed: ``"more OSSE than exist"`` above 1, else how many of them."""
    if share > 1:
        return "more OSSE than exist"
    if share > 0.5:
        return "a majority of them"
    return "a minority of them"


def nodess_when(row: pd.Series) -> str:
    """When a NODESS count was taken, for labels: ``"September 2024"`` or ``"2022-2023"``."""
    as_of = str(row["as_of"])
    if len(as_of) == 7:
        return pd.Timestamp(as_of + "-01").strftime("%B %Y")
    return f"{int(as_of) - 1}-{as_of}"


def ratio_table(ratios: dict[str, float], minimums: dict[str, int], base_label: str, reading_label: str,
                nodess_latest_label: str, nodess_previous_label: str) -> pd.DataFrame:
    """The ratios of :func:`scale_ratios`, formatted, each with what it divides and its assumptions.

    Columns: ``ratio``, ``value`` (formatted text), ``computed_as`` and ``assumptions``.
    """
    from compendium.present.formatting import fmt_int, fmt_num, fmt_pct

    returns = f"a year's repatriation events ({reading_label})"
    events_note = ("Events are not people: someone returned twice counts twice. Not every returned person stays, "
                   "needs work or wants to join an OSSE.")
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
         "Every OSSE takes the same number of people. " + events_note),
        (f"Repatriation events per NODESS in a year (NODESS of {nodess_latest_label})",
         fmt_int(ratios["returns_per_nodess_latest"]), f"{returns} / NODESS",
         "Every node supports the same number of people; nodes support organisations, not individuals, so this "
         "is a scale, not a workload. " + events_note),
        (f"Repatriation events per NODESS in a year (NODESS of {nodess_previous_label})",
         fmt_int(ratios["returns_per_nodess_previous"]), f"{returns} / NODESS", "As above, with the earlier count."),
        (f"OSSE per NODESS (NODESS of {nodess_latest_label})", fmt_int(ratios["osse_per_nodess"]),
         "OSSE (INAES) / NODESS", "The two counts are of different dates; INAES's is undated."),
        ("A year's returns as a share of savings-bank members", fmt_pct(ratios["returns_share_members"]),
         f"{returns} / savings-bank members (INAES)",
         "How much membership would grow if every returned person joined a savings bank. " + events_note),
    ]
    for form, minimum in sorted(minimums.items(), key=lambda kv: kv[1]):
        needed, share = ratios[f"osse_needed_{minimum}"], ratios[f"share_needed_{minimum}"]
        rows.append((f"OSSE needed if each took {minimum} new members (the minimum for {form})",
                     f"{fmt_int(needed)} ({fmt_pct(share)} of {base_label})",
                     f"{returns} / {minimum}, then / {base_label}",
                     "Each OSSE takes exactly the minimum number of people its form requires, once. "
                     "Equivalently, the number of new OSSE of that form the returned people could found. "
                     + events_note))
    return pd.DataFrame(rows, columns=["ratio", "value", "computed_as", "assumptions"])


READING_NAMES = {
    "printed_2023": "the 2023 total as printed, read as a full year",
    "corrected_2023": "the corrected 2023 total (January-September), annualized",
    "jan_sep_2024": "the January-September 2024 total, annualized",
    "external_2023": "the external check for 2023",
    "external_2024": "the external check for 2024",
}
"""Short names of the readings of :func:`yearly_returns`, for sentences."""





def readings_within(readings: pd.DataFrame, limit: float) -> str:
    """Which readings of a year's returns are at most ``limit``, in words ("none of the readings", ...)."""
    within = readings[readings["per_year"] <= limit]
    if within.empty:
        return "none of the readings"
    if len(within) == len(readings):
        return "every reading"
    names = [READING_NAMES.get(key, key) for key in within["reading"]]
    return ("only " if len(within) == 1 else "") + join_words(names)


def minimum_verdict(readings: pd.DataFrame, limit: float) -> str:
    """A sentence on whether one group minimum per OSSE (``limit`` people a year) covers the paper's 2023 total.

    Compares the printed reading (a full year) with the corrected, annualized one.
    """
    by = readings.set_index("reading")["per_year"]
    printed, corrected = by["printed_2023"] <= limit, by["corrected_2023"] <= limit
    if printed and not corrected:
        return ("Read as printed, the paper's 2023 total suggests that the sector could absorb a year's returns "
                "at that minimum; read as corrected and annualized, it says the sector could not.")
    if printed and corrected:
        return "At that minimum the sector could absorb the paper's 2023 total however it is read."
    return "At that minimum the sector could not absorb the paper's 2023 total however it is read."


def capacity(base_count: int, minimums: dict[str, int]) -> pd.DataFrame:
    """New members the OSSE of the base could take in a year if each took one group minimum.

    One row per form: ``form``, ``minimum`` and ``new_members`` (``base_count * minimum``).
    """
    rows = [{"form": form, "minimum": minimum, "new_members": base_count * minimum}
            for form, minimum in minimums.items()]
    return pd.DataFrame(rows).sort_values("minimum").reset_index(drop=True)


# --- Figures ----------------------------------------------------------------------------------

def plot_families(summary: pd.DataFrame):
    """Horizontal bars: number of OSSE forms in each family (the compendium's grouping)."""
    import matplotlib.pyplot as plt

    from compendium.present.figure_style import COMPENDIUM_COLOUR

    fig, ax = plt.subplots(figsize=(7.5, 3.0))
    shown = summary.iloc[::-1]
    ax.barh(shown["family"], shown["n_forms"], color=COMPENDIUM_COLOUR)
    for y, value in enumerate(shown["n_forms"]):
        ax.text(value + 0.1, y, str(int(value)), va="center", fontsize=10)
    ax.set_xlabel("OSSE forms listed by the paper (number)")
    ax.set_ylabel("")
    ax.xaxis.set_major_locator(plt.MaxNLocator(integer=True))
    ax.set_xlim(0, summary["n_forms"].max() + 1)
    ax.grid(axis="y", visible=False)
    return fig, ax


PLOT_ORDER = ["printed_2023", "corrected_2023", "external_2023", "jan_sep_2024", "external_2024"]
"""Order of the readings in the capacity figure (top to bottom): 2023 readings, then 2024."""


def plot_returns_vs_capacity(readings: pd.DataFrame, chosen: str, capacities: pd.DataFrame):
    """A year's returns under each reading (bars, with intervals) against what the OSSE could take in.

    Bars are coloured by status (paper as printed, computed by the compendium, external); the
    chosen reading is outlined. Vertical lines mark the OSSE count times each group minimum
    (``capacities`` from :func:`capacity`).
    """
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from compendium.present.figure_style import COMPENDIUM_COLOUR, EXTERNAL_COLOUR, PAPER_COLOUR, thousands

    def colour(row):
        if row.status.startswith("external"):
            return EXTERNAL_COLOUR
        return PAPER_COLOUR if row.status == "paper, as printed" and row.months == 12 else COMPENDIUM_COLOUR

    order = {key: i for i, key in enumerate(PLOT_ORDER)}
    shown = readings.assign(_order=readings["reading"].map(order).fillna(len(order))).sort_values("_order")
    shown = shown.iloc[::-1].reset_index(drop=True)  # barh draws from the bottom up
    fig, ax = plt.subplots(figsize=(7.5, 4.6))
    bars = ax.barh(range(len(shown)), shown["per_year"], color=[colour(r) for r in shown.itertuples()], height=0.7,
                   xerr=[shown["per_year"] - shown["low"], shown["high"] - shown["per_year"]],
                   error_kw={"ecolor": "#333333", "capsize": 3, "lw": 1})
    for bar, reading in zip(bars, shown["reading"]):
        if reading == chosen:
            bar.set_edgecolor("black")
            bar.set_linewidth(2.5)
    ax.set_yticks(range(len(shown)))
    ax.set_yticklabels([label.replace(", annualized", ",\nannualized").replace("; external", ";\nexternal")
                        for label in shown["label"]], fontsize=9)
    line_styles = ["--", ":", "-."]
    handles = [Patch(color=PAPER_COLOUR, label="paper, as printed"),
               Patch(color=COMPENDIUM_COLOUR, label="computed (annualized or corrected)"),
               Patch(color=EXTERNAL_COLOUR, label="external, secondary (press)"),
               Patch(facecolor="white", edgecolor="black", linewidth=2, label="reading used in the text")]
    for row, style_ in zip(capacities.itertuples(), line_styles):
        ax.axvline(row.new_members, color="#222222", ls=style_, lw=1.6)
        handles.append(Line2D([], [], color="#222222", ls=style_, lw=1.6,
                              label=f"every OSSE takes {row.minimum} new members ({row.new_members:,.0f})"))
    ax.set_xlabel("Repatriation events in a year")
    ax.set_xlim(0, max(capacities["new_members"].max(), shown["high"].max()) * 1.05)
    thousands(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.35, -0.16), ncol=2, fontsize=8, frameon=False)
    return fig, ax
