"""US homeland missile defense: interceptor inventory, cost, and zero-leaker probability.

Claims C1 (the 30 -> 44 GBI expansion for about $1 billion) and C2 (interceptors "not always
successful": 8 hits in 15 intercept tests by April 2013).

Each month the deployed Ground-Based Interceptor (GBI) inventory moves toward the lever
``gbi_target`` minus any cut delivered under the linkage offer: additions at the emplacement rate,
cuts at once (decommissioning needs no construction). Spending is operations per deployed GBI
plus the unit cost of each interceptor added. The probability that the defense stops *every*
warhead of the arsenal of the day is equation E4 of ``shared/reference/missile_defense.md``
(inventory-limited barrage, interceptors spread evenly, capped by the shot doctrine), times the
probability of no common-mode failure ``P_sys`` (E2). Each run draws its single-shot kill
probability (SSPK) from the Beta posterior of the test record (E9), so averaging the zero-leaker
probability over runs gives the Beta-averaged P0 of the reference's §1.3 table.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Beta, Uniform
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
from stratagem.physics.defense import zero_leaker_probability_inventory

PARAMETERS = (
    Parameter(
        "sspk",
        Beta(distribution="beta", alpha=9, beta=8),
        "probability",
        "Single-shot kill probability of one GBI against one warhead.",
        source=(
            "GMD record 8 hits in 15 intercept tests to April 2013 "
            "(shared/data/compiled/gmd_intercept_tests.csv) with a uniform prior: Beta(9, 8), "
            "missile_defense.md E9"
        ),
    ),
    Parameter(
        "shots_per_warhead",
        fixed(4),
        "interceptors",
        "Shot doctrine: the most interceptors fired at one warhead.",
        source=(
            "leaked 2000-era NMD plans, 4 interceptors per incoming missile "
            "(missile_defense.md §1.3)"
        ),
    ),
    Parameter(
        "p_system",
        Uniform(distribution="uniform", low=0.9, high=0.99),
        "probability",
        "Probability of no common-mode failure (sensors, battle management, communications).",
        assumption=(
            "no public number; the reference's suggested range 0.9-0.99 (missile_defense.md §5)"
        ),
    ),
    Parameter(
        "decoys_per_warhead",
        fixed(0.0),
        "objects per warhead",
        "Credible decoys accompanying each warhead.",
        assumption="no North Korean decoy or penetration aid demonstrated by 2017",
    ),
    Parameter(
        "false_target_rate",
        fixed(1.0),
        "probability",
        "Probability a decoy is taken for a warhead and engaged (1: no discrimination).",
        source="E8 of missile_defense.md §1.2 (docs/decisions.md D23)",
    ),
    Parameter(
        "emplacement_rate",
        fixed(14 / 57),
        "GBIs per month",
        "How fast new interceptors are emplaced when the target exceeds the inventory.",
        source=(
            "14 GBIs announced 2013-03-15 and in place by end-2017 (about 57 months): "
            "alaskapublic.org 2013-03-15; missile_defense.md §0"
        ),
    ),
    Parameter(
        "gbi_unit_cost_musd",
        fixed(75.0),
        "US$ million per GBI",
        "Procurement cost of one interceptor.",
        source="'$75 million apiece' (armscontrolcenter.org/?p=1654; missile_defense.md §4)",
    ),
    Parameter(
        "operations_musd_per_gbi_month",
        fixed(1500.0 / 12 / 44),
        "US$ million per GBI per month",
        "Running cost of the GMD system per deployed interceptor.",
        source=(
            "annual GMD budget about $1.5 billion for 44 GBIs (FY2018 request; "
            "missile_defense.md §4), divided by 12 months and 44 interceptors"
        ),
    ),
)


def _p0(sspk: Value, inventory: Array, warheads: Array, shots: Value, p_system: Value) -> Array:
    return zero_leaker_probability_inventory(
        sspk, inventory, warheads, max_shots_per_warhead=shots, p_system=p_system
    )


def step(x: StepInput) -> dict[str, Array]:
    """Advance the interceptor inventory, spending and zero-leaker probability by one month."""
    p = x.params
    inventory = x.state["interceptors"]
    target = np.maximum(x.levers["gbi_target"] - x.state["missile_defense_cut_gbis"], 0.0)
    added = np.clip(target - inventory, 0.0, p["emplacement_rate"])
    new_inventory = np.where(target < inventory, target, inventory + added)
    spending = p["operations_musd_per_gbi_month"] * new_inventory + p["gbi_unit_cost_musd"] * added
    # The defense faces one warhead per deliverable ICBM; decoys it cannot tell apart draw
    # interceptors away (E7/E8: interceptors spread over N (1 + m f) credible objects).
    arsenal = np.minimum(x.state["icbm_arsenal"], np.floor(x.state["warheads"]))
    effective = new_inventory / (1.0 + p["decoys_per_warhead"] * p["false_target_rate"])
    # P0 only changes when the arsenal or the whole-interceptor count does.
    stale = (arsenal != x.state["assessed_arsenal"]) | (
        (arsenal > 0) & (np.floor(new_inventory) != np.floor(inventory))
    )
    if x.month == 0:
        stale[...] = True
    p0 = compute_where(
        stale,
        _p0,
        x.state["zero_leaker_probability"],
        p["sspk"],
        effective,
        arsenal,
        p["shots_per_warhead"],
        p["p_system"],
    )
    return {
        "interceptors": new_inventory,
        "zero_leaker_probability": p0,
        "missile_defense_spending_musd": spending,
        "assessed_arsenal": arsenal * 1.0,
    }


MECHANISM = Mechanism(
    name="missile_defense",
    step=step,
    state=(
        StateVar("interceptors", "GBIs", "Deployed ground-based interceptors.", 30.0),
        StateVar(
            "zero_leaker_probability",
            "probability",
            "Probability the defense stops every warhead of the arsenal of the day (1 if none).",
            1.0,
        ),
        StateVar(
            "missile_defense_spending_musd",
            "US$ million",
            "Missile-defense spending this month.",
            0.0,
            kind="flow",
        ),
        StateVar(
            "assessed_arsenal",
            "missiles",
            "The arsenal the zero-leaker probability was last computed against.",
            0.0,
            kind="count",
        ),
    ),
    reads=("icbm_arsenal", "warheads", "missile_defense_cut_gbis"),
    levers=("gbi_target",),
    parameters=PARAMETERS,
    draws=0,
    claims=("C1", "C2"),
    summary="GBI inventory, cost and zero-leaker probability against the arsenal of the day.",
)
