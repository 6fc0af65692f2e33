"""Fearon's (1995) bargaining model of war, with private information about the target's costs.

Source: game_theory.md §5 M1: Fearon (1995), "Rationalist Explanations for War", *IO* 49(3):
379-414. A offers a division ``x`` (A's share) of a unit pie; B accepts, giving ``(x, 1 - x)``,
or fights, giving ``(p - c_A, 1 - p - c_B)``.

* Complete information: every ``x`` in the *bargaining range* ``[p - c_A, p + c_B]`` is preferred
  to war by both; A offers ``x = p + c_B`` and there is no war.
* B's cost ``c_B`` private with CDF ``F``: B accepts ``x`` iff ``c_B >= x - p``, so A maximizes
  ``U(x) = (1 - F(x - p)) x + F(x - p) (p - c_A)`` (M1's screening problem) and war happens with
  probability ``F(x* - p) > 0``: the risk-return trade-off.
* ``c_B ~ Uniform(0, cbar)``: ``x* = p + (cbar - c_A) / 2`` (clipped to ``[p, p + cbar]`` and to
  ``x <= 1``), war probability ``(cbar - c_A) / (2 cbar)`` when ``c_A < cbar``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.optimize import minimize_scalar

from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf

__all__ = [
    "bargaining_range",
    "fearon_tree",
    "optimal_offer",
    "optimal_offer_uniform",
]


def bargaining_range(p: float, c_a: float, c_b: float) -> tuple[float, float]:
    """Divisions both sides prefer to war: ``(p - c_A, p + c_B)`` clipped to ``[0, 1]``.

    >>> bargaining_range(0.6, 0.1, 0.15)
    (0.5, 0.75)
    """
    if c_a < 0 or c_b < 0:
        raise ValueError("the costs of war must be non-negative")
    return max(0.0, p - c_a), min(1.0, p + c_b)


def optimal_offer_uniform(
    p: ArrayLike, c_a: ArrayLike, cbar: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Closed-form optimal demand ``x*`` and war probability for ``c_B ~ U(0, cbar)``.

    >>> x, war = optimal_offer_uniform(0.5, 0.1, 0.3)
    >>> round(float(x), 3), round(float(war), 3)
    (0.6, 0.333)
    """
    p_, ca, cb = (np.asarray(v, dtype=np.float64) for v in (p, c_a, cbar))
    x = np.clip(p_ + (cb - ca) / 2.0, p_, np.minimum(p_ + cb, 1.0))
    war = np.clip((x - p_) / cb, 0.0, 1.0)
    return x, war


def optimal_offer(p: float, c_a: float, cdf: Callable[[float], float]) -> tuple[float, float]:
    """Optimal demand and war probability for any distribution of ``c_B`` (numerical).

    Maximizes ``U(x)`` over ``x`` in ``[p, 1]`` on a grid, refined by bounded Brent search.

    >>> x, war = optimal_offer(0.5, 0.1, lambda c: min(max(c / 0.3, 0.0), 1.0))
    >>> round(x, 4), round(war, 4)
    (0.6, 0.3333)
    """

    def utility(x: float) -> float:
        f = cdf(x - p)
        return (1.0 - f) * x + f * (p - c_a)

    grid = np.linspace(p, 1.0, 2001)
    values = np.array([utility(float(x)) for x in grid])
    i = int(np.argmax(values))
    lo, hi = grid[max(i - 1, 0)], grid[min(i + 1, len(grid) - 1)]
    res = minimize_scalar(
        lambda x: -utility(x), bounds=(lo, hi), method="bounded", options={"xatol": 1e-10}
    )
    x = float(res.x) if -res.fun >= values[i] else float(grid[i])
    return x, float(cdf(x - p))


def fearon_tree(
    p: float, c_a: float, costs_b: dict[str, tuple[float, float]], offers: ArrayLike
) -> ExtensiveFormGame:
    """The discretized screening game, for the PBE and QRE solvers.

    Nature draws B's cost type, A (not seeing it) demands one of ``offers``, B accepts or
    fights. ``costs_b`` maps type names to
    ``(probability, c_B)``. Solve it with the PBE or QRE solvers.

    >>> g = fearon_tree(0.5, 0.1, {"low": (0.5, 0.05), "high": (0.5, 0.3)}, [0.55, 0.8])
    >>> len(g.infosets)
    5
    """
    xs = [float(x) for x in np.asarray(offers, dtype=np.float64)]

    def after_type(name: str, c_b: float) -> Node:
        return decision(
            "A",
            "demand",
            {
                f"x={x:g}": decision(
                    "B",
                    f"{name}: x={x:g}",
                    {"accept": leaf(x, 1 - x), "fight": leaf(p - c_a, 1 - p - c_b)},
                )
                for x in xs
            },
        )

    root = chance({name: (prob, after_type(name, c)) for name, (prob, c) in costs_b.items()})
    return ExtensiveFormGame(("A", "B"), root, title="Fearon bargaining with private costs (M1)")
