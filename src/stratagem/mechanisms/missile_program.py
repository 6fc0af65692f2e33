"""North Korea's long-range missile program: capability grows through testing.

Claim C1 (in 2013 no demonstrated capability to reach the United States), and the program side of
C9-C11 (talks slow it, sanctions starve it, sabotage spoils its tests).

Capability is the best burnout speed demonstrated by a weapon-configuration long-range missile
(``missile_reach`` turns it into range and reach). Each month the program flies long-range tests at
a rate slowed by economic pain, a freeze, running talks and the short-lived calm rewards buy.
Tests fail with a probability on a power-law learning curve in the number flown
(``f0 * (1 + n)^-b``, the Duane reliability-growth form), raised while a sabotage lasts;
successes and failures are independent Poisson counts (the thinning of a Poisson number of tests).
Every success closes a fraction ``learning_gain`` of the gap between the demonstrated and the
ceiling burnout speed; successes at ICBM speed feed ``missile_accuracy``. Once the threat is
credible (``credible_icbm_threat`` of the previous month) the program deploys ICBMs.

Calibration (``shared/data/nk_missile_tests/nk_missile_tests_flat.csv``, CNS): between April 2013
and the Hwasong-15 test of 2017-11-28 (55 months) North Korea flew 18 IRBM/ICBM/satellite
launches, 10 of the first 12 failing and the last six succeeding, and its demonstrated reach went
from the Nodong's 1,300 km (burnout speed 3.40 km/s) to more than 13,000 km (7.59 km/s) in about
seven successes. 2018, the year of the summits, had no missile test (21 in 2017).
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Triangular, Uniform
from stratagem.engine.draws import poisson
from stratagem.engine.model import (
    Array,
    Mechanism,
    Parameter,
    StateVar,
    StepInput,
    Value,
    fixed,
)
from stratagem.engine.sparse import compute_where
from stratagem.physics.ballistics import burnout_speed_for_range_km_s

PARAMETERS = (
    Parameter(
        "test_rate",
        Triangular(distribution="triangular", low=0.15, mode=0.3, high=0.5),
        "tests per month",
        "Long-range (IRBM/ICBM/space-launch) tests per month when nothing slows the program.",
        source=(
            "CNS database: 18 IRBM/ICBM/SLV launches from 2013-04 to 2017-11 (55 months), 0.33 "
            "a month, with none in 2013-15 and ~0.8 a month in 2016-17; with the fitted "
            "learning curve this puts the status quo's median time to a credible ICBM near the "
            "55 months to the Hwasong-15 test (docs/decisions.md D14)"
        ),
    ),
    Parameter(
        "initial_failure_probability",
        fixed(0.75),
        "probability",
        "Failure probability of the first long-range test of the period (f0).",
        source=(
            "Bernoulli maximum likelihood of f0 * (1 + n)^-b on the 18 IRBM/ICBM/SLV launches of "
            "2013-04..2017-11 (CNS; stratagem.data.fit_failure_curve): f0 = 0.748"
        ),
    ),
    Parameter(
        "failure_learning_exponent",
        fixed(0.13),
        "dimensionless",
        "Exponent b of the learning curve f0 * (1 + n)^-b.",
        source=(
            "same fit: b = 0.127 (the failures cluster mid-record, so learning looks slow); the "
            "failure probability falls from 0.75 to 0.52 after 15 tests"
        ),
    ),
    Parameter(
        "learning_gain",
        Uniform(distribution="uniform", low=0.3, high=0.5),
        "fraction per success",
        "Fraction of the gap to the ceiling burnout speed closed by one successful test.",
        source=(
            "about seven successes took burnout speed from 3.40 to 7.59 km/s against a 7.7 km/s "
            "ceiling (2013-04 to 2017-11): 1 - (0.11/4.3)^(1/7) = 0.41"
        ),
    ),
    Parameter(
        "max_burnout_speed_km_s",
        fixed(7.7),
        "km/s",
        "Technological ceiling of the burnout speed in the period (about 14,300 km).",
        source="Hwasong-15 (2017) more than 13,000 km, i.e. 7.59 km/s (nk_missile_estimates.csv)",
    ),
    Parameter(
        "icbm_range_km",
        fixed(5500.0),
        "km",
        "Range above which a missile counts as an ICBM.",
        source="the ICBM threshold of missile_defense.md §2.1 (NASIC's KN-08 'at least 5,500 km')",
    ),
    Parameter(
        "talks_slowdown",
        Uniform(distribution="uniform", low=0.5, high=0.95),
        "fraction",
        "Share of long-range testing suspended while talks run (C9).",
        source=(
            "CNS: no missile test in 2018, the year of the summits, against 21 in 2017; testing "
            "resumed with short-range missiles in 2019 while talks continued"
        ),
    ),
    Parameter(
        "pain_elasticity",
        Uniform(distribution="uniform", low=0.2, high=0.8),
        "fraction",
        "Fractional slowdown of testing per unit of economic pain (0: the program is shielded).",
        assumption=(
            "the regime protects strategic programs through hardship (C8, C10: 'starving its "
            "people as it perseveres')"
        ),
    ),
    Parameter(
        "calm_test_factor",
        fixed(0.5),
        "multiplier",
        "Test rate multiplier during the calm a reward buys.",
        assumption=(
            "good behaviour after rewards is usually short-lived but real (C6); the 2012 Leap "
            "Day deal included a long-range test moratorium"
        ),
    ),
    Parameter(
        "sabotage_failure_probability",
        Uniform(distribution="uniform", low=0.0, high=0.3),
        "probability",
        "Failure probability added to long-range tests while a sabotage lasts.",
        source=(
            "NYT (2017): 88 % of the 'most threatening' launches failed after the 2014 'left of "
            "launch' acceleration; Lewis: three-quarters of launches since 2014 succeeded. The "
            "learning curve (D13) already absorbs the Musudan failures, so the added share is "
            "kept small (docs/sources/case-parameters.md §1.4)"
        ),
    ),
    Parameter(
        "icbm_production_rate",
        Uniform(distribution="uniform", low=0.05, high=0.3),
        "ICBMs per month",
        "Deployment rate of ICBMs once the threat is credible.",
        assumption="one to four ICBMs a year; no public production figure",
    ),
)


def _learn(speed: Array, ceiling: Value, gain: Value, successes: Array) -> Array:
    """Burnout speed after ``successes`` tests each closing ``gain`` of the gap to the ceiling."""
    return np.maximum(ceiling - (ceiling - speed) * (1.0 - gain) ** successes, speed)


def step(x: StepInput) -> dict[str, Array]:
    """Fly this month's tests, update the demonstrated capability and the ICBM arsenal."""
    s, p, u = x.state, x.params, x.draws
    speed = s["burnout_speed_km_s"]
    cumulative = s["cumulative_long_range_tests"]
    testing = 1.0 - s["test_restraint"]
    calm = np.where(s["calm_months_left"] > 0, p["calm_test_factor"], 1.0)
    slowdown = np.maximum(1.0 - p["pain_elasticity"] * s["economic_pain"], 0.0)
    talking = 1.0 - p["talks_slowdown"] * s["talks_active"]
    rate = p["test_rate"] * testing * calm * slowdown * talking
    # f0 * (1 + n)^-b, written with exp/log1p (several times cheaper than a power in NumPy).
    failure_probability = p["initial_failure_probability"] * np.exp(
        -p["failure_learning_exponent"] * np.log1p(cumulative)
    )
    sabotaged = (s["sabotage_months_left"] > 0) * p["sabotage_failure_probability"]
    failure_probability = 1.0 - (1.0 - failure_probability) * (1.0 - sabotaged)
    successes = poisson(u[0], rate * (1.0 - failure_probability))
    failures = poisson(u[1], rate * failure_probability)

    # Capability only moves in the (few) runs with a successful test this month.
    new_speed = compute_where(
        successes > 0,
        _learn,
        speed,
        speed,
        p["max_burnout_speed_km_s"],
        p["learning_gain"],
        successes,
    )
    icbm_speed = burnout_speed_for_range_km_s(p["icbm_range_km"])
    icbm_successes = np.where(new_speed >= icbm_speed, successes, 0.0)
    credible = s["credible_icbm_threat"]
    producing = 1.0 - s["production_restraint"]
    arsenal = s["icbm_arsenal"] + poisson(u[2], p["icbm_production_rate"] * producing * credible)
    return {
        "burnout_speed_km_s": new_speed,
        "long_range_tests": successes + failures,
        "long_range_failures": failures,
        "cumulative_long_range_tests": cumulative + successes + failures,
        "icbm_range_successes": icbm_successes,
        "icbm_arsenal": arsenal,
    }


MECHANISM = Mechanism(
    name="missile_program",
    step=step,
    state=(
        StateVar(
            "burnout_speed_km_s",
            "km/s",
            "Best burnout speed demonstrated by a weapon-configuration long-range missile.",
            3.40,
        ),
        StateVar("long_range_tests", "tests", "Long-range tests flown this month.", kind="flow"),
        StateVar(
            "long_range_failures", "tests", "Long-range tests that failed this month.", kind="flow"
        ),
        StateVar(
            "cumulative_long_range_tests",
            "tests",
            "Long-range tests flown since the start.",
            kind="count",
        ),
        StateVar(
            "icbm_range_successes",
            "tests",
            "Successful tests at ICBM speed this month.",
            kind="flow",
        ),
        StateVar("icbm_arsenal", "missiles", "Deployed ICBMs.", kind="count"),
    ),
    reads=(
        "economic_pain",
        "test_restraint",
        "production_restraint",
        "calm_months_left",
        "talks_active",
        "sabotage_months_left",
        "credible_icbm_threat",
    ),
    parameters=PARAMETERS,
    draws=3,
    claims=("C1", "C9", "C10", "C11"),
    summary="Long-range testing and learning, slowed by pain, talks and sabotage; ICBM deployment.",
)
