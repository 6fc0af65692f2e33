"""The repeated provocation-concession game: the cycle of claim C6.

Source: game_theory.md §5 M8 (stage game DPRK {provoke, restrain} x US {concede, hold};
"when provoke + concede pays DPRK more than restrain, extortion is sustained"; China's pressure
from M7 "lowers DPRK's provoke payoff"); seed 1: "provocation -> reward (food aid) -> short-lived
good behaviour -> provocation".

A dynamic game with perfect information, solved by backward induction over a long finite
horizon (its month-0 policy is the stationary subgame-perfect policy). The state ``s`` is the
number of months of a reward package still to be delivered. Each month:

1. North Korea provokes or restrains. Restraint while a package is flowing earns the month's
   instalment ``aid / S`` (a cost to the US) and moves to ``s - 1``. A provocation costs it
   ``p_D`` plus China's pressure ``sigma_C`` and cancels the rest of the package.
2. After a provocation the US concedes (a new package of ``S`` monthly instalments starts next
   month) or holds (a crisis: the US loses ``c_US``, North Korea ``c_D``; state 0).

Payoffs are discounted by ``delta`` a month. Qualitative results (tests):

* if the US prefers paying to a crisis and a package is worth more to North Korea than the cost
  of provoking, the equilibrium path is the cycle provoke -> concede -> ``S`` months of
  restraint -> provoke, one provocation every ``S + 1`` months (C6);
* enough Chinese pressure on provocations (``sigma_C``) ends the cycle (M7 feeding M8);
* the chain-store logic (Selten 1978): holding firm for good would cost the US one crisis
  (``c_us = 1.5``) against about 7.6 for the discounted stream of packages, yet it concedes,
  because one crisis does not change North Korea's expectations -- it provokes again next month.
  The US holds only when a crisis costs less than about ``(1 - delta)`` times the stream (about
  0.15 here), and then North Korea never provokes. Breaking the cycle otherwise takes reputation
  (Sartori 2002; Sechser 2010), which complete information leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from stratagem.games.normal_form import Array, NormalFormGame

__all__ = ["ProvocationParams", "ProvocationSolution", "solve_provocation", "stage_game"]


@dataclass(frozen=True)
class ProvocationParams:
    """Parameters (units: the value of one reward package to North Korea, ``aid = 1``).

    Field names are the lowercase forms of the notation above (``p_d`` = p_D, ``sigma_c`` =
    sigma_C, ``c_us`` = c_US, ``c_d`` = c_D).

    Defaults (assumptions unless noted): ``S = 6`` months of good behaviour per package (C6
    "short-lived"); ``p_d = 0.1`` (a provocation's direct cost to the regime); ``sigma_c = 0``
    (no Chinese pressure; the linkage game's equilibrium pressure can be passed in);
    ``c_us = 1.5`` (a crisis costs the US more than a package: the status quo of C6);
    ``c_d = 0.3``; ``delta = 0.98`` a month; ``horizon = 600`` months.
    """

    aid: float = 1.0
    S: int = 6
    p_d: float = 0.1
    sigma_c: float = 0.0
    c_us: float = 1.5
    c_d: float = 0.3
    delta: float = 0.98
    horizon: int = 600

    def with_(self, **changes: float) -> ProvocationParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class ProvocationSolution:
    """Month-0 (stationary) policies and the equilibrium path.

    Attributes
    ----------
    provoke:
        ``provoke[s]``: 1 if North Korea provokes with ``s`` instalments outstanding.
    concede:
        1 if the US concedes after a provocation.
    path:
        Months of the equilibrium path from ``s = 0``: 1 for a provocation, 0 for restraint.
    provocation_rate:
        Provocations per month along the path.
    """

    provoke: Array
    concede: bool
    path: Array
    provocation_rate: float


def solve_provocation(
    params: ProvocationParams | None = None, *, months: int = 48
) -> ProvocationSolution:
    """Backward induction over the horizon; the policy at month 0 and its path.

    Ties: North Korea restrains and the US holds when indifferent (decision G9).

    Examples
    --------
    >>> sol = solve_provocation()
    >>> sol.concede, sol.path[:15].astype(int).tolist()
    (True, [1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
    >>> solve_provocation(ProvocationParams(sigma_c=1.0)).provocation_rate
    0.0
    """
    p = params or ProvocationParams()
    S = p.S
    inst = p.aid / S
    vd = np.zeros(S + 1)
    vu = np.zeros(S + 1)
    provoke = np.zeros(S + 1)
    concede = False
    for _ in range(p.horizon):
        c_d = p.delta * vd[S]
        c_u = p.delta * vu[S]
        h_d = -p.c_d + p.delta * vd[0]
        h_u = -p.c_us + p.delta * vu[0]
        concede = bool(c_u > h_u)
        crisis_d, crisis_u = (c_d, c_u) if concede else (h_d, h_u)
        new_d = np.empty(S + 1)
        new_u = np.empty(S + 1)
        for s in range(S + 1):
            r_d = (inst if s > 0 else 0.0) + p.delta * vd[max(s - 1, 0)]
            r_u = (-inst if s > 0 else 0.0) + p.delta * vu[max(s - 1, 0)]
            pr_d = -p.p_d - p.sigma_c + crisis_d
            if pr_d > r_d:
                provoke[s] = 1.0
                new_d[s], new_u[s] = pr_d, crisis_u
            else:
                provoke[s] = 0.0
                new_d[s], new_u[s] = r_d, r_u
        vd, vu = new_d, new_u
    path = np.zeros(months)
    s = 0
    for t in range(months):
        if provoke[s]:
            path[t] = 1.0
            s = S if concede else 0
        else:
            s = max(s - 1, 0)
    return ProvocationSolution(provoke.copy(), concede, path, float(path.mean()))


def stage_game(params: ProvocationParams | None = None) -> NormalFormGame:
    """The one-shot simultaneous stage game of M8, for bimatrix cross-checks.

    Rows: DPRK provoke/restrain; columns: US reward/withhold (e.g. for nashpy's repeated-game
    expansion).

    Rewarding costs the US ``aid``; a provocation met by no reward is a crisis.

    >>> stage_game().pure_equilibria()
    [(1, 1)]
    """
    p = params or ProvocationParams()
    provoke_cost = p.p_d + p.sigma_c
    a = [[p.aid - provoke_cost, -provoke_cost - p.c_d], [p.aid, 0.0]]
    b = [[-p.aid, -p.c_us], [-p.aid, 0.0]]
    return NormalFormGame.from_bimatrix(
        a,
        b,
        players=("DPRK", "US"),
        strategies=(("provoke", "restrain"), ("reward", "withhold")),
        title="Provocation stage game (M8)",
    )
