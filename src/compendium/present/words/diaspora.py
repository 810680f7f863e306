"""Wording of the diaspora chapter: the sentences it glues and the tables a reader sees.

``*_texts`` functions take the frames the loaders return (or those the analysis functions of
:mod:`compendium.analyses.diaspora` compute from them) and return ``{glue key: formatted string}``;
``*_frame`` functions return the chapter's tables with readable English headers;
``sortable_script`` lets readers sort a rendered table. This module imports from
:mod:`compendium.analyses` and :mod:`compendium.present`.

Every function takes the edition's language (``lang="en"``) and formats through
:func:`compendium.present.i18n.formats`: words from the catalogue (``f._``), names of countries,
states and occupations from the data through it (``f.name``), numbers as the edition writes them;
the numbers are the same in both editions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from compendium.analyses.diaspora import (N_US_STATES, PER, concentration, continent_shares, country_changes,
                                          row_checks, rows_not_adding_up, sex_shares_table1, stated_total,
                                          top_states)
from compendium.present.i18n import _, formats


# --- Mexicans abroad ----------------------------------------------------------------------------

def abroad_texts(continents, totals, top, occupations, sex_shares, table1, lang: str = "en") -> dict[str, str]:
    """Glue texts for the section on Mexicans abroad (continents, countries, occupations, sex)."""
    f = formats(lang)
    shares = continent_shares(continents, totals).set_index("continent")
    changes = country_changes(top).set_index("country")
    world, outside = stated_total(totals, "world"), stated_total(totals, "world excluding the United States")
    continent_sum = int(continents["mexican_population"].sum())
    us_2021 = int(changes.loc["United States", "y2021"])
    others = changes.drop(index="United States")
    t = {
        "world_total": f.int(world), "outside_us_total": f.int(outside), "continent_sum": f.int(continent_sum),
        "continent_gap": f.int(outside - continent_sum), "n_continents": f.int(len(continents)),
        "continent_gap_share": f.pct((outside - continent_sum) / outside),
        "printed_share_sum": f.num(continents["printed_share_percent"].sum(), 2) + f.percent,
        "world_minus_outside": f.int(world - outside), "us_2021": f.int(us_2021),
        "world_check": f._("equals") if world - outside == us_2021 else f._("does not equal"),
        "us_share_world": f.pct(us_2021 / world),
        "world_outside_ratio": f.int(world / outside),
        "outside_share_world": f.pct(outside / world),
        "others_2021_sum": f.int(others["y2021"].sum()),
        "others_2021_share_outside": f.pct(others["y2021"].sum() / outside),
        "n_other_countries": f.int(len(others)),
        "us_2023": f.int(changes.loc["United States", "y2023"]),
        "us_change": f.signed_int(changes.loc["United States", "change"]),
        "us_rel_change": f.signed_pct(changes.loc["United States", "relative_change"]),
        "unchanged_countries": f.join(f.names(others.index[others["change"] == 0].tolist())),
        "occupation_sum": f.int(occupations["share_percent"].sum()) + f.percent,
        "occupation_missing": f.int(100 - occupations["share_percent"].sum()) + f.percent,
        "n_occupations": f.int(len(occupations)),
    }
    for continent, row in shares.iterrows():
        key = continent.lower()
        t[f"{key}_pop"] = f.int(row["mexican_population"])
        t[f"{key}_printed"] = f.num(row["printed_share"] * 100, 2 if row["printed_share"] * 100 < 1 else 0) + f.percent
        t[f"{key}_share"] = f.pct(row["share_of_stated_total"], 2 if row["share_of_stated_total"] < 0.01 else 1)
    for country, key in (("Canada", "canada"), ("Spain", "spain"), ("Brazil", "brazil"), ("Argentina", "argentina"),
                         ("Germany", "germany"), ("Netherlands", "netherlands")):
        row = changes.loc[country]
        t[f"{key}_2021"], t[f"{key}_2023"] = f.int(row["y2021"]), f.int(row["y2023"])
        t[f"{key}_change"] = f.signed_int(row["change"])
        t[f"{key}_rel"] = f.signed_pct(row["relative_change"])
    t["argentina_ratio"] = f.num(changes.loc["Argentina", "y2023"] / changes.loc["Argentina", "y2021"], 2)
    sex = sex_shares.set_index(["population", "sex"])["share_percent"]
    t["abroad_women_printed"] = f.int(sex[("Mexicans in other countries", "women")]) + f.percent
    t["abroad_men_printed"] = f.int(sex[("Mexicans in other countries", "men")]) + f.percent
    t["t1_men_printed"] = f.int(sex[("Mexicans in the USA counted in Table 1", "men")]) + f.percent
    t["t1_women_printed"] = f.int(sex[("Mexicans in the USA counted in Table 1", "women")]) + f.percent
    computed = sex_shares_table1(table1)
    t["t1_men_computed"], t["t1_women_computed"] = f.pct(computed["men"]), f.pct(computed["women"])
    return t


# --- Table 1: Mexicans by US state --------------------------------------------------------------

def table1_texts(printed: pd.DataFrame, corrected: pd.DataFrame, stated: pd.DataFrame, top_n: int,
                 lang: str = "en") -> dict[str, str]:
    """Glue texts for Table 1: column sums printed and corrected, the stated totals, the largest states."""
    f = formats(lang)
    stated = stated.set_index("statement_id")["value"]
    bad = rows_not_adding_up(printed).set_index("state")
    t = {
        "t1_rows": f.int(len(printed)),
        "t1_total_printed": f.int(printed["mexican_population"].sum()),
        "t1_men_printed_sum": f.int(printed["men"].sum()),
        "t1_women_printed_sum": f.int(printed["women"].sum()),
        "t1_total_corrected": f.int(corrected["mexican_population"].sum()),
        "t1_men_corrected_sum": f.int(corrected["men"].sum()),
        "t1_women_corrected_sum": f.int(corrected["women"].sum()),
        "t1_heading": f.int(stated["us_population_size"]),
        "t1_text_total": f.int(stated["us_population_counted"]),
        "t1_heading_gap": f.int(stated["us_population_size"] - stated["us_population_counted"]),
        "t1_bad_rows": f.join(f.names(bad.index.tolist())), "t1_n_bad_rows": f.int(len(bad)),
        "corrections_applied": f.join(corrected.attrs.get("corrections", [])),
    }
    for state, key in (("Rhode Island", "ri"), ("West Virginia", "wv")):
        p, c = printed.set_index("state").loc[state], corrected.set_index("state").loc[state]
        for column, short in (("mexican_population", "total"), ("men", "men"), ("women", "women")):
            t[f"{key}_{short}"] = f.int(p[column])
            t[f"{key}_{short}_corrected"] = f.int(c[column])
        t[f"{key}_mw"] = f.int(p["men"] + p["women"])
    for rank, row in top_states(printed, 5).iterrows():
        t[f"paper_top{rank + 1}_state"] = f.name(row["state"])
        t[f"paper_top{rank + 1}_pop"] = f.int(row["mexican_population"])
    paper_top5 = top_states(printed, 5)
    t["paper_top5_share"] = f.pct(paper_top5["share"].sum())
    top = top_states(corrected, top_n)
    t["top_n"] = f.int(top_n)
    t["top_n_names"] = f.join(f.names(top["state"].tolist()))
    t["top_n_share"] = f.pct(top["share"].sum())
    t["top_n_sum"] = f.int(top["mexican_population"].sum())
    conc = concentration(corrected["mexican_population"])
    t["us_gini"], t["us_hhi"] = f.num(conc.gini, 2), f.num(conc.hhi, 3)
    t["us_effective_states"] = f.num(conc.effective_number, 1)
    half = top_states(corrected, N_US_STATES)
    t["us_states_for_half"] = f.int(int(np.searchsorted(half["share"].cumsum().to_numpy(), 0.5) + 1))
    bottom_half = concentration(corrected["mexican_population"])
    k = len(corrected) // 2
    t["us_bottom_half_n"] = f.int(k)
    t["us_bottom_half_share"] = f.pct(bottom_half.lorenz_y[k])
    counts = corrected.set_index("state")["mexican_population"]
    t["largest_smallest_ratio"] = f.int(counts.max() / counts.min())
    t["smallest_state"] = f.name(counts.idxmin())
    return t


def women_texts(shares: pd.DataFrame, alpha: float, lang: str = "en") -> dict[str, str]:
    """Glue texts for the women's share by US state."""
    f = formats(lang)
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
        "n_more_men": f.int(more_men),
        "more_men_all": f._("every state") if more_men == len(shares) else f._("{count} of the {total} states").format(
            count=f.int(more_men), total=f.int(len(shares))),
        "lowest3_names": f.join(f.names(by_share["state"].head(3).tolist())),
        "highest3_names": f.join(f.names(by_share["state"].tail(3).iloc[::-1].tolist())),
        "ca_n": f.int(ca["n"]),
        "level": f"{100 * level:.{0 if (100 * level).is_integer() else 1}f}" + f.percent,
        "alpha_text": f"{alpha:g}",
        "women_overall": f.pct(overall),
        "n_differ": f.int(shares["differs"].sum()), "n_states_tested": f.int(len(shares)),
        "n_above": f.int(len(above)), "n_below": f.int(len(below)),
        "above_names": f.join(f.names(above["state"].tolist())), "below_names": f.join(f.names(below["state"].tolist())),
        "lowest_state": f.name(extreme_low["state"]), "lowest_share": f.pct(extreme_low["share"]),
        "lowest_n": f.int(extreme_low["n"]),
        "lowest_low": f.pct(extreme_low["low"]), "lowest_high": f.pct(extreme_low["high"]),
        "highest_state": f.name(extreme_high["state"]), "highest_share": f.pct(extreme_high["share"]),
        "highest_low": f.pct(extreme_high["low"]), "highest_high": f.pct(extreme_high["high"]),
        "ca_women_share": f.pct(ca["share"]), "ca_women_low": f.pct(ca["low"]), "ca_women_high": f.pct(ca["high"]),
        "tx_women_share": f.pct(tx["share"]), "tx_women_low": f.pct(tx["low"]), "tx_women_high": f.pct(tx["high"]),
    }


# --- Table 2: Mexican state of origin -----------------------------------------------------------

def origin_texts(intensity: pd.DataFrame, corrected_table1: pd.DataFrame, top_n: int,
                 lang: str = "en") -> dict[str, str]:
    """Glue texts for Table 2 and the intensity of origin; ``top_n`` counts at most every state of ``intensity``."""
    from scipy.stats import spearmanr

    f = formats(lang)

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
        "t2_rows": f.int(len(intensity)), "t2_total": f.int(total),
        "t2_equals_t1": (f._("equals") if total == int(corrected_table1["mexican_population"].sum())
                         else f._("does not equal")),
        "mich_pop": f.int(by_name.loc["Michoacán", "mexican_population"]),
        "mich_per": f.int(by_name.loc["Michoacán", "per_100k"]),
        "gro_pop": f.int(by_name.loc["Guerrero", "mexican_population"]),
        "gro_per": f.int(by_name.loc["Guerrero", "per_100k"]),
        "oax_pop": f.int(by_name.loc["Oaxaca", "mexican_population"]),
        "jal_pop": f.int(by_name.loc["Jalisco", "mexican_population"]),
        "gto_pop": f.int(by_name.loc["Guanajuato", "mexican_population"]),
        "bcs_pop": f.int(by_name.loc["Baja California Sur", "mexican_population"]),
        "raw_top_names": f.join(f.names(raw_top["name"].tolist())),
        "raw_top_share": f.pct(raw_top["mexican_population"].sum() / total),
        "int_top_names": f.join(f.names(int_top["name"].tolist())),
        "int_first": f.name(int_top.iloc[0]["name"]), "int_first_per": f.int(int_top.iloc[0]["per_100k"]),
        "int_last": f.name(intensity.sort_values("rank_intensity").iloc[-1]["name"]),
        "int_last_per": f.int(intensity.sort_values("rank_intensity").iloc[-1]["per_100k"]),
        "national_per": f.int(national),
        "census_total": f.int(intensity["population"].sum()),
        "climb_name": f.name(climb["name"]), "climb_from": f.int(climb["rank_raw"]), "climb_to": f.int(climb["rank_intensity"]),
        "fall_name": f.name(fall["name"]), "fall_from": f.int(fall["rank_raw"]), "fall_to": f.int(fall["rank_intensity"]),
        "spearman": f.num(rho, 2), "origin_gini": f.num(conc.gini, 2),
        "zac_per": f.int(by_name.loc["Zacatecas", "per_100k"]),
        "cdmx_per": f.int(by_name.loc["Mexico City", "per_100k"]),
        "mex_per": f.int(by_name.loc["State of Mexico", "per_100k"]),
        "per": f.int(PER),
        "jal_rank": f.int(by_name.loc["Jalisco", "rank_raw"]),
        "jal_per": f.int(by_name.loc["Jalisco", "per_100k"]),
        "mex_cdmx_pop_share": f.pct(by_name.loc[["State of Mexico", "Mexico City"], "population"].sum()
                                      / intensity["population"].sum()),
    }
    return t


def cards_vs_population_texts(corrected_table1: pd.DataFrame, top: pd.DataFrame, lang: str = "en") -> dict[str, str]:
    """How the consular-ID count of Table 1 compares with the Mexican-born population in the US."""
    f = formats(lang)
    changes = country_changes(top).set_index("country")
    cards = int(corrected_table1["mexican_population"].sum())
    return {"mexicans_per_card": f.int(changes.loc["United States", "y2021"] / cards),
            "cards_share_us_2021": f.pct(cards / changes.loc["United States", "y2021"]),
            "cards_share_us_2023": f.pct(cards / changes.loc["United States", "y2023"])}


# --- Tables for the book ------------------------------------------------------------------------

def continents_frame(shares: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The continents table with readable headers (shares as fractions; format them as percentages)."""
    f = formats(lang)
    return pd.DataFrame({
        f._("Continent"): f.names(shares["continent"]), f._("Mexicans (printed)"): shares["mexican_population"],
        f._("Share as printed"): shares["printed_share"],
        f._("Share of the stated total outside the US"): shares["share_of_stated_total"],
        f._("Share of the continents' sum"): shares["share_of_sum"],
    })


def countries_frame(changes: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The top-countries table with readable headers."""
    f = formats(lang)
    return pd.DataFrame({
        f._("Printed rank (2021)"): changes["rank_2021"], f._("Country"): f.names(changes["country"]),
        f._("2021 (printed)"): changes["y2021"], f._("May 2023 (printed)"): changes["y2023"],
        f._("Change (people)"): changes["change"], f._("Change (%)"): changes["relative_change"],
    })


def occupations_frame(occupations: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The occupations as printed, with a last row for the sum of the printed shares."""
    f = formats(lang)
    occupation, share = f._("Occupation"), f._("Share as printed (%)")
    rows = pd.DataFrame({occupation: f.names(occupations["occupation"]), share: occupations["share_percent"]})
    total = pd.DataFrame({occupation: [f._("Sum of the printed shares (computed)")],
                          share: [occupations["share_percent"].sum()]})
    return pd.concat([rows, total], ignore_index=True)


def origin_frame(intensity: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Table 2 with the census population, cards per 100,000 residents and both ranks, readable headers."""
    f = formats(lang)
    return pd.DataFrame({
        f._("Mexican state (as in Table 2)"): intensity["state"],
        f._("Consular IDs (printed)"): intensity["mexican_population"],
        f._("Rank by count"): intensity["rank_raw"],
        f._("Residents 2020 (INEGI census 2020)"): intensity["population"],
        f._("IDs per 100,000 residents"): intensity["per_100k"], f._("Rank per resident"): intensity["rank_intensity"],
        f._("Places climbed"): intensity["rank_change"],
    })


def table1_frame(printed: pd.DataFrame, shares: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """Table 1 as printed, with the row check and the women's share (corrected table) for display."""
    f = formats(lang)
    checked = row_checks(printed)
    out = checked.merge(shares[["state", "share"]], on="state", how="left")
    return pd.DataFrame({
        f._("US state"): f.names(out["state"]), f._("Total (printed)"): out["mexican_population"],
        f._("Men (printed)"): out["men"], f._("Women (printed)"): out["women"],
        f._("Men + women"): out["men_plus_women"],
        f._("Total − (men + women)"): out["difference"], f._("Women's share (corrected)"): out["share"],
    })


def sortable_script(table_id: str, lang: str = "en"):
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
      th.style.cursor = "pointer"; th.title = "%s";
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
</script>""" % (table_id, table_id, _("Click to sort", lang))
    return HTML(script)
