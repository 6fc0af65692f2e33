"""A hand-written numba kernel of korea-2013's monthly step: the engine's yardstick.

It implements the same six mechanisms and three strategies as fused per-run loops, reading the
engine's own parameter samples and the same per-month uniforms from the same named streams, so the
two implementations can be compared both for speed (same work, same random-number cost) and for
correctness (they must produce the same runs). It is deliberately written from the equations in the
mechanism docstrings, not by calling them.
"""

from __future__ import annotations

import math

import numba
import numpy as np

import stratagem
from stratagem.engine.random import DynamicStream, seed_sequence
from stratagem.engine.simulate import sample_inputs
from stratagem.physics.ballistics import EARTH_RADIUS_KM, MU_EARTH_KM3_S2

MECHANISM_ORDER = (
    "linkage_offer",
    "china_pressure",
    "concession",
    "provocation_cycle",
    "missile_program",
    "missile_defense",
)
STRATEGY_CODES = {"provocation_reward": 0, "linkage_2013": 1, "do_nothing": 2}
# Names of state slots in the kernel's state matrix (axis 0).
STATE = (
    "offer_value_to_china",
    "offer_value_to_dprk",
    "linkage_status",
    "missile_defense_cut_gbis",
    "china_pressuring",
    "china_pressure",
    "dprk_economic_pain",
    "program_frozen",
    "months_frozen",
    "program_rolled_back",
    "provocations",
    "provocation_excitation",
    "calm_months_left",
    "months_since_reward",
    "extortion_multiplier",
    "aid_paid_musd",
    "burnout_speed_km_s",
    "demonstrated_range_km",
    "long_range_tests",
    "long_range_failures",
    "cumulative_long_range_tests",
    "reentry_vehicle_demonstrated",
    "credible_icbm_threat",
    "icbm_arsenal",
    "interceptors",
    "zero_leaker_probability",
    "missile_defense_spending_musd",
    "assessed_arsenal",
)
S = {name: i for i, name in enumerate(STATE)}
PARAMS = (
    ("linkage_offer", "china_value_of_cut"),
    ("linkage_offer", "dprk_value_ratio"),
    ("linkage_offer", "us_credibility"),
    ("china_pressure", "china_trade_share"),
    ("china_pressure", "max_trade_cut"),
    ("china_pressure", "belief_freeze_given_pressure"),
    ("china_pressure", "impatience"),
    ("china_pressure", "decision_precision"),
    ("china_pressure", "reconsider_rate"),
    ("china_pressure", "adjustment_rate"),
    ("concession", "resolve"),
    ("concession", "resolve_spread"),
    ("concession", "max_freeze_hazard"),
    ("concession", "renege_hazard"),
    ("concession", "rollback_months"),
    ("provocation_cycle", "base_rate"),
    ("provocation_cycle", "excitation"),
    ("provocation_cycle", "excitation_decay"),
    ("provocation_cycle", "calm_months"),
    ("provocation_cycle", "calm_factor"),
    ("provocation_cycle", "reward_reinforcement"),
    ("provocation_cycle", "frozen_factor"),
    ("missile_program", "test_rate"),
    ("missile_program", "initial_failure_probability"),
    ("missile_program", "failure_learning_exponent"),
    ("missile_program", "learning_gain"),
    ("missile_program", "max_burnout_speed_km_s"),
    ("missile_program", "icbm_range_km"),
    ("missile_program", "target_range_km"),
    ("missile_program", "reentry_demonstration_probability"),
    ("missile_program", "pain_elasticity"),
    ("missile_program", "calm_test_factor"),
    ("missile_program", "icbm_production_rate"),
    ("missile_defense", "sspk"),
    ("missile_defense", "shots_per_warhead"),
    ("missile_defense", "p_system"),
    ("missile_defense", "emplacement_rate"),
    ("missile_defense", "gbi_unit_cost_musd"),
    ("missile_defense", "operations_musd_per_gbi_month"),
)
P = {f"{m}.{p}": i for i, (m, p) in enumerate(PARAMS)}


# Index constants (numba freezes module globals at compile time).
S_VCHINA = 0  # offer_value_to_china
S_VDPRK = 1  # offer_value_to_dprk
S_LSTATUS = 2  # linkage_status
S_CUT = 3  # missile_defense_cut_gbis
S_PRESSURING = 4  # china_pressuring
S_PRESSURE = 5  # china_pressure
S_PAIN = 6  # dprk_economic_pain
S_FROZEN = 7  # program_frozen
S_MFROZEN = 8  # months_frozen
S_ROLLED = 9  # program_rolled_back
S_PROV = 10  # provocations
S_EXC = 11  # provocation_excitation
S_CALM = 12  # calm_months_left
S_MSR = 13  # months_since_reward
S_MULT = 14  # extortion_multiplier
S_AID = 15  # aid_paid_musd
S_SPEED = 16  # burnout_speed_km_s
S_RANGE = 17  # demonstrated_range_km
S_TESTS = 18  # long_range_tests
S_FAILS = 19  # long_range_failures
S_CUM = 20  # cumulative_long_range_tests
S_RV = 21  # reentry_vehicle_demonstrated
S_CREDIBLE = 22  # credible_icbm_threat
S_ARSENAL = 23  # icbm_arsenal
S_GBI = 24  # interceptors
S_P0 = 25  # zero_leaker_probability
S_SPEND = 26  # missile_defense_spending_musd
S_ASSESSED = 27  # assessed_arsenal
P_M = 0  # linkage_offer.china_value_of_cut
P_RATIO = 1  # linkage_offer.dprk_value_ratio
P_CRED = 2  # linkage_offer.us_credibility
P_SHARE = 3  # china_pressure.china_trade_share
P_MAXCUT = 4  # china_pressure.max_trade_cut
P_BELIEF = 5  # china_pressure.belief_freeze_given_pressure
P_IMPATIENCE = 6  # china_pressure.impatience
P_PREC = 7  # china_pressure.decision_precision
P_RECONSIDER = 8  # china_pressure.reconsider_rate
P_ADJ = 9  # china_pressure.adjustment_rate
P_RESOLVE = 10  # concession.resolve
P_SPREAD = 11  # concession.resolve_spread
P_MAXFREEZE = 12  # concession.max_freeze_hazard
P_RENEGE = 13  # concession.renege_hazard
P_ROLLBACK = 14  # concession.rollback_months
P_MU = 15  # provocation_cycle.base_rate
P_ALPHA = 16  # provocation_cycle.excitation
P_BETA = 17  # provocation_cycle.excitation_decay
P_CALM = 18  # provocation_cycle.calm_months
P_CALMF = 19  # provocation_cycle.calm_factor
P_REINF = 20  # provocation_cycle.reward_reinforcement
P_FROZENF = 21  # provocation_cycle.frozen_factor
P_RATE = 22  # missile_program.test_rate
P_F0 = 23  # missile_program.initial_failure_probability
P_B = 24  # missile_program.failure_learning_exponent
P_GAIN = 25  # missile_program.learning_gain
P_VMAX = 26  # missile_program.max_burnout_speed_km_s
P_ICBM = 27  # missile_program.icbm_range_km
P_TARGET = 28  # missile_program.target_range_km
P_RV = 29  # missile_program.reentry_demonstration_probability
P_ELASTIC = 30  # missile_program.pain_elasticity
P_CALMTEST = 31  # missile_program.calm_test_factor
P_PROD = 32  # missile_program.icbm_production_rate
P_SSPK = 33  # missile_defense.sspk
P_SHOTS = 34  # missile_defense.shots_per_warhead
P_PSYS = 35  # missile_defense.p_system
P_EMPLACE = 36  # missile_defense.emplacement_rate
P_UNIT = 37  # missile_defense.gbi_unit_cost_musd
P_OPS = 38  # missile_defense.operations_musd_per_gbi_month


@numba.njit(inline="always")
def _poisson(u: float, lam: float) -> float:
    if lam <= 0.0:
        return 0.0
    term = math.exp(-lam)
    cdf = term
    k = 0
    while u > cdf and k < 399:
        k += 1
        term = term * lam / k
        cdf += term
    return float(k)


@numba.njit(inline="always")
def _logistic(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-min(max(x, -500.0), 500.0)))


def _month_step(
    x, p, codes, strat, levers_default, u_link, u_china, u_conc, u_prov, u_prog, month, acc
):
    """Advance every (strategy, run) by one month in place; update outcome accumulators."""
    n_strategies, n = x.shape[0], x.shape[1]
    for s in range(n_strategies):
        code = codes[s]
        for i in range(n):
            # -- strategy: levers --------------------------------------------------------
            aid = levers_default[0]
            gbi_target = levers_default[1]
            offer = levers_default[2]
            offered = levers_default[3]
            if code == 0:
                if x[s, i, S_PROV] > 0 and x[s, i, S_MSR] >= strat[s, 1] - 1:
                    aid = strat[s, 0]
                else:
                    aid = 0.0
            elif code == 1:
                offer = 1.0
                offered = min(max(strat[s, 2], 0.0), 44.0)
                aid = 0.0
            # -- linkage_offer --------------------------------------------------------------
            credibility = p[i, P_CRED]
            value_china = (1.0 if offer > 0 else 0.0) * credibility * p[i, P_M] * (offered / 14.0)
            status = x[s, i, S_LSTATUS]
            if offer > 0 and status == 0 and x[s, i, S_ROLLED] > 0:
                status = 1.0 if u_link[0, i] < credibility else -1.0
            x[s, i, S_LSTATUS] = status
            x[s, i, S_CUT] = offered if status > 0 else 0.0
            x[s, i, S_VCHINA] = value_china
            x[s, i, S_VDPRK] = value_china * p[i, P_RATIO]
            # -- china_pressure -------------------------------------------------------------
            incentive = p[i, P_BELIEF] * value_china + p[i, P_IMPATIENCE] * x[s, i, S_EXC] - 1.0
            choose = _logistic(p[i, P_PREC] * incentive)
            if u_china[0, i] < p[i, P_RECONSIDER]:
                x[s, i, S_PRESSURING] = 1.0 if u_china[1, i] < choose else 0.0
            target = x[s, i, S_PRESSURING] * p[i, P_MAXCUT]
            pressure = x[s, i, S_PRESSURE] + p[i, P_ADJ] * (target - x[s, i, S_PRESSURE])
            x[s, i, S_PRESSURE] = pressure
            x[s, i, S_PAIN] = p[i, P_SHARE] * pressure
            # -- concession -----------------------------------------------------------------
            frozen = x[s, i, S_FROZEN]
            rolled = x[s, i, S_ROLLED]
            pain = x[s, i, S_PAIN] + x[s, i, S_VDPRK]
            pull = _logistic((pain - p[i, P_RESOLVE]) / p[i, P_SPREAD])
            freezes = (1.0 if u_conc[0, i] < p[i, P_MAXFREEZE] * pull else 0.0) * (1.0 - frozen)
            reneges = (
                (1.0 if u_conc[1, i] < p[i, P_RENEGE] * (1.0 - pull) else 0.0)
                * frozen
                * (1.0 - rolled)
            )
            new_frozen = max(frozen, freezes) * (1.0 - reneges)
            months = x[s, i, S_MFROZEN] + 1.0 if new_frozen > 0 else 0.0
            x[s, i, S_FROZEN] = new_frozen
            x[s, i, S_MFROZEN] = months
            x[s, i, S_ROLLED] = max(rolled, 1.0 if months >= p[i, P_ROLLBACK] else 0.0)
            # -- provocation_cycle ----------------------------------------------------------
            calm_left = x[s, i, S_CALM]
            multiplier = x[s, i, S_MULT]
            base = p[i, P_MU] * multiplier
            if calm_left > 0:
                base = base * p[i, P_CALMF]
            if x[s, i, S_FROZEN] > 0:
                base = base * p[i, P_FROZENF]
            excitation = x[s, i, S_EXC]
            provocations = _poisson(u_prov[0, i], base + p[i, P_ALPHA] * excitation)
            rewarded = aid > 0
            x[s, i, S_PROV] = provocations
            x[s, i, S_EXC] = p[i, P_BETA] * excitation + provocations
            x[s, i, S_CALM] = np.round(p[i, P_CALM]) if rewarded else max(calm_left - 1.0, 0.0)
            x[s, i, S_MSR] = 0.0 if rewarded else x[s, i, S_MSR] + 1.0
            x[s, i, S_MULT] = multiplier * (1.0 + p[i, P_REINF] * (1.0 if rewarded else 0.0))
            x[s, i, S_AID] = aid
            # -- missile_program ------------------------------------------------------------
            speed = x[s, i, S_SPEED]
            cumulative = x[s, i, S_CUM]
            running = 1.0 - x[s, i, S_FROZEN]
            calm = p[i, P_CALMTEST] if x[s, i, S_CALM] > 0 else 1.0
            slowdown = max(1.0 - p[i, P_ELASTIC] * x[s, i, S_PAIN], 0.0)
            rate = p[i, P_RATE] * running * calm * slowdown
            fail = p[i, P_F0] * math.exp(-p[i, P_B] * math.log1p(cumulative))
            successes = _poisson(u_prog[0, i], rate * (1.0 - fail))
            failures = _poisson(u_prog[1, i], rate * fail)
            ceiling = p[i, P_VMAX]
            new_speed = speed
            reach = x[s, i, S_RANGE]
            if successes > 0:
                new_speed = max(
                    ceiling - (ceiling - speed) * (1.0 - p[i, P_GAIN]) ** successes, speed
                )
            if successes > 0 or month == 0:
                q = new_speed * new_speed * EARTH_RADIUS_KM / MU_EARTH_KM3_S2
                if q < 1.0:
                    reach = 2.0 * math.asin(min(max(q / (2.0 - q), -1.0), 1.0)) * EARTH_RADIUS_KM
                else:
                    reach = math.inf
            icbm_successes = successes if reach >= p[i, P_ICBM] else 0.0
            rv_probability = 0.0
            if icbm_successes > 0:
                rv_probability = 1.0 - (1.0 - p[i, P_RV]) ** icbm_successes
            reentry = max(x[s, i, S_RV], 1.0 if u_prog[2, i] < rv_probability else 0.0)
            credible = 1.0 if (reach >= p[i, P_TARGET] and reentry > 0) else 0.0
            arsenal = x[s, i, S_ARSENAL]
            if credible > 0:
                arsenal += _poisson(u_prog[3, i], p[i, P_PROD] * running)
            x[s, i, S_SPEED] = new_speed
            x[s, i, S_RANGE] = reach
            x[s, i, S_TESTS] = successes + failures
            x[s, i, S_FAILS] = failures
            x[s, i, S_CUM] = cumulative + successes + failures
            x[s, i, S_RV] = reentry
            x[s, i, S_CREDIBLE] = credible
            x[s, i, S_ARSENAL] = arsenal
            # -- missile_defense ------------------------------------------------------------
            inventory = x[s, i, S_GBI]
            goal = max(gbi_target - x[s, i, S_CUT], 0.0)
            added = min(max(goal - inventory, 0.0), p[i, P_EMPLACE])
            new_inventory = goal if goal < inventory else inventory + added
            spending = p[i, P_OPS] * new_inventory + p[i, P_UNIT] * added
            warheads = arsenal
            stale = (
                month == 0
                or warheads != x[s, i, S_ASSESSED]
                or math.floor(new_inventory) != math.floor(inventory)
            )
            if not stale:
                p0 = x[s, i, S_P0]
            elif warheads > 0:
                safe_n = max(warheads, 1.0)
                inv = math.floor(new_inventory)
                shots = math.floor(inv / safe_n)
                extra = inv - shots * safe_n
                if shots >= p[i, P_SHOTS]:
                    shots = p[i, P_SHOTS]
                    extra = 0.0
                miss = 1.0 - p[i, P_SSPK]
                p0 = (
                    p[i, P_PSYS]
                    * (1.0 - miss**shots) ** (safe_n - extra)
                    * (1.0 - miss ** (shots + 1.0)) ** extra
                )
            else:
                p0 = 1.0
            x[s, i, S_ASSESSED] = warheads
            x[s, i, S_GBI] = new_inventory
            x[s, i, S_P0] = p0
            x[s, i, S_SPEND] = spending
            # -- outcomes -------------------------------------------------------------------
            if math.isinf(acc[0, s, i]) and credible > 0:
                acc[0, s, i] = month + 1
            acc[1, s, i] += x[s, i, S_PROV]
            acc[2, s, i] += aid
            acc[3, s, i] += spending
            acc[4, s, i] += pressure
            if math.isinf(acc[5, s, i]) and x[s, i, S_FROZEN] > 0:
                acc[5, s, i] = month + 1


month_step = numba.njit(cache=True)(_month_step)

OUTCOMES = (
    "months_to_credible_icbm",
    "provocations",
    "aid_paid_musd",
    "missile_defense_spending_musd",
    "china_pressure",
    "months_to_freeze",
)


def simulate_chunk_numba(scenario, strategies, root, start, stop):
    """The numba counterpart of :func:`stratagem.engine.simulate.simulate_chunk` for korea-2013.

    Returns ``{outcome: (n_strategies, n)}`` for the outcomes in :data:`OUTCOMES` plus the final
    state outcomes ``demonstrated_range_km``, ``icbm_arsenal``, ``zero_leaker_probability`` and
    ``program_frozen``.
    """
    assert tuple(m.name for m in scenario.mechanisms) == MECHANISM_ORDER
    n, n_strategies = stop - start, len(strategies)
    params, initial = sample_inputs(scenario, root, start, stop)
    # Array-of-structures layout: each run's parameters and state sit in a few cache lines.
    p = np.empty((n, len(PARAMS)))
    for (mechanism, name), i in zip(PARAMS, range(len(PARAMS)), strict=True):
        p[:, i] = params[mechanism][name]
    x = np.empty((n_strategies, n, len(STATE)))
    for name, i in S.items():
        x[:, :, i] = initial[name]
    codes = np.array([STRATEGY_CODES[scenario.strategies[s].strategy.name] for s in strategies])
    strat = np.zeros((n_strategies, 3))
    for k, name in enumerate(strategies):
        params_model = scenario.strategies[name].params
        strat[k, 0] = getattr(params_model, "aid_per_reward_musd", 0.0)
        strat[k, 1] = getattr(params_model, "min_months_between_rewards", 1)
        strat[k, 2] = getattr(params_model, "offered_cut_gbis", 14.0)
    levers = scenario.levers
    levers_default = np.array(
        [
            levers["aid_musd"].default,
            levers["gbi_target"].default,
            levers["linkage_offer"].default,
            levers["offered_cut_gbis"].default,
        ]
    )
    streams = {
        m.name: DynamicStream(root, m.name, m.draws, start, stop)
        for m in scenario.mechanisms
        if m.draws
    }
    acc = np.zeros((len(OUTCOMES), n_strategies, n))
    acc[0] = np.inf
    acc[5] = np.inf
    for month in range(scenario.horizon_months):
        buffers = {name: stream.next_month() for name, stream in streams.items()}
        month_step(
            x,
            p,
            codes,
            strat,
            levers_default,
            buffers["linkage_offer"],
            buffers["china_pressure"],
            buffers["concession"],
            buffers["provocation_cycle"],
            buffers["missile_program"],
            month,
            acc,
        )
    out = {name: acc[k] for k, name in enumerate(OUTCOMES)}
    out["china_pressure"] = acc[4] / scenario.horizon_months
    for name in (
        "demonstrated_range_km",
        "icbm_arsenal",
        "zero_leaker_probability",
        "program_frozen",
    ):
        out[name] = x[:, :, S[name]].copy()
    return out


if __name__ == "__main__":  # pragma: no cover - manual check
    sc = stratagem.load("korea-2013")
    names = list(sc.strategy_names())
    print(simulate_chunk_numba(sc, names, seed_sequence(1), 0, 8)["months_to_credible_icbm"])
