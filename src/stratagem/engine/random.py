"""The one randomness rule of stratagem.

Every stochastic entry point takes ``seed`` (an int, a :class:`numpy.random.SeedSequence` or
``None``) and normalizes it once with :func:`seed_sequence`. Random numbers are then drawn from
*named, per-block streams*: the runs of an experiment are cut into fixed blocks of
:data:`BLOCK_RUNS` runs, and each (purpose, name, block) triple gets its own child
:class:`~numpy.random.SeedSequence`. Because a run's draws depend only on the seed, the name of
the parameter or mechanism that consumes them and the run's index, results are bit-identical
whatever the chunk size or the number of workers, and switching one mechanism off leaves every
other mechanism's draws unchanged (common random numbers across strategies *and* ablations).

There are no global or module-level generators.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from typing import TypeAlias

import numpy as np
from numpy.typing import NDArray

#: Runs per random-number block. Part of the reproducibility contract: changing it changes results.
BLOCK_RUNS = 1024

#: Stream purposes (first element of the spawn key).
PARAMETERS = 0
DYNAMICS = 1

SeedLike: TypeAlias = int | np.random.SeedSequence | None


def seed_sequence(seed: SeedLike) -> np.random.SeedSequence:
    """Normalize ``seed`` to a :class:`numpy.random.SeedSequence` (``None``: fresh OS entropy).

    >>> seed_sequence(42).entropy
    42
    >>> seed_sequence(seed_sequence(7)).entropy
    7
    """
    if isinstance(seed, np.random.SeedSequence):
        return seed
    if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or seed < 0):
        raise ValueError(f"seed must be a non-negative integer or None, got {seed!r}")
    return np.random.SeedSequence(seed)


def stable_id(name: str) -> int:
    """A stable 32-bit identifier of a stream name (CRC-32, identical on every machine).

    >>> hex(stable_id("123456789"))  # the standard CRC-32 check value
    '0xcbf43926'
    """
    return zlib.crc32(name.encode("utf-8"))


def block_generator(
    root: np.random.SeedSequence, purpose: int, name: str, block: int
) -> np.random.Generator:
    """The generator of one (purpose, name, block) stream below ``root``."""
    child = np.random.SeedSequence(
        entropy=root.entropy,
        spawn_key=(*root.spawn_key, purpose, stable_id(name), block),
        pool_size=root.pool_size,
    )
    return np.random.Generator(np.random.PCG64(child))


def blocks_of(start: int, stop: int) -> range:
    """Indices of the random blocks that runs ``start .. stop-1`` fall into."""
    return range(start // BLOCK_RUNS, (stop - 1) // BLOCK_RUNS + 1)


def draw_runs(
    root: np.random.SeedSequence,
    purpose: int,
    name: str,
    start: int,
    stop: int,
    sampler: Callable[[np.random.Generator, int], NDArray[np.float64]],
) -> NDArray[np.float64]:
    """Values for runs ``start .. stop-1`` of a per-run quantity sampled block by block.

    ``sampler(generator, size)`` must return an array whose *last* axis has length ``size``.
    A block is always sampled whole, so the values a run gets do not depend on how runs are
    chunked.

    >>> root = seed_sequence(1)
    >>> u = lambda g, n: g.random(n)
    >>> whole = draw_runs(root, PARAMETERS, "x", 0, 3000, u)
    >>> bool(np.array_equal(whole[1000:1007], draw_runs(root, PARAMETERS, "x", 1000, 1007, u)))
    True
    """
    pieces = []
    for block in blocks_of(start, stop):
        lo = block * BLOCK_RUNS
        values = sampler(block_generator(root, purpose, name, block), BLOCK_RUNS)
        pieces.append(values[..., max(start - lo, 0) : min(stop - lo, BLOCK_RUNS)])
    return np.concatenate(pieces, axis=-1)


#: Months of uniforms drawn per generator call (amortizes call overhead; never changes results).
MONTHS_PER_REFILL = 12


class DynamicStream:
    """Month-by-month uniform draws of one mechanism for a contiguous range of runs.

    Each call to :meth:`next_month` returns an array of shape ``(draws, stop - start)``; the
    underlying block generators advance by exactly ``draws * BLOCK_RUNS`` doubles per month
    whatever the range, so a run sees the same numbers in any chunking. Months are drawn
    :data:`MONTHS_PER_REFILL` at a time, which yields the same sequence as month-by-month calls.
    """

    __slots__ = ("_blocks", "_buffer", "_month", "_scratch", "_slices")

    def __init__(
        self, root: np.random.SeedSequence, name: str, draws: int, start: int, stop: int
    ) -> None:
        self._blocks = []
        self._slices = []
        offset = 0
        for block in blocks_of(start, stop):
            lo = block * BLOCK_RUNS
            a, b = max(start - lo, 0), min(stop - lo, BLOCK_RUNS)
            self._blocks.append(block_generator(root, DYNAMICS, name, block))
            self._slices.append((a, b, offset))
            offset += b - a
        self._scratch = np.empty((MONTHS_PER_REFILL, draws, BLOCK_RUNS), dtype=np.float64)
        self._buffer = np.empty((MONTHS_PER_REFILL, draws, stop - start), dtype=np.float64)
        self._month = MONTHS_PER_REFILL

    def next_month(self) -> NDArray[np.float64]:
        """Return the month's uniforms, shape ``(draws, n_runs)``; valid until the next call."""
        if self._month == MONTHS_PER_REFILL:
            for generator, (a, b, offset) in zip(self._blocks, self._slices, strict=True):
                generator.random(out=self._scratch)
                self._buffer[:, :, offset : offset + (b - a)] = self._scratch[:, :, a:b]
            self._month = 0
        month: NDArray[np.float64] = self._buffer[self._month]
        self._month += 1
        return month
