"""Array helpers shared by the bargaining models (private)."""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

FloatArray: TypeAlias = NDArray[np.float64]

#: Relative tolerance under which two weight sums count as equal (ties of the weighted median).
TIE_RTOL = 1e-12


def vector(values: ArrayLike, name: str) -> FloatArray:
    """``values`` as a 1-D float array of finite numbers, or :class:`ValueError`.

    >>> vector([1, 2], "x")
    array([1., 2.])
    """
    array = np.asarray(values, dtype=np.float64)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must contain finite numbers only")
    return array


def same_length(**arrays: FloatArray) -> int:
    """The common length of ``arrays`` (at least 1), or :class:`ValueError`.

    >>> same_length(x=np.zeros(3), w=np.ones(3))
    3
    """
    lengths = {name: len(a) for name, a in arrays.items()}
    if len(set(lengths.values())) != 1:
        raise ValueError(f"arrays of different lengths: {lengths}")
    n = next(iter(lengths.values()))
    if n == 0:
        raise ValueError("at least one actor is needed")
    return n


def weights(capability: FloatArray, salience: FloatArray) -> FloatArray:
    """Bargaining weights ``c_i s_i``; capabilities and saliences must be non-negative.

    Raises :class:`ValueError` if every weight is zero (no actor exerts any influence).

    >>> weights(np.array([0.5, 2.0]), np.array([40.0, 10.0]))
    array([20., 20.])
    """
    if np.any(capability < 0) or np.any(salience < 0):
        raise ValueError("capabilities and saliences must be non-negative")
    w = capability * salience
    if not np.any(w > 0):
        raise ValueError("every actor has zero weight (capability x salience)")
    return w
