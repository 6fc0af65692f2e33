"""Small numerical helpers shared by mechanisms."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def logistic(x: ArrayLike) -> NDArray[np.float64]:
    """The logistic function ``1 / (1 + exp(-x))``, overflow-safe.

    >>> float(logistic(0.0))
    0.5
    """
    # exp is several times cheaper than tanh in NumPy; clipping keeps exp finite.
    z = np.clip(np.asarray(x, dtype=np.float64), -500.0, 500.0)
    return np.asarray(1.0 / (1.0 + np.exp(-z)), dtype=np.float64)
