"""How long imposed sanctions take to make the target acquiesce: TIES 4.1 (claim C10).

Source: Morgan, Bapat & Kobayashi (2014), TIES 4.1 (``shared/data/ties_v4/TIESv4-1.csv``) and
the cumulative incidence computed from it for game_theory.md §6.2
(``shared/data/compiled/ties_cumulative_incidence.json``). Time runs from the imposition start
date; episodes end in target acquiescence (final outcome 6 or 7; the "success" of the sanctions
mechanism), a negotiated settlement (5, 10) or sender failure (8, 9); ongoing cases are censored
at their "ongoing as of" date. The Aalen-Johansen cumulative incidence of acquiescence is
10.8 / 14.7 / 20.5 / 24.1 / 26.1 / 30.4 % at 0.5 / 1 / 2 / 3 / 5 / 10 years (all senders) and
10.0 / 15.2 / 22.8 / 26.7 / 28.6 / 32.3 % with the US as sender.

Three ways to turn this into a model input:

* :func:`monthly_hazard_from_incidence` gives piecewise-constant monthly hazards between the
  published points that reproduce them exactly;
* :func:`fit_weibull_time_to_success` gives a smooth three-parameter curve (a Weibull with a
  "cure" fraction), within about one point of every published value;
* :func:`aalen_johansen` with :func:`ties_episodes` recomputes the incidence from the raw data
  (e.g. for other subsets).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import least_squares

from stratagem.data._io import PathLike, fail, read_json, resolve
from stratagem.data.paths import TIES_INCIDENCE, default_data_dir
from stratagem.errors import Problem

__all__ = [
    "ACQUIESCENCE",
    "FAILURE",
    "NEGOTIATED",
    "PiecewiseHazard",
    "WeibullCureFit",
    "aalen_johansen",
    "acquiescence_incidence",
    "cause_key",
    "fit_weibull_time_to_success",
    "monthly_hazard_from_incidence",
    "ties_episodes",
]

_FloatArray = NDArray[np.float64]

ACQUIESCENCE = 1
"""Cause code: target acquiescence, TIES final outcome 6 (partial) or 7 (complete)."""
NEGOTIATED = 2
"""Cause code: negotiated settlement, TIES final outcome 5 or 10."""
FAILURE = 3
"""Cause code: sender capitulation (8) or stalemate (9)."""

_CAUSE_OF_OUTCOME = {6: ACQUIESCENCE, 7: ACQUIESCENCE, 5: NEGOTIATED, 10: NEGOTIATED}
_CAUSE_OF_OUTCOME |= {8: FAILURE, 9: FAILURE}
_CAUSE_KEYS = {ACQUIESCENCE: "succ", NEGOTIATED: "nego", FAILURE: "fail"}
_DAYS_PER_YEAR = 365.25
_US = 2

Sender = Literal["all", "us_sender", "institutional"]
Outcome = Literal["succ", "nego", "fail", "still_running"]


def acquiescence_incidence(
    path: PathLike | None = None, sender: Sender = "all", outcome: Outcome = "succ"
) -> tuple[_FloatArray, _FloatArray]:
    """The published cumulative incidence of an outcome after imposition (game_theory.md §6.2).

    Parameters
    ----------
    path : str or os.PathLike, optional
        ``ties_cumulative_incidence.json`` or the folder holding it; by default
        ``compiled/ties_cumulative_incidence.json`` under :func:`default_data_dir`. Its structure:
        ``{subset: {"n_episodes", "n_censored", "excluded_unknown", "cumulative_incidence":
        {years: {"succ", "nego", "fail", "still_running"}}}}``.
    sender : {"all", "us_sender", "institutional"}
        Subset of episodes.
    outcome : {"succ", "nego", "fail", "still_running"}
        ``succ`` is target acquiescence (the default).

    Returns
    -------
    years : numpy.ndarray
        Years after imposition, increasing (0.5, 1, 2, 3, 5, 10).
    incidence : numpy.ndarray
        Cumulative incidence (probability) at those times.

    Raises
    ------
    stratagem.errors.ScenarioError
        Missing file, or a subset or key not in the file.

    Examples
    --------
    >>> import json, tempfile
    >>> from pathlib import Path
    >>> doc = {"all": {"cumulative_incidence": {"1": {"succ": 0.147}, "0.5": {"succ": 0.108}}}}
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "ties_cumulative_incidence.json").write_text(json.dumps(doc))
    ...     years, incidence = acquiescence_incidence(tmp)
    >>> years.tolist(), incidence.tolist()
    ([0.5, 1.0], [0.108, 0.147])
    """
    name = "ties_cumulative_incidence.json"
    if path is None:
        data_dir = default_data_dir()
        path = (data_dir if data_dir is not None else Path("shared") / "data") / TIES_INCIDENCE
    file = resolve(path, name)
    doc = read_json(file, "TIES cumulative incidence", name)

    def problem(where: str, expected: str, found: str) -> Problem:
        return Problem(
            message="TIES cumulative incidence: unexpected structure",
            path=where,
            file=str(file),
            expected=expected,
            found=found,
        )

    subset = doc.get(sender) if isinstance(doc, Mapping) else None
    table = subset.get("cumulative_incidence") if isinstance(subset, Mapping) else None
    if not isinstance(table, Mapping) or not table:
        keys = ", ".join(map(str, doc)) if isinstance(doc, Mapping) else type(doc).__name__
        fail([problem(f"{sender}.cumulative_incidence", "a mapping of years to values", keys)])
    points: list[tuple[float, float]] = []
    problems: list[Problem] = []
    for key, row in table.items():
        where = f"{sender}.cumulative_incidence.{key}"
        try:
            year = float(key)
        except ValueError:
            problems.append(problem(where, "a number of years as key", repr(key)))
            continue
        value = row.get(outcome) if isinstance(row, Mapping) else None
        if not isinstance(value, int | float) or isinstance(value, bool):
            problems.append(problem(f"{where}.{outcome}", "a probability", repr(value)))
            continue
        points.append((year, float(value)))
    if problems:
        fail(problems)
    points.sort()
    return (
        np.array([p[0] for p in points], dtype=np.float64),
        np.array([p[1] for p in points], dtype=np.float64),
    )


@dataclass(frozen=True)
class PiecewiseHazard:
    """Monthly hazards constant between knots.

    Attributes
    ----------
    edges_months : numpy.ndarray
        Interval edges in months, from 0 (``k + 1`` values).
    monthly : numpy.ndarray
        Probability per month of the event in each interval, given it has not happened
        (``k`` values, in [0, 1]).
    """

    edges_months: _FloatArray
    monthly: _FloatArray

    def at(self, month: ArrayLike) -> _FloatArray:
        """Hazard in month ``month`` (0-based; the last interval's value beyond the last knot)."""
        m = np.asarray(month, dtype=np.float64)
        i = np.clip(
            np.searchsorted(self.edges_months, m, side="right") - 1, 0, self.monthly.size - 1
        )
        out: _FloatArray = self.monthly[i]
        return out

    def cumulative(self, month: ArrayLike) -> _FloatArray:
        """Cumulative probability of the event by month ``month`` (may be fractional)."""
        m = np.asarray(month, dtype=np.float64)
        log_survival = np.zeros_like(m)
        for k in range(self.monthly.size):
            lo, hi = self.edges_months[k], self.edges_months[k + 1]
            if k == self.monthly.size - 1:
                hi = math.inf
            span = np.clip(m - lo, 0.0, hi - lo)
            log_survival = log_survival + span * np.log1p(-min(float(self.monthly[k]), 1 - 1e-15))
        out: _FloatArray = 1.0 - np.exp(log_survival)
        return out


def monthly_hazard_from_incidence(years: ArrayLike, incidence: ArrayLike) -> PiecewiseHazard:
    """Piecewise-constant monthly hazards of the cause-specific subdistribution.

    The subdistribution (Fine-Gray) view treats an episode that ended otherwise as never
    acquiescing, so ``1 - F(t)`` plays the role of a survival function and a simulation that
    draws only this event, with these hazards, reproduces the cumulative incidence ``F`` exactly
    at every knot. Between knots ``t_{k-1} < t_k`` (``t_0 = 0``, ``F(0) = 0``)::

        h_k = 1 - ((1 - F(t_k)) / (1 - F(t_{k-1})))^(1 / (12 (t_k - t_{k-1})))

    is the probability per month of the event, given it has not happened.

    Parameters
    ----------
    years : array_like
        Knots in years, strictly increasing and positive.
    incidence : array_like
        Cumulative incidence at the knots, non-decreasing, in [0, 1).

    Returns
    -------
    PiecewiseHazard

    Examples
    --------
    >>> h = monthly_hazard_from_incidence([0.5, 1.0], [0.108, 0.147])
    >>> h.edges_months.tolist(), h.monthly.round(5).tolist()
    ([0.0, 6.0, 12.0], [0.01887, 0.00742])
    >>> round(float(h.cumulative(12.0)), 3)
    0.147
    """
    t = np.asarray(years, dtype=np.float64)
    f = np.asarray(incidence, dtype=np.float64)
    if t.ndim != 1 or t.shape != f.shape or t.size == 0:
        raise ValueError("years and incidence must be one-dimensional, same non-zero length")
    if np.any(t <= 0) or np.any(np.diff(t) <= 0):
        raise ValueError("years must be positive and strictly increasing")
    if np.any(f < 0) or np.any(f >= 1) or np.any(np.diff(f) < 0):
        raise ValueError("incidence must be non-decreasing in [0, 1)")
    edges = np.concatenate(([0.0], 12.0 * t))
    survival = 1.0 - np.concatenate(([0.0], f))
    ratio = survival[1:] / survival[:-1]
    monthly = 1.0 - np.power(ratio, 1.0 / np.diff(edges))
    return PiecewiseHazard(edges_months=edges, monthly=np.clip(monthly, 0.0, 1.0))


@dataclass(frozen=True)
class WeibullCureFit:
    """Weibull time to acquiescence with a cure fraction, ``F(t) = p (1 - exp(-(t/s)^k))``.

    Attributes
    ----------
    plateau : float
        ``p``: share of episodes that would eventually end in acquiescence (probability).
    scale_years : float
        ``s``: Weibull scale of the time to acquiescence among those (years).
    shape : float
        ``k``: Weibull shape (< 1: the hazard falls with time, "gains come early").
    max_abs_error : float
        Largest absolute gap to the fitted points (probability).
    """

    plateau: float
    scale_years: float
    shape: float
    max_abs_error: float

    def cumulative_incidence(self, years: ArrayLike) -> _FloatArray:
        """``F(t)`` at ``years`` after imposition."""
        t = np.maximum(np.asarray(years, dtype=np.float64), 0.0)
        out: _FloatArray = self.plateau * -np.expm1(-np.power(t / self.scale_years, self.shape))
        return out

    def monthly_hazard(self, month: ArrayLike) -> _FloatArray:
        """Probability of acquiescing in month ``month`` (0-based) given not yet (subdistribution).

        ``(F((m + 1) / 12) - F(m / 12)) / (1 - F(m / 12))``; it falls towards 0 as ``F``
        approaches the plateau.
        """
        m = np.asarray(month, dtype=np.float64)
        before = self.cumulative_incidence(m / 12.0)
        after = self.cumulative_incidence((m + 1.0) / 12.0)
        out: _FloatArray = (after - before) / (1.0 - before)
        return out


def fit_weibull_time_to_success(years: ArrayLike, incidence: ArrayLike) -> WeibullCureFit:
    """Least-squares fit of a Weibull-with-cure-fraction curve to cumulative incidence points.

    Why this form: the TIES incidence of acquiescence levels off near 30 % (most episodes end
    otherwise or run on), and its increments shrink with time (half of the 10-year incidence by
    year 1, +2 points from year 3 to 5). A plain two-parameter Weibull ``1 - exp(-(t/s)^k)``
    cannot both rise fast and flatten (it misses the TIES points by 2-3 points), and an
    exponential with a cure fraction misses by up to 2.4 points. Adding the plateau ``p`` to the
    Weibull (a standard mixture cure model) is the smallest step that fits every published point
    within about one point; gamma or lagged forms need as many parameters and fit no better.
    The curve is fitted by unweighted least squares in probability points, the criterion by
    which it is judged.

    Parameters
    ----------
    years : array_like
        Times after imposition (years), positive.
    incidence : array_like
        Cumulative incidence at those times (probability).

    Returns
    -------
    WeibullCureFit

    Examples
    --------
    Points generated from ``p = 0.3``, ``s = 1.5``, ``k = 0.7`` are recovered:

    >>> import numpy as np
    >>> t = np.array([0.5, 1, 2, 3, 5, 10])
    >>> fit = fit_weibull_time_to_success(t, 0.3 * (1 - np.exp(-(t / 1.5) ** 0.7)))
    >>> round(fit.plateau, 3), round(fit.scale_years, 3), round(fit.shape, 3)
    (0.3, 1.5, 0.7)
    """
    t = np.asarray(years, dtype=np.float64)
    f = np.asarray(incidence, dtype=np.float64)
    if t.ndim != 1 or t.shape != f.shape or t.size < 3:
        raise ValueError("need at least three (years, incidence) points of the same length")
    if np.any(t <= 0):
        raise ValueError("years must be positive")

    def residuals(theta: _FloatArray) -> _FloatArray:
        p, s, k = theta
        out: _FloatArray = p * -np.expm1(-np.power(t / s, k)) - f
        return out

    best = None
    for k0 in (0.5, 1.0, 2.0):
        x0 = np.array([min(max(float(f.max()) * 1.1, 1e-3), 1.0), float(np.median(t)), k0])
        result = least_squares(
            residuals,
            x0,
            bounds=([1e-6, 1e-6, 0.05], [1.0, 1e4, 20.0]),
            xtol=1e-14,
            ftol=1e-14,
            gtol=1e-14,
        )
        if best is None or result.cost < best.cost:
            best = result
    assert best is not None
    p, s, k = (float(v) for v in best.x)
    return WeibullCureFit(
        plateau=p,
        scale_years=s,
        shape=k,
        max_abs_error=float(np.max(np.abs(best.fun))),
    )


def ties_episodes(
    ties: pd.DataFrame, sender: Literal["all", "us_sender"] = "all"
) -> tuple[_FloatArray, NDArray[np.int64]]:
    """Imposed TIES episodes as (duration in years, cause) for a competing-risks analysis.

    Rules of game_theory.md §6.2: imposed cases (``imposition == 1``) with an imposition start
    date; those with a final outcome in 5-10 end at their end date with the cause
    :data:`ACQUIESCENCE`, :data:`NEGOTIATED` or :data:`FAILURE`; those with no such outcome are
    censored (cause 0) at their "ongoing as of" date, and excluded without one. Episodes with a
    missing or negative duration are excluded. Durations are days / 365.25. The US subset has
    the US (COW 2) as primary sender or first sender.

    Parameters
    ----------
    ties : pandas.DataFrame
        From :func:`stratagem.data.loaders.load_ties`.
    sender : {"all", "us_sender"}
        All imposed episodes, or those with the US as primary or first sender.

    Returns
    -------
    durations : numpy.ndarray
        Years from imposition to end or censoring.
    causes : numpy.ndarray
        0 censored, 1 acquiescence, 2 negotiated, 3 failure.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "imposition": [1, 1, 1, 0], "finaloutcome": [7, None, 8, 7],
    ...     "primarysender": [2, 2, 365, 2], "sender1": [2, 2, 365, 2],
    ...     "imposition_start": pd.to_datetime(["1990-01-01"] * 3 + [None]),
    ...     "end": pd.to_datetime(["1991-01-01", None, "1990-07-02", None]),
    ...     "ongoing_asof": pd.to_datetime([None, "1992-01-01", None, None])})
    >>> d, c = ties_episodes(df)
    >>> d.round(3).tolist(), c.tolist()
    ([0.999, 1.999, 0.498], [1, 0, 3])
    """
    df = ties.loc[ties["imposition"].fillna(0).astype(int) == 1]
    if sender == "us_sender":
        us = (df["primarysender"].fillna(-1) == _US) | (df["sender1"].fillna(-1) == _US)
        df = df.loc[us]
    outcome = df["finaloutcome"].astype("Float64").fillna(0).astype(int)
    cause = outcome.map(lambda v: _CAUSE_OF_OUTCOME.get(int(v), 0)).astype(int)
    stop = df["end"].where(cause > 0, df["ongoing_asof"])
    days = (stop - df["imposition_start"]).dt.days
    keep = days.notna() & (days >= 0)
    durations = days[keep].to_numpy(dtype=np.float64) / _DAYS_PER_YEAR
    codes: NDArray[np.int64] = np.asarray(cause[keep].to_numpy(), dtype=np.int64)
    return durations, codes


def aalen_johansen(
    durations: ArrayLike, causes: ArrayLike, years: Sequence[float]
) -> dict[int, _FloatArray]:
    """Aalen-Johansen cumulative incidence of each cause at ``years``.

    ``F_j(t) = sum over event times u <= t of S(u-) d_j(u) / r(u)``, with ``S`` the Kaplan-Meier
    survival from all causes, ``d_j(u)`` the events of cause ``j`` at ``u`` and ``r(u)`` the
    episodes at risk (duration >= u; a censoring tied with an event counts as at risk).

    Parameters
    ----------
    durations : array_like
        Time to event or censoring (any unit; ``years`` in the same unit).
    causes : array_like
        Integer cause per episode, 0 for censored.
    years : sequence of float
        Evaluation times.

    Returns
    -------
    dict of int to numpy.ndarray
        Cumulative incidence per cause code (every non-zero code present) at ``years``.

    Examples
    --------
    >>> ci = aalen_johansen([1, 2, 3, 4], [1, 0, 2, 1], [1.5, 4])
    >>> ci[1].tolist(), ci[2].tolist()
    ([0.25, 0.625], [0.0, 0.375])
    """
    t = np.asarray(durations, dtype=np.float64)
    c = np.asarray(causes, dtype=np.int64)
    if t.shape != c.shape or t.ndim != 1:
        raise ValueError("durations and causes must be one-dimensional, same length")
    codes = sorted(int(k) for k in np.unique(c) if k != 0)
    at = np.asarray(years, dtype=np.float64)
    event_times = np.unique(t[c != 0])
    survival = 1.0
    cumulative = {k: np.zeros(event_times.size) for k in codes}
    running = dict.fromkeys(codes, 0.0)
    for i, u in enumerate(event_times):
        at_risk = float(np.sum(t >= u))
        here = t == u
        total = 0.0
        for k in codes:
            d = float(np.sum(here & (c == k)))
            running[k] += survival * d / at_risk
            total += d
            cumulative[k][i] = running[k]
        survival *= 1.0 - total / at_risk
    index = np.searchsorted(event_times, at, side="right") - 1
    out: dict[int, _FloatArray] = {}
    for k in codes:
        values = np.where(index >= 0, cumulative[k][np.maximum(index, 0)], 0.0)
        out[k] = np.asarray(values, dtype=np.float64)
    return out


def cause_key(cause: int) -> str:
    """The key of ``ties_cumulative_incidence.json`` for a cause code.

    >>> cause_key(ACQUIESCENCE)
    'succ'
    """
    return _CAUSE_KEYS[cause]
