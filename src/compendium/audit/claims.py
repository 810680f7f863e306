"""The claims registry: recompute each quantitative claim of the sources and check its status.

``data/claims.csv`` lists every quantitative statement of the paper and of the INAES profile
with its printed value, a tolerance, the status the compendium registers for it and, where the
data package can derive it, the name of a function here that recomputes it. The ``recompute``
column holds ``name`` or ``name:argument`` (for example ``continent_share_percent:Africa``); the
function is called as ``name(data_dir, argument)``. When the function measures something other
than what the source prints (a share of another base), ``recomputed_as`` says what.

Statuses (:data:`STATUSES`):

``reproduced``
    the recomputation is within the tolerance of the printed value. A claim computed from other
    printed claims (a difference, a sum) names them in ``tolerance_terms``, and its tolerance
    must cover the sum of theirs: a difference of rounded counts is no more exact than they are;
``not_as_printed``
    the claim does not hold as printed (its value, or its period or label) and an audit finding
    (``audit_ids``) explains the difference; no corrected value is adopted. A claim with a
    recomputation must be *outside* its tolerance;
``corrected``
    as ``not_as_printed``, and a corrected value is adopted in ``corrections.csv``
    (``correction_ids``, each adopted by one of the claim's findings);
``confirmed_outside``, ``contradicted_outside``
    nothing in the package derives the claim, and a record of ``external/outside_evidence.csv``
    (a page with an address and a retrieval date) confirms or contradicts the printed value;
``unverifiable``
    a figure only its source can confirm: no recomputation, no outside record that settles it,
    and a note saying why.

:func:`evaluate` recomputes every claim and compares the outcome with the registered status;
:func:`check_registry` raises :class:`~compendium.data.errors.DataError` naming each claim whose
registered status no longer holds, so a data file edited under a reproduced claim fails the
tests. Recomputations reuse the chapters' own functions, so the registry and the chapters agree.
Each identity among printed numbers is checked once: the world total of Mexicans abroad is
recomputed from the United States and the rest, and the United States figure is not recomputed
back from it.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np
import pandas as pd

from compendium.data import loaders
from compendium.data import descriptor
from compendium.data.errors import DataError

STATUSES = ("reproduced", "not_as_printed", "corrected", "confirmed_outside", "contradicted_outside", "unverifiable")
"""The statuses a claim can have, in the order the book reports them."""

DOES_NOT_HOLD = ("not_as_printed", "corrected")
"""The statuses of a claim that does not hold as printed (an audit finding explains each)."""

OUTSIDE = {"confirmed": "confirmed_outside", "contradicted": "contradicted_outside"}
"""The verdicts of an outside record that settle a claim, and the status each gives it."""


# --- Recomputations ---------------------------------------------------------------------------
# Each takes the data folder and an optional argument and returns the recomputed value in the
# claim's unit. They call the chapter modules' functions wherever a chapter computes the same thing.

def world_total_from_parts(data_dir=None, _=None) -> float:
    """Mexicans abroad in 2021: the United States (2021 country list) plus the stated total outside it."""
    from compendium.analyses.diaspora import country_changes, stated_total

    changes = country_changes(loaders.load_top_countries(data_dir)).set_index("country")
    outside = stated_total(loaders.load_abroad_totals_2021(data_dir), "world excluding the United States")
    return float(changes.loc["United States", "y2021"] + outside)


def outside_us_total_from_continents(data_dir=None, _=None) -> float:
    """Mexicans outside the United States in 2021 as the sum of the five continents."""
    return float(loaders.load_abroad_by_continent_2021(data_dir)["mexican_population"].sum())


def continent_share_percent(data_dir=None, continent=None) -> float:
    """A continent's count as a percentage of the stated total outside the United States (the diaspora chapter's share)."""
    from compendium.analyses.diaspora import continent_shares

    shares = continent_shares(loaders.load_abroad_by_continent_2021(data_dir), loaders.load_abroad_totals_2021(data_dir))
    return 100 * float(shares.set_index("continent").loc[continent, "share_of_stated_total"])


def countries_in_order(data_dir=None, period=None) -> float:
    """Places of a printed country list whose printed rank equals the country's rank by its own figure."""
    top = loaders.load_top_countries(data_dir)
    rows = top[top["period"] == period]
    if rows.empty:
        raise KeyError(f"top_countries has no list for period {period!r}")
    by_value = rows["mexican_population"].rank(ascending=False, method="min").astype(int)
    return float((by_value == rows["printed_rank"]).sum())


def table1_total_corrected(data_dir=None, _=None) -> float:
    """The total column of Table 1 with corrections C01 and C02 applied."""
    return float(loaders.load_us_states_2022(data_dir, corrected=True)["mexican_population"].sum())


def _table1_row(data_dir, state) -> pd.Series:
    table = loaders.load_us_states_2022(data_dir).set_index("state")
    if state not in table.index:
        raise KeyError(f"Table 1 has no row for {state!r}")
    return table.loc[state]


def table1_men_from_row(data_dir=None, state=None) -> float:
    """A state's men in Table 1 as printed, recomputed as the row total minus the women."""
    row = _table1_row(data_dir, state)
    return float(row["mexican_population"] - row["women"])


def table1_total_from_row(data_dir=None, state=None) -> float:
    """A state's total in Table 1 as printed, recomputed as its men plus its women."""
    row = _table1_row(data_dir, state)
    return float(row["men"] + row["women"])


def table1_state_population(data_dir=None, state=None) -> float:
    """A state's total in Table 1 as printed (the text's figures are checked against the table)."""
    return float(_table1_row(data_dir, state)["mexican_population"])


def table1_state_rank(data_dir=None, state=None) -> float:
    """A state's rank among the US states by its total in Table 1 as printed (1 = most)."""
    from compendium.analyses.diaspora import top_states

    ranked = top_states(loaders.load_us_states_2022(data_dir), n=10_000).set_index("state")
    return float(ranked.loc[state, "rank"])


def table1_sex_share_percent(data_dir=None, sex=None) -> float:
    """Men's or women's percentage of the men plus women of Table 1 as printed (the diaspora chapter's split)."""
    from compendium.analyses.diaspora import sex_shares_table1

    return 100 * sex_shares_table1(loaders.load_us_states_2022(data_dir))[sex]


def enadid_difference(data_dir=None, _=None) -> float:
    """Emigrants in the later ENADID period minus the earlier one (the immigration chapter's comparison)."""
    from compendium.analyses.immigration import enadid_comparison

    return float(enadid_comparison(loaders.load_enadid_emigration(data_dir), loaders.load_stated_totals(data_dir)).difference)


def repatriations_jan_sep_2024_from_points(data_dir=None, _=None) -> float:
    """Repatriation events in January-September 2024 as the sum of the reception points (external, secondary)."""
    from compendium.analyses.returns import reception_shift

    return float(reception_shift(loaders.load_repatriations_by_reception_point(data_dir))["events_2024"].sum())


def repatriation_direction_like_for_like(data_dir=None, _=None) -> float:
    """Sign of January-September 2024 minus January-September 2023 (the paper's figures, 2023 read per C03)."""
    corrected = loaders.load_repatriations_from_us(data_dir, corrected=True)
    months = {}
    for row in corrected.itertuples(index=False):
        months[(row.period_start.year, row.period_start.month, row.period_end.month)] = int(row.events)
    if (2023, 1, 9) not in months or (2024, 1, 9) not in months:
        raise DataError(descriptor.resource_path("repatriations_from_us", data_dir),
                        "no January-September period for both 2023 (corrected) and 2024",
                        expected="the two periods the paper prints, 2023 read per correction C03")
    return float(np.sign(months[(2024, 1, 9)] - months[(2023, 1, 9)]))


def border_states_in_top3(data_dir=None, year=None) -> float:
    """How many of the paper's border states are among the three land reception points with most events in ``year``."""
    points = loaders.load_repatriations_by_reception_point(data_dir)
    land = points[points["kind"] == "land border"]
    column = f"events_jan_sep_{year}"
    if column not in land:
        raise KeyError(f"repatriations_by_reception_point has no column {column!r}")
    top3 = set(land.nlargest(3, column)["reception_point"])
    return float(len(set(loaders.load_repatriation_border_states(data_dir)["state"]) & top3))


def nodess_actor_total(data_dir=None, period=None) -> float:
    """The actors of a period as the sum of the printed actor types (the NODESS chapter's table)."""
    from compendium.analyses.nodess import actor_totals

    totals = actor_totals(data_dir).set_index("period")
    return float(totals.loc[period, "sum_of_parts"])


def nodess_regions_total(data_dir=None, _=None) -> float:
    """The NODESS of 2022-2023 as the sum of the five regions."""
    return float(loaders.load_nodess_regions_2022_2023(data_dir)["nodess"].sum())


def nodess_ecosystem_count(data_dir=None, _=None) -> float:
    """The number of NODESS ecosystems the paper lists."""
    return float(len(loaders.load_nodess_ecosystems(data_dir)))


RECOMPUTE: dict[str, Callable] = {f.__name__: f for f in (
    world_total_from_parts, outside_us_total_from_continents, continent_share_percent,
    countries_in_order, table1_total_corrected, table1_men_from_row, table1_total_from_row, table1_state_population,
    table1_state_rank, table1_sex_share_percent, enadid_difference, repatriations_jan_sep_2024_from_points,
    repatriation_direction_like_for_like, border_states_in_top3, nodess_actor_total, nodess_regions_total,
    nodess_ecosystem_count)}
"""Every recomputation a claim can name, by function name."""


# --- Evaluating the registry ------------------------------------------------------------------

def recompute(spec: str, data_dir=None) -> float:
    """Run the recomputation ``spec`` (``name`` or ``name:argument``) on the data in ``data_dir``."""
    name, _, argument = spec.partition(":")
    if name not in RECOMPUTE:
        raise KeyError(f"no recomputation named {name!r}; expected one of {', '.join(sorted(RECOMPUTE))}")
    return RECOMPUTE[name](data_dir, argument or None)


def _blank(value) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value)) or value == ""


def ids(value) -> list[str]:
    """The identifiers of a '; '-joined column (empty for a blank cell)."""
    return [] if _blank(value) else str(value).split("; ")


def outcome(registered: str, recomputed: float | None, within: bool | None, *, audits: bool = False,
            corrections: bool = False, note="", verdicts: frozenset[str] = frozenset()) -> tuple[str, str]:
    """The status the data support for one claim, and what is wrong with the registered one ('' if nothing).

    A claim with a recomputation is ``reproduced`` when within tolerance, else ``corrected`` if it
    names corrections and ``not_as_printed`` if not. A claim without one keeps a registered
    ``not_as_printed`` or ``corrected`` when a finding explains it (and, for ``corrected``, a
    correction adopts a value); otherwise the ``verdicts`` of its outside records decide:
    ``contradicted_outside`` or ``confirmed_outside`` (when records of both kinds exist, the
    registered one of the two stands); with neither it is ``unverifiable``.
    """
    settled = {OUTSIDE[v] for v in verdicts if v in OUTSIDE}
    if recomputed is not None:
        computed = "reproduced" if within else ("corrected" if corrections else "not_as_printed")
    elif registered in DOES_NOT_HOLD and audits:
        computed = "corrected" if corrections else "not_as_printed"
    elif registered in settled:
        computed = registered
    elif settled:
        computed = "contradicted_outside" if "contradicted_outside" in settled else "confirmed_outside"
    else:
        computed = "unverifiable"
    problem = ""
    if registered == "reproduced" and not within:
        problem = ("registered as reproduced, but the recomputation is outside the tolerance" if recomputed is not None
                   else "registered as reproduced, but it names no recomputation")
    elif registered in DOES_NOT_HOLD and not audits:
        problem = f"registered as {registered}, but it names no audit finding that explains it"
    elif registered == "corrected" and not corrections:
        problem = ("registered as corrected, but it names no correction adopted in corrections.csv "
                   "(register it as not_as_printed)")
    elif registered == "not_as_printed" and corrections:
        problem = "registered as not_as_printed, but it names corrections adopted for it (register it as corrected)"
    elif registered in DOES_NOT_HOLD and within:
        problem = f"registered as {registered}, but the recomputation now reproduces it (register it as reproduced)"
    elif registered == "unverifiable" and recomputed is not None:
        problem = "registered as unverifiable, but it names a recomputation (register it as reproduced or not_as_printed)"
    elif registered == "unverifiable" and _blank(note):
        problem = "registered as unverifiable without a note saying why nothing can check it"
    elif registered in OUTSIDE.values() and registered not in settled:
        verdict = next(v for v, s in OUTSIDE.items() if s == registered)
        problem = f"registered as {registered}, but no outside record with an address and a retrieval date is {verdict}"
    if not problem and computed != registered:
        problem = f"the data give the status {computed}"
    return computed, problem


def _term_problem(claim, tolerances: dict[str, float]) -> str:
    """What is wrong with the tolerance of a claim computed from other claims ('' if nothing)."""
    terms = ids(claim.tolerance_terms)
    unknown = [t for t in terms if t not in tolerances]
    if unknown:
        return f"names terms that are not claims: {', '.join(unknown)}"
    needed = sum(tolerances[t] for t in terms)
    if terms and claim.tolerance + 1e-9 < needed:
        parts = ", ".join(f"{t} \u00b1{tolerances[t]:g}" for t in terms)
        return (f"its tolerance (\u00b1{claim.tolerance:g}) does not cover the rounding of its terms "
                f"({parts}: \u00b1{needed:g} together)")
    return ""


def _correction_problem(claim, audits: list[str], adopted_by: dict[str, set[str]]) -> str:
    """What is wrong with the corrections a claim names ('' if nothing): each must exist and be adopted by one of its findings."""
    named = ids(claim.correction_ids)
    unknown = [c for c in named if c not in adopted_by]
    if unknown:
        return f"names corrections that do not exist: {', '.join(unknown)}"
    stray = [c for c in named if not adopted_by[c] & set(audits)]
    if stray:
        return f"names corrections that none of its findings ({', '.join(audits) or 'none'}) adopts: {', '.join(stray)}"
    return ""


def outside_records(data_dir=None) -> pd.DataFrame:
    """The outside evidence, with ``usable``: the record names its page by address and says when it was read."""
    records = loaders.load_outside_evidence(data_dir)
    records["usable"] = records["address"].fillna("").str.match(r"https?://") & records["date_retrieved"].notna()
    return records


def evaluate(data_dir=None, chapter: str | None = None) -> pd.DataFrame:
    """Every claim (of ``chapter`` only, if given) with its recomputed value, difference, computed status and any problem.

    Columns added to the registry: ``recomputed`` (NaN where the claim has none), ``difference``
    (recomputed minus printed), ``within`` (``|difference| <= tolerance``), ``computed_status``,
    ``problem`` ('' when the registered status holds), ``evidence_ids`` (every outside record on
    the claim) and ``outside_evidence_ids`` (those that confirm or contradict it). A recomputation that fails with an
    error is reported as a problem naming the error, not raised.
    """
    claims = loaders.load_claims(data_dir)
    tolerances = dict(zip(claims["claim_id"], claims["tolerance"]))
    evidence = outside_records(data_dir)
    if chapter is not None:  # a chapter's status box needs its own claims only: a sixth of the work
        claims = claims[claims["chapter"] == chapter]
    findings = loaders.load_audit_findings(data_dir)
    known = set(findings["finding_id"])
    adopted_by = {c: set() for c in loaders.load_corrections(data_dir)["correction_id"]}
    for finding_id, corrections in zip(findings["finding_id"], findings["correction_ids"]):
        for c in ids(corrections):
            adopted_by.setdefault(c, set()).add(finding_id)
    rows = []
    for claim in claims.itertuples(index=False):
        recomputed, error = None, ""
        if not _blank(claim.recompute):
            try:
                recomputed = float(recompute(claim.recompute, data_dir))
            except (KeyError, ValueError, DataError) as exc:
                error = f"its recomputation {claim.recompute} failed: {exc}"
        audits = ids(claim.audit_ids)
        unknown = [a for a in audits if a not in known]
        within = None if recomputed is None else bool(abs(recomputed - claim.value) <= claim.tolerance + 1e-9)
        records = evidence[evidence["claim_id"] == claim.claim_id]
        computed, problem = outcome(claim.status, recomputed, within, audits=bool(audits),
                                    corrections=bool(ids(claim.correction_ids)), note=claim.note,
                                    verdicts=frozenset(records.loc[records["usable"], "verdict"]))
        problem = (_term_problem(claim, tolerances) or _correction_problem(claim, audits, adopted_by) or problem)
        if unknown:
            problem = f"names audit findings that do not exist: {', '.join(unknown)}"
        if error:
            problem = error
        settling = records[records["usable"] & records["verdict"].isin(list(OUTSIDE))]
        rows.append({"recomputed": math.nan if recomputed is None else recomputed,
                     "difference": math.nan if recomputed is None else recomputed - claim.value,
                     "within": within, "computed_status": computed, "problem": problem,
                     "evidence_ids": "; ".join(records["evidence_id"]),
                     "outside_evidence_ids": "; ".join(settling["evidence_id"])})
    return pd.concat([claims.reset_index(drop=True), pd.DataFrame(rows)], axis=1)


def problems(evaluated: pd.DataFrame) -> list[str]:
    """One message per claim whose registered status does not hold, naming the claim, printed and recomputed values."""
    messages = []
    for row in evaluated[evaluated["problem"] != ""].itertuples(index=False):
        recomputed = "" if pd.isna(row.recomputed) else f", recomputed {row.recomputed:g}"
        messages.append(f"claim {row.claim_id} ({row.measures}; printed {row.value:g} {row.unit}{recomputed}, "
                        f"tolerance {row.tolerance:g}): {row.problem}")
    return messages


def check_registry(data_dir=None) -> pd.DataFrame:
    """Evaluate the registry; raise :class:`DataError` naming every claim whose registered status does not hold."""
    evaluated = evaluate(data_dir)
    found = problems(evaluated)
    if found:
        raise DataError(descriptor.resource_path("claims", data_dir), "; ".join(found),
                        expected="every claim reproduced within its tolerance, or not as printed with an audit finding "
                                 "(and corrected with a correction adopted), or unverifiable with a note")
    return evaluated


def status_counts(evaluated: pd.DataFrame, chapter: str | None = None) -> dict[str, int]:
    """How many claims (of ``chapter``, or all) have each computed status, in :data:`STATUSES` order."""
    rows = evaluated if chapter is None else evaluated[evaluated["chapter"] == chapter]
    counts = rows["computed_status"].value_counts()
    return {status: int(counts.get(status, 0)) for status in STATUSES}
