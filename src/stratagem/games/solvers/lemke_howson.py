"""The Lemke-Howson algorithm for bimatrix games, with lexicographic pivoting.

Lemke & Howson (1964), "Equilibrium points of bimatrix games", *J. SIAM* 12(2): 413-423, in the
tableau form of von Stengel (2007), "Equilibrium computation for two-player games in strategic
and extensive form", ch. 3 of *Algorithmic Game Theory* (Nisan et al., eds.), section 3.4-3.5.

Payoffs are shifted to be positive. The row player's polytope is ``B'^T x + r = 1`` (basis
``r`` at the start), the column player's ``A' y + s = 1`` (basis ``s``). Label ``i < m`` belongs
to ``x_i`` and ``s_i``; label ``m + j`` to ``y_j`` and ``r_j``. Starting from the artificial
equilibrium ``(0, 0)``, the variable with the *dropped label* enters; each pivot's leaving
variable has a duplicate label whose complement enters in the other tableau, until the dropped
label leaves. The minimum-ratio test is lexicographic (with the columns of the initial basis as
tie-breakers), so degenerate games terminate too.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from stratagem.games.normal_form import Array
from stratagem.games.solvers.support_enumeration import Equilibrium2, _check, dedupe

__all__ = ["lemke_howson", "lemke_howson_all"]

_EPS = 1e-12


def _lex_min_ratio(tableau: Array, column: int, slack_cols: slice) -> int:
    """Row of the lexicographic minimum ratio test for the entering ``column``."""
    col = tableau[:, column]
    candidates = np.flatnonzero(col > _EPS)
    if candidates.size == 0:  # pragma: no cover - impossible on a bounded polytope
        raise ArithmeticError("unbounded pivot column in Lemke-Howson")
    keys = np.column_stack([tableau[candidates, -1], tableau[candidates, slack_cols]])
    keys = keys / col[candidates, None]
    best = 0
    for r in range(1, len(candidates)):
        diff = keys[r] - keys[best]
        nz = np.flatnonzero(np.abs(diff) > 1e-12 * (1.0 + np.abs(keys[best])))
        if nz.size and diff[nz[0]] < 0:
            best = r
    return int(candidates[best])


def _pivot(tableau: Array, row: int, column: int) -> None:
    tableau[row] /= tableau[row, column]
    for r in range(tableau.shape[0]):
        if r != row and tableau[r, column] != 0.0:
            tableau[r] -= tableau[r, column] * tableau[row]


def lemke_howson(
    A: ArrayLike, B: ArrayLike, initial_dropped_label: int = 0, *, max_pivots: int = 100_000
) -> Equilibrium2:
    """One Nash equilibrium reached by Lemke-Howson from the given dropped label.

    Parameters
    ----------
    A, B:
        Row and column players' payoff matrices, shape ``(m, n)``.
    initial_dropped_label:
        ``0..m-1`` drops a row strategy, ``m..m+n-1`` a column strategy (Nashpy's convention).
    max_pivots:
        Safety limit on the number of pivots.

    Examples
    --------
    >>> x, y = lemke_howson([[2, 0], [0, 1]], [[1, 0], [0, 2]], 0)
    >>> x.tolist(), y.tolist()
    ([1.0, 0.0], [1.0, 0.0])
    """
    a, b = _check(A, B)
    m, n = a.shape
    if not 0 <= initial_dropped_label < m + n:
        raise ValueError(f"initial_dropped_label must be in 0..{m + n - 1}")
    a_pos = a - a.min() + 1.0
    b_pos = b - b.min() + 1.0
    # row tableau (P): rows j = 0..n-1, columns x_0..x_{m-1}, r_0..r_{n-1}, rhs
    tab_p = np.hstack([b_pos.T, np.eye(n), np.ones((n, 1))])
    # column tableau (Q): rows i = 0..m-1, columns s_0..s_{m-1}, y_0..y_{n-1}, rhs
    tab_q = np.hstack([np.eye(m), a_pos, np.ones((m, 1))])
    # labels of basic variables; in both tableaus the variable in column c has label c
    basis_p = list(range(m, m + n))  # r_j has label m + j
    basis_q = list(range(m))  # s_i has label i
    slack_p = slice(m, m + n)
    slack_q = slice(0, m)
    entering = initial_dropped_label
    in_p = entering < m  # x_i enters P; y_j enters Q
    for _ in range(max_pivots):
        if in_p:
            row = _lex_min_ratio(tab_p, entering, slack_p)
            leaving = basis_p[row]
            _pivot(tab_p, row, entering)
            basis_p[row] = entering
        else:
            row = _lex_min_ratio(tab_q, entering, slack_q)
            leaving = basis_q[row]
            _pivot(tab_q, row, entering)
            basis_q[row] = entering
        if leaving == initial_dropped_label:
            break
        entering = leaving
        in_p = not in_p
    else:  # pragma: no cover - the path is finite
        raise ArithmeticError("Lemke-Howson did not terminate")
    x = np.zeros(m)
    y = np.zeros(n)
    for row, label in enumerate(basis_p):
        if label < m:
            x[label] = tab_p[row, -1]
    for row, label in enumerate(basis_q):
        if label >= m:
            y[label - m] = tab_q[row, -1]
    return x / x.sum(), y / y.sum()


def lemke_howson_all(A: ArrayLike, B: ArrayLike) -> list[Equilibrium2]:
    """The distinct equilibria reached from every initial dropped label (sorted).

    >>> len(lemke_howson_all([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    2
    """
    a, b = _check(A, B)
    return dedupe([lemke_howson(a, b, k) for k in range(sum(a.shape))])
