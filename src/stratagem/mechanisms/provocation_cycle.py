"""The provocation cycle: self-exciting provocations, rewards that buy short-lived calm.

Claim C6: "North Korea does something provocative, the United States and other countries offer
food aid or some other goody to calm it down", for "usually short-lived good behavior".

Provocations are a discrete-time Hawkes process (Poisson counts whose intensity jumps after each
event and decays geometrically)::

    lambda_t = mu_t * calm_t * frozen_t + alpha * E_t,     N_t ~ Poisson(lambda_t)
    E_{t+1}  = beta * E_t + N_t

with the base rate ``mu``, excitation ``alpha`` and monthly decay ``beta`` fitted by Poisson
maximum likelihood to the CSIS monthly provocation counts 1990-01..2018-08
(``shared/data/csis_us_dprk_negotiations_provocations/USKoreaData.csv``; the fit gives mu = 0.195,
alpha = 0.152, beta = 0.738, a branching ratio of 0.58 and the observed mean of 0.46 a month).
A month in which the US pays aid (lever ``aid_musd`` > 0) right after a provocation starts a calm of
``calm_months``
during which the base rate is multiplied by ``calm_factor``; each reward also raises the base rate
a share ``reward_reinforcement`` of the way to ``max_extortion_multiplier`` (the lesson that
provocation pays, saturating). A frozen program provokes less, in proportion to the share of
testing the deal stops (``test_restraint``).
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.draws import poisson
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed

_CSIS = (
    "Hawkes fit by Poisson maximum likelihood to CSIS monthly provocations 1990-01..2018-08 "
    "(csis_us_dprk_negotiations_provocations/USKoreaData.csv; docs/decisions.md)"
)

PARAMETERS = (
    Parameter("base_rate", fixed(0.195), "events per month", "Hawkes base rate mu.", source=_CSIS),
    Parameter("excitation", fixed(0.152), "events per event", "Hawkes jump alpha.", source=_CSIS),
    Parameter(
        "excitation_decay", fixed(0.738), "per month", "Hawkes monthly decay beta.", source=_CSIS
    ),
    Parameter(
        "calm_months",
        Uniform(distribution="uniform", low=1, high=4),
        "months",
        "Length of the good behaviour a reward buys.",
        assumption="'usually short-lived good behavior' (C6): a season, not a year",
    ),
    Parameter(
        "calm_factor",
        fixed(0.3),
        "multiplier",
        "Base-rate multiplier during the calm.",
        assumption="calm is real but not total (C6)",
    ),
    Parameter(
        "reward_reinforcement",
        Uniform(distribution="uniform", low=0.0, high=0.1),
        "fraction per reward",
        "Share of the gap to the ceiling multiplier each reward closes.",
        assumption="rewarding provocation teaches that it pays (C6, game_theory.md M8)",
    ),
    Parameter(
        "max_extortion_multiplier",
        fixed(3.0),
        "multiplier",
        "Ceiling of the base-rate rise rewards can teach.",
        source=(
            "CSIS: 25 provocations in 2016 against a 1990-2018 mean of 5.5 a year, of which "
            "self-excitation accounts for a factor of about 1.5 (branching ratio 0.58)"
        ),
    ),
    Parameter(
        "talks_factor",
        Uniform(distribution="uniform", low=0.57, high=1.0),
        "multiplier",
        "Base-rate multiplier while talks run (C9).",
        source=(
            "CSIS 1990-2018: 0.32 provocations a month with talks vs 0.56 without (ratio 0.57; "
            "data.md §2.3); a self-exciting fit attributes most of that gap to clustering "
            "(docs/decisions.md D16), hence the range up to 1"
        ),
    ),
    Parameter(
        "frozen_factor",
        fixed(0.5),
        "multiplier",
        "Base-rate multiplier while a freeze stops all testing.",
        assumption="most CSIS provocations are missile launches, which a freeze stops",
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Draw this month's provocations and update the excitation, calm and reward memory."""
    s, p = x.state, x.params
    # A reward is aid that answers a provocation (last month's); steady aid buys no calm and
    # teaches nothing about provoking.
    rewarded = ((x.levers["aid_musd"] > 0) & (s["provocations"] > 0)).astype(np.float64)
    calm_left = s["calm_months_left"]
    multiplier = s["extortion_multiplier"]
    base = p["base_rate"] * multiplier
    base = base * np.where(calm_left > 0, p["calm_factor"], 1.0)
    base = base * (1.0 - s["test_restraint"] * (1.0 - p["frozen_factor"]))
    base = base * np.where(s["talks_active"] > 0, p["talks_factor"], 1.0)
    excitation = s["provocation_excitation"]
    provocations = poisson(x.draws[0], base + p["excitation"] * excitation)
    aid = x.levers["aid_musd"] + s["talks_aid_musd"]
    return {
        "provocations": provocations,
        "provocation_excitation": p["excitation_decay"] * excitation + provocations,
        "calm_months_left": np.where(
            rewarded > 0, np.round(p["calm_months"]), np.maximum(calm_left - 1.0, 0.0)
        ),
        "months_since_reward": np.where(rewarded > 0, 0.0, s["months_since_reward"] + 1.0),
        "extortion_multiplier": multiplier
        + p["reward_reinforcement"] * rewarded * (p["max_extortion_multiplier"] - multiplier),
        "aid_paid_musd": aid,
    }


MECHANISM = Mechanism(
    name="provocation_cycle",
    step=step,
    state=(
        StateVar("provocations", "events", "Provocations this month.", kind="flow"),
        StateVar(
            "provocation_excitation",
            "events",
            "Geometrically discounted count of past provocations (Hawkes memory).",
        ),
        StateVar("calm_months_left", "months", "Months of reward-bought calm remaining."),
        StateVar(
            "months_since_reward", "months", "Months since the last reward.", 120.0, kind="count"
        ),
        StateVar(
            "extortion_multiplier",
            "multiplier",
            "How much past rewards have raised the provocation base rate.",
            1.0,
        ),
        StateVar(
            "aid_paid_musd",
            "US$ million",
            "Aid paid this month: rewards plus the price of good-faith talks.",
            kind="flow",
        ),
    ),
    reads=("test_restraint", "talks_active", "talks_aid_musd"),
    levers=("aid_musd",),
    parameters=PARAMETERS,
    draws=1,
    claims=("C6", "C9"),
    summary=(
        "Self-exciting provocations; rewards buy short-lived calm and teach that provoking pays."
    ),
)
