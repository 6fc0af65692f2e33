"""Mechanisms against published numbers and known analytical results, run through the engine."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

import stratagem
from stratagem.distributions import Fixed
from stratagem.engine.draws import bernoulli, poisson
from stratagem.engine.random import seed_sequence
from stratagem.engine.simulate import simulate_chunk


def _fixed(scenario, mechanism, name, value):
    return scenario.with_value(mechanism, name, Fixed(value=value), note="test")


def test_poisson_inversion_matches_the_poisson_distribution():
    u = np.random.default_rng(0).random(200_000)
    for mean in (0.05, 0.46, 3.0):
        counts = poisson(u, mean)
        observed = np.bincount(counts.astype(int), minlength=12)[:12] / u.size
        expected = stats.poisson.pmf(np.arange(12), mean)
        np.testing.assert_allclose(observed, expected, atol=4e-3)
    assert poisson(np.array([0.3]), 0.0).tolist() == [0.0]


def test_bernoulli_frequency():
    u = np.random.default_rng(1).random(100_000)
    assert abs(bernoulli(u, 0.3).mean() - 0.3) < 0.005


def _defense_only(warheads: float, interceptors: float, runs: int = 20_000):
    """Zero-leaker probability averaged over runs, each with its own SSPK ~ Beta(9, 8)."""
    s = stratagem.load("korea-2013").without(
        "missile_program", "provocation_cycle", "china_pressure", "concession", "linkage_offer"
    )
    s = _fixed(s, "missile_defense", "p_system", 1.0)
    s = _fixed(s, "missile_defense", "emplacement_rate", 0.0)
    from dataclasses import replace

    initial = dict(s.initial_state)
    initial["icbm_arsenal"] = replace(initial["icbm_arsenal"], distribution=Fixed(value=warheads))
    initial["interceptors"] = replace(
        initial["interceptors"], distribution=Fixed(value=interceptors)
    )
    s = replace(s, initial_state=initial)
    levers = dict(s.document.levers)
    levers["gbi_target"] = levers["gbi_target"].model_copy(update={"default": interceptors})
    s = replace(s, document=s.document.model_copy(update={"levers": levers}))
    chunk = simulate_chunk(s, ["do_nothing"], seed_sequence(2), 0, runs)
    return chunk.outcomes["zero_leaker_probability"][0]


@pytest.mark.parametrize(
    ("warheads", "published"),
    [(1, 0.932), (5, 0.732), (10, 0.576)],
)
def test_beta_averaged_zero_leaker_probability(warheads, published):
    """missile_defense.md §1.3: 8/15 record, Beta(9, 8), 4 shots per warhead, P_sys = 1."""
    p0 = _defense_only(warheads, interceptors=100)
    standard_error = p0.std() / np.sqrt(p0.size)
    assert abs(p0.mean() - published) < max(4 * standard_error, 0.006)


def test_no_warheads_means_no_leakers():
    assert np.all(_defense_only(0, interceptors=30, runs=100) == 1.0)


def test_gbi_expansion_cost_matches_the_announced_billion():
    """C1: 14 more GBIs for about $1 billion (missile_defense.md §0)."""
    s = stratagem.load("korea-2013").without(
        "missile_program", "provocation_cycle", "china_pressure", "concession", "linkage_offer"
    )
    s = _fixed(s, "missile_defense", "operations_musd_per_gbi_month", 0.0)
    chunk = simulate_chunk(s, ["do_nothing"], seed_sequence(0), 0, 10)
    assert chunk.outcomes["missile_defense_spending_musd"][0] == pytest.approx(1050.0)


def test_provocation_rate_reproduces_the_csis_monthly_mean(shared):
    """With no rewards, talks or freezes the Hawkes process runs at the CSIS 1990-2018 mean."""
    observed = pd.read_csv(
        shared / "data" / "csis_us_dprk_negotiations_provocations" / "USKoreaData.csv"
    )["Prov"]
    s = stratagem.load("korea-2013").without(
        "missile_program", "missile_defense", "china_pressure", "concession", "linkage_offer"
    )
    chunk = simulate_chunk(s, ["do_nothing"], seed_sequence(4), 0, 4000)
    simulated = chunk.outcomes["provocations"][0] / s.horizon_months
    # Stationary mean mu / (1 - alpha / (1 - beta)) started from rest: a few percent lower.
    assert simulated.mean() == pytest.approx(observed.mean(), rel=0.08)


def test_reach_grows_from_nodong_to_icbm_class():
    s = stratagem.load("korea-2013")
    chunk = simulate_chunk(
        s,
        ["do_nothing"],
        seed_sequence(5),
        0,
        2000,
        trajectory_runs=2000,
        trajectory_variables=("demonstrated_range_km", "reach_toward_los_angeles_km"),
    )
    reach = chunk.trajectories["demonstrated_range_km"][0][:, -1]
    # 3.40 km/s is the table's rounded burnout speed for 1,300 km (ballistic_min_energy_table.csv).
    assert np.all(reach >= 1290.0)
    # Minimum-energy range of the 7.7 km/s ceiling (BMW 6.2-19): about 14,270 km.
    assert np.all(reach <= 14_300)
    assert np.median(reach) > 13_000
    # Toward Los Angeles the eastward launch gains range on the rotating Earth.
    toward_la = chunk.trajectories["reach_toward_los_angeles_km"][0][:, -1]
    assert np.all(toward_la >= reach - 1e-6)
