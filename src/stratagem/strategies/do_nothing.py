"""Do nothing: no aid, no offer, the missile-defense program of record continues.

The null policy against which every other strategy's effect is measured.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from stratagem.engine.model import Strategy, StrategyContext, Value


class Parameters(BaseModel):
    """``do_nothing`` takes no parameters."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Leave every lever at the scenario's default."""
    return {}


STRATEGY = Strategy(
    name="do_nothing",
    rule=rule,
    parameters=Parameters,
    sets=(),
    summary="No aid, no offer; levers stay at their defaults.",
    provenance="Null policy (no article passage); the reference point for every comparison.",
    tags={"uses_aid": False, "uses_linkage": False, "reacts_to_state": False},
)
