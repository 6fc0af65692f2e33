"""A hand-written numba kernel of korea-2013's monthly step: the engine's yardstick.

It implements the fourteen mechanisms and six strategies of the default case as one fused loop over
(strategy, run), reading the engine's own parameter samples and the same per-month uniforms from
the same named streams, so the two implementations can be compared for speed (same work, same
random-number cost) and for correctness (they must produce the same runs). It is written from the
equations in the mechanism docstrings, not by calling the mechanism code; only the physics tables
(reach toward Los Angeles and Washington on the rotating Earth) come from
:mod:`stratagem.physics`, which is tested on its own.
"""

from __future__ import annotations

import math

import numba
import numpy as np

import stratagem
from stratagem.engine.random import DynamicStream, seed_sequence
from stratagem.engine.simulate import sample_inputs
from stratagem.physics.ballistics import (
    EARTH_RADIUS_KM,
    MU_EARTH_KM3_S2,
    burnout_speed_for_range_km_s,
    max_range_toward_km,
)

MECHANISM_ORDER = (
    "china_threat_perception",
    "linkage_offer",
    "talks",
    "sanctions",
    "china_pressure",
    "hardship_tolerance",
    "concession",
    "provocation_cycle",
    "covert_and_defense",
    "missile_program",
    "missile_reach",
    "missile_accuracy",
    "nuclear_stockpile",
    "missile_defense",
)
STRATEGY_CODES = {
    "provocation_reward": 0,
    "linkage_2013": 1,
    "bad_faith_talks_2017": 2,
    "maximum_pressure": 3,
    "engagement": 4,
    "do_nothing": 5,
}
LEVERS = (
    "aid_musd",
    "gbi_target",
    "linkage_offer",
    "offered_cut_gbis",
    "talks",
    "talks_good_faith",
    "sanctions_intensity",
    "covert_effort",
    "allied_defense",
)
OUTCOMES = (
    "months_to_credible_icbm",
    "reach_toward_los_angeles_km",
    "icbm_arsenal",
    "warheads",
    "zero_leaker_probability",
    "provocations",
    "aid_paid_musd",
    "missile_defense_spending_musd",
    "china_pressure",
    "economic_pain",
    "talks_months",
    "program_frozen",
    "months_to_freeze",
)
STATE = (
    "china_threat_perception",
    "interceptors",
    "regional_defense",
    "offer_value_to_china",
    "offer_value_to_dprk",
    "linkage_status",
    "missile_defense_cut_gbis",
    "program_rolled_back",
    "talks_active",
    "talks_months",
    "talks_breakdowns",
    "talks_credibility",
    "talks_aid_musd",
    "talks_good_faith_active",
    "sanctions_bite",
    "months_sanctioned",
    "china_enforcement",
    "china_pressuring",
    "china_pressure",
    "china_trade_loss",
    "provocation_excitation",
    "months_since_nuclear_test",
    "economic_pain",
    "cumulative_hardship_years",
    "resolve",
    "program_frozen",
    "months_frozen",
    "provocations",
    "calm_months_left",
    "months_since_reward",
    "extortion_multiplier",
    "aid_paid_musd",
    "covert_setbacks",
    "sabotage_months_left",
    "burnout_speed_km_s",
    "long_range_tests",
    "long_range_failures",
    "cumulative_long_range_tests",
    "icbm_range_successes",
    "icbm_arsenal",
    "credible_icbm_threat",
    "credited_burnout_speed_km_s",
    "demonstrated_range_km",
    "apogee_km",
    "flight_time_min",
    "reach_toward_los_angeles_km",
    "reach_toward_washington_km",
    "reentry_vehicle_demonstrated",
    "cep_km",
    "probability_within_10km",
    "warheads",
    "nuclear_tests",
    "cumulative_nuclear_tests",
    "max_yield_kt",
    "zero_leaker_probability",
    "missile_defense_spending_musd",
    "assessed_arsenal",
    "test_restraint",
    "production_restraint",
    "dismantlement_pace",
)
PARAMS = (
    ("china_threat_perception", "gbi_elasticity"),
    ("china_threat_perception", "regional_weight"),
    ("linkage_offer", "china_value_of_cut"),
    ("linkage_offer", "dprk_value_ratio"),
    ("linkage_offer", "us_credibility"),
    ("talks", "acceptance_rate"),
    ("talks", "breakdown_hazard"),
    ("talks", "bad_faith_exposure_rate"),
    ("talks", "credibility_loss"),
    ("talks", "good_faith_aid_musd"),
    ("sanctions", "max_bite"),
    ("sanctions", "bite_time_constant_months"),
    ("sanctions", "evasion_share"),
    ("china_pressure", "china_trade_share"),
    ("china_pressure", "max_trade_cut"),
    ("china_pressure", "belief_freeze_given_pressure"),
    ("china_pressure", "impatience"),
    ("china_pressure", "nuclear_test_weight"),
    ("china_pressure", "regional_defense_anger"),
    ("china_pressure", "decision_precision"),
    ("china_pressure", "reconsider_rate"),
    ("china_pressure", "adjustment_rate"),
    ("hardship_tolerance", "initial_resolve"),
    ("hardship_tolerance", "erosion_per_pain_year"),
    ("hardship_tolerance", "minimum_resolve"),
    ("concession", "resolve_spread"),
    ("concession", "max_freeze_hazard"),
    ("concession", "talks_freeze_multiplier"),
    ("concession", "renege_hazard"),
    ("concession", "rollback_months"),
    ("provocation_cycle", "base_rate"),
    ("provocation_cycle", "excitation"),
    ("provocation_cycle", "excitation_decay"),
    ("provocation_cycle", "calm_months"),
    ("provocation_cycle", "calm_factor"),
    ("provocation_cycle", "reward_reinforcement"),
    ("provocation_cycle", "max_extortion_multiplier"),
    ("provocation_cycle", "talks_factor"),
    ("provocation_cycle", "frozen_factor"),
    ("covert_and_defense", "max_sabotage_rate"),
    ("covert_and_defense", "sabotage_months"),
    ("covert_and_defense", "deployment_rate"),
    ("missile_program", "test_rate"),
    ("missile_program", "initial_failure_probability"),
    ("missile_program", "failure_learning_exponent"),
    ("missile_program", "learning_gain"),
    ("missile_program", "max_burnout_speed_km_s"),
    ("missile_program", "icbm_range_km"),
    ("missile_program", "talks_slowdown"),
    ("missile_program", "pain_elasticity"),
    ("missile_program", "calm_test_factor"),
    ("missile_program", "sabotage_failure_probability"),
    ("missile_program", "icbm_production_rate"),
    ("missile_reach", "launch_lat"),
    ("missile_reach", "launch_lon"),
    ("missile_reach", "los_angeles_lat"),
    ("missile_reach", "los_angeles_lon"),
    ("missile_reach", "washington_lat"),
    ("missile_reach", "washington_lon"),
    ("missile_reach", "assessment_margin_km_s"),
    ("missile_accuracy", "reentry_demonstration_probability"),
    ("missile_accuracy", "initial_cep_km"),
    ("missile_accuracy", "best_cep_km"),
    ("missile_accuracy", "cep_learning"),
    ("missile_accuracy", "los_angeles_km"),
    ("nuclear_stockpile", "warheads_per_month"),
    ("nuclear_stockpile", "pain_elasticity"),
    ("nuclear_stockpile", "test_rate"),
    ("nuclear_stockpile", "yield_ceiling_kt"),
    ("nuclear_stockpile", "yield_gain"),
    ("nuclear_stockpile", "dismantlement_rate"),
    ("missile_defense", "sspk"),
    ("missile_defense", "shots_per_warhead"),
    ("missile_defense", "p_system"),
    ("missile_defense", "decoys_per_warhead"),
    ("missile_defense", "false_target_rate"),
    ("missile_defense", "emplacement_rate"),
    ("missile_defense", "gbi_unit_cost_musd"),
    ("missile_defense", "operations_musd_per_gbi_month"),
    ("concession", "settlement_position"),
    ("concession", "status_quo_position"),
    ("concession", "moratorium_position"),
    ("concession", "verified_freeze_position"),
    ("concession", "dismantlement_position"),
)

# Index constants (numba freezes module globals at compile time).
X_CHINA_THREAT_PERCEPTION = 0
X_INTERCEPTORS = 1
X_REGIONAL_DEFENSE = 2
X_OFFER_VALUE_TO_CHINA = 3
X_OFFER_VALUE_TO_DPRK = 4
X_LINKAGE_STATUS = 5
X_MISSILE_DEFENSE_CUT_GBIS = 6
X_PROGRAM_ROLLED_BACK = 7
X_TALKS_ACTIVE = 8
X_TALKS_MONTHS = 9
X_TALKS_BREAKDOWNS = 10
X_TALKS_CREDIBILITY = 11
X_TALKS_AID_MUSD = 12
X_TALKS_GOOD_FAITH_ACTIVE = 13
X_SANCTIONS_BITE = 14
X_MONTHS_SANCTIONED = 15
X_CHINA_ENFORCEMENT = 16
X_CHINA_PRESSURING = 17
X_CHINA_PRESSURE = 18
X_CHINA_TRADE_LOSS = 19
X_PROVOCATION_EXCITATION = 20
X_MONTHS_SINCE_NUCLEAR_TEST = 21
X_ECONOMIC_PAIN = 22
X_CUMULATIVE_HARDSHIP_YEARS = 23
X_RESOLVE = 24
X_PROGRAM_FROZEN = 25
X_MONTHS_FROZEN = 26
X_PROVOCATIONS = 27
X_CALM_MONTHS_LEFT = 28
X_MONTHS_SINCE_REWARD = 29
X_EXTORTION_MULTIPLIER = 30
X_AID_PAID_MUSD = 31
X_COVERT_SETBACKS = 32
X_SABOTAGE_MONTHS_LEFT = 33
X_BURNOUT_SPEED_KM_S = 34
X_LONG_RANGE_TESTS = 35
X_LONG_RANGE_FAILURES = 36
X_CUMULATIVE_LONG_RANGE_TESTS = 37
X_ICBM_RANGE_SUCCESSES = 38
X_ICBM_ARSENAL = 39
X_CREDIBLE_ICBM_THREAT = 40
X_CREDITED_BURNOUT_SPEED_KM_S = 41
X_DEMONSTRATED_RANGE_KM = 42
X_APOGEE_KM = 43
X_FLIGHT_TIME_MIN = 44
X_REACH_TOWARD_LOS_ANGELES_KM = 45
X_REACH_TOWARD_WASHINGTON_KM = 46
X_REENTRY_VEHICLE_DEMONSTRATED = 47
X_CEP_KM = 48
X_PROBABILITY_WITHIN_10KM = 49
X_WARHEADS = 50
X_NUCLEAR_TESTS = 51
X_CUMULATIVE_NUCLEAR_TESTS = 52
X_MAX_YIELD_KT = 53
X_ZERO_LEAKER_PROBABILITY = 54
X_MISSILE_DEFENSE_SPENDING_MUSD = 55
X_ASSESSED_ARSENAL = 56
X_TEST_RESTRAINT = 57
X_PRODUCTION_RESTRAINT = 58
X_DISMANTLEMENT_PACE = 59
P_CHINA_THREAT_PERCEPTION__GBI_ELASTICITY = 0
P_CHINA_THREAT_PERCEPTION__REGIONAL_WEIGHT = 1
P_LINKAGE_OFFER__CHINA_VALUE_OF_CUT = 2
P_LINKAGE_OFFER__DPRK_VALUE_RATIO = 3
P_LINKAGE_OFFER__US_CREDIBILITY = 4
P_TALKS__ACCEPTANCE_RATE = 5
P_TALKS__BREAKDOWN_HAZARD = 6
P_TALKS__BAD_FAITH_EXPOSURE_RATE = 7
P_TALKS__CREDIBILITY_LOSS = 8
P_TALKS__GOOD_FAITH_AID_MUSD = 9
P_SANCTIONS__MAX_BITE = 10
P_SANCTIONS__BITE_TIME_CONSTANT_MONTHS = 11
P_SANCTIONS__EVASION_SHARE = 12
P_CHINA_PRESSURE__CHINA_TRADE_SHARE = 13
P_CHINA_PRESSURE__MAX_TRADE_CUT = 14
P_CHINA_PRESSURE__BELIEF_FREEZE_GIVEN_PRESSURE = 15
P_CHINA_PRESSURE__IMPATIENCE = 16
P_CHINA_PRESSURE__NUCLEAR_TEST_WEIGHT = 17
P_CHINA_PRESSURE__REGIONAL_DEFENSE_ANGER = 18
P_CHINA_PRESSURE__DECISION_PRECISION = 19
P_CHINA_PRESSURE__RECONSIDER_RATE = 20
P_CHINA_PRESSURE__ADJUSTMENT_RATE = 21
P_HARDSHIP_TOLERANCE__INITIAL_RESOLVE = 22
P_HARDSHIP_TOLERANCE__EROSION_PER_PAIN_YEAR = 23
P_HARDSHIP_TOLERANCE__MINIMUM_RESOLVE = 24
P_CONCESSION__RESOLVE_SPREAD = 25
P_CONCESSION__MAX_FREEZE_HAZARD = 26
P_CONCESSION__TALKS_FREEZE_MULTIPLIER = 27
P_CONCESSION__RENEGE_HAZARD = 28
P_CONCESSION__ROLLBACK_MONTHS = 29
P_PROVOCATION_CYCLE__BASE_RATE = 30
P_PROVOCATION_CYCLE__EXCITATION = 31
P_PROVOCATION_CYCLE__EXCITATION_DECAY = 32
P_PROVOCATION_CYCLE__CALM_MONTHS = 33
P_PROVOCATION_CYCLE__CALM_FACTOR = 34
P_PROVOCATION_CYCLE__REWARD_REINFORCEMENT = 35
P_PROVOCATION_CYCLE__MAX_EXTORTION_MULTIPLIER = 36
P_PROVOCATION_CYCLE__TALKS_FACTOR = 37
P_PROVOCATION_CYCLE__FROZEN_FACTOR = 38
P_COVERT_AND_DEFENSE__MAX_SABOTAGE_RATE = 39
P_COVERT_AND_DEFENSE__SABOTAGE_MONTHS = 40
P_COVERT_AND_DEFENSE__DEPLOYMENT_RATE = 41
P_MISSILE_PROGRAM__TEST_RATE = 42
P_MISSILE_PROGRAM__INITIAL_FAILURE_PROBABILITY = 43
P_MISSILE_PROGRAM__FAILURE_LEARNING_EXPONENT = 44
P_MISSILE_PROGRAM__LEARNING_GAIN = 45
P_MISSILE_PROGRAM__MAX_BURNOUT_SPEED_KM_S = 46
P_MISSILE_PROGRAM__ICBM_RANGE_KM = 47
P_MISSILE_PROGRAM__TALKS_SLOWDOWN = 48
P_MISSILE_PROGRAM__PAIN_ELASTICITY = 49
P_MISSILE_PROGRAM__CALM_TEST_FACTOR = 50
P_MISSILE_PROGRAM__SABOTAGE_FAILURE_PROBABILITY = 51
P_MISSILE_PROGRAM__ICBM_PRODUCTION_RATE = 52
P_MISSILE_REACH__LAUNCH_LAT = 53
P_MISSILE_REACH__LAUNCH_LON = 54
P_MISSILE_REACH__LOS_ANGELES_LAT = 55
P_MISSILE_REACH__LOS_ANGELES_LON = 56
P_MISSILE_REACH__WASHINGTON_LAT = 57
P_MISSILE_REACH__WASHINGTON_LON = 58
P_MISSILE_REACH__ASSESSMENT_MARGIN_KM_S = 59
P_MISSILE_ACCURACY__REENTRY_DEMONSTRATION_PROBABILITY = 60
P_MISSILE_ACCURACY__INITIAL_CEP_KM = 61
P_MISSILE_ACCURACY__BEST_CEP_KM = 62
P_MISSILE_ACCURACY__CEP_LEARNING = 63
P_MISSILE_ACCURACY__LOS_ANGELES_KM = 64
P_NUCLEAR_STOCKPILE__WARHEADS_PER_MONTH = 65
P_NUCLEAR_STOCKPILE__PAIN_ELASTICITY = 66
P_NUCLEAR_STOCKPILE__TEST_RATE = 67
P_NUCLEAR_STOCKPILE__YIELD_CEILING_KT = 68
P_NUCLEAR_STOCKPILE__YIELD_GAIN = 69
P_NUCLEAR_STOCKPILE__DISMANTLEMENT_RATE = 70
P_MISSILE_DEFENSE__SSPK = 71
P_MISSILE_DEFENSE__SHOTS_PER_WARHEAD = 72
P_MISSILE_DEFENSE__P_SYSTEM = 73
P_MISSILE_DEFENSE__DECOYS_PER_WARHEAD = 74
P_MISSILE_DEFENSE__FALSE_TARGET_RATE = 75
P_MISSILE_DEFENSE__EMPLACEMENT_RATE = 76
P_MISSILE_DEFENSE__GBI_UNIT_COST_MUSD = 77
P_MISSILE_DEFENSE__OPERATIONS_MUSD_PER_GBI_MONTH = 78
P_CONCESSION__SETTLEMENT_POSITION = 79
P_CONCESSION__STATUS_QUO_POSITION = 80
P_CONCESSION__MORATORIUM_POSITION = 81
P_CONCESSION__VERIFIED_FREEZE_POSITION = 82
P_CONCESSION__DISMANTLEMENT_POSITION = 83
L_AID_MUSD = 0
L_GBI_TARGET = 1
L_LINKAGE_OFFER = 2
L_OFFERED_CUT_GBIS = 3
L_TALKS = 4
L_TALKS_GOOD_FAITH = 5
L_SANCTIONS_INTENSITY = 6
L_COVERT_EFFORT = 7
L_ALLIED_DEFENSE = 8


@numba.njit(inline="always")
def _poisson(u: float, lam: float) -> float:
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


@numba.njit(inline="always")
def _ramp(position: float, none_at: float, all_at: float) -> float:
    """0 at ``none_at``, 1 at ``all_at``, linear between, clipped (a deal's terms, D41)."""
    share = (none_at - position) / max(none_at - all_at, 1e-12)
    return min(max(share, 0.0), 1.0)


@numba.njit(inline="always")
def _min_energy_apogee_and_time(range_km: float) -> tuple[float, float]:
    """BMW 6.2-18..22 for the minimum-energy trajectory with burnout at the surface."""
    psi = range_km / EARTH_RADIUS_KM
    s = math.sin(psi / 2.0)
    q = 2.0 * s / (1.0 + s)
    gamma = (math.pi - psi) / 4.0
    r = EARTH_RADIUS_KM
    a = r / (2.0 - q)
    e = math.sqrt(max(1.0 + q * (q - 2.0) * math.cos(gamma) ** 2, 0.0))
    apogee = a * (1.0 + e) - EARTH_RADIUS_KM
    cos_e = (e - math.cos(psi / 2.0)) / (1.0 - e * math.cos(psi / 2.0))
    big_e = math.acos(min(max(cos_e, -1.0), 1.0))
    t = 2.0 * math.sqrt(a**3 / MU_EARTH_KM3_S2) * (math.pi - big_e + e * math.sin(big_e))
    return apogee, t / 60.0


@numba.njit(cache=True)
def month_step(
    x,
    p,
    lv,
    codes,
    strat,
    u_link,
    u_talks,
    u_china,
    u_conc,
    u_prov,
    u_cov,
    u_prog,
    u_acc,
    u_nuc,
    speeds,
    table_la,
    table_dc,
    icbm_speed,
    month,
    acc,
):
    """Advance every (strategy, run) by one month in place and update outcome accumulators."""
    n_strategies, n = x.shape[0], x.shape[1]
    for s in range(n_strategies):
        code = codes[s]
        for i in range(n):
            xs = x[s, i]
            pi = p[i]
            # -- strategy ---------------------------------------------------------------------
            aid = lv[s, L_AID_MUSD]
            gbi_target = lv[s, L_GBI_TARGET]
            offer = lv[s, L_LINKAGE_OFFER]
            offered = lv[s, L_OFFERED_CUT_GBIS]
            talks = lv[s, L_TALKS]
            good_faith = lv[s, L_TALKS_GOOD_FAITH]
            intensity = lv[s, L_SANCTIONS_INTENSITY]
            effort = lv[s, L_COVERT_EFFORT]
            allied = lv[s, L_ALLIED_DEFENSE]
            if code == 0:
                if xs[X_PROVOCATIONS] > 0 and xs[X_MONTHS_SINCE_REWARD] >= strat[s, 1] - 1:
                    aid = strat[s, 0]
                else:
                    aid = 0.0
            # -- china_threat_perception -------------------------------------------------------
            homeland = (max(xs[X_INTERCEPTORS], 0.0) / 30.0) ** pi[
                P_CHINA_THREAT_PERCEPTION__GBI_ELASTICITY
            ]
            threat = (
                homeland + pi[P_CHINA_THREAT_PERCEPTION__REGIONAL_WEIGHT] * xs[X_REGIONAL_DEFENSE]
            )
            xs[X_CHINA_THREAT_PERCEPTION] = threat
            # -- linkage_offer -------------------------------------------------------------------
            credibility = pi[P_LINKAGE_OFFER__US_CREDIBILITY]
            on = 1.0 if offer > 0 else 0.0
            value_china = (
                on
                * credibility
                * pi[P_LINKAGE_OFFER__CHINA_VALUE_OF_CUT]
                * (offered / 14.0)
                * threat
            )
            status = xs[X_LINKAGE_STATUS]
            if on > 0 and status == 0 and xs[X_PROGRAM_ROLLED_BACK] > 0:
                status = 1.0 if u_link[0, i] < credibility else -1.0
            xs[X_LINKAGE_STATUS] = status
            xs[X_MISSILE_DEFENSE_CUT_GBIS] = offered if status > 0 else 0.0
            xs[X_OFFER_VALUE_TO_CHINA] = value_china
            xs[X_OFFER_VALUE_TO_DPRK] = value_china * pi[P_LINKAGE_OFFER__DPRK_VALUE_RATIO]
            # -- talks ---------------------------------------------------------------------------
            t_on = 1.0 if talks > 0 else 0.0
            gf = 1.0 if good_faith > 0 else 0.0
            active = xs[X_TALKS_ACTIVE]
            tcred = xs[X_TALKS_CREDIBILITY]
            opens = (
                (1.0 - active)
                * t_on
                * (1.0 if u_talks[0, i] < pi[P_TALKS__ACCEPTANCE_RATE] * tcred else 0.0)
            )
            breaks = active * (1.0 if u_talks[1, i] < pi[P_TALKS__BREAKDOWN_HAZARD] else 0.0)
            exposed = (
                active
                * (1.0 - gf)
                * (1.0 if u_talks[2, i] < pi[P_TALKS__BAD_FAITH_EXPOSURE_RATE] else 0.0)
            )
            active = max(active, opens) * (1.0 - breaks) * (1.0 - exposed) * t_on
            xs[X_TALKS_ACTIVE] = active
            xs[X_TALKS_MONTHS] = xs[X_TALKS_MONTHS] + 1.0 if active > 0 else 0.0
            xs[X_TALKS_BREAKDOWNS] += breaks + exposed
            xs[X_TALKS_CREDIBILITY] = tcred * (1.0 - pi[P_TALKS__CREDIBILITY_LOSS] * exposed)
            xs[X_TALKS_AID_MUSD] = active * gf * pi[P_TALKS__GOOD_FAITH_AID_MUSD]
            xs[X_TALKS_GOOD_FAITH_ACTIVE] = active * gf
            # -- sanctions -----------------------------------------------------------------------
            evasion = pi[P_SANCTIONS__EVASION_SHARE] * (1.0 - xs[X_CHINA_ENFORCEMENT])
            target = pi[P_SANCTIONS__MAX_BITE] * intensity * (1.0 - evasion)
            bite = (
                xs[X_SANCTIONS_BITE]
                + (target - xs[X_SANCTIONS_BITE]) / pi[P_SANCTIONS__BITE_TIME_CONSTANT_MONTHS]
            )
            xs[X_SANCTIONS_BITE] = max(bite, 0.0)
            if intensity > 0:
                xs[X_MONTHS_SANCTIONED] += 1.0
            # -- china_pressure ------------------------------------------------------------------
            incentive = (
                pi[P_CHINA_PRESSURE__BELIEF_FREEZE_GIVEN_PRESSURE] * value_china
                + pi[P_CHINA_PRESSURE__IMPATIENCE] * xs[X_PROVOCATION_EXCITATION]
                + pi[P_CHINA_PRESSURE__NUCLEAR_TEST_WEIGHT]
                * math.exp(-xs[X_MONTHS_SINCE_NUCLEAR_TEST] / 6.0)
                - pi[P_CHINA_PRESSURE__REGIONAL_DEFENSE_ANGER] * xs[X_REGIONAL_DEFENSE]
                - 1.0
            )
            choose = _logistic(pi[P_CHINA_PRESSURE__DECISION_PRECISION] * incentive)
            if u_china[0, i] < pi[P_CHINA_PRESSURE__RECONSIDER_RATE]:
                xs[X_CHINA_PRESSURING] = 1.0 if u_china[1, i] < choose else 0.0
            max_cut = pi[P_CHINA_PRESSURE__MAX_TRADE_CUT]
            goal = xs[X_CHINA_PRESSURING] * max_cut
            pressure = xs[X_CHINA_PRESSURE] + pi[P_CHINA_PRESSURE__ADJUSTMENT_RATE] * (
                goal - xs[X_CHINA_PRESSURE]
            )
            xs[X_CHINA_PRESSURE] = pressure
            xs[X_CHINA_ENFORCEMENT] = pressure / max_cut
            xs[X_CHINA_TRADE_LOSS] = pi[P_CHINA_PRESSURE__CHINA_TRADE_SHARE] * pressure
            # -- hardship_tolerance --------------------------------------------------------------
            pain = 1.0 - (1.0 - xs[X_CHINA_TRADE_LOSS]) * (1.0 - xs[X_SANCTIONS_BITE])
            hardship = xs[X_CUMULATIVE_HARDSHIP_YEARS] + pain / 12.0
            resolve = max(
                pi[P_HARDSHIP_TOLERANCE__INITIAL_RESOLVE]
                - pi[P_HARDSHIP_TOLERANCE__EROSION_PER_PAIN_YEAR] * hardship,
                pi[P_HARDSHIP_TOLERANCE__MINIMUM_RESOLVE],
            )
            xs[X_ECONOMIC_PAIN] = pain
            xs[X_CUMULATIVE_HARDSHIP_YEARS] = hardship
            xs[X_RESOLVE] = resolve
            # -- concession ----------------------------------------------------------------------
            frozen = xs[X_PROGRAM_FROZEN]
            rolled = xs[X_PROGRAM_ROLLED_BACK]
            settlement = pi[P_CONCESSION__SETTLEMENT_POSITION]
            cost = _ramp(
                settlement,
                pi[P_CONCESSION__STATUS_QUO_POSITION],
                pi[P_CONCESSION__DISMANTLEMENT_POSITION],
            )
            pull = _logistic(
                (pain + xs[X_OFFER_VALUE_TO_DPRK] - resolve * cost)
                / pi[P_CONCESSION__RESOLVE_SPREAD]
            )
            hazard = pi[P_CONCESSION__MAX_FREEZE_HAZARD] * pull if cost > 0 else 0.0
            hazard = hazard * (
                1.0
                + (pi[P_CONCESSION__TALKS_FREEZE_MULTIPLIER] - 1.0) * xs[X_TALKS_GOOD_FAITH_ACTIVE]
            )
            freezes = (1.0 if u_conc[0, i] < min(hazard, 1.0) else 0.0) * (1.0 - frozen)
            reneges = (
                (1.0 if u_conc[1, i] < pi[P_CONCESSION__RENEGE_HAZARD] * (1.0 - pull) else 0.0)
                * frozen
                * (1.0 - rolled)
            )
            frozen = max(frozen, freezes) * (1.0 - reneges)
            months_frozen = xs[X_MONTHS_FROZEN] + 1.0 if frozen > 0 else 0.0
            xs[X_PROGRAM_FROZEN] = frozen
            xs[X_MONTHS_FROZEN] = months_frozen
            rolled = max(rolled, 1.0 if months_frozen >= pi[P_CONCESSION__ROLLBACK_MONTHS] else 0.0)
            xs[X_PROGRAM_ROLLED_BACK] = rolled
            # The deal's terms: piecewise-linear in the settlement between the scale's anchors.
            moratorium = pi[P_CONCESSION__MORATORIUM_POSITION]
            verified = pi[P_CONCESSION__VERIFIED_FREEZE_POSITION]
            test_restraint = frozen * _ramp(
                settlement, pi[P_CONCESSION__STATUS_QUO_POSITION], moratorium
            )
            production_restraint = frozen * _ramp(settlement, moratorium, verified)
            dismantlement_pace = rolled * _ramp(
                settlement, verified, pi[P_CONCESSION__DISMANTLEMENT_POSITION]
            )
            xs[X_TEST_RESTRAINT] = test_restraint
            xs[X_PRODUCTION_RESTRAINT] = production_restraint
            xs[X_DISMANTLEMENT_PACE] = dismantlement_pace
            # -- provocation_cycle ---------------------------------------------------------------
            calm_left = xs[X_CALM_MONTHS_LEFT]
            multiplier = xs[X_EXTORTION_MULTIPLIER]
            base = pi[P_PROVOCATION_CYCLE__BASE_RATE] * multiplier
            if calm_left > 0:
                base = base * pi[P_PROVOCATION_CYCLE__CALM_FACTOR]
            base = base * (1.0 - test_restraint * (1.0 - pi[P_PROVOCATION_CYCLE__FROZEN_FACTOR]))
            if active > 0:
                base = base * pi[P_PROVOCATION_CYCLE__TALKS_FACTOR]
            excitation = xs[X_PROVOCATION_EXCITATION]
            rewarded = aid > 0 and xs[X_PROVOCATIONS] > 0
            provocations = _poisson(
                u_prov[0, i], base + pi[P_PROVOCATION_CYCLE__EXCITATION] * excitation
            )
            xs[X_PROVOCATIONS] = provocations
            xs[X_PROVOCATION_EXCITATION] = (
                pi[P_PROVOCATION_CYCLE__EXCITATION_DECAY] * excitation + provocations
            )
            if rewarded:
                calm_left = np.round(pi[P_PROVOCATION_CYCLE__CALM_MONTHS])
                xs[X_MONTHS_SINCE_REWARD] = 0.0
                xs[X_EXTORTION_MULTIPLIER] = multiplier + pi[
                    P_PROVOCATION_CYCLE__REWARD_REINFORCEMENT
                ] * (pi[P_PROVOCATION_CYCLE__MAX_EXTORTION_MULTIPLIER] - multiplier)
            else:
                calm_left = max(calm_left - 1.0, 0.0)
                xs[X_MONTHS_SINCE_REWARD] += 1.0
            xs[X_CALM_MONTHS_LEFT] = calm_left
            aid_paid = aid + xs[X_TALKS_AID_MUSD]
            xs[X_AID_PAID_MUSD] = aid_paid
            # -- covert_and_defense --------------------------------------------------------------
            sabotage = (
                1.0 if u_cov[0, i] < pi[P_COVERT_AND_DEFENSE__MAX_SABOTAGE_RATE] * effort else 0.0
            )
            xs[X_COVERT_SETBACKS] = sabotage
            if sabotage > 0:
                xs[X_SABOTAGE_MONTHS_LEFT] = pi[P_COVERT_AND_DEFENSE__SABOTAGE_MONTHS]
            else:
                xs[X_SABOTAGE_MONTHS_LEFT] = max(xs[X_SABOTAGE_MONTHS_LEFT] - 1.0, 0.0)
            xs[X_REGIONAL_DEFENSE] += pi[P_COVERT_AND_DEFENSE__DEPLOYMENT_RATE] * (
                allied - xs[X_REGIONAL_DEFENSE]
            )
            # -- missile_program -----------------------------------------------------------------
            speed = xs[X_BURNOUT_SPEED_KM_S]
            cumulative = xs[X_CUMULATIVE_LONG_RANGE_TESTS]
            running = 1.0 - test_restraint
            producing = 1.0 - production_restraint
            calm = pi[P_MISSILE_PROGRAM__CALM_TEST_FACTOR] if calm_left > 0 else 1.0
            slowdown = max(1.0 - pi[P_MISSILE_PROGRAM__PAIN_ELASTICITY] * pain, 0.0)
            talking = 1.0 - pi[P_MISSILE_PROGRAM__TALKS_SLOWDOWN] * active
            rate = pi[P_MISSILE_PROGRAM__TEST_RATE] * running * calm * slowdown * talking
            fail = pi[P_MISSILE_PROGRAM__INITIAL_FAILURE_PROBABILITY] * math.exp(
                -pi[P_MISSILE_PROGRAM__FAILURE_LEARNING_EXPONENT] * math.log1p(cumulative)
            )
            sabotaged = (
                pi[P_MISSILE_PROGRAM__SABOTAGE_FAILURE_PROBABILITY]
                if xs[X_SABOTAGE_MONTHS_LEFT] > 0
                else 0.0
            )
            fail = 1.0 - (1.0 - fail) * (1.0 - sabotaged)
            successes = _poisson(u_prog[0, i], rate * (1.0 - fail))
            failures = _poisson(u_prog[1, i], rate * fail)
            if successes > 0:
                ceiling = pi[P_MISSILE_PROGRAM__MAX_BURNOUT_SPEED_KM_S]
                speed = max(
                    ceiling
                    - (ceiling - speed) * (1.0 - pi[P_MISSILE_PROGRAM__LEARNING_GAIN]) ** successes,
                    speed,
                )
            icbm_successes = successes if speed >= icbm_speed[i] else 0.0
            credible = xs[X_CREDIBLE_ICBM_THREAT]
            arsenal = xs[X_ICBM_ARSENAL] + _poisson(
                u_prog[2, i], pi[P_MISSILE_PROGRAM__ICBM_PRODUCTION_RATE] * producing * credible
            )
            xs[X_BURNOUT_SPEED_KM_S] = speed
            xs[X_LONG_RANGE_TESTS] = successes + failures
            xs[X_LONG_RANGE_FAILURES] = failures
            xs[X_CUMULATIVE_LONG_RANGE_TESTS] = cumulative + successes + failures
            xs[X_ICBM_RANGE_SUCCESSES] = icbm_successes
            xs[X_ICBM_ARSENAL] = arsenal
            # -- missile_reach -------------------------------------------------------------------
            credited = speed + pi[P_MISSILE_REACH__ASSESSMENT_MARGIN_KM_S]
            if credited != xs[X_CREDITED_BURNOUT_SPEED_KM_S] or month == 0:
                q = credited * credited * EARTH_RADIUS_KM / MU_EARTH_KM3_S2
                if q < 1.0:
                    range_km = 2.0 * math.asin(min(max(q / (2.0 - q), -1.0), 1.0)) * EARTH_RADIUS_KM
                    apogee, flight = _min_energy_apogee_and_time(range_km)
                else:
                    range_km, apogee, flight = math.inf, math.inf, math.inf
                xs[X_DEMONSTRATED_RANGE_KM] = range_km
                xs[X_APOGEE_KM] = apogee
                xs[X_FLIGHT_TIME_MIN] = flight
                if credited > speeds[-1]:
                    xs[X_REACH_TOWARD_LOS_ANGELES_KM] = math.pi * 6371.0
                    xs[X_REACH_TOWARD_WASHINGTON_KM] = math.pi * 6371.0
                else:
                    xs[X_REACH_TOWARD_LOS_ANGELES_KM] = np.interp(credited, speeds, table_la)
                    xs[X_REACH_TOWARD_WASHINGTON_KM] = np.interp(credited, speeds, table_dc)
            xs[X_CREDITED_BURNOUT_SPEED_KM_S] = credited
            # -- missile_accuracy ----------------------------------------------------------------
            had = xs[X_REENTRY_VEHICLE_DEMONSTRATED]
            demo = (
                1.0
                - (1.0 - pi[P_MISSILE_ACCURACY__REENTRY_DEMONSTRATION_PROBABILITY])
                ** icbm_successes
            )
            rv = max(had, 1.0 if u_acc[0, i] < demo else 0.0)
            best = pi[P_MISSILE_ACCURACY__BEST_CEP_KM]
            if rv > 0 and had == 0:
                cep = pi[P_MISSILE_ACCURACY__INITIAL_CEP_KM]
            elif rv > 0:
                cep = best + (xs[X_CEP_KM] - best) * (
                    1.0 - pi[P_MISSILE_ACCURACY__CEP_LEARNING]
                ) ** (icbm_successes * had)
            else:
                cep = math.inf
            credible = (
                1.0
                if (
                    xs[X_REACH_TOWARD_LOS_ANGELES_KM] >= pi[P_MISSILE_ACCURACY__LOS_ANGELES_KM]
                    and rv > 0
                )
                else 0.0
            )
            xs[X_REENTRY_VEHICLE_DEMONSTRATED] = rv
            xs[X_CEP_KM] = cep
            xs[X_PROBABILITY_WITHIN_10KM] = (
                -math.expm1(-math.log(2.0) * (10.0 / cep) ** 2) if rv > 0 else 0.0
            )
            xs[X_CREDIBLE_ICBM_THREAT] = credible
            # -- nuclear_stockpile ---------------------------------------------------------------
            n_slow = max(1.0 - pi[P_NUCLEAR_STOCKPILE__PAIN_ELASTICITY] * pain, 0.0)
            produced = _poisson(
                u_nuc[0, i], pi[P_NUCLEAR_STOCKPILE__WARHEADS_PER_MONTH] * producing * n_slow
            )
            warheads = xs[X_WARHEADS]
            dismantled = dismantlement_pace * pi[P_NUCLEAR_STOCKPILE__DISMANTLEMENT_RATE] * warheads
            warheads = max(warheads + produced - dismantled, 0.0)
            tested = (
                1.0
                if u_nuc[1, i] < pi[P_NUCLEAR_STOCKPILE__TEST_RATE] * running * (1.0 - active)
                else 0.0
            )
            xs[X_MAX_YIELD_KT] += (
                tested
                * pi[P_NUCLEAR_STOCKPILE__YIELD_GAIN]
                * (pi[P_NUCLEAR_STOCKPILE__YIELD_CEILING_KT] - xs[X_MAX_YIELD_KT])
            )
            xs[X_WARHEADS] = warheads
            xs[X_NUCLEAR_TESTS] = tested
            xs[X_CUMULATIVE_NUCLEAR_TESTS] += tested
            xs[X_MONTHS_SINCE_NUCLEAR_TEST] = (
                0.0 if tested > 0 else xs[X_MONTHS_SINCE_NUCLEAR_TEST] + 1.0
            )
            # -- missile_defense -----------------------------------------------------------------
            inventory = xs[X_INTERCEPTORS]
            goal = max(gbi_target - xs[X_MISSILE_DEFENSE_CUT_GBIS], 0.0)
            added = min(max(goal - inventory, 0.0), pi[P_MISSILE_DEFENSE__EMPLACEMENT_RATE])
            new_inventory = goal if goal < inventory else inventory + added
            spending = (
                pi[P_MISSILE_DEFENSE__OPERATIONS_MUSD_PER_GBI_MONTH] * new_inventory
                + pi[P_MISSILE_DEFENSE__GBI_UNIT_COST_MUSD] * added
            )
            threat_n = min(arsenal, math.floor(warheads))
            stale = (
                threat_n != xs[X_ASSESSED_ARSENAL]
                or month == 0
                or (threat_n > 0 and math.floor(new_inventory) != math.floor(inventory))
            )
            p0 = xs[X_ZERO_LEAKER_PROBABILITY]
            if stale:
                if threat_n > 0:
                    effective = new_inventory / (
                        1.0
                        + pi[P_MISSILE_DEFENSE__DECOYS_PER_WARHEAD]
                        * pi[P_MISSILE_DEFENSE__FALSE_TARGET_RATE]
                    )
                    inv = math.floor(effective)
                    shots = math.floor(inv / threat_n)
                    extra = inv - shots * threat_n
                    if shots >= pi[P_MISSILE_DEFENSE__SHOTS_PER_WARHEAD]:
                        shots = pi[P_MISSILE_DEFENSE__SHOTS_PER_WARHEAD]
                        extra = 0.0
                    miss = 1.0 - pi[P_MISSILE_DEFENSE__SSPK]
                    p0 = (
                        pi[P_MISSILE_DEFENSE__P_SYSTEM]
                        * (1.0 - miss**shots) ** (threat_n - extra)
                        * (1.0 - miss ** (shots + 1.0)) ** extra
                    )
                else:
                    p0 = 1.0
            xs[X_INTERCEPTORS] = new_inventory
            xs[X_ZERO_LEAKER_PROBABILITY] = p0
            xs[X_MISSILE_DEFENSE_SPENDING_MUSD] = spending
            xs[X_ASSESSED_ARSENAL] = threat_n
            # -- outcomes -------------------------------------------------------------------------
            if math.isinf(acc[0, s, i]) and credible > 0:
                acc[0, s, i] = month + 1
            acc[1, s, i] += provocations
            acc[2, s, i] += aid_paid
            acc[3, s, i] += spending
            acc[4, s, i] += pressure
            acc[5, s, i] += pain
            acc[6, s, i] += active
            if math.isinf(acc[7, s, i]) and frozen > 0:
                acc[7, s, i] = month + 1


def _static_levers(scenario, name):
    """Lever settings of the non-reactive strategies, from their documented rules."""
    levers = {k: scenario.levers[k].default for k in LEVERS}
    params = scenario.strategies[name].params
    rule = scenario.strategies[name].strategy.name
    if rule == "linkage_2013":
        levers.update(
            linkage_offer=1.0,
            offered_cut_gbis=min(max(params.offered_cut_gbis, 0), 44),
            aid_musd=0.0,
        )
    elif rule in ("maximum_pressure", "bad_faith_talks_2017"):
        levers.update(
            sanctions_intensity=params.sanctions_intensity,
            covert_effort=params.covert_effort,
            allied_defense=params.allied_defense,
            gbi_target=params.gbi_target,
            aid_musd=0.0,
            talks=0.0,
        )
        if rule == "bad_faith_talks_2017":
            levers.update(talks=1.0, talks_good_faith=0.0)
    elif rule == "engagement":
        levers.update(
            talks=1.0,
            talks_good_faith=1.0,
            aid_musd=params.aid_musd_per_month,
            sanctions_intensity=params.sanctions_intensity,
        )
    return [levers[k] for k in LEVERS]


def simulate_chunk_numba(scenario, strategies, root, start, stop):
    """The numba counterpart of :func:`stratagem.engine.simulate.simulate_chunk` for korea-2013.

    Returns ``{outcome: (n_strategies, n)}`` for the scenario's outcomes.
    """
    assert tuple(m.name for m in scenario.mechanisms) == MECHANISM_ORDER
    assert set(scenario.initial_state) == set(STATE)
    n, n_strategies = stop - start, len(strategies)
    params, initial = sample_inputs(scenario, root, start, stop)
    p = np.empty((n, len(PARAMS)))
    for k, (mechanism, name) in enumerate(PARAMS):
        p[:, k] = params[mechanism][name]
    x = np.empty((n_strategies, n, len(STATE)))
    for k, name in enumerate(STATE):
        x[:, :, k] = initial[name]
    codes = np.array([STRATEGY_CODES[scenario.strategies[s].strategy.name] for s in strategies])
    lv = np.array([_static_levers(scenario, s) for s in strategies], dtype=np.float64)
    strat = np.zeros((n_strategies, 2))
    for k, name in enumerate(strategies):
        model = scenario.strategies[name].params
        strat[k, 0] = getattr(model, "aid_per_reward_musd", 0.0)
        strat[k, 1] = getattr(model, "min_months_between_rewards", 1)
    speeds = np.linspace(0.0, 7.85, 400)
    origin = (params["missile_reach"]["launch_lat"], params["missile_reach"]["launch_lon"])
    table_la = np.minimum(
        max_range_toward_km(
            *origin,
            params["missile_reach"]["los_angeles_lat"],
            params["missile_reach"]["los_angeles_lon"],
            speeds,
        ),
        np.pi * 6371.0,
    )
    table_dc = np.minimum(
        max_range_toward_km(
            *origin,
            params["missile_reach"]["washington_lat"],
            params["missile_reach"]["washington_lon"],
            speeds,
        ),
        np.pi * 6371.0,
    )
    icbm_speed = np.broadcast_to(
        burnout_speed_for_range_km_s(params["missile_program"]["icbm_range_km"]), (n,)
    ).copy()
    streams = {
        m.name: DynamicStream(root, m.name, m.draws, start, stop)
        for m in scenario.mechanisms
        if m.draws
    }
    acc = np.zeros((8, n_strategies, n))
    acc[0] = np.inf
    acc[7] = np.inf
    for month in range(scenario.horizon_months):
        u = {name: stream.next_month() for name, stream in streams.items()}
        month_step(
            x,
            p,
            lv,
            codes,
            strat,
            u["linkage_offer"],
            u["talks"],
            u["china_pressure"],
            u["concession"],
            u["provocation_cycle"],
            u["covert_and_defense"],
            u["missile_program"],
            u["missile_accuracy"],
            u["nuclear_stockpile"],
            speeds,
            table_la,
            table_dc,
            icbm_speed,
            month,
            acc,
        )
    h = scenario.horizon_months
    out = {
        "months_to_credible_icbm": acc[0],
        "provocations": acc[1],
        "aid_paid_musd": acc[2],
        "missile_defense_spending_musd": acc[3],
        "china_pressure": acc[4] / h,
        "economic_pain": acc[5] / h,
        "talks_months": acc[6],
        "months_to_freeze": acc[7],
    }
    for name in (
        "reach_toward_los_angeles_km",
        "icbm_arsenal",
        "warheads",
        "zero_leaker_probability",
        "program_frozen",
    ):
        out[name] = x[:, :, STATE.index(name)].copy()
    return out


if __name__ == "__main__":  # pragma: no cover - manual check
    sc = stratagem.load("korea-2013")
    names = list(sc.strategy_names())
    print(simulate_chunk_numba(sc, names, seed_sequence(1), 0, 8)["months_to_credible_icbm"])
