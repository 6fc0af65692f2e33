from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stratagem.games import (
    NormalFormGame,
    logit_qre,
    logit_qre_branch,
    logit_qre_fixed_point,
    logit_solve,
    nash_equilibria,
    pure_pbe,
)
from stratagem.games.examples import beer_quiche, matching_pennies, stripped_down_poker
from stratagem.games.solvers.pbe import admissible_belief


def test_beer_quiche_pooling_equilibria_and_off_path_beliefs() -> None:
    # Cho & Kreps: both pooling outcomes are PBE; off the path the receiver must believe the
    # deviator is weak with probability >= 1/2 to duel (hand-derived)
    g = beer_quiche()
    eqs = pure_pbe(g)
    assert len(eqs) == 2
    for e in eqs:
        ch = e.choices(g)
        used = ch[("Sender", "strong")]
        assert ch[("Sender", "weak")] == used  # pooling
        other = "quiche" if used == "beer" else "beer"
        assert ch[("Receiver", used)] == "no duel" and ch[("Receiver", other)] == "duel"
        h_other = next(k for k, s in enumerate(g.infosets) if s.label == other)
        assert not e.on_path[h_other]
        assert e.beliefs[h_other][1] >= 0.5 - 1e-9  # belief on the weak node
        h_used = next(k for k, s in enumerate(g.infosets) if s.label == used)
        np.testing.assert_allclose(e.beliefs[h_used], [0.9, 0.1])  # Bayes on the path


def test_pbe_beliefs_follow_prior_after_type_independent_deviation() -> None:
    # the stripped-down poker has no pure PBE (Bob must mix), which the enumeration confirms
    assert pure_pbe(stripped_down_poker()) == []


def test_admissible_belief_lp() -> None:
    # groups favour the action under belief 1 only: need weight >= 2/3 on group 1
    w = admissible_belief([np.array([0.0, -2.0]), np.array([0.0, 1.0])])
    assert w is not None and w[1] >= 2 / 3 - 1e-9
    assert admissible_belief([np.array([-1.0]), np.array([-0.5])]) is None


def test_matching_pennies_qre_is_uniform_for_every_lambda() -> None:
    for lam in (0.5, 3.0, 50.0):
        for p in logit_qre(matching_pennies(), lam):
            np.testing.assert_allclose(p, [0.5, 0.5], atol=1e-9)


def test_qre_satisfies_the_logit_equations() -> None:
    # direct check of sigma_ij = exp(lam u_ij) / sum_k exp(lam u_ik), computed independently
    rng = np.random.default_rng(5)
    game = NormalFormGame(rng.normal(size=(3, 2, 3, 2)))
    lam = 2.5
    prof = logit_qre(game, lam)
    for i in range(3):
        u = np.einsum("abc,b,c->a", game.payoffs[i], prof[1], prof[2]) if i == 0 else None
        if i == 1:
            u = np.einsum("abc,a,c->b", game.payoffs[i], prof[0], prof[2])
        if i == 2:
            u = np.einsum("abc,a,b->c", game.payoffs[i], prof[0], prof[1])
        assert u is not None
        expected = np.exp(lam * u) / np.exp(lam * u).sum()
        np.testing.assert_allclose(prof[i], expected, atol=1e-9)
    # the fixed-point solver finds the same point from the branch's neighbourhood
    near = tuple(0.9 * p + 0.1 / len(p) for p in prof)
    for a, b in zip(logit_qre_fixed_point(game, lam, near), prof, strict=True):
        np.testing.assert_allclose(a, b, atol=1e-9)


def test_prisoners_dilemma_qre_closed_form() -> None:
    # defect's advantage is 1 + sigma_c, so sigma_c = 1 / (1 + exp(lam (1 + sigma_c)))
    g = NormalFormGame.from_bimatrix([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    s = logit_qre(g, 1.0)[0][0]
    assert s == pytest.approx(1.0 / (1.0 + np.exp(1.0 + s)), abs=1e-12)


def test_branch_starts_uniform_and_reaches_lambda_max() -> None:
    g = NormalFormGame.from_bimatrix([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    branch = logit_qre_branch(g, 5.0)
    assert branch[0].lam == 0.0 and branch[-1].lam == pytest.approx(5.0)
    np.testing.assert_allclose(branch[0].profile[0], [0.5, 0.5])
    assert all(b.lam >= 0 for b in branch)


def test_negative_lambda_rejected() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        logit_qre(matching_pennies(), -1.0)


@settings(max_examples=40, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_qre_converges_to_the_unique_equilibrium(seed: int) -> None:
    # games with a unique equilibrium (found by vertex enumeration): the QRE approaches it as
    # lambda grows, and logit_solve lands on it
    rng = np.random.default_rng(seed)
    a, b = rng.normal(size=(2, 2, 3))
    eqs = nash_equilibria(a, b)
    if len(eqs) != 1:
        return
    ((x, y),) = eqs
    game = NormalFormGame.from_bimatrix(a, b)
    prof, _ = logit_solve(game)
    # an approximate equilibrium (regret below 1e-8 of the payoff range, decision G4): close to
    # the exact one, up to a few 1e-6 on nearly indifferent actions
    assert game.max_regret(prof) <= 1e-8 * max(1.0, float(np.ptp(game.payoffs)))
    np.testing.assert_allclose(prof[0], x, atol=1e-4)
    np.testing.assert_allclose(prof[1], y, atol=1e-4)
    # a logit choice maximizes u.sigma + entropy(sigma) / lambda, so its regret is at most
    # ln(m) / lambda: the QRE regret vanishes as lambda grows
    for lam in (1.0, 10.0, 100.0):
        assert game.max_regret(logit_qre(game, lam)) <= np.log(3) / lam + 1e-9


@pytest.mark.gambit
def test_qre_at_lambda_matches_pygambit() -> None:
    pytest.importorskip("pygambit")
    from stratagem.games import gambit_adapter as ga

    rng = np.random.default_rng(11)
    for _ in range(10):
        n = int(rng.integers(2, 4))
        game = NormalFormGame(rng.normal(size=(n, *rng.integers(2, 4, size=n))))
        for lam in (0.5, 2.0):
            ours = logit_qre(game, lam)
            theirs = ga.logit_qre_at(game, lam)
            for p, q in zip(ours, theirs, strict=True):
                np.testing.assert_allclose(p, q, atol=1e-6)


@pytest.mark.gambit
def test_tree_qre_limit_matches_pygambit() -> None:
    pytest.importorskip("pygambit")
    from stratagem.games import gambit_adapter as ga

    g = stripped_down_poker()
    ours, _ = logit_solve(g, maxregret=1e-7)
    theirs = ga.logit_solve(g)
    for p, q in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(p, q, atol=1e-5)
