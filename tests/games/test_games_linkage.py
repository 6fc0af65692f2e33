from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratagem.games import logit_qre, pure_pbe
from stratagem.games.linkage import (
    LinkageParams,
    china_pressure_probability,
    freeze_given_pressure,
    linkage_game,
    pressure_region,
    pressure_threshold,
    solve_linkage,
)
from stratagem.mechanisms._shared import logistic

# a parameter point where no player is indifferent (the US strictly prefers to offer)
STRICT = LinkageParams(m=4.0)


def _tree_profile(game, sol):  # type: ignore[no-untyped-def]
    """Expected action probabilities of :func:`solve_linkage` in the order of the tree."""
    out = []
    for s in game.infosets:
        who = game.players[s.player]
        if who == "US":
            p = sol.p_offer
        elif who == "China":
            tau, offer = s.label.split("/")
            p = sol.p_pressure[(tau, offer)]
        else:
            theta, offer, pressure = s.label.split("/")
            p = sol.p_freeze[(theta, offer, pressure)]
        out.append(np.array([p, 1 - p]))
    return out


def test_reduces_to_the_china_pressure_mechanism() -> None:
    # mechanism: logistic(decision_precision * (P(F|p) * offer_value + extra - 1))
    rng = np.random.default_rng(0)
    offer = rng.lognormal(np.log(1.5), 0.5, 1000) * rng.uniform(0.4, 0.9, 1000)
    belief = rng.uniform(0.2, 0.6, 1000)
    extra = rng.uniform(-0.5, 0.5, 1000)
    ours = china_pressure_probability(offer, belief, extra_incentive=extra, precision=2.0)
    mechanism = logistic(2.0 * (belief * offer + extra - 1.0))
    np.testing.assert_allclose(ours, mechanism, rtol=1e-12)


def test_vectorized_broadcasting() -> None:
    out = china_pressure_probability(
        np.ones((3, 1)), np.full((1, 4), 0.5), precision=np.array([1.0, 2.0, np.inf, 0.0])
    )
    assert out.shape == (3, 4)
    assert out[0, 3] == 0.5 and out[0, 2] == 0.0


def test_m7_condition_closed_form() -> None:
    # China pressures iff rho m P(F|p) > k + h P(defy|p): threshold (k + h (1 - q)) / q
    q = np.linspace(0.05, 0.95, 19)
    thr = pressure_threshold(q, 0.7, 0.3)
    below = china_pressure_probability(thr * 0.999, q, cost=0.7, instability_cost=0.3)
    above = china_pressure_probability(thr * 1.001, q, cost=0.7, instability_cost=0.3)
    assert np.all(below == 0.0) and np.all(above == 1.0)
    np.testing.assert_allclose(freeze_given_pressure(q), q)  # pliable freezes, resolute never


@pytest.mark.parametrize(
    "params", [LinkageParams(), STRICT, LinkageParams(m=4.0, prior_staunch=0.1, h=0.0)]
)
def test_pbe_of_the_tree_matches_backward_solution(params: LinkageParams) -> None:
    game = linkage_game(params)
    sol = solve_linkage(params)
    expected = _tree_profile(game, sol)
    eqs = pure_pbe(game)
    if sol.p_offer == 0.5:  # the US is indifferent: both of its pure choices are PBE
        assert len(eqs) == 2
    else:
        assert len(eqs) == 1
        for p, q in zip(eqs[0].behavior, expected, strict=True):
            np.testing.assert_allclose(p, q)


def test_agent_qre_of_the_tree_matches_statistical_backward_induction() -> None:
    game = linkage_game(STRICT)
    for lam in (0.7, 3.0):
        tree = logit_qre(game, lam)
        expected = _tree_profile(game, solve_linkage(STRICT, precision=lam))
        for p, q in zip(tree, expected, strict=True):
            np.testing.assert_allclose(p, q, atol=1e-8)


@pytest.mark.gambit
def test_pygambit_qre_limit_is_our_pbe() -> None:
    pytest.importorskip("pygambit")
    from stratagem.games import gambit_adapter as ga

    game = linkage_game(STRICT)
    theirs = ga.logit_solve(game)
    for p, q in zip(theirs, _tree_profile(game, solve_linkage(STRICT)), strict=True):
        np.testing.assert_allclose(p, q, atol=1e-4)


def test_headline_region() -> None:
    # defaults: rho m = 0.975 < 2.2 -> no pressure; a pragmatic China pressures once the offer is
    # worth (k + h (1 - q)) / q, and North Korea then concedes with probability q
    p = LinkageParams()
    assert p.rho * p.m == pytest.approx(0.975)
    assert float(pressure_threshold(p.prior_pliable)) == pytest.approx(2.2)
    pp, both = pressure_region([0.975, 2.19, 2.21, 5.0], [p.prior_pliable], p)
    assert pp.tolist() == [[0.0, 0.0, 1.0, 1.0]]
    np.testing.assert_allclose(both, [[0.0, 0.0, 0.4, 0.4]])
    s = solve_linkage(STRICT)
    assert s.p_pressure[("staunch", "offer")] == 0.0  # a staunch supporter never pressures
    assert s.outcome["pressure_and_freeze"] == pytest.approx(0.5 * 0.4)


def test_linkage_adds_value_only_through_china() -> None:
    # Tollison-Willett: the same cut offered to North Korea alone (worth rho m_D = 0.0975 to it)
    # never buys a freeze; routed through China it does once China values the cut enough
    p = LinkageParams(m=4.0)
    s = solve_linkage(p)
    assert s.p_freeze[("pliable", "offer", "no pressure")] == 0.0
    assert s.outcome["freeze"] > 0.0
    s_low = solve_linkage(p.with_(m=p.m_dprk))  # China values the cut no more than North Korea
    assert s_low.outcome["freeze"] == 0.0


@settings(max_examples=60, deadline=None)
@given(
    st.floats(0.0, 8.0),
    st.floats(0.01, 1.0),
    st.floats(0.0, 2.0),
    st.floats(0.0, 1.0),
    st.floats(0.1, 20.0),
    st.floats(0.0, 0.5),
)
def test_comparative_statics_are_monotone(
    x: float, q: float, k: float, h: float, lam: float, dx: float
) -> None:
    # more value, more pliable types -> more pressure; more cost or instability risk -> less
    base = china_pressure_probability(x, q, cost=k, instability_cost=h, precision=lam)
    assert (
        china_pressure_probability(x + dx, q, cost=k, instability_cost=h, precision=lam)
        >= base - 1e-15
    )
    assert (
        china_pressure_probability(x, min(q + dx, 1.0), cost=k, instability_cost=h, precision=lam)
        >= base - 1e-15
    )
    assert (
        china_pressure_probability(x, q, cost=k + dx, instability_cost=h, precision=lam)
        <= base + 1e-15
    )
    assert (
        china_pressure_probability(x, q, cost=k, instability_cost=h + dx, precision=lam)
        <= base + 1e-15
    )


def test_share_of_the_default_prior_where_china_pressures() -> None:
    # the simulation's priors: m ~ LogNormal(median 1.5, sigma 0.5), rho ~ U(0.4, 0.9),
    # q ~ U(0.2, 0.6); PBE pressure iff rho m q > 0.7 + 0.3 (1 - q)
    rng = np.random.default_rng(2013)
    n = 200_000
    x = rng.lognormal(np.log(1.5), 0.5, n) * rng.uniform(0.4, 0.9, n)
    q = rng.uniform(0.2, 0.6, n)
    share = float(china_pressure_probability(x, q, cost=0.7, instability_cost=0.3).mean())
    assert share == pytest.approx(float(np.mean(x * q > 0.7 + 0.3 * (1 - q))), abs=1e-12)
    assert 0.0 < share < 0.25  # pressure is the exception under the default priors
