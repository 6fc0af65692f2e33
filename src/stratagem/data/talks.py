"""Talks spells, their breakdown hazard, and provocations with and without talks (claim C9).

Source: the monthly ``Nego`` and ``Prov`` counts of CSIS Beyond Parallel, "US negotiations vs North
Korean provocations", 1990-01..2018-08 (``shared/data/csis_us_dprk_negotiations_provocations/
USKoreaData.csv``; data.md §2.3). A *talks spell* is a maximal run of months with at least one
US-DPRK negotiation event, where a lull of at most ``max_gap`` months without one does not end the
spell (a one-month pause between rounds is not a breakdown). A spell *breaks down* when more than
``max_gap`` months pass without talks. With the default ``max_gap = 1`` the CSIS series has 22
spells, mean length 7.7 months, and a monthly breakdown hazard of 0.125 (the last spell, still
running in 2018-08, censored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

__all__ = [
    "TalksContrast",
    "breakdown_hazard",
    "mean_spell_length",
    "provocations_by_talks",
    "talk_spells",
]


def _counts(values: ArrayLike, name: str) -> np.ndarray[tuple[int], np.dtype[np.float64]]:
    x = np.asarray(values, dtype=np.float64)
    if x.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional")
    if not np.all(np.isfinite(x)) or np.any(x < 0):
        raise ValueError(f"{name} must be finite and non-negative")
    return x


def talk_spells(negotiations: ArrayLike, max_gap: int = 1) -> list[tuple[int, int]]:
    """Maximal spells of months with talks, bridging lulls of at most ``max_gap`` months.

    Parameters
    ----------
    negotiations : array_like
        Negotiation events per month (any count > 0 is a month with talks), in time order.
    max_gap : int, default 1
        Longest run of months without talks that does not end a spell (0: spells are exactly
        the runs of consecutive talks months).

    Returns
    -------
    list of (int, int)
        ``(start_index, length)`` of each spell in months, in time order. A spell starts and
        ends with a month with talks; its length counts the bridged lulls.

    Examples
    --------
    >>> talk_spells([1, 0, 2, 0, 0, 1, 1, 0])
    [(0, 3), (5, 2)]
    >>> talk_spells([1, 0, 2, 0, 0, 1, 1, 0], max_gap=0)
    [(0, 1), (2, 1), (5, 2)]
    """
    if max_gap < 0:
        raise ValueError("max_gap must be >= 0")
    months = np.flatnonzero(_counts(negotiations, "negotiations") > 0)
    if months.size == 0:
        return []
    # A new spell starts where the lull since the previous talks month exceeds max_gap.
    breaks = np.flatnonzero(np.diff(months) - 1 > max_gap)
    starts = np.concatenate(([0], breaks + 1))
    ends = np.concatenate((breaks, [months.size - 1]))
    return [
        (int(months[s]), int(months[e] - months[s] + 1)) for s, e in zip(starts, ends, strict=True)
    ]


def _censored(spell: tuple[int, int], n_months: int | None, max_gap: int) -> bool:
    """A spell is censored when the series ends before a breakdown could be seen."""
    if n_months is None:
        return False
    start, length = spell
    return start + length + max_gap >= n_months


def breakdown_hazard(
    spells: Sequence[tuple[int, int]], n_months: int | None = None, max_gap: int = 1
) -> float:
    """Monthly breakdown hazard of talks: MLE for a geometric spell duration.

    A spell lasts ``L >= 1`` months with ``P(L = l) = h (1 - h)^(l - 1)``: each month of talks is
    the last one with probability ``h``. A completed spell contributes ``h (1 - h)^(L - 1)`` to the
    likelihood. A spell still running when the series ends, i.e. with fewer than ``max_gap + 1``
    months of series after it, is censored: it only shows ``L >= l``, i.e. ``(1 - h)^(l - 1)``.
    So ``h = d / (sum of lengths - number censored)`` with ``d`` completed spells, which is
    ``1 / mean length`` without censoring. (A spell already running when the series starts is
    taken as it is: the geometric law is memoryless, so its observed months are still at risk.)

    Parameters
    ----------
    spells : sequence of (int, int)
        ``(start_index, length)`` pairs, e.g. from :func:`talk_spells`.
    n_months : int, optional
        Length of the series; spells that reach within ``max_gap`` months of its end are
        censored. Without it no spell is censored.
    max_gap : int, default 1
        The ``max_gap`` that defined the spells.

    Returns
    -------
    float
        Probability per month that talks in progress break down (in [0, 1]); NaN if no spell.

    Examples
    --------
    >>> breakdown_hazard([(0, 2), (5, 4)])
    0.3333333333333333
    >>> breakdown_hazard([(0, 2), (8, 4)], n_months=12)  # the second spell is censored
    0.2
    """
    if not spells:
        return float("nan")
    completed = 0
    exposure = 0
    for spell in spells:
        length = spell[1]
        if length < 1:
            raise ValueError(f"spell {spell} has no month")
        if _censored(spell, n_months, max_gap):
            exposure += length - 1
        else:
            completed += 1
            exposure += length
    if exposure == 0:
        return float("nan")
    return completed / exposure


def mean_spell_length(spells: Sequence[tuple[int, int]]) -> float:
    """Mean observed spell length in months (censored spells count as observed).

    Examples
    --------
    >>> mean_spell_length([(0, 2), (5, 4)])
    3.0
    """
    if not spells:
        return float("nan")
    return float(np.mean([length for _, length in spells]))


@dataclass(frozen=True)
class TalksContrast:
    """Provocations in months with and without talks (data.md §2.3; claim C9).

    Attributes
    ----------
    talk_months, other_months : int
        Months with at least one negotiation event, and months with none.
    rate_talks, rate_other : float
        Mean provocations per month in each group (events/month).
    p_any_talks, p_any_other : float
        Share of months with at least one provocation in each group.
    """

    talk_months: int
    other_months: int
    rate_talks: float
    rate_other: float
    p_any_talks: float
    p_any_other: float


def provocations_by_talks(provocations: ArrayLike, negotiations: ArrayLike) -> TalksContrast:
    """Mean provocations a month with and without talks in the same month.

    On the CSIS data 1990-01..2018-08: 138 months with talks average 0.32 provocations (24 % with
    at least one), 206 without average 0.56 (31 %) (data.md §2.3). The contrast is raw: it does
    not control for the clustering of provocations (see :mod:`stratagem.data.hawkes`, D16).

    Parameters
    ----------
    provocations, negotiations : array_like
        Monthly counts, same length.

    Returns
    -------
    TalksContrast

    Examples
    --------
    >>> c = provocations_by_talks([0, 2, 1, 0], [1, 0, 0, 3])
    >>> c.talk_months, c.rate_talks, c.rate_other, c.p_any_other
    (2, 0.0, 1.5, 1.0)
    """
    prov = _counts(provocations, "provocations")
    talks = _counts(negotiations, "negotiations") > 0
    if prov.shape != talks.shape:
        raise ValueError("provocations and negotiations must have the same length")

    def mean(x: np.ndarray[tuple[int], np.dtype[np.float64]]) -> float:
        return float(x.mean()) if x.size else float("nan")

    return TalksContrast(
        talk_months=int(talks.sum()),
        other_months=int((~talks).sum()),
        rate_talks=mean(prov[talks]),
        rate_other=mean(prov[~talks]),
        p_any_talks=mean((prov[talks] > 0).astype(np.float64)),
        p_any_other=mean((prov[~talks] > 0).astype(np.float64)),
    )
