"""The target regime's resolve: how much economic pain it absorbs before it bends.

Claims C8 ("it's difficult to imagine that even a severe Chinese punishment could drastically
change North Korea's calculus": Pyongyang did not open up after the 1990s famine) and C12 (North
Korea is unlikely to make meaningful nuclear concessions).

Economic pain is the share of the target's external income lost, combining the patron's trade
curbs and the bite of sanctions as independent losses::

    pain = 1 - (1 - china_trade_loss) * (1 - sanctions_bite)

Resolve is the pain at which the target is even odds to bend (see ``concession``). It erodes with
accumulated hardship at ``erosion_per_pain_year`` per pain-year: a regime that has absorbed a year
of 50 % pain loses ``0.5 * erosion`` of resolve. North Korea's erosion is small (C8); a state whose
leaders answer to an electorate erodes faster (Iran's 2013 election), which is a parameter of the
case, not code.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed

PARAMETERS = (
    Parameter(
        "initial_resolve",
        Uniform(distribution="uniform", low=0.3, high=0.6),
        "fraction of external income lost",
        "Pain at which the regime is even odds to bend, at the start.",
        assumption=(
            "C8: the regime absorbed the 1990s famine without opening up; at least a third and "
            "up to well over half of its external income must go"
        ),
    ),
    Parameter(
        "erosion_per_pain_year",
        Uniform(distribution="uniform", low=0.0, high=0.1),
        "resolve lost per pain-year",
        "How fast sustained pain wears resolve down.",
        assumption="C8: famine and isolation barely moved Pyongyang",
    ),
    Parameter(
        "minimum_resolve",
        fixed(0.05),
        "fraction of external income lost",
        "Floor below which resolve does not erode.",
        assumption="even a worn-down regime bends only under some pain",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Combine the sources of pain, accumulate hardship and erode resolve."""
    s, p = x.state, x.params
    pain = 1.0 - (1.0 - s["china_trade_loss"]) * (1.0 - s["sanctions_bite"])
    hardship = s["cumulative_hardship_years"] + pain / 12.0
    resolve = np.maximum(
        p["initial_resolve"] - p["erosion_per_pain_year"] * hardship, p["minimum_resolve"]
    )
    return {"economic_pain": pain, "cumulative_hardship_years": hardship, "resolve": resolve}


MECHANISM = Mechanism(
    name="hardship_tolerance",
    step=step,
    state=(
        StateVar("economic_pain", "fraction", "Share of the target's external income lost."),
        StateVar(
            "cumulative_hardship_years",
            "pain-years",
            "Accumulated pain (one year at full pain = 1).",
            kind="count",
        ),
        StateVar("resolve", "fraction", "Pain at which the regime is even odds to bend.", 0.45),
    ),
    reads=("china_trade_loss", "sanctions_bite"),
    parameters=PARAMETERS,
    claims=("C8", "C12"),
    summary="Economic pain from trade curbs and sanctions against a slowly eroding resolve.",
)
