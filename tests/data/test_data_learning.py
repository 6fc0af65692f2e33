from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy.stats import chi2

from stratagem.data import (
    CNS_TESTS,
    failure_curve_log_likelihood,
    failure_probability,
    fit_failure_curve,
    load_cns_tests,
    long_range_sequence,
)


def bernoulli_loglik(y: np.ndarray, f0: float, b: float) -> float:
    """Independent log-likelihood: loop over tests, skipping unknowns but counting them in n."""
    total = 0.0
    for n, outcome in enumerate(y):
        if np.isnan(outcome):
            continue
        f = f0 * (1.0 + n) ** (-b)
        total += math.log(f) if outcome == 1 else math.log(1.0 - f)
    return total


def test_failure_probability_by_hand() -> None:
    np.testing.assert_allclose(failure_probability([0, 3, 8], 0.9, 0.5), [0.9, 0.45, 0.3])
    np.testing.assert_allclose(failure_probability([0, 1, 7], 0.5, 1.0), [0.5, 0.25, 0.0625])


def test_unknown_outcomes_count_as_flown() -> None:
    # [unknown, failure]: only the second test is in the likelihood, with n = 1
    value = failure_curve_log_likelihood([np.nan, 1.0], 0.8, 1.0)
    assert value == pytest.approx(math.log(0.8 / 2))
    assert failure_curve_log_likelihood([0.0, 1.0], 0.8, 1.0) == pytest.approx(
        math.log(0.2) + math.log(0.4)
    )


def test_recovers_a_known_curve() -> None:
    rng = np.random.default_rng(2013)
    n = np.arange(4000)
    y = (rng.random(n.size) < 0.8 * (1.0 + n) ** -0.5).astype(float)
    fit = fit_failure_curve(y)
    # f0 alone is weakly identified (it rests on the first few tests); the curve is not
    assert abs(fit.b - 0.5) < 0.15
    for k in (10, 100, 1000):
        truth = 0.8 * (1 + k) ** -0.5
        assert abs(fit.f0 * (1 + k) ** -fit.b - truth) < 0.25 * truth
    assert fit.n_failures == int(y.sum())
    assert fit.log_likelihood == pytest.approx(bernoulli_loglik(y, fit.f0, fit.b), rel=1e-9)


def test_long_range_record_2013_2017(shared_data: Path) -> None:
    """missile_program.py / D13: 18 IRBM/ICBM/SLV launches 2013-04..2017-11, 10 of the first 12
    failing, ending with the Hwasong-15 success of 2017-11-28."""
    df = load_cns_tests(shared_data / CNS_TESTS)
    y = long_range_sequence(df)
    assert y.size == 18
    assert np.nansum(y[:12]) == 10
    assert np.isnan(y).sum() == 1  # the CNS codes one Hwasong-12 launch (2017-08-28) unknown
    assert y[-1] == 0.0
    # the same selection made directly with pandas
    raw = pd.read_csv(shared_data / CNS_TESTS)
    window = raw[(raw["date"] >= "2013-04-01") & (raw["date"] <= "2017-11-30")]
    window = window[window["missile_type"].isin(["IRBM", "ICBM", "SLV"])]
    assert (window["outcome"] == "failure").sum() == np.nansum(y)
    # the same-day Musudan salvo of 2016-06-21: failure (series 1) before success (series 2)
    day = raw[(raw["date"] == "2016-06-21") & (raw["missile_type"] == "IRBM")]
    assert list(day.sort_values("series")["outcome"]) == ["failure", "success"]


def test_fit_on_the_long_range_record(shared_data: Path) -> None:
    df = load_cns_tests(shared_data / CNS_TESTS)
    y = long_range_sequence(df)
    fit = fit_failure_curve(y)
    assert (fit.n_tests, fit.n_known, fit.n_failures) == (18, 17, 10)
    # the optimizer's answer is the global maximum of an independent grid search
    # (f0 < 1: the first launch, an Unha-3, succeeded, so f0 = 1 has zero likelihood)
    f0, b = np.meshgrid(np.linspace(0.01, 0.99, 99), np.linspace(0.0, 2.0, 201))
    known = ~np.isnan(y)
    n = np.flatnonzero(known)[:, None, None]
    f = f0[None] * (1.0 + n) ** (-b[None])
    k = y[known][:, None, None]
    best = float(np.max(np.sum(k * np.log(f) + (1 - k) * np.log(1 - f), axis=0)))
    assert fit.log_likelihood >= best - 1e-9
    assert fit.log_likelihood == pytest.approx(bernoulli_loglik(y, fit.f0, fit.b), rel=1e-9)
    # sensible region: a high first-test failure rate and slow learning
    assert 0.5 <= fit.f0 <= 1.0
    assert 0.0 <= fit.b <= 0.5
    lr = fit.likelihood_ratio(y, 0.8, 0.5)
    print(
        f"CNS 2013-04..2017-11 failure curve: f0 = {fit.f0:.3f}, b = {fit.b:.3f}, "
        f"loglik {fit.log_likelihood:.2f}; D13's (0.8, 0.5): LR = {lr:.2f}, "
        f"p = {chi2.sf(lr, 2):.3f}"
    )


def test_bad_outcomes() -> None:
    with pytest.raises(ValueError, match="1 \\(failure\\)"):
        fit_failure_curve([0, 1, 2])
    with pytest.raises(ValueError, match="no test"):
        fit_failure_curve([np.nan, np.nan])
