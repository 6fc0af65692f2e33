"""The schema of a scenario file (YAML), validated with pydantic v2.

This module only describes the *shape* of a file; :mod:`stratagem.scenario.model` checks it
against the registered mechanisms and strategies. See ``src/stratagem/cases/korea-2013.yaml`` for
a complete, commented example.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from stratagem.distributions import Distribution

#: The schema version this package reads.
SCHEMA_VERSION = 1

_SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_IDENT = r"^[a-z][a-z0-9_]*$"
_MONTH = re.compile(r"^(\d{4})-(\d{2})(-\d{2})?$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Metadata(_Strict):
    """What the case is about and when it starts."""

    name: str = Field(description="Short identifier (lower case, digits, '-' or '_').")
    title: str
    description: str
    question: str = Field(default="", description="The question the case helps answer.")
    start: str = Field(description="First simulated month, YYYY-MM.")
    horizon_months: int = Field(ge=1, le=1200, description="Months simulated.")
    sources: list[str] = Field(default_factory=list, description="Documents the case draws on.")

    @field_validator("name")
    @classmethod
    def _slug(cls, value: str) -> str:
        if not _SLUG.match(value):
            raise ValueError("use lower-case letters, digits, '-' and '_' (e.g. 'korea-2013')")
        return value

    @field_validator("start")
    @classmethod
    def _month(cls, value: str) -> str:
        match = _MONTH.match(value)
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ValueError("expected a month written YYYY-MM, e.g. 2013-04")
        return f"{match.group(1)}-{match.group(2)}"


class Actor(_Strict):
    """A state or organization in the case."""

    name: str
    role: str = ""


class LeverSpec(_Strict):
    """A policy instrument that strategies set month by month."""

    actor: str
    unit: str
    description: str
    default: float = 0.0
    low: float | None = None
    high: float | None = None

    @model_validator(mode="after")
    def _bounds(self) -> LeverSpec:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueError(f"low ({self.low:g}) is above high ({self.high:g})")
        if self.low is not None and self.default < self.low:
            raise ValueError(f"default ({self.default:g}) is below low ({self.low:g})")
        if self.high is not None and self.default > self.high:
            raise ValueError(f"default ({self.default:g}) is above high ({self.high:g})")
        return self


class ForecastSpec(_Strict):
    """A parameter taken from a bargaining forecast (:func:`stratagem.bargaining.forecast`).

    The value is the predicted outcome of an actor table: one model gives a fixed value, several
    give an equal-weight (or ``weights``) choice among their forecasts, i.e. model uncertainty.
    The table is a built-in table name or a path relative to the scenario file that names it::

        settlement_position:
          distribution: forecast
          table: korea-nuclear-2013
          models: [compromise]
          source: "where the six parties' positions settle (compromise model)"
    """

    distribution: Literal["forecast"]
    table: str = Field(description="A built-in actor table or a path to a .yaml/.csv table.")
    models: list[str] = Field(default_factory=lambda: ["compromise"], min_length=1)
    issue: str | None = Field(default=None, description="The issue (default: the first).")
    weights: list[float] | None = None
    options: dict[str, dict[str, str | float | int | bool]] = Field(
        default_factory=dict, description="Options of each model, keyed by model name."
    )

    @model_validator(mode="after")
    def _weights(self) -> ForecastSpec:
        if self.weights is not None:
            if len(self.weights) != len(self.models):
                raise ValueError(
                    f"weights has {len(self.weights)} entries but models has {len(self.models)}"
                )
            if any(w < 0 for w in self.weights) or sum(self.weights) <= 0:
                raise ValueError("weights must be non-negative and not all zero")
        return self


class ParameterSetting(_Strict):
    """A number or distribution with its provenance: a ``source`` or an ``assumption``.

    In YAML the distribution's fields sit beside ``source``/``assumption``::

        {distribution: uniform, low: 2, high: 6, assumption: "..."}

    ``distribution: forecast`` takes the value from a bargaining forecast instead
    (:class:`ForecastSpec`); the scenario resolves it to a number or a categorical choice.
    """

    dist: Distribution | None = None
    forecast_spec: ForecastSpec | None = None
    source: str | None = None
    assumption: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _split(cls, data: Any) -> Any:
        if isinstance(data, dict) and "dist" not in data and "forecast_spec" not in data:
            meta = {k: data[k] for k in ("source", "assumption") if k in data}
            rest = {k: v for k, v in data.items() if k not in ("source", "assumption")}
            if rest.get("distribution") == "forecast":
                return {**meta, "forecast_spec": rest}
            return {**meta, "dist": rest}
        if isinstance(data, int | float) and not isinstance(data, bool):
            raise ValueError(
                "a bare number has no provenance: write {value: ..., source: ...} "
                "or {value: ..., assumption: ...}"
            )
        return data

    @model_validator(mode="after")
    def _provenance(self) -> ParameterSetting:
        if (self.dist is None) == (self.forecast_spec is None):
            raise ValueError("give either a distribution or a forecast, not both")
        if not ((self.source or "").strip() or (self.assumption or "").strip()):
            raise ValueError("every value needs a 'source' (citation) or an 'assumption' note")
        return self


class MechanismConfig(_Strict):
    """A mechanism used by the scenario, and its parameter overrides."""

    enabled: bool = True
    rule: str | None = Field(
        default=None, description="Alternative decision rule of the mechanism, e.g. equilibrium."
    )
    game: str | None = Field(default=None, description="The solved game a rule takes.")
    parameters: dict[str, ParameterSetting] = Field(default_factory=dict)


class StrategyConfig(_Strict):
    """A strategy of the scenario: which registered rule, with which parameters."""

    rule: str | None = Field(default=None, description="Registered rule; defaults to the key.")
    description: str = ""
    parameters: dict[str, Any] = Field(default_factory=dict)


OutcomeKind = Literal["final", "total", "mean", "max", "min", "first_month"]


class OutcomeSpec(_Strict):
    """A per-run outcome: a reduction of one state variable over the months.

    Exactly one of ``final``, ``total``, ``mean``, ``max``, ``min`` or ``first_month`` names the
    state variable; ``first_month`` gives the first month (1-based) in which the variable is
    positive, or infinity if it never is within the horizon.
    """

    final: str | None = None
    total: str | None = None
    mean: str | None = None
    max: str | None = None
    min: str | None = None
    first_month: str | None = None
    unit: str
    description: str
    better: Literal["higher", "lower"] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> OutcomeSpec:
        given = [
            k
            for k in ("final", "total", "mean", "max", "min", "first_month")
            if getattr(self, k) is not None
        ]
        if len(given) != 1:
            raise ValueError(
                "give exactly one of final, total, mean, max, min, first_month "
                f"(found {', '.join(given) if given else 'none'})"
            )
        return self

    @property
    def kind(self) -> OutcomeKind:
        """Which reduction this outcome uses."""
        for k in ("final", "total", "mean", "max", "min", "first_month"):
            if getattr(self, k) is not None:
                return k
        raise AssertionError("unreachable: validated to have one kind")  # pragma: no cover

    @property
    def variable(self) -> str:
        """The state variable reduced."""
        value = getattr(self, self.kind)
        assert isinstance(value, str)
        return value


class ScenarioDocument(_Strict):
    """A whole scenario file after ``extends`` has been resolved."""

    schema_version: Literal[1] = Field(default=1, alias="stratagem")
    metadata: Metadata
    actors: dict[str, Actor] = Field(default_factory=dict)
    levers: dict[str, LeverSpec] = Field(default_factory=dict)
    state: dict[str, ParameterSetting] = Field(default_factory=dict)
    mechanisms: dict[str, MechanismConfig] = Field(min_length=1)
    strategies: dict[str, StrategyConfig] = Field(min_length=1)
    baseline: str
    outcomes: dict[str, OutcomeSpec] = Field(min_length=1)
    headline: str = Field(description="The outcome the summary leads with.")
    summary_outcomes: list[str] = Field(
        default_factory=list,
        description="Outcomes shown in the terminal summary (default: the first four).",
    )
    trajectories: list[str] = Field(default_factory=list)
    negotiations: list[str] = Field(
        default_factory=list,
        description="Actor tables (built-in names or paths) whose bargaining forecasts the "
        "report shows.",
    )

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    @field_validator("actors", "levers", "state", "mechanisms", "strategies", "outcomes")
    @classmethod
    def _identifiers(cls, value: dict[str, Any]) -> dict[str, Any]:
        for key in value:
            if not re.match(_IDENT, key):
                raise ValueError(
                    f"{key!r} is not a valid name: use lower-case letters, digits and '_', "
                    "starting with a letter"
                )
        return value
