"""Engagement: good-faith talks and aid, sanctions eased.

The policy the 2017 article argues against and the 1994-2008 record tried: the Agreed Framework
(1994, KEDO heavy fuel oil), food aid peaking at 695,000 t in 1999, and the six-party deals of 2005
and 2007 (``us_aid_dprk_by_year.csv``, ``six_party_talks_rounds.csv``).
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from stratagem.engine.model import Strategy, StrategyContext, Value


class Parameters(BaseModel):
    """Parameters of ``engagement``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    aid_musd_per_month: float = Field(
        default=5.0,
        ge=0,
        description=(
            "Humanitarian aid paid every month, US$ million (US food aid averaged about $60 m a "
            "year in 1996-2009)."
        ),
    )
    sanctions_intensity: float = Field(default=0.0, ge=0, le=1)


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Offer good-faith talks, keep aid flowing, ease sanctions."""
    params: Parameters = context.params
    return {
        "talks": 1.0,
        "talks_good_faith": 1.0,
        "aid_musd": params.aid_musd_per_month,
        "sanctions_intensity": params.sanctions_intensity,
    }


STRATEGY = Strategy(
    name="engagement",
    rule=rule,
    parameters=Parameters,
    sets=("talks", "talks_good_faith", "aid_musd", "sanctions_intensity"),
    summary="Good-faith talks with aid, sanctions eased.",
    provenance=(
        "The Agreed Framework (1994) and six-party (2005, 2007) approach: aid and energy for a "
        "freeze (us_aid_dprk_by_year.csv; six_party_talks_rounds.csv)."
    ),
    tags={"uses_aid": True, "uses_linkage": False, "reacts_to_state": False},
)
