"""The Mexican diaspora: Mexicans abroad, by US state of residence and by Mexican state of origin.

Logic of the chapter ``chapters/diaspora.md``. It reproduces the paper's figures on Mexicans
abroad (by continent and country, 2021 and May 2023; occupations and sex), Table 1 (Mexicans by
US state, consular IDs issued in 2022) and Table 2 (by Mexican state of origin), checks them
against themselves, and goes further: concentration across US states (top-n share, Lorenz curve,
Gini and Herfindahl indices), women's share by US state with Wilson intervals and a Holm
correction, and cards per 100,000 residents of each Mexican state (INEGI census 2020).

Functions take the frames the loaders in :mod:`compendium.data` return and give back frames or
numbers; ``*_texts`` functions return the formatted strings the chapter glues; ``plot_*``
functions draw on a matplotlib axes the chapter passes in.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from compendium.present.formatting import fmt_signed_int  # noqa: F401 - re-exported for the chapter
from compendium.present.formatting import join_words as join_names  # noqa: F401
from compendium.data.errors import ParameterError
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct

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


def abroad_texts(continents, totals, top, occupations, sex_shares, table1) -> dict[str, str]:
    """Glue texts for the section on Mexicans abroad (continents, countries, occupations, sex)."""
    shares = continent_shares(continents, totals).set_index("continent")
    changes = country_changes(top).set_index("country")
    world, outside = stated_total(totals, "world"), stated_total(totals, "world excluding the United States")
    continent_sum = int(continents["mexican_population"].sum())
    us_2021 = int(changes.loc["United States", "y2021"])
    others = changes.drop(index="United States")
    t = {
        "world_total": fmt_int(world), "outside_us_total": fmt_int(outside), "continent_sum": fmt_int(continent_sum),
        "continent_gap": fmt_int(outside - continent_sum), "n_continents": fmt_int(len(continents)),
        "continent_gap_share": fmt_pct((outside - continent_sum) / outside),
        "printed_share_sum": fmt_num(continents["printed_share_percent"].sum(), 2) + "%",
        "world_minus_outside": fmt_int(world - outside), "us_2021": fmt_int(us_2021),
        "world_check": "equals" if world - outside == us_2021 else "does not equal",
        "us_share_world": fmt_pct(us_2021 / world),
        "world_outside_ratio": fmt_int(world / outside),
        "outside_share_world": fmt_pct(outside / world),
        "others_2021_sum": fmt_int(others["y2021"].sum()),
        "others_2021_share_outside": fmt_pct(others["y2021"].sum() / outside),
        "n_other_countries": fmt_int(len(others)),
        "us_2023": fmt_int(changes.loc["United States", "y2023"]),
        "us_change": fmt_signed_int(changes.loc["United States", "change"]),
        "us_rel_change": fmt_signed_pct(changes.loc["United States", "relative_change"]),
        "unchanged_countries": join_names(others.index[others["change"] == 0].tolist()),
        "occupation_sum": fmt_int(occupations["share_percent"].sum()) + "%",
        "occupation_missing": fmt_int(100 - occupations["share_percent"].sum()) + "%",
        "n_occupations": fmt_int(len(occupations)),
    }
    for continent, row in shares.iterrows():
        key = continent.lower()
        t[f"{key}_pop"] = fmt_int(row["mexican_population"])
        t[f"{key}_printed"] = fmt_num(row["printed_share"] * 100, 2 if row["printed_share"] * 100 < 1 else 0) + "%"
        t[f"{key}_share"] = fmt_pct(row["share_of_stated_total"], 2 if row["share_of_stated_total"] < 0.01 else 1)
    for country, key in (("Canada", "canada"), ("Spain", "spain"), ("Brazil", "brazil"), ("Argentina", "argentina"),
                         ("Germany", "germany"), ("Netherlands", "netherlands")):
        row = changes.loc[country]
        t[f"{key}_2021"], t[f"{key}_2023"] = fmt_int(row["y2021"]), fmt_int(row["y2023"])
        t[f"{key}_change"] = fmt_signed_int(row["change"])
        t[f"{key}_rel"] = fmt_signed_pct(row["relative_change"])
    t["argentina_ratio"] = fmt_num(changes.loc["Argentina", "y2023"] / changes.loc["Argentina", "y2021"], 2)
    sex = sex_shares.set_index(["population", "sex"])["share_percent"]
    t["abroad_women_printed"] = fmt_int(sex[("Mexicans in other countries", "women")]) + "%"
    t["abroad_men_printed"] = fmt_int(sex[("Mexicans in other countries", "men")]) + "%"
    t["t1_men_printed"] = fmt_int(sex[("Mexicans in the USA counted in Table 1", "men")]) + "%"
    t["t1_women_printed"] = fmt_int(sex[("Mexicans in the USA counted in Table 1", "women")]) + "%"
    computed = sex_shares_table1(table1)
    t["t1_men_computed"], t["t1_women_computed"] = fmt_pct(computed["men"]), fmt_pct(computed["women"])
    return t


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


def table1_texts(printed: pd.DataFrame, corrected: pd.DataFrame, stated: pd.DataFrame, top_n: int) -> dict[str, str]:
    """Glue texts for Table 1: column sums printed and corrected, the stated totals, the largest states."""
    stated = stated.set_index("statement_id")["value"]
    bad = rows_not_adding_up(printed).set_index("state")
    t = {
        "t1_rows": fmt_int(len(printed)),
        "t1_total_printed": fmt_int(printed["mexican_population"].sum()),
        "t1_men_printed_sum": fmt_int(printed["men"].sum()),
        "t1_women_printed_sum": fmt_int(printed["women"].sum()),
        "t1_total_corrected": fmt_int(corrected["mexican_population"].sum()),
        "t1_men_corrected_sum": fmt_int(corrected["men"].sum()),
        "t1_women_corrected_sum": fmt_int(corrected["women"].sum()),
        "t1_heading": fmt_int(stated["us_population_size"]),
        "t1_text_total": fmt_int(stated["us_population_counted"]),
        "t1_heading_gap": fmt_int(stated["us_population_size"] - stated["us_population_counted"]),
        "t1_bad_rows": join_names(bad.index.tolist()), "t1_n_bad_rows": fmt_int(len(bad)),
        "corrections_applied": join_names(corrected.attrs.get("corrections", [])),
    }
    for state, key in (("Rhode Island", "ri"), ("West Virginia", "wv")):
        p, c = printed.set_index("state").loc[state], corrected.set_index("state").loc[state]
        for column, short in (("mexican_population", "total"), ("men", "men"), ("women", "women")):
            t[f"{key}_{short}"] = fmt_int(p[column])
            t[f"{key}_{short}_corrected"] = fmt_int(c[column])
        t[f"{key}_mw"] = fmt_int(p["men"] + p["women"])
    for rank, row in top_states(printed, 5).iterrows():
        t[f"paper_top{rank + 1}_state"] = row["state"]
        t[f"paper_top{rank + 1}_pop"] = fmt_int(row["mexican_population"])
    paper_top5 = top_states(printed, 5)
    t["paper_top5_share"] = fmt_pct(paper_top5["share"].sum())
    top = top_states(corrected, top_n)
    t["top_n"] = fmt_int(top_n)
    t["top_n_names"] = join_names(top["state"].tolist())
    t["top_n_share"] = fmt_pct(top["share"].sum())
    t["top_n_sum"] = fmt_int(top["mexican_population"].sum())
    conc = concentration(corrected["mexican_population"])
    t["us_gini"], t["us_hhi"] = fmt_num(conc.gini, 2), fmt_num(conc.hhi, 3)
    t["us_effective_states"] = fmt_num(conc.effective_number, 1)
    half = top_states(corrected, N_US_STATES)
    t["us_states_for_half"] = fmt_int(int(np.searchsorted(half["share"].cumsum().to_numpy(), 0.5) + 1))
    bottom_half = concentration(corrected["mexican_population"])
    k = len(corrected) // 2
    t["us_bottom_half_n"] = fmt_int(k)
    t["us_bottom_half_share"] = fmt_pct(bottom_half.lorenz_y[k])
    counts = corrected.set_index("state")["mexican_population"]
    t["largest_smallest_ratio"] = fmt_int(counts.max() / counts.min())
    t["smallest_state"] = counts.idxmin()
    return t


def women_texts(shares: pd.DataFrame, alpha: float) -> dict[str, str]:
    """Glue texts for the women's share by US state."""
    overall = shares.attrs["overall"]
    above = shares[shares["direction"] == "above"].sort_values("share", ascending=False)
    below = shares[shares["direction"] == "below"].sort_values("share")
    extreme_low = shares.loc[shares["share"].idxmin()]
    extreme_high = shares.loc[shares["share"].idxmax()]
    ca = shares.set_index("state").loc["California"]
    tx = shares.set_index("state").loc["Texas"]
    level = 1 - alpha
    by_share = shares.sort_values("share")
    more_men = int((shares["share"] < 0.5).sum())
    return {
        "n_more_men": fmt_int(more_men),
        "more_men_all": "every state" if more_men == len(shares) else f"{more_men:,} of the {len(shares):,} states",
        "lowest3_names": join_names(by_share["state"].head(3).tolist()),
        "highest3_names": join_names(by_share["state"].tail(3).iloc[::-1].tolist()),
        "ca_n": fmt_int(ca["n"]),
        "level": f"{100 * level:.{0 if (100 * level).is_integer() else 1}f}%",
        "alpha_text": f"{alpha:g}",
        "women_overall": fmt_pct(overall),
        "n_differ": fmt_int(shares["differs"].sum()), "n_states_tested": fmt_int(len(shares)),
        "n_above": fmt_int(len(above)), "n_below": fmt_int(len(below)),
        "above_names": join_names(above["state"].tolist()), "below_names": join_names(below["state"].tolist()),
        "lowest_state": extreme_low["state"], "lowest_share": fmt_pct(extreme_low["share"]),
        "lowest_n": fmt_int(extreme_low["n"]),
        "lowest_low": fmt_pct(extreme_low["low"]), "lowest_high": fmt_pct(extreme_low["high"]),
        "highest_state": extreme_high["state"], "highest_share": fmt_pct(extreme_high["share"]),
        "highest_low": fmt_pct(extreme_high["low"]), "highest_high": fmt_pct(extreme_high["high"]),
        "ca_women_share": fmt_pct(ca["share"]), "ca_women_low": fmt_pct(ca["low"]), "ca_women_high": fmt_pct(ca["high"]),
        "tx_women_share": fmt_pct(tx["share"]), "tx_women_low": fmt_pct(tx["low"]), "tx_women_high": fmt_pct(tx["high"]),
    }


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


def origin_texts(intensity: pd.DataFrame, corrected_table1: pd.DataFrame, top_n: int) -> dict[str, str]:
    """Glue texts for Table 2 and the intensity of origin."""
    from scipy.stats import spearmanr

    by_name = intensity.set_index("name")
    total = int(intensity["mexican_population"].sum())
    raw_top = intensity.nsmallest(top_n, "rank_raw", keep="first")
    int_top = intensity.sort_values(["rank_intensity", "name"]).head(top_n)
    climb = intensity.sort_values(["rank_change", "name"], ascending=[False, True]).iloc[0]
    fall = intensity.sort_values(["rank_change", "name"], ascending=[True, True]).iloc[0]
    rho = spearmanr(intensity["mexican_population"], intensity["per_100k"]).statistic
    conc = concentration(intensity["mexican_population"])
    national = total / intensity["population"].sum() * PER
    t = {
        "t2_rows": fmt_int(len(intensity)), "t2_total": fmt_int(total),
        "t2_equals_t1": "equals" if total == int(corrected_table1["mexican_population"].sum()) else "does not equal",
        "mich_pop": fmt_int(by_name.loc["Michoacán", "mexican_population"]),
        "mich_per": fmt_int(by_name.loc["Michoacán", "per_100k"]),
        "gro_pop": fmt_int(by_name.loc["Guerrero", "mexican_population"]),
        "gro_per": fmt_int(by_name.loc["Guerrero", "per_100k"]),
        "oax_pop": fmt_int(by_name.loc["Oaxaca", "mexican_population"]),
        "jal_pop": fmt_int(by_name.loc["Jalisco", "mexican_population"]),
        "gto_pop": fmt_int(by_name.loc["Guanajuato", "mexican_population"]),
        "bcs_pop": fmt_int(by_name.loc["Baja California Sur", "mexican_population"]),
        "raw_top_names": join_names(raw_top["name"].tolist()),
        "raw_top_share": fmt_pct(raw_top["mexican_population"].sum() / total),
        "int_top_names": join_names(int_top["name"].tolist()),
        "int_first": int_top.iloc[0]["name"], "int_first_per": fmt_int(int_top.iloc[0]["per_100k"]),
        "int_last": intensity.sort_values("rank_intensity").iloc[-1]["name"],
        "int_last_per": fmt_int(intensity.sort_values("rank_intensity").iloc[-1]["per_100k"]),
        "national_per": fmt_int(national),
        "census_total": fmt_int(intensity["population"].sum()),
        "climb_name": climb["name"], "climb_from": fmt_int(climb["rank_raw"]), "climb_to": fmt_int(climb["rank_intensity"]),
        "fall_name": fall["name"], "fall_from": fmt_int(fall["rank_raw"]), "fall_to": fmt_int(fall["rank_intensity"]),
        "spearman": fmt_num(rho, 2), "origin_gini": fmt_num(conc.gini, 2),
        "zac_per": fmt_int(by_name.loc["Zacatecas", "per_100k"]),
        "cdmx_per": fmt_int(by_name.loc["Mexico City", "per_100k"]),
        "mex_per": fmt_int(by_name.loc["State of Mexico", "per_100k"]),
        "per": fmt_int(PER),
        "jal_rank": fmt_int(by_name.loc["Jalisco", "rank_raw"]),
        "jal_per": fmt_int(by_name.loc["Jalisco", "per_100k"]),
        "mex_cdmx_pop_share": fmt_pct(by_name.loc[["State of Mexico", "Mexico City"], "population"].sum()
                                      / intensity["population"].sum()),
    }
    return t


def cards_vs_population_texts(corrected_table1: pd.DataFrame, top: pd.DataFrame) -> dict[str, str]:
    """How the consular-ID count of Table 1 compares with the Mexican-born population in the US."""
    changes = country_changes(top).set_index("country")
    cards = int(corrected_table1["mexican_population"].sum())
    return {"mexicans_per_card": fmt_int(changes.loc["United States", "y2021"] / cards),
            "cards_share_us_2021": fmt_pct(cards / changes.loc["United States", "y2021"]),
            "cards_share_us_2023": fmt_pct(cards / changes.loc["United States", "y2023"])}


# --- Tables for the book ------------------------------------------------------------------------

def continents_frame(shares: pd.DataFrame) -> pd.DataFrame:
    """The continents table with readable headers (shares as fractions; format them as percentages)."""
    return pd.DataFrame({
        "Continent": shares["continent"], "Mexicans (printed)": shares["mexican_population"],
        "Share as printed": shares["printed_share"],
        "Share of the stated total outside the US": shares["share_of_stated_total"],
        "Share of the continents' sum": shares["share_of_sum"],
    })


def countries_frame(changes: pd.DataFrame) -> pd.DataFrame:
    """The top-countries table with readable headers."""
    return pd.DataFrame({
        "Printed rank (2021)": changes["rank_2021"], "Country": changes["country"],
        "2021 (printed)": changes["y2021"], "May 2023 (printed)": changes["y2023"],
        "Change (people)": changes["change"], "Change (%)": changes["relative_change"],
    })


def occupations_frame(occupations: pd.DataFrame) -> pd.DataFrame:
    """The occupations as printed, with a last row for the sum of the printed shares."""
    rows = occupations.rename(columns={"occupation": "Occupation", "share_percent": "Share as printed (%)"})
    total = pd.DataFrame({"Occupation": ["Sum of the printed shares (computed)"],
                          "Share as printed (%)": [occupations["share_percent"].sum()]})
    return pd.concat([rows, total], ignore_index=True)


def origin_frame(intensity: pd.DataFrame) -> pd.DataFrame:
    """Table 2 with the census population, cards per 100,000 residents and both ranks, readable headers."""
    return pd.DataFrame({
        "Mexican state (as in Table 2)": intensity["state"], "Consular IDs (printed)": intensity["mexican_population"],
        "Rank by count": intensity["rank_raw"],
        "Residents 2020 (INEGI census 2020)": intensity["population"],
        "IDs per 100,000 residents": intensity["per_100k"], "Rank per resident": intensity["rank_intensity"],
        "Places climbed": intensity["rank_change"],
    })


def table1_frame(printed: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """Table 1 as printed, with the row check and the women's share (corrected table) for display."""
    checked = row_checks(printed)
    out = checked.merge(shares[["state", "share"]], on="state", how="left")
    return pd.DataFrame({
        "US state": out["state"], "Total (printed)": out["mexican_population"], "Men (printed)": out["men"],
        "Women (printed)": out["women"], "Men + women": out["men_plus_women"],
        "Total − (men + women)": out["difference"], "Women's share (corrected)": out["share"],
    })


def sortable_script(table_id: str):
    """An HTML snippet that lets readers sort the table with id ``table_id`` by clicking its headers.

    Numbers are compared as numbers (thousands separators, % and the minus sign are read);
    clicking the same header again reverses the order. The page works unchanged without JavaScript.
    """
    from IPython.display import HTML

    script = """
<script>
(function () {
  function ready(fn) { if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); } }
  ready(function () {
    var table = document.getElementById("%s");
    if (!table) { var anchor = document.querySelector("[id='%s']"); table = anchor && anchor.querySelector("table"); }
    if (table && table.tagName !== "TABLE") { table = table.querySelector("table"); }
    if (!table || !table.tHead) { return; }
    var key = function (text) {
      var t = text.trim().replace(/,/g, "").replace("%%", "").replace("\\u2212", "-");
      return (t !== "" && !isNaN(t)) ? parseFloat(t) : text.trim().toLowerCase();
    };
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, col) {
      th.style.cursor = "pointer"; th.title = "Click to sort";
      th.addEventListener("click", function () {
        var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
        var asc = th.getAttribute("data-sort") !== "asc";
        rows.sort(function (a, b) {
          var x = key(a.cells[col].textContent), y = key(b.cells[col].textContent);
          if (x === y) { return 0; }
          return ((x > y) ? 1 : -1) * (asc ? 1 : -1);
        });
        Array.prototype.forEach.call(th.parentNode.cells, function (c) { c.removeAttribute("data-sort"); });
        th.setAttribute("data-sort", asc ? "asc" : "desc");
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });
})();
</script>""" % (table_id, table_id)
    return HTML(script)


# --- Figures ------------------------------------------------------------------------------------

def plot_continents(ax, shares: pd.DataFrame) -> None:
    """Printed share (paper colour) next to the computed share of the stated total (compendium colour)."""
    from compendium.present import figure_style

    order = shares.sort_values("share_of_stated_total")
    y = np.arange(len(order))
    h = 0.38
    ax.barh(y + h / 2, order["printed_share"] * 100, height=h, color=figure_style.PAPER_COLOUR, label="Share as printed")
    ax.barh(y - h / 2, order["share_of_stated_total"] * 100, height=h, color=figure_style.COMPENDIUM_COLOUR,
            label="Share computed from the printed counts")
    for yi, (p, c) in enumerate(zip(order["printed_share"] * 100, order["share_of_stated_total"] * 100)):
        ax.text(p + 0.6, yi + h / 2, f"{p:g}%", va="center", fontsize=9)
        ax.text(c + 0.6, yi - h / 2, f"{c:.2f}%" if c < 1 else f"{c:.1f}%", va="center", fontsize=9)
    ax.set_yticks(y, order["continent"])
    ax.set_xlabel("Share of the Mexicans living outside the United States, 2021 (%)")
    ax.set_xlim(0, 65)
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False)


def plot_countries(ax, changes: pd.DataFrame) -> None:
    """Dumbbells from 2021 to May 2023 for the top countries other than the United States."""
    from compendium.present import figure_style

    rows = changes[changes["country"] != "United States"].sort_values("y2021").reset_index(drop=True)
    y = np.arange(len(rows))
    for yi, row in rows.iterrows():
        ax.annotate("", xy=(row["y2023"], yi), xytext=(row["y2021"], yi),
                    arrowprops={"arrowstyle": "->", "color": figure_style.MUTED_COLOUR, "lw": 1.2,
                                "shrinkA": 4, "shrinkB": 4} if abs(row["relative_change"]) >= 0.05 else None)
    ax.scatter(rows["y2021"], y, s=46, facecolor="white", edgecolor=figure_style.PAPER_COLOUR, linewidth=1.6, zorder=3,
               label="2021 (as printed)")
    ax.scatter(rows["y2023"], y, s=46, color=figure_style.PAPER_COLOUR, zorder=4, label="May 2023 (as printed)")
    ax.set_yticks(y, rows["country"])
    ax.set_xscale("log")
    ax.set_xlim(4_000, 200_000)
    ticks = [5_000, 10_000, 20_000, 50_000, 100_000, 200_000]
    ax.set_xticks(ticks)
    figure_style.thousands(ax.xaxis)
    ax.xaxis.set_minor_formatter(__import__("matplotlib").ticker.NullFormatter())
    ax.set_xlabel("Mexicans living in the country (people, log scale)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=False)


def plot_states_bar(ax, table: pd.DataFrame, top_n: int, column: str = "mexican_population", name: str = "state",
                    xlabel: str = "") -> None:
    """Horizontal bars sorted by ``column``, the ``top_n`` largest in full paper colour, the rest lighter."""
    from compendium.present import figure_style

    order = table.sort_values(column, ascending=True, kind="stable").reset_index(drop=True)
    n = len(order)
    colours = [figure_style.PAPER_COLOUR if i >= n - top_n else figure_style.OKABE_ITO["sky"] for i in range(n)]
    ax.barh(np.arange(n), order[column], color=colours, height=0.72)
    ax.set_yticks(np.arange(n), order[name], fontsize=8.5)
    ax.set_ylim(-0.7, n - 0.3)
    ax.xaxis.set_major_locator(__import__("matplotlib").ticker.MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    figure_style.thousands(ax.xaxis)
    ax.set_xlabel(xlabel)
    ax.grid(axis="y", visible=False)
    for i in range(n - top_n, n):
        value = order.loc[i, column]
        ax.text(value + order[column].max() * 0.01, i, f"{value:,.0f}", va="center", fontsize=8.5)
    ax.set_xlim(0, order[column].max() * 1.12)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=figure_style.PAPER_COLOUR, label=f"The {top_n} largest (as printed)"),
                       Patch(color=figure_style.OKABE_ITO["sky"], label="Other states (as printed)")], loc="lower right", frameon=False)


def plot_men_women(ax, printed: pd.DataFrame, corrected: pd.DataFrame) -> None:
    """Men and women by state as a dot plot on a log axis; corrected values marked where a correction applies."""
    from compendium.present import figure_style

    order = printed.sort_values("mexican_population", ascending=True, kind="stable").reset_index(drop=True)
    y = np.arange(len(order))
    ax.hlines(y, order[["men", "women"]].min(axis=1), order[["men", "women"]].max(axis=1), color="#CCCCCC", lw=1)
    ax.scatter(order["men"], y, s=22, color=figure_style.PAPER_COLOUR, label="Men (as printed)", zorder=3)
    ax.scatter(order["women"], y, s=22, color=figure_style.OKABE_ITO["purple"], marker="D", label="Women (as printed)", zorder=3)
    fixed = corrected.set_index("state")
    for i, row in order.iterrows():
        if fixed.loc[row["state"], "men"] != row["men"]:
            ax.scatter(fixed.loc[row["state"], "men"], i, s=46, facecolor="none", edgecolor=figure_style.COMPENDIUM_COLOUR,
                       linewidth=2, zorder=4, label="Men, corrected (C01)")
    ax.set_yticks(y, order["state"], fontsize=8.5)
    ax.set_ylim(-0.7, len(order) - 0.3)
    ax.set_xscale("log")
    ax.set_xticks([1, 10, 100, 1_000, 10_000, 100_000])
    figure_style.thousands(ax.xaxis)
    ax.set_xlabel("Consular IDs issued in 2022 (people, log scale)")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower right", frameon=True, framealpha=0.95)


def plot_lorenz(ax, us: Concentration, origin: Concentration) -> None:
    """Lorenz curves of the US states of residence and the Mexican states of origin, with the line of equality."""
    from compendium.present import figure_style

    ax.plot([0, 1], [0, 1], color=figure_style.MUTED_COLOUR, lw=1, ls=":")
    ax.text(0.62, 0.66, "Every state equal", rotation=35, color=figure_style.MUTED_TEXT_COLOUR, fontsize=9, ha="center")
    ax.plot(us.lorenz_x, us.lorenz_y, color=figure_style.COMPENDIUM_COLOUR, lw=2.2,
            label=f"US states of residence (Gini {us.gini:.2f})")
    ax.plot(origin.lorenz_x, origin.lorenz_y, color=figure_style.COMPENDIUM_COLOUR, lw=2, ls="--",
            label=f"Mexican states of origin (Gini {origin.gini:.2f})")
    ax.legend(loc="upper left", frameon=False, fontsize=9)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_aspect("equal")
    pct = __import__("matplotlib").ticker.PercentFormatter(1.0)
    ax.xaxis.set_major_formatter(pct)
    ax.yaxis.set_major_formatter(pct)
    ax.set_xlabel("Share of states, smallest first (%)")
    ax.set_ylabel("Share of consular IDs (%)")


def plot_women_share(ax, shares: pd.DataFrame) -> None:
    """Women's share by state with intervals; states that differ after correction filled, the others hollow."""
    from compendium.present import figure_style

    order = shares.sort_values("share").reset_index(drop=True)
    y = np.arange(len(order))
    overall = shares.attrs["overall"]
    ax.axvline(overall * 100, color=figure_style.MUTED_COLOUR, lw=1, ls="--")
    ax.text(overall * 100, len(order) + 0.2, f" All states: {overall:.1%}", color="#555555", fontsize=9, va="bottom")
    ax.hlines(y, order["low"] * 100, order["high"] * 100, color=figure_style.COMPENDIUM_COLOUR, lw=2)
    differs = order["differs"].to_numpy()
    ax.scatter(order.loc[differs, "share"] * 100, y[differs], s=26, color=figure_style.COMPENDIUM_COLOUR, zorder=3,
               label="Differs from all states (Holm-adjusted)")
    ax.scatter(order.loc[~differs, "share"] * 100, y[~differs], s=26, facecolor="white",
               edgecolor=figure_style.COMPENDIUM_COLOUR, linewidth=2, zorder=3, label="Compatible with all states")
    labels = [f"{s} ({n:,})" for s, n in zip(order["state"], order["n"])]
    ax.set_yticks(y, labels, fontsize=8.5)
    ax.set_ylim(-0.7, len(order) + 1.2)
    ax.set_xlabel("Women among the consular IDs issued in 2022 (%), with interval")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper left", frameon=True, framealpha=0.95)


def plot_tiles(ax, tiles: pd.DataFrame, values: pd.Series, labels: pd.Series, *, cmap="mako_r", log: bool = False,
               highlight=(), colorbar_label: str = "", fig=None) -> None:
    """A tile-grid map: one square per unit at (``row``, ``col``) of ``tiles``, coloured by ``values``.

    ``tiles``, ``values`` and ``labels`` share an index (one row per unit). ``highlight`` lists
    index labels whose tiles get a thick outline. Text on a tile is white on dark colours.
    """
    import matplotlib as mpl
    import seaborn as sns

    from compendium.present import figure_style

    colormap = sns.color_palette(cmap, as_cmap=True) if isinstance(cmap, str) else cmap
    vmin, vmax = float(values.min()), float(values.max())
    norm = mpl.colors.LogNorm(vmin=vmin, vmax=vmax) if log else mpl.colors.Normalize(vmin=0, vmax=vmax)
    for key, tile in tiles.iterrows():
        colour = colormap(norm(values[key]))
        edge = figure_style.HIGHLIGHT_COLOUR if key in highlight else "white"
        ax.add_patch(mpl.patches.Rectangle((tile["col"] - 0.46, tile["row"] - 0.46), 0.92, 0.92, facecolor=colour,
                                           edgecolor=edge, linewidth=2.6 if key in highlight else 0.5,
                                           zorder=3 if key in highlight else 2))
        luminance = 0.2126 * colour[0] + 0.7152 * colour[1] + 0.0722 * colour[2]
        ax.text(tile["col"], tile["row"], labels[key], ha="center", va="center", fontsize=8.5, fontweight="bold",
                color="white" if luminance < 0.5 else "#1A1A1A", zorder=4)
    ax.set_xlim(tiles["col"].min() - 0.6, tiles["col"].max() + 0.6)
    ax.set_ylim(tiles["row"].max() + 0.6, tiles["row"].min() - 0.6)
    ax.set_aspect("equal")
    ax.axis("off")
    if fig is not None:
        mappable = mpl.cm.ScalarMappable(norm=norm, cmap=colormap)
        bar = fig.colorbar(mappable, ax=ax, orientation="horizontal", fraction=0.05, pad=0.03, shrink=0.8)
        bar.set_label(colorbar_label)
        if log:
            bar.ax.xaxis.set_major_formatter(mpl.ticker.FuncFormatter(lambda x, _: f"{x:,.0f}"))
        else:
            figure_style.thousands(bar.ax.xaxis)
