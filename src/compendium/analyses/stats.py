"""Statistics the chapters share: rates over periods, rate ratios and proportions with intervals.

Counts of events over a period are treated as Poisson counts; intervals and tests come from
statsmodels. ``alpha`` is the significance level (0.05 gives 95% intervals).
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from statsmodels.stats.proportion import proportion_confint
from statsmodels.stats.rates import confint_poisson, test_poisson_2indep

from compendium.data.errors import ParameterError


def check_alpha(alpha) -> float:
    """Return ``alpha`` as a float, or raise :class:`ParameterError` unless 0 < alpha < 0.5."""
    try:
        value = float(alpha)
    except (TypeError, ValueError):
        raise ParameterError(f"alpha must be a number between 0 and 0.5 (0.05 gives 95% intervals); got {alpha!r}") from None
    if not 0 < value < 0.5:
        raise ParameterError(f"alpha must be between 0 and 0.5 (0.05 gives 95% intervals); got {alpha!r}")
    return value


def months_in_period(start, end) -> int:
    """Whole calendar months from the first day of ``start``'s month to the end of ``end``'s month.

    ``months_in_period("2024-01-01", "2024-08-31") == 8``.
    """
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    if end < start:
        raise ValueError(f"period ends ({end.date()}) before it starts ({start.date()})")
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class Estimate:
    """A point estimate with its interval at level ``1 - alpha``."""

    value: float
    low: float
    high: float
    alpha: float

    @property
    def level(self) -> float:
        """The interval's coverage, e.g. 0.95."""
        return 1 - self.alpha


def poisson_rate(count: int, exposure: float, alpha: float = 0.05) -> Estimate:
    """Events per unit of ``exposure`` (e.g. per month) with an exact (Garwood) Poisson interval."""
    low, high = confint_poisson(count, exposure, method="exact-c", alpha=alpha)
    return Estimate(count / exposure, float(low), float(high), alpha)


def rate_ratio(count1: int, exposure1: float, count2: int, exposure2: float, alpha: float = 0.05):
    """Ratio of the rate of period 1 to the rate of period 2, its interval, and the test of ratio 1.

    Returns ``(Estimate, p_value)``. The interval and test are the score method of
    ``statsmodels.stats.rates`` for two independent Poisson counts.
    """
    from statsmodels.stats.rates import confint_poisson_2indep

    low, high = confint_poisson_2indep(count1, exposure1, count2, exposure2, method="score", compare="ratio", alpha=alpha)
    test = test_poisson_2indep(count1, exposure1, count2, exposure2, method="score", compare="ratio")
    ratio = (count1 / exposure1) / (count2 / exposure2)
    return Estimate(ratio, float(low), float(high), alpha), float(test.pvalue)


def proportion(count: int, total: int, alpha: float = 0.05) -> Estimate:
    """A proportion with its Wilson score interval."""
    low, high = proportion_confint(count, total, alpha=alpha, method="wilson")
    return Estimate(count / total, float(low), float(high), alpha)


def period_days(start, end) -> int:
    """Days in a period, both ends included."""
    return (pd.Timestamp(end) - pd.Timestamp(start)).days + 1


def months_in_periods(starts, ends) -> list[int]:
    """:func:`months_in_period` for each (start, end) pair: the ``months`` column of a table of periods."""
    return [months_in_period(start, end) for start, end in zip(starts, ends)]
