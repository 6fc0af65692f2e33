"""China's choice between pressuring North Korea and supporting it as its least-bad option.

Claims C5 (China has sticks the US lacks: withholding aid and curbing cross-border trade, being
about 89 % of North Korea's trade in 2013) and C7 (China may not follow through: supporting North
Korea "is its least bad option").

China reconsiders its policy at a monthly rate. When it does, it pressures with the logit
(quantal-response) probability of the net incentive of the triangular coercion game
(``shared/reference/game_theory.md`` M7: China pressures iff ``rho * m * P(freeze | pressure)
> k + h``)::

    incentive = P(freeze | pressure) * offer_value_to_china + impatience * excitation - 1

in units of China's cost of pressuring (``k + h`` = 1: lost influence and the risk of instability
on its border). ``offer_value_to_china`` (``rho * m``) comes from the linkage offer;
``excitation`` is the recent provocation record, which China's own interest in quiet weighs.
Pressure then moves toward its target level (a fraction ``max_trade_cut`` of cross-border trade
curbed) at ``adjustment_rate`` a month. North Korea loses ``china_trade_share * pressure`` of its
external trade (``hardship_tolerance`` turns that into pain), and China's enforcement of sanctions
follows its pressure (``sanctions`` reads ``china_enforcement``). A recent nuclear test adds to the
incentive; regional missile defenses on China's border subtract from it (C3).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.draws import bernoulli
from stratagem.engine.model import (
    Array,
    Mechanism,
    Parameter,
    StateVar,
    StepInput,
    Value,
    fixed,
)
from stratagem.mechanisms._shared import logistic

PARAMETERS = (
    Parameter(
        "china_trade_share",
        fixed(0.891),
        "fraction",
        "China's share of North Korea's external trade.",
        source=(
            "2013: $6.54 bn of $7.34 bn (KOTRA via Yonhap 2014-05-22; china_dprk_trade_by_year.csv)"
        ),
    ),
    Parameter(
        "max_trade_cut",
        fixed(0.5),
        "fraction",
        "Share of China-DPRK trade that full Chinese pressure curbs.",
        source="total trade fell from $5.06 bn (2017) to about $2.43 bn (2018): China GAC/KOTRA",
    ),
    Parameter(
        "belief_freeze_given_pressure",
        Uniform(distribution="uniform", low=0.2, high=0.6),
        "probability",
        "China's belief that its pressure would bring a freeze (P(freeze | pressure) in M7).",
        assumption="C8: even severe punishment may not change Pyongyang's calculus",
    ),
    Parameter(
        "impatience",
        Uniform(distribution="uniform", low=0.0, high=0.3),
        "per unit of excitation",
        "Weight China gives to recent provocations ('increasingly impatient sponsor').",
        assumption="C5's 'increasingly impatient' patron; China backed every 2017 UNSC resolution",
    ),
    Parameter(
        "nuclear_test_weight",
        Uniform(distribution="uniform", low=0.0, high=1.0),
        "incentive units",
        "Added incentive to pressure just after a nuclear test (decays over about six months).",
        source=(
            "China voted for every UNSC resolution after a nuclear test, and for 2371/2375/2397 in "
            "2017 enforced them: imports from the DPRK fell a third (unsc_dprk_resolutions.csv, "
            "china_dprk_trade_by_year.csv)"
        ),
    ),
    Parameter(
        "regional_defense_anger",
        Uniform(distribution="uniform", low=0.0, high=1.0),
        "incentive units",
        "Lost incentive to help the US while a full regional battery stands on its border.",
        assumption="China's 2017 retaliation against South Korea over THAAD (C3)",
    ),
    Parameter(
        "decision_precision",
        fixed(2.0),
        "1 / incentive unit",
        "Logit precision of China's choice (0: random, large: strict best response).",
        assumption="quantal-response noise as in game_theory.md §1.3 (logit QRE)",
    ),
    Parameter(
        "reconsider_rate",
        fixed(1 / 3),
        "per month",
        "Probability China revisits its policy in a month.",
        assumption="policy reviews about quarterly",
    ),
    Parameter(
        "adjustment_rate",
        fixed(0.25),
        "fraction per month",
        "Fraction of the gap between actual and target pressure closed each month.",
        source=(
            "China's imports from the DPRK fell by a third within 2017 and total trade halved by "
            "2018 (china_dprk_trade_by_year.csv): months, not years"
        ),
    ),
)


def _other_incentives(s: Mapping[str, Array], p: Mapping[str, Value]) -> Array:
    """China's incentives beside the offer: impatience, a recent nuclear test, anger at THAAD."""
    return np.asarray(
        p["impatience"] * s["provocation_excitation"]
        + p["nuclear_test_weight"] * np.exp(-s["months_since_nuclear_test"] / 6.0)
        - p["regional_defense_anger"] * s["regional_defense"]
    )


def _reduced_form(x: StepInput) -> Array:
    """Logit choice on ``P(freeze | pressure) * rho * m + other incentives - 1``."""
    s, p = x.state, x.params
    incentive = (
        p["belief_freeze_given_pressure"] * s["offer_value_to_china"]
        + _other_incentives(s, p)
        - 1.0
    )
    return logistic(p["decision_precision"] * incentive)


def _equilibrium(x: StepInput) -> Array:
    """China's logit-QRE response in the triangular linkage game (game_theory.md M7).

    China's belief that pressure brings a freeze comes from North Korea's two types in the game
    (:func:`stratagem.games.linkage.freeze_given_pressure`): ``belief_freeze_given_pressure`` is
    read as the prior that North Korea is the pliable type, and each type answers full pressure
    (the pain of ``china_trade_share * max_trade_cut``) with its own quantal response.
    """
    from stratagem.games.linkage import china_pressure_probability, freeze_given_pressure

    s, p = x.state, x.params
    precision = p["decision_precision"]
    pain = p["china_trade_share"] * p["max_trade_cut"]
    freeze = freeze_given_pressure(
        p["belief_freeze_given_pressure"],
        pain=pain,
        offer_value=s["offer_value_to_dprk"],
        precision=precision,
    )
    unpressed = freeze_given_pressure(
        p["belief_freeze_given_pressure"],
        pain=pain,
        offer_value=s["offer_value_to_dprk"],
        precision=precision,
        pressured=False,
    )
    return china_pressure_probability(
        s["offer_value_to_china"],
        freeze,
        p_freeze_without_pressure=unpressed,
        extra_incentive=_other_incentives(s, p),
        precision=precision,
    )


def _step(x: StepInput, choose: Array) -> dict[str, Array]:
    s, p, u = x.state, x.params, x.draws
    reconsider = bernoulli(u[0], p["reconsider_rate"])
    decision = bernoulli(u[1], choose)
    pressuring = np.where(reconsider > 0, decision, s["china_pressuring"])
    target = pressuring * p["max_trade_cut"]
    pressure = s["china_pressure"] + p["adjustment_rate"] * (target - s["china_pressure"])
    return {
        "china_pressuring": pressuring,
        "china_pressure": pressure,
        "china_enforcement": pressure / p["max_trade_cut"],
        "china_trade_loss": p["china_trade_share"] * pressure,
    }


def step(x: StepInput) -> dict[str, Array]:
    """Update China's policy choice (reduced-form logit), pressure and enforcement."""
    return _step(x, _reduced_form(x))


def step_equilibrium(x: StepInput) -> dict[str, Array]:
    """The same month, with China's choice taken from the solved linkage game."""
    return _step(x, _equilibrium(x))


MECHANISM = Mechanism(
    name="china_pressure",
    step=step,
    state=(
        StateVar("china_pressuring", "flag", "1 while China's policy is to pressure.", kind="flag"),
        StateVar("china_pressure", "fraction", "Share of China-DPRK trade curbed."),
        StateVar(
            "china_enforcement",
            "fraction",
            "China's pressure relative to its maximum (it also enforces sanctions).",
        ),
        StateVar(
            "china_trade_loss",
            "fraction",
            "Share of the target's external trade lost to Chinese curbs.",
        ),
    ),
    reads=(
        "offer_value_to_china",
        "provocation_excitation",
        "months_since_nuclear_test",
        "regional_defense",
    ),
    parameters=PARAMETERS,
    draws=2,
    claims=("C5", "C7"),
    rules={"equilibrium": step_equilibrium},
    games=("linkage",),
    summary="China's logit choice to pressure (trade curbs) against its least-bad-option support.",
)
