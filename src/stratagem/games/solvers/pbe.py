"""Pure-strategy perfect Bayesian equilibria of finite games with hidden types or moves.

A *perfect Bayesian equilibrium* (PBE) is a behaviour profile and a belief at every information
set such that (i) every action is optimal at its information set given the belief and the
continuation play (sequential rationality), and (ii) beliefs follow Bayes' rule wherever
possible (Fudenberg & Tirole 1991, *Game Theory*, ch. 8; Gibbons 1992, *Game Theory for
Applied Economists*, ch. 4.1, Requirements 1-4).

This module enumerates the pure behaviour profiles (with pruning of actions that are optimal for
no belief given the play below them) and, for each, the beliefs allowed by the following
consistency rule (decision G3 of :mod:`stratagem.games`):

* each node ``n`` of an information set is reached through a set ``D(n)`` of *deviations*
  (player moves on its path that the profile does not prescribe; a chance move of probability
  zero also counts as a deviation);
* only nodes whose ``D(n)`` is *minimal* (no other node of the set is reached through a strict
  subset) can carry belief: extra deviations make a node infinitely less likely, as in
  Kreps & Wilson's (1982) consistent assessments (*Econometrica* 50(4): 863-894);
* nodes with the *same* minimal ``D`` are weighted by their chance probabilities (Bayes' rule);
  groups with *different* minimal ``D`` may be weighted freely.

On the path of play ``D = {}`` is the unique minimal set, so beliefs are exactly Bayes' rule. In a
sender-receiver (signalling) game this is the textbook PBE: after an unsent message the receiver's
belief is free. After a deviation that cannot depend on a hidden type (a move by a player who does
not know it) the belief stays at the Bayesian posterior (e.g. the prior).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from stratagem.games.extensive_form import Behavior, ExtensiveFormGame
from stratagem.games.normal_form import Array

__all__ = ["PerfectBayesian", "admissible_belief", "pure_pbe"]

TOL = 1e-9


@dataclass(frozen=True)
class PerfectBayesian:
    """A pure-strategy PBE.

    Attributes
    ----------
    behavior:
        The pure behaviour profile.
    beliefs:
        A supporting belief over the nodes of each information set (Bayes' rule on the path;
        off the path, one admissible belief that makes the prescribed action optimal).
    on_path:
        Whether each information set is reached with positive probability.
    payoffs:
        Expected payoffs.
    """

    behavior: Behavior
    beliefs: tuple[Array, ...]
    on_path: tuple[bool, ...]
    payoffs: Array

    def choices(self, game: ExtensiveFormGame) -> dict[tuple[str, str], str]:
        """``{(player, infoset): action}``."""
        return {
            (game.players[s.player], s.label): s.actions[int(np.argmax(p))]
            for s, p in zip(game.infosets, self.behavior, strict=True)
        }


def admissible_belief(gains: list[Array], tol: float = TOL) -> Array | None:
    """Weights ``w`` on the simplex with ``sum_g w_g * gains[g] >= -tol`` elementwise, or ``None``.

    ``gains[g][b]`` is the advantage of the prescribed action over action ``b`` under belief
    group ``g``. Solved as the linear programme ``max t`` s.t. ``sum_g w_g gains[g] >= t``.

    >>> admissible_belief([np.array([0.0, -1.0]), np.array([0.0, 2.0])]).round(3).tolist()
    [0.0, 1.0]
    >>> admissible_belief([np.array([0.0, -1.0])]) is None
    True
    """
    k = len(gains)
    g = np.array(gains)  # (groups, actions)
    if k == 1:
        return np.ones(1) if g[0].min() >= -tol else None
    for j in range(k):  # a single group often suffices
        if g[j].min() >= -tol:
            w = np.zeros(k)
            w[j] = 1.0
            return w
    # variables (w_1..w_k, t); minimize -t; -(g^T w) + t <= 0; sum w = 1
    c = np.zeros(k + 1)
    c[-1] = -1.0
    a_ub = np.hstack([-g.T, np.ones((g.shape[1], 1))])
    res = linprog(
        c,
        A_ub=a_ub,
        b_ub=np.zeros(g.shape[1]),
        A_eq=np.concatenate([np.ones(k), [0.0]])[None, :],
        b_eq=[1.0],
        bounds=[(0, None)] * k + [(None, None)],
        method="highs",
    )
    if res.status != 0 or -res.fun < -tol:
        return None
    return np.clip(np.asarray(res.x[:k], dtype=np.float64), 0.0, None)


def _deviations(game: ExtensiveFormGame, choice: list[int]) -> list[frozenset[tuple[int, int]]]:
    out: list[frozenset[tuple[int, int]]] = [frozenset()] * len(game.nodes)
    for k in range(1, len(game.nodes)):
        par = int(game.parent[k])
        a = int(game.parent_action[k])
        dev = out[par]
        if game.node_player[par] >= 0:
            if choice[int(game.node_infoset[par])] != a:
                dev = dev | {(int(game.node_infoset[par]), a)}
        elif game.chance_probs[par][a] <= 0:
            dev = dev | {(-1 - k, 0)}
        out[k] = dev
    return out


def _chance_weight(game: ExtensiveFormGame) -> Array:
    w = np.ones(len(game.nodes))
    for k in range(1, len(game.nodes)):
        par = int(game.parent[k])
        step = game.chance_probs[par][game.parent_action[k]] if game.node_player[par] == -1 else 1.0
        w[k] = w[par] * (step if step > 0 else 1.0)
    return w


def _belief_groups(
    nodes: tuple[int, ...], dev: list[frozenset[tuple[int, int]]], weight: Array
) -> list[Array]:
    sets = {dev[k] for k in nodes}
    minimal = [d for d in sets if not any(e < d for e in sets)]
    minimal.sort(key=lambda d: sorted(d))
    groups = []
    for d in minimal:
        mu = np.array([weight[k] if dev[k] == d else 0.0 for k in nodes])
        groups.append(mu / mu.sum())
    return groups


def _gain_table(game: ExtensiveFormGame, values: Array, h: int, action: int) -> Array:
    s = game.infosets[h]
    table = np.array([[values[c, s.player] for c in game.children[k]] for k in s.nodes])
    return np.asarray(table[:, action][:, None] - table, dtype=np.float64)  # (nodes, actions)


def _below(game: ExtensiveFormGame) -> list[set[int]]:
    """Information sets strictly below any node of each information set."""
    out: list[set[int]] = []
    for s in game.infosets:
        found: set[int] = set()
        stack = [c for k in s.nodes for c in game.children[k]]
        while stack:
            k = stack.pop()
            if game.node_infoset[k] >= 0:
                found.add(int(game.node_infoset[k]))
            stack.extend(game.children[k])
        out.append(found)
    return out


def pure_pbe(
    game: ExtensiveFormGame, *, tol: float = TOL, limit: int = 10_000
) -> list[PerfectBayesian]:
    """All pure-strategy perfect Bayesian equilibria (consistency rule of the module docstring).

    Parameters
    ----------
    game:
        A finite game with perfect recall.
    tol:
        Tolerance on payoff comparisons, relative to the payoff range.
    limit:
        Stop after this many equilibria.

    Examples
    --------
    A beer-quiche style signalling game: a strong (prob. 0.9) or weak sender picks a message;
    the receiver, seeing only the message, fights or yields. Both pooling equilibria are PBE
    (off-path beliefs free); no separating one is.

    >>> from stratagem.games.extensive_form import chance, decision, leaf
    >>> def sender(t, strong):
    ...     def after(msg, bonus):
    ...         fight = (bonus, 1 if not strong else 0)
    ...         yield_ = (bonus + 2, 0 if not strong else 1)
    ...         return decision("R", msg, {"fight": leaf(*fight), "yield": leaf(*yield_)})
    ...     pref = 1 if strong else 0
    ...     options = {"beer": after("beer", pref), "quiche": after("quiche", 1 - pref)}
    ...     return decision("S", t, options)
    >>> g = ExtensiveFormGame(("S", "R"), chance({"strong": (0.9, sender("strong", True)),
    ...                                            "weak": (0.1, sender("weak", False))}))
    >>> for e in pure_pbe(g):
    ...     print(sorted(e.choices(g).items())[2:])
    [(('S', 'strong'), 'quiche'), (('S', 'weak'), 'quiche')]
    [(('S', 'strong'), 'beer'), (('S', 'weak'), 'beer')]
    >>> len(pure_pbe(g))
    2
    """
    scale = tol * max(1.0, float(np.ptp(game.leaf_payoffs)))
    n_sets = len(game.infosets)
    below = _below(game)
    # deepest information sets first, so that pruning sees complete continuation play
    order = sorted(range(n_sets), key=lambda h: len(below[h]))
    weight = _chance_weight(game)
    found: list[PerfectBayesian] = []
    choice = [0] * n_sets
    assigned: set[int] = set()

    def admissible(h: int, a: int) -> bool:
        if not below[h] <= assigned:
            return True
        values = game.values(game.pure_behavior(choice))
        gains = _gain_table(game, values, h, a)
        if np.any(np.all(gains >= -scale, axis=1)):
            return True
        return admissible_belief(list(gains), scale) is not None

    def check() -> None:
        behavior = game.pure_behavior(choice)
        values = game.values(behavior)
        reach = game.reach(behavior)
        dev = _deviations(game, choice)
        beliefs = []
        on_path = []
        for h, s in enumerate(game.infosets):
            groups = _belief_groups(s.nodes, dev, weight)
            gains_by_node = _gain_table(game, values, h, choice[h])
            gains = [g @ gains_by_node for g in groups]
            w = admissible_belief(gains, scale)
            if w is None:
                return
            beliefs.append(np.asarray(np.array(groups).T @ w, dtype=np.float64))
            on_path.append(bool(reach[list(s.nodes)].sum() > 0))
        found.append(PerfectBayesian(behavior, tuple(beliefs), tuple(on_path), values[0].copy()))

    def search(pos: int) -> None:
        if len(found) >= limit:
            return
        if pos == n_sets:
            check()
            return
        h = order[pos]
        for a in range(len(game.infosets[h].actions)):
            choice[h] = a
            if admissible(h, a):
                assigned.add(h)
                search(pos + 1)
                assigned.discard(h)
        choice[h] = 0

    search(0)
    return found


def all_pure_profiles(game: ExtensiveFormGame) -> itertools.product[tuple[int, ...]]:
    """Every pure behaviour profile (action indices per information set)."""
    return itertools.product(*(range(len(s.actions)) for s in game.infosets))
