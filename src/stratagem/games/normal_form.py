"""Finite games in normal (strategic) form with any number of players.

A game with ``n`` players, player ``i`` having ``m_i`` pure strategies, is one payoff tensor of
shape ``(n, m_1, ..., m_n)``: ``payoffs[i][s_1, ..., s_n]`` is player ``i``'s payoff when the
players use the pure strategies ``s_1 .. s_n``. A mixed profile is a tuple of probability vectors,
one per player.

Definitions follow Nash (1951), "Non-cooperative games", *Annals of Mathematics* 54(2): 286-295:
a profile is a Nash equilibrium when no player gains by a unilateral deviation, i.e. when every
player's *regret* ``max_s u_i(s, sigma_-i) - u_i(sigma)`` is zero.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Array",
    "MixedProfile",
    "NormalFormGame",
    "as_profile",
    "contract",
]

Array: TypeAlias = NDArray[np.float64]
MixedProfile: TypeAlias = tuple[Array, ...]


def contract(tensor: Array, profile: Sequence[Array], keep: Sequence[int] = ()) -> Array:
    """Contract the player axes of ``tensor`` with the mixed strategies of ``profile``.

    Axes listed in ``keep`` are left in place (in their original order); every other axis ``k``
    is summed against ``profile[k]``.

    >>> t = np.arange(4.0).reshape(2, 2)
    >>> contract(t, (np.array([0.5, 0.5]), np.array([1.0, 0.0])))
    array(1.)
    >>> contract(t, (np.array([0.5, 0.5]), np.array([1.0, 0.0])), keep=(1,))
    array([1., 2.])
    """
    out = np.asarray(tensor, dtype=np.float64)
    for k in reversed(range(len(profile))):
        if k not in keep:
            out = np.tensordot(out, profile[k], axes=([k], [0]))
    return np.asarray(out, dtype=np.float64)


def as_profile(profile: Sequence[ArrayLike]) -> MixedProfile:
    """A mixed profile as a tuple of float arrays.

    >>> as_profile([[1, 0], [0.5, 0.5]])
    (array([1., 0.]), array([0.5, 0.5]))
    """
    return tuple(np.asarray(p, dtype=np.float64) for p in profile)


@dataclass(frozen=True, eq=False)
class NormalFormGame:
    """A finite game in strategic form.

    Attributes
    ----------
    payoffs:
        Array of shape ``(n_players, m_1, ..., m_n)``.
    players:
        Player names (default ``"1"``, ``"2"``, ...).
    strategies:
        Strategy labels per player (default ``"1"``, ``"2"``, ...).
    title:
        A title (written to ``.nfg`` files).

    Examples
    --------
    >>> pd = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> pd.shape
    (2, 2)
    >>> pd.pure_equilibria()
    [(1, 1)]
    """

    payoffs: Array
    players: tuple[str, ...] = ()
    strategies: tuple[tuple[str, ...], ...] = ()
    title: str = ""

    def __post_init__(self) -> None:
        payoffs = np.asarray(self.payoffs, dtype=np.float64)
        if payoffs.ndim < 2 or payoffs.shape[0] != payoffs.ndim - 1:
            raise ValueError(
                "payoffs must have shape (n_players, m_1, ..., m_n); "
                f"got an array of shape {payoffs.shape}"
            )
        if not np.all(np.isfinite(payoffs)):
            raise ValueError("payoffs must be finite numbers")
        n = payoffs.shape[0]
        if any(m < 1 for m in payoffs.shape[1:]):
            raise ValueError("every player needs at least one strategy")
        players = self.players or tuple(str(i + 1) for i in range(n))
        if len(players) != n:
            raise ValueError(f"{n} players in the payoffs but {len(players)} names")
        strategies = self.strategies or tuple(
            tuple(str(j + 1) for j in range(m)) for m in payoffs.shape[1:]
        )
        if tuple(len(s) for s in strategies) != payoffs.shape[1:]:
            raise ValueError(
                f"strategy labels {[len(s) for s in strategies]} do not match the payoff "
                f"shape {payoffs.shape[1:]}"
            )
        payoffs.setflags(write=False)
        object.__setattr__(self, "payoffs", payoffs)
        object.__setattr__(self, "players", tuple(players))
        object.__setattr__(self, "strategies", tuple(tuple(s) for s in strategies))

    @classmethod
    def from_bimatrix(
        cls,
        A: ArrayLike,
        B: ArrayLike,
        *,
        players: tuple[str, str] = ("1", "2"),
        strategies: tuple[tuple[str, ...], tuple[str, ...]] | tuple[()] = (),
        title: str = "",
    ) -> NormalFormGame:
        """A two-player game from the row player's matrix ``A`` and the column player's ``B``.

        >>> NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]).payoffs.shape
        (2, 2, 2)
        """
        a = np.asarray(A, dtype=np.float64)
        b = np.asarray(B, dtype=np.float64)
        if a.ndim != 2 or a.shape != b.shape:
            raise ValueError(f"A and B must be matrices of one shape; got {a.shape} and {b.shape}")
        return cls(np.stack([a, b]), players=players, strategies=strategies, title=title)

    @property
    def n_players(self) -> int:
        """Number of players."""
        return int(self.payoffs.shape[0])

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of pure strategies of each player."""
        return tuple(int(m) for m in self.payoffs.shape[1:])

    def bimatrix(self) -> tuple[Array, Array]:
        """``(A, B)`` for a two-player game."""
        if self.n_players != 2:
            raise ValueError(f"a bimatrix needs 2 players, this game has {self.n_players}")
        return np.array(self.payoffs[0]), np.array(self.payoffs[1])

    def uniform_profile(self) -> MixedProfile:
        """Every player mixes uniformly (the centroid; the logit QRE at precision 0)."""
        return tuple(np.full(m, 1.0 / m) for m in self.shape)

    def strategy_values(self, profile: Sequence[ArrayLike], player: int) -> Array:
        """Expected payoff to ``player`` of each of its pure strategies against ``profile``.

        >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 2]], [[2, 0], [0, 1]])
        >>> g.strategy_values([[0.5, 0.5], [0.25, 0.75]], 0)
        array([0.25, 1.5 ])
        """
        prof = as_profile(profile)
        return contract(self.payoffs[player], prof, keep=(player,))

    def expected_payoffs(self, profile: Sequence[ArrayLike]) -> Array:
        """Expected payoff of every player under the mixed ``profile``."""
        prof = as_profile(profile)
        return np.array([float(contract(self.payoffs[i], prof)) for i in range(self.n_players)])

    def regrets(self, profile: Sequence[ArrayLike]) -> Array:
        """Each player's gain from its best unilateral deviation (zero at an equilibrium)."""
        prof = as_profile(profile)
        out = np.empty(self.n_players)
        for i in range(self.n_players):
            values = self.strategy_values(prof, i)
            out[i] = float(values.max() - values @ prof[i])
        return out

    def max_regret(self, profile: Sequence[ArrayLike]) -> float:
        """The largest regret over players."""
        return float(self.regrets(profile).max())

    def is_nash(self, profile: Sequence[ArrayLike], tol: float = 1e-9) -> bool:
        """Whether ``profile`` is a Nash equilibrium up to ``tol`` (regret and probabilities).

        >>> mp = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
        >>> mp.is_nash([[0.5, 0.5], [0.5, 0.5]]), mp.is_nash([[1, 0], [1, 0]])
        (True, False)
        """
        prof = as_profile(profile)
        if len(prof) != self.n_players:
            return False
        for p, m in zip(prof, self.shape, strict=True):
            if p.shape != (m,) or p.min() < -tol or abs(p.sum() - 1.0) > tol:
                return False
        return self.max_regret(prof) <= tol

    def pure_equilibria(self) -> list[tuple[int, ...]]:
        """All pure-strategy Nash equilibria, in lexicographic order of the profiles.

        A profile is an equilibrium when each player's payoff is the maximum of its payoffs
        along its own axis (ties allowed).
        """
        best = np.ones(self.shape, dtype=bool)
        for i in range(self.n_players):
            u = self.payoffs[i]
            best &= u >= u.max(axis=i, keepdims=True)
        return [tuple(int(k) for k in idx) for idx in zip(*np.nonzero(best), strict=True)]

    def pure_profile(self, indices: Sequence[int]) -> MixedProfile:
        """The mixed profile that plays the pure strategies ``indices``."""
        out = []
        for j, m in zip(indices, self.shape, strict=True):
            p = np.zeros(m)
            p[j] = 1.0
            out.append(p)
        return tuple(out)

    def profiles(self) -> itertools.product[tuple[int, ...]]:
        """All pure profiles, player 1's strategy varying slowest."""
        return itertools.product(*(range(m) for m in self.shape))
