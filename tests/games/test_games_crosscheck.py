"""The issue's acceptance check: on 200 random games (2-3 players, 2-4 actions) our equilibria
match nashpy's (bimatrix games) and pygambit's (all games; skipped without pygambit).

Payoffs are standard normal, so the games are generic (nondegenerate with probability one) and
the equilibrium sets are finite. Two-player games: our vertex enumeration against nashpy's
vertex enumeration and Gambit's ``enummixed_solve`` (the same set of extreme equilibria), our
Lemke-Howson against nashpy's for every dropped label, and Gambit's ``lcp_solve`` equilibria
among ours. Three-player games (decision G12): pure equilibria against ``enumpure_solve``, the
QRE-selected equilibrium against Gambit's ``logit_solve`` and, for games up to 3x3x3, against
``enumpoly_solve``'s list (which can miss equilibria: then ours must have zero regret). Run with
``-s`` to see the counts.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest

from stratagem.games import (
    NormalFormGame,
    lemke_howson,
    logit_solve,
    support_enumeration,
    vertex_enumeration,
)

N_GAMES = 200
SEED = 20260101


def _games() -> list[NormalFormGame]:
    rng = np.random.default_rng(SEED)
    out = []
    for k in range(N_GAMES):
        n = 2 if k % 2 == 0 else 3
        shape = tuple(int(m) for m in rng.integers(2, 5, size=n))
        out.append(NormalFormGame(rng.normal(size=(n, *shape))))
    return out


GAMES = _games()


def _same_set(
    ours: list[tuple[np.ndarray, ...]], theirs: list[tuple[np.ndarray, ...]], atol: float = 1e-6
) -> bool:
    if len(ours) != len(theirs):
        return False
    return all(
        any(all(np.allclose(a, b, atol=atol) for a, b in zip(o, t, strict=True)) for t in theirs)
        for o in ours
    )


def _distance(a: tuple[np.ndarray, ...], b: tuple[np.ndarray, ...]) -> float:
    return max(float(np.max(np.abs(x - y))) for x, y in zip(a, b, strict=True))


def test_bimatrix_games_match_nashpy() -> None:
    nash = pytest.importorskip("nashpy")
    bimatrix = [g for g in GAMES if g.n_players == 2]
    counts = {
        "games": len(bimatrix),
        "vertex": 0,
        "lemke_howson_labels": 0,
        "lemke_howson_match": 0,
        "support_sound": 0,
        "nashpy_support_complete": 0,
    }
    for game in bimatrix:
        a, b = game.bimatrix()
        ours = vertex_enumeration(a, b)
        for eq in ours:
            assert game.max_regret(eq) <= 1e-9
        ng = nash.Game(a, b)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nashpy warns on degenerate sub-problems
            theirs = [tuple(e) for e in ng.vertex_enumeration()]
            their_support = [tuple(e) for e in ng.support_enumeration()]
            their_lh = [ng.lemke_howson(initial_dropped_label=k) for k in range(sum(a.shape))]
        assert _same_set(ours, theirs)
        counts["vertex"] += 1
        assert len(support_enumeration(a, b)) == len(ours)
        # nashpy's support enumeration misses equilibria (decision G2) but what it finds is ours
        assert all(any(_distance(e, o) < 1e-6 for o in ours) for e in their_support)
        counts["support_sound"] += 1
        counts["nashpy_support_complete"] += len(their_support) == len(ours)
        for k, (x2, y2) in enumerate(their_lh):
            x1, y1 = lemke_howson(a, b, k)
            counts["lemke_howson_labels"] += 1
            if np.allclose(x1, x2, atol=1e-9) and np.allclose(y1, y2, atol=1e-9):
                counts["lemke_howson_match"] += 1
    print(f"\nnashpy cross-check: {counts}")
    assert counts["lemke_howson_match"] == counts["lemke_howson_labels"]


@pytest.mark.gambit
def test_all_games_match_pygambit() -> None:
    pytest.importorskip("pygambit")
    from stratagem.games import gambit_adapter as ga

    counts = {
        "games": 0,
        "two_player_enummixed": 0,
        "two_player_lcp_subset": 0,
        "pure_enumpure": 0,
        "qre_logit_solve": 0,
        "three_player_enumpoly": 0,
        "qre_in_enumpoly": 0,
        "enumpoly_missed_ours": 0,
    }
    for game in GAMES:
        counts["games"] += 1
        assert game.pure_equilibria() == ga.enumpure(game)
        counts["pure_enumpure"] += 1
        ours_qre, _ = logit_solve(game)
        assert game.max_regret(ours_qre) <= 1e-8 * max(1.0, float(np.ptp(game.payoffs)))
        assert _distance(ours_qre, ga.logit_solve(game)) < 1e-3
        counts["qre_logit_solve"] += 1
        if game.n_players == 2:
            ours = vertex_enumeration(*game.bimatrix())
            assert _same_set(ours, ga.enummixed(game))
            counts["two_player_enummixed"] += 1
            assert all(any(_distance(e, o) < 1e-9 for o in ours) for e in ga.lcp(game))
            counts["two_player_lcp_subset"] += 1
        elif max(game.shape) <= 3:
            theirs = ga.enumpoly(game)
            # every equilibrium Gambit lists is one by our regret check ...
            assert all(game.max_regret(t) <= 1e-6 for t in theirs)
            for idx in game.pure_equilibria():
                assert any(_distance(game.pure_profile(idx), t) < 1e-6 for t in theirs)
            counts["three_player_enumpoly"] += 1
            # ... and ours is in Gambit's list, except when enumpoly misses it (then ours must
            # be an exact equilibrium: regret at rounding level)
            if any(_distance(ours_qre, t) < 1e-4 for t in theirs):
                counts["qre_in_enumpoly"] += 1
            else:
                assert game.max_regret(ours_qre) <= 1e-12
                counts["enumpoly_missed_ours"] += 1
    print(f"\npygambit cross-check: {counts}")
