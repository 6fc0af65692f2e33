r"""The asymmetric Nash bargaining solution on one issue, with a disagreement point.

Each actor ``i`` has an ideal position ``p_i`` and a single-peaked utility
``u_i(x) = -|x - p_i|^k`` (``k = 2``, quadratic, by default; ``k = 1``, linear). If bargaining
fails, actor ``i`` gets its disagreement utility ``u_i(d_i)``. The asymmetric (weighted) Nash
bargaining solution (Kalai 1977; Roth 1979) is

.. math:: x^* = \arg\max_{x:\, g_i(x) > 0\ \forall i} \sum_i w_i \ln g_i(x), \qquad
          g_i(x) = |d_i - p_i|^k - |x - p_i|^k

with bargaining powers ``w_i = c_i s_i`` (capability x salience, as in the compromise model; a
salience that rescaled utilities instead would cancel, because the solution is invariant to
positive rescaling of each utility). The disagreement point is

- a position ``d`` (the status quo, the reference point of the table): ``d_i = d`` for everyone.
  An actor at ``d`` cannot gain, and when actors sit on both sides of ``d`` every move hurts
  someone, so the solution is ``d`` itself ("no deal");
- ``"worst"``: each actor's worst point of the scale (breakdown is as bad as the worst possible
  agreement), the reading under which the solution is interior.

The objective is concave on the feasible interval (each ``g_i`` is concave and positive there),
so the maximiser is unique; it is found by bisection on the sign of the right derivative, to
machine precision, and snapped to an actor's position when it lies on a kink (linear utility).

With quadratic utility and a disagreement point far from every position, the first-order
condition reduces to ``sum_i w_i (x - p_i) = 0``: the compromise model's weighted mean (Achen
2006). The tests check this limit and two closed-form two-actor cases.

References
----------
Achen, C. H. (2006). Institutional realism and bargaining models. In Thomson et al. (eds.),
*The European Union Decides*, Cambridge University Press, ch. 4.
Kalai, E. (1977). Nonsymmetric Nash solutions and replications of 2-person bargaining.
*International Journal of Game Theory* 6(3): 129-133.
Roth, A. E. (1979). *Axiomatic Models of Bargaining*. Springer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from stratagem.bargaining._arrays import FloatArray, same_length, vector, weights

__all__ = ["NashResult", "Utility", "nash_point", "solve"]

Utility = Literal["quadratic", "linear"]
_EXPONENT = {"quadratic": 2.0, "linear": 1.0}
_ITERATIONS = 200


def _right_slope(x: float, p: FloatArray, w: FloatArray, reach: FloatArray, k: float) -> float:
    """Right derivative of ``sum w ln(reach - |x - p|^k)`` at ``x``."""
    offset = x - p
    if k == 1.0:
        slope = np.where(offset >= 0, -1.0, 1.0)
    else:
        slope = -k * np.abs(offset) ** (k - 1) * np.sign(offset)
    gain = reach - np.abs(offset) ** k
    return float(np.sum(w * slope / gain))


def _left_slope(x: float, p: FloatArray, w: FloatArray, reach: FloatArray, k: float) -> float:
    offset = x - p
    if k == 1.0:
        slope = np.where(offset > 0, -1.0, 1.0)
    else:
        slope = -k * np.abs(offset) ** (k - 1) * np.sign(offset)
    gain = reach - np.abs(offset) ** k
    return float(np.sum(w * slope / gain))


def nash_point(
    position: ArrayLike,
    weight: ArrayLike,
    reach: ArrayLike,
    *,
    low: float,
    high: float,
    utility: Utility = "quadratic",
) -> float | None:
    """Maximise ``sum_i w_i ln(reach_i - |x - p_i|^k)`` over ``x`` in ``[low, high]``.

    Parameters
    ----------
    position : array_like, shape (n,)
        Ideal positions ``p_i`` (units of the issue scale).
    weight : array_like, shape (n,)
        Bargaining powers ``w_i > 0``.
    reach : array_like, shape (n,)
        ``|d_i - p_i|^k``: the loss at disagreement (units of the scale to the power ``k``).
    low, high : float
        The scale (the search interval).
    utility : {"quadratic", "linear"}
        ``k = 2`` or ``k = 1``.

    Returns
    -------
    float or None
        The maximiser, or None if no point of the scale gives every actor a positive gain.

    Examples
    --------
    Two actors at 0 and 1 with powers 1 and 2, linear utility, disagreement at the far end of
    the scale for each: ``max ln(1 - x) + 2 ln x`` gives ``x = 2/3``.

    >>> round(nash_point([0, 1], [1, 2], [1, 1], low=0, high=1, utility="linear"), 12)
    0.666666666667
    """
    p = vector(position, "position")
    w = vector(weight, "weight")
    r = vector(reach, "reach")
    same_length(position=p, weight=w, reach=r)
    k = _EXPONENT[utility]
    radius = r ** (1.0 / k)
    lo = max(float(low), float(np.max(p - radius)))
    hi = min(float(high), float(np.min(p + radius)))
    if not lo < hi:
        return None
    a, b = lo, hi
    for _ in range(_ITERATIONS):
        mid = 0.5 * (a + b)
        if mid <= a or mid >= b:
            break
        if _right_slope(mid, p, w, r, k) > 0:
            a = mid
        else:
            b = mid
    best = 0.5 * (a + b)
    # On a kink (linear utility) return the actor's position exactly.
    span = max(hi - lo, 1e-300)
    near = p[np.abs(p - best) <= 1e-9 * span]
    for candidate in near:
        c = float(candidate)
        if lo < c < hi and _right_slope(c, p, w, r, k) <= 0 <= _left_slope(c, p, w, r, k):
            return c
    return best


@dataclass(frozen=True)
class NashResult:
    """Outcome of the Nash bargaining model.

    Attributes
    ----------
    outcome : float
        The bargaining solution (units of the scale); the disagreement position if no agreement
        improves on it for every actor.
    agreement : bool
        False when the outcome is the disagreement point because no agreement helps everyone.
    gain_share : ndarray, shape (n,)
        ``g_i(x*) / g_i(p_i)``: the share of its attainable gain each actor gets (1 = its ideal
        point; 0 = no better than disagreement).
    weight_share : ndarray, shape (n,)
        Each actor's share of the bargaining power ``c_i s_i``.
    disagreement : ndarray, shape (n,)
        Each actor's disagreement position ``d_i``.
    """

    outcome: float
    agreement: bool
    gain_share: FloatArray
    weight_share: FloatArray
    disagreement: FloatArray


def solve(
    position: ArrayLike,
    capability: ArrayLike,
    salience: ArrayLike,
    *,
    disagreement: float | Literal["worst"] = "worst",
    utility: Utility = "quadratic",
    low: float | None = None,
    high: float | None = None,
) -> NashResult:
    """Forecast one issue with the asymmetric Nash bargaining solution.

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions (units of the issue scale).
    capability : array_like, shape (n,)
        Capabilities (any non-negative unit).
    salience : array_like, shape (n,)
        Saliences on 0-100. Actors with zero capability or salience have no say and are ignored.
    disagreement : float or "worst"
        The disagreement position (e.g. the status quo), or ``"worst"``: each actor's farthest
        point of the scale.
    utility : {"quadratic", "linear"}
        Shape of the actors' loss in distance.
    low, high : float, optional
        Ends of the issue scale (default: the range of the positions and of ``disagreement``).

    Examples
    --------
    The toy three-actor fixture:

    >>> round(solve([10, 20, 60], [40, 100, 50], [50, 80, 60]).outcome, 4)
    28.5882

    Two actors on opposite sides of the status quo: no agreement helps both.

    >>> result = solve([0, 100], [1, 1], [50, 50], disagreement=80)
    >>> result.outcome, result.agreement
    (80.0, False)
    """
    if utility not in _EXPONENT:
        raise ValueError(f"utility must be 'quadratic' or 'linear', got {utility!r}")
    x = vector(position, "position")
    c = vector(capability, "capability")
    s = vector(salience, "salience")
    same_length(position=x, capability=c, salience=s)
    w = weights(c, s)
    point = None if disagreement == "worst" else float(disagreement)
    if point is not None and not np.isfinite(point):
        raise ValueError("the disagreement point must be a finite number")
    extra = [] if point is None else [point]
    lo = float(min([*x, *extra])) if low is None else float(low)
    hi = float(max([*x, *extra])) if high is None else float(high)
    if lo > hi:
        raise ValueError(f"low ({lo:g}) is above high ({hi:g})")
    k = _EXPONENT[utility]
    d = (
        np.where(np.abs(x - lo) >= np.abs(x - hi), lo, hi)
        if point is None
        else np.full_like(x, point)
    )
    reach = np.abs(d - x) ** k
    active = w > 0
    found = None
    if lo < hi:
        found = nash_point(x[active], w[active], reach[active], low=lo, high=hi, utility=utility)
    if found is None:
        fallback = point if point is not None else float(np.mean(d))
        outcome, agreement = fallback, False
    else:
        outcome, agreement = found, True
    gain = reach - np.abs(outcome - x) ** k
    share = np.divide(gain, reach, out=np.zeros_like(gain), where=reach > 0)
    return NashResult(
        outcome=float(outcome),
        agreement=agreement,
        gain_share=share,
        weight_share=w / w.sum(),
        disagreement=d,
    )
