"""Wording of the diaspora chapter: the sentences it glues and the tables a reader sees.

``*_texts`` functions take the frames the loaders return (or those the analysis functions of
:mod:`compendium.analyses.diaspora` compute from them) and return ``{glue key: formatted string}``;
``*_frame`` functions return the chapter's tables with readable English headers;
``sortable_script`` lets readers sort a rendered table. This module imports from
:mod:`compendium.analyses` and :mod:`compendium.present`.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from compendium.analyses.diaspora import (N_US_STATES, PER, concentration, continent_shares, country_changes,
                                          row_checks, rows_not_adding_up, sex_shares_table1, stated_total,
                                          top_states)
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_int, fmt_signed_pct, join_words


# --- Mexicans abroad ----------------------------------------------------------------------------

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
        "unchanged_countries": join_words(others.index[others["change"] == 0].tolist()),
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
        "t1_bad_rows": join_words(bad.index.tolist()), "t1_n_bad_rows": fmt_int(len(bad)),
        "corrections_applied": join_words(corrected.attrs.get("corrections", [])),
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
    t["top_n_names"] = join_words(top["state"].tolist())
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
        "lowest3_names": join_words(by_share["state"].head(3).tolist()),
        "highest3_names": join_words(by_share["state"].tail(3).iloc[::-1].tolist()),
        "ca_n": fmt_int(ca["n"]),
        "level": f"{100 * level:.{0 if (100 * level).is_integer() else 1}f}%",
        "alpha_text": f"{alpha:g}",
        "women_overall": fmt_pct(overall),
        "n_differ": fmt_int(shares["differs"].sum()), "n_states_tested": fmt_int(len(shares)),
        "n_above": fmt_int(len(above)), "n_below": fmt_int(len(below)),
        "above_names": join_words(above["state"].tolist()), "below_names": join_words(below["state"].tolist()),
        "lowest_state": extreme_low["state"], "lowest_share": fmt_pct(extreme_low["share"]),
        "lowest_n": fmt_int(extreme_low["n"]),
        "lowest_low": fmt_pct(extreme_low["low"]), "lowest_high": fmt_pct(extreme_low["high"]),
        "highest_state": extreme_high["state"], "highest_share": fmt_pct(extreme_high["share"]),
        "highest_low": fmt_pct(extreme_high["low"]), "highest_high": fmt_pct(extreme_high["high"]),
        "ca_women_share": fmt_pct(ca["share"]), "ca_women_low": fmt_pct(ca["low"]), "ca_women_high": fmt_pct(ca["high"]),
        "tx_women_share": fmt_pct(tx["share"]), "tx_women_low": fmt_pct(tx["low"]), "tx_women_high": fmt_pct(tx["high"]),
    }


# --- Table 2: Mexican state of origin -----------------------------------------------------------

def origin_texts(intensity: pd.DataFrame, corrected_table1: pd.DataFrame, top_n: int) -> dict[str, str]:
    """Glue texts for Table 2 and the intensity of origin; ``top_n`` counts at most every state of ``intensity``."""
    from scipy.stats import spearmanr

    top_n = min(top_n, len(intensity))  # top_n may go up to Table 1's 51 rows; Mexico has 32 states
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
        "raw_top_names": join_words(raw_top["name"].tolist()),
        "raw_top_share": fmt_pct(raw_top["mexican_population"].sum() / total),
        "int_top_names": join_words(int_top["name"].tolist()),
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
