"""All Nash equilibria of two-player (bimatrix) games: support and vertex enumeration.

Two methods, both pure NumPy:

* :func:`support_enumeration`: for every pair of supports of equal size, solve the indifference
  equations and keep the solutions that are probability vectors with no profitable pure
  deviation (Nisan, Roughgarden, Tardos & Vazirani (eds.) 2007, *Algorithmic Game Theory*,
  ch. 3.3, von Stengel; Porter, Nudelman & Shoham 2008, *GEB* 63(2): 642-662). It finds every
  equilibrium of a *nondegenerate* game; in degenerate games it may miss some.
* :func:`vertex_enumeration`: every pair of completely labelled vertices of the best-response
  polytopes ``P = {x >= 0, B'^T x <= 1}`` and ``Q = {A' y <= 1, y >= 0}`` (payoffs shifted to be
  positive), i.e. every *extreme* Nash equilibrium, degenerate games included (Mangasarian 1964,
  *J. SIAM* 12(4): 778-780; Avis, Rosenberg, Savani & von Stengel 2010, "Enumeration of Nash
  equilibria for two-player games", *Economic Theory* 42: 9-37). Every equilibrium is a convex
  combination of extreme equilibria that are pairwise interchangeable; in a nondegenerate game
  the extreme equilibria are all the equilibria. This is what Gambit's ``enummixed_solve``
  returns.

:func:`nash_equilibria` is the front door.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from stratagem.games.normal_form import Array

__all__ = [
    "Equilibrium2",
    "dedupe",
    "nash_equilibria",
    "support_enumeration",
    "vertex_enumeration",
]

Equilibrium2 = tuple[Array, Array]

#: Largest number of candidate bases (``C(m + n, m)``) vertex enumeration will try.
MAX_BASES = 2_000_000

#: Tolerance on feasibility and best-response conditions, relative to the payoff range.
TOL = 1e-9


def _check(A: ArrayLike, B: ArrayLike) -> tuple[Array, Array]:
    a = np.asarray(A, dtype=np.float64)
    b = np.asarray(B, dtype=np.float64)
    if a.ndim != 2 or a.shape != b.shape or a.size == 0:
        raise ValueError(
            f"A and B must be non-empty matrices of one shape; got {a.shape}, {b.shape}"
        )
    if not (np.all(np.isfinite(a)) and np.all(np.isfinite(b))):
        raise ValueError("payoffs must be finite")
    return a, b


def _scale(a: Array, b: Array) -> float:
    return float(max(np.ptp(a), np.ptp(b), 1.0))


def dedupe(equilibria: list[Equilibrium2], tol: float = 1e-7) -> list[Equilibrium2]:
    """Drop near-duplicate profiles and sort lexicographically (row strategy, then column).

    >>> e = (np.array([1.0, 0.0]), np.array([0.0, 1.0]))
    >>> len(dedupe([e, (e[0] + 1e-12, e[1])]))
    1
    """
    kept: list[Equilibrium2] = []
    for x, y in equilibria:
        x = np.where(np.abs(x) < tol * 1e-2, 0.0, x)
        y = np.where(np.abs(y) < tol * 1e-2, 0.0, y)
        if not any(np.max(np.abs(x - u)) <= tol and np.max(np.abs(y - v)) <= tol for u, v in kept):
            kept.append((x, y))
    kept.sort(key=lambda e: (tuple(-e[0]), tuple(-e[1])))
    return kept


def _is_equilibrium(a: Array, b: Array, x: Array, y: Array, tol: float) -> bool:
    if x.min() < -tol or y.min() < -tol:
        return False
    u = a @ y
    v = x @ b
    return bool(u.max() <= x @ u + tol and v.max() <= v @ y + tol)


def _indifferent(
    m: Array, support_self: tuple[int, ...], support_other: tuple[int, ...]
) -> Array | None:
    """The other player's mixture on ``support_other`` equalizing the rows ``support_self``.

    ``None`` if the system is singular.
    """
    k = len(support_self)
    system = np.zeros((k + 1, k + 1))
    system[:k, :k] = m[np.ix_(support_self, support_other)]
    system[:k, k] = -1.0
    system[k, :k] = 1.0
    rhs = np.zeros(k + 1)
    rhs[k] = 1.0
    try:
        sol = np.linalg.solve(system, rhs)
    except np.linalg.LinAlgError:
        return None
    if not np.all(np.isfinite(sol)) or np.linalg.cond(system) > 1e12:
        return None
    return np.asarray(sol[:k], dtype=np.float64)


def _support_pairs(m: int, n: int) -> Iterator[tuple[tuple[int, ...], tuple[int, ...]]]:
    for k in range(1, min(m, n) + 1):
        for rows in itertools.combinations(range(m), k):
            for cols in itertools.combinations(range(n), k):
                yield rows, cols


def support_enumeration(A: ArrayLike, B: ArrayLike) -> list[Equilibrium2]:
    """All equilibria with supports of equal size (all equilibria of a nondegenerate game).

    Returns a list of ``(x, y)`` (row mixed strategy, column mixed strategy), deduplicated and
    sorted.

    Examples
    --------
    Battle of the sexes has two pure equilibria and one mixed one:

    >>> eqs = support_enumeration([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> [(x.round(3).tolist(), y.round(3).tolist()) for x, y in eqs]
    [([1.0, 0.0], [1.0, 0.0]), ([0.667, 0.333], [0.333, 0.667]), ([0.0, 1.0], [0.0, 1.0])]
    """
    a, b = _check(A, B)
    m, n = a.shape
    if math.comb(m + n, m) > MAX_BASES:
        raise ValueError(
            f"support enumeration of a {m}x{n} game has {math.comb(m + n, m):.3g} support pairs "
            f"(more than {MAX_BASES:.0e}); use method='lemke_howson' for large games"
        )
    tol = TOL * _scale(a, b)
    found: list[Equilibrium2] = []
    for rows, cols in _support_pairs(m, n):
        ys = _indifferent(a, rows, cols)
        xs = _indifferent(b.T, cols, rows)
        if ys is None or xs is None:
            continue
        x = np.zeros(m)
        y = np.zeros(n)
        x[list(rows)] = xs
        y[list(cols)] = ys
        if _is_equilibrium(a, b, x, y, tol):
            found.append(
                (
                    np.clip(x, 0.0, None) / np.clip(x, 0.0, None).sum(),
                    y.clip(0.0) / y.clip(0.0).sum(),
                )
            )
    return dedupe(found)


def _vertices(
    constraints: Array, rhs: Array, dim: int, tol: float
) -> list[tuple[Array, frozenset[int]]]:
    """Vertices of ``{z : constraints @ z <= rhs}`` with their tight constraints.

    Rows ``0..dim-1`` are ``-z_i <= 0``; the origin is excluded.
    """
    rows = constraints.shape[0]
    combos = np.array(list(itertools.combinations(range(rows), dim)), dtype=np.int64)
    mats = constraints[combos]
    vecs = rhs[combos]
    dets = np.linalg.det(mats)
    ok = np.abs(dets) > 1e-12 * np.max(np.abs(constraints)) ** dim
    out: list[tuple[Array, frozenset[int]]] = []
    if not ok.any():
        return out
    sols = np.linalg.solve(mats[ok], vecs[ok][..., None])[..., 0]
    slack = rhs[None, :] - sols @ constraints.T
    feasible = np.all(slack >= -tol, axis=1) & (np.abs(sols).sum(axis=1) > tol)
    seen: list[Array] = []
    for z, s in zip(sols[feasible], slack[feasible], strict=True):
        if any(np.max(np.abs(z - w)) <= 1e-9 * max(1.0, float(np.max(np.abs(w)))) for w in seen):
            continue
        seen.append(z)
        out.append((np.clip(z, 0.0, None), frozenset(int(k) for k in np.flatnonzero(s <= tol))))
    return out


def vertex_enumeration(A: ArrayLike, B: ArrayLike) -> list[Equilibrium2]:
    """All extreme Nash equilibria (degenerate games included), deduplicated and sorted.

    Labels follow von Stengel: ``0..m-1`` for the row strategies, ``m..m+n-1`` for the columns.
    A vertex ``x`` of ``P`` has label ``i`` if ``x_i = 0`` and ``m + j`` if column ``j`` is a best
    response; ``y`` of ``Q`` has label ``i`` if row ``i`` is a best response and ``m + j`` if
    ``y_j = 0``. A pair is an equilibrium when its labels cover all ``m + n``.

    Examples
    --------
    A degenerate game with a continuum of equilibria (row 1 mixes freely once the column
    player plays column 0): its two extreme equilibria are returned.

    >>> eqs = vertex_enumeration([[1, 1], [1, 0]], [[1, 1], [1, 0]])
    >>> [(x.tolist(), y.tolist()) for x, y in eqs]
    [([1.0, 0.0], [1.0, 0.0]), ([1.0, 0.0], [0.0, 1.0]), ([0.0, 1.0], [1.0, 0.0])]
    """
    a, b = _check(A, B)
    m, n = a.shape
    if math.comb(m + n, m) > MAX_BASES:
        raise ValueError(
            f"vertex enumeration of a {m}x{n} game needs {math.comb(m + n, m):.3g} linear "
            f"solves (more than {MAX_BASES:.0e}); use method='lemke_howson' for large games"
        )
    a_pos = a - a.min() + 1.0
    b_pos = b - b.min() + 1.0
    tol = TOL * max(float(a_pos.max()), float(b_pos.max()))
    # P: x in R^m, constraints -x_i <= 0 (labels 0..m-1), (B'^T x)_j <= 1 (labels m..m+n-1)
    p_cons = np.vstack([-np.eye(m), b_pos.T])
    p_rhs = np.concatenate([np.zeros(m), np.ones(n)])
    # Q: y in R^n, constraints (A' y)_i <= 1 (labels 0..m-1), -y_j <= 0 (labels m..m+n-1)
    q_cons = np.vstack([a_pos, -np.eye(n)])
    q_rhs = np.concatenate([np.ones(m), np.zeros(n)])
    p_vertices = _vertices(p_cons, p_rhs, m, tol)
    q_vertices = _vertices(q_cons, q_rhs, n, tol)
    everything = frozenset(range(m + n))
    found: list[Equilibrium2] = []
    for x, lx in p_vertices:
        for y, ly in q_vertices:
            if lx | ly == everything:
                found.append((x / x.sum(), y / y.sum()))
    return dedupe(found)


def nash_equilibria(
    A: ArrayLike,
    B: ArrayLike | None = None,
    *,
    method: Literal["vertex", "support", "lemke_howson"] = "vertex",
) -> list[Equilibrium2]:
    """Nash equilibria of the bimatrix game ``(A, B)`` as ``(row strategy, column strategy)``.

    Parameters
    ----------
    A, B:
        Payoff matrices of the row and column players (``B = -A`` if omitted: zero-sum).
    method:
        ``"vertex"`` (default): all extreme equilibria, degenerate games included (see
        :func:`vertex_enumeration`); ``"support"``: support enumeration (complete for
        nondegenerate games); ``"lemke_howson"``: the equilibria Lemke-Howson reaches from the
        ``m + n`` initial dropped labels (not always all of them).

    Examples
    --------
    >>> [(x.round(9).tolist(), y.round(9).tolist()) for x, y in nash_equilibria([[1, -1], [-1, 1]])]
    [([0.5, 0.5], [0.5, 0.5])]
    """
    b = -np.asarray(A, dtype=np.float64) if B is None else B
    if method == "vertex":
        return vertex_enumeration(A, b)
    if method == "support":
        return support_enumeration(A, b)
    if method == "lemke_howson":
        from stratagem.games.solvers.lemke_howson import lemke_howson_all

        return lemke_howson_all(A, b)
    raise ValueError(f"unknown method {method!r}; expected 'vertex', 'support' or 'lemke_howson'")
