"""Compute only where it matters: most runs do nothing special in a given month."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray


def compute_where(
    mask: NDArray[np.bool_],
    function: Callable[..., Any],
    default: ArrayLike,
    *args: ArrayLike,
) -> NDArray[np.float64]:
    """``function(*args)`` where ``mask`` holds and ``default`` elsewhere.

    ``function`` is evaluated on the selected elements only (arguments are broadcast to the mask's
    shape and gathered without copying the full arrays), which pays when events are rare: a
    successful test, a deployed arsenal. Scalars are passed through unchanged.

    >>> mask = np.array([True, False, True])
    >>> compute_where(mask, np.sqrt, -1.0, np.array([4.0, 9.0, 16.0])).tolist()
    [2.0, -1.0, 4.0]
    """
    out = np.empty(mask.shape, dtype=np.float64)
    out[...] = default
    index = np.flatnonzero(mask)
    if index.size:
        gathered = [_gather(a, mask.shape, index) if np.ndim(a) else a for a in args]
        out.reshape(-1)[index] = function(*gathered)
    return out


def _gather(a: ArrayLike, shape: tuple[int, ...], index: NDArray[np.intp]) -> NDArray[Any]:
    """Elements of ``a`` broadcast to ``shape`` at the flat positions ``index``."""
    array = np.asarray(a)
    if array.shape == shape:
        return array.reshape(-1)[index]
    if array.ndim == 1 and array.shape[0] == shape[-1]:
        return array[index % shape[-1]]
    return np.broadcast_to(array, shape)[np.unravel_index(index, shape)]
