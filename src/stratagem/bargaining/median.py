r"""The median model: the weighted median, i.e. the Condorcet winner on one dimension.

With single-peaked, symmetric preferences on one issue, the position that beats every other in a
pairwise capability x salience weighted vote is the weighted median (Black 1948). Bueno de
Mesquita's expected-utility model starts from it, written as the pairwise vote (Scholz, Calbert &
Smith 2011, Appendix step 3; reference ``bargaining.md`` eq. 1):

.. math:: v^{jk} = \sum_i c_i s_i \, (|x_i - x_k| - |x_i - x_j|) / R

where ``R`` is the range of the scale; ``j`` beats ``k`` when ``v^{jk} > 0``.

Ties (the cumulative weight reaches exactly one half at a position) make every point between
that position and the next one a Condorcet winner; :func:`weighted_median` returns the middle of
that interval so the result does not depend on the direction of the axis (decision B3).

References
----------
Black, D. (1948). On the rationale of group decision-making. *Journal of Political Economy*
56(1): 23-34.
Scholz, J. B., Calbert, G. J. & Smith, G. A. (2011). Unravelling Bueno De Mesquita's group
decision model. *Journal of Theoretical Politics* 23(4): 510-531.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from stratagem.bargaining._arrays import TIE_RTOL, FloatArray, same_length, vector, weights

__all__ = ["MedianResult", "pairwise_votes", "solve", "weighted_median"]


def weighted_median(position: ArrayLike, weight: ArrayLike) -> float:
    """The weighted median of ``position`` (units of ``position``).

    Actors with zero weight are ignored. If the cumulative weight equals half the total at a
    position (relative tolerance 1e-12), the median interval runs to the next position and its
    midpoint is returned.

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions on the issue scale.
    weight : array_like, shape (n,)
        Non-negative weights, not all zero.

    Examples
    --------
    The EC emission-standards table (BDM 1994 Table 1): the round-0 median is 7.

    >>> c = [0.08, 0.08, 0.03, 0.16, 0.16, 0.16, 0.16, 0.05, 0.05, 0.08]
    >>> s = [80, 40, 20, 80, 60, 60, 90, 10, 100, 70]
    >>> x = [4, 7, 4, 4, 10, 10, 10, 7, 4, 7]
    >>> weighted_median(x, [ci * si for ci, si in zip(c, s)])
    7.0
    >>> weighted_median([0, 10], [1, 1])  # an exact tie: the middle of [0, 10]
    5.0
    """
    x = vector(position, "position")
    w = vector(weight, "weight")
    same_length(position=x, weight=w)
    if np.any(w < 0) or not np.any(w > 0):
        raise ValueError("weights must be non-negative and not all zero")
    keep = w > 0
    x, w = x[keep], w[keep]
    values, inverse = np.unique(x, return_inverse=True)
    mass = np.bincount(inverse, weights=w)
    total = mass.sum()
    cumulative = np.cumsum(mass)
    tol = TIE_RTOL * total
    k = int(np.argmax(cumulative >= total / 2 - tol))
    if abs(cumulative[k] - total / 2) <= tol and k + 1 < len(values):
        return float((values[k] + values[k + 1]) / 2)
    return float(values[k])


def pairwise_votes(
    position: ArrayLike, weight: ArrayLike, candidates: ArrayLike | None = None
) -> FloatArray:
    """Pairwise vote margins ``v[j, k]`` of candidate ``j`` over candidate ``k``.

    Scholz et al. (2011), Appendix step 3: ``v^{jk} = sum_i w_i (|x_i - x_k| - |x_i - x_j|) / R``
    with ``R`` the range of the positions (``R = 1`` if all positions are equal). Positive
    means ``j`` beats ``k``. Candidates default to the actors' positions.

    Examples
    --------
    >>> v = pairwise_votes([10, 20, 60], [2000, 8000, 3000])
    >>> bool(np.all(v[1, [0, 2]] > 0))  # 20 (the weighted median) beats 10 and 60
    True
    """
    x = vector(position, "position")
    w = vector(weight, "weight")
    same_length(position=x, weight=w)
    cand = x if candidates is None else vector(candidates, "candidates")
    span = float(np.ptp(x)) or 1.0
    distance = np.abs(x[:, None] - cand[None, :])  # (voter, candidate)
    closeness = -(w[:, None] * distance).sum(axis=0) / span  # (candidate,)
    margins: FloatArray = closeness[:, None] - closeness[None, :]
    return margins


@dataclass(frozen=True)
class MedianResult:
    """Outcome of the median model.

    Attributes
    ----------
    outcome : float
        The weighted median (units of the positions).
    weight_share : ndarray, shape (n,)
        Each actor's share of the total capability x salience weight.
    side : ndarray of int, shape (n,)
        -1, 0 or +1: the actor's position is below, at or above the outcome.
    """

    outcome: float
    weight_share: FloatArray
    side: np.ndarray[tuple[int], np.dtype[np.int64]]


def solve(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> MedianResult:
    """Forecast one issue with the median model (weights ``c_i s_i``, salience on 0-100).

    Examples
    --------
    >>> result = solve([10, 20, 60], [40, 100, 50], [50, 80, 60])
    >>> result.outcome, result.side.tolist()
    (20.0, [-1, 0, 1])
    """
    x = vector(position, "position")
    c = vector(capability, "capability")
    s = vector(salience, "salience")
    same_length(position=x, capability=c, salience=s)
    w = weights(c, s)
    outcome = weighted_median(x, w)
    side = np.sign(x - outcome).astype(np.int64)
    return MedianResult(outcome=outcome, weight_share=w / w.sum(), side=side)
