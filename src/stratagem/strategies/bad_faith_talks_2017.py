"""Bad-faith talks to buy time, plus maximum pressure: the CNAS proposal (claims C9-C11).

"The U.S. should pursue a high-level, bad-faith diplomatic initiative with Pyongyang. The purpose
would not be to reach an agreement but to buy time — to induce the North Koreans to temporarily
slow their nuclear and missile programs, giving the U.S. more time to step up the sanctions,
military defenses, and covert operations that can actually resolve the crisis" (CNAS/WSJ,
2017-12-15, ``shared/seeds/004_*``).
"""

from __future__ import annotations

from collections.abc import Mapping

from stratagem.engine.model import Strategy, StrategyContext, Value
from stratagem.strategies import maximum_pressure


class Parameters(maximum_pressure.Parameters):
    """Same levers as ``maximum_pressure``; talks are offered in bad faith."""


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Maximum pressure while offering talks that will concede nothing."""
    return {**maximum_pressure.levers(context.params), "talks": 1.0, "talks_good_faith": 0.0}


STRATEGY = Strategy(
    name="bad_faith_talks_2017",
    rule=rule,
    parameters=Parameters,
    sets=(*maximum_pressure.STRATEGY.sets, "talks_good_faith"),
    summary="Offer high-level talks in bad faith to slow the program while pressure builds.",
    provenance=(
        "CNAS/WSJ 2017-12-15, 'Give Bad Faith a Chance in North Korea': talks 'not to reach an "
        "agreement but to buy time'."
    ),
    tags={"uses_aid": False, "uses_linkage": False, "reacts_to_state": False},
)
