from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.special import gammaln

from stratagem.data import (
    CSIS_MONTHLY,
    excitation,
    fit_discrete_hawkes,
    hawkes_intensity,
    load_csis_monthly,
)


def loop_loglik(
    n: np.ndarray,
    mu: float,
    alpha: float,
    beta: float,
    delta: float = 0.0,
    c: np.ndarray | None = None,
) -> float:
    """Poisson log-likelihood written as the plain recursion (independent of the package)."""
    c = np.zeros_like(n) if c is None else c
    e, total = 0.0, 0.0
    for t in range(n.size):
        lam = mu * (1.0 - delta * c[t]) + alpha * e
        total += n[t] * math.log(lam) - lam - math.lgamma(n[t] + 1.0)
        e = beta * e + n[t]
    return total


def simulate(
    rng: np.random.Generator,
    months: int,
    mu: float,
    alpha: float,
    beta: float,
    delta: float = 0.0,
    c: np.ndarray | None = None,
) -> np.ndarray:
    c = np.zeros(months) if c is None else c
    n = np.zeros(months)
    e = 0.0
    for t in range(months):
        n[t] = rng.poisson(mu * (1.0 - delta * c[t]) + alpha * e)
        e = beta * e + n[t]
    return n


def test_excitation_matches_the_recursion() -> None:
    rng = np.random.default_rng(7)
    n = rng.poisson(0.5, 200).astype(float)
    expected = np.zeros(200)
    for t in range(1, 200):
        expected[t] = 0.7 * expected[t - 1] + n[t - 1]
    np.testing.assert_allclose(excitation(n, 0.7), expected, rtol=1e-12, atol=1e-12)
    lam = hawkes_intensity(n, 0.2, 0.3, 0.7, delta=0.5, covariate=np.ones(200))
    np.testing.assert_allclose(lam, 0.1 + 0.3 * expected, rtol=1e-12)


def test_recovers_known_parameters_from_a_long_series() -> None:
    rng = np.random.default_rng(20240601)
    months = 20_000
    c = (rng.random(months) < 0.4).astype(float)
    truth = {"mu": 0.3, "alpha": 0.3, "beta": 0.6, "delta": 0.5}
    n = simulate(rng, months, truth["mu"], truth["alpha"], truth["beta"], truth["delta"], c)
    fit = fit_discrete_hawkes(n, c)
    assert fit.converged
    for name, value in truth.items():
        estimate, se = getattr(fit, name), getattr(fit, f"{name}_se")
        assert np.isfinite(se) and 0 < se < 0.1, name
        assert abs(estimate - value) < 4 * se, (name, estimate, se)
    np.testing.assert_allclose(
        [fit.mu, fit.alpha, fit.beta, fit.delta], list(truth.values()), atol=0.1
    )
    np.testing.assert_allclose(fit.branching_ratio, 0.3 / 0.4, atol=0.05)
    assert fit.n == months
    np.testing.assert_allclose(
        fit.log_likelihood, loop_loglik(n, fit.mu, fit.alpha, fit.beta, fit.delta, c), rtol=1e-9
    )


def test_standard_errors_match_an_independent_hessian() -> None:
    rng = np.random.default_rng(11)
    n = simulate(rng, 2000, 0.3, 0.4, 0.5)
    fit = fit_discrete_hawkes(n)
    theta = np.array([fit.mu, fit.alpha, fit.beta])

    def ll(x: np.ndarray) -> float:
        return loop_loglik(n, *x)

    h = 1e-4
    hess = np.zeros((3, 3))
    for i in range(3):
        for j in range(3):
            ei, ej = np.eye(3)[i] * h, np.eye(3)[j] * h
            hess[i, j] = (
                ll(theta + ei + ej)
                - ll(theta + ei - ej)
                - ll(theta - ei + ej)
                + ll(theta - ei - ej)
            ) / (4 * h * h)
    se = np.sqrt(np.diag(np.linalg.inv(-hess)))
    np.testing.assert_allclose([fit.mu_se, fit.alpha_se, fit.beta_se], se, rtol=0.02)
    assert math.isnan(fit.delta_se)
    assert fit.delta == 0.0


def test_rederives_the_csis_defaults(shared_data: Path) -> None:
    """provocation_cycle.py / D16: mu = 0.195, alpha = 0.152, beta = 0.738 from USKoreaData.csv."""
    df = load_csis_monthly(shared_data / CSIS_MONTHLY)
    fit = fit_discrete_hawkes(df["provocations"])
    np.testing.assert_allclose([fit.mu, fit.alpha, fit.beta], [0.195, 0.152, 0.738], atol=0.01)
    np.testing.assert_allclose(fit.branching_ratio, 0.58, atol=0.01)  # D16
    # D16: the stationary mean equals the observed mean, 159 / 344 = 0.46 a month
    np.testing.assert_allclose(fit.stationary_mean, 159 / 344, atol=0.01)
    assert fit.n == 344


def test_talks_covariate_has_no_effect_on_csis(shared_data: Path) -> None:
    """D16: with the negotiations-month indicator the talks effect delta is about zero."""
    df = load_csis_monthly(shared_data / CSIS_MONTHLY)
    talks = (df["negotiations"] > 0).astype(float)
    without = fit_discrete_hawkes(df["provocations"])
    with_talks = fit_discrete_hawkes(df["provocations"], talks)
    assert abs(with_talks.delta) < 0.15
    assert abs(with_talks.delta) < with_talks.delta_se  # well inside one standard error
    lr = 2 * (with_talks.log_likelihood - without.log_likelihood)
    assert -1e-6 <= lr < 3.84  # not significant at 5 % (chi-square, 1 dof)


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.integers(0, 4), min_size=5, max_size=60).filter(lambda x: sum(x) > 0),
    mu=st.floats(0.01, 2.0),
    alpha=st.floats(0.0, 1.0),
    beta=st.floats(0.0, 0.99),
)
def test_fit_dominates_any_feasible_point(
    counts: list[int], mu: float, alpha: float, beta: float
) -> None:
    n = np.array(counts, dtype=float)
    fit = fit_discrete_hawkes(n)
    assert fit.log_likelihood >= loop_loglik(n, mu, alpha, beta) - 1e-6
    assert fit.mu > 0 and fit.alpha >= 0 and 0 <= fit.beta <= 0.999


def test_constant_term_of_the_log_likelihood() -> None:
    n = np.array([0.0, 3.0, 1.0, 0.0, 2.0])
    fit = fit_discrete_hawkes(n)
    lam = hawkes_intensity(n, fit.mu, fit.alpha, fit.beta)
    expected = float(np.sum(n * np.log(lam) - lam - gammaln(n + 1)))
    np.testing.assert_allclose(fit.log_likelihood, expected, rtol=1e-12)


@pytest.mark.parametrize(
    ("counts", "covariate", "message"),
    [
        ([], None, "non-empty"),
        ([1, -1, 0], None, "non-negative"),
        ([1, 0.5], None, "integers"),
        ([0, 0, 0], None, "no event"),
        ([1, 0, 2], [1, 0], "shape"),
        ([1, 0, 2], [1, np.nan, 0], "finite"),
    ],
)
def test_bad_input(counts: list[float], covariate: list[float] | None, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        fit_discrete_hawkes(counts, covariate)
