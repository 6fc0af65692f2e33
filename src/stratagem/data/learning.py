"""Learning curve of a missile program: failure probability falling with the tests flown.

The Duane / power-law reliability-growth form used by ``stratagem.mechanisms.missile_program``
(docs/decisions.md D13): the ``n``-th test (``n = 0, 1, ...`` tests flown before it) fails with
probability::

    f_n = f0 * (1 + n)^-b,      0 < f0 <= 1,  b >= 0

fitted by Bernoulli maximum likelihood to a sequence of test outcomes.

Data: the CNS North Korea missile test database (``shared/data/nk_missile_tests/
nk_missile_tests_flat.csv``). :func:`long_range_sequence` extracts the IRBM, ICBM and satellite
launches (SLV) between 2013-04-01 and 2017-11-30: 18 launches, from the Unha-3 of 2016-02-07 to
the Hwasong-15 of 2017-11-28, with 10 failures among the first 12 and one outcome the CNS codes
``unknown`` (Hwasong-12, 2017-08-28). The fit on that record gives ``f0 = 0.75``, ``b = 0.13``
(log-likelihood -11.2). The values set by eye in D13, ``f0 = 0.8``, ``b = 0.5``, have
log-likelihood -14.4 (likelihood-ratio statistic 6.3 on 2 degrees of freedom, p = 0.04): the
record's failures cluster in the middle (Musudan 2016, early Hwasong-12 2017) rather than at the
start, so a smooth power law in the count of tests learns slowly. With the IRBM/ICBM launches only
(no SLV) the MLE is on the bound ``f0 = 1`` with ``b = 0.27``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize

__all__ = [
    "LONG_RANGE_TYPES",
    "FailureCurveFit",
    "failure_curve_log_likelihood",
    "failure_probability",
    "fit_failure_curve",
    "long_range_sequence",
]

LONG_RANGE_TYPES = ("IRBM", "ICBM", "SLV")
"""CNS missile types counted as long-range tests (satellite launchers share the ICBM stages)."""

_FloatArray = NDArray[np.float64]
_TINY = 1e-12


def failure_probability(n: ArrayLike, f0: float, b: float) -> _FloatArray:
    """Failure probability ``f0 * (1 + n)^-b`` of a test after ``n`` earlier tests.

    Examples
    --------
    >>> failure_probability([0, 3, 15], 0.8, 0.5).tolist()
    [0.8, 0.4, 0.2]
    """
    out: _FloatArray = f0 * np.power(1.0 + np.asarray(n, dtype=np.float64), -b)
    return out


def _outcomes(outcomes: ArrayLike) -> _FloatArray:
    y = np.asarray(outcomes, dtype=np.float64)
    if y.ndim != 1:
        raise ValueError("outcomes must be one-dimensional")
    known = y[~np.isnan(y)]
    if np.any((known != 0.0) & (known != 1.0)):
        raise ValueError("outcomes must be 1 (failure), 0 (success) or NaN (unknown)")
    return y


def failure_curve_log_likelihood(outcomes: ArrayLike, f0: float, b: float) -> float:
    """Bernoulli log-likelihood of ``outcomes`` under the power-law curve.

    Parameters
    ----------
    outcomes : array_like
        One entry per test in flight order: 1 failure, 0 success, NaN unknown. An unknown test
        counts in ``n`` (it was flown) but not in the likelihood.
    f0, b : float
        Curve parameters.

    Returns
    -------
    float
        Log-likelihood (natural log).

    Examples
    --------
    >>> round(failure_curve_log_likelihood([1, 0], 0.5, 0.0), 4)  # 2 log(0.5)
    -1.3863
    """
    y = _outcomes(outcomes)
    known = ~np.isnan(y)
    f = np.clip(failure_probability(np.flatnonzero(known), f0, b), _TINY, 1.0 - _TINY)
    k = y[known]
    return float(np.sum(k * np.log(f) + (1.0 - k) * np.log1p(-f)))


@dataclass(frozen=True)
class FailureCurveFit:
    """Maximum-likelihood power-law failure curve.

    Attributes
    ----------
    f0 : float
        Failure probability of the first test.
    b : float
        Learning exponent (dimensionless).
    log_likelihood : float
        At the optimum.
    n_tests, n_known, n_failures : int
        Tests in the sequence, tests with a known outcome, failures.
    """

    f0: float
    b: float
    log_likelihood: float
    n_tests: int
    n_known: int
    n_failures: int

    def likelihood_ratio(self, outcomes: ArrayLike, f0: float, b: float) -> float:
        """Likelihood-ratio statistic ``2 (l_max - l(f0, b))`` of other values (chi2, 2 dof)."""
        return 2.0 * (self.log_likelihood - failure_curve_log_likelihood(outcomes, f0, b))


def fit_failure_curve(outcomes: ArrayLike) -> FailureCurveFit:
    """Bernoulli MLE of ``f_n = f0 * (1 + n)^-b`` on a sequence of test outcomes.

    Bounds: ``0 < f0 <= 1`` and ``0 <= b <= 10``. The optimum is found with L-BFGS-B from a grid
    of starting points (the likelihood surface is flat along a ridge for short records).

    Parameters
    ----------
    outcomes : array_like
        In flight order: 1 (or True) failure, 0 (or False) success, NaN unknown (flown, but left
        out of the likelihood).

    Returns
    -------
    FailureCurveFit

    Raises
    ------
    ValueError
        If there is no known outcome or a value other than 0, 1 or NaN.

    Examples
    --------
    The North Korean long-range record 2013-04..2017-11 (CNS; 1 failure, 0 success, NaN for
    the Hwasong-12 launch of 2017-08-28 that the CNS codes "unknown"):

    >>> nan = float("nan")
    >>> y = [0, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 0, nan, 0, 0]
    >>> fit = fit_failure_curve(y)
    >>> round(fit.f0, 2), round(fit.b, 2), round(fit.log_likelihood, 2)
    (0.75, 0.13, -11.22)
    >>> round(fit.likelihood_ratio(y, 0.8, 0.5), 1)  # the by-eye values of D13
    6.3
    """
    y = _outcomes(outcomes)
    known = ~np.isnan(y)
    if not known.any():
        raise ValueError("no test with a known outcome")

    def nll(theta: _FloatArray) -> float:
        return -failure_curve_log_likelihood(y, float(theta[0]), float(theta[1]))

    best = None
    for f0 in (0.3, 0.6, 0.9):
        for b in (0.1, 0.5, 1.0):
            result = minimize(
                nll,
                np.array([f0, b]),
                method="L-BFGS-B",
                bounds=[(1e-6, 1.0), (0.0, 10.0)],
                options={"ftol": 1e-13, "gtol": 1e-9},
            )
            if best is None or result.fun < best.fun:
                best = result
    assert best is not None
    return FailureCurveFit(
        f0=float(best.x[0]),
        b=float(best.x[1]),
        log_likelihood=-float(best.fun),
        n_tests=int(y.size),
        n_known=int(known.sum()),
        n_failures=int(np.nansum(y)),
    )


def long_range_sequence(
    df: pd.DataFrame,
    start: str = "2013-04-01",
    end: str = "2017-11-30",
    types: Sequence[str] = LONG_RANGE_TYPES,
) -> _FloatArray:
    """Outcomes of the long-range launches in a date window, in flight order.

    Parameters
    ----------
    df : pandas.DataFrame
        The CNS table from :func:`stratagem.data.loaders.load_cns_tests` (columns ``date``,
        ``missile_type``, ``outcome`` and, if present, ``time`` and ``series`` to order launches
        on the same day).
    start, end : str
        Inclusive window, ISO dates.
    types : sequence of str
        CNS missile types to keep (default IRBM, ICBM, SLV).

    Returns
    -------
    numpy.ndarray
        1.0 failure, 0.0 success, NaN for an outcome the CNS codes ``unknown`` (the test is kept:
        it was flown and counts in ``n``, but it is neither a success nor a failure).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"date": pd.to_datetime(["2016-04-15", "2016-02-07", "2016-03-01"]),
    ...                    "missile_type": ["IRBM", "SLV", "SRBM"],
    ...                    "outcome": ["failure", "success", "failure"]})
    >>> long_range_sequence(df).tolist()
    [0.0, 1.0]
    """
    lo, hi = pd.Timestamp(start), pd.Timestamp(end)
    keep = df["date"].between(lo, hi) & df["missile_type"].isin(list(types))
    sub = df.loc[keep].copy()
    order = ["date"]
    if "time" in sub.columns:
        sub["_time"] = sub["time"].astype(str).str.extract(r"(\d{1,2}:\d{2})", expand=False)
        sub["_time"] = sub["_time"].fillna("99:99").str.zfill(5)
        order.append("_time")
    if "series" in sub.columns:
        sub["_series"] = pd.to_numeric(sub["series"]).fillna(0)
        order.append("_series")
    sub = sub.sort_values(order, kind="stable")
    mapping = {"failure": 1.0, "success": 0.0}
    return np.array([mapping.get(str(o), math.nan) for o in sub["outcome"]], dtype=np.float64)
