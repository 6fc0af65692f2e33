r"""The compromise model: the capability x salience weighted mean of the positions.

The predicted outcome is

.. math:: \hat x = \frac{\sum_i c_i s_i x_i}{\sum_i c_i s_i}

(Van den Bos 1991; Achen 2006 derives it as a first-order approximation of the asymmetric Nash
bargaining solution; Thomson et al. 2006 find it as accurate as any procedural or
expected-utility model on EU legislative data). ``c`` is capability (any non-negative unit: it
cancels), ``s`` salience on 0-100 (it cancels as well) and ``x`` positions in the units of the
issue scale. The outcome is in the units of ``x``.

References
----------
Achen, C. H. (2006). Institutional realism and bargaining models. In Thomson, Stokman, Achen &
Koenig (eds.), *The European Union Decides*, Cambridge University Press, ch. 4.
Van den Bos, J. M. M. (1991). *Dutch EC policy making*. Thesis Publishers, Amsterdam.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from stratagem.bargaining._arrays import FloatArray, same_length, vector, weights

__all__ = ["CompromiseResult", "solve", "weighted_mean"]


def weighted_mean(position: ArrayLike, weight: ArrayLike) -> float:
    """The weighted mean ``sum(w x) / sum(w)`` of ``position`` (units of ``position``).

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions on the issue scale.
    weight : array_like, shape (n,)
        Non-negative weights, not all zero (usually capability x salience).

    Examples
    --------
    The toy three-actor fixture (weights 40 x 50, 100 x 80, 50 x 60): 3600 / 130.

    >>> round(weighted_mean([10, 20, 60], [2000, 8000, 3000]), 4)
    27.6923
    """
    x = vector(position, "position")
    w = vector(weight, "weight")
    same_length(position=x, weight=w)
    if np.any(w < 0) or not np.any(w > 0):
        raise ValueError("weights must be non-negative and not all zero")
    return float(np.dot(w, x) / w.sum())


@dataclass(frozen=True)
class CompromiseResult:
    """Outcome of the compromise model.

    Attributes
    ----------
    outcome : float
        The weighted mean (units of the positions).
    weight_share : ndarray, shape (n,)
        Each actor's share ``c_i s_i / sum c s`` of the total weight (sums to 1).
    pull : ndarray, shape (n,)
        Each actor's contribution ``share_i (x_i - outcome)`` (units of the positions; sums to 0):
        how far the actor pulls the outcome toward its own position.
    """

    outcome: float
    weight_share: FloatArray
    pull: FloatArray


def solve(position: ArrayLike, capability: ArrayLike, salience: ArrayLike) -> CompromiseResult:
    """Forecast one issue with the compromise model.

    Parameters
    ----------
    position : array_like, shape (n,)
        Positions (units of the issue scale).
    capability : array_like, shape (n,)
        Capabilities (any non-negative unit).
    salience : array_like, shape (n,)
        Saliences on 0-100.

    Examples
    --------
    >>> result = solve([10, 20, 60], [40, 100, 50], [50, 80, 60])
    >>> round(result.outcome, 4), result.weight_share.round(3).tolist()
    (27.6923, [0.154, 0.615, 0.231])
    """
    x = vector(position, "position")
    c = vector(capability, "capability")
    s = vector(salience, "salience")
    same_length(position=x, capability=c, salience=s)
    w = weights(c, s)
    share = w / w.sum()
    outcome = float(np.dot(share, x))
    return CompromiseResult(outcome=outcome, weight_share=share, pull=share * (x - outcome))
