"""How the NODESS of each region compare with need: the bases, coverage ratios and the gap table.

The paper names "opportunity areas" but does not measure them. Here the NODESS of 2022-2023
per region are set against the region's share of a *basis* (census population, diaspora origin
from Table 2, or returns from the paper's share brackets): :func:`coverage` gives expected
nodes, coverage ratios with Poisson intervals and a chi-square goodness-of-fit test with
standardized residuals; :func:`gap_table` ranks the regions from the largest shortfall to the
largest surplus.

Numbers and frames only: imports from :mod:`compendium.data`, :mod:`compendium.analyses.stats`
and :mod:`compendium.analyses.nodess` (the bases and the regions as printed). Every function
takes ``data_dir`` (a copy of ``data/``) where it reads data.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps

from compendium.data import loaders
from compendium.data.errors import DataError, ParameterError
from compendium.analyses.nodess import BASES, check_basis, region_order, region_table
from compendium.analyses.stats import check_alpha, poisson_rate

RETURNS_SCENARIOS = ("low", "mid", "high")
"""Readings of the repatriation share brackets: lower bounds, midpoints, upper bounds."""


# --- Bases -----------------------------------------------------------------------------------

def returns_state_shares(data_dir=None, scenario: str = "mid") -> pd.DataFrame:
    """Share of repatriations by state of origin read from the paper's brackets, one reading per scenario.

    The paper gives only brackets for the nine states above the threshold (more than 4% of
    the returns): "above 8.1%", "between 6.1% and 8.0%", "between 4.1% and 6.0%". The
    scenario reads each bracket at its lower bound (``low``), midpoint (``mid``) or upper
    bound (``high``). The open top bracket is given the width of the others (so 8.1-10.0%):
    an assumption, not data. The share left over is spread equally over the states not listed
    (the paper says only that each is at most the threshold); a reading that would give an
    unlisted state more than the threshold, or the listed states more than 100%, is refused.
    Returns ``cve_ent, name, nodess_region, listed, share`` (shares as fractions summing to 1).
    """
    if scenario not in RETURNS_SCENARIOS:
        raise ParameterError(f"scenario must be one of {', '.join(RETURNS_SCENARIOS)}; got {scenario!r}")
    brackets = loaders.load_repatriation_origin_brackets(data_dir)
    stated = loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]
    threshold = float(stated["origin_bracket_threshold"])
    closed = brackets.dropna(subset=["share_high_percent"])
    width = float((closed["share_high_percent"] - closed["share_low_percent"]).max())
    low = brackets["share_low_percent"]
    high = brackets["share_high_percent"].fillna(low + width)
    brackets = brackets.assign(share=(low, (low + high) / 2, high)[RETURNS_SCENARIOS.index(scenario)] / 100)
    states = loaders.load_mexican_states(data_dir)
    out = states[["cve_ent", "name", "nodess_region", "name_returns"]].merge(
        brackets[["state", "share"]], left_on="name_returns", right_on="state", how="left")
    out["listed"] = out["share"].notna()
    leftover = 1 - out["share"].sum()
    n_unlisted = int((~out["listed"]).sum())
    each = leftover / n_unlisted if n_unlisted else 0.0
    if leftover < 0 or each > threshold / 100:
        raise DataError("repatriation_origin_brackets", f"the {scenario} reading of the brackets leaves "
                        f"{leftover:.1%} for {n_unlisted} unlisted states", expected=f"0-{threshold}% each")
    out["share"] = out["share"].fillna(each)
    return out[["cve_ent", "name", "nodess_region", "listed", "share"]]


def basis_by_state(basis: str, data_dir=None) -> pd.DataFrame:
    """The basis value and share of each of the 32 states: ``cve_ent, name, nodess_region, value, share``.

    ``population``: census 2020 residents (external: INEGI). ``diaspora``: Mexicans in the US by
    state of origin, Table 2 (consular IDs issued in 2022). ``returns``: the midpoint reading of
    the paper's repatriation brackets (:func:`returns_state_shares`); its ``value`` is the share
    in percent.
    """
    check_basis(basis)
    states = loaders.load_mexican_states(data_dir)
    if basis == "population":
        census = loaders.load_census2020_state_population(data_dir)
        out = states.merge(census[["cve_ent", "population"]], on="cve_ent", validate="1:1").rename(
            columns={"population": "value"})
    elif basis == "diaspora":
        table2 = loaders.load_origin_states_2022(data_dir)
        out = states.merge(table2[["state", "mexican_population"]], left_on="name_table2", right_on="state",
                           validate="1:1").rename(columns={"mexican_population": "value"})
    else:
        out = returns_state_shares(data_dir, "mid").assign(value=lambda f: 100 * f["share"])
    if len(out) != len(states):
        raise DataError(basis, f"the {basis} basis covers {len(out)} states", expected=f"all {len(states)}")
    out = out[["cve_ent", "name", "nodess_region", "value"]].copy()
    out["share"] = out["value"] / out["value"].sum()
    return out.reset_index(drop=True)


def region_shares(data_dir=None) -> pd.DataFrame:
    """Each region's share under every basis (and the low/high readings of returns), regions in printed order."""
    columns = {basis: basis_by_state(basis, data_dir).groupby("nodess_region")["share"].sum() for basis in BASES}
    for scenario in ("low", "high"):
        columns[f"returns_{scenario}"] = returns_state_shares(data_dir, scenario).groupby("nodess_region")["share"].sum()
    out = pd.DataFrame(columns).reindex(region_order(data_dir))
    out.index.name = "region"
    return out.reset_index()


# --- Coverage --------------------------------------------------------------------------------

@dataclass(frozen=True)
class GoodnessOfFit:
    """Chi-square goodness of fit of the observed NODESS per region to the basis shares."""

    basis: str
    statistic: float
    dof: int
    pvalue: float
    n: int
    min_expected: float

    def significant(self, alpha: float) -> bool:
        """True when the p-value is below ``alpha``."""
        return self.pvalue < alpha


def coverage_frame(observed: pd.Series, shares: pd.Series, alpha: float = 0.05) -> pd.DataFrame:
    """Observed nodes against nodes expected from ``shares``, by group (the index).

    ``expected = total observed x share``; ``ratio = observed / expected`` with an exact Poisson
    interval at level ``1 - alpha`` (the observed count treated as Poisson, the expected count as
    fixed); ``gap = observed - expected`` (negative: fewer nodes than proportional);
    ``pearson = gap / sqrt(expected)``; ``adjusted = gap / sqrt(expected (1 - share))``, the
    standardized residual, approximately standard normal under proportional allocation.
    """
    alpha = check_alpha(alpha)
    shares = shares.reindex(observed.index)
    if shares.isna().any() or not np.isclose(shares.sum(), 1):
        raise ValueError("shares must cover every group of observed and sum to 1")
    n = observed.sum()
    out = pd.DataFrame({"observed": observed, "share": shares, "observed_share": observed / n})
    out["expected"] = n * shares
    estimates = [poisson_rate(int(o), e, alpha) for o, e in zip(out["observed"], out["expected"])]
    out["ratio"] = [e.value for e in estimates]
    out["ratio_low"] = [e.low for e in estimates]
    out["ratio_high"] = [e.high for e in estimates]
    out["gap"] = out["observed"] - out["expected"]
    out["pearson"] = out["gap"] / np.sqrt(out["expected"])
    out["adjusted"] = out["gap"] / np.sqrt(out["expected"] * (1 - out["share"]))
    return out


def goodness_of_fit(cov: pd.DataFrame, basis: str) -> GoodnessOfFit:
    """``scipy.stats.chisquare`` of a :func:`coverage_frame`'s observed against its expected counts."""
    result = sps.chisquare(cov["observed"].to_numpy(float), cov["expected"].to_numpy(float))
    return GoodnessOfFit(basis, float(result.statistic), len(cov) - 1, float(result.pvalue),
                         int(cov["observed"].sum()), float(cov["expected"].min()))


def coverage(basis: str, data_dir=None, alpha: float = 0.05) -> tuple[pd.DataFrame, GoodnessOfFit]:
    """NODESS of 2022-2023 by region against the region's share of ``basis``: the frame and the test."""
    check_basis(basis)
    regions = region_table(data_dir).set_index("region")
    shares = basis_by_state(basis, data_dir).groupby("nodess_region")["share"].sum()
    cov = coverage_frame(regions["nodess"], shares, alpha)
    cov.index.name = "region"
    return cov, goodness_of_fit(cov, basis)


def coverage_all_bases(data_dir=None, alpha: float = 0.05) -> pd.DataFrame:
    """Coverage ratios with intervals for every basis, long form (``basis, region, ...``)."""
    frames = []
    for basis in BASES:
        cov, _ = coverage(basis, data_dir, alpha)
        frames.append(cov.reset_index().assign(basis=basis))
    return pd.concat(frames, ignore_index=True)


def states_by_weight(basis: str, data_dir=None) -> pd.Series:
    """For each region, its states ordered by their share of ``basis``, as ``"Name (share%)"`` text."""
    frame = basis_by_state(basis, data_dir)
    # A state's share of its region's basis: where the region's weight lies.
    frame["within"] = frame["share"] / frame.groupby("nodess_region")["share"].transform("sum")
    frame = frame.sort_values(["nodess_region", "within"], ascending=[True, False])
    return frame.groupby("nodess_region").apply(
        lambda g: ", ".join(f"{n} ({w:.0%})" for n, w in zip(g["name"], g["within"])), include_groups=False)


def gap_table(basis: str, data_dir=None, alpha: float = 0.05) -> pd.DataFrame:
    """Regions ranked from the largest shortfall of NODESS against ``basis`` to the largest surplus.

    Ranked by the adjusted residual (a shortfall that is large relative to what chance would give
    under proportional allocation ranks first). Each row names the region's states, heaviest in
    the basis first with their share of the region's basis, so a reader sees where within the
    region the weight lies.
    """
    cov, _ = coverage(basis, data_dir, alpha)
    out = cov.sort_values("adjusted").reset_index()
    out.insert(0, "rank", range(1, len(out) + 1))
    out["states"] = out["region"].map(states_by_weight(basis, data_dir))
    return out
