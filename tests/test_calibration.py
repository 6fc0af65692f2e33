"""Calibrated defaults are re-derived from the raw data files, not trusted as typed-in numbers."""

from __future__ import annotations

import numpy as np
import pytest

import stratagem
from stratagem import data
from stratagem.mechanisms import concession, missile_program, provocation_cycle, talks


def default(module, name):
    return next(p for p in module.PARAMETERS if p.name == name).default


def test_provocation_defaults_are_the_hawkes_fit_of_the_csis_series(shared):
    csis = data.load_csis_monthly(shared / "data" / "csis_us_dprk_negotiations_provocations")
    fit = data.fit_discrete_hawkes(csis["provocations"].to_numpy())
    assert default(provocation_cycle, "base_rate").mean == pytest.approx(fit.mu, abs=0.005)
    assert default(provocation_cycle, "excitation").mean == pytest.approx(fit.alpha, abs=0.005)
    assert default(provocation_cycle, "excitation_decay").mean == pytest.approx(fit.beta, abs=0.005)


def test_failure_curve_defaults_are_the_fit_of_the_cns_record(shared):
    tests = data.load_cns_tests(shared / "data" / "nk_missile_tests")
    fit = data.fit_failure_curve(data.long_range_sequence(tests))
    assert default(missile_program, "initial_failure_probability").mean == pytest.approx(
        fit.f0, abs=0.01
    )
    assert default(missile_program, "failure_learning_exponent").mean == pytest.approx(
        fit.b, abs=0.01
    )


def test_talks_breakdown_range_spans_the_csis_spell_fits(shared):
    csis = data.load_csis_monthly(shared / "data" / "csis_us_dprk_negotiations_provocations")
    negotiations = csis["negotiations"].to_numpy()
    hazards = []
    for gap in (1, 2):
        spells = data.talk_spells(negotiations, max_gap=gap)
        hazards.append(data.breakdown_hazard(spells, n_months=len(negotiations), max_gap=gap))
    prior = default(talks, "breakdown_hazard")
    assert prior.low <= min(hazards) + 1e-3
    assert max(hazards) <= prior.high + 1e-3


def test_freeze_hazard_ceiling_is_the_early_ties_acquiescence_hazard():
    years, incidence = data.acquiescence_incidence()
    hazards = data.monthly_hazard_from_incidence(years, incidence)
    first = float(np.asarray(hazards.monthly)[0])
    assert default(concession, "max_freeze_hazard").mean == pytest.approx(first, abs=0.002)


def test_status_quo_brackets_the_hwasong15_date():
    """55 months from April 2013 to the Hwasong-15 test lie in the status quo's 80 % interval."""
    results = stratagem.simulate("korea-2013", strategies="provocation_reward", runs=2000, seed=4)
    months = results.outcomes()["months_to_credible_icbm"].to_numpy()
    low, high = np.quantile(months, [0.1, 0.9], method="inverted_cdf")
    assert low < 55 < high
