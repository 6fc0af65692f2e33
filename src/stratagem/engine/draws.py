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
    u, lam = np.broadcast_arrays(
        np.asarray(uniform, dtype=np.float64), np.asarray(mean, dtype=np.float64)
    )
    term = np.exp(-lam)
    more = u > term
    count = more.astype(np.float64)
    # Monthly means are small: most counts stop at 0, so carry on with the rest only.
    index = np.flatnonzero(more)
    if index.size:
        flat_u, flat_lam = u.reshape(-1)[index], lam.reshape(-1)[index]
        term = term.reshape(-1)[index]
        cdf = term.copy()
        extra = np.zeros(index.size)
        for k in range(1, _MAX_STEPS):
            term *= flat_lam
            term /= k
            cdf += term
            more = flat_u > cdf
            if not more.any():
                break
            extra += more
        count.reshape(-1)[index] += extra
    return np.asarray(count, dtype=np.float64)


def bernoulli(uniform: NDArray[np.float64], probability: ArrayLike) -> NDArray[np.float64]:
    """1.0 where the event of the given probability happens, else 0.0.

    >>> bernoulli(np.array([0.2, 0.8]), 0.5).tolist()
    [1.0, 0.0]
    """
    return (uniform < np.asarray(probability, dtype=np.float64)).astype(np.float64)
