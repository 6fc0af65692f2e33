"""Built-in strategies: one module per strategy, each exposing ``STRATEGY``."""

from stratagem.engine.model import Strategy
from stratagem.strategies import do_nothing, linkage_2013, provocation_reward

BUILTIN_STRATEGIES: tuple[Strategy, ...] = (
    provocation_reward.STRATEGY,
    linkage_2013.STRATEGY,
    do_nothing.STRATEGY,
)

__all__ = ["BUILTIN_STRATEGIES"]
