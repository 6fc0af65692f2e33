"""Every model against the published numbers of shared/reference/bargaining.md.

Expected values are the published ones (BDM 1994, Scholz et al. 2011 Table 2, KTAB / Efird et
al. 2016, schelling's fixtures and DECISIONS.md, jmckib's reconstruction as run by the
reference) or closed forms derived by hand in the test; none is produced by this package.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from stratagem.bargaining import forecast
from stratagem.bargaining.compromise import weighted_mean
from stratagem.bargaining.median import pairwise_votes, weighted_median

# Scholz, Calbert & Smith (2011) Table 2, rounds 1-8.
SCHOLZ_MEDIAN = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]
SCHOLZ_MEAN = [7.4, 7.5, 7.6, 7.3, 7.3, 7.4, 7.5, 7.6]
# jmckib's reconstruction of Scholz's program, run by the reference (bargaining.md section 1).
JMCKIB_MEDIAN = [8.416, 9.611, 9.962, 9.962, 9.962, 7.472, 8.825, 9.671]
JMCKIB_MEAN = [7.461, 7.553, 7.590, 7.358, 7.349, 7.415, 7.510, 7.572]
JMCKIB_RISK = {
    "Netherlands": 1.4057,
    "Belgium": 0.7542,
    "Luxembourg": 0.5089,
    "Germany": 1.4057,
    "France": 1.0465,
    "Italy": 1.0465,
    "UK": 1.9649,
    "Ireland": 0.5,
    "Denmark": 2.0,
    "Greece": 1.1121,
}


# --- EC emission standards (BDM 1994 Table 1) ------------------------------------------------


def test_ec_round_zero_median_and_mean(ec):
    assert forecast(ec, "median").outcome == 7.0
    assert_allclose(forecast(ec, "compromise").outcome, 7.38996, atol=5e-6)


def test_ec_median_is_the_condorcet_winner(ec):
    x, s = ec.column()
    votes = pairwise_votes(x, ec.capability * s, candidates=[4.0, 7.0, 10.0])
    # 7 beats both 4 and 10 in the pairwise capability x salience vote (Scholz step 3).
    assert votes[1, 0] > 0
    assert votes[1, 2] > 0


def test_ec_expected_utility_follows_scholz_table_2(ec):
    result = forecast(ec, "expected_utility", rounds=8)
    assert result.rounds == 8
    assert_allclose(result.series["median"][1:], SCHOLZ_MEDIAN, atol=0.5)
    assert_allclose(result.series["mean"][1:], SCHOLZ_MEAN, atol=0.1)
    assert result.series["median"][0] == 7.0


def test_ec_default_reproduces_scholz_program_reconstruction(ec):
    """The defaults (decision B5) are Scholz's program as reconstructed by jmckib."""
    result = forecast(ec, "expected_utility", rounds=8)
    assert_allclose(result.series["median"][1:], JMCKIB_MEDIAN, atol=1e-3)
    assert_allclose(result.series["mean"][1:], JMCKIB_MEAN, atol=1e-3)
    assert_allclose(result.outcome, 9.671, atol=1e-3)
    risk = dict(zip(ec.actors, result.detail["risk_exponent"], strict=True))
    for actor, expected in JMCKIB_RISK.items():
        assert_allclose(risk[actor], expected, atol=1e-4, err_msg=actor)
    first = dict(zip(ec.actors, result.positions[1, :, 0], strict=True))
    assert_allclose(first["Belgium"], 8.4159, atol=1e-4)  # compromise with France
    assert first["Luxembourg"] == 7.0
    assert first["Ireland"] == 4.0
    moved = [a for a in ec.actors if first[a] != ec.position[ec.actors.index(a), 0]]
    assert sorted(moved) == ["Belgium", "Ireland", "Luxembourg"]


def test_ec_schelling_configuration_reproduces_its_published_run(ec):
    """schelling DECISIONS.md D2.2-D2.7: eq. 31 probabilities, conflicts without moves, the
    most enforceable offer, each actor's own exponent, dynamic range -> median 9.53, means 7.61
    and 7.72 after rounds 1 and 2."""
    result = forecast(
        ec,
        "expected_utility",
        rounds=3,
        probability="pairwise",
        conflict="no_move",
        offer="most_enforceable",
        perspective="own",
        span="current",
    )
    assert_allclose(result.series["median"][1:], [9.53, 9.53, 9.53], atol=0.005)
    assert_allclose(result.series["mean"][1:3], [7.61, 7.72], atol=0.005)


def test_ec_scholz_code_probability_is_tiny(ec):
    """bargaining.md: under Scholz's program P(4 vs 10) = 0.0088 on the EC table."""
    from stratagem.bargaining.expected_utility import probability_of_prevailing

    x, s = ec.column()
    p = probability_of_prevailing(x, ec.capability * s, rule="scholz_code")
    netherlands, france = ec.actors.index("Netherlands"), ec.actors.index("France")
    assert_allclose(p[netherlands, france], 0.0088, atol=5e-5)


def test_ec_nobody_can_leave_the_range_of_positions(ec):
    result = forecast(ec, "expected_utility", rounds=8)
    assert result.positions.min() >= 4.0
    assert result.positions.max() <= 10.0


# --- schelling's toy fixture -----------------------------------------------------------------


def test_toy_weighted_mean_and_median(toy):
    assert_allclose(forecast(toy, "compromise").outcome, 3600 / 130, rtol=1e-12)
    assert_allclose(forecast(toy).outcome, 27.6923, atol=5e-5)
    assert forecast(toy, "median").outcome == 20.0


def test_toy_pieces_by_hand():
    # Weights c*s = 2000, 8000, 3000; cumulative 2000, 10000 >= 6500 at position 20.
    assert weighted_median([10, 20, 60], [2000, 8000, 3000]) == 20.0
    assert weighted_mean([10, 20, 60], [2000, 8000, 3000]) == pytest.approx(360000 / 13000)


# --- KTAB SOE-Policy (Efird, Lester & Wise 2016, Table 2) --------------------------------------


def test_soe_policy_median_is_kTABs_published_30(soe_policy):
    assert soe_policy.n_actors == 26
    assert forecast(soe_policy, "median").outcome == 30.0
    assert_allclose(forecast(soe_policy, "compromise").outcome, 35.006, atol=5e-4)


def test_soe_policy_rows_match_the_published_table(soe_policy):
    rows = {
        a: (c, x, s)
        for a, c, x, s in zip(
            soe_policy.actors,
            soe_policy.capability,
            soe_policy.position[:, 0],
            soe_policy.salience[:, 0],
            strict=True,
        )
    }
    # bargaining.md section 2 (Influence / Position / Salience).
    assert rows["XJ"] == (100, 30, 30)
    assert rows["COG"] == (50, 10, 80)
    assert rows["USA"] == (8, 100, 50)
    assert rows["ZGB"] == (15, 20, 50)


# --- Nash: closed forms ------------------------------------------------------------------------


def _two(powers, **options):
    from stratagem.bargaining import make_table

    table = make_table(["A", "B"], [powers[0], powers[1]], [0, 1], [50, 50], low=0, high=1)
    return forecast(table, "nash", **options).outcome


def test_nash_two_actors_linear_closed_form():
    # max w_A ln(1 - x) + w_B ln(x) on [0, 1]  ->  x = w_B / (w_A + w_B).
    assert_allclose(_two((1, 2), utility="linear"), 2 / 3, atol=1e-12)
    assert_allclose(_two((3, 1), utility="linear"), 1 / 4, atol=1e-12)


def test_nash_two_actors_quadratic_closed_form():
    # g_A = 1 - x^2, g_B = 1 - (1 - x)^2 = x (2 - x). With w_A = 1, w_B = 2 the first-order
    # condition -2x / (1 - x^2) + 2 (2 - 2x) / (x (2 - x)) = 0 gives
    # 4 (1 - x)^2 (1 + x) = 2 x^2 (2 - x), i.e. 3x^3 - 4x^2 - 2x + 2 = 0; one root in (0, 1).
    roots = np.roots([3, -4, -2, 2])
    (expected,) = [r.real for r in roots if abs(r.imag) < 1e-12 and 0 < r.real < 1]
    assert_allclose(_two((1, 2)), expected, atol=1e-12)
    assert_allclose(_two((1, 1)), 0.5, atol=1e-12)  # symmetric


def test_nash_tends_to_the_compromise_mean(toy):
    """Achen (2006): quadratic utility and a remote disagreement point give the weighted mean."""
    remote = forecast(toy, "nash", disagreement=1e8).outcome
    assert_allclose(remote, 3600 / 130, atol=1e-5)


def test_nash_status_quo_between_the_actors_is_no_deal():
    from stratagem.bargaining import make_table

    table = make_table(
        ["US", "DPRK"], [600, 4], [0, 100], [90, 100], status_quo=80, low=0, high=100
    )
    result = forecast(table, "nash")
    assert result.outcome == 80.0
    assert result.options["disagreement"] == "status_quo"
    assert result.notes


def test_nash_everyone_on_one_side_of_the_status_quo():
    # Linear utility, d = 0, actors at 10 and 20 with equal power: gains min(x, 20 - x)... on
    # [10, 20] g_A = 10 - (x - 10) = 20 - x and g_B = 20 - (20 - x) = x; max ln(20 - x) + ln(x)
    # gives x = 10, the kink at A's position (for x < 10, g_A = x but g_B = x too: increasing).
    from stratagem.bargaining import make_table

    table = make_table(["A", "B"], [1, 1], [10, 20], [50, 50], status_quo=0, low=0, high=100)
    assert forecast(table, "nash", utility="linear").outcome == 10.0


# --- Exchange: hand-derived cases --------------------------------------------------------------


def test_exchange_full_trade_between_two_actors():
    from stratagem.bargaining.exchange import solve

    # O_p = (0*80 + 100*20)/100 = 20 and O_q = 80. A demands p (80/20 > 20/80). With
    # beta/alpha = (20 + 80)/(80 + 20) = 1 every cap equals 20: B's vote on p moves 100 (to 0),
    # A's vote on q moves 100 (to 100), each gains 20 * (0.8*0.8 - 0.2*0.2)/(0.2 + 0.8) = 12
    # salience-points, i.e. 0.12 with distances as fractions of the 0-100 range.
    result = solve([[0, 0], [100, 100]], [1, 1], [[80, 20], [20, 80]])
    assert_allclose(result.outcomes, [0.0, 100.0], atol=1e-12)
    (trade,) = result.exchanges
    assert (trade.demander, trade.supplier, trade.demand_issue, trade.supply_issue) == (0, 1, 0, 1)
    assert_allclose([trade.supplier_move, trade.demander_move], [100, 100], atol=1e-12)
    assert_allclose(trade.gain, 0.12, atol=1e-12)
    assert_allclose(result.gain, [0.12, 0.12], atol=1e-12)


def test_exchange_outcome_cap_binds():
    from stratagem.bargaining.exchange import solve

    # Actors (capability 1): A p=0 (s 60), q=0 (s 30); B p=100 (s 20), q=100 (s 40);
    # C p=50 (s 50), q=50 (s 50). Totals: W_p = 130, W_q = 120.
    # O_p = (0 + 2000 + 2500)/130 = 34.615..., O_q = (0 + 4000 + 2500)/120 = 54.166...
    # A and B are on opposite sides on both; 0.6*0.4 > 0.3*0.2, so A demands p.
    # beta/alpha = (0.6 + 0.2)/(0.3 + 0.4) = 8/7. Caps on alpha:
    #   B's vote to A's position: 0.2 * 100 / 1.3 = 15.385; O_p to A: 34.615;
    #   A's vote to B's position: 0.3 * 100 / 1.2 / (8/7) = 21.875; O_q to B: 45.833 * 7/8.
    # alpha = 15.385: B moves fully to 0; A moves beta * 1.2 / 0.3 = 70.33 on q.
    alpha = 0.2 * 100 / 1.3
    beta = alpha * 8 / 7
    result = solve([[0, 0], [100, 100], [50, 50]], [1, 1, 1], [[60, 30], [20, 40], [50, 50]])
    trade = result.exchanges[0]
    assert (trade.demander, trade.supplier) == (0, 1)
    assert_allclose(trade.demand_shift, alpha, rtol=1e-12)
    assert_allclose(trade.supply_shift, beta, rtol=1e-12)
    assert_allclose(trade.supplier_move, 100.0, rtol=1e-12)
    assert_allclose(trade.demander_move, beta * 1.2 / 0.3, rtol=1e-12)
    # Gain per party, distances as fractions of the 0-100 range:
    assert_allclose(trade.gain, alpha / 100 * (0.6 * 0.4 - 0.3 * 0.2) / (0.3 + 0.4), rtol=1e-12)
    o_p, o_q = 4500 / 130, 6500 / 120
    assert_allclose(result.trajectory[0], [o_p, o_q], rtol=1e-12)
    # Afterwards O_p = 19.2 and O_q = 71.7: A-C sit on the same side of O_q (0 and 50), B-C on
    # the same side of O_p (100 and 50), and A-B's votes are spent: nothing else trades, so
    # O_p fell by alpha and O_q rose by beta.
    assert len(result.exchanges) == 1
    assert_allclose(result.trajectory[1], [o_p - alpha, o_q + beta], rtol=1e-12)


def test_exchange_needs_opposite_sides():
    from stratagem.bargaining.exchange import solve

    # A heavy third actor at 100 on issue q pulls its outcome to about 95, so A (q = 0) and
    # B (q = 10) sit on the same side of it: they have nothing to trade, whatever their
    # saliences (O_q = (0*20 + 10*80 + 10*90*100)/(20 + 80 + 900) = 90.8).
    result = solve([[0, 0], [100, 10], [50, 100]], [1, 1, 10], [[80, 20], [20, 80], [1, 90]])
    assert all({t.demander, t.supplier} != {0, 1} for t in result.exchanges)


def test_exchange_on_the_two_issue_ktab_table(soe_two_issues):
    result = forecast(soe_two_issues, "exchange")
    assert result.table.issue_names == ("Policy", "Competitive")
    start = forecast(soe_two_issues, "compromise").outcomes
    assert_allclose(result.trajectory[0], [start["Policy"], start["Competitive"]], rtol=1e-12)
    assert len(result.notes) == 1
    # Every trade is an equal-gain trade between actors on opposite sides of both outcomes.
    assert np.all(result.detail["gain"] >= 0)
    assert_array_equal(result.positions[0], soe_two_issues.position)
