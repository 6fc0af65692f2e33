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

What a freeze stops is the deal's terms: ``settlement_position`` on the nuclear issue scale of the
case's actor table (0 complete dismantlement, 100 a recognized nuclear state with a growing
arsenal), usually the bargaining forecast of that table (``distribution: forecast`` in the
scenario file). :func:`deal_terms` reads the position against the scale's named anchors: testing
stops by the unverified-moratorium anchor, production by the verified-freeze anchor, and a
rollback dismantles at a pace that reaches its full rate at complete dismantlement. Shallower
terms are easier to accept: the resolve is the pain at which the whole program is half-given-up,
and a deal asking for a share of it needs that share of the pain (:func:`deal_cost`, D41).
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
from stratagem.mechanisms._shared import logistic

_TABLE_ANCHORS = (
    "named anchor of the nuclear issue scale of the Korea actor tables "
    "(cases/tables/korea-nuclear-2013.yaml, korea-nuclear-2017.yaml)"
)

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
    Parameter(
        "settlement_position",
        fixed(0.0),
        "issue scale, 0-100",
        "The terms a freeze implements, as a position on the nuclear issue scale.",
        assumption=(
            "without a forecast, a freeze is the full deal: complete dismantlement (0); the "
            "Korea cases take the compromise forecast of their actor table"
        ),
    ),
    Parameter(
        "status_quo_position",
        fixed(85.0),
        "issue scale, 0-100",
        "Position of no deal: an unrecognized nuclear state that tests and builds.",
        source="status quo of the Korea actor tables (a labelled assumption there)",
    ),
    Parameter(
        "moratorium_position",
        fixed(75.0),
        "issue scale, 0-100",
        "Position at and below which the deal stops nuclear and long-range missile tests.",
        source=_TABLE_ANCHORS + ": 'unverified test moratorium; arsenal kept and growing'",
    ),
    Parameter(
        "verified_freeze_position",
        fixed(50.0),
        "issue scale, 0-100",
        "Position at and below which the deal stops warhead and ICBM production.",
        source=_TABLE_ANCHORS + ": 'verified freeze: no tests, no new fissile material'",
    ),
    Parameter(
        "dismantlement_position",
        fixed(0.0),
        "issue scale, 0-100",
        "Position of complete dismantlement: full dismantlement pace, the whole program given up.",
        source=_TABLE_ANCHORS + ": the low end, 'complete, verifiable and irreversible "
        "dismantlement (CVID)'",
    ),
)


def _ramp(position: Value, none_at: Value, all_at: Value) -> Array:
    """0 at ``none_at``, 1 at ``all_at``, linear between and clipped; a step if they coincide."""
    width = np.maximum(np.asarray(none_at, dtype=np.float64) - all_at, 1e-12)
    return np.asarray(np.clip((none_at - position) / width, 0.0, 1.0), dtype=np.float64)


def deal_cost(settlement: Value, status_quo: Value, dismantlement: Value) -> Array:
    """Share of its program the target gives up in a deal at ``settlement`` (D41).

    The way from the status quo (nothing given up) to complete dismantlement (everything). The
    resolve of ``hardship_tolerance`` is the pain at which the target half-accepts the whole
    deal; a deal that asks for a share of the program is accepted at that share of the pain.

    >>> [float(deal_cost(x, 85.0, 0.0)) for x in (0.0, 42.5, 85.0, 100.0)]
    [1.0, 0.5, 0.0, 0.0]
    """
    return _ramp(settlement, status_quo, dismantlement)


def deal_terms(
    settlement: Value,
    status_quo: Value,
    moratorium: Value,
    verified_freeze: Value,
    dismantlement: Value = 0.0,
) -> tuple[Array, Array, Array]:
    """What a deal at ``settlement`` stops, read off the issue scale's anchors (D41).

    Returns the shares of testing and of production the deal stops and the pace of dismantlement
    after a rollback (1 = ``dismantlement_rate`` in full), each in [0, 1] and each linear between
    two anchors: testing from the status quo (none stopped) to the moratorium (all), production
    from the moratorium to the verified freeze, dismantlement from the verified freeze to
    complete dismantlement (0 on the Korea scale). Deeper terms never stop less.

    >>> [float(v) for v in deal_terms(0.0, 85.0, 75.0, 50.0)]
    [1.0, 1.0, 1.0]
    >>> [float(v) for v in deal_terms(62.5, 85.0, 75.0, 50.0)]
    [1.0, 0.5, 0.0]
    >>> [float(v) for v in deal_terms(85.0, 85.0, 75.0, 50.0)]
    [0.0, 0.0, 0.0]
    """
    return (
        _ramp(settlement, status_quo, moratorium),
        _ramp(settlement, moratorium, verified_freeze),
        _ramp(settlement, verified_freeze, dismantlement),
    )


def step(x: StepInput) -> dict[str, Array]:
    """Draw freezes and reneging; promote long freezes to rollback."""
    s, p, u = x.state, x.params, x.draws
    frozen = s["program_frozen"]
    rolled_back = s["program_rolled_back"]
    pain = s["economic_pain"] + s["offer_value_to_dprk"]
    cost = deal_cost(
        p["settlement_position"], p["status_quo_position"], p["dismantlement_position"]
    )
    pull = logistic((pain - s["resolve"] * cost) / p["resolve_spread"])
    # A deal that asks for nothing is no concession: there is nothing to freeze.
    hazard = p["max_freeze_hazard"] * pull * (cost > 0)
    hazard = hazard * (1.0 + (p["talks_freeze_multiplier"] - 1.0) * s["talks_good_faith_active"])
    freezes = bernoulli(u[0], np.minimum(hazard, 1.0)) * (1.0 - frozen)
    reneges = bernoulli(u[1], p["renege_hazard"] * (1.0 - pull)) * frozen * (1.0 - rolled_back)
    new_frozen = np.maximum(frozen, freezes) * (1.0 - reneges)
    months = np.where(new_frozen > 0, s["months_frozen"] + 1.0, 0.0)
    new_rolled_back = np.maximum(rolled_back, (months >= p["rollback_months"]) * 1.0)
    tests, production, dismantlement = deal_terms(
        p["settlement_position"],
        p["status_quo_position"],
        p["moratorium_position"],
        p["verified_freeze_position"],
        p["dismantlement_position"],
    )
    return {
        "program_frozen": new_frozen,
        "months_frozen": months,
        "program_rolled_back": new_rolled_back,
        "test_restraint": new_frozen * tests,
        "production_restraint": new_frozen * production,
        "dismantlement_pace": new_rolled_back * dismantlement,
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
        StateVar(
            "test_restraint",
            "share",
            "Share of nuclear and long-range missile testing the deal in force stops.",
        ),
        StateVar(
            "production_restraint",
            "share",
            "Share of warhead and ICBM production the deal in force stops.",
        ),
        StateVar(
            "dismantlement_pace",
            "share of the full rate",
            "Pace of dismantlement after a rollback (1: dismantlement_rate in full).",
        ),
    ),
    reads=("economic_pain", "resolve", "offer_value_to_dprk", "talks_good_faith_active"),
    parameters=PARAMETERS,
    draws=2,
    claims=("C8", "C9", "C12"),
    summary="Freeze hazard from pain against resolve; rollback after a held freeze; reneging.",
)
