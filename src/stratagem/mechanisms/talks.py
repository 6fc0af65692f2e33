"""High-level talks, in good or bad faith: a slowdown while they last, aid, breakdowns.

Claim C9: "High-level talks, even in bad faith, can induce North Korea to slow its nuclear and
missile programs" (CNAS/WSJ, 2017-12-15). CSIS monthly data 1990-2018: 0.32 provocations a month
in months with US-DPRK negotiations against 0.56 without; 2018, a year of summits, had no missile
test at all (21 in 2017).

While the lever ``talks`` is on and talks are not running, the target accepts at a monthly rate
``acceptance_rate`` scaled by the coercer's credibility as a negotiator. Running talks end at the
breakdown hazard; talks held in bad faith (lever ``talks_good_faith`` = 0) also end when the bad
faith is exposed (``bad_faith_exposure_rate`` a month), and each exposure costs the coercer a share
``credibility_loss`` of its credibility (Sartori 2002: a state caught bluffing loses the ability to
be believed; game_theory.md M6). Good-faith talks cost aid each month they run
(``good_faith_aid_musd``); the program slowdown itself is applied by ``missile_program``,
``provocation_cycle`` and ``concession``, which read ``talks_active``.
"""

from __future__ import annotations

import numpy as np

from stratagem.distributions import Uniform
from stratagem.engine.draws import bernoulli
from stratagem.engine.model import Array, Mechanism, Parameter, StateVar, StepInput, fixed

PARAMETERS = (
    Parameter(
        "acceptance_rate",
        Uniform(distribution="uniform", low=0.1, high=0.4),
        "per month",
        "Monthly probability the target comes to the table when talks are offered.",
        assumption=(
            "Tillerson's December 2017 offer led to the April 2018 moratorium and the June 2018 "
            "Singapore summit within about six months (us_china_dprk_key_events.csv)"
        ),
    ),
    Parameter(
        "breakdown_hazard",
        Uniform(distribution="uniform", low=0.05, high=0.13),
        "per month",
        "Monthly probability running talks break down.",
        source=(
            "geometric-duration MLE on the CSIS negotiation spells 1990-2018 (USKoreaData.csv; "
            "stratagem.data.breakdown_hazard): 0.125 bridging one-month lulls, 0.059 bridging "
            "two"
        ),
    ),
    Parameter(
        "bad_faith_exposure_rate",
        Uniform(distribution="uniform", low=0.02, high=0.1),
        "per month",
        "Monthly probability that bad faith is exposed and the talks collapse.",
        assumption="M6: 'is it sincere, or just trying to buy time?' (Bas & Coe 2018)",
    ),
    Parameter(
        "credibility_loss",
        fixed(0.5),
        "fraction",
        "Share of negotiating credibility lost when bad faith is exposed.",
        assumption="Sartori (2002): a state caught bluffing loses its reputation for honesty",
    ),
    Parameter(
        "good_faith_aid_musd",
        Uniform(distribution="uniform", low=2.0, high=10.0),
        "US$ million per month",
        "Aid the target extracts each month good-faith talks run.",
        source=(
            "six-party heavy fuel oil $146 m over 2007-2009 (~$6 m a month) and KEDO $437 m over "
            "1995-2003 (~$4 m a month): us_aid_dprk_by_year.csv"
        ),
    ),
)


def step(x: StepInput) -> dict[str, Array]:
    """Open, run and break down talks; price them and track credibility."""
    s, p, u = x.state, x.params, x.draws
    offered = (x.levers["talks"] > 0) * 1.0
    good_faith = (x.levers["talks_good_faith"] > 0) * 1.0
    active = s["talks_active"]
    credibility = s["talks_credibility"]
    opens = (1.0 - active) * offered * bernoulli(u[0], p["acceptance_rate"] * credibility)
    breaks = active * bernoulli(u[1], p["breakdown_hazard"])
    exposed = active * (1.0 - good_faith) * bernoulli(u[2], p["bad_faith_exposure_rate"])
    # Talks also end when the coercer withdraws its offer.
    new_active = np.maximum(active, opens) * (1.0 - breaks) * (1.0 - exposed) * offered
    new_credibility = credibility * (1.0 - p["credibility_loss"] * exposed)
    return {
        "talks_active": new_active,
        "talks_months": np.where(new_active > 0, s["talks_months"] + 1.0, 0.0),
        "talks_breakdowns": s["talks_breakdowns"] + breaks + exposed,
        "talks_credibility": new_credibility,
        "talks_aid_musd": new_active * good_faith * p["good_faith_aid_musd"],
        "talks_good_faith_active": new_active * good_faith,
    }


MECHANISM = Mechanism(
    name="talks",
    step=step,
    state=(
        StateVar("talks_active", "flag", "1 while high-level talks are running.", kind="flag"),
        StateVar("talks_months", "months", "Length of the current talks.", kind="count"),
        StateVar(
            "talks_breakdowns", "events", "Talks broken off so far (incl. exposures).", kind="count"
        ),
        StateVar(
            "talks_credibility",
            "fraction",
            "The coercer's credibility as a negotiator (1 = untarnished).",
            1.0,
        ),
        StateVar("talks_aid_musd", "US$ million", "Aid paid for talks this month.", kind="flow"),
        StateVar(
            "talks_good_faith_active",
            "flag",
            "1 while talks run in good faith (concessions on the table).",
            kind="flag",
        ),
    ),
    levers=("talks", "talks_good_faith"),
    parameters=PARAMETERS,
    draws=3,
    claims=("C9",),
    summary="Talks open, run and break down; bad faith is exposed at a cost in credibility.",
)
