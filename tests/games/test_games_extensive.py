from __future__ import annotations

import numpy as np
import pytest

from stratagem.games import (
    ExtensiveFormGame,
    backward_induction,
    chance,
    decision,
    leaf,
    lemke_howson,
    logit_solve,
    subgame_perfect_equilibria,
)
from stratagem.games.examples import entry_deterrence, kuhn_poker, stripped_down_poker
from stratagem.games.fearon import fearon_tree, optimal_offer_uniform
from stratagem.games.talks import TalksParams, solve_talks, talks_tree


def test_validation_errors() -> None:
    with pytest.raises(ValueError, match="unknown player"):
        ExtensiveFormGame(("A",), decision("B", "b", {"x": leaf(0)}))
    with pytest.raises(ValueError, match="payoffs for 2 players"):
        ExtensiveFormGame(("A", "B"), decision("A", "a", {"x": leaf(0)}))
    with pytest.raises(ValueError, match="sum to"):
        ExtensiveFormGame(("A",), chance({"x": (0.5, leaf(0)), "y": (0.4, leaf(1))}))
    with pytest.raises(ValueError, match="has actions"):
        ExtensiveFormGame(
            ("A",),
            chance(
                {
                    "x": (0.5, decision("A", "h", {"l": leaf(0)})),
                    "y": (0.5, decision("A", "h", {"r": leaf(1)})),
                }
            ),
        )


def test_perfect_recall_is_enforced() -> None:
    # A forgets its own first move
    with pytest.raises(ValueError, match="perfect recall"):
        ExtensiveFormGame(
            ("A",),
            decision(
                "A",
                "first",
                {
                    "l": decision("A", "second", {"a": leaf(1), "b": leaf(0)}),
                    "r": decision("A", "second", {"a": leaf(0), "b": leaf(1)}),
                },
            ),
        )


def test_entry_deterrence_spe_and_nash() -> None:
    g = entry_deterrence()
    spe = backward_induction(g)
    assert spe.choices(g) == {
        ("Entrant", "entrant"): "in",
        ("Incumbent", "incumbent"): "accommodate",
    }
    # (out, fight) is a Nash equilibrium of the strategic form that is not subgame perfect
    nf = g.to_normal_form()
    assert (0, 0) in nf.pure_equilibria() and (1, 1) in nf.pure_equilibria()
    assert g.max_regret(g.pure_behavior([0, 0])) == 0.0
    assert g.max_regret(spe.behavior) == 0.0


def test_all_spe_with_ties() -> None:
    # B is indifferent; each tie-break gives a different SPE (hand-derived)
    g = ExtensiveFormGame(
        ("A", "B"),
        decision(
            "A", "a", {"L": decision("B", "b", {"l": leaf(2, 1), "r": leaf(0, 1)}), "R": leaf(1, 0)}
        ),
    )
    found = {tuple(sorted(e.choices(g).items())) for e in subgame_perfect_equilibria(g)}
    assert found == {
        ((("A", "a"), "L"), (("B", "b"), "l")),
        ((("A", "a"), "R"), (("B", "b"), "r")),
    }
    uniform = backward_induction(g, ties="uniform")
    # B mixes 1/2, so L is worth 1 to A, as is R: A mixes too; B gets 1/2 * 1 + 1/2 * 0
    np.testing.assert_allclose(uniform.payoffs, [1.0, 0.5])


def test_backward_induction_requires_perfect_information() -> None:
    with pytest.raises(ValueError, match="perfect information"):
        backward_induction(stripped_down_poker())


def test_stripped_down_poker_published_solution() -> None:
    # Gambit tutorial 03: bet King, bluff Queen 1/3, Bob calls 2/3, belief 3/4, value 1/3
    g = stripped_down_poker()
    prof, _ = logit_solve(g, maxregret=1e-7)
    h = {s.label: k for k, s in enumerate(g.infosets)}
    assert prof[h["King"]][0] == pytest.approx(1.0, abs=1e-5)
    assert prof[h["Queen"]][0] == pytest.approx(1 / 3, abs=1e-5)
    assert prof[h["Bet"]][0] == pytest.approx(2 / 3, abs=1e-5)
    belief = g.beliefs(prof)[h["Bet"]]
    assert belief is not None and belief[0] == pytest.approx(3 / 4, abs=1e-5)
    values = g.action_values(prof)[h["Bet"]]
    assert values is not None and values[0] == pytest.approx(-1.0, abs=1e-4)
    assert g.expected_payoffs(prof)[0] == pytest.approx(1 / 3, abs=1e-5)


def test_kuhn_poker_value_lemke_howson() -> None:
    g = kuhn_poker()
    nf = g.to_normal_form()
    a, b = nf.bimatrix()
    x, y = lemke_howson(a, b, 0)
    assert nf.max_regret((x, y)) <= 1e-9
    assert float(x @ a @ y) == pytest.approx(-1 / 18, abs=1e-12)
    # Kuhn's theorem: the behaviour strategies have the same value and are an equilibrium
    beh = g.mixed_to_behavior((x, y))
    assert g.expected_payoffs(beh)[0] == pytest.approx(-1 / 18, abs=1e-12)
    assert g.max_regret(beh) <= 1e-9


def test_kuhn_poker_value_agent_qre_limit() -> None:
    g = kuhn_poker()
    prof, _ = logit_solve(g, maxregret=1e-4)
    assert g.expected_payoffs(prof)[0] == pytest.approx(-1 / 18, abs=2e-3)
    assert g.max_regret(prof) <= 5e-3


def test_behavior_mixed_roundtrip() -> None:
    g = kuhn_poker()
    rng = np.random.default_rng(0)
    beh = tuple(rng.dirichlet(np.ones(len(s.actions))) for s in g.infosets)
    mixed = g.behavior_to_mixed(beh)
    nf = g.to_normal_form()
    np.testing.assert_allclose(nf.expected_payoffs(mixed), g.expected_payoffs(beh), atol=1e-12)
    back = g.mixed_to_behavior(mixed)
    for p, q in zip(beh, back, strict=True):
        np.testing.assert_allclose(p, q, atol=1e-12)


def test_talks_dynamic_programme_matches_tree_backward_induction() -> None:
    p = TalksParams(T=3, K=2, pi_race=0.3, pi_slow=0.1, beta=0.1, w=0.05, c_talk=0.01)
    spe = backward_induction(talks_tree(p))
    sol = solve_talks(p)
    np.testing.assert_allclose(spe.payoffs, [sol.us_value[0, 0], sol.dprk_value[0, 0]], atol=1e-12)


def test_fearon_tree_matches_hand_solution() -> None:
    # p = 0.5, c_A = 0.1; B's cost 0.05 or 0.3 (1/2 each). Demand 0.54: both types accept
    # (0.46 > 0.45 and > 0.2), A gets 0.54. Demand 0.79: only the high-cost type accepts
    # (0.21 > 0.2), A gets 0.5 * 0.79 + 0.5 * (0.5 - 0.1) = 0.595 -> the unique PBE demand.
    from stratagem.games import pure_pbe

    g = fearon_tree(0.5, 0.1, {"low": (0.5, 0.05), "high": (0.5, 0.3)}, [0.54, 0.79])
    (eq,) = pure_pbe(g)
    assert eq.choices(g)[("A", "demand")] == "x=0.79"
    assert eq.payoffs[0] == pytest.approx(0.595)
    # continuous uniform costs: x* = p + (cbar - c_A) / 2 and P(war) = (cbar - c_A) / (2 cbar)
    x, war = optimal_offer_uniform(0.5, 0.1, 0.3)
    assert float(x) == pytest.approx(0.6) and float(war) == pytest.approx(1 / 3)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_tree_regret_matches_strategic_form_regret(seed: int) -> None:
    # the dynamic-programming best response equals the best pure strategy of the strategic form
    for game in (kuhn_poker(), stripped_down_poker()):
        rng = np.random.default_rng(seed)
        beh = tuple(rng.dirichlet(np.ones(len(s.actions))) for s in game.infosets)
        nf = game.to_normal_form()
        mixed = game.behavior_to_mixed(beh)
        assert game.max_regret(beh) == pytest.approx(nf.max_regret(mixed), abs=1e-12)
