"""The NODESS network: its actors, its growth, its regions, and its themes and ecosystems.

The paper (Lara-Escamilla et al., 2024, section "Opportunity areas, an analysis by states")
prints counts: actors promoting the social and solidarity economy (SSE) by type in two periods,
NODESS at three dates, the NODESS of 2022-2023 by region, and the priority themes and the eight
ecosystems with their lines of work. This module rebuilds those counts from the data package and
goes further:

* :func:`actor_mix_test` - did the mix of actor types change between the two periods
  (chi-square test of homogeneity, adjusted residuals);
* :func:`growth_table` - the network's growth between the printed counts, with the periods;
* :func:`theme_crosswalk` and :func:`search_catalogue` - the themes and lines of work as
  structured, searchable tables.

How the regions' nodes compare with need (the bases, coverage ratios and gap table) is in
:mod:`compendium.analyses.nodess_coverage`; the chapter's wording is in
:mod:`compendium.present.words.nodess` and its figures in :mod:`compendium.present.figures.nodess`.
Numbers and frames only: imports from :mod:`compendium.data` and :mod:`compendium.analyses.stats`.

Every function takes ``data_dir`` (a copy of ``data/``) where it reads data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.stats.contingency_tables import Table

from compendium.data import loaders
from compendium.data.errors import DataError, ParameterError
from compendium.analyses.stats import check_alpha

BASES = ("population", "diaspora", "returns")
"""The bases against which NODESS per region can be compared."""

STOPWORDS = {"and", "the", "of", "for", "in", "on", "a", "to"}


# --- Parameters ------------------------------------------------------------------------------

def check_basis(basis) -> str:
    """Return ``basis`` if it is one of :data:`BASES`, else raise :class:`ParameterError`."""
    if basis not in BASES:
        raise ParameterError(f"basis must be one of {', '.join(BASES)} (what the NODESS of each region are compared "
                             f"with: census population, diaspora origin in Table 2, or returns); got {basis!r}")
    return basis


def check_parameters(basis, alpha) -> tuple[str, float]:
    """Validate the chapter's parameters; return ``(basis, alpha)``."""
    return check_basis(basis), check_alpha(alpha)


# --- Actors ----------------------------------------------------------------------------------

def actor_table(data_dir=None) -> pd.DataFrame:
    """Actors by type (rows, in printed order) and period (columns), as printed."""
    actors = loaders.load_nodess_actors(data_dir)
    wide = actors.pivot(index="actor_type", columns="period", values="actors")
    return wide.loc[list(dict.fromkeys(actors["actor_type"]))]


def actor_totals(data_dir=None) -> pd.DataFrame:
    """For each period: the sum of the printed parts, the printed total, and whether they agree."""
    wide = actor_table(data_dir)
    stated = loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]
    rows = []
    for period in wide.columns:
        key = "nodess_actors_" + period.replace("-", "_")
        total = int(stated[key]) if key in stated.index else None
        parts = int(wide[period].sum())
        rows.append({"period": period, "sum_of_parts": parts, "stated_total": total, "agrees": parts == total})
    return pd.DataFrame(rows)


@dataclass(frozen=True)
class ContingencyTest:
    """A chi-square test of homogeneity of a two-way table, with its residuals."""

    statistic: float
    dof: int
    pvalue: float
    cramers_v: float
    min_expected: float
    table: pd.DataFrame  # counts, rows = categories, columns = groups
    expected: pd.DataFrame
    adjusted_residuals: pd.DataFrame  # (O - E) / sqrt(E (1 - row share)(1 - column share))

    def significant(self, alpha: float) -> bool:
        """True when the p-value is below ``alpha``."""
        return self.pvalue < alpha


def contingency_test(table: pd.DataFrame) -> ContingencyTest:
    """Pearson's chi-square test that the columns of ``table`` share one distribution over its rows.

    The statistic, degrees of freedom and p-value come from ``statsmodels`` (``Table``), checked
    against ``scipy.stats.chi2_contingency``; the residuals are the adjusted (standardized)
    residuals, approximately standard normal under the null hypothesis.
    """
    counts = table.astype(float)
    if (counts.to_numpy() < 0).any() or counts.shape[0] < 2 or counts.shape[1] < 2:
        raise ValueError("a contingency table needs at least two rows and two columns of non-negative counts")
    result = Table(counts.to_numpy()).test_nominal_association()
    scipy_stat, scipy_p, scipy_dof, expected = sps.chi2_contingency(counts.to_numpy(), correction=False)
    assert np.isclose(result.statistic, scipy_stat) and result.df == scipy_dof
    adjusted = Table(counts.to_numpy()).standardized_resids
    n = counts.to_numpy().sum()
    v = float(np.sqrt(result.statistic / (n * (min(counts.shape) - 1))))
    frame = lambda values: pd.DataFrame(values, index=table.index, columns=table.columns)  # noqa: E731
    return ContingencyTest(float(result.statistic), int(result.df), float(result.pvalue), v, float(expected.min()),
                           table, frame(expected), frame(adjusted))


def actor_mix_test(data_dir=None) -> ContingencyTest:
    """Did the mix of actor types change between 2019-2020 and 2020-2021? (2 x 4 homogeneity test)."""
    return contingency_test(actor_table(data_dir))


def z_critical(alpha: float) -> float:
    """The two-sided standard-normal critical value for ``alpha`` (1.96 for 0.05)."""
    return float(sps.norm.ppf(1 - check_alpha(alpha) / 2))


# --- Growth of the network -------------------------------------------------------------------

def count_window(as_of: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The dates a count labelled ``as_of`` may refer to: a whole year (``"2023"``) or month (``"2024-09"``)."""
    if re.fullmatch(r"\d{4}", as_of):
        return pd.Timestamp(f"{as_of}-01-01"), pd.Timestamp(f"{as_of}-12-31")
    if re.fullmatch(r"\d{4}-\d{2}", as_of):
        start = pd.Timestamp(f"{as_of}-01")
        return start, start + pd.offsets.MonthEnd(0)
    raise ValueError(f"as_of must be a year (YYYY) or a month (YYYY-MM); got {as_of!r}")


def _years(delta: pd.Timedelta) -> float:
    return delta.days / 365.25


def growth_table(counts: pd.DataFrame) -> pd.DataFrame:
    """Growth of the NODESS count between consecutive printed counts.

    ``counts`` is :func:`compendium.data.loaders.load_nodess_counts` (only rows with status NODESS are
    used). A year label is placed at mid-year and a month label at mid-month for the nominal
    elapsed time; the shortest and longest elapsed times assume the counts were taken at the
    nearest or farthest dates their labels allow. Annualised growth is compound:
    ``(to / from) ** (1 / years) - 1``; it is left blank where the shortest elapsed time is under
    a quarter of a year (the labels then allow almost no time between the counts).
    """
    nodes = counts[counts["status"] == "NODESS"].reset_index(drop=True)
    rows = []
    for before, after in zip(nodes.itertuples(), nodes.iloc[1:].itertuples()):
        (s0, e0), (s1, e1) = count_window(before.as_of), count_window(after.as_of)
        nominal = _years((s1 + (e1 - s1) / 2) - (s0 + (e0 - s0) / 2))
        shortest, longest = _years(s1 - e0), _years(e1 - s0)
        ratio = after.count / before.count
        rows.append({
            "from_period": before.period_as_printed, "to_period": after.period_as_printed,
            "from_as_of": before.as_of, "to_as_of": after.as_of,
            "from_count": before.count, "to_count": after.count,
            "change": after.count - before.count, "ratio": ratio, "pct_change": ratio - 1,
            "years_nominal": nominal, "years_shortest": shortest, "years_longest": longest,
            "annual_nominal": ratio ** (1 / nominal) - 1,
            "annual_if_longest": ratio ** (1 / longest) - 1,
            "annual_if_shortest": ratio ** (1 / shortest) - 1 if shortest >= 0.25 else np.nan,
        })
    return pd.DataFrame(rows)


# --- Regions ---------------------------------------------------------------------------------

def region_order(data_dir=None) -> list[str]:
    """The NODESS regions in the paper's order."""
    return loaders.load_nodess_regions_2022_2023(data_dir).sort_values("printed_order")["region"].tolist()


def region_table(data_dir=None) -> pd.DataFrame:
    """The NODESS of 2022-2023 by region with the region's states (names as printed) and share."""
    regions = loaders.load_nodess_regions_2022_2023(data_dir).sort_values("printed_order")
    states = loaders.load_nodess_region_states(data_dir).sort_values(["region", "printed_order"])
    listed = states.groupby("region")["state"].agg(list)
    out = regions[["region", "nodess"]].copy()
    out["n_states"] = out["region"].map(listed.map(len))
    out["states"] = out["region"].map(listed.map(", ".join))
    out["share"] = out["nodess"] / out["nodess"].sum()
    return out.reset_index(drop=True)


def check_region_total(data_dir=None) -> int:
    """The regional NODESS summed; raise :class:`DataError` unless it equals the printed 2022-2023 count."""
    total = int(loaders.load_nodess_regions_2022_2023(data_dir)["nodess"].sum())
    counts = loaders.load_nodess_counts(data_dir)
    printed = counts.loc[(counts["status"] == "NODESS") & (counts["as_of"] == "2023"), "count"]
    if len(printed) != 1 or int(printed.iloc[0]) != total:
        raise DataError("nodess_regions_2022_2023", "the regions do not add up to the printed 2022-2023 NODESS count",
                        value=total, expected=f"{printed.tolist()}")
    return total


def _states(data_dir=None) -> pd.DataFrame:
    return loaders.load_mexican_states(data_dir)[["cve_ent", "name", "name_nodess", "nodess_region"]]


# --- Themes and ecosystems -------------------------------------------------------------------

def _words(text: str) -> str:
    return " ".join(w for w in re.findall(r"[a-záéíóúñ]+", text.lower()))


def theme_crosswalk(data_dir=None) -> pd.DataFrame:
    """Each priority theme with the ecosystems and lines of work whose printed text contains it.

    A theme is matched where its printed words appear, as a phrase and ignoring case and
    punctuation, in an ecosystem's name or in one of its lines of work. This is literal
    matching, not a judgement of meaning: a theme without a match may still be served by
    lines worded differently.
    """
    themes = loaders.load_nodess_priority_themes(data_dir).sort_values("printed_order")
    ecosystems = loaders.load_nodess_ecosystems(data_dir).set_index("numeral")
    lines = loaders.load_nodess_ecosystem_lines(data_dir)
    rows = []
    for theme in themes.itertuples():
        phrase = re.compile(r"\b" + re.escape(_words(theme.theme)) + r"\b")
        in_names = [n for n, name in ecosystems["ecosystem"].items() if phrase.search(_words(name))]
        in_lines = [f"{l.numeral}.{l.printed_order}" for l in lines.itertuples() if phrase.search(_words(l.line_of_work))]
        matched = list(dict.fromkeys(in_names + [ref.split(".")[0] for ref in in_lines]))
        rows.append({"printed_order": theme.printed_order, "theme": theme.theme,
                     "ecosystems": ", ".join(matched), "lines": ", ".join(in_lines), "matched": bool(matched)})
    return pd.DataFrame(rows)


def ecosystem_table(data_dir=None) -> pd.DataFrame:
    """The eight ecosystems with the number of lines of work each lists."""
    ecosystems = loaders.load_nodess_ecosystems(data_dir).sort_values("number")
    lines = loaders.load_nodess_ecosystem_lines(data_dir)
    out = ecosystems.assign(n_lines=ecosystems["numeral"].map(lines.groupby("numeral").size()).fillna(0).astype(int))
    out["share_of_lines"] = out["n_lines"] / out["n_lines"].sum()
    return out.reset_index(drop=True)


def lines_table(data_dir=None) -> pd.DataFrame:
    """Every line of work under its ecosystem, numbered ``I.1`` ... in printed order."""
    ecosystems = loaders.load_nodess_ecosystems(data_dir)[["numeral", "number", "ecosystem"]]
    lines = loaders.load_nodess_ecosystem_lines(data_dir).merge(ecosystems, on="numeral", validate="m:1")
    lines = lines.sort_values(["number", "printed_order"]).reset_index(drop=True)
    lines["ref"] = lines["numeral"] + "." + lines["printed_order"].astype(str)
    return lines[["ref", "numeral", "ecosystem", "printed_order", "line_of_work"]]


def search_catalogue(term: str, data_dir=None) -> pd.DataFrame:
    """Priority themes, ecosystems and lines of work whose printed text contains ``term`` (any case)."""
    if not str(term).strip():
        raise ValueError("give a word or phrase to search for")
    needle = str(term).strip().lower()
    themes = loaders.load_nodess_priority_themes(data_dir)
    ecosystems = loaders.load_nodess_ecosystems(data_dir)
    hits = [("priority theme", str(t.printed_order), "", t.theme) for t in themes.itertuples() if needle in t.theme.lower()]
    hits += [("ecosystem", e.numeral, e.ecosystem, e.ecosystem) for e in ecosystems.itertuples()
             if needle in e.ecosystem.lower()]
    hits += [("line of work", l.ref, l.ecosystem, l.line_of_work) for l in lines_table(data_dir).itertuples()
             if needle in l.line_of_work.lower()]
    return pd.DataFrame(hits, columns=["kind", "ref", "ecosystem", "text"])
