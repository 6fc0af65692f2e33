"""Finite games in extensive form: trees with chance moves, information sets and player types.

A game is a tree of :class:`Node` objects built with :func:`leaf`, :func:`chance` and
:func:`decision`, and a tuple of player names (:class:`ExtensiveFormGame`). A decision node names
its player and its *information set* (a label unique within that player): nodes that share a
label are indistinguishable to the player and must offer the same actions. A player *type* is a
chance move whose outcome only that player observes: draw it with :func:`chance` and give the
player's later nodes type-specific information-set labels while everyone else's labels ignore it.

A *behaviour profile* is a tuple of probability vectors, one per information set in the order of
:attr:`ExtensiveFormGame.infosets`. Everything below follows Kuhn (1953), "Extensive games and the
problem of information", *Contributions to the Theory of Games* II: 193-216 (behaviour
strategies; perfect recall), and Myerson (1991), *Game Theory*, ch. 2 and 4 (beliefs by Bayes'
rule, sequential rationality).

Examples
--------
The entry-deterrence game (Selten's chain-store stage game):

>>> g = ExtensiveFormGame(
...     ("Entrant", "Incumbent"),
...     decision("Entrant", "e", {
...         "out": leaf(0, 2),
...         "in": decision("Incumbent", "i", {"fight": leaf(-1, -1), "accommodate": leaf(1, 1)}),
...     }),
... )
>>> [(s.player, s.label, s.actions) for s in g.infosets]
[(0, 'e', ('out', 'in')), (1, 'i', ('fight', 'accommodate'))]
>>> g.expected_payoffs(g.pure_behavior([1, 1]))
array([1., 1.])
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, TypeAlias, cast

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratagem.games.normal_form import Array, MixedProfile, NormalFormGame

__all__ = [
    "Behavior",
    "ExtensiveFormGame",
    "Infoset",
    "Node",
    "chance",
    "decision",
    "leaf",
]

NodeKind: TypeAlias = Literal["terminal", "chance", "decision"]
Behavior: TypeAlias = tuple[Array, ...]
IntArray: TypeAlias = NDArray[np.int64]

#: Tolerance on chance probabilities summing to one.
PROB_TOL = 1e-9


@dataclass(frozen=True)
class Node:
    """One node of a game tree (build it with :func:`leaf`, :func:`chance`, :func:`decision`)."""

    kind: NodeKind
    label: str = ""
    player: str = ""
    infoset: str = ""
    actions: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()
    probs: tuple[float, ...] = ()
    payoffs: tuple[float, ...] = ()
    outcome: str = ""


def leaf(*payoffs: float, label: str = "", outcome: str = "") -> Node:
    """A terminal node with one payoff per player.

    >>> leaf(1, -1).payoffs
    (1.0, -1.0)
    """
    return Node("terminal", label=label, payoffs=tuple(float(u) for u in payoffs), outcome=outcome)


def chance(branches: Mapping[str, tuple[float, Node]], *, label: str = "") -> Node:
    """A chance move: ``{action: (probability, child)}``. Use it to draw player types.

    >>> chance({"King": (0.5, leaf(1, -1)), "Queen": (0.5, leaf(-1, 1))}).probs
    (0.5, 0.5)
    """
    return Node(
        "chance",
        label=label,
        actions=tuple(branches),
        children=tuple(child for _, child in branches.values()),
        probs=tuple(float(p) for p, _ in branches.values()),
    )


def decision(player: str, infoset: str, branches: Mapping[str, Node], *, label: str = "") -> Node:
    """A decision of ``player`` in the information set labelled ``infoset``: ``{action: child}``.

    >>> decision("A", "a", {"L": leaf(0), "R": leaf(1)}).actions
    ('L', 'R')
    """
    return Node(
        "decision",
        label=label,
        player=player,
        infoset=infoset,
        actions=tuple(branches),
        children=tuple(branches.values()),
    )


@dataclass(frozen=True)
class Infoset:
    """An information set: its player's index, label, actions and member nodes (preorder ids)."""

    player: int
    label: str
    actions: tuple[str, ...]
    nodes: tuple[int, ...]


@dataclass(frozen=True, eq=False)
class ExtensiveFormGame:
    """A finite extensive-form game.

    Attributes
    ----------
    players:
        Player names; payoffs at the leaves are in this order.
    root:
        The root node.
    title:
        A title (written to ``.efg`` files).

    The constructor flattens the tree (preorder) into the arrays used by the solvers: ``nodes``,
    ``parent``, ``parent_action``, ``node_player`` (player index, ``-1`` for chance, ``-2`` for
    leaves), ``node_infoset``, ``children``, ``infosets`` and ``leaf_payoffs`` (one row per
    node, zero except at leaves).
    """

    players: tuple[str, ...]
    root: Node
    title: str = ""
    nodes: tuple[Node, ...] = field(init=False, repr=False)
    parent: IntArray = field(init=False, repr=False)
    parent_action: IntArray = field(init=False, repr=False)
    node_player: IntArray = field(init=False, repr=False)
    node_infoset: IntArray = field(init=False, repr=False)
    children: tuple[tuple[int, ...], ...] = field(init=False, repr=False)
    infosets: tuple[Infoset, ...] = field(init=False, repr=False)
    leaf_payoffs: Array = field(init=False, repr=False)
    chance_probs: tuple[Array, ...] = field(init=False, repr=False)
    offsets: IntArray = field(init=False, repr=False)
    _levels: tuple[IntArray, ...] = field(init=False, repr=False)
    _move_index: IntArray = field(init=False, repr=False)
    _move_chance: Array = field(init=False, repr=False)

    def __post_init__(self) -> None:
        players = tuple(self.players)
        if len(set(players)) != len(players) or not players:
            raise ValueError(f"player names must be distinct and non-empty: {players}")
        object.__setattr__(self, "players", players)
        index = {p: i for i, p in enumerate(players)}
        nodes: list[Node] = []
        parent: list[int] = []
        parent_action: list[int] = []
        stack: list[tuple[Node, int, int]] = [(self.root, -1, -1)]
        while stack:
            node, par, act = stack.pop()
            nodes.append(node)
            parent.append(par)
            parent_action.append(act)
            me = len(nodes) - 1
            stack.extend((c, me, a) for a, c in reversed(list(enumerate(node.children))))
        n = len(nodes)
        kids: list[list[int]] = [[] for _ in range(n)]
        for k in range(1, n):
            kids[parent[k]].append(k)
        node_player = np.full(n, -2, dtype=np.int64)
        node_infoset = np.full(n, -1, dtype=np.int64)
        leaf_payoffs = np.zeros((n, len(players)))
        chance_probs: list[Array] = []
        sets: dict[tuple[int, str], list[int]] = {}
        actions_of: dict[tuple[int, str], tuple[str, ...]] = {}
        for k, node in enumerate(nodes):
            where = f"node {k} ({node.label or node.kind})"
            if len(node.children) != len(node.actions) and node.kind != "terminal":
                raise ValueError(f"{where}: {len(node.actions)} actions but {len(node.children)}")
            if node.kind != "terminal" and not node.children:
                raise ValueError(f"{where}: a {node.kind} node needs at least one action")
            if len(set(node.actions)) != len(node.actions):
                raise ValueError(f"{where}: action labels must be distinct: {node.actions}")
            probs = np.asarray(node.probs, dtype=np.float64)
            chance_probs.append(probs)
            if node.kind == "terminal":
                if node.children:
                    raise ValueError(f"{where}: a leaf has no children")
                if len(node.payoffs) != len(players):
                    raise ValueError(
                        f"{where}: {len(node.payoffs)} payoffs for {len(players)} players"
                    )
                leaf_payoffs[k] = node.payoffs
            elif node.kind == "chance":
                node_player[k] = -1
                if probs.shape != (len(node.children),) or np.any(probs < 0):
                    raise ValueError(f"{where}: chance probabilities must be non-negative")
                if abs(probs.sum() - 1.0) > PROB_TOL:
                    raise ValueError(f"{where}: chance probabilities sum to {probs.sum()}, not 1")
            else:
                if node.player not in index:
                    raise ValueError(f"{where}: unknown player {node.player!r}; players {players}")
                i = index[node.player]
                node_player[k] = i
                key = (i, node.infoset)
                if key in actions_of and actions_of[key] != node.actions:
                    raise ValueError(
                        f"{where}: information set {node.infoset!r} of {node.player} has actions "
                        f"{actions_of[key]} elsewhere but {node.actions} here"
                    )
                actions_of[key] = node.actions
                sets.setdefault(key, []).append(k)
        infosets = []
        for h, (key, members) in enumerate(sets.items()):
            infosets.append(Infoset(key[0], key[1], actions_of[key], tuple(members)))
            node_infoset[list(members)] = h
        for arr in (node_player, node_infoset, leaf_payoffs):
            arr.setflags(write=False)
        object.__setattr__(self, "nodes", tuple(nodes))
        object.__setattr__(self, "parent", np.asarray(parent, dtype=np.int64))
        object.__setattr__(self, "parent_action", np.asarray(parent_action, dtype=np.int64))
        object.__setattr__(self, "node_player", node_player)
        object.__setattr__(self, "node_infoset", node_infoset)
        object.__setattr__(self, "children", tuple(tuple(c) for c in kids))
        object.__setattr__(self, "infosets", tuple(infosets))
        object.__setattr__(self, "leaf_payoffs", leaf_payoffs)
        object.__setattr__(self, "chance_probs", tuple(chance_probs))
        # vectorization helpers: flattened behaviour offsets, nodes by depth, move sources
        sizes = [len(s.actions) for s in infosets]
        offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
        depth = np.zeros(n, dtype=np.int64)
        move_index = np.full(n, -1, dtype=np.int64)
        move_chance = np.ones(n)
        for k in range(1, n):
            par = parent[k]
            depth[k] = depth[par] + 1
            if node_player[par] == -1:
                move_chance[k] = chance_probs[par][parent_action[k]]
            else:
                move_index[k] = offsets[node_infoset[par]] + parent_action[k]
        levels = tuple(
            np.flatnonzero(depth == d).astype(np.int64) for d in range(1, int(depth.max()) + 1)
        )
        object.__setattr__(self, "offsets", offsets)
        object.__setattr__(self, "_levels", levels)
        object.__setattr__(self, "_move_index", move_index)
        object.__setattr__(self, "_move_chance", move_chance)
        self._check_perfect_recall()

    # ----------------------------------------------------------------- structure

    @property
    def n_players(self) -> int:
        """Number of (personal) players."""
        return len(self.players)

    def infoset_index(self, player: str, label: str) -> int:
        """Index of ``player``'s information set ``label``."""
        i = self.players.index(player)
        for h, s in enumerate(self.infosets):
            if s.player == i and s.label == label:
                return h
        raise KeyError(f"{player} has no information set {label!r}")

    def is_perfect_information(self) -> bool:
        """Whether every information set is a single node."""
        return all(len(s.nodes) == 1 for s in self.infosets)

    def own_history(self, node: int, player: int) -> tuple[tuple[int, int], ...]:
        """The (information set, action) pairs ``player`` chose on the path to ``node``."""
        out: list[tuple[int, int]] = []
        k = node
        while self.parent[k] >= 0:
            par = int(self.parent[k])
            if self.node_player[par] == player:
                out.append((int(self.node_infoset[par]), int(self.parent_action[k])))
            k = par
        return tuple(reversed(out))

    def _check_perfect_recall(self) -> None:
        for s in self.infosets:
            histories = {self.own_history(k, s.player) for k in s.nodes}
            if len(histories) > 1:
                raise ValueError(
                    f"information set {s.label!r} of {self.players[s.player]} violates perfect "
                    "recall: its nodes follow different own moves"
                )

    def is_leaf(self, node: int) -> bool:
        """Whether ``node`` is terminal."""
        return bool(self.node_player[node] == -2)

    def leaves(self) -> IntArray:
        """Ids of the terminal nodes."""
        return np.flatnonzero(self.node_player == -2).astype(np.int64)

    # ----------------------------------------------------------------- profiles

    def uniform_behavior(self) -> Behavior:
        """Every player mixes uniformly at every information set."""
        return tuple(np.full(len(s.actions), 1.0 / len(s.actions)) for s in self.infosets)

    def pure_behavior(self, choices: Sequence[int]) -> Behavior:
        """The behaviour profile choosing action ``choices[h]`` at information set ``h``."""
        out = []
        for s, c in zip(self.infosets, choices, strict=True):
            p = np.zeros(len(s.actions))
            p[c] = 1.0
            out.append(p)
        return tuple(out)

    def as_behavior(self, profile: Sequence[ArrayLike]) -> Behavior:
        """Validate and convert a behaviour profile."""
        out = tuple(np.asarray(p, dtype=np.float64) for p in profile)
        if len(out) != len(self.infosets) or any(
            p.shape != (len(s.actions),) for p, s in zip(out, self.infosets, strict=True)
        ):
            raise ValueError("a behaviour profile needs one probability vector per infoset")
        return out

    def flatten(self, behavior: Sequence[ArrayLike]) -> Array:
        """A behaviour profile as one vector (information sets in order)."""
        prof = self.as_behavior(behavior)
        return np.concatenate(prof) if prof else np.zeros(0)

    def unflatten(self, flat: ArrayLike) -> Behavior:
        """Inverse of :meth:`flatten`."""
        v = np.asarray(flat, dtype=np.float64)
        return tuple(v[a:b] for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True))

    def move_probs(self, behavior: Sequence[ArrayLike] | Array) -> Array:
        """Probability of the move leading into each node from its parent (1 at the root).

        ``behavior`` may be a profile or its flattened vector.
        """
        if isinstance(behavior, np.ndarray) and behavior.ndim == 1:
            flat = np.asarray(behavior, dtype=np.float64)
        else:
            flat = self.flatten(cast("Sequence[ArrayLike]", behavior))
        out = np.array(self._move_chance)
        personal = self._move_index >= 0
        out[personal] = flat[self._move_index[personal]]
        return out

    def reach(self, behavior: Sequence[ArrayLike] | Array) -> Array:
        """Probability that play reaches each node."""
        step = self.move_probs(behavior)
        out = np.ones(len(self.nodes))
        for level in self._levels:
            out[level] = out[self.parent[level]] * step[level]
        return out

    def values(self, behavior: Sequence[ArrayLike] | Array) -> Array:
        """Expected payoff of every player from each node on, shape ``(n_nodes, n_players)``."""
        step = self.move_probs(behavior)
        out = np.array(self.leaf_payoffs)
        for level in reversed(self._levels):
            np.add.at(out, self.parent[level], step[level, None] * out[level])
        return out

    def expected_payoffs(self, behavior: Sequence[ArrayLike]) -> Array:
        """Expected payoff of every player at the root."""
        return np.asarray(self.values(behavior)[0], dtype=np.float64)

    def beliefs(self, behavior: Sequence[ArrayLike]) -> tuple[Array | None, ...]:
        """Bayes'-rule beliefs over the nodes of each information set (``None`` if unreached)."""
        r = self.reach(behavior)
        out: list[Array | None] = []
        for s in self.infosets:
            w = r[list(s.nodes)]
            total = w.sum()
            out.append(w / total if total > 0 else None)
        return tuple(out)

    def action_values(
        self,
        behavior: Sequence[ArrayLike],
        beliefs: Sequence[Array | None] | None = None,
    ) -> tuple[Array | None, ...]:
        """Value to the mover of each action at each information set, given beliefs.

        Beliefs default to Bayes' rule; an unreached information set with no belief supplied
        gets ``None``. Continuation play follows ``behavior``.
        """
        v = self.values(behavior)
        mu = self.beliefs(behavior) if beliefs is None else tuple(beliefs)
        out: list[Array | None] = []
        for s, b in zip(self.infosets, mu, strict=True):
            if b is None:
                out.append(None)
                continue
            table = np.array([[v[c, s.player] for c in self.children[k]] for k in s.nodes])
            out.append(np.asarray(b @ table, dtype=np.float64))
        return tuple(out)

    def agent_max_regret(self, behavior: Sequence[ArrayLike]) -> float:
        """Largest one-shot gain at an information set reached with positive probability.

        This is sequential rationality on the path of play.
        """
        prof = self.as_behavior(behavior)
        worst = 0.0
        for p, vals in zip(prof, self.action_values(prof), strict=True):
            if vals is not None:
                worst = max(worst, float(vals.max() - vals @ p))
        return worst

    def best_response_values(self, behavior: Sequence[ArrayLike]) -> Array:
        """Each player's best-response payoff against the others' behaviour (perfect recall).

        Dynamic programming over the player's own information sets: the value of choosing
        ``a`` at ``h`` is the others-and-chance-weighted payoff of the leaves reached before the
        player moves again, plus the values of the information sets that follow ``(h, a)``.
        """
        prof = self.as_behavior(behavior)
        step = self.move_probs(prof)
        out = np.empty(self.n_players)
        for i in range(self.n_players):
            weight = np.ones(len(self.nodes))  # chance and other players' probabilities
            for k in range(1, len(self.nodes)):
                par = int(self.parent[k])
                own = self.node_player[par] == i
                weight[k] = weight[par] * (1.0 if own else step[k])
            mine = [h for h, s in enumerate(self.infosets) if s.player == i]
            last: dict[int, tuple[int, int] | None] = {}
            for h in mine:
                hist = self.own_history(self.infosets[h].nodes[0], i)
                last[h] = hist[-1] if hist else None
            # leaf mass behind each own (infoset, action), or behind the root (None)
            direct: dict[tuple[int, int] | None, float] = {}
            for z in self.leaves():
                hist = self.own_history(int(z), i)
                key = hist[-1] if hist else None
                direct[key] = direct.get(key, 0.0) + weight[z] * self.leaf_payoffs[z, i]
            value: dict[int, float] = {}
            for h in sorted(
                mine, key=lambda h: -len(self.own_history(self.infosets[h].nodes[0], i))
            ):
                best = -np.inf
                for a in range(len(self.infosets[h].actions)):
                    total = direct.get((h, a), 0.0)
                    total += sum(value[g] for g in mine if last[g] == (h, a))
                    best = max(best, total)
                value[h] = float(best)
            out[i] = direct.get(None, 0.0) + sum(value[g] for g in mine if last[g] is None)
        return out

    def max_regret(self, behavior: Sequence[ArrayLike]) -> float:
        """Largest gain from a unilateral deviation (zero at a Nash equilibrium)."""
        return float(np.max(self.best_response_values(behavior) - self.expected_payoffs(behavior)))

    # ----------------------------------------------------------------- strategic form

    def player_infosets(self, player: int) -> list[int]:
        """Indices of ``player``'s information sets, in game order."""
        return [h for h, s in enumerate(self.infosets) if s.player == player]

    def pure_strategies(self, player: int) -> list[tuple[int, ...]]:
        """``player``'s pure strategies: one action index per own information set."""
        sizes = [len(self.infosets[h].actions) for h in self.player_infosets(player)]
        return list(itertools.product(*(range(m) for m in sizes)))

    def to_normal_form(self) -> NormalFormGame:
        """The (unreduced) strategic form: a pure strategy picks an action at every own set.

        Strategy labels join the chosen action labels with ``"/"`` in information-set order.
        """
        per_player = [self.pure_strategies(i) for i in range(self.n_players)]
        shape = tuple(len(s) for s in per_player)
        payoffs = np.zeros((self.n_players, *shape))
        owned = [self.player_infosets(i) for i in range(self.n_players)]
        for idx in itertools.product(*(range(m) for m in shape)):
            choice = [0] * len(self.infosets)
            for i, j in enumerate(idx):
                for h, a in zip(owned[i], per_player[i][j], strict=True):
                    choice[h] = a
            cell: tuple[slice | int, ...] = (slice(None), *idx)
            payoffs[cell] = self.expected_payoffs(self.pure_behavior(choice))
        labels = tuple(
            tuple(
                "/".join(self.infosets[h].actions[a] for h, a in zip(owned[i], s, strict=True))
                or "-"
                for s in per_player[i]
            )
            for i in range(self.n_players)
        )
        return NormalFormGame(payoffs, players=self.players, strategies=labels, title=self.title)

    def mixed_to_behavior(self, profile: MixedProfile) -> Behavior:
        """Kuhn's (1953) behaviour strategies equivalent to a mixed profile of the strategic form.

        At an information set no strategy in the support reaches, the behaviour is uniform.
        """
        out: list[Array] = [np.zeros(0)] * len(self.infosets)
        for i in range(self.n_players):
            owned = self.player_infosets(i)
            pure = self.pure_strategies(i)
            sigma = np.asarray(profile[i], dtype=np.float64)
            for pos, h in enumerate(owned):
                hist = self.own_history(self.infosets[h].nodes[0], i)
                where = {g: owned.index(g) for g, _ in hist}
                probs = np.zeros(len(self.infosets[h].actions))
                for s, w in zip(pure, sigma, strict=True):
                    if all(s[where[g]] == a for g, a in hist):
                        probs[s[pos]] += w
                total = probs.sum()
                out[h] = probs / total if total > 0 else np.full(len(probs), 1.0 / len(probs))
        return tuple(out)

    def behavior_to_mixed(self, behavior: Sequence[ArrayLike]) -> MixedProfile:
        """The mixed profile equivalent to a behaviour profile (perfect recall).

        Each pure strategy gets the product of its behaviour probabilities.
        """
        prof = self.as_behavior(behavior)
        out = []
        for i in range(self.n_players):
            owned = self.player_infosets(i)
            out.append(
                np.array(
                    [
                        float(np.prod([prof[h][a] for h, a in zip(owned, s, strict=True)]))
                        for s in self.pure_strategies(i)
                    ]
                )
            )
        return tuple(out)
