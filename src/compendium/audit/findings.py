"""The source audit: each inconsistency of the sources, its evidence computed from the data package.

``data/audit_findings.csv`` holds one row per finding. Its text columns are templates whose
``{names}`` are filled by the finding's *evidence function* here (named in the ``evidence``
column): the function reads the package through ``data_dir``, computes every number the finding
quotes, and says whether the inconsistency is still present in the data. Nothing numeric is
typed into the findings, so re-running the audit on another copy of the data re-computes them.

The evidence functions call the chapter modules (``diaspora``, ``immigration``, ``returns``,
``nodess``) wherever a chapter computes the same quantity, so the audit and the chapters agree.
:func:`status_box` renders the short box at the top of each chapter; :func:`finding_markdown`
and :func:`registry_frame` render the audit appendix.
"""
from __future__ import annotations

import math
import re
import string
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from compendium.audit import claims as claims_module
from compendium.data import loaders
from compendium.data import descriptor
from compendium.data import paths
from compendium.data.errors import DataError
from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct

CHAPTER_TITLES = {
    "immigration": "Immigration panorama of Mexico",
    "diaspora": "The Mexican diaspora",
    "returns": "Returns of Mexicans from the United States",
    "business_models": "Business models of the social and solidarity economy",
    "nodess": "The NODESS network",
}
"""The chapters whose claims the registry assigns, with the titles the audit page uses."""


@dataclass
class Evidence:
    """What an evidence function computed: formatted values for the templates, and whether the finding holds.

    ``present`` is False when the data no longer show the inconsistency (for example a copy of
    ``data/`` in which the printed value was changed); ``table`` is an optional frame shown with
    the finding.
    """

    values: dict[str, str]
    present: bool
    table: pd.DataFrame | None = field(default=None)


def label(finding_id: str) -> str:
    """The cross-reference label of a finding on the audit page: ``A01`` -> ``audit-a01``."""
    return "audit-" + finding_id.lower()


def _and(names) -> str:
    names = list(names)
    if not names:
        return "none"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _stated(data_dir) -> pd.Series:
    return loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]


# --- Evidence functions ------------------------------------------------------------------------

def table1_rows(data_dir=None) -> Evidence:
    """A01: the rows of Table 1 whose men and women do not add up to the total."""
    from compendium.analyses.diaspora import rows_not_adding_up

    printed = loaders.load_us_states_2022(data_dir)
    corrected = loaders.load_us_states_2022(data_dir, corrected=True)
    bad = rows_not_adding_up(printed)
    p = printed.set_index("state")
    v = {"n_bad": fmt_int(len(bad)), "bad_rows": _and(bad["state"]),
         "printed_sum": fmt_int(printed["mexican_population"].sum()),
         "corrected_sum": fmt_int(corrected["mexican_population"].sum()),
         "heading": fmt_int(_stated(data_dir)["us_population_size"]),
         "table2_sum": fmt_int(loaders.load_origin_states_2022(data_dir)["mexican_population"].sum())}
    for state, key in (("Rhode Island", "ri"), ("West Virginia", "wv")):
        row = p.loc[state]
        v.update({f"{key}_total": fmt_int(row["mexican_population"]), f"{key}_men": fmt_int(row["men"]),
                  f"{key}_women": fmt_int(row["women"]), f"{key}_mw": fmt_int(row["men"] + row["women"])})
    v["ri_men_implied"] = fmt_int(p.loc["Rhode Island", "mexican_population"] - p.loc["Rhode Island", "women"])
    table = pd.DataFrame({"US state": bad["state"], "Total (printed)": bad["mexican_population"],
                          "Men (printed)": bad["men"], "Women (printed)": bad["women"],
                          "Men + women": bad["men_plus_women"], "Total − (men + women)": bad["difference"]})
    return Evidence(v, len(bad) > 0, table)


def table1_text_total(data_dir=None) -> Evidence:
    """A02: the text's total of Table 1 against the heading's."""
    stated = _stated(data_dir)
    printed = loaders.load_us_states_2022(data_dir)
    corrected = loaders.load_us_states_2022(data_dir, corrected=True).set_index("state")
    wv = printed.set_index("state").loc["West Virginia"]
    text_total, heading = int(stated["us_population_counted"]), int(stated["us_population_size"])
    v = {"text_total": fmt_int(text_total), "heading": fmt_int(heading),
         "printed_sum": fmt_int(printed["mexican_population"].sum()), "gap": fmt_int(heading - text_total),
         "wv_gap": fmt_int(corrected.loc["West Virginia", "mexican_population"] - wv["mexican_population"])}
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
    v = {"outside": fmt_int(outside), "n_continents": fmt_int(len(continents)), "continent_sum": fmt_int(total),
         "gap": fmt_int(outside - total), "gap_share": fmt_pct((outside - total) / outside),
         "world": fmt_int(world), "us_2021": fmt_int(us_2021), "world_minus_us": fmt_int(world - us_2021),
         "world_check": "equals" if world - us_2021 == outside else "does not equal"}
    return Evidence(v, total != outside)


def _pct_text(value: float) -> str:
    """A percentage as the diaspora chapter shows it: two decimals below one percent, else one."""
    return fmt_pct(value / 100, 2 if value < 1 else 1)


def continent_shares(data_dir=None) -> Evidence:
    """A04: each continent's printed share against the share its count gives."""
    from compendium.analyses.diaspora import continent_shares as shares_of

    shares = shares_of(loaders.load_abroad_by_continent_2021(data_dir), loaders.load_abroad_totals_2021(data_dir))
    printed = shares["printed_share"] * 100
    computed = shares["share_of_stated_total"] * 100
    v = {"printed_share_sum": fmt_num(printed.sum(), 2) + "%"}
    for name, p, c in zip(shares["continent"], printed, computed):
        key = name.lower()
        v[f"{key}_printed"] = f"{p:g}%"
        v[f"{key}_share"] = _pct_text(c)
        v[f"{key}_factor"] = fmt_num(c / p, 1) if c / p >= 1 else fmt_num(c / p, 2)
    # Which rule turns the computed share into the printed one: rounding, cutting off the decimals, neither.
    decimals = [len(f"{p:g}".partition(".")[2]) for p in printed]  # the printed digit of each share
    rounded = [math.isclose(round(c, d), p) for c, p, d in zip(computed, printed, decimals)]
    cut = [math.isclose(math.floor(c * 10 ** d) / 10 ** d, p) for c, p, d in zip(computed, printed, decimals)]
    names = shares["continent"].tolist()
    fits = [n for n, r, c in zip(names, rounded, cut) if r or c]
    if all(rounded) or all(cut):
        rule = "Every printed share is its computed share " + ("rounded." if all(rounded) else "with the decimals cut off.")
    else:
        rule = (f"{_and(fits)} match their computed shares to the printed digit, but not under one rule: rounding gives "
                f"{_and(n for n, r in zip(names, rounded) if r)}, cutting off the decimals gives "
                f"{_and(n for n, c in zip(names, cut) if c)}.")
    v["rounding_text"] = rule
    table = pd.DataFrame({"Continent": shares["continent"], "Mexicans (printed)": shares["mexican_population"],
                          "Share as printed": [f"{p:g}%" for p in printed],
                          "Share of the stated total (computed)": [_pct_text(c) for c in computed],
                          "Difference (points)": [fmt_num(c - p, 2) for c, p in zip(computed, printed)]})
    return Evidence(v, not (all(rounded) or all(cut)), table)


def occupations(data_dir=None) -> Evidence:
    """A05: the occupational shares against the whole."""
    frame = loaders.load_occupations_abroad(data_dir)
    total = float(frame["share_percent"].sum())
    v = {"n_occupations": fmt_int(len(frame)), "occupation_sum": f"{total:g}%", "occupation_missing": f"{100 - total:g}%",
         "shares_list": _and(f"{s:g}%" for s in frame["share_percent"])}
    return Evidence(v, total != 100)


def sex_split(data_dir=None) -> Evidence:
    """A06: the two printed sex splits, and the split Table 1 gives."""
    from compendium.analyses.diaspora import sex_shares_table1

    sex = loaders.load_sex_shares(data_dir).set_index(["population", "sex"])["share_percent"]
    abroad, t1 = "Mexicans in other countries", "Mexicans in the USA counted in Table 1"
    computed = sex_shares_table1(loaders.load_us_states_2022(data_dir))
    v = {"abroad_women": f"{sex[(abroad, 'women')]:g}%", "abroad_men": f"{sex[(abroad, 'men')]:g}%",
         "t1_men_printed": f"{sex[(t1, 'men')]:g}%", "t1_women_printed": f"{sex[(t1, 'women')]:g}%",
         "t1_men_computed": fmt_pct(computed["men"]), "t1_women_computed": fmt_pct(computed["women"])}
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
    v = {"later": fmt_int(c.later), "earlier": fmt_int(c.earlier), "later_period": c.later_period,
         "earlier_period": c.earlier_period, "stated": fmt_int(c.stated_difference), "computed": fmt_int(c.difference),
         "discrepancy": fmt_int(c.discrepancy), "later_low": fmt_int(later_low), "later_high": fmt_int(later_high),
         "diff_low": fmt_int(diff_low), "diff_high": fmt_int(diff_high), "later_implied": fmt_int(c.later_implied_by_stated)}
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
    v = {"printed": fmt_int(y23), "jan_sep_2024": fmt_int(y24), "n_land": fmt_int((points["kind"] == "land border").sum()),
         "land_sum": fmt_int(land), "match": "exactly" if land == y23 else "which differs from",
         "jan_oct": fmt_int(cp.jan_oct_2023), "above": fmt_int(cp.jan_oct_2023 - y23)}
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
    v = {"printed": fmt_int(y23), "ret_2024": fmt_int(y24), "jan_oct": fmt_int(jan_oct), "above": fmt_int(jan_oct - y23)}
    return Evidence(v, jan_oct > y23)


def projection_periods(data_dir=None) -> Evidence:
    """A10: the paper's expected rise, set on like periods."""
    from compendium.analyses.returns import read_checkpoints

    corrected = loaders.load_repatriations_from_us(data_dir, corrected=True)
    y23 = int(corrected.loc[corrected["period_start"].dt.year == 2023, "events"].iloc[0])
    y24 = int(corrected.loc[corrected["period_start"].dt.year == 2024, "events"].iloc[0])
    cp = read_checkpoints(loaders.load_migration_series_checkpoints(data_dir))
    change = y24 / y23 - 1
    needed = y23 - y24
    v = {"y23": fmt_int(y23), "y24": fmt_int(y24), "like_change": fmt_signed_pct(change),
         "reported_change": fmt_signed_pct(cp.reported_change_jan_sep), "jan_nov_2024": fmt_int(cp.jan_nov_2024),
         "reported_jan_nov": fmt_signed_pct(cp.reported_change_jan_nov), "needed": fmt_int(max(needed, 0)),
         "needed_months": fmt_num(max(needed, 0) / (y24 / 9), 1),
         "direction_word": "below" if change < 0 else "above" if change > 0 else "level with"}
    return Evidence(v, change < 0)


def border_order(data_dir=None) -> Evidence:
    """A11: the printed order of the border states against the rankings of the reception points."""
    printed = loaders.load_repatriation_border_states(data_dir).sort_values("printed_order")["state"].tolist()
    points = loaders.load_repatriations_by_reception_point(data_dir)
    land = points[points["kind"] == "land border"]
    order = {year: land.nlargest(len(printed), f"events_jan_sep_{year}")["reception_point"].tolist() for year in (2023, 2024)}
    v = {"printed_order": _and(printed), "order_2023": _and(order[2023]), "order_2024": _and(order[2024]),
         "match_2023": "matches" if order[2023] == printed else "does not match",
         "match_2024": "matches" if order[2024] == printed else "does not match"}
    table = land.assign(rank_2023=land["events_jan_sep_2023"].rank(ascending=False).astype(int),
                        rank_2024=land["events_jan_sep_2024"].rank(ascending=False).astype(int))
    table = pd.DataFrame({"Land reception point": table["reception_point"],
                          "Events Jan–Sep 2023": table["events_jan_sep_2023"], "Rank 2023": table["rank_2023"],
                          "Events Jan–Sep 2024": table["events_jan_sep_2024"], "Rank 2024": table["rank_2024"]})
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
    v = {"n_listed": fmt_int(len(changes)), "brazil_2021": fmt_int(changes.loc["Brazil", "y2021"]),
         "brazil_2023": fmt_int(changes.loc["Brazil", "y2023"]),
         "brazil_change": fmt_signed_pct(changes.loc["Brazil", "relative_change"]), "unchanged": _and(unchanged),
         "in_order_2021": fmt_int(in_2021), "in_order_2023": fmt_int(in_2023),
         "brazil_printed_rank": fmt_int(may.loc["Brazil", "printed_rank"])}
    present = in_2023 < len(may) or bool(unchanged) or abs(changes.loc["Brazil", "relative_change"]) > 0.5
    return Evidence(v, present)


def consular_ids(data_dir=None) -> Evidence:
    """A13: the heading's 'population size' against the Mexicans the paper gives for the United States."""
    heading = int(_stated(data_dir)["us_population_size"])
    top = loaders.load_top_countries(data_dir)
    us_2021 = int(top.loc[(top["period"] == "2021") & (top["country"] == "United States"), "mexican_population"].iloc[0])
    v = {"heading": fmt_int(heading), "us_2021": fmt_int(us_2021), "share": fmt_pct(heading / us_2021)}
    return Evidence(v, heading < us_2021)


def nodess_themes(data_dir=None) -> Evidence:
    """A14: a priority theme that starts in lower case, as the second half of a phrase split at a comma."""
    themes = loaders.load_nodess_priority_themes(data_dir).sort_values("printed_order").reset_index(drop=True)
    split = themes.index[themes["theme"].str[:1].str.islower()].tolist()
    ecosystems = loaders.load_nodess_ecosystems(data_dir)
    v = {"n_themes": fmt_int(len(themes)), "n_merged": fmt_int(len(themes) - len(split))}
    if split:
        b = split[0]
        a = b - 1
        v.update({"pos_a": fmt_int(themes.loc[a, "printed_order"]), "pos_b": fmt_int(themes.loc[b, "printed_order"]),
                  "theme_a": themes.loc[a, "theme"], "theme_b": themes.loc[b, "theme"]})
        first = themes.loc[a, "theme"].lower().split()[0]
        doubled = ecosystems[ecosystems["ecosystem"].str.lower().str.count(first) >= 2]
        row = doubled.iloc[0] if len(doubled) else ecosystems.iloc[-1]
        v.update({"eco_numeral": row["numeral"], "eco_name": row["ecosystem"]})
    else:
        v.update({k: "none" for k in ("pos_a", "pos_b", "theme_a", "theme_b", "eco_numeral", "eco_name")})
    return Evidence(v, bool(split))


def nodess_jump(data_dir=None) -> Evidence:
    """A15: the last step of the NODESS count against the one before (the NODESS chapter's growth table)."""
    from compendium.analyses.nodess import growth_table

    growth = growth_table(loaders.load_nodess_counts(data_dir))
    last, before = growth.iloc[-1], growth.iloc[-2]
    v = {"from_count": fmt_int(last["from_count"]), "to_count": fmt_int(last["to_count"]),
         "ratio": fmt_num(last["ratio"], 1), "months_longest": fmt_int(round(last["years_longest"] * 12)),
         "annual": fmt_pct(last["annual_nominal"], 0), "prev_pct": fmt_pct(before["pct_change"], 0)}
    return Evidence(v, last["ratio"] > 2 * before["ratio"])


def osse_spelling(data_dir=None) -> Evidence:
    """A16: the spellings of OSSE in the two sources."""
    usages = loaders.load_audit_osse_spellings(data_dir)
    listed = loaders.load_abbreviations(data_dir)
    in_list = [a for a in listed["abbreviation"] if a in set(usages["spelling"])]
    paper = usages[usages["document"] == "paper"]
    inaes = usages[usages["document"] == "inaes_profile"]
    per = paper.groupby("spelling", sort=False).agg(n=("occurrences", "sum"), lines=("text_line", list),
                                                    sections=("section", lambda s: list(dict.fromkeys(s))))
    parts = [f"{s} {fmt_int(r.n)} time{'s' if r.n != 1 else ''} ({_and(r.sections)}, line{'s' if len(r.lines) > 1 else ''} "
             f"{_and(fmt_int(x) for x in r.lines)})" for s, r in per.iterrows()]
    v = {"spellings": _and(per.index), "usage_text": "The paper writes " + "; ".join(parts) + ".",
         "listed": _and(in_list) if in_list else "none of them", "inaes_spellings": _and(dict.fromkeys(inaes["spelling"]))}
    return Evidence(v, len(per) > 1)


EVIDENCE = {f.__name__: f for f in (
    table1_rows, table1_text_total, continents_sum, continent_shares, occupations, sex_split, enadid,
    repatriation_period, returns_period, projection_periods, border_order, country_lists, consular_ids,
    nodess_themes, nodess_jump, osse_spelling)}
"""Every evidence function a finding can name, by function name."""

TEMPLATE_COLUMNS = ("printed", "computed", "explanation", "correction_note", "effects")
"""The columns of ``audit_findings.csv`` whose text is a template filled from the evidence."""


# --- Findings -----------------------------------------------------------------------------------

@dataclass
class Finding:
    """One finding with its templates filled from the data, its corrections and the claims it concerns."""

    finding_id: str
    title: str
    kind: str
    chapters: list[str]
    location: str
    texts: dict[str, str]
    corrections: pd.DataFrame
    claims: pd.DataFrame
    evidence: Evidence

    @property
    def label(self) -> str:
        """Cross-reference label on the audit page."""
        return label(self.finding_id)


def fill(template: str, values: dict[str, str], where: str) -> str:
    """``template`` with its ``{names}`` replaced from ``values``; a name without a value raises DataError."""
    names = [n for _, n, _, _ in string.Formatter().parse(template) if n]
    missing = [n for n in names if n not in values]
    if missing:
        raise DataError(where, f"the template names values its evidence function does not compute: {', '.join(missing)}",
                        expected="one of " + ", ".join(sorted(values)))
    return template.format_map(values)


def findings(data_dir=None, evaluated: pd.DataFrame | None = None) -> list[Finding]:
    """Every finding of ``audit_findings.csv`` with its evidence computed from ``data_dir``."""
    rows = loaders.load_audit_findings(data_dir)
    corrections = loaders.load_corrections(data_dir)
    evaluated = claims_module.evaluate(data_dir) if evaluated is None else evaluated
    path = descriptor.resource_path("audit_findings", data_dir)
    out = []
    for number, row in enumerate(rows.itertuples(index=False), 1):
        if row.evidence not in EVIDENCE:
            raise DataError(path, "names an evidence function compendium.audit.findings does not have", row=number,
                            column="evidence", value=row.evidence, expected="one of " + ", ".join(sorted(EVIDENCE)))
        evidence = EVIDENCE[row.evidence](data_dir)
        texts = {c: fill(getattr(row, c), evidence.values, f"{path}, finding {row.finding_id}, column '{c}'")
                 for c in TEMPLATE_COLUMNS}
        ids = [] if claims_module._blank(row.correction_ids) else row.correction_ids.split("; ")
        unknown = [i for i in ids if i not in set(corrections["correction_id"])]
        if unknown:
            raise DataError(path, f"finding {row.finding_id} names corrections not in corrections.csv", row=number,
                            column="correction_ids", value=", ".join(unknown))
        related = evaluated[evaluated["audit_ids"].fillna("").str.split("; ").map(lambda ids_: row.finding_id in ids_)]
        out.append(Finding(row.finding_id, row.title, row.kind, row.chapters.split("; "), row.location, texts,
                           corrections[corrections["correction_id"].isin(ids)], related, evidence))
    return out


TYPED_NUMBER = re.compile(r"(?<![\w{])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?%|\d{3,})(?![\w}])")
"""A number typed into a template: thousands separators, a percentage, or three digits or more (not a year)."""


def typed_numbers(template: str) -> list[str]:
    """Numbers typed into a finding template (years 1900-2099 and identifiers such as A01 or C03 are allowed)."""
    text = re.sub(r"\{[^}]*\}", "", template)
    return [m for m in TYPED_NUMBER.findall(text) if not re.fullmatch(r"(19|20)\d\d", m)]
