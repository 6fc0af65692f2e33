"""The 2013 Kerry linkage offer (claim C4).

"[Kerry] offered to cut back U.S. missile defense in the Pacific if North Korea abandoned its
nuclear program" (Washington Post, 2013-04-15, ``shared/seeds/000_*.txt``). The offer stands from
the first month; by default the US also stops rewarding provocations, "an attempt to turn the
tables on North Korea, to reverse the usual dynamic".
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from stratagem.engine.model import Strategy, StrategyContext, Value
from stratagem.strategies import provocation_reward


class Parameters(BaseModel):
    """Parameters of ``linkage_2013``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    offered_cut_gbis: float = Field(
        default=14.0,
        gt=0,
        description="GBIs offered: by default the 14 of the March 2013 expansion.",
    )
    keep_rewarding: bool = Field(
        default=False, description="Also keep rewarding provocations with aid (the C6 cycle)."
    )
    aid_per_reward_musd: float = Field(default=60.0, gt=0)
    min_months_between_rewards: int = Field(default=12, ge=1)


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Keep the offer on the table; optionally keep the reward cycle going."""
    params: Parameters = context.params
    levers: dict[str, Value] = {"linkage_offer": 1.0, "offered_cut_gbis": params.offered_cut_gbis}
    if params.keep_rewarding:
        reward = provocation_reward.Parameters(
            aid_per_reward_musd=params.aid_per_reward_musd,
            min_months_between_rewards=params.min_months_between_rewards,
        )
        inner = StrategyContext(context.state, context.month, reward)
        levers.update(provocation_reward.rule(inner))
    else:
        levers["aid_musd"] = 0.0
    return levers


STRATEGY = Strategy(
    name="linkage_2013",
    rule=rule,
    parameters=Parameters,
    sets=("linkage_offer", "offered_cut_gbis", "aid_musd"),
    summary="Offer to cut Pacific missile defense if North Korea rolls back (C4).",
    provenance=(
        "Washington Post 2013-04-15: Kerry 'offered to cut back U.S. missile defense in the "
        "Pacific if North Korea abandoned its nuclear program.'"
    ),
    tags={"uses_aid": False, "uses_linkage": True, "reacts_to_state": False},
)
