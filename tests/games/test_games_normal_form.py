from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from stratagem.games import NormalFormGame, nash_equilibria, support_enumeration, vertex_enumeration
from stratagem.games.examples import battle_of_the_sexes, matching_pennies, prisoners_dilemma
from stratagem.games.solvers.lemke_howson import lemke_howson, lemke_howson_all


def test_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match="shape"):
        NormalFormGame(np.zeros((3, 2, 2)))
    with pytest.raises(ValueError, match="finite"):
        NormalFormGame.from_bimatrix([[np.nan, 0]], [[0, 0]])
    with pytest.raises(ValueError, match="one shape"):
        NormalFormGame.from_bimatrix([[1, 0]], [[1], [0]])


def test_closed_form_battle_of_the_sexes() -> None:
    # mixed equilibrium: row plays opera with 2/3 (column indifferent: 1*x = 2*(1-x)), column 1/3
    eqs = nash_equilibria(*battle_of_the_sexes().bimatrix())
    assert len(eqs) == 3
    x, y = eqs[1]
    np.testing.assert_allclose(x, [2 / 3, 1 / 3], atol=1e-12)
    np.testing.assert_allclose(y, [1 / 3, 2 / 3], atol=1e-12)


def test_closed_form_generic_2x2_mixed() -> None:
    # a 2x2 game without pure equilibria: q = (d - b) / (a - b - c + d) for the column player
    a = np.array([[4.0, 1.0], [2.0, 3.0]])
    b = np.array([[1.0, 3.0], [4.0, 0.0]])
    ((x, y),) = nash_equilibria(a, b)
    q = (a[1, 1] - a[0, 1]) / (a[0, 0] - a[0, 1] - a[1, 0] + a[1, 1])
    p = (b[1, 1] - b[1, 0]) / (b[0, 0] - b[1, 0] - b[0, 1] + b[1, 1])
    np.testing.assert_allclose(y, [q, 1 - q], atol=1e-12)
    np.testing.assert_allclose(x, [p, 1 - p], atol=1e-12)


def test_textbook_pure_equilibria() -> None:
    assert prisoners_dilemma().pure_equilibria() == [(1, 1)]
    assert matching_pennies().pure_equilibria() == []
    mp = matching_pennies()
    assert mp.is_nash([[0.5, 0.5], [0.5, 0.5]])
    assert not mp.is_nash([[0.6, 0.4], [0.5, 0.5], [1.0]])


def test_degenerate_game_extreme_equilibria() -> None:
    # column 0 is weakly dominant; row is indifferent against it: the equilibrium set is
    # {(x, col 0): any x} plus (row 0, col 1) -- extreme points listed, each an equilibrium
    a = np.array([[1.0, 1.0], [1.0, 0.0]])
    eqs = vertex_enumeration(a, a)
    game = NormalFormGame.from_bimatrix(a, a)
    assert len(eqs) == 3
    assert all(game.is_nash(e) for e in eqs)


def test_three_player_pure_equilibria_by_brute_force() -> None:
    rng = np.random.default_rng(3)
    payoffs = rng.integers(0, 3, size=(3, 2, 3, 2)).astype(float)
    game = NormalFormGame(payoffs)
    brute = []
    for prof in game.profiles():
        if game.max_regret(game.pure_profile(prof)) <= 0:
            brute.append(prof)
    assert game.pure_equilibria() == brute


def test_unknown_method() -> None:
    with pytest.raises(ValueError, match="unknown method"):
        nash_equilibria([[1]], [[1]], method="magic")  # type: ignore[arg-type]


def test_lemke_howson_label_range() -> None:
    with pytest.raises(ValueError, match="initial_dropped_label"):
        lemke_howson([[1, 0]], [[0, 1]], 5)


payoff_matrix = st.tuples(st.integers(2, 4), st.integers(2, 4)).flatmap(
    lambda s: st.tuples(
        arrays(np.float64, s, elements=st.integers(-3, 3).map(float)),
        arrays(np.float64, s, elements=st.integers(-3, 3).map(float)),
    )
)


@settings(max_examples=150, deadline=None)
@given(payoff_matrix)
def test_every_returned_profile_is_an_equilibrium(ab: tuple[np.ndarray, np.ndarray]) -> None:
    # small integer payoffs: degenerate games are frequent
    a, b = ab
    game = NormalFormGame.from_bimatrix(a, b)
    vertex = vertex_enumeration(a, b)
    assert vertex, "every finite game has an equilibrium"
    for method in (vertex, support_enumeration(a, b), lemke_howson_all(a, b)):
        for x, y in method:
            assert game.max_regret((x, y)) <= 1e-9
            assert abs(x.sum() - 1) < 1e-12 and abs(y.sum() - 1) < 1e-12
            assert x.min() >= 0 and y.min() >= 0
    # Lemke-Howson finds extreme equilibria: each is in the vertex enumeration
    for x, y in lemke_howson_all(a, b):
        assert any(np.allclose(x, u, atol=1e-7) and np.allclose(y, v, atol=1e-7) for u, v in vertex)


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 2**32 - 1))
def test_nondegenerate_games_have_an_odd_number_of_equilibria(seed: int) -> None:
    # Wilson's oddness theorem (1971) for nondegenerate bimatrix games
    rng = np.random.default_rng(seed)
    m, n = rng.integers(2, 5, size=2)
    a, b = rng.normal(size=(m, n)), rng.normal(size=(m, n))
    eqs = vertex_enumeration(a, b)
    assert len(eqs) % 2 == 1
    assert len(support_enumeration(a, b)) == len(eqs)
