"""North Korea's nuclear concessions: freeze, rollback, reneging.

Claims C8 (even severe punishment may not change Pyongyang's calculus: it did not open up after the
1990s famine) and C12 (North Korea is unlikely to make meaningful nuclear concessions).

A freeze starts with a monthly hazard that rises logistically with the pressure the target feels
(economic pain plus the value of any standing offer) against its resolve (``hardship_tolerance``),
the pain at which the hazard reaches half its maximum; good-faith talks multiply the hazard, since
freezes are agreed at the table. A freeze that holds ``rollback_months`` becomes a rollback, which
is permanent within the horizon. Before that, North Korea reneges at a hazard that grows as the
pain falls below its resolve. The maximum hazard is calibrated to TIES: target acquiescence to
imposed sanctions accrues at about 0.5 % a month in years 1-3 (cumulative incidence 14.7 % at one
year, 24.1 % at three; ``shared/data/compiled/ties_cumulative_incidence.json``).
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.draws import bernoulli
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed
from stratagem.mechanisms._shared import logistic

PARAMETERS = (
    Parameter(
        "resolve_spread",
        fixed(0.1),
        "fraction of external trade lost",
        "Logistic scale of the freeze hazard around the resolve.",
        assumption="smooth response over roughly +-20 points of pain",
    ),
    Parameter(
        "max_freeze_hazard",
        fixed(0.02),
        "per month",
        "Freeze hazard under overwhelming pressure.",
        source=(
            "TIES: the monthly hazard of target acquiescence in the first six months of an "
            "imposition is 0.019 (ties_cumulative_incidence.json; "
            "stratagem.data.monthly_hazard_from_incidence), when pressure is freshest"
        ),
    ),
    Parameter(
        "talks_freeze_multiplier",
        Uniform(distribution="uniform", low=2.0, high=5.0),
        "multiplier",
        "Freeze hazard multiplier while good-faith talks run.",
        source=(
            "every freeze on record came out of talks: the 1994 Agreed Framework, the 2007 "
            "Yongbyon shutdown, the 2012 Leap Day deal, the 2018 moratorium (key events)"
        ),
    ),
    Parameter(
        "renege_hazard",
        fixed(0.05),
        "per month",
        "Hazard of abandoning a freeze when pressure has gone.",
        assumption="the 1994, 2005 and 2012 arrangements all unravelled within years",
    ),
    Parameter(
        "rollback_months",
        fixed(12.0),
        "months",
        "Months a freeze must hold before it counts as a rollback.",
        assumption="dismantlement follows a verified freeze after about a year",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Draw freezes and reneging; promote long freezes to rollback."""
    s, p, u = x.state, x.params, x.draws
    frozen = s["program_frozen"]
    rolled_back = s["program_rolled_back"]
    pain = s["economic_pain"] + s["offer_value_to_dprk"]
    pull = logistic((pain - s["resolve"]) / p["resolve_spread"])
    hazard = p["max_freeze_hazard"] * pull
    hazard = hazard * (1.0 + (p["talks_freeze_multiplier"] - 1.0) * s["talks_good_faith_active"])
    freezes = bernoulli(u[0], np.minimum(hazard, 1.0)) * (1.0 - frozen)
    reneges = bernoulli(u[1], p["renege_hazard"] * (1.0 - pull)) * frozen * (1.0 - rolled_back)
    new_frozen = np.maximum(frozen, freezes) * (1.0 - reneges)
    months = np.where(new_frozen > 0, s["months_frozen"] + 1.0, 0.0)
    new_rolled_back = np.maximum(rolled_back, (months >= p["rollback_months"]) * 1.0)
    return {
        "program_frozen": new_frozen,
        "months_frozen": months,
        "program_rolled_back": new_rolled_back,
    }


MECHANISM = Mechanism(
    name="concession",
    step=step,
    state=(
        StateVar(
            "program_frozen",
            "flag",
            "1 while the nuclear and missile programs are frozen.",
            kind="flag",
        ),
        StateVar("months_frozen", "months", "Length of the current freeze.", kind="count"),
        StateVar(
            "program_rolled_back", "flag", "1 once a freeze has become a rollback.", kind="flag"
        ),
    ),
    reads=("economic_pain", "resolve", "offer_value_to_dprk", "talks_good_faith_active"),
    parameters=PARAMETERS,
    draws=2,
    claims=("C8", "C9", "C12"),
    summary="Freeze hazard from pain against resolve; rollback after a held freeze; reneging.",
)
