"""Covert action against the program and allied regional defenses.

Claim C11: "the sanctions, military defenses, and covert operations that can actually resolve the
crisis" (CNAS/WSJ, 2017-12-15).

Covert effort (lever ``covert_effort``, 0-1) produces sabotage events at ``max_sabotage_rate``
times the effort each month; each event spoils the program's long-range tests for
``sabotage_months`` months (``missile_program`` reads ``sabotage_months_left`` and adds its
``sabotage_failure_probability`` to the failure probability of those tests). This is the "left of
launch" campaign reported against the missile tests of 2014-2017 (NYT, 2017; seven of eight
Musudan tests failed in 2016, CNS ``nk_missile_tests_flat.csv``). Regional defenses (lever
``allied_defense``, 1 = THAAD in South Korea plus Aegis afloat) are deployed toward the lever's
level at ``deployment_rate`` a month; they protect allies and bases, and China counts them as
encirclement (``china_threat_perception``).
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.draws import bernoulli
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed

PARAMETERS = (
    Parameter(
        "max_sabotage_rate",
        Uniform(distribution="uniform", low=0.05, high=0.2),
        "per month at full effort",
        "Monthly probability of a successful sabotage operation at full covert effort.",
        assumption="covert successes are rare and episodic; one to two a year at full effort",
    ),
    Parameter(
        "sabotage_months",
        fixed(6.0),
        "months",
        "How long one sabotage keeps spoiling tests.",
        assumption="a compromised supply chain or component takes months to find and replace",
    ),
    Parameter(
        "deployment_rate",
        fixed(1 / 12),
        "fraction per month",
        "Share of the gap to the chosen regional-defense level closed each month.",
        source="THAAD: decision announced 2016-07-08, battery operational in 2017 (key events)",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Draw sabotage events and move regional defenses toward the chosen level."""
    s, p = x.state, x.params
    effort = x.levers["covert_effort"]
    sabotage = bernoulli(x.draws[0], p["max_sabotage_rate"] * effort)
    months_left = np.where(
        sabotage > 0, p["sabotage_months"], np.maximum(s["sabotage_months_left"] - 1.0, 0.0)
    )
    regional = s["regional_defense"] + p["deployment_rate"] * (
        x.levers["allied_defense"] - s["regional_defense"]
    )
    return {
        "covert_setbacks": sabotage,
        "sabotage_months_left": months_left * 1.0,
        "regional_defense": np.broadcast_to(regional, sabotage.shape) * 1.0,
    }


MECHANISM = Mechanism(
    name="covert_and_defense",
    step=step,
    state=(
        StateVar("covert_setbacks", "events", "Sabotage operations this month.", kind="flow"),
        StateVar("sabotage_months_left", "months", "Months the program's tests remain spoiled."),
        StateVar(
            "regional_defense",
            "level (1 = THAAD in Korea)",
            "Allied regional missile defenses deployed.",
        ),
    ),
    levers=("covert_effort", "allied_defense"),
    parameters=PARAMETERS,
    draws=1,
    claims=("C11",),
    summary="Covert sabotage spoils tests for months; regional defenses deploy with a lag.",
)
