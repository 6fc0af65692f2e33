"""North Korea's long-range missile program: capability grows through testing.

Claim C1 (in 2013 no demonstrated capability to reach the United States, "much less land with real
accuracy").

Capability is the best burnout speed demonstrated by a weapon-configuration long-range missile.
Its minimum-energy range (Bate, Mueller & White eq. 6.2-19, :func:`stratagem.physics.ballistics.
max_range_km`) is the demonstrated reach. Each month the program flies long-range tests at a rate
slowed by economic pain, a freeze, and the short-lived calm that rewards buy. Tests fail with a
probability that falls along a power-law learning curve in the number of tests flown
(``f0 * (1 + n)^-b``, the Duane reliability-growth form); successes and failures are drawn as
independent Poisson counts (the thinning of a Poisson number of tests). Every success closes a
fraction ``learning_gain`` of the gap between the demonstrated and the technological ceiling burnout
speed. A successful test at ICBM range (>= 5,500 km) demonstrates a survivable re-entry vehicle
with some probability. A *credible ICBM threat to the US mainland* is a demonstrated reach of at
least the distance to Los Angeles plus a demonstrated re-entry vehicle; from then on the program
deploys ICBMs at a production rate.

Calibration (``shared/data/nk_missile_tests/nk_missile_tests_flat.csv``, CNS): between April 2013
and the Hwasong-15 test of 2017-11-28 (55 months) North Korea flew 18 IRBM/ICBM/satellite
launches, 10 of the first 12 failing and the last six succeeding, and its demonstrated reach went
from the Nodong's 1,300 km (burnout speed 3.40 km/s) to more than 13,000 km (7.59 km/s) in about
seven successes.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Triangular, Uniform
from stratagem.engine.draws import bernoulli, poisson
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
from stratagem.physics.ballistics import max_range_km

PARAMETERS = (
    Parameter(
        "test_rate",
        Triangular(distribution="triangular", low=0.1, mode=0.2, high=0.4),
        "tests per month",
        "Long-range (IRBM/ICBM/space-launch) tests per month when nothing slows the program.",
        source=(
            "CNS database: 18 IRBM/ICBM/SLV launches from 2013-04 to 2017-11 (55 months), 0.33 "
            "a month, with none in 2013-15 and ~0.8 a month in 2016-17; the mode is calibrated "
            "so that the status quo's median time to a credible ICBM is near the 55 months to "
            "the Hwasong-15 test (docs/decisions.md D7)"
        ),
    ),
    Parameter(
        "initial_failure_probability",
        fixed(0.8),
        "probability",
        "Failure probability of the first long-range test of the period (f0).",
        source="CNS: 10 of the first 12 IRBM tests of 2016-17 failed (Musudan 7 of 8)",
    ),
    Parameter(
        "failure_learning_exponent",
        fixed(0.5),
        "dimensionless",
        "Exponent b of the learning curve f0 * (1 + n)^-b.",
        source=(
            "CNS: the last six long-range tests of 2017 succeeded; b = 0.5 takes the failure "
            "probability from 0.8 to 0.2 after 15 tests"
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
        "target_range_km",
        fixed(9557.0),
        "km",
        "Distance that makes the threat credible: Pyongyang to Los Angeles.",
        source="shared/data/compiled/distances_nk_to_targets.csv (great circle, R = 6,371 km)",
    ),
    Parameter(
        "reentry_demonstration_probability",
        Uniform(distribution="uniform", low=0.15, high=0.4),
        "probability per success",
        "Chance that one successful ICBM-range test demonstrates a survivable re-entry vehicle.",
        assumption=(
            "no re-entry vehicle flown by 2013; after the 2017 lofted ICBM tests its survival "
            "was disputed (missile_defense.md §0, §2.4)"
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


def _any_success(probability: Value, trials: Array) -> Array:
    """Probability that at least one of ``trials`` independent attempts succeeds."""
    return 1.0 - (1.0 - probability) ** trials


def step(x: StepInput) -> dict[str, Array]:
    """Fly this month's tests, update the demonstrated capability and the ICBM arsenal."""
    s, p, u = x.state, x.params, x.draws
    speed = s["burnout_speed_km_s"]
    cumulative = s["cumulative_long_range_tests"]
    running = 1.0 - s["program_frozen"]
    calm = np.where(s["calm_months_left"] > 0, p["calm_test_factor"], 1.0)
    slowdown = np.maximum(1.0 - p["pain_elasticity"] * s["dprk_economic_pain"], 0.0)
    rate = p["test_rate"] * running * calm * slowdown
    # f0 * (1 + n)^-b, written with exp/log1p (several times cheaper than a power in NumPy).
    failure_probability = p["initial_failure_probability"] * np.exp(
        -p["failure_learning_exponent"] * np.log1p(cumulative)
    )
    successes = poisson(u[0], rate * (1.0 - failure_probability))
    failures = poisson(u[1], rate * failure_probability)

    # Capability only moves in the (few) runs with a successful test this month.
    learnt = successes > 0
    new_speed = compute_where(
        learnt, _learn, speed, speed, p["max_burnout_speed_km_s"], p["learning_gain"], successes
    )
    recompute = learnt if x.month > 0 else np.ones_like(learnt)
    reach = compute_where(recompute, max_range_km, s["demonstrated_range_km"], new_speed)

    icbm_successes = np.where(reach >= p["icbm_range_km"], successes, 0.0)
    rv_probability = compute_where(
        icbm_successes > 0,
        _any_success,
        0.0,
        p["reentry_demonstration_probability"],
        icbm_successes,
    )
    reentry = np.maximum(s["reentry_vehicle_demonstrated"], bernoulli(u[2], rv_probability))
    credible = ((reach >= p["target_range_km"]) & (reentry > 0)).astype(np.float64)
    arsenal = s["icbm_arsenal"] + poisson(u[3], p["icbm_production_rate"] * running * credible)
    return {
        "burnout_speed_km_s": new_speed,
        "demonstrated_range_km": reach,
        "long_range_tests": successes + failures,
        "long_range_failures": failures,
        "cumulative_long_range_tests": cumulative + successes + failures,
        "reentry_vehicle_demonstrated": reentry,
        "credible_icbm_threat": credible,
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
        StateVar("demonstrated_range_km", "km", "Minimum-energy range at that speed.", 1300.0),
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
            "reentry_vehicle_demonstrated",
            "flag",
            "1 once a survivable re-entry vehicle has been demonstrated at ICBM range.",
            kind="flag",
        ),
        StateVar(
            "credible_icbm_threat",
            "flag",
            "1 once reach covers Los Angeles and a re-entry vehicle has been demonstrated.",
            kind="flag",
        ),
        StateVar("icbm_arsenal", "missiles", "Deployed ICBMs.", kind="count"),
    ),
    reads=("dprk_economic_pain", "program_frozen", "calm_months_left"),
    parameters=PARAMETERS,
    draws=4,
    claims=("C1",),
    summary="Long-range testing, learning, demonstrated reach, re-entry vehicle and ICBM arsenal.",
)
