"""Re-entry and accuracy: whether a warhead can land where it is aimed.

Claim C1: no demonstrated capability "to reach anywhere near the United States, much less land with
real accuracy" (Washington Post, 2013-04-15). By April 2013 no North Korean re-entry vehicle had
ever been flown, so accuracy was undefined (missile_defense.md §2.4).

Each successful test at ICBM range demonstrates a survivable re-entry vehicle with probability
``reentry_demonstration_probability``. Once one has been demonstrated, the full-range CEP starts at
``initial_cep_km`` (about 30 km: Savelsberg & Kiessling's 2017 estimate for the Hwasong-14) and each
further ICBM-range success closes ``cep_learning`` of the gap to ``best_cep_km``. The probability of
landing within 10 km of the aim point (a city) follows E10: ``1 - 0.5^((r / CEP)^2)``. A *credible
ICBM threat to the US mainland* is reach toward Los Angeles on the rotating Earth of at least its
distance plus a demonstrated re-entry vehicle (docs/decisions.md D15).
"""

from __future__ import annotations

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
from stratagem.engine.sparse import compute_where
from stratagem.physics.accuracy import probability_within

PARAMETERS = (
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
        "initial_cep_km",
        fixed(30.0),
        "km",
        "Full-range CEP of the first demonstrated re-entry vehicle.",
        source=(
            "Hwasong-14 at full range ~19 miles (Savelsberg & Kiessling 2017; "
            "missile_defense.md §2.4)"
        ),
    ),
    Parameter(
        "best_cep_km",
        fixed(3.0),
        "km",
        "CEP the program can reach in the period.",
        source="Nodong-class guidance, 1.6-3.2 km (missile_defense.md §2.4)",
    ),
    Parameter(
        "cep_learning",
        fixed(0.2),
        "fraction per success",
        "Fraction of the CEP gap closed by each ICBM-range success after the first demonstration.",
        assumption="accuracy improves with flight data, slowly without full-range tests",
    ),
    Parameter(
        "los_angeles_km",
        fixed(9557.0),
        "km",
        "Great-circle distance Pyongyang to Los Angeles.",
        source="shared/data/compiled/distances_nk_to_targets.csv (sphere, R = 6,371 km)",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Draw re-entry demonstrations, refine the CEP and decide whether the threat is credible."""
    s, p = x.state, x.params
    successes = s["icbm_range_successes"]
    tested = successes > 0
    demo_probability = compute_where(
        tested, _any_success, 0.0, p["reentry_demonstration_probability"], successes
    )
    had_rv = s["reentry_vehicle_demonstrated"]
    rv = np.maximum(had_rv, bernoulli(x.draws[0], demo_probability))
    first = (rv > 0) & (had_rv == 0)
    # The CEP moves only with a first demonstration or a further ICBM-range success.
    refined = compute_where(
        tested & (had_rv > 0),
        _refine,
        s["cep_km"],
        s["cep_km"],
        p["best_cep_km"],
        p["cep_learning"],
        successes,
    )
    cep = np.where(first, p["initial_cep_km"], refined)
    within = compute_where(
        first | (tested & (had_rv > 0)), _within_10km, s["probability_within_10km"], cep
    )
    credible = ((s["reach_toward_los_angeles_km"] >= p["los_angeles_km"]) & (rv > 0)) * 1.0
    return {
        "reentry_vehicle_demonstrated": rv,
        "cep_km": cep,
        "probability_within_10km": within,
        "credible_icbm_threat": credible,
    }


def _any_success(probability: Value, trials: Array) -> Array:
    """Probability that at least one of ``trials`` independent attempts succeeds."""
    return 1.0 - (1.0 - probability) ** trials


def _refine(cep: Array, best: Value, learning: Value, successes: Array) -> Array:
    """CEP after ``successes`` further full-range flights."""
    return best + (cep - best) * (1.0 - learning) ** successes


def _within_10km(cep: Array) -> Array:
    """E10: probability of landing within 10 km of the aim point."""
    return probability_within(10.0, cep)


MECHANISM = Mechanism(
    name="missile_accuracy",
    step=step,
    state=(
        StateVar(
            "reentry_vehicle_demonstrated",
            "flag",
            "1 once a survivable re-entry vehicle has been demonstrated at ICBM range.",
            kind="flag",
        ),
        StateVar(
            "cep_km", "km", "Full-range CEP (infinite before any re-entry vehicle).", float("inf")
        ),
        StateVar(
            "probability_within_10km",
            "probability",
            "Chance a warhead lands within 10 km of its aim point at full range.",
        ),
        StateVar(
            "credible_icbm_threat",
            "flag",
            "1 once reach covers Los Angeles and a re-entry vehicle has been demonstrated.",
            kind="flag",
        ),
    ),
    reads=("icbm_range_successes", "reach_toward_los_angeles_km"),
    parameters=PARAMETERS,
    draws=1,
    claims=("C1",),
    summary="Re-entry vehicle demonstration, CEP learning and the credible-threat test.",
)
