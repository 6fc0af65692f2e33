"""Offense accuracy (E10) against the examples of reference notes §1.2 E10 and §2.4."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from stratagem.physics import accuracy

HALF_UNIT_3DP = 5e-4 * 1.01  # published to 3 decimals


def test_cep_3km_examples() -> None:
    # §2.4: with CEP = 3 km, P(within 1 km) = 0.074, P(within 3 km) = 0.5, P(within 10 km) ~ 1.
    got = accuracy.probability_within(np.array([1.0, 3.0]), 3.0)
    assert_allclose(got, [0.074, 0.5], rtol=0, atol=HALF_UNIT_3DP)
    assert float(accuracy.probability_within(10.0, 3.0)) > 0.999


def test_cep_30km_example() -> None:
    # §2.4: with CEP = 30 km (Hwasong-14 at full range), P(within 10 km) = 0.074.
    assert_allclose(accuracy.probability_within(10.0, 30.0), 0.074, rtol=0, atol=HALF_UNIT_3DP)


def test_cep_is_median_miss_distance() -> None:
    # Definition used in E10: half the warheads land within one CEP.
    ceps = np.array([0.05, 0.19, 1.6, 3.2, 30.0])  # §2.4 data points (Scud .. Hwasong-14), km
    assert_allclose(accuracy.probability_within(ceps, ceps), 0.5, rtol=1e-12)


def test_sigma_from_cep() -> None:
    # E10: CEP = 1.1774 sigma (published to 4 decimals).
    assert_allclose(accuracy.sigma_from_cep(1.1774), 1.0, rtol=0.5e-4 / 1.1774 * 1.01)
    assert_allclose(accuracy.CEP_PER_SIGMA, 1.1774, rtol=0, atol=0.5e-4)


def test_lethal_radius_units() -> None:
    # E10: LR = 2.62 nmi * Y[Mt]^(1/3) / H[psi]^(1/3); input in kt, output in km (1 nmi = 1.852 km).
    assert_allclose(accuracy.lethal_radius_km(1000.0, 1.0), 2.62 * 1.852, rtol=1e-12)
    # Cube-root scaling: 8 Mt against 8 psi is the same radius; 8 Mt against 1 psi is twice it.
    assert_allclose(
        accuracy.lethal_radius_km(np.array([8000.0, 8000.0]), np.array([8.0, 1.0])),
        np.array([1.0, 2.0]) * 2.62 * 1.852,
        rtol=1e-12,
    )


def test_single_shot_kill_probability() -> None:
    # E10: SSPK_off = 1 - 0.5^((LR/CEP)^2), TKP = R_m * SSPK_off. With CEP = LR the SSPK is 0.5.
    lr = 2.62 * 1.852
    assert_allclose(accuracy.single_shot_kill_probability(1000.0, 1.0, lr), 0.5, rtol=1e-12)
    assert_allclose(
        accuracy.single_shot_kill_probability(1000.0, 1.0, lr, reliability=0.8), 0.4, rtol=1e-12
    )
    # LR/CEP = 1/3 reproduces the §2.4 0.074 figure (CEP 3 km, 1 km).
    assert_allclose(
        accuracy.single_shot_kill_probability(1000.0, 1.0, 3.0 * lr), 0.074, atol=HALF_UNIT_3DP
    )


def test_zero_cep() -> None:
    assert_allclose(accuracy.probability_within([0.0, 0.1], 0.0), [0.0, 1.0], rtol=0, atol=0)


@settings(max_examples=200, deadline=None)
@given(
    r1=st.floats(0.0, 1e4),
    r2=st.floats(0.0, 1e4),
    c1=st.floats(1e-3, 1e4),
    c2=st.floats(1e-3, 1e4),
)
def test_probability_within_monotone(r1: float, r2: float, c1: float, c2: float) -> None:
    r_lo, r_hi = sorted((r1, r2))
    c_lo, c_hi = sorted((c1, c2))
    f = accuracy.probability_within
    p = float(f(r_lo, c_lo))
    assert 0.0 <= p <= 1.0
    assert float(f(r_hi, c_lo)) >= p
    assert float(f(r_lo, c_hi)) <= p
