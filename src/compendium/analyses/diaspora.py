"""The Mexican diaspora: Mexicans abroad, by US state of residence and by Mexican state of origin.

Numbers of the chapter ``chapters/diaspora.md``. It reproduces the paper's figures on Mexicans
abroad (by continent and country, 2021 and May 2023; occupations and sex), Table 1 (Mexicans by
US state, consular IDs issued in 2022) and Table 2 (by Mexican state of origin), checks them
against themselves, and goes further: concentration across US states (top-n share, Lorenz curve,
Gini and Herfindahl indices), women's share by US state with Wilson intervals and a Holm
correction, and cards per 100,000 residents of each Mexican state (INEGI census 2020).

Functions take the frames the loaders in :mod:`compendium.data` return and give back frames or
numbers. The sentences and readable tables are made by :mod:`compendium.present.words.diaspora`,
the figures by :mod:`compendium.present.figures.diaspora`. This module imports only from
:mod:`compendium.data` and :mod:`compendium.analyses`.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from compendium.data.errors import ParameterError

N_US_STATES = 51
"""Rows of Table 1: the 50 states and the District of Columbia."""

PER = 100_000
"""Cards per this many residents in the intensity of origin."""


# --- Parameters ---------------------------------------------------------------------------------

def check_top_n(top_n, n_states: int = N_US_STATES) -> int:
    """Return ``top_n`` as an int, or raise :class:`ParameterError` unless ``1 <= top_n <= n_states``."""
    if isinstance(top_n, bool):
        raise ParameterError(f"top_n must be a whole number from 1 to {n_states} (how many states to highlight); got {top_n!r}")
    try:
        value = int(top_n)
    except (TypeError, ValueError):
        raise ParameterError(f"top_n must be a whole number from 1 to {n_states} (how many states to highlight); "
                             f"got {top_n!r}") from None
    if value != top_n and not (isinstance(top_n, str) and top_n.strip() == str(value)):
        raise ParameterError(f"top_n must be a whole number from 1 to {n_states} (how many states to highlight); got {top_n!r}")
    if not 1 <= value <= n_states:
        raise ParameterError(f"top_n must be between 1 and {n_states} (Table 1 has {n_states} rows: "
                             f"the 50 states and the District of Columbia); got {top_n!r}")
    return value


# --- Mexicans abroad ----------------------------------------------------------------------------

def continent_shares(continents: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Each continent's printed share next to the shares its count gives.

    Columns: ``continent``, ``mexican_population``, ``printed_share`` (the printed percentage as
    a fraction), ``share_of_stated_total`` (of the printed total outside the United States),
    ``share_of_sum`` (of the five continents' own sum) and ``gap_points`` (computed share of the
    stated total minus printed share, in percentage points).
    """
    outside = stated_total(totals, "world excluding the United States")
    out = continents[["continent", "mexican_population"]].copy()
    out["printed_share"] = continents["printed_share_percent"] / 100
    out["share_of_stated_total"] = out["mexican_population"] / outside
    out["share_of_sum"] = out["mexican_population"] / out["mexican_population"].sum()
    out["gap_points"] = 100 * (out["share_of_stated_total"] - out["printed_share"])
    return out


def stated_total(totals: pd.DataFrame, measure: str) -> int:
    """One of the printed totals of Mexicans abroad in 2021 (``world`` or ``world excluding the United States``)."""
    rows = totals.loc[totals["measure"] == measure, "mexican_population"]
    if len(rows) != 1:
        raise KeyError(f"abroad_totals_2021 has no single row for {measure!r}")
    return int(rows.iloc[0])


def country_changes(top: pd.DataFrame) -> pd.DataFrame:
    """The top countries in 2021 and May 2023 side by side, with absolute and relative change.

    Rows keep the printed 2021 order; ``change`` is May 2023 minus 2021 and ``relative_change``
    that change as a fraction of 2021.
    """
    wide = top.pivot(index="country", columns="period", values="mexican_population")
    ranks = top[top["period"] == "2021"].set_index("country")["printed_rank"]
    out = pd.DataFrame({"country": wide.index, "rank_2021": ranks.reindex(wide.index).to_numpy(),
                        "y2021": wide["2021"].to_numpy(), "y2023": wide["2023-05"].to_numpy()})
    out["change"] = out["y2023"] - out["y2021"]
    out["relative_change"] = out["change"] / out["y2021"]
    return out.sort_values("rank_2021").reset_index(drop=True)


def sex_shares_table1(table: pd.DataFrame) -> dict[str, float]:
    """Men's and women's shares of the men + women counted in Table 1."""
    men, women = int(table["men"].sum()), int(table["women"].sum())
    return {"men": men / (men + women), "women": women / (men + women)}


# --- Table 1: Mexicans by US state --------------------------------------------------------------

def row_checks(table: pd.DataFrame) -> pd.DataFrame:
    """Table 1 with ``men_plus_women`` and ``difference`` (total minus men minus women) per row."""
    out = table.copy()
    out["men_plus_women"] = out["men"] + out["women"]
    out["difference"] = out["mexican_population"] - out["men_plus_women"]
    return out


def rows_not_adding_up(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of Table 1 whose men and women do not add up to the total."""
    checked = row_checks(table)
    return checked[checked["difference"] != 0].reset_index(drop=True)


def top_states(table: pd.DataFrame, n: int, column: str = "mexican_population", name: str = "state") -> pd.DataFrame:
    """The ``n`` largest rows by ``column`` (ties keep table order), with ``share`` of the column total and ``rank``."""
    ordered = table.sort_values(column, ascending=False, kind="stable").reset_index(drop=True)
    ordered["share"] = ordered[column] / ordered[column].sum()
    ordered["rank"] = np.arange(1, len(ordered) + 1)
    return ordered.head(n)[[name, column, "share", "rank"]]


@dataclass(frozen=True)
class Concentration:
    """How concentrated counts are across units: Lorenz curve, Gini and Herfindahl-Hirschman indices."""

    lorenz_x: np.ndarray
    lorenz_y: np.ndarray
    gini: float
    hhi: float

    @property
    def effective_number(self) -> float:
        """1 / HHI: how many equal-sized units would give the same HHI."""
        return 1 / self.hhi


def concentration(values) -> Concentration:
    """Lorenz curve (units sorted from smallest to largest; starts at 0, 0), Gini and HHI of ``values``.

    Gini is computed from the sorted values ``x_1 <= ... <= x_n`` as
    ``2 * sum(i * x_i) / (n * sum(x)) - (n + 1) / n``: 0 when every unit has the same count,
    ``(n - 1) / n`` when one unit has everything. HHI is the sum of squared shares.
    """
    x = np.sort(np.asarray(values, dtype=float))
    if x.size == 0 or (x < 0).any() or x.sum() <= 0:
        raise ValueError("concentration needs non-negative values with a positive sum")
    n, total = x.size, x.sum()
    lorenz_x = np.concatenate([[0.0], np.arange(1, n + 1) / n])
    lorenz_y = np.concatenate([[0.0], np.cumsum(x) / total])
    gini = 2 * np.sum(np.arange(1, n + 1) * x) / (n * total) - (n + 1) / n
    hhi = float(np.sum((x / total) ** 2))
    return Concentration(lorenz_x, lorenz_y, float(gini), hhi)


def women_share_by_state(table: pd.DataFrame, alpha: float = 0.05, method: str = "holm") -> pd.DataFrame:
    """Women's share of the men + women in each state, with Wilson intervals and a corrected test.

    Each state's count of women is tested against the overall share of Table 1 with an exact
    two-sided binomial test; the p-values are adjusted across the states with
    ``statsmodels.stats.multitest.multipletests`` (``method``, Holm by default) and a state
    ``differs`` when its adjusted p-value is below ``alpha``. Columns: ``state``, ``n``, ``women``,
    ``share``, ``low``, ``high``, ``p_value``, ``p_adjusted``, ``differs``, ``direction``
    (``"above"``, ``"below"`` or ``""``).
    """
    from statsmodels.stats.multitest import multipletests
    from statsmodels.stats.proportion import binom_test

    from compendium.analyses.stats import proportion

    n = (table["men"] + table["women"]).astype(int)
    overall = table["women"].sum() / n.sum()
    rows = []
    for state, women, total in zip(table["state"], table["women"].astype(int), n):
        estimate = proportion(int(women), int(total), alpha=alpha)
        rows.append({"state": state, "n": int(total), "women": int(women), "share": estimate.value,
                     "low": estimate.low, "high": estimate.high,
                     "p_value": float(binom_test(int(women), int(total), prop=overall, alternative="two-sided"))})
    out = pd.DataFrame(rows)
    reject, adjusted, _, _ = multipletests(out["p_value"], alpha=alpha, method=method)
    out["p_adjusted"], out["differs"] = adjusted, reject
    out["direction"] = np.where(~reject, "", np.where(out["share"] > overall, "above", "below"))
    out.attrs["overall"] = float(overall)
    return out


# --- Table 2: Mexican state of origin -----------------------------------------------------------

def origin_intensity(origin: pd.DataFrame, states: pd.DataFrame, census: pd.DataFrame, per: int = PER) -> pd.DataFrame:
    """Table 2 joined to the census 2020 population: cards per ``per`` residents and both rankings.

    Columns: ``cve_ent``, ``name``, ``state`` (as printed in Table 2), ``mexican_population``,
    ``population`` (INEGI census 2020), ``per_100k``, ``rank_raw``, ``rank_intensity`` (1 = largest)
    and ``rank_change`` (raw rank minus intensity rank: positive means the state climbs when its
    population is taken into account). Sorted by the raw count.
    """
    joined = (origin.merge(states[["cve_ent", "name", "name_table2"]], left_on="state", right_on="name_table2",
                           how="left", validate="one_to_one")
              .merge(census[["cve_ent", "population"]], on="cve_ent", how="left", validate="one_to_one"))
    if joined["cve_ent"].isna().any() or joined["population"].isna().any():
        missing = joined.loc[joined["population"].isna(), "state"].tolist()
        raise ValueError(f"Table 2 states without a census population: {missing}")
    joined["per_100k"] = joined["mexican_population"] / joined["population"] * per
    joined["rank_raw"] = joined["mexican_population"].rank(ascending=False, method="min").astype(int)
    joined["rank_intensity"] = joined["per_100k"].rank(ascending=False, method="min").astype(int)
    joined["rank_change"] = joined["rank_raw"] - joined["rank_intensity"]
    columns = ["cve_ent", "name", "state", "mexican_population", "population", "per_100k", "rank_raw",
               "rank_intensity", "rank_change"]
    return joined.sort_values(["rank_raw", "name"])[columns].reset_index(drop=True)
