"""The time-buying talks game under shifting power (claims C9 and C10).

Source: game_theory.md §5 M6: Powell 2006, "War as a Commitment Problem", *IO* 60(1): 169-203
(shifting power); Bas & Coe 2016, *IO* 70(4): 655-685 (a proliferant's program advances
stochastically while the other side watches); Spaniel 2019, *Bargaining over the Bomb*
("butter-for-bombs"); Sartori 2002, *IO* 56(1) (bad-faith talk spends reputation); the 2017
CNAS/WSJ article (seed 2): hold talks, even in bad faith, to slow the program while sanctions,
defences and covert action take effect.

A finite-horizon stochastic game with perfect information, solved by backward induction
(subgame-perfect Markov strategies). State: the month ``t`` and the program stage
``k = 0..K`` (``K`` = a deliverable ICBM). Each month:

1. the US opens (or keeps open) talks or not (sanctions pressure stays on either way);
2. North Korea, seeing this, slows or races its program; slowing while talks are open earns it
   ``w`` (summit prestige, sanctions leniency), talks cost the US ``c_talk`` (spent reputation,
   Sartori);
3. sanctions bite with monthly hazard ``beta``: North Korea concedes (US ``+B``, North Korea
   ``-C``) and the game ends;
4. otherwise the program advances one stage with probability ``pi_slow`` or ``pi_race``; at
   ``K`` the game ends (US ``-L``, North Korea ``+G``).

Payoffs are discounted by ``delta`` a month; after the horizon ``T`` both get 0.

Qualitative results (C9, C10), checked by the tests:

* North Korea slows during talks iff ``w`` covers the value of a faster program; then talks buy
  time (a longer expected time to ``K``), lower the chance of an ICBM within the horizon and
  raise the chance that sanctions bite first (C9: talks buy time while sanctions bite, C10);
* the grip of talks weakens as the program nears ``K``: at the default parameters North Korea
  slows at the first stage only and races once it is closer to the bomb (the shifting-power
  logic of Powell 2006 and Bas & Coe 2016, where the value of the last steps dwarfs any
  inducement);
* the value of talks to the US *falls* as the sanctions hazard rises (0.077 at ``beta = 0``,
  0.063 at the TIES hazard, 0.045 at 0.02 a month): when sanctions bite fast the ICBM is
  unlikely anyway, so the months talks buy are worth less. In this model talks and sanctions
  are substitutes, not complements -- a caveat to reading C9-C10 as "talks make sanctions
  work".
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf
from stratagem.games.normal_form import Array

__all__ = ["TalksParams", "TalksSolution", "solve_talks", "talks_tree"]

#: TIES cumulative incidence of target acquiescence 3 years after imposition (24.1 %,
#: game_theory.md §6.2) as a constant monthly hazard: 1 - (1 - 0.241)^(1/36).
TIES_MONTHLY_HAZARD = 1.0 - (1.0 - 0.241) ** (1.0 / 36.0)


@dataclass(frozen=True)
class TalksParams:
    """Parameters of the talks game.

    Defaults and sources:

    * ``K = 4`` program stages (assumption: range, re-entry vehicle, accuracy, deployment; the
      brief's "credible ICBM threat" needs range and a demonstrated re-entry vehicle).
    * ``pi_race = 0.05`` per month (assumption: about 20 months a stage, 80 months to ``K`` --
      North Korea went from its first IRBM salvo to the Hwasong-15 in about seven years).
    * ``pi_slow = pi_race * 0.32 / 0.56``: the CSIS ratio of provocations per month with talks
      (0.32) and without (0.56), 1990-2018 (C9).
    * ``beta``: :data:`TIES_MONTHLY_HAZARD` (TIES: 24.1 % acquiescence 3 years after imposition;
      C10).
    * ``T = 60`` months (a five-year planning horizon), ``delta = 0.995`` a month.
    * ``G = 1``, ``C = 1``: North Korea's value of the deliverable ICBM and its loss from
      conceding (assumption, normalization).
    * ``L = 1``, ``B = 1``: the US loss from the ICBM and gain from a concession (assumption).
    * ``w = 0.004``, ``c_talk = 0.0005`` per month (assumption: talks are worth a little to the
      regime each month; bad-faith talk costs the US little reputation each month).
    """

    K: int = 4
    pi_race: float = 0.05
    pi_slow: float = 0.05 * 0.32 / 0.56
    beta: float = TIES_MONTHLY_HAZARD
    T: int = 60
    delta: float = 0.995
    G: float = 1.0
    C: float = 1.0
    L: float = 1.0
    B: float = 1.0
    w: float = 0.004
    c_talk: float = 0.0005

    def with_(self, **changes: float) -> TalksParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TalksSolution:
    """Subgame-perfect policies and outcomes of the talks game.

    Attributes
    ----------
    talk:
        ``talk[t, k]``: 1 if the US talks in month ``t`` at stage ``k``.
    slow:
        ``slow[t, k, a]``: 1 if North Korea slows after US action ``a`` (0 no talks, 1 talks).
    us_value, dprk_value:
        Values at ``(t, k)``, shape ``(T + 1, K)``.
    p_icbm, p_concede:
        Probabilities, from month 0 at stage 0, that North Korea reaches ``K`` / concedes within
        the horizon.
    expected_months_to_icbm:
        Expected months before ``K`` is reached, counting the horizon ``T`` when it is not.
    """

    talk: Array
    slow: Array
    us_value: Array
    dprk_value: Array
    p_icbm: float
    p_concede: float
    expected_months_to_icbm: float


def solve_talks(params: TalksParams | None = None, *, allow_talks: bool = True) -> TalksSolution:
    """Backward induction over ``(t, k)``; ``allow_talks=False`` is the no-talks baseline.

    Ties: North Korea slows and the US talks when indifferent (decision G8).

    Examples
    --------
    >>> base = solve_talks(allow_talks=False)
    >>> talks = solve_talks()
    >>> bought = talks.expected_months_to_icbm - base.expected_months_to_icbm
    >>> bool(talks.slow[0, 0, 1]), round(float(bought), 1)
    (True, 1.4)
    """
    p = params or TalksParams()
    K, T = p.K, p.T
    vu = np.zeros((T + 1, K))
    vd = np.zeros((T + 1, K))
    talk = np.zeros((T, K))
    slow = np.zeros((T, K, 2))
    for t in range(T - 1, -1, -1):
        for k in range(K):
            nxt_u = vu[t + 1, k + 1] if k + 1 < K else -p.L
            nxt_d = vd[t + 1, k + 1] if k + 1 < K else p.G

            stay_u, stay_d = vu[t + 1, k], vd[t + 1, k]

            def cont(
                pi: float,
                nxt_u: float = nxt_u,
                nxt_d: float = nxt_d,
                stay_u: float = stay_u,
                stay_d: float = stay_d,
            ) -> tuple[float, float]:
                eu = p.beta * p.B + (1 - p.beta) * (pi * nxt_u + (1 - pi) * stay_u)
                ed = p.beta * (-p.C) + (1 - p.beta) * (pi * nxt_d + (1 - pi) * stay_d)
                return p.delta * eu, p.delta * ed

            best_u = -np.inf
            for a in (0, 1) if allow_talks else (0,):
                u_slow, d_slow = cont(p.pi_slow)
                u_race, d_race = cont(p.pi_race)
                d_slow += p.w * a
                s = 1.0 if d_slow >= d_race else 0.0
                slow[t, k, a] = s
                u = (u_slow if s else u_race) - p.c_talk * a
                d = d_slow if s else d_race
                if u > best_u + 1e-15 or (a == 1 and u >= best_u - 1e-15):
                    best_u = u
                    vu[t, k], vd[t, k], talk[t, k] = u, d, a
    # forward pass: distribution over stages
    dist = np.zeros(K)
    dist[0] = 1.0
    p_icbm = p_concede = 0.0
    expected = 0.0
    for t in range(T):
        expected += dist.sum()  # months still before K (and not conceded)
        new = np.zeros(K)
        for k in range(K):
            if dist[k] == 0:
                continue
            a = int(talk[t, k])
            pi = p.pi_slow if slow[t, k, a] else p.pi_race
            p_concede += dist[k] * p.beta
            stay = dist[k] * (1 - p.beta)
            if k + 1 < K:
                new[k + 1] += stay * pi
            else:
                p_icbm += stay * pi
            new[k] += stay * (1 - pi)
        dist = new
    return TalksSolution(talk, slow, vu, vd, p_icbm, p_concede, expected)


def talks_tree(params: TalksParams) -> ExtensiveFormGame:
    """The same game as an explicit tree (small ``T`` and ``K`` only).

    Used to cross-check :func:`solve_talks` with the general backward-induction solver.

    Discounting is applied to the leaf payoffs (``delta ** months``); the talk benefit ``w`` and
    cost ``c_talk`` are accumulated along the path.
    """
    p = params
    counter = [0]

    def fresh(prefix: str) -> str:
        counter[0] += 1
        return f"{prefix} #{counter[0]}"

    def node(t: int, k: int, acc_u: float, acc_d: float, disc: float) -> Node:
        if t == p.T:
            return leaf(acc_u, acc_d)
        branches: dict[str, Node] = {}
        for a, name in ((0, "no talks"), (1, "talk")):
            moves: dict[str, Node] = {}
            for s, move in ((1, "slow"), (0, "race")):
                pi = p.pi_slow if s else p.pi_race
                u = acc_u - disc * p.c_talk * a
                d = acc_d + disc * p.w * a * s
                nd = disc * p.delta
                after = {
                    "bite": (p.beta, leaf(u + nd * p.B, d - nd * p.C)),
                }
                if k + 1 < p.K:
                    adv: Node = node(t + 1, k + 1, u, d, nd)
                else:
                    adv = leaf(u - nd * p.L, d + nd * p.G)
                stay = node(t + 1, k, u, d, nd)
                after["advance"] = ((1 - p.beta) * pi, adv)
                after["no advance"] = ((1 - p.beta) * (1 - pi), stay)
                moves[move] = chance(after)
            branches[name] = decision("DPRK", fresh(f"t{t} k{k} {name}"), moves)
        return decision("US", fresh(f"t{t} k{k}"), branches)

    return ExtensiveFormGame(("US", "DPRK"), node(0, 0, 0.0, 0.0, 1.0), title="Talks (M6), small")
