"""The source audit: each inconsistency of the sources, its evidence computed from the data package.

``data/audit_findings.csv`` holds one row per finding. Its text columns are templates whose
``{name:spec}`` placeholders name values the finding's *evidence function* here computes (the
function is named in the ``evidence`` column): the function reads the package through
``data_dir``, computes every number the finding quotes, and says whether the inconsistency is
still present in the data. Nothing numeric is typed into the findings, so re-running the audit
on another copy of the data re-computes them.

The evidence is numbers, lists of names, booleans and frames with plain column names: this
module formats and words nothing. The spec of each placeholder says how its value is shown, and
:mod:`compendium.present.audit_texts` fills the templates; :mod:`compendium.present.audit_pages`
renders the status boxes and the audit appendix.

The evidence functions call the analysis modules (``diaspora``, ``immigration``, ``returns``,
``nodess``) wherever a chapter computes the same quantity, so the audit and the chapters agree.
May import :mod:`compendium.data`, :mod:`compendium.analyses` and :mod:`compendium.audit`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from compendium.audit import claims as claims_module
from compendium.audit import text_checks
from compendium.audit.evidence import Evidence
from compendium.data import loaders
from compendium.data import descriptor
from compendium.data.errors import DataError


def _stated(data_dir) -> pd.Series:
    return loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]


# --- Evidence functions ------------------------------------------------------------------------

CELLS = {"mexican_population": "total", "men": "men", "women": "women"}
"""The cells of a Table 1 row, by column, with the word the findings use for each."""


def one_digit_apart(a: int, b: int) -> bool:
    """Whether ``b`` is ``a`` with one digit added, dropped or changed: ``10`` and ``110``, ``169`` and ``69``."""
    x, y = str(a), str(b)
    if x == y or abs(len(x) - len(y)) > 1:
        return False
    if len(x) == len(y):
        return sum(p != q for p, q in zip(x, y)) == 1
    short, long = sorted((x, y), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def one_digit_repairs(printed: pd.DataFrame, corrected: pd.DataFrame, heading: int) -> pd.DataFrame:
    """Every one-digit change of a single cell that makes a row of Table 1 add up.

    One row per repair: ``state``, ``cell`` (total, men or women), ``printed`` and ``repaired``
    values, ``men_share`` of the repaired row (men over men plus women), ``keeps_heading`` (with
    this repair and the adopted corrections of the other rows, the total column and the men plus
    women both add up to the heading's population size) and ``adopted`` (the correction adopts it).
    """
    from compendium.analyses.diaspora import rows_not_adding_up

    fixed = corrected.set_index("state")
    rows = []
    for bad in rows_not_adding_up(printed).itertuples(index=False):
        total, men, women = int(bad.mexican_population), int(bad.men), int(bad.women)
        needed = {"mexican_population": men + women, "men": total - women, "women": total - men}
        for column, value in needed.items():
            current = int(getattr(bad, column))
            if value < 0 or not one_digit_apart(current, value):
                continue
            table = printed.set_index("state").copy()
            others = [s for s in rows_not_adding_up(printed)["state"] if s != bad.state]
            table.loc[others] = fixed.loc[others, table.columns]
            table.loc[bad.state, column] = value
            row = table.loc[bad.state]
            rows.append({"state": bad.state, "cell": CELLS[column], "printed": current, "repaired": value,
                         "men_share": row["men"] / (row["men"] + row["women"]),
                         "keeps_heading": bool(table["mexican_population"].sum() == heading
                                               and table["men"].sum() + table["women"].sum() == heading),
                         "adopted": bool(fixed.loc[bad.state, column] == value)})
    return pd.DataFrame(rows, columns=["state", "cell", "printed", "repaired", "men_share", "keeps_heading", "adopted"])


def table1_rows(data_dir=None) -> Evidence:
    """A01: the rows of Table 1 whose men and women do not add up, and the one-digit repairs that fit each.

    ``bad`` has a row per such state (``state``, ``total``, ``men``, ``women``, ``men_plus_women``);
    ``repairs`` is :func:`one_digit_repairs`; ``rivals`` holds each repair that fits the row and
    the heading as well as an adopted one but is not adopted, beside it (``adopted_cell``,
    ``adopted_share``) and the men's share of the corrected table (``table_share``): where the
    numbers cannot choose, plausibility does.
    """
    from compendium.analyses.diaspora import rows_not_adding_up, sex_shares_table1

    printed = loaders.load_us_states_2022(data_dir)
    corrected = loaders.load_us_states_2022(data_dir, corrected=True)
    heading = int(_stated(data_dir)["us_population_size"])
    bad = rows_not_adding_up(printed)
    repairs = one_digit_repairs(printed, corrected, heading)
    table_share = sex_shares_table1(corrected)["men"]
    rivals = []
    for state, options in repairs[repairs["keeps_heading"]].groupby("state", sort=False):
        chosen = options[options["adopted"]]
        for rival in options[~options["adopted"]].itertuples(index=False):
            if len(chosen):
                rivals.append({"state": state, "cell": rival.cell, "repaired": rival.repaired,
                               "men_share": rival.men_share, "adopted_cell": chosen["cell"].iloc[0],
                               "adopted_repaired": int(chosen["repaired"].iloc[0]),
                               "adopted_share": chosen["men_share"].iloc[0], "table_share": table_share})
    v = {"n_bad": len(bad), "one_bad": len(bad) == 1, "bad_rows": bad["state"].tolist(),
         "bad": bad.rename(columns={"mexican_population": "total"})[["state", "total", "men", "women", "men_plus_women"]],
         "repairs": repairs,
         "rivals": pd.DataFrame(rivals, columns=["state", "cell", "repaired", "men_share", "adopted_cell",
                                                 "adopted_repaired", "adopted_share", "table_share"]),
         "printed_sum": int(printed["mexican_population"].sum()),
         "corrected_sum": int(corrected["mexican_population"].sum()),
         "heading": heading,
         "table2_sum": int(loaders.load_origin_states_2022(data_dir)["mexican_population"].sum())}
    table = bad[["state", "mexican_population", "men", "women", "men_plus_women", "difference"]]
    return Evidence(v, len(bad) > 0, table)


def table1_text_total(data_dir=None) -> Evidence:
    """A02: the text's total of Table 1 against the heading's."""
    stated = _stated(data_dir)
    printed = loaders.load_us_states_2022(data_dir)
    corrected = loaders.load_us_states_2022(data_dir, corrected=True).set_index("state")
    wv = printed.set_index("state").loc["West Virginia"]
    text_total, heading = int(stated["us_population_counted"]), int(stated["us_population_size"])
    v = {"text_total": text_total, "heading": heading,
         "printed_sum": int(printed["mexican_population"].sum()), "gap": heading - text_total,
         "wv_gap": int(corrected.loc["West Virginia", "mexican_population"] - wv["mexican_population"])}
    return Evidence(v, text_total != heading)


def continents_sum(data_dir=None) -> Evidence:
    """A03: the continents against the stated total outside the United States."""
    from compendium.analyses.diaspora import stated_total

    continents = loaders.load_abroad_by_continent_2021(data_dir)
    totals = loaders.load_abroad_totals_2021(data_dir)
    world, outside = stated_total(totals, "world"), stated_total(totals, "world excluding the United States")
    top = loaders.load_top_countries(data_dir)
    us_2021 = int(top.loc[(top["period"] == "2021") & (top["country"] == "United States"), "mexican_population"].iloc[0])
    total = int(continents["mexican_population"].sum())
    v = {"outside": outside, "n_continents": len(continents), "continent_sum": total,
         "gap": outside - total, "gap_share": (outside - total) / outside,
         "world": world, "us_2021": us_2021, "world_minus_us": world - us_2021,
         "outside_fits_world": world - us_2021 == outside}
    return Evidence(v, total != outside)


def continent_shares(data_dir=None) -> Evidence:
    """A04: each continent's printed share against the share its count gives.

    Shares are fractions, except ``<continent>_printed`` and ``printed_share_sum``: the printed
    percentages as numbers in percent. ``one_rule`` says whether a single rule (``all_rounded``:
    rounding, else cutting off the decimals) turns every computed share into the printed one;
    ``fits``, ``rounded`` and ``cut`` name the continents either rule, rounding, or cutting fits.
    """
    from compendium.analyses.diaspora import continent_shares as shares_of

    shares = shares_of(loaders.load_abroad_by_continent_2021(data_dir), loaders.load_abroad_totals_2021(data_dir))
    printed = shares["printed_share"] * 100
    computed = shares["share_of_stated_total"] * 100
    v = {"printed_share_sum": float(printed.sum())}
    for name, p, c, share in zip(shares["continent"], printed, computed, shares["share_of_stated_total"]):
        key = name.lower()
        v[f"{key}_printed"] = float(p)
        v[f"{key}_share"] = float(share)
        v[f"{key}_factor"] = float(c / p)
    # Which rule turns the computed share into the printed one: rounding, cutting off the decimals, neither.
    decimals = [len(f"{p:g}".partition(".")[2]) for p in printed]  # the printed digit of each share
    rounded = [math.isclose(round(c, d), p) for c, p, d in zip(computed, printed, decimals)]
    cut = [math.isclose(math.floor(c * 10 ** d) / 10 ** d, p) for c, p, d in zip(computed, printed, decimals)]
    names = shares["continent"].tolist()
    v.update({"one_rule": all(rounded) or all(cut), "all_rounded": all(rounded),
              "fits": [n for n, r, c in zip(names, rounded, cut) if r or c],
              "rounded": [n for n, r in zip(names, rounded) if r], "cut": [n for n, c in zip(names, cut) if c]})
    table = pd.DataFrame({"continent": shares["continent"], "mexican_population": shares["mexican_population"],
                          "printed_share_percent": printed, "share_of_stated_total": shares["share_of_stated_total"],
                          "difference_points": computed - printed})
    return Evidence(v, not (all(rounded) or all(cut)), table)


def occupations(data_dir=None) -> Evidence:
    """A05: the occupational shares against the whole (shares are the printed percentages, in percent)."""
    frame = loaders.load_occupations_abroad(data_dir)
    total = float(frame["share_percent"].sum())
    v = {"n_occupations": len(frame), "occupation_sum": total, "occupation_missing": 100 - total,
         "shares": frame["share_percent"].tolist()}
    return Evidence(v, total != 100)


def sex_split(data_dir=None) -> Evidence:
    """A06: the two printed sex splits (in percent), and the split Table 1 gives (fractions)."""
    from compendium.analyses.diaspora import sex_shares_table1

    sex = loaders.load_sex_shares(data_dir).set_index(["population", "sex"])["share_percent"]
    abroad, t1 = "Mexicans in other countries", "Mexicans in the USA counted in Table 1"
    computed = sex_shares_table1(loaders.load_us_states_2022(data_dir))
    v = {"abroad_women": float(sex[(abroad, "women")]), "abroad_men": float(sex[(abroad, "men")]),
         "t1_men_printed": float(sex[(t1, "men")]), "t1_women_printed": float(sex[(t1, "women")]),
         "t1_men_computed": float(computed["men"]), "t1_women_computed": float(computed["women"])}
    # the inconsistency: the majority sex differs between the two populations
    present = (sex[(abroad, "women")] > sex[(abroad, "men")]) != (sex[(t1, "women")] > sex[(t1, "men")])
    return Evidence(v, bool(present))


def rounding_unit(value: int) -> int:
    """The unit a round number is written to: the largest power of ten below it that divides it.

    ``1_200_000`` -> ``100_000`` (written as 'one million two hundred thousand'); ``761_000`` -> ``1_000``.
    """
    unit = 1
    while value % (unit * 10) == 0 and unit * 10 < value:
        unit *= 10
    return unit


def enadid(data_dir=None) -> Evidence:
    """A07: the stated ENADID difference against the difference of its two printed terms."""
    from compendium.analyses.immigration import enadid_comparison

    c = enadid_comparison(loaders.load_enadid_emigration(data_dir), loaders.load_stated_totals(data_dir))
    later_unit, earlier_unit = rounding_unit(c.later), rounding_unit(c.earlier)
    later_low, later_high = c.later - later_unit // 2, c.later + later_unit // 2 - 1
    diff_low = later_low - (c.earlier + earlier_unit // 2 - 1 if earlier_unit > 1 else c.earlier)
    diff_high = later_high - (c.earlier - earlier_unit // 2 if earlier_unit > 1 else c.earlier)
    v = {"later": c.later, "earlier": c.earlier, "later_period": c.later_period,
         "earlier_period": c.earlier_period, "stated": c.stated_difference, "computed": c.difference,
         "discrepancy": c.discrepancy, "later_low": later_low, "later_high": later_high,
         "diff_low": diff_low, "diff_high": diff_high, "later_implied": c.later_implied_by_stated}
    return Evidence(v, c.discrepancy != 0)


def repatriation_period(data_dir=None) -> Evidence:
    """A08: the repatriations labelled 2023 against the reception points and the January-October checkpoint."""
    from compendium.analyses.returns import read_checkpoints, reception_sums

    printed = loaders.load_repatriations_from_us(data_dir)
    y23 = int(printed.loc[printed["period_start"].dt.year == 2023, "events"].iloc[0])
    y24 = int(printed.loc[printed["period_start"].dt.year == 2024, "events"].iloc[0])
    points = loaders.load_repatriations_by_reception_point(data_dir)
    land = reception_sums(points)["land_2023"]
    cp = read_checkpoints(loaders.load_migration_series_checkpoints(data_dir))
    v = {"printed": y23, "jan_sep_2024": y24, "n_land": int((points["kind"] == "land border").sum()),
         "land_sum": land, "land_matches": bool(land == y23),
         "jan_oct": cp.jan_oct_2023, "above": cp.jan_oct_2023 - y23}
    return Evidence(v, cp.jan_oct_2023 > y23 or land == y23)


def returns_period(data_dir=None) -> Evidence:
    """A09: the returns 'during 2023' against the January-October 2023 checkpoint."""
    from compendium.analyses.immigration import CHECKPOINT_SERIES, RETURNS, checkpoint

    events = loaders.load_migration_events_mexico(data_dir)
    rows = events[events["series"] == RETURNS]
    y23 = int(rows.loc[rows["period_start"].dt.year == 2023, "events"].iloc[0])
    y24 = int(rows.loc[rows["period_start"].dt.year == 2024, "events"].iloc[0])
    jan_oct = int(checkpoint(loaders.load_migration_series_checkpoints(data_dir), CHECKPOINT_SERIES[RETURNS],
                             "2023-01-01", "2023-10-31")["value"])
    v = {"printed": y23, "ret_2024": y24, "jan_oct": jan_oct, "above": jan_oct - y23}
    return Evidence(v, jan_oct > y23)


def projection_periods(data_dir=None) -> Evidence:
    """A10: the paper's expected rise, as printed and on like periods (changes are fractions).

    As printed, the expectation is that 2024 ends above the figure the paper calls 2023
    (``came_true``: January to November 2024 already did). Like for like, January to September
    2024 is set against January to September 2023 in two ways: every reception point of 2024
    against the land points of 2023 (the 2023 air points are blank), ``like_change``, and land
    against land, ``land_change``. ``months_2023`` and ``months_2024`` are the months of the two
    periods the printed expectation compares (its 2023 total read per C03, the whole of 2024).
    """
    from compendium.analyses.returns import read_checkpoints, reception_sums

    corrected = loaders.load_repatriations_from_us(data_dir, corrected=True)
    row23 = corrected.loc[corrected["period_start"].dt.year == 2023].iloc[0]
    y23 = int(row23["events"])
    row24 = corrected.loc[corrected["period_start"].dt.year == 2024].iloc[0]
    y24 = int(row24["events"])
    months_24 = int(row24["period_end"].month - row24["period_start"].month + 1)
    cp = read_checkpoints(loaders.load_migration_series_checkpoints(data_dir))
    points = loaders.load_repatriations_by_reception_point(data_dir)
    sums = reception_sums(points)
    change = y24 / y23 - 1
    land_change = sums["land_2024"] / sums["land_2023"] - 1
    needed = y23 - y24
    v = {"y23": y23, "y24": y24, "like_change": change, "land_2024": sums["land_2024"], "land_2023": sums["land_2023"],
         "land_change": land_change, "n_land": int((points["kind"] == "land border").sum()),
         "reported_change": cp.reported_change_jan_sep, "jan_nov_2024": cp.jan_nov_2024,
         "came_true": cp.jan_nov_2024 > y23,
         "reported_jan_nov": cp.reported_change_jan_nov, "needed": max(needed, 0),
         "needed_months": max(needed, 0) / (y24 / months_24), "runs_below": change < 0 and land_change < 0,
         "runs_above": change > 0 and land_change > 0,
         "months_2023": int(row23["period_end"].month - row23["period_start"].month + 1), "months_2024": 12}
    return Evidence(v, change < 0 or land_change < 0)


def border_order(data_dir=None) -> Evidence:
    """A11: the printed order of the border states against the rankings of the reception points."""
    printed = loaders.load_repatriation_border_states(data_dir).sort_values("printed_order")["state"].tolist()
    points = loaders.load_repatriations_by_reception_point(data_dir)
    land = points[points["kind"] == "land border"]
    order = {year: land.nlargest(len(printed), f"events_jan_sep_{year}")["reception_point"].tolist() for year in (2023, 2024)}
    v = {"printed_order": printed, "order_2023": order[2023], "order_2024": order[2024],
         "match_2023": order[2023] == printed, "match_2024": order[2024] == printed}
    return Evidence(v, order[2023] != printed)


def country_lists(data_dir=None) -> Evidence:
    """A12: the two country lists against each other and against their own order."""
    from compendium.analyses.diaspora import country_changes

    top = loaders.load_top_countries(data_dir)
    changes = country_changes(top).set_index("country")
    others = changes.drop(index="United States")
    unchanged = others.index[others["change"] == 0].tolist()
    in_2021 = int(claims_module.countries_in_order(data_dir, "2021"))
    in_2023 = int(claims_module.countries_in_order(data_dir, "2023-05"))
    may = top[top["period"] == "2023-05"].set_index("country")
    v = {"n_listed": len(changes), "brazil_2021": int(changes.loc["Brazil", "y2021"]),
         "brazil_2023": int(changes.loc["Brazil", "y2023"]),
         "brazil_change": float(changes.loc["Brazil", "relative_change"]), "unchanged": unchanged,
         "in_order_2021": in_2021, "in_order_2023": in_2023,
         "brazil_printed_rank": int(may.loc["Brazil", "printed_rank"])}
    present = in_2023 < len(may) or bool(unchanged) or abs(changes.loc["Brazil", "relative_change"]) > 0.5
    return Evidence(v, present)


def consular_ids(data_dir=None) -> Evidence:
    """A13: the heading's 'population size' against the Mexicans the paper gives for the United States."""
    heading = int(_stated(data_dir)["us_population_size"])
    top = loaders.load_top_countries(data_dir)
    us_2021 = int(top.loc[(top["period"] == "2021") & (top["country"] == "United States"), "mexican_population"].iloc[0])
    v = {"heading": heading, "us_2021": us_2021, "share": heading / us_2021}
    return Evidence(v, heading < us_2021)


def nodess_themes(data_dir=None) -> Evidence:
    """A14: a priority theme that starts in lower case, as the second half of a phrase split at a comma.

    Without such a theme the positions, themes and ecosystem are None.
    """
    themes = loaders.load_nodess_priority_themes(data_dir).sort_values("printed_order").reset_index(drop=True)
    split = themes.index[themes["theme"].str[:1].str.islower()].tolist()
    ecosystems = loaders.load_nodess_ecosystems(data_dir)
    v = {"n_themes": len(themes), "n_merged": len(themes) - len(split)}
    if split:
        b = split[0]
        a = b - 1
        v.update({"pos_a": int(themes.loc[a, "printed_order"]), "pos_b": int(themes.loc[b, "printed_order"]),
                  "theme_a": themes.loc[a, "theme"], "theme_b": themes.loc[b, "theme"]})
        first = themes.loc[a, "theme"].lower().split()[0]
        doubled = ecosystems[ecosystems["ecosystem"].str.lower().str.count(first) >= 2]
        row = doubled.iloc[0] if len(doubled) else ecosystems.iloc[-1]
        v.update({"eco_numeral": row["numeral"], "eco_name": row["ecosystem"]})
    else:
        v.update({k: None for k in ("pos_a", "pos_b", "theme_a", "theme_b", "eco_numeral", "eco_name")})
    return Evidence(v, bool(split))


def nodess_jump(data_dir=None) -> Evidence:
    """A15: the last step of the NODESS count against the one before (the NODESS chapter's growth table)."""
    from compendium.analyses.nodess import growth_table

    growth = growth_table(loaders.load_nodess_counts(data_dir))
    last, before = growth.iloc[-1], growth.iloc[-2]
    v = {"from_count": int(last["from_count"]), "to_count": int(last["to_count"]),
         "ratio": float(last["ratio"]), "months_longest": int(round(last["years_longest"] * 12)),
         "annual": float(last["annual_nominal"]), "prev_pct": float(before["pct_change"])}
    return Evidence(v, last["ratio"] > 2 * before["ratio"])


def osse_spelling(data_dir=None) -> Evidence:
    """A16: the spellings of OSSE in the two sources.

    ``usages`` has one row per spelling the paper uses: ``spelling``, ``n`` (occurrences),
    ``once`` (n is 1), ``sections`` and ``lines`` (the text lines) and ``one_line``.
    """
    usages = loaders.load_audit_osse_spellings(data_dir)
    listed = loaders.load_abbreviations(data_dir)
    in_list = [a for a in listed["abbreviation"] if a in set(usages["spelling"])]
    paper = usages[usages["document"] == "paper"]
    inaes = usages[usages["document"] == "inaes_profile"]
    per = paper.groupby("spelling", sort=False).agg(n=("occurrences", "sum"), lines=("text_line", list),
                                                    sections=("section", lambda s: list(dict.fromkeys(s))))
    per = per.reset_index()
    per["once"] = per["n"] == 1
    per["one_line"] = per["lines"].map(len) <= 1
    v = {"spellings": per["spelling"].tolist(), "n_spellings": len(per), "usages": per[["spelling", "n", "once", "sections", "lines", "one_line"]],
         "listed": in_list, "any_listed": bool(in_list), "inaes_spellings": list(dict.fromkeys(inaes["spelling"]))}
    return Evidence(v, len(per) > 1)


EVIDENCE = {f.__name__: f for f in (
    table1_rows, table1_text_total, continents_sum, continent_shares, occupations, sex_split, enadid,
    repatriation_period, returns_period, projection_periods, border_order, country_lists, consular_ids,
    nodess_themes, nodess_jump, osse_spelling)} | text_checks.EVIDENCE
"""Every evidence function a finding can name, by function name (those reading the text are in text_checks)."""

TEMPLATE_COLUMNS = ("title", "printed", "computed", "explanation", "correction_note", "effects")
"""The columns of ``audit_findings.csv`` whose text is a template filled from the evidence."""


# --- Findings -----------------------------------------------------------------------------------

@dataclass
class Finding:
    """One finding: its templates, the evidence that fills them, its corrections and the claims it concerns.

    ``templates`` holds the text of each :data:`TEMPLATE_COLUMNS` column as written in ``source``
    (the findings file), placeholders unfilled (the title too: a count in it follows the data);
    ``evidence_function`` names the function of :data:`EVIDENCE` that computed ``evidence``.
    """

    finding_id: str
    kind: str
    chapters: list[str]
    location: str
    templates: dict[str, str]
    corrections: pd.DataFrame
    claims: pd.DataFrame
    evidence: Evidence
    evidence_function: str
    source: str


def findings(data_dir=None, evaluated: pd.DataFrame | None = None, only: list[str] | None = None) -> list[Finding]:
    """Every finding of ``audit_findings.csv`` (those of ``only``, if given) with its evidence computed from ``data_dir``."""
    rows = loaders.load_audit_findings(data_dir)
    if only is not None:
        rows = rows[rows["finding_id"].isin(only)]
    corrections = loaders.load_corrections(data_dir)
    evaluated = claims_module.evaluate(data_dir) if evaluated is None else evaluated
    path = descriptor.resource_path("audit_findings", data_dir)
    out = []
    for number, row in zip(rows.index + 1, rows.itertuples(index=False)):
        if row.evidence not in EVIDENCE:
            raise DataError(path, "names an evidence function compendium.audit.findings does not have", row=number,
                            column="evidence", value=row.evidence, expected="one of " + ", ".join(sorted(EVIDENCE)))
        evidence = EVIDENCE[row.evidence](data_dir)
        ids = [] if claims_module._blank(row.correction_ids) else row.correction_ids.split("; ")
        unknown = [i for i in ids if i not in set(corrections["correction_id"])]
        if unknown:
            raise DataError(path, f"finding {row.finding_id} names corrections not in corrections.csv", row=number,
                            column="correction_ids", value=", ".join(unknown))
        related = evaluated[evaluated["audit_ids"].fillna("").str.split("; ").map(lambda ids_: row.finding_id in ids_)]
        out.append(Finding(row.finding_id, row.kind, row.chapters.split("; "), row.location,
                           {c: getattr(row, c) for c in TEMPLATE_COLUMNS},
                           corrections[corrections["correction_id"].isin(ids)], related, evidence, row.evidence,
                           str(path)))
    return out
