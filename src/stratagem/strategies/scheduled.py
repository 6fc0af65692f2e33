"""A schedule of lever settings written in the scenario file: history, or a plan.

Each lever gets a list of ``[month, value]`` steps; from each step's month on, the lever takes that
value until the next step. This is how a case replays a documented policy (the Iran sanctions of
2010-2013, the 2017 pressure campaign) without any case-specific code::

    strategies:
      historical:
        rule: scheduled
        parameters:
          schedule:
            sanctions_intensity: [[0, 0.3], [19, 0.8], [25, 1.0]]
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, field_validator

from stratagem.engine.model import Strategy, StrategyContext, Value


class Parameters(BaseModel):
    """Parameters of ``scheduled``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    schedule: dict[str, list[tuple[int, float]]] = Field(
        min_length=1, description="Lever name -> [[month, value], ...] with increasing months."
    )

    @field_validator("schedule")
    @classmethod
    def _increasing(
        cls, value: dict[str, list[tuple[int, float]]]
    ) -> dict[str, list[tuple[int, float]]]:
        for lever, steps in value.items():
            if not steps:
                raise ValueError(f"lever {lever!r} has an empty schedule")
            months = [m for m, _ in steps]
            if any(m < 0 for m in months) or months != sorted(set(months)):
                raise ValueError(
                    f"lever {lever!r}: months must be non-negative and strictly increasing, "
                    f"found {months}"
                )
        return value


def value_at(steps: list[tuple[int, float]], month: int) -> float | None:
    """The scheduled value in force at ``month`` (``None`` before the first step).

    >>> value_at([(0, 0.3), (19, 0.8)], 18), value_at([(0, 0.3), (19, 0.8)], 19)
    (0.3, 0.8)
    """
    months = np.asarray([m for m, _ in steps])
    index = int(np.searchsorted(months, month, side="right")) - 1
    return None if index < 0 else float(steps[index][1])


def rule(context: StrategyContext) -> Mapping[str, Value]:
    """Every scheduled lever at the value in force this month."""
    params: Parameters = context.params
    levers: dict[str, Value] = {}
    for lever, steps in params.schedule.items():
        value = value_at(steps, context.month)
        if value is not None:
            levers[lever] = value
    return levers


STRATEGY = Strategy(
    name="scheduled",
    rule=rule,
    parameters=Parameters,
    sets=(),
    summary="Lever settings by month, written in the scenario file.",
    provenance="Generic: replays a documented policy timeline given as data.",
    tags={"uses_aid": False, "uses_linkage": False, "reacts_to_state": False},
    sets_from_params=lambda params: tuple(params.schedule),
)
