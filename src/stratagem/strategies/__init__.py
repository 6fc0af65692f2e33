"""Built-in strategies: one module per strategy, each exposing ``STRATEGY``."""

from stratagem.engine.model import Strategy
from stratagem.strategies import (
    bad_faith_talks_2017,
    do_nothing,
    engagement,
    linkage_2013,
    maximum_pressure,
    provocation_reward,
    scheduled,
)

BUILTIN_STRATEGIES: tuple[Strategy, ...] = (
    provocation_reward.STRATEGY,
    linkage_2013.STRATEGY,
    bad_faith_talks_2017.STRATEGY,
    maximum_pressure.STRATEGY,
    engagement.STRATEGY,
    do_nothing.STRATEGY,
    scheduled.STRATEGY,
)

__all__ = ["BUILTIN_STRATEGIES"]
