"""Single mechanisms, stepped by hand, against published numbers and closed forms."""

from __future__ import annotations

import numpy as np
import pytest

from stratagem.engine.model import StepInput
from stratagem.mechanisms import (
    hardship_tolerance,
    missile_accuracy,
    missile_reach,
    nuclear_stockpile,
    sanctions,
    talks,
)
from stratagem.physics.ballistics import burnout_speed_for_range_km_s


def defaults(mechanism):
    return {p.name: float(p.default.mean) for p in mechanism.PARAMETERS}


def step(module, state, levers=None, params=None, draws=None, month=1):
    p = defaults(module)
    p.update(params or {})
    n = len(next(iter(state.values())))
    draws = np.zeros((module.MECHANISM.draws, n)) if draws is None else draws
    full_state = {v.name: np.full(n, v.initial) for v in module.MECHANISM.state}
    full_state.update({k: np.asarray(v, dtype=float) for k, v in state.items()})
    return module.step(StepInput(full_state, levers or {}, p, draws, month))


def test_reach_gains_from_earth_rotation_toward_los_angeles_and_washington():
    """missile_defense.md §2.3: a 10,400 km (non-rotating) missile gains ~1,100 km toward
    Los Angeles and only ~200 km toward Washington from Pyongyang."""
    v = float(burnout_speed_for_range_km_s(10_400.0))
    out = step(
        missile_reach, {"burnout_speed_km_s": [v], "credited_burnout_speed_km_s": [0.0]}, month=0
    )
    assert out["demonstrated_range_km"][0] == pytest.approx(10_400, rel=1e-6)
    assert out["reach_toward_los_angeles_km"][0] - 10_400 == pytest.approx(1_100, abs=150)
    assert out["reach_toward_washington_km"][0] - 10_400 == pytest.approx(200, abs=150)


def test_minimum_energy_apogee_and_flight_time_of_the_hwasong12_class():
    """Reference §2.1: 3,700 km -> ~779 km apogee, 17.0 min free flight."""
    v = float(burnout_speed_for_range_km_s(3_700.0))
    out = step(
        missile_reach, {"burnout_speed_km_s": [v], "credited_burnout_speed_km_s": [0.0]}, month=0
    )
    assert out["apogee_km"][0] == pytest.approx(779, abs=3)
    assert out["flight_time_min"][0] == pytest.approx(17.0, abs=0.1)


def test_sanctions_bite_is_a_first_order_lag():
    n, tau = 1, 12.0
    state = {
        "sanctions_bite": np.zeros(n),
        "months_sanctioned": np.zeros(n),
        "china_enforcement": np.ones(n),
    }
    params = {"max_bite": 0.6, "bite_time_constant_months": tau, "evasion_share": 0.5}
    bites = []
    for _ in range(36):
        state.update(step(sanctions, state, {"sanctions_intensity": np.ones(n)}, params))
        bites.append(float(state["sanctions_bite"][0]))
    expected = 0.6 * (1 - (1 - 1 / tau) ** np.arange(1, 37))
    np.testing.assert_allclose(bites, expected, rtol=1e-12)
    assert state["months_sanctioned"][0] == 36


def test_evasion_through_a_patron_that_does_not_enforce():
    state = {
        "sanctions_bite": np.zeros(2),
        "months_sanctioned": np.zeros(2),
        "china_enforcement": np.array([0.0, 1.0]),
    }
    out = step(
        sanctions,
        state,
        {"sanctions_intensity": np.ones(2)},
        {"max_bite": 0.6, "bite_time_constant_months": 1.0, "evasion_share": 0.5},
    )
    np.testing.assert_allclose(out["sanctions_bite"], [0.3, 0.6])


def test_pain_combines_trade_loss_and_sanctions_as_independent_losses():
    out = step(
        hardship_tolerance,
        {"china_trade_loss": [0.5], "sanctions_bite": [0.5], "cumulative_hardship_years": [0.0]},
        params={"initial_resolve": 0.6, "erosion_per_pain_year": 0.12},
    )
    assert out["economic_pain"][0] == pytest.approx(0.75)
    assert out["resolve"][0] == pytest.approx(0.6 - 0.12 * 0.75 / 12)


def test_three_nuclear_tests_take_the_yield_from_7_kt_to_the_2017_range():
    """nk_nuclear_tests.csv: ~7 kt in 2013, ~140 kt (50-260) in September 2017 after 3 tests."""
    state = {
        "max_yield_kt": np.array([7.0]),
        "warheads": np.array([10.0]),
        "test_restraint": np.zeros(1),
        "production_restraint": np.zeros(1),
        "dismantlement_pace": np.zeros(1),
        "economic_pain": np.zeros(1),
        "talks_active": np.zeros(1),
    }
    for _ in range(3):  # a uniform of 0 forces a test each month
        state.update(step(nuclear_stockpile, state, draws=np.array([[0.99], [0.0]])))
    assert 50 <= state["max_yield_kt"][0] <= 260
    assert state["max_yield_kt"][0] == pytest.approx(140, abs=15)


def test_no_tests_while_talks_run_or_the_program_is_frozen():
    for flag in ("talks_active", "test_restraint"):
        state = {
            "max_yield_kt": np.array([7.0]),
            "warheads": np.array([10.0]),
            "test_restraint": np.zeros(1),
            "production_restraint": np.zeros(1),
            "dismantlement_pace": np.zeros(1),
            "economic_pain": np.zeros(1),
            "talks_active": np.zeros(1),
            flag: np.ones(1),
        }
        out = step(nuclear_stockpile, state, draws=np.array([[0.99], [0.0]]))
        assert out["nuclear_tests"][0] == 0


def test_first_reentry_vehicle_gives_the_hwasong14_cep_and_its_hit_probability():
    """missile_defense.md §2.4/E10: CEP ~30 km at full range; P(within 10 km) = 0.074."""
    state = {
        "icbm_range_successes": [1.0],
        "reach_toward_los_angeles_km": [11_000.0],
        "reentry_vehicle_demonstrated": [0.0],
        "cep_km": [np.inf],
    }
    out = step(missile_accuracy, state, draws=np.zeros((1, 1)))
    assert out["reentry_vehicle_demonstrated"][0] == 1
    assert out["cep_km"][0] == 30.0
    assert out["probability_within_10km"][0] == pytest.approx(0.074, abs=0.001)
    assert out["credible_icbm_threat"][0] == 1


def test_reach_without_a_reentry_vehicle_is_not_a_credible_threat():
    state = {
        "icbm_range_successes": [0.0],
        "reach_toward_los_angeles_km": [13_000.0],
        "reentry_vehicle_demonstrated": [0.0],
        "cep_km": [np.inf],
    }
    out = step(missile_accuracy, state, draws=np.zeros((1, 1)))
    assert out["credible_icbm_threat"][0] == 0
    assert np.isinf(out["cep_km"][0])


def test_exposed_bad_faith_ends_talks_and_costs_credibility():
    state = {"talks_active": [1.0], "talks_credibility": [1.0]}
    levers = {"talks": np.ones(1), "talks_good_faith": np.zeros(1)}
    out = step(talks, state, levers, draws=np.array([[0.99], [0.99], [0.0]]))
    assert out["talks_active"][0] == 0
    assert out["talks_credibility"][0] == pytest.approx(0.5)
    assert out["talks_breakdowns"][0] == 1
    good = step(
        talks,
        state,
        {"talks": np.ones(1), "talks_good_faith": np.ones(1)},
        draws=np.array([[0.99], [0.99], [0.0]]),
    )
    assert good["talks_active"][0] == 1
    assert good["talks_aid_musd"][0] > 0
