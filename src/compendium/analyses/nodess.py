"""The NODESS network: its actors, its growth, its regions, and how its nodes compare with need.

The paper (Lara-Escamilla et al., 2024, section "Opportunity areas, an analysis by states")
prints counts: actors promoting the social and solidarity economy (SSE) by type in two periods,
NODESS at three dates, the NODESS of 2022-2023 by region, and the priority themes and the eight
ecosystems with their lines of work. This module rebuilds those counts from the data package and
goes further:

* :func:`actor_mix_test` - did the mix of actor types change between the two periods
  (chi-square test of homogeneity, adjusted residuals);
* :func:`growth_table` - the network's growth between the printed counts, with the periods;
* :func:`coverage` and :func:`gap_table` - NODESS per region against the region's share of a
  *basis* (census population, diaspora origin from Table 2, or returns from the paper's share
  brackets): expected nodes, coverage ratios with Poisson intervals, a chi-square goodness-of-fit
  test with standardized residuals, and a ranked table of the largest gaps;
* :func:`theme_crosswalk` and :func:`search_catalogue` - the themes and lines of work as
  structured, searchable tables.

Every function takes ``data_dir`` (a copy of ``data/``) where it reads data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats as sps
from statsmodels.stats.contingency_tables import Table

from compendium.present.formatting import level_text  # noqa: F401 - re-exported for the chapter
from compendium.data import loaders
from compendium.data.errors import DataError, ParameterError
from compendium.analyses.stats import check_alpha, poisson_rate

BASES = ("population", "diaspora", "returns")
"""The bases against which NODESS per region can be compared."""

BASIS_LABELS = {
    "population": "census 2020 population (external: INEGI)",
    "diaspora": "Mexicans in the US by state of origin (Table 2, consular IDs 2022)",
    "returns": "repatriations by state of origin (the paper's share brackets, midpoints)",
}
"""How each basis is named in tables and figures."""

RETURNS_SCENARIOS = ("low", "mid", "high")
"""Readings of the repatriation share brackets: lower bounds, midpoints, upper bounds."""

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


# --- Formatted results for the chapter's prose -----------------------------------------------




def p_text(p: float) -> str:
    """A p-value as text with its relation: ``'p = 0.487'`` or ``'p < 0.001'``."""
    return "p < 0.001" if p < 0.001 else f"p = {p:.3f}"


def z_critical(alpha: float) -> float:
    """The two-sided standard-normal critical value for ``alpha`` (1.96 for 0.05)."""
    return float(sps.norm.ppf(1 - check_alpha(alpha) / 2))


def approximation_text(min_expected: float) -> str:
    """Whether a chi-square approximation is trustworthy, by the usual rule of expected counts of at least 5."""
    return "large enough for the chi-square approximation" if min_expected >= 5 else \
        "below 5, so the chi-square approximation is doubtful"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def actor_texts(data_dir=None, alpha: float = 0.05) -> dict[str, str]:
    """Glue-ready strings for the actors section: counts by type and period, totals, the mix test."""
    from compendium.present.formatting import fmt_int, fmt_num, fmt_pct, fmt_signed_pct

    wide = actor_table(data_dir)
    totals = actor_totals(data_dir)
    first, second = wide.columns
    out = {}
    for period in wide.columns:
        tag = period.replace("-", "_")
        out[f"actors_total_{tag}"] = fmt_int(wide[period].sum())
        for actor, count in wide[period].items():
            out[f"actors_{_slug(actor)}_{tag}"] = fmt_int(count)
            out[f"actors_{_slug(actor)}_{tag}_share"] = fmt_pct(count / wide[period].sum())
    out["actors_totals_check"] = ("add up exactly to the totals the paper prints" if totals["agrees"].all() else
                                  "do not add up to the totals the paper prints: " + "; ".join(
                                      f"{r.period}: parts {r.sum_of_parts:,}, printed {r.stated_total:,}"
                                      for r in totals.itertuples()))
    change = wide[second].sum() - wide[first].sum()
    out["actors_change"] = fmt_int(abs(change))
    out["actors_change_direction"] = "fewer" if change < 0 else "more"
    out["actors_change_pct"] = fmt_signed_pct(change / wide[first].sum())
    test = actor_mix_test(data_dir)
    out["mix_chi2"] = fmt_num(test.statistic, 2)
    out["mix_df"] = fmt_int(test.dof)
    out["mix_p"] = p_text(test.pvalue)
    out["mix_v"] = fmt_num(test.cramers_v, 2)
    out["mix_min_expected"] = fmt_num(test.min_expected, 1)
    out["mix_verdict"] = ("is statistically significant" if test.significant(alpha) else "is not statistically significant")
    resid = test.adjusted_residuals[second]
    largest = resid.abs().idxmax()
    out["mix_largest_type"] = largest
    out["mix_largest_resid"] = fmt_num(abs(resid[largest]), 2)
    out["mix_largest_direction"] = "rose" if resid[largest] > 0 else "fell"
    out["z_crit"] = fmt_num(z_critical(alpha), 2)
    out["mix_largest_resid_band"] = "inside" if abs(resid[largest]) < z_critical(alpha) else "outside"
    out["mix_approx"] = approximation_text(test.min_expected)
    out["alpha_text"] = f"{100 * alpha:g}%"
    out["level"] = level_text(alpha)
    return out


def growth_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings for the growth section: the counts, the changes and the annualised rates."""
    from compendium.present.formatting import fmt_int, fmt_num, fmt_pct

    counts = loaders.load_nodess_counts(data_dir)
    nodes = counts[counts["status"] == "NODESS"].reset_index(drop=True)
    pre = counts[counts["status"] != "NODESS"]
    growth = growth_table(counts)
    out = {f"nodess_{i + 1}": fmt_int(c) for i, c in enumerate(nodes["count"])}
    out["n_counts"] = fmt_int(len(nodes))
    out["nodess_latest_label"] = nodes["period_as_printed"].iloc[-1]
    out["prenodess"] = fmt_int(pre["count"].sum())
    out["nodes_plus_pre"] = fmt_int(nodes["count"].iloc[-1] + pre["count"].sum())
    for i, step in enumerate(growth.itertuples(), 1):
        out[f"growth{i}_change"] = fmt_int(step.change)
        out[f"growth{i}_pct"] = fmt_pct(step.pct_change)
        out[f"growth{i}_ratio"] = fmt_num(step.ratio, 1)
        out[f"growth{i}_years"] = fmt_num(step.years_nominal, 1)
        out[f"growth{i}_annual"] = fmt_pct(step.annual_nominal, 0)
        out[f"growth{i}_months_shortest"] = fmt_int(round(step.years_shortest * 12))
        out[f"growth{i}_months_longest"] = fmt_int(round(step.years_longest * 12))
        out[f"growth{i}_annual_if_longest"] = fmt_pct(step.annual_if_longest, 0)
        out[f"growth{i}_annual_if_shortest"] = ("" if pd.isna(step.annual_if_shortest)
                                               else fmt_pct(step.annual_if_shortest, 0))
    return out


def region_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings for the regions section."""
    from compendium.present.formatting import fmt_int, fmt_pct

    regions = region_table(data_dir)
    out = {"n_regions": fmt_int(len(regions)), "region_total": fmt_int(check_region_total(data_dir)),
           "n_states": fmt_int(regions["n_states"].sum())}
    for r in regions.itertuples():
        out[f"region_{_slug(r.region)}"] = fmt_int(r.nodess)
        out[f"region_{_slug(r.region)}_share"] = fmt_pct(r.share)
        out[f"region_{_slug(r.region)}_states"] = fmt_int(r.n_states)
    top = regions.loc[regions["nodess"].idxmax()]
    out["region_top"], out["region_top_share"] = top["region"], fmt_pct(top["share"])
    return out


def _names(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def returns_texts(data_dir=None) -> dict[str, str]:
    """Glue-ready strings describing how the ``returns`` basis is built from the brackets."""
    from compendium.present.formatting import fmt_int, fmt_pct

    brackets = loaders.load_repatriation_origin_brackets(data_dir)
    stated = loaders.load_stated_totals(data_dir).set_index("statement_id")["value"]
    out = {"returns_n_listed": fmt_int(len(brackets)),
           "returns_threshold": f"{float(stated['origin_bracket_threshold']):g}%",
           "returns_base": fmt_int(stated["origin_bracket_base"])}
    for scenario in RETURNS_SCENARIOS:
        shares = returns_state_shares(data_dir, scenario)
        out[f"returns_listed_{scenario}"] = fmt_pct(shares.loc[shares["listed"], "share"].sum())
        out[f"returns_each_unlisted_{scenario}"] = fmt_pct(shares.loc[~shares["listed"], "share"].iloc[0])
        out["returns_n_unlisted"] = fmt_int((~shares["listed"]).sum())
        out[f"returns_unlisted_{scenario}"] = fmt_pct(shares.loc[~shares["listed"], "share"].sum())
    closed = brackets.dropna(subset=["share_high_percent"])
    width = float((closed["share_high_percent"] - closed["share_low_percent"]).max())
    top = brackets[brackets["share_high_percent"].isna()]
    out["returns_open_low"] = f"{top['share_low_percent'].iloc[0]:.1f}%"
    out["returns_open_high"] = f"{top['share_low_percent'].iloc[0] + width:.1f}%"
    out["returns_open_states"] = _names(top["state"])
    return out


def coverage_texts(basis: str, data_dir=None, alpha: float = 0.05) -> dict[str, str]:
    """Glue-ready strings for the coverage section under ``basis`` (and the comparison of all bases)."""
    from compendium.present.formatting import fmt_num, fmt_pct

    cov, gof = coverage(basis, data_dir, alpha)
    gaps = gap_table(basis, data_dir, alpha)
    weights = basis_by_state(basis, data_dir)
    out = {"basis": basis, "basis_label": BASIS_LABELS[basis],
           "gof_chi2": fmt_num(gof.statistic, 1), "gof_df": str(gof.dof), "gof_p": p_text(gof.pvalue),
           "gof_min_expected": fmt_num(gof.min_expected, 1), "gof_approx": approximation_text(gof.min_expected),
           "gof_verdict": "rejects" if gof.significant(alpha) else "does not reject"}
    for end, row in (("short", gaps.iloc[0]), ("surplus", gaps.iloc[-1])):
        region_states = weights[weights["nodess_region"] == row["region"]].sort_values("share", ascending=False)
        out.update({
            f"{end}_region": row["region"], f"{end}_observed": str(int(row["observed"])),
            f"{end}_expected": fmt_num(row["expected"], 1), f"{end}_ratio": fmt_num(row["ratio"], 2),
            f"{end}_ratio_low": fmt_num(row["ratio_low"], 2), f"{end}_ratio_high": fmt_num(row["ratio_high"], 2),
            f"{end}_gap": fmt_num(abs(row["gap"]), 1),
            f"{end}_adjusted": fmt_num(row["adjusted"], 2).replace("-", "\u2212"),
            f"{end}_share": fmt_pct(row["share"]), f"{end}_observed_share": fmt_pct(row["observed_share"]),
            f"{end}_top_states": _names(region_states["name"].head(2)),
        })
    biggest = cov["gap"].idxmin()
    out["largest_absolute_gap_region"] = biggest
    out["largest_absolute_gap"] = fmt_num(abs(cov.loc[biggest, "gap"]), 1)
    unusual = cov["adjusted"].abs().idxmax()
    out["most_unusual_region"] = unusual
    out["most_unusual_direction"] = "more" if cov.loc[unusual, "gap"] > 0 else "fewer"
    n_short = int((cov["ratio_high"] < 1).sum())
    out["n_regions_short_ci"] = str(n_short)
    for other in BASES:
        other_cov, other_gof = coverage(other, data_dir, alpha)
        out[f"gof_chi2_{other}"] = fmt_num(other_gof.statistic, 1)
        out[f"gof_p_{other}"] = p_text(other_gof.pvalue)
        out[f"gof_verdict_{other}"] = "rejects" if other_gof.significant(alpha) else "does not reject"
        for region, row in other_cov.iterrows():
            out[f"ratio_{_slug(region)}_{other}"] = fmt_num(row["ratio"], 2)
    return out


def catalogue_texts(data_dir=None, term: str = "cooperative") -> dict[str, str]:
    """Glue-ready strings for the themes and ecosystems section."""
    from compendium.present.formatting import fmt_int

    themes = loaders.load_nodess_priority_themes(data_dir)
    crosswalk = theme_crosswalk(data_dir)
    ecosystems = ecosystem_table(data_dir)
    largest = ecosystems.loc[ecosystems["n_lines"].idxmax()]
    smallest = ecosystems.loc[ecosystems["n_lines"].idxmin()]
    hits = search_catalogue(term, data_dir)
    sixth, seventh = themes.sort_values("printed_order")["theme"].iloc[[5, 6]]
    return {
        "n_themes": fmt_int(len(themes)), "n_themes_merged": fmt_int(len(themes) - 1),
        "theme_6": sixth, "theme_7": seventh,
        "n_ecosystems": fmt_int(len(ecosystems)), "n_lines": fmt_int(ecosystems["n_lines"].sum()),
        "largest_ecosystem": f"{largest['numeral']} ({largest['ecosystem']})", "largest_lines": fmt_int(largest["n_lines"]),
        "smallest_ecosystem": f"{smallest['numeral']} ({smallest['ecosystem']})",
        "smallest_lines": fmt_int(smallest["n_lines"]),
        "n_themes_matched": fmt_int(crosswalk["matched"].sum()),
        "n_themes_unmatched": fmt_int((~crosswalk["matched"]).sum()),
        "themes_unmatched": _names(crosswalk.loc[~crosswalk["matched"], "theme"]),
        "search_term": term, "search_hits": fmt_int(len(hits)),
        "search_lines": fmt_int((hits["kind"] == "line of work").sum()),
        "search_ecosystems": fmt_int(hits.loc[hits["kind"] == "line of work", "ecosystem"].nunique()),
    }


# --- Figures ---------------------------------------------------------------------------------

def plot_actors(data_dir=None):
    """Grouped horizontal bars: actors by type in the two periods, as printed."""
    import matplotlib.pyplot as plt

    from compendium.present.figure_style import OKABE_ITO, PAPER_COLOUR, thousands

    wide = actor_table(data_dir).iloc[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    y = np.arange(len(wide))
    height = 0.38
    for offset, (period, colour) in zip((height / 2, -height / 2), zip(wide.columns, (PAPER_COLOUR, OKABE_ITO["sky"]))):
        bars = ax.barh(y + offset, wide[period], height=height, color=colour, label=period)
        ax.bar_label(bars, labels=[f"{v:,}" for v in wide[period]], padding=3, fontsize=9)
    ax.set_yticks(y, wide.index)
    ax.set_xlabel("Actors promoting the SSE (number)")
    ax.set_xlim(0, wide.to_numpy().max() * 1.15)
    thousands(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.legend(title="Period", frameon=False, loc="lower right")
    return fig


def plot_counts(data_dir=None):
    """Bars of the NODESS counts at the three printed dates, with the pre-NODESS stacked on the last."""
    import matplotlib.pyplot as plt

    from compendium.present.figure_style import PAPER_COLOUR, thousands

    counts = loaders.load_nodess_counts(data_dir)
    nodes = counts[counts["status"] == "NODESS"].reset_index(drop=True)
    labels = {"2022": "2021\u20132022", "2023": "2022\u20132023"}
    names = [labels.get(a, pd.Timestamp(a).strftime("September %Y")) for a in nodes["as_of"]]
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    bars = ax.bar(names, nodes["count"], color=PAPER_COLOUR, width=0.6, label="NODESS")
    ax.bar_label(bars, labels=[f"{v:,}" for v in nodes["count"]], label_type="center", color="white", fontsize=10)
    pre = counts[counts["status"] != "NODESS"]
    for row in pre.itertuples():
        position = names[int(np.flatnonzero(nodes["as_of"] == row.as_of)[0])]
        base = int(nodes.loc[nodes["as_of"] == row.as_of, "count"].iloc[0])
        stacked = ax.bar([position], [row.count], bottom=[base], width=0.6, color="white", edgecolor=PAPER_COLOUR,
                         hatch="///", label=f"{row.status} (not yet nodes)")
        ax.bar_label(stacked, labels=[f"{row.count:,}"], label_type="center", fontsize=10,
                     bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
    ax.set_ylabel("Nodes (number)")
    ax.set_xlabel("Period or date of the count, as printed")
    thousands(ax.yaxis)
    ax.grid(axis="x", visible=False)
    ax.legend(frameon=False, loc="upper left")
    return fig


def plot_regions(basis: str, data_dir=None, alpha: float = 0.05):
    """NODESS by region as printed (bars) with the number expected under ``basis`` (markers)."""
    import matplotlib.pyplot as plt

    from compendium.present.figure_style import COMPENDIUM_COLOUR, PAPER_COLOUR, thousands

    cov, _ = coverage(basis, data_dir, alpha)
    cov = cov.iloc[::-1]
    regions = region_table(data_dir).set_index("region")
    fig, ax = plt.subplots(figsize=(7.5, 4.0))
    y = np.arange(len(cov))
    bars = ax.barh(y, cov["observed"], color=PAPER_COLOUR, height=0.6, label="NODESS, 2022\u20132023 (as printed)")
    for yi, value in zip(y, cov["observed"]):
        ax.text(0.4, yi, f"{value:,}", ha="left", va="center", color="white", fontsize=9, fontweight="bold")
    ax.scatter(cov["expected"], y, marker="D", s=55, color=COMPENDIUM_COLOUR, edgecolor="black", linewidth=0.6,
               zorder=3, label=f"Expected in proportion to {BASIS_LABELS[basis]}")
    ax.set_yticks(y, [f"{r}\n({regions.loc[r, 'n_states']} states)" for r in cov.index])
    ax.set_xlabel("NODESS (number)")
    ax.set_xlim(0, max(cov["observed"].max(), cov["expected"].max()) * 1.08)
    thousands(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=9)
    return fig


def plot_coverage(basis: str, data_dir=None, alpha: float = 0.05):
    """Coverage ratios with their intervals, by region, for every basis; the chosen basis drawn solid."""
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FixedLocator, NullLocator

    from compendium.present.figure_style import COMPENDIUM_COLOUR, EXTERNAL_COLOUR, PAPER_COLOUR

    colours = {"population": EXTERNAL_COLOUR, "diaspora": PAPER_COLOUR, "returns": COMPENDIUM_COLOUR}
    names = {"population": "Census population (INEGI, external)", "diaspora": "Diaspora origin (Table 2)",
             "returns": "Returns (bracket midpoints, assumed)"}
    frame = coverage_all_bases(data_dir, alpha)
    order = region_order(data_dir)[::-1]
    fig, ax = plt.subplots(figsize=(7.5, 4.8))
    for k, b in enumerate(BASES):
        part = frame[frame["basis"] == b].set_index("region").loc[order]
        y = np.arange(len(order)) + (1 - k) * 0.22
        chosen = b == basis
        ax.errorbar(part["ratio"], y, xerr=[part["ratio"] - part["ratio_low"], part["ratio_high"] - part["ratio"]],
                    fmt="o", color=colours[b], markersize=7 if chosen else 5, elinewidth=2.2 if chosen else 1.1,
                    markerfacecolor=colours[b] if chosen else "white", capsize=0,
                    label=names[b] + (" \u2014 chosen" if chosen else ""))
    ax.axvline(1, color="black", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    ticks = [0.25, 0.5, 1, 2, 4]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    ax.set_xticklabels([f"{t:g}" for t in ticks])
    ax.set_xlim(0.2, 4)
    ax.set_yticks(np.arange(len(order)), order)
    ax.set_xlabel(f"Coverage ratio: NODESS \u00f7 expected NODESS (log scale; bars: {level_text(alpha)} interval)")
    ax.grid(axis="y", visible=False)
    ax.text(0.95, 1.0, "\u2190 fewer nodes than proportional", transform=ax.get_xaxis_transform(), ha="right",
            va="bottom", fontsize=9)
    ax.text(1.05, 1.0, "more nodes than proportional \u2192", transform=ax.get_xaxis_transform(), ha="left",
            va="bottom", fontsize=9)
    ax.legend(frameon=False, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=1, fontsize=9)
    return fig
