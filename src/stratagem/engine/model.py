"""The building blocks the engine runs: state variables, parameters, mechanisms and strategies.

A **mechanism** is a pure function over the batch of runs: it reads state arrays, lever settings,
its own parameters and its uniform random draws for the month, and returns the new values of the
state variables it owns. A **strategy** is a pure function from the observed state of one
strategy's runs to lever settings. Both are described by frozen dataclasses that carry their
provenance, so the registry, the scenario validator, the report and the CLI all read the same
declarations.

Array shapes: state arrays are ``(n_strategies, n_runs)``; parameters are ``(n_runs,)`` arrays or
Python floats (fixed values); draws are ``(n_draws, n_runs)``; levers are ``(n_strategies, 1)`` or
``(n_strategies, n_runs)``. Everything broadcasts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel

from stratagem.distributions import Distribution, Fixed

Array: TypeAlias = NDArray[np.float64]
Value: TypeAlias = Array | float


@dataclass(frozen=True)
class StateVar:
    """A state variable owned (written) by one mechanism.

    ``initial`` is the default initial value; a scenario can override it (also with a
    distribution). ``kind`` tells the report how to show it.
    """

    name: str
    unit: str
    description: str
    initial: float = 0.0
    kind: Literal["level", "flow", "flag", "count"] = "level"


@dataclass(frozen=True)
class Parameter:
    """A parameter of a mechanism, with its default and where the default comes from.

    Exactly one of ``source`` (a citation) or ``assumption`` (a labelled modelling judgement)
    should say why the default is what it is.
    """

    name: str
    default: Distribution
    unit: str
    description: str
    source: str | None = None
    assumption: str | None = None

    def __post_init__(self) -> None:
        if not (self.source or self.assumption):
            raise ValueError(f"parameter {self.name!r} needs a source or an assumption")


def fixed(value: float) -> Fixed:
    """Shorthand for a fixed (known) parameter value."""
    return Fixed(value=value)


@dataclass(frozen=True)
class StepInput:
    """Everything a mechanism sees in one month."""

    state: Mapping[str, Array]
    levers: Mapping[str, Array]
    params: Mapping[str, Value]
    draws: Array
    month: int


StepFunction: TypeAlias = Callable[[StepInput], dict[str, Array]]


@dataclass(frozen=True)
class Mechanism:
    """A registered mechanism: its step function and everything it declares.

    Attributes
    ----------
    name:
        Registry key, also the key in scenario files.
    step:
        ``step(StepInput) -> {state_name: new_array}``; must return exactly the names in
        ``state`` and must not modify its inputs.
    state:
        The variables this mechanism owns (writes).
    reads:
        State variables owned by *other* mechanisms that it reads. When their owner is switched
        off they keep their initial values.
    levers:
        Names of scenario levers it reads.
    parameters:
        Its parameters with sourced defaults.
    draws:
        Uniform random numbers it needs per run per month.
    claims:
        The brief's claims (``C1`` .. ``C12``) this mechanism expresses.
    summary:
        One sentence for tables and the report.
    rules:
        Alternative step functions a scenario can choose with ``rule:`` (for example
        ``equilibrium``: the decision taken from a solved game instead of the reduced form).
        They own the same state and draw the same random numbers.
    games:
        Names of the games a ``rule`` can take its decision from (``game:`` in the scenario).
    """

    name: str
    step: StepFunction
    state: tuple[StateVar, ...]
    reads: tuple[str, ...] = ()
    levers: tuple[str, ...] = ()
    parameters: tuple[Parameter, ...] = ()
    draws: int = 0
    claims: tuple[str, ...] = ()
    summary: str = ""
    rules: Mapping[str, StepFunction] = field(default_factory=dict)
    games: tuple[str, ...] = ()

    def with_rule(self, rule: str) -> Mechanism:
        """The same mechanism stepping with the alternative rule ``rule``."""
        return replace(self, step=self.rules[rule])

    def parameter(self, name: str) -> Parameter:
        """The declared parameter called ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)


@dataclass(frozen=True)
class StrategyContext:
    """Everything a strategy rule sees in one month."""

    state: Mapping[str, Array]
    month: int
    params: Any


StrategyRule: TypeAlias = Callable[[StrategyContext], Mapping[str, Value]]


@dataclass(frozen=True)
class Strategy:
    """A registered strategy rule.

    Attributes
    ----------
    name:
        Registry key (a scenario's strategy entry names it as ``rule``).
    rule:
        ``rule(StrategyContext) -> {lever: value}``; levers it does not set keep the scenario's
        default.
    parameters:
        A pydantic model class validating the rule's parameters (the scenario's ``parameters``).
    sets:
        Levers the rule may set.
    summary:
        One sentence.
    provenance:
        The article passage or policy it encodes.
    tags:
        Classifier tags (e.g. ``{"uses_aid": True}``), tested like Axelrod's classifiers.
    sets_from_params:
        For generic rules whose levers depend on their parameters (a schedule), a function
        returning the levers a given parameterization sets; it replaces ``sets`` then.
    """

    name: str
    rule: StrategyRule
    parameters: type[BaseModel]
    sets: tuple[str, ...]
    summary: str
    provenance: str
    tags: Mapping[str, bool] = field(default_factory=dict)
    sets_from_params: Callable[[Any], tuple[str, ...]] | None = None

    def levers_set(self, params: BaseModel) -> tuple[str, ...]:
        """The levers this rule sets with ``params``."""
        if self.sets_from_params is not None:
            return tuple(self.sets_from_params(params))
        return self.sets
