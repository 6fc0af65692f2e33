"""Maximum pressure: sanctions, defenses and covert action, no talks (claims C10, C11).

"The U.S. has strengthened offensive and defensive military capabilities and launched a
sophisticated campaign of economic warfare", and "economic strangulation and stepped-up covert
activities are needed to force change in Pyongyang" (CNAS/WSJ, 2017-12-15, ``shared/seeds/004_*``):
the Trump administration's policy of 2017, which rejected high-level diplomacy.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from stratagem.engine.model import Strategy, StrategyContext, Value


class Parameters(BaseModel):
    """Parameters of ``maximum_pressure``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    sanctions_intensity: float = Field(default=1.0, ge=0, le=1, description="0-1.")
    covert_effort: float = Field(default=1.0, ge=0, le=1, description="0-1.")
    allied_defense: float = Field(
        default=1.0, ge=0, le=1, description="Regional defenses (1 = THAAD in Korea)."
    )
    gbi_target: float = Field(
        default=44.0,
        ge=0,
        description="Homeland interceptors planned (64 after the FY2018 request for 20 more).",
    )


def levers(params: Parameters) -> dict[str, Value]:
    """The pressure levers, shared with ``bad_faith_talks_2017``."""
    return {
        "sanctions_intensity": params.sanctions_intensity,
        "covert_effort": params.covert_effort,
        "allied_defense": params.allied_defense,
        "gbi_target": params.gbi_target,
        "aid_musd": 0.0,
        "talks": 0.0,
    }


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Every pressure lever at its chosen level, every month."""
    return levers(context.params)


STRATEGY = Strategy(
    name="maximum_pressure",
    rule=rule,
    parameters=Parameters,
    sets=(
        "sanctions_intensity",
        "covert_effort",
        "allied_defense",
        "gbi_target",
        "aid_musd",
        "talks",
    ),
    summary="Sanctions, defenses and covert action at full strength; no talks, no aid.",
    provenance=(
        "CNAS/WSJ 2017-12-15: 'the U.S. has strengthened offensive and defensive military "
        "capabilities and launched a sophisticated campaign of economic warfare'."
    ),
    tags={"uses_aid": False, "uses_linkage": False, "reacts_to_state": False},
)
