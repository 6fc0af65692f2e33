"""Backward induction: subgame-perfect equilibria of perfect-information trees.

Zermelo (1913); Kuhn (1953); Selten (1965), "Spieltheoretische Behandlung eines
Oligopolmodells mit Nachfrageträgheit", *Z. ges. Staatswiss.* 121: 301-324. At every decision
node, from the leaves up, the mover picks an action that maximizes its own continuation value;
chance nodes average their children with the chance probabilities. Every finite game of perfect
information has a pure subgame-perfect equilibrium (SPE), unique when no mover is ever
indifferent.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from stratagem.games.extensive_form import Behavior, ExtensiveFormGame
from stratagem.games.normal_form import Array

__all__ = ["SubgamePerfect", "backward_induction", "subgame_perfect_equilibria"]

#: Two continuation values closer than this (relative to the payoff range) are a tie.
TIE_TOL = 1e-12


@dataclass(frozen=True)
class SubgamePerfect:
    """A subgame-perfect equilibrium.

    Attributes
    ----------
    behavior:
        Behaviour profile (one probability vector per information set).
    values:
        Continuation values, shape ``(n_nodes, n_players)``.
    payoffs:
        Expected payoffs at the root.
    """

    behavior: Behavior
    values: Array
    payoffs: Array

    def choices(self, game: ExtensiveFormGame) -> dict[tuple[str, str], str]:
        """``{(player, infoset): action}`` for the pure choices of the profile."""
        out = {}
        for s, p in zip(game.infosets, self.behavior, strict=True):
            out[(game.players[s.player], s.label)] = s.actions[int(np.argmax(p))]
        return out


def _require_perfect_information(game: ExtensiveFormGame) -> None:
    if not game.is_perfect_information():
        raise ValueError(
            "backward induction needs perfect information (every information set a single "
            "node); use the PBE or QRE solvers for games with hidden moves or types"
        )


def _tol(game: ExtensiveFormGame) -> float:
    return TIE_TOL * max(1.0, float(np.ptp(game.leaf_payoffs)))


def _one_hot(size: int, index: int) -> Array:
    probs = np.zeros(size)
    probs[index] = 1.0
    return probs


def _induce(
    game: ExtensiveFormGame, choose: Callable[[int, NDArray[np.intp], int], Array | None]
) -> SubgamePerfect | None:
    """Walk the tree from the leaves up, the movers choosing by ``choose``.

    ``choose(node, best, n_actions)`` gives the mover's probabilities over the node's actions
    given its best ones, or None to abandon the walk (then None is returned).
    """
    tol = _tol(game)
    values = np.array(game.leaf_payoffs)
    behavior: list[Array] = [np.zeros(len(s.actions)) for s in game.infosets]
    for k in range(len(game.nodes) - 1, -1, -1):
        kids = list(game.children[k])
        if not kids:
            continue
        player = int(game.node_player[k])
        if player == -1:
            values[k] = game.chance_probs[k] @ values[kids]
            continue
        own = values[kids, player]
        probs = choose(k, np.flatnonzero(own >= own.max() - tol), len(kids))
        if probs is None:
            return None
        behavior[int(game.node_infoset[k])] = probs
        values[k] = probs @ values[kids]
    return SubgamePerfect(tuple(behavior), values, np.array(values[0]))


def backward_induction(
    game: ExtensiveFormGame, *, ties: Literal["first", "uniform"] = "first"
) -> SubgamePerfect:
    """The subgame-perfect equilibrium of a perfect-information game.

    Parameters
    ----------
    game:
        A game whose information sets are all singletons (chance moves allowed).
    ties:
        When the mover is indifferent: ``"first"`` picks the first best action in the node's
        order (a pure SPE); ``"uniform"`` mixes uniformly over the best actions (also an SPE).

    Examples
    --------
    Entry deterrence: the threat to fight is not credible, so the entrant enters.

    >>> from stratagem.games.extensive_form import decision, leaf
    >>> g = ExtensiveFormGame(("E", "I"), decision("E", "e", {
    ...     "out": leaf(0, 2),
    ...     "in": decision("I", "i", {"fight": leaf(-1, -1), "accommodate": leaf(1, 1)})}))
    >>> spe = backward_induction(g)
    >>> spe.choices(g), spe.payoffs.tolist()
    ({('E', 'e'): 'in', ('I', 'i'): 'accommodate'}, [1.0, 1.0])
    """
    _require_perfect_information(game)

    def choose(node: int, best: NDArray[np.intp], n_actions: int) -> Array:
        if ties == "first":
            return _one_hot(n_actions, int(best[0]))
        probs = np.zeros(n_actions)
        probs[best] = 1.0 / len(best)
        return probs

    spe = _induce(game, choose)
    assert spe is not None  # choose never abandons the walk
    return spe


def subgame_perfect_equilibria(
    game: ExtensiveFormGame, *, limit: int = 10_000
) -> list[SubgamePerfect]:
    """All pure subgame-perfect equilibria (every way of breaking every tie).

    Ties are resolved node by node from the leaves up, and a tie changes the values above it,
    so the enumeration branches recursively; at most ``limit`` equilibria are returned.

    >>> from stratagem.games.extensive_form import decision, leaf
    >>> g = ExtensiveFormGame(("A", "B"), decision("A", "a", {
    ...     "L": decision("B", "b", {"l": leaf(1, 0), "r": leaf(0, 0)}), "R": leaf(0.5, 1)}))
    >>> [spe.choices(g) for spe in subgame_perfect_equilibria(g)]
    [{('A', 'a'): 'L', ('B', 'b'): 'l'}, {('A', 'a'): 'R', ('B', 'b'): 'r'}]
    """
    _require_perfect_information(game)
    found: list[SubgamePerfect] = []

    def solve(fixed: dict[int, int]) -> None:
        # A tie branches: each best action is fixed in turn and the walk restarts from the leaves.
        def choose(node: int, best: NDArray[np.intp], n_actions: int) -> Array | None:
            if node in fixed:
                return _one_hot(n_actions, fixed[node])
            if len(best) > 1:
                for b in best:
                    if len(found) < limit:
                        solve({**fixed, node: int(b)})
                return None
            return _one_hot(n_actions, int(best[0]))

        spe = _induce(game, choose)
        if spe is not None:
            found.append(spe)

    solve({})
    unique: list[SubgamePerfect] = []
    for spe in found:
        if not any(
            all(np.array_equal(p, q) for p, q in zip(spe.behavior, u.behavior, strict=True))
            for u in unique
        ):
            unique.append(spe)
    return list(itertools.islice(unique, limit))
