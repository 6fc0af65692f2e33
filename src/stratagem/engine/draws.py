"""Turn uniform draws into the random events mechanisms need, by inversion.

Mechanisms receive only uniforms (one row per draw, one column per run), so every random event is
a deterministic function of its uniform: this is what keeps a run's history independent of how
runs are chunked, and strategies on common random numbers.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

#: Safety bound on the number of inversion steps (a Poisson mean of 50 needs about 100).
_MAX_STEPS = 400


def poisson(uniform: NDArray[np.float64], mean: ArrayLike) -> NDArray[np.float64]:
    """Poisson counts with the given ``mean`` by sequential CDF inversion of ``uniform``.

    Exact in distribution; the cost grows with the largest count in the batch, which suits the
    small monthly means of the models (provocations, tests). ``mean`` broadcasts against
    ``uniform`` and may be zero.

    >>> poisson(np.array([0.1, 0.5, 0.9]), 1.0).tolist()
    [0.0, 1.0, 2.0]
    """
    lam = np.broadcast_to(
        np.asarray(mean, dtype=np.float64), np.broadcast_shapes(np.shape(uniform), np.shape(mean))
    )
    term = np.exp(-lam)
    cdf = term.copy()
    count = np.zeros(cdf.shape, dtype=np.float64)
    for k in range(1, _MAX_STEPS):
        more = uniform > cdf
        if not more.any():
            break
        count += more
        term = term * lam / k
        cdf += term
    return count


def bernoulli(uniform: NDArray[np.float64], probability: ArrayLike) -> NDArray[np.float64]:
    """1.0 where the event of the given probability happens, else 0.0.

    >>> bernoulli(np.array([0.2, 0.8]), 0.5).tolist()
    [1.0, 0.0]
    """
    return (uniform < np.asarray(probability, dtype=np.float64)).astype(np.float64)
