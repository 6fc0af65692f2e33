"""The linkage offer: the US cuts Pacific missile defense if North Korea rolls back.

Claims C3 (China sees US missile defense as encirclement, so a cut is worth more to China than to
North Korea) and C4 (the offer gives China an incentive to pressure North Korea).

While the lever ``linkage_offer`` is on, the offer is worth ``rho * m`` to China and a much smaller
amount to North Korea, scaled by the size of the cut relative to the 2013 expansion (14 GBIs) and
by China's perceived threat from US missile defense (``china_threat_perception``, 1 in April 2013);
``rho`` is the credibility of US delivery (game_theory.md M7: "treat credibility as a chance node
with probability rho"). Once North Korea has rolled its program back, the US decides once whether
to implement the cut (probability ``rho``); an implemented cut lowers the missile-defense target.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import LogNormal, Uniform
from stratagem.engine.draws import bernoulli
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput

#: GBIs of the March 2013 expansion, the natural unit of a cut (missile_defense.md §0).
REFERENCE_CUT_GBIS = 14.0

PARAMETERS = (
    Parameter(
        "china_value_of_cut",
        LogNormal(distribution="lognormal", median=1.5, sigma=0.5),
        "units of China's cost of pressuring",
        "What cancelling the 14-GBI expansion is worth to China (m in M7).",
        assumption=(
            "C3: Beijing sees the batteries as encirclement; no public valuation, so a wide "
            "log-normal around 1.5 times its cost of pressuring Pyongyang"
        ),
    ),
    Parameter(
        "dprk_value_ratio",
        Uniform(distribution="uniform", low=0.0, high=0.2),
        "fraction of China's value",
        "North Korea's valuation of the same cut relative to China's.",
        assumption="C3: 'California missile defense probably doesn't bother North Korea so much'",
    ),
    Parameter(
        "us_credibility",
        Uniform(distribution="uniform", low=0.4, high=0.9),
        "probability",
        "Probability the US delivers the cut once North Korea has rolled back (rho in M7).",
        assumption="a public offer by the Secretary of State engages audience costs (M2)",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Value the standing offer and settle it once the program is rolled back."""
    s, p = x.state, x.params
    offered = np.broadcast_to(x.levers["linkage_offer"] > 0, s["program_rolled_back"].shape)
    size = x.levers["offered_cut_gbis"] / REFERENCE_CUT_GBIS
    value_to_china = (
        offered
        * p["us_credibility"]
        * p["china_value_of_cut"]
        * size
        * s["china_threat_perception"]
    )
    status = s["linkage_status"]
    due = offered & (status == 0) & (s["program_rolled_back"] > 0)
    kept = bernoulli(x.draws[0], p["us_credibility"])
    new_status = np.where(due, np.where(kept > 0, 1.0, -1.0), status)
    cut = np.where(new_status > 0, np.broadcast_to(x.levers["offered_cut_gbis"], status.shape), 0.0)
    return {
        "offer_value_to_china": value_to_china,
        "offer_value_to_dprk": value_to_china * p["dprk_value_ratio"],
        "linkage_status": new_status,
        "missile_defense_cut_gbis": cut * 1.0,
    }


MECHANISM = Mechanism(
    name="linkage_offer",
    step=step,
    state=(
        StateVar(
            "offer_value_to_china",
            "units of China's cost of pressuring",
            "Expected value of the standing offer to China (rho * m).",
        ),
        StateVar(
            "offer_value_to_dprk",
            "units of economic pain",
            "Value of the standing offer to North Korea.",
        ),
        StateVar(
            "linkage_status",
            "code",
            "0 pending, 1 cut implemented, -1 the US reneged.",
            kind="flag",
        ),
        StateVar("missile_defense_cut_gbis", "GBIs", "Interceptors cut under the offer."),
    ),
    reads=("program_rolled_back", "china_threat_perception"),
    levers=("linkage_offer", "offered_cut_gbis"),
    parameters=PARAMETERS,
    draws=1,
    claims=("C3", "C4"),
    summary="The Kerry offer: its value to China and North Korea, and delivery after rollback.",
)
