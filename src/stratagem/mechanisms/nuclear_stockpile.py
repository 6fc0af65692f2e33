"""The target's nuclear stockpile: warheads, tests and yield.

Warheads grow at a production rate (fissile material, then weapons) slowed by economic pain and
stopped by a freeze as far as its terms reach (``production_restraint``, from ``concession``); a
rollback dismantles them at ``dismantlement_rate`` times the deal's ``dismantlement_pace``.
Nuclear tests come at a monthly rate while testing is not restrained (``test_restraint``), and
each raises the demonstrated yield toward a thermonuclear ceiling. (``missile_defense`` faces the
smaller of the deployed ICBMs and the warheads: one warhead per missile.)

Calibration (``shared/data/compiled/nk_nuclear_tests.csv``): three tests between April 2013 and
December 2017 (January 2016, September 2016, September 2017) = 0.055 a month, six in 2006-2017;
demonstrated yield went from about 7 kt (February 2013) to about 140 kt (September 2017, estimates
50-260 kt) in three tests: with a 250 kt ceiling each test closes 1 - (110/243)^(1/3) = 0.23 of
the gap.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Triangular, Uniform
from stratagem.engine.draws import bernoulli, poisson
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed

PARAMETERS = (
    Parameter(
        "warheads_per_month",
        Triangular(distribution="triangular", low=2 / 12, mode=4 / 12, high=6 / 12),
        "warheads per month",
        "Warhead production when the program runs unhindered.",
        source=(
            "ISIS: 3-5 weapons a year (2016); Hecker: capacity for 4-6 a year (c. 2015), at most "
            "~6 kg of plutonium a year (docs/sources/case-parameters.md §1.1)"
        ),
    ),
    Parameter(
        "pain_elasticity",
        Uniform(distribution="uniform", low=0.0, high=0.5),
        "fraction",
        "Fractional slowdown of production per unit of economic pain.",
        assumption="C8: strategic programs are the last the regime starves",
    ),
    Parameter(
        "test_rate",
        fixed(3 / 55),
        "tests per month",
        "Nuclear tests per month while the program runs.",
        source="three tests from 2013-04 to 2017-11 (nk_nuclear_tests.csv)",
    ),
    Parameter(
        "yield_ceiling_kt",
        fixed(250.0),
        "kt",
        "Largest yield reachable in the period (a staged thermonuclear device).",
        source="2017-09-03 test estimated at 50-260 kt (nk_nuclear_tests.csv)",
    ),
    Parameter(
        "yield_gain",
        fixed(0.23),
        "fraction per test",
        "Fraction of the gap to the ceiling one test closes.",
        source="7 kt (2013) to ~140 kt (2017) in three tests: 1 - (110/243)^(1/3)",
    ),
    Parameter(
        "dismantlement_rate",
        fixed(1 / 24),
        "fraction per month",
        "Share of the warheads dismantled each month after a rollback.",
        assumption="verified dismantlement over about two years",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Produce warheads, draw tests, raise the yield and count deliverable ICBM warheads."""
    s, p, u = x.state, x.params, x.draws
    producing = 1.0 - s["production_restraint"]
    slowdown = np.maximum(1.0 - p["pain_elasticity"] * s["economic_pain"], 0.0)
    produced = poisson(u[0], p["warheads_per_month"] * producing * slowdown)
    dismantled = s["dismantlement_pace"] * p["dismantlement_rate"] * s["warheads"]
    warheads = np.maximum(s["warheads"] + produced - dismantled, 0.0)
    testing = 1.0 - s["test_restraint"]
    tested = bernoulli(u[1], p["test_rate"] * testing * (1.0 - s["talks_active"]))
    ceiling = p["yield_ceiling_kt"]
    max_yield = s["max_yield_kt"] + tested * p["yield_gain"] * (ceiling - s["max_yield_kt"])
    return {
        "warheads": warheads,
        "nuclear_tests": tested,
        "cumulative_nuclear_tests": s["cumulative_nuclear_tests"] + tested,
        "months_since_nuclear_test": np.where(tested > 0, 0.0, s["months_since_nuclear_test"] + 1),
        "max_yield_kt": max_yield,
    }


MECHANISM = Mechanism(
    name="nuclear_stockpile",
    step=step,
    state=(
        StateVar("warheads", "warheads", "Nuclear warheads in the stockpile.", 12.0, kind="count"),
        StateVar("nuclear_tests", "tests", "Nuclear tests this month.", kind="flow"),
        StateVar(
            "cumulative_nuclear_tests", "tests", "Nuclear tests since 2006.", 3.0, kind="count"
        ),
        StateVar(
            "months_since_nuclear_test", "months", "Months since the last test.", 2.0, kind="count"
        ),
        StateVar("max_yield_kt", "kt", "Largest demonstrated yield.", 7.0),
    ),
    reads=(
        "test_restraint",
        "production_restraint",
        "dismantlement_pace",
        "economic_pain",
        "talks_active",
    ),
    parameters=PARAMETERS,
    draws=2,
    claims=("C1", "C12"),
    summary="Warhead production, nuclear tests and yield growth; deliverable ICBM warheads.",
)
