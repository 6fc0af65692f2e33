"""The triangular linkage game of claim C4: US offer -> China's pressure -> North Korea's choice.

Source: game_theory.md §5 M7 (triangular / pivotal coercion with issue linkage: Sobelman 2023,
*Cooperation and Conflict* 58(3): 356-373; Fang, Johnson & Leeds 2014, *IO* 68(4): 775-809;
Tollison & Willett 1979, *IO* 33(4)); the 2013 Washington Post article (seed 1): trade a cut-back
of US Pacific missile defence for Chinese pressure on Pyongyang.

Tree (M7 with the issue's two kinds of types):

1. Nature draws China's *resolve to support* North Korea, ``tau`` in {pragmatic, staunch}
   (``prior_staunch``; C7 "supporting North Korea is its least bad option"), and North Korea's
   *hardship tolerance*, ``theta`` in {pliable, resolute} (``prior_pliable``; C8).
2. The US, seeing neither, offers the linkage or not.
3. China, knowing ``tau`` but not ``theta``, pressures (withholds aid, curbs trade) or not.
4. North Korea, knowing ``theta`` and the moves so far (not ``tau``), freezes or defies.
5. After an offer and a freeze, Nature decides whether the US delivers the cut (credibility
   ``rho``; M7 item 5 "treat credibility as a chance node with probability rho").

Payoffs (M7 table, with pressure ending once North Korea freezes):

=========  =====================================================================================
US         ``b 1[freeze] - d 1[cut] - a 1[freeze]``
China      ``m 1[cut] + f 1[freeze] - k_tau 1[pressure] - h 1[pressure and defy]``
DPRK       ``-v_theta 1[freeze] - s 1[pressure and defy] + m_D 1[cut] + a 1[freeze]``
=========  =====================================================================================

``h`` is the instability China risks when it squeezes a regime that then holds out ("h rises with
pressure on a resolute type"); ``s`` is North Korea's pain from Chinese pressure.

Equilibrium (PBE, unique for generic payoffs; North Korea moves last and China's beliefs about
``theta`` stay at the prior because the US move carries no information about it):

* North Korea of type ``theta`` freezes iff ``v_theta < a + rho m_D 1[offer] + s 1[pressure]``;
* China of type ``tau`` pressures iff
  ``(rho m 1[offer] + f) (P(F|pressure) - P(F|none)) > k_tau + h P(defy|pressure)`` -- with no
  freeze without pressure this is M7's "China pressures iff rho m P(freeze|pressure) > k +
  expected h";
* the US offers iff its expected payoff is higher.

The logit agent QRE (precision ``lambda``) replaces each "iff" by a logistic choice probability
of the same payoff difference, solved from the last mover up (statistical backward induction,
Signorino 2003, *Political Analysis* 11: 316-344); ``lambda = inf`` gives the PBE.

:func:`china_pressure_probability` is the vectorized function the simulation calls
(``china_pressure: {rule: equilibrium, game: linkage}``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from stratagem.games.extensive_form import ExtensiveFormGame, Node, chance, decision, leaf

__all__ = [
    "LinkageParams",
    "LinkageSolution",
    "china_pressure_probability",
    "choice_probability",
    "dprk_freeze_probability",
    "freeze_given_pressure",
    "linkage_game",
    "pressure_region",
    "pressure_threshold",
    "solve_linkage",
]

FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class LinkageParams:
    """Parameters of the linkage game.

    Units: China's cost of pressuring (``k + h = 1`` for the pragmatic type, as in the
    ``china_pressure`` mechanism).

    Defaults and their sources:

    * ``m = 1.5``: China's value of the missile-defence cut; median of ``china_value_of_cut``
      in the ``linkage_offer`` mechanism (assumption C3: "a cut-back is worth more to China").
    * ``rho = 0.65``: US credibility; midpoint of ``us_credibility`` U(0.4, 0.9) (linkage_offer).
    * ``m_dprk = 0.15``: North Korea's value of the cut, ``dprk_value_ratio`` 0.1 x ``m``
      (midpoint of U(0, 0.2); C3 "California missile defense probably doesn't bother North
      Korea so much").
    * ``prior_pliable = 0.4``: probability North Korea is pliable; midpoint of China's belief
      ``belief_freeze_given_pressure`` U(0.2, 0.6) (china_pressure; C8).
    * ``k_pragmatic = 0.7``, ``h = 0.3``: the pragmatic China's direct cost of pressure and its
      instability cost if the pressured regime defies; they add up to the mechanism's unit
      cost (assumption: the split is ours).
    * ``k_staunch = 1.7``: a staunch supporter's cost (C7: support is its least bad option;
      assumption: one more unit of lost influence).
    * ``prior_staunch = 0.5``: even odds on China's type (assumption).
    * ``pain = 0.4455``: North Korea's pain from full Chinese pressure, China's trade share
      0.891 (2013, KOTRA; china_dprk_trade_by_year.csv) times the share curbed, 0.5
      (``max_trade_cut``, China GAC/KOTRA 2017-2018), in units of external trade.
    * ``v_pliable = 0.3``, ``v_resolute = 2.0``: value to North Korea of keeping its program,
      same units (assumption; C8: the 1990s famine did not open the regime, so the resolute
      type absorbs more than four times the pain of full pressure).
    * ``b = 1.0``, ``d = 0.3``, ``aid = 0.0``: US value of a freeze, cost of the cut, aid paid on a
      freeze (assumption: C1's $1 billion expansion is small against a freeze).
    * ``f = 0.0``: China's own value of a freeze (C7: China prefers the status quo).
    """

    m: float = 1.5
    rho: float = 0.65
    m_dprk: float = 0.15
    prior_pliable: float = 0.4
    k_pragmatic: float = 0.7
    k_staunch: float = 1.7
    prior_staunch: float = 0.5
    h: float = 0.3
    f: float = 0.0
    pain: float = 0.4455
    v_pliable: float = 0.3
    v_resolute: float = 2.0
    b: float = 1.0
    d: float = 0.3
    aid: float = 0.0

    def with_(self, **changes: float) -> LinkageParams:
        """A copy with some parameters changed."""
        return replace(self, **changes)


def choice_probability(gain: ArrayLike, precision: ArrayLike = np.inf) -> FloatArray:
    """Probability of taking an action worth ``gain`` more than the alternative.

    Logit (QRE) choice ``1 / (1 + exp(-precision * gain))``; with ``precision = inf`` the best
    response (1 if ``gain > 0``, 0 if ``gain < 0``, 1/2 at an exact tie: decision G6).

    >>> choice_probability([-1.0, 0.0, 2.0]).tolist()
    [0.0, 0.5, 1.0]
    >>> float(choice_probability(1.0, precision=0.0))
    0.5
    """
    g = np.asarray(gain, dtype=np.float64)
    lam = np.asarray(precision, dtype=np.float64)
    g, lam = np.broadcast_arrays(g, lam)
    out = np.empty(g.shape)
    inf = np.isinf(lam)
    out[inf] = np.where(g[inf] > 0, 1.0, np.where(g[inf] < 0, 0.0, 0.5))
    fin = ~inf
    z = np.clip(lam[fin] * g[fin], -500.0, 500.0)
    out[fin] = 1.0 / (1.0 + np.exp(-z))
    return out


def dprk_freeze_probability(
    program_value: ArrayLike,
    pressure_pain: ArrayLike,
    *,
    offer_value: ArrayLike = 0.0,
    aid: ArrayLike = 0.0,
    precision: ArrayLike = np.inf,
) -> FloatArray:
    """Probability a North Korea that values its program at ``program_value`` freezes.

    Freeze gain (M7): ``aid + offer_value + pressure_pain - program_value``, where
    ``offer_value = rho * m_D`` when the offer stands and ``pressure_pain`` is ``s`` under
    pressure (0 without).

    >>> dprk_freeze_probability([0.3, 2.0], 0.4455, offer_value=0.0975).tolist()
    [1.0, 0.0]
    """
    gain = (
        np.asarray(aid, dtype=np.float64)
        + np.asarray(offer_value, dtype=np.float64)
        + np.asarray(pressure_pain, dtype=np.float64)
        - np.asarray(program_value, dtype=np.float64)
    )
    return choice_probability(gain, precision)


def freeze_given_pressure(
    prior_pliable: ArrayLike,
    *,
    v_pliable: ArrayLike = 0.3,
    v_resolute: ArrayLike = 2.0,
    pain: ArrayLike = 0.4455,
    offer_value: ArrayLike = 0.0,
    aid: ArrayLike = 0.0,
    precision: ArrayLike = np.inf,
    pressured: bool = True,
) -> FloatArray:
    """China's expectation ``P(freeze | pressure)`` over North Korea's two types.

    ``P(freeze | none)`` with ``pressured=False``; each type chooses by
    :func:`dprk_freeze_probability`.

    >>> float(freeze_given_pressure(0.4))
    0.4
    >>> float(freeze_given_pressure(0.4, pressured=False))
    0.0
    """
    q = np.asarray(prior_pliable, dtype=np.float64)
    s = np.asarray(pain, dtype=np.float64) if pressured else 0.0
    pliable = dprk_freeze_probability(
        v_pliable, s, offer_value=offer_value, aid=aid, precision=precision
    )
    resolute = dprk_freeze_probability(
        v_resolute, s, offer_value=offer_value, aid=aid, precision=precision
    )
    return np.asarray(q * pliable + (1.0 - q) * resolute, dtype=np.float64)


def china_pressure_probability(
    offer_value: ArrayLike,
    p_freeze_given_pressure: ArrayLike,
    *,
    cost: ArrayLike = 1.0,
    instability_cost: ArrayLike = 0.0,
    p_freeze_without_pressure: ArrayLike = 0.0,
    value_of_freeze: ArrayLike = 0.0,
    extra_incentive: ArrayLike = 0.0,
    precision: ArrayLike = np.inf,
) -> FloatArray:
    """China's equilibrium probability of pressuring North Korea (vectorized; M7).

    China's net incentive to pressure (its payoff from pressure minus from none) is

    ``(offer_value + value_of_freeze) * (P(F|p) - P(F|n)) - cost - instability_cost * (1 - P(F|p))
    + extra_incentive``

    and it pressures with probability ``1 / (1 + exp(-precision * incentive))`` (logit QRE) or,
    with ``precision = inf``, iff the incentive is positive (PBE; an exact tie gives 1/2).

    Parameters
    ----------
    offer_value:
        ``rho * m``: the expected value to China of the US offer (credibility times China's
        value of the cut), in units of China's cost of pressuring; 0 when no offer stands.
        The ``linkage_offer`` mechanism's state ``offer_value_to_china``.
    p_freeze_given_pressure:
        ``P(F|p)``, China's belief that pressure brings a freeze. In the full game this is
        :func:`freeze_given_pressure` of the North Korean type prior (the mechanism's
        ``belief_freeze_given_pressure``).
    cost:
        ``k``: China's direct cost of pressuring (1 in the mechanism's units; larger for a
        staunch supporter).
    instability_cost:
        ``h``: China's cost if it pressures and North Korea still defies.
    p_freeze_without_pressure:
        ``P(F|n)``: probability of a freeze without Chinese pressure (0 by default).
    value_of_freeze:
        ``f``: China's own value of a freeze, independent of the offer (0 by default).
    extra_incentive:
        Any other net incentive, added as is (the mechanism's impatience with provocations,
        reaction to a nuclear test, anger at regional defences).
    precision:
        ``lambda``, the logit precision (the mechanism's ``decision_precision``); ``np.inf``
        for the PBE best response.

    Returns
    -------
    numpy.ndarray
        China's pressure probability, the broadcast shape of the inputs.

    Notes
    -----
    With ``instability_cost = p_freeze_without_pressure = value_of_freeze = 0`` and
    ``cost = 1`` this is exactly the reduced form of the ``china_pressure`` mechanism
    (``logistic(decision_precision * (P(F|p) * offer_value + ... - 1))``).

    Examples
    --------
    M7's condition "China pressures iff rho m P(freeze | pressure) > k + expected h":

    >>> china_pressure_probability([1.0, 3.0], 0.4, cost=0.7, instability_cost=0.3).tolist()
    [0.0, 1.0]
    >>> round(float(china_pressure_probability(3.0, 0.4, precision=2.0)), 4)
    0.5987
    """
    pf = np.asarray(p_freeze_given_pressure, dtype=np.float64)
    incentive = (
        (np.asarray(offer_value, dtype=np.float64) + np.asarray(value_of_freeze, dtype=np.float64))
        * (pf - np.asarray(p_freeze_without_pressure, dtype=np.float64))
        - np.asarray(cost, dtype=np.float64)
        - np.asarray(instability_cost, dtype=np.float64) * (1.0 - pf)
        + np.asarray(extra_incentive, dtype=np.float64)
    )
    return choice_probability(incentive, precision)


def pressure_threshold(
    prior_pliable: ArrayLike, cost: ArrayLike = 0.7, instability_cost: ArrayLike = 0.3
) -> FloatArray:
    """The smallest offer value ``rho * m`` at which China pressures: ``(k + h (1 - q)) / q``.

    PBE, with pliable types freezing only under pressure and resolute types never.

    >>> round(float(pressure_threshold(0.4)), 6)
    2.2
    """
    q = np.asarray(prior_pliable, dtype=np.float64)
    with np.errstate(divide="ignore"):
        return np.asarray(
            (np.asarray(cost) + np.asarray(instability_cost) * (1.0 - q)) / q, dtype=np.float64
        )


# --------------------------------------------------------------------------- the full game

CHINA_TYPES = ("pragmatic", "staunch")
DPRK_TYPES = ("pliable", "resolute")


def linkage_game(params: LinkageParams | None = None) -> ExtensiveFormGame:
    """The linkage game as a tree (players US, China, DPRK), for the general solvers.

    >>> g = linkage_game()
    >>> len(g.infosets), g.players
    (13, ('US', 'China', 'DPRK'))
    """
    p = params or LinkageParams()

    def outcome(offer: bool, pressure: bool, freeze: bool, tau: str, theta: str, cut: bool) -> Node:
        k = p.k_pragmatic if tau == "pragmatic" else p.k_staunch
        v = p.v_pliable if theta == "pliable" else p.v_resolute
        us = p.b * freeze - p.d * cut - p.aid * freeze
        china = p.m * cut + p.f * freeze - k * pressure - p.h * (pressure and not freeze)
        dprk = -v * freeze - p.pain * (pressure and not freeze) + p.m_dprk * cut + p.aid * freeze
        return leaf(float(us), float(china), float(dprk))

    def dprk(offer: bool, pressure: bool, tau: str, theta: str) -> Node:
        label = (
            f"{theta}/{'offer' if offer else 'none'}/{'pressure' if pressure else 'no pressure'}"
        )
        freeze: Node
        if offer:
            freeze = chance(
                {
                    "deliver": (p.rho, outcome(offer, pressure, True, tau, theta, True)),
                    "renege": (1.0 - p.rho, outcome(offer, pressure, True, tau, theta, False)),
                }
            )
        else:
            freeze = outcome(offer, pressure, True, tau, theta, False)
        return decision(
            "DPRK",
            label,
            {"freeze": freeze, "defy": outcome(offer, pressure, False, tau, theta, False)},
        )

    def china(offer: bool, tau: str, theta: str) -> Node:
        return decision(
            "China",
            f"{tau}/{'offer' if offer else 'none'}",
            {
                "pressure": dprk(offer, True, tau, theta),
                "no pressure": dprk(offer, False, tau, theta),
            },
        )

    def us(tau: str, theta: str) -> Node:
        return decision(
            "US", "US", {"offer": china(True, tau, theta), "no offer": china(False, tau, theta)}
        )

    def dprk_type(tau: str) -> Node:
        return chance(
            {
                "pliable": (p.prior_pliable, us(tau, "pliable")),
                "resolute": (1.0 - p.prior_pliable, us(tau, "resolute")),
            }
        )

    root = chance(
        {
            "pragmatic": (1.0 - p.prior_staunch, dprk_type("pragmatic")),
            "staunch": (p.prior_staunch, dprk_type("staunch")),
        }
    )
    return ExtensiveFormGame(("US", "China", "DPRK"), root, title="Kerry linkage offer (M7)")


@dataclass(frozen=True)
class LinkageSolution:
    """Equilibrium choice probabilities of the linkage game.

    Attributes
    ----------
    p_offer:
        Probability the US offers the linkage.
    p_pressure:
        ``{(china_type, "offer"|"none"): probability China pressures}``.
    p_freeze:
        ``{(dprk_type, "offer"|"none", "pressure"|"no pressure"): probability of a freeze}``.
    outcome:
        Probabilities on the path: ``pressure`` (China pressures), ``freeze`` (North Korea
        freezes), ``pressure_and_freeze``.
    """

    p_offer: float
    p_pressure: dict[tuple[str, str], float]
    p_freeze: dict[tuple[str, str, str], float]
    outcome: dict[str, float]

    def as_dict(self) -> dict[str, Any]:
        """Plain dictionary (for printing)."""
        return asdict(self)


def solve_linkage(
    params: LinkageParams | None = None, *, precision: float = np.inf
) -> LinkageSolution:
    """Solve the linkage game by (statistical) backward induction: PBE or logit agent QRE.

    Examples
    --------
    At the default parameters the offer is worth too little to China (``rho m = 0.975`` against
    a threshold of 2.2): nobody pressures and nobody freezes.

    >>> s = solve_linkage()
    >>> s.p_pressure[("pragmatic", "offer")], s.outcome["freeze"]
    (0.0, 0.0)
    >>> s = solve_linkage(LinkageParams(m=4.0))
    >>> s.p_offer, s.p_pressure[("pragmatic", "offer")], s.p_pressure[("staunch", "offer")]
    (1.0, 1.0, 0.0)
    >>> round(s.outcome["pressure_and_freeze"], 3)
    0.2
    """
    p = params or LinkageParams()
    lam = precision
    p_freeze: dict[tuple[str, str, str], float] = {}
    for theta, v in (("pliable", p.v_pliable), ("resolute", p.v_resolute)):
        for offer in (True, False):
            for pressure in (True, False):
                key = (
                    theta,
                    "offer" if offer else "none",
                    "pressure" if pressure else "no pressure",
                )
                p_freeze[key] = float(
                    dprk_freeze_probability(
                        v,
                        p.pain if pressure else 0.0,
                        offer_value=p.rho * p.m_dprk if offer else 0.0,
                        aid=p.aid,
                        precision=lam,
                    )
                )
    q = {"pliable": p.prior_pliable, "resolute": 1.0 - p.prior_pliable}

    def freeze_prob(offer: str, pressure: str) -> float:
        return sum(q[t] * p_freeze[(t, offer, pressure)] for t in DPRK_TYPES)

    p_pressure: dict[tuple[str, str], float] = {}
    for tau, k in (("pragmatic", p.k_pragmatic), ("staunch", p.k_staunch)):
        for made in ("offer", "none"):
            value = p.rho * p.m if made == "offer" else 0.0
            p_pressure[(tau, made)] = float(
                china_pressure_probability(
                    value,
                    freeze_prob(made, "pressure"),
                    cost=k,
                    instability_cost=p.h,
                    p_freeze_without_pressure=freeze_prob(made, "no pressure"),
                    value_of_freeze=p.f,
                    precision=lam,
                )
            )
    w_china = {"pragmatic": 1.0 - p.prior_staunch, "staunch": p.prior_staunch}

    def us_value(offer: str) -> float:
        total = 0.0
        for tau in CHINA_TYPES:
            pp = p_pressure[(tau, offer)]
            for pressure, w in (("pressure", pp), ("no pressure", 1.0 - pp)):
                fr = freeze_prob(offer, pressure)
                cut = p.rho * fr if offer == "offer" else 0.0
                total += w_china[tau] * w * ((p.b - p.aid) * fr - p.d * cut)
        return total

    p_offer = float(choice_probability(us_value("offer") - us_value("none"), lam))

    def path(offer: str) -> dict[str, float]:
        pressure = sum(w_china[t] * p_pressure[(t, offer)] for t in CHINA_TYPES)
        freeze = 0.0
        both = 0.0
        for tau in CHINA_TYPES:
            pp = p_pressure[(tau, offer)]
            both += w_china[tau] * pp * freeze_prob(offer, "pressure")
            freeze += w_china[tau] * (
                pp * freeze_prob(offer, "pressure") + (1 - pp) * freeze_prob(offer, "no pressure")
            )
        return {"pressure": pressure, "freeze": freeze, "pressure_and_freeze": both}

    on, off = path("offer"), path("none")
    outcome = {key: p_offer * on[key] + (1 - p_offer) * off[key] for key in on}
    return LinkageSolution(p_offer, p_pressure, p_freeze, outcome)


def pressure_region(
    offer_values: ArrayLike,
    priors_pliable: ArrayLike,
    params: LinkageParams | None = None,
    *,
    precision: float = np.inf,
) -> tuple[FloatArray, FloatArray]:
    """Pressure and pressure-and-freeze probabilities on a grid (pragmatic China).

    The grid is ``offer_values x priors_pliable`` (rows: priors).

    ``offer_values`` are ``rho * m``. Returns ``(p_pressure, p_pressure_and_freeze)``, each of
    shape ``(len(priors_pliable), len(offer_values))``.

    >>> pp, both = pressure_region([1.0, 3.0], [0.4])
    >>> pp.tolist(), both.tolist()
    ([[0.0, 1.0]], [[0.0, 0.4]])
    """
    p = params or LinkageParams()
    x = np.asarray(offer_values, dtype=np.float64)[None, :]
    q = np.asarray(priors_pliable, dtype=np.float64)[:, None]
    kw: dict[str, Any] = {
        "v_pliable": p.v_pliable,
        "v_resolute": p.v_resolute,
        "pain": p.pain,
        "offer_value": p.rho * p.m_dprk,
        "aid": p.aid,
        "precision": precision,
    }
    pf_p = freeze_given_pressure(q, **kw)
    pf_n = freeze_given_pressure(q, pressured=False, **kw)
    pressure = china_pressure_probability(
        x,
        pf_p,
        cost=p.k_pragmatic,
        instability_cost=p.h,
        p_freeze_without_pressure=pf_n,
        value_of_freeze=p.f,
        precision=precision,
    )
    return pressure, pressure * pf_p
