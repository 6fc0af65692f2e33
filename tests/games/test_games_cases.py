from __future__ import annotations

import itertools

import numpy as np
import pytest

from stratagem.games import logit_qre, logit_solve, pure_pbe
from stratagem.games.audience_costs import AudienceParams, audience_game, closed_form
from stratagem.games.fearon import bargaining_range, optimal_offer, optimal_offer_uniform
from stratagem.games.provocation import ProvocationParams, solve_provocation, stage_game
from stratagem.games.sanctions import SanctionsParams, outcome_probabilities, sanctions_game
from stratagem.games.talks import TIES_MONTHLY_HAZARD, TalksParams, solve_talks

# ------------------------------------------------------------------ sanctions (M5, TIES)


def test_sanctions_selection_effect_pbe() -> None:
    # Lacy & Niou: sanctions likely to succeed succeed at the threat; imposed ones fail
    g = sanctions_game()
    (eq,) = pure_pbe(g)
    o = outcome_probabilities(g, eq.behavior)
    assert o.success_at_threat == pytest.approx(0.5)  # the weak half of targets
    assert o.success_if_imposed == 0.0
    assert o.imposed == pytest.approx(0.5)


@pytest.mark.parametrize("lam", [1.0, 3.0, 10.0])
def test_sanctions_selection_effect_qre(lam: float) -> None:
    g = sanctions_game()
    o = outcome_probabilities(g, logit_qre(g, lam))
    assert o.success_at_threat > o.success_if_imposed


def test_sanctions_ordering_matches_ties() -> None:
    # TIES 4.1 (game_theory.md §6.2): threat-only success 43.1 % > imposed success 32.8 %
    g = sanctions_game()
    o = outcome_probabilities(g, logit_qre(g, 2.0))
    assert (o.success_at_threat > o.success_if_imposed) == (0.431 > 0.328)


def test_sanctions_complete_information_never_imposes() -> None:
    # a target known to be weak gives in at the threat; one known to be resolute is not threatened
    # when imposing costs more than backing down (c_S > r_S)
    for prior in (0.0, 1.0):
        g = sanctions_game(SanctionsParams(prior_resolute=prior, c_s=0.6))
        for eq in pure_pbe(g):
            assert outcome_probabilities(g, eq.behavior).imposed == 0.0


# ------------------------------------------------------------------ talks (M6, C9-C10)


def test_talks_buy_time_and_raise_the_chance_sanctions_bite_first() -> None:
    base = solve_talks(allow_talks=False)
    talks = solve_talks()
    assert talks.slow[0, 0, 1] == 1.0 and talks.talk[0, 0] == 1.0
    assert talks.expected_months_to_icbm > base.expected_months_to_icbm
    assert talks.p_icbm < base.p_icbm
    assert talks.p_concede > base.p_concede


def test_talks_need_something_for_north_korea() -> None:
    # with nothing to gain from talks (w = 0) North Korea slows only where it cannot reach the
    # bomb before the horizon anyway (an indifference): talks buy nothing
    base = solve_talks(allow_talks=False)
    s = solve_talks(TalksParams(w=0.0))
    assert s.slow[:-3, :, 1].sum() == 0.0
    assert s.expected_months_to_icbm == pytest.approx(base.expected_months_to_icbm, abs=1e-12)
    assert s.p_icbm == pytest.approx(base.p_icbm, abs=1e-12)


def test_talks_lose_their_grip_near_the_bomb() -> None:
    s = solve_talks()
    assert s.slow[0, 0, 1] == 1.0 and s.slow[0, -1, 1] == 0.0


def test_ties_hazard() -> None:
    # 36 months of the constant hazard reproduce the 24.1 % three-year incidence
    assert pytest.approx(0.241) == 1 - (1 - TIES_MONTHLY_HAZARD) ** 36


# ------------------------------------------------------------------ provocation (M8, C6)


def test_provocation_cycle() -> None:
    s = solve_provocation()
    assert s.concede
    period = ProvocationParams().S + 1
    months = np.flatnonzero(s.path)
    assert np.all(np.diff(months) == period)  # provoke, reward, S months of restraint, provoke
    assert s.provocation_rate == pytest.approx(len(months) / len(s.path))


def test_china_pressure_breaks_the_cycle() -> None:
    rates = [
        solve_provocation(ProvocationParams(sigma_c=x)).provocation_rate
        for x in (0.0, 0.5, 1.0, 2.0)
    ]
    assert rates[0] > 0 and rates[-1] == 0.0
    assert all(a >= b for a, b in itertools.pairwise(rates))


def test_chain_store_logic() -> None:
    # hold only if a crisis costs less than about (1 - delta) times the extortion stream
    assert solve_provocation(ProvocationParams(c_us=0.1)).provocation_rate == 0.0
    assert solve_provocation(ProvocationParams(c_us=0.5)).concede


def test_stage_game_and_its_finite_repetition_with_nashpy() -> None:
    # restraint strictly dominates in the simultaneous stage game, so every equilibrium of the
    # twice-repeated game (nashpy's expansion) pays the stage equilibrium twice: (0, 0)
    nash = pytest.importorskip("nashpy")
    from nashpy.repeated_games import obtain_repeated_game

    from stratagem.games import NormalFormGame, lemke_howson, nash_equilibria

    stage = stage_game()
    a, b = stage.bimatrix()
    ours = nash_equilibria(a, b)
    theirs = list(nash.Game(a, b).vertex_enumeration())
    assert len(ours) == len(theirs) == 1
    np.testing.assert_allclose(ours[0][0], theirs[0][0])
    ra, rb = obtain_repeated_game(nash.Game(a, b), repetitions=2).payoff_matrices
    rep = NormalFormGame.from_bimatrix(ra, rb)
    x, y = lemke_howson(ra, rb, 0)
    assert rep.max_regret((x, y)) <= 1e-9
    np.testing.assert_allclose(rep.expected_payoffs((x, y)), [0.0, 0.0], atol=1e-12)


# ---------------------------------------------------- Fearon (M1), audience costs (M2)


def test_fearon_bargaining_range_and_numeric_screening() -> None:
    assert bargaining_range(0.6, 0.1, 0.15) == pytest.approx((0.5, 0.75))
    for cbar in (0.05, 0.2, 0.4):
        x_num, war_num = optimal_offer(0.5, 0.1, lambda c, cb=cbar: min(max(c / cb, 0.0), 1.0))
        x_cf, war_cf = optimal_offer_uniform(0.5, 0.1, cbar)
        assert x_num == pytest.approx(float(x_cf), abs=1e-6)
        assert war_num == pytest.approx(float(war_cf), abs=1e-6)
    # complete information (cbar -> c_B known): no war when A's cost exceeds the spread
    assert float(optimal_offer_uniform(0.5, 0.3, 0.2)[1]) == 0.0


@pytest.mark.parametrize("ac", [0.1, 0.2, 0.4])  # at AC = 0 the bluff rate is not pinned down
def test_audience_costs_qre_limit_matches_closed_form(ac: float) -> None:
    p = AudienceParams(AC=ac)
    g = audience_game(p)
    prof, _ = logit_solve(g, maxregret=1e-6)
    h = {s.label: k for k, s in enumerate(g.infosets)}
    cf = closed_form(p)
    assert prof[h["threat"]][0] == pytest.approx(cf["concede_given_threat"], abs=1e-3)
    assert prof[h["unresolved"]][0] == pytest.approx(cf["bluff"], abs=1e-3)


def test_audience_costs_make_threats_credible() -> None:
    concede = [
        closed_form(AudienceParams(AC=a))["concede_given_threat"] for a in (0.0, 0.2, 0.4, 0.6)
    ]
    assert all(x < y for x, y in itertools.pairwise(concede))
