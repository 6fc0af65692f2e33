"""Small numerical helpers shared by mechanisms."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def logistic(x: ArrayLike) -> NDArray[np.float64]:
    """The logistic function ``1 / (1 + exp(-x))``, overflow-safe.

    >>> float(logistic(0.0))
    0.5
    """
    z = np.asarray(x, dtype=np.float64)
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)), dtype=np.float64)
