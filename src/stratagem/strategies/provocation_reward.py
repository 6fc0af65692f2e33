"""Provocation and reward: the status quo of the 2013 article (claim C6).

"North Korea does something provocative, the United States and other countries offer food aid or
some other goody to calm it down" (Washington Post, 2013-04-15, ``shared/seeds/000_*.txt``).

After a month with at least one provocation the US pays ``aid_per_reward_musd`` of aid, at most
once every ``min_months_between_rewards``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from stratagem.engine.model import Strategy, StrategyContext, Value


class Parameters(BaseModel):
    """Parameters of ``provocation_reward``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aid_per_reward_musd: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Aid per reward, US$ million. Default: US food aid was worth $705 m over the 12 aid "
            "years 1996-2009, about $60 m a year (us_aid_dprk_by_year.csv)."
        ),
    )
    min_months_between_rewards: int = Field(
        default=12,
        ge=1,
        description="Rewards at most this often (US food aid came in yearly tranches).",
    )


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Pay aid after a provocation month unless a reward was paid recently."""
    params: Parameters = context.params
    state = context.state
    due = (state["provocations"] > 0) & (
        state["months_since_reward"] >= params.min_months_between_rewards - 1
    )
    return {"aid_musd": np.where(due, params.aid_per_reward_musd, 0.0)}


STRATEGY = Strategy(
    name="provocation_reward",
    rule=rule,
    parameters=Parameters,
    sets=("aid_musd",),
    summary="Reward provocations with aid to buy calm (the status quo of C6).",
    provenance=(
        "Washington Post 2013-04-15: 'North Korea does something provocative, the United States "
        "and other countries offer food aid or some other goody to calm it down.'"
    ),
    tags={"uses_aid": True, "uses_linkage": False, "reacts_to_state": True},
)
