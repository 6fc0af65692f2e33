"""Logit quantal-response equilibrium (QRE) by homotopy (path following) and by fixed point.

A logit QRE with precision ``lambda`` is a profile in which every player (every agent, in a tree)
chooses each action with probability proportional to ``exp(lambda * value)``, values computed
against the profile itself (McKelvey & Palfrey 1995, "Quantal response equilibria for normal form
games", *GEB* 10(1): 6-38; agent QRE for trees: McKelvey & Palfrey 1998, *Experimental
Economics* 1: 9-41). At ``lambda = 0`` play is uniform; as ``lambda`` grows, the *principal
branch* of the QRE correspondence converges to a Nash equilibrium (to a sequential equilibrium
for the agent QRE of a tree, McKelvey & Palfrey 1998), which is how Gambit's ``logit_solve``
selects one (Turocy 2005, "A dynamic homotopy interpretation of the logistic quantal response
equilibrium correspondence", *GEB* 51(2): 243-263).

The branch is traced in log-probabilities ``z`` with the equations, for each information set
(or player) ``h`` with actions ``0..k-1``,

    z_hj - z_h0 - lambda * (v_hj - v_h0) = 0    (j = 1..k-1),    sum_j exp(z_hj) - 1 = 0,

by pseudo-arclength predictor-corrector continuation (Allgower & Georg 1990, *Numerical
Continuation Methods*, ch. 2 and 3), which follows the branch through turning points in
``lambda``. :func:`logit_qre_fixed_point` solves the same equations at one ``lambda`` by damped
Newton steps from a starting profile (a "fixed point" solver, fast when ``lambda`` is small).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from stratagem.games.extensive_form import Behavior, ExtensiveFormGame
from stratagem.games.normal_form import Array, MixedProfile, NormalFormGame, contract

__all__ = [
    "QREPoint",
    "logit_qre",
    "logit_qre_branch",
    "logit_qre_fixed_point",
    "logit_solve",
    "polish",
]

Game = NormalFormGame | ExtensiveFormGame


@dataclass(frozen=True)
class QREPoint:
    """One point of the logit QRE branch.

    Attributes
    ----------
    lam:
        Precision ``lambda``.
    profile:
        Mixed profile (normal form) or behaviour profile (tree).
    """

    lam: float
    profile: tuple[Array, ...]


class _System:
    """The QRE equations ``H(z, lambda) = 0`` of a game and their Jacobian."""

    def __init__(self, game: Game) -> None:
        self.game = game
        if isinstance(game, NormalFormGame):
            self.sizes = list(game.shape)
        else:
            self.sizes = [len(s.actions) for s in game.infosets]
        self.offsets = np.concatenate([[0], np.cumsum(self.sizes)]).astype(np.int64)
        self.n = int(self.offsets[-1])
        payoffs = game.payoffs if isinstance(game, NormalFormGame) else game.leaf_payoffs
        self.scale = max(1.0, float(np.max(np.abs(payoffs))))

    def split(self, flat: Array) -> tuple[Array, ...]:
        return tuple(flat[a:b] for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True))

    def profile(self, z: Array) -> tuple[Array, ...]:
        return self.split(np.exp(z))

    def values(self, sigma: tuple[Array, ...]) -> Array:
        """Action values (flattened) at ``sigma``."""
        g = self.game
        if isinstance(g, NormalFormGame):
            return np.concatenate([g.strategy_values(sigma, i) for i in range(g.n_players)])
        reach = g.reach(sigma)
        vals = g.values(sigma)
        out = []
        for s in g.infosets:
            w = reach[list(s.nodes)]
            total = w.sum()
            w = w / total if total > 0 else np.full(len(w), 1.0 / len(w))
            table = np.array([[vals[c, s.player] for c in g.children[k]] for k in s.nodes])
            out.append(w @ table)
        return np.concatenate(out)

    def residual(self, z: Array, lam: float) -> Array:
        sigma = self.profile(z)
        v = self.values(sigma)
        out = np.empty(self.n)
        for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True):
            out[a] = np.exp(z[a:b]).sum() - 1.0
            out[a + 1 : b] = z[a + 1 : b] - z[a] - lam * (v[a + 1 : b] - v[a])
        return out

    def value_jacobian(self, z: Array) -> Array:
        """D values / d z (flattened), analytic for normal forms, numerical for trees."""
        sigma = self.profile(z)
        g = self.game
        if isinstance(g, NormalFormGame):
            jac = np.zeros((self.n, self.n))
            for i in range(g.n_players):
                for k in range(g.n_players):
                    if k == i:
                        continue
                    keep = (i, k) if i < k else (k, i)
                    block = contract(g.payoffs[i], sigma, keep=keep)
                    if k < i:
                        block = block.T
                    rows = slice(self.offsets[i], self.offsets[i + 1])
                    cols = slice(self.offsets[k], self.offsets[k + 1])
                    jac[rows, cols] = block * sigma[k][None, :]
            return jac
        base = self.values(sigma)
        jac = np.empty((self.n, self.n))
        for col in range(self.n):
            step = 1e-7
            zp = z.copy()
            zp[col] += step
            jac[:, col] = (self.values(self.profile(zp)) - base) / step
        return jac

    def jacobian(self, z: Array, lam: float) -> Array:
        """``[dH/dz, dH/dlambda]``, shape ``(n, n + 1)``."""
        dv = self.value_jacobian(z)
        sigma = np.exp(z)
        v = self.values(self.split(sigma))
        jac = np.zeros((self.n, self.n + 1))
        for a, b in zip(self.offsets[:-1], self.offsets[1:], strict=True):
            jac[a, a:b] = sigma[a:b]
            for j in range(a + 1, b):
                jac[j, j] += 1.0
                jac[j, a] -= 1.0
                jac[j, : self.n] -= lam * (dv[j] - dv[a])
                jac[j, self.n] = -(v[j] - v[a])
        return jac

    def tol(self, lam: float, z: Array) -> float:
        """Residual tolerance: floating-point error grows with ``lambda`` and ``|z|``."""
        return 1e-11 * max(1.0, abs(lam) * self.scale, float(np.max(np.abs(z))))

    def start(self) -> Array:
        return np.concatenate([np.full(m, -np.log(m)) for m in self.sizes])


def _newton_fixed_lambda(
    system: _System, z: Array, lam: float, *, max_iter: int = 100
) -> Array | None:
    for _ in range(max_iter):
        r = system.residual(z, lam)
        if np.max(np.abs(r)) < system.tol(lam, z):
            return z
        jac = system.jacobian(z, lam)[:, :-1]
        try:
            dz = np.linalg.solve(jac, -r)
        except np.linalg.LinAlgError:
            return None
        t = 1.0
        norm = np.max(np.abs(r))
        while t > 1e-6:
            trial = z + t * dz
            if np.all(np.isfinite(trial)) and np.max(np.abs(system.residual(trial, lam))) < norm:
                break
            t /= 2
        z = z + t * dz
    return z if np.max(np.abs(system.residual(z, lam))) < 100 * system.tol(lam, z) else None


#: Step control of the path follower (Allgower & Georg 1990, ch. 6.1): largest first Newton
#: correction, largest ratio of successive corrections, largest angle (radians) between
#: successive tangents; the next step is the last one divided by the worst of the three ratios
#: (between 0.5 and 2), and at most ``MAX_STEP * max(1, lambda)``.
MAX_DIST = 0.4
MAX_CONTRACTION = 0.6
MAX_ANGLE = 0.2
MAX_STEP = 0.3


def _tangent(jac: Array, previous: Array | None) -> Array:
    _, _, vt = np.linalg.svd(jac)
    t = np.asarray(vt[-1], dtype=np.float64)
    if previous is None:
        return t if t[-1] > 0 else -t
    return t if float(t @ previous) > 0 else -t


def _trace(
    system: _System,
    lam_max: float,
    *,
    stop: Callable[[Array, float], bool] | None = None,
    record: bool = False,
    max_steps: int = 20_000,
) -> tuple[Array, float, list[tuple[float, Array]]]:
    """Follow the principal branch from ``lambda = 0`` to ``lam_max`` (or until ``stop``)."""
    x = np.concatenate([system.start(), [0.0]])
    points: list[tuple[float, Array]] = [(0.0, x[:-1].copy())] if record else []
    h = 0.03
    t = _tangent(system.jacobian(x[:-1], 0.0), None)
    for _ in range(max_steps):
        accepted = False
        while h > 1e-10:
            y = x + h * t
            ok = False
            dist = 0.0
            contraction = 0.0
            prev = np.inf
            for it in range(10):
                r = system.residual(y[:-1], float(y[-1]))
                if float(np.max(np.abs(r))) < system.tol(float(y[-1]), y[:-1]):
                    ok = True
                    break
                dy = np.linalg.lstsq(system.jacobian(y[:-1], float(y[-1])), -r, rcond=None)[0]
                size = float(np.linalg.norm(dy))
                if it == 0:
                    dist = size
                elif it == 1:
                    contraction = size / (prev + 1e-300)
                if dist > MAX_DIST or (it > 0 and size > MAX_CONTRACTION * prev):
                    break
                prev = size
                y = y + dy
                if not np.all(np.isfinite(y)):
                    break
            if ok:
                t_new = _tangent(system.jacobian(y[:-1], float(y[-1])), t)
                angle = float(np.arccos(np.clip(t_new @ t, -1.0, 1.0)))
                decel = max(
                    np.sqrt(dist / MAX_DIST), contraction / MAX_CONTRACTION, angle / MAX_ANGLE
                )
                if decel <= 2.0 and (y - x) @ t > 0:
                    accepted = True
                    break
            h /= 2
        if not accepted:
            raise ArithmeticError(f"QRE path following stalled at lambda = {x[-1]:.6g}")
        if y[-1] >= lam_max:
            # land exactly on lam_max from the previous point
            frac = (lam_max - x[-1]) / (y[-1] - x[-1])
            guess = x[:-1] + frac * (y[:-1] - x[:-1])
            z = _newton_fixed_lambda(system, guess, lam_max)
            if z is None:
                z = y[:-1]
                lam_max = float(y[-1])
            if record:
                points.append((lam_max, z.copy()))
            return z, lam_max, points
        x = y
        t = t_new
        h = min(h / max(decel, 0.5), max(MAX_STEP, MAX_STEP * float(x[-1])))
        if record:
            points.append((float(x[-1]), x[:-1].copy()))
        if stop is not None and stop(x[:-1], float(x[-1])):
            return x[:-1], float(x[-1]), points
    raise ArithmeticError("QRE path following took too many steps")


def logit_qre(game: Game, lam: float) -> tuple[Array, ...]:
    """The logit QRE at precision ``lam`` on the principal branch (traced from ``lambda = 0``).

    Returns a mixed profile (normal form) or a behaviour profile (tree, agent QRE).

    Examples
    --------
    Matching pennies: uniform play for every ``lambda``.

    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [p.round(6).tolist() for p in logit_qre(g, 5.0)]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    if lam < 0:
        raise ValueError("the precision lambda must be non-negative")
    system = _System(game)
    if lam == 0:
        return system.profile(system.start())
    z, _, _ = _trace(system, float(lam))
    return system.profile(z)


def logit_qre_branch(game: Game, lam_max: float) -> list[QREPoint]:
    """Points of the principal branch from ``lambda = 0`` to ``lam_max`` (for plots).

    >>> g = NormalFormGame.from_bimatrix([[1, 0], [0, 0]], [[1, 0], [0, 0]])
    >>> branch = logit_qre_branch(g, 10.0)
    >>> branch[0].lam, branch[-1].lam, round(float(branch[-1].profile[0][0]), 3)
    (0.0, 10.0, 1.0)
    """
    system = _System(game)
    _, _, points = _trace(system, float(lam_max), record=True)
    return [QREPoint(lam, system.profile(z)) for lam, z in points]


def logit_qre_fixed_point(
    game: Game, lam: float, start: tuple[Array, ...] | None = None
) -> tuple[Array, ...]:
    """A logit QRE at ``lam`` by Newton's method from ``start`` (default: uniform play).

    Fast, but for large ``lambda`` it may land on a QRE off the principal branch or fail; use
    :func:`logit_qre` for the principal branch.

    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [p.round(4).tolist() for p in logit_qre_fixed_point(g, 1.0)]
    [[0.2268, 0.7732], [0.2268, 0.7732]]
    """
    system = _System(game)
    z0 = system.start() if start is None else np.log(np.clip(np.concatenate(start), 1e-300, None))
    z = _newton_fixed_lambda(system, z0, float(lam))
    if z is None:
        raise ArithmeticError(f"no logit QRE found from this start at lambda = {lam}")
    return system.profile(z)


def logit_solve(
    game: Game, *, maxregret: float = 1e-8, lam_max: float = 1e7
) -> tuple[tuple[Array, ...], float]:
    """The Nash equilibrium at the end of the principal QRE branch (Gambit's ``logit_solve``).

    Traces until the profile's regret falls below ``maxregret`` times the payoff range; returns
    ``(profile, lambda)``. For a tree the regret is the agent (one-shot deviation) regret at
    information sets; the limit approximates a sequential equilibrium.

    Examples
    --------
    >>> g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> profile, lam = logit_solve(g)
    >>> [p.round(6).tolist() for p in profile]
    [[0.0, 1.0], [0.0, 1.0]]
    """
    system = _System(game)
    if isinstance(game, NormalFormGame):
        scale = max(1.0, float(np.ptp(game.payoffs)))

        def regret(sigma: tuple[Array, ...]) -> float:
            return game.max_regret(sigma)
    else:
        tree = game
        scale = max(1.0, float(np.ptp(tree.leaf_payoffs)))

        def regret(sigma: tuple[Array, ...]) -> float:
            return _agent_regret(tree, sigma)

    polished: list[tuple[Array, ...]] = []
    candidate: list[tuple[MixedProfile, float, float]] = []  # (equilibrium, lambda, distance)

    def distance(a: tuple[Array, ...], b: tuple[Array, ...]) -> float:
        return max(float(np.max(np.abs(p - q))) for p, q in zip(a, b, strict=True))

    def stop(z: Array, lam: float) -> bool:
        sigma = system.profile(z)
        r = regret(sigma)
        if r <= maxregret * scale:
            return True
        if not isinstance(game, NormalFormGame) or r > POLISH_REGRET * scale:
            return False
        if candidate:
            exact, lam0, d0 = candidate[0]
            if lam < POLISH_CONFIRM * lam0:
                return False
            candidate.clear()
            # the branch must keep converging to the candidate, at the O(1/lambda) rate
            if distance(sigma, exact) <= 2.0 * d0 * lam0 / lam:
                polished.append(exact)
                return True
            return False
        found = polish(game, sigma)
        if found is not None and game.max_regret(found) <= maxregret * scale:
            candidate.append((found, lam, distance(sigma, found)))
        return False

    z, lam, _ = _trace(system, lam_max, stop=stop)
    return (polished[-1] if polished else system.profile(z)), lam


#: Regret (relative to the payoff range) below which :func:`logit_solve` tries to polish.
POLISH_REGRET = 1e-3
#: A polished equilibrium is accepted once the branch, traced this many times further in
#: ``lambda``, is still converging to it.
POLISH_CONFIRM = 8.0


def polish(
    game: NormalFormGame, profile: tuple[Array, ...], threshold: float = 1e-5
) -> MixedProfile | None:
    """The exact equilibrium on the support of a near-equilibrium ``profile``, or ``None``.

    Solves the indifference equations ``v_ij(sigma) = u_i`` (``j`` in the support of player
    ``i``) and ``sum_j sigma_ij = 1`` by Newton's method from ``profile``; the result is returned
    only if it is a probability profile. Used to finish the QRE trace once its support is plain.

    >>> g = NormalFormGame.from_bimatrix([[1, -1], [-1, 1]], [[-1, 1], [1, -1]])
    >>> [p.tolist() for p in polish(g, (np.array([0.49, 0.51]), np.array([0.52, 0.48])))]
    [[0.5, 0.5], [0.5, 0.5]]
    """
    n = game.n_players
    support = [np.flatnonzero(p > threshold) for p in profile]
    sizes = [len(s) for s in support]
    cuts = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)

    def unpack(x: Array) -> tuple[Array, ...]:
        out = []
        for i in range(n):
            p = np.zeros(game.shape[i])
            p[support[i]] = x[cuts[i] : cuts[i + 1]]
            out.append(p)
        return tuple(out)

    def residual(x: Array) -> Array:
        sigma = unpack(x)
        u = x[cuts[-1] :]
        parts = []
        for i in range(n):
            parts.append(game.strategy_values(sigma, i)[support[i]] - u[i])
            parts.append(np.array([sigma[i].sum() - 1.0]))
        return np.concatenate(parts)

    x = np.concatenate(
        [profile[i][support[i]] for i in range(n)]
        + [np.array([game.strategy_values(profile, i).max() for i in range(n)])]
    )
    for _ in range(50):
        r = residual(x)
        if np.max(np.abs(r)) < 1e-13 * max(1.0, float(np.max(np.abs(game.payoffs)))):
            break
        jac = np.empty((len(r), len(x)))
        for k in range(len(x)):
            dx = np.zeros(len(x))
            dx[k] = 1e-7
            jac[:, k] = (residual(x + dx) - r) / 1e-7
        try:
            x = x - np.linalg.solve(jac, r)
        except np.linalg.LinAlgError:
            return None
    sigma = unpack(x)
    if any(p.min() < -1e-12 for p in sigma) or np.max(np.abs(residual(x))) > 1e-9:
        return None
    return tuple(np.clip(p, 0.0, None) / np.clip(p, 0.0, None).sum() for p in sigma)


def _agent_regret(game: ExtensiveFormGame, behavior: Behavior) -> float:
    """Largest one-shot gain at any information set, with beliefs from the (interior) profile."""
    return game.agent_max_regret(behavior)


def as_mixed(profile: tuple[Array, ...]) -> MixedProfile:
    """Type helper: a QRE profile of a normal-form game is a mixed profile."""
    return profile
