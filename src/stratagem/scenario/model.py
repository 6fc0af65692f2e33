"""A validated, resolved scenario: the typed object the engine runs.

:func:`load` reads a file (or a built-in case), validates its shape, then checks it against the
registered mechanisms and strategies: every name must exist, every lever a mechanism reads must
be declared, every strategy's parameters must validate, every outcome must reduce a known state
variable. All problems are reported together, each located in its file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ValidationError

from stratagem.distributions import Categorical, Distribution, Fixed
from stratagem.engine import registry
from stratagem.engine.model import Mechanism, Strategy
from stratagem.errors import Problem, ScenarioError, did_you_mean
from stratagem.scenario.document import (
    ForecastSpec,
    LeverSpec,
    MechanismConfig,
    OutcomeSpec,
    ParameterSetting,
    ScenarioDocument,
)
from stratagem.scenario.loader import SourceFile, dotted, locate, problem_from_error, read_document


@dataclass(frozen=True)
class ResolvedValue:
    """A parameter or initial value with its distribution and provenance."""

    distribution: Distribution
    unit: str
    description: str
    source: str | None
    assumption: str | None
    origin: Literal["default", "scenario"]

    @property
    def is_uncertain(self) -> bool:
        """Whether the value is a distribution rather than a fixed number."""
        return self.distribution.distribution != "fixed"


@dataclass(frozen=True)
class ResolvedStrategy:
    """A scenario strategy: its registered rule and validated parameters."""

    name: str
    strategy: Strategy
    params: BaseModel
    description: str


@dataclass(frozen=True)
class Scenario:
    """A scenario ready to simulate.

    Build one with :func:`stratagem.load`; derive variants with :meth:`without` and
    :meth:`with_value` rather than editing files.
    """

    document: ScenarioDocument
    mechanisms: tuple[Mechanism, ...]
    disabled: tuple[str, ...]
    parameters: Mapping[tuple[str, str], ResolvedValue]
    initial_state: Mapping[str, ResolvedValue]
    strategies: Mapping[str, ResolvedStrategy]
    sources: tuple[str, ...] = field(default=())

    @property
    def name(self) -> str:
        """The scenario's short name."""
        return self.document.metadata.name

    @property
    def horizon_months(self) -> int:
        """Months simulated."""
        return self.document.metadata.horizon_months

    @property
    def baseline(self) -> str:
        """The strategy others are compared with."""
        return self.document.baseline

    @property
    def levers(self) -> Mapping[str, LeverSpec]:
        """The scenario's levers."""
        return self.document.levers

    @property
    def outcomes(self) -> Mapping[str, OutcomeSpec]:
        """The per-run outcomes reported."""
        return self.document.outcomes

    @property
    def state_variables(self) -> tuple[str, ...]:
        """Every state variable the simulation carries, in a stable order."""
        return tuple(self.initial_state)

    def without(self, *mechanisms: str) -> Scenario:
        """The same scenario with ``mechanisms`` switched off (their state keeps its initial value).

        >>> import stratagem
        >>> s = stratagem.load("korea-2013").without("china_pressure")
        >>> "china_pressure" in [m.name for m in s.mechanisms]
        False
        """
        known = {m.name for m in self.mechanisms}
        unknown = [m for m in mechanisms if m not in known]
        if unknown:
            hint = did_you_mean(unknown[0], known)
            raise ScenarioError(
                [
                    Problem(
                        f"no enabled mechanism called {unknown[0]!r}",
                        path="mechanisms",
                        expected="one of " + ", ".join(sorted(known)),
                        hint=hint,
                    )
                ]
            )
        kept = tuple(m for m in self.mechanisms if m.name not in mechanisms)
        configs = dict(self.document.mechanisms)
        for name in mechanisms:
            configs[name] = configs[name].model_copy(update={"enabled": False})
        # The document follows, so that the scenario written beside results is the one run.
        document = self.document.model_copy(update={"mechanisms": configs})
        return replace(
            self, document=document, mechanisms=kept, disabled=(*self.disabled, *mechanisms)
        )

    def with_value(
        self, mechanism: str, parameter: str, distribution: Distribution, *, note: str
    ) -> Scenario:
        """The same scenario with one parameter replaced (``note`` records why)."""
        key = (mechanism, parameter)
        if key not in self.parameters:
            choices = [f"{m}.{p}" for m, p in self.parameters]
            raise ScenarioError(
                [
                    Problem(
                        f"no parameter {mechanism}.{parameter}",
                        path="mechanisms",
                        hint=did_you_mean(f"{mechanism}.{parameter}", choices),
                    )
                ]
            )
        old = self.parameters[key]
        new = replace(
            old, distribution=distribution, source=None, assumption=note, origin="scenario"
        )
        configs = dict(self.document.mechanisms)
        config = configs[mechanism]
        settings = {
            **config.parameters,
            parameter: ParameterSetting(dist=distribution, assumption=note),
        }
        configs[mechanism] = config.model_copy(update={"parameters": settings})
        document = self.document.model_copy(update={"mechanisms": configs})
        return replace(self, document=document, parameters={**self.parameters, key: new})

    def strategy_names(self) -> tuple[str, ...]:
        """Strategies of the scenario in file order."""
        return tuple(self.strategies)


def _setting(value: ParameterSetting, unit: str, description: str) -> ResolvedValue:
    if value.dist is None:  # a forecast: resolve_forecast replaces it before this is called
        raise TypeError("a forecast setting must be resolved with resolve_forecast first")
    return ResolvedValue(value.dist, unit, description, value.source, value.assumption, "scenario")


def table_reference(reference: str, base: Path | None) -> str:
    """An actor-table reference as the scenario means it.

    A path relative to ``base`` (the directory of the file that names it) becomes absolute, so
    that the scenario written beside results still finds the table; built-in names and absolute
    paths are kept.
    """
    candidate = Path(reference)
    if base is not None and not candidate.is_absolute() and (base / candidate).is_file():
        return str((base / candidate).resolve())
    return reference


def resolve_forecast(spec: ForecastSpec) -> tuple[Distribution, str]:
    """The distribution a forecast setting stands for, and a note of the forecasts behind it.

    One model gives a fixed value; several give a categorical choice among their forecasts
    (decision D41). Raises :class:`ValueError` or :class:`~stratagem.errors.ScenarioError` with
    what is wrong with the table, the models or their options.
    """
    from stratagem.bargaining import forecast, read_table

    table = read_table(spec.table)
    outcomes = [
        forecast(table, model, issue=spec.issue, **spec.options.get(model, {})).outcome
        for model in spec.models
    ]
    issue = spec.issue or table.issues[0].name
    note = f"forecast of actor table {table.name!r} on {issue!r}: " + ", ".join(
        f"{model} {value:.4g}" for model, value in zip(spec.models, outcomes, strict=True)
    )
    if len(outcomes) == 1:
        return Fixed(value=outcomes[0]), note
    return Categorical(distribution="categorical", values=outcomes, weights=spec.weights), note


Loc = tuple[str | int, ...]


class _Resolution:
    """One pass of checks of a document against the registries, collecting every problem.

    Each section of the file has its method; :func:`resolve` calls them in order and raises
    once, with all the problems, at the end.
    """

    def __init__(self, document: ScenarioDocument, chain: list[SourceFile]) -> None:
        self.document = document
        self.chain = chain
        self.problems: list[Problem] = []
        self.known_mechanisms = registry.registered_mechanisms()
        self.known_strategies = registry.registered_strategies()
        self.owners = registry.state_owners()

    def problem(self, loc: Loc, message: str, **kw: Any) -> None:
        file, line, column = locate(self.chain, loc) if self.chain else (None, None, None)
        self.problems.append(Problem(message, dotted(loc), file, line, column, **kw))

    def base_directory(self, loc: Loc) -> Path | None:
        """Directory of the file of the chain that holds ``loc`` (None: built-in or no file)."""
        if not self.chain:
            return None
        name = locate(self.chain, loc)[0]
        path = next((source.path for source in self.chain if source.name == name), None)
        return path.parent if path is not None else None

    # -- mechanisms and their parameters -------------------------------------------------------

    def forecast_setting(
        self, setting: ParameterSetting, spec: ForecastSpec, loc: Loc
    ) -> ParameterSetting | None:
        """The setting with its forecast computed (None, with problems noted, if it fails)."""
        spec = spec.model_copy(
            update={"table": table_reference(spec.table, self.base_directory((*loc, "table")))}
        )
        try:
            distribution, note = resolve_forecast(spec)
        except ScenarioError as exc:
            for inner in exc.problems:
                self.problem(
                    (*loc, "table"),
                    f"actor table {spec.table!r}: {inner.message}"
                    + (f" ({inner.file}:{inner.line}, {inner.path})" if inner.line else ""),
                    expected=inner.expected,
                    hint=inner.hint,
                )
            return None
        except ValueError as exc:
            self.problem(loc, f"cannot forecast from actor table {spec.table!r}: {exc}")
            return None
        provenance = "; ".join(x for x in (setting.source, note) if x)
        # The resolved document records the value used, so results never depend on the table.
        return ParameterSetting(dist=distribution, source=provenance, assumption=setting.assumption)

    def mechanism_rule(self, name: str, mechanism: Mechanism, config: MechanismConfig) -> Mechanism:
        """The mechanism with the file's rule (and game) checked and applied."""
        if config.rule is not None:
            if config.rule not in mechanism.rules:
                choices = sorted(mechanism.rules)
                self.problem(
                    ("mechanisms", name, "rule"),
                    f"mechanism {name!r} has no rule {config.rule!r}",
                    expected="one of " + ", ".join(choices)
                    if choices
                    else "no rule: this mechanism has a single form",
                    hint=did_you_mean(config.rule, choices),
                )
            else:
                mechanism = mechanism.with_rule(config.rule)
        if config.game is not None and config.game not in mechanism.games:
            choices = list(mechanism.games)
            self.problem(
                ("mechanisms", name, "game"),
                f"mechanism {name!r} takes no game {config.game!r}",
                expected="one of " + ", ".join(choices) if choices else "no game",
                hint=did_you_mean(config.game, choices),
            )
        if config.game is not None and config.rule is None:
            self.problem(
                ("mechanisms", name, "game"),
                "a game needs a rule that uses it",
                expected="rule: equilibrium (or another rule of the mechanism)",
            )
        return mechanism

    def mechanisms(
        self,
    ) -> tuple[
        list[Mechanism],
        list[str],
        dict[tuple[str, str], ResolvedValue],
        dict[tuple[str, str], ParameterSetting],
    ]:
        """Enabled mechanisms, disabled names, every parameter, and the forecast settings."""
        enabled: list[Mechanism] = []
        disabled: list[str] = []
        parameters: dict[tuple[str, str], ResolvedValue] = {}
        forecast_settings: dict[tuple[str, str], ParameterSetting] = {}
        for name, config in self.document.mechanisms.items():
            mechanism = self.known_mechanisms.get(name)
            if mechanism is None:
                self.problem(
                    ("mechanisms", name),
                    f"unknown mechanism {name!r}",
                    expected="one of " + ", ".join(sorted(self.known_mechanisms)),
                    hint=did_you_mean(name, self.known_mechanisms),
                )
                continue
            declared = {p.name: p for p in mechanism.parameters}
            for pname in config.parameters:
                if pname not in declared:
                    self.problem(
                        ("mechanisms", name, "parameters", pname),
                        f"mechanism {name!r} has no parameter {pname!r}",
                        expected="one of " + ", ".join(sorted(declared)),
                        hint=did_you_mean(pname, declared),
                    )
            for p in mechanism.parameters:
                override = config.parameters.get(p.name)
                if override is not None and override.forecast_spec is not None:
                    loc = ("mechanisms", name, "parameters", p.name)
                    override = self.forecast_setting(override, override.forecast_spec, loc)
                    if override is None:
                        continue
                    forecast_settings[(name, p.name)] = override
                parameters[(name, p.name)] = (
                    _setting(override, p.unit, p.description)
                    if override is not None
                    else ResolvedValue(
                        p.default, p.unit, p.description, p.source, p.assumption, "default"
                    )
                )
            mechanism = self.mechanism_rule(name, mechanism, config)
            if config.enabled:
                enabled.append(mechanism)
            else:
                disabled.append(name)
        return enabled, disabled, parameters, forecast_settings

    # -- state -----------------------------------------------------------------------------------

    def initial_state(
        self, enabled: list[Mechanism], disabled: list[str]
    ) -> dict[str, ResolvedValue]:
        """Initial values of everything owned or read by the scenario's mechanisms."""
        needed: dict[str, None] = {}
        for mechanism in enabled:
            for var in mechanism.state:
                needed[var.name] = None
            for var_name in mechanism.reads:
                needed[var_name] = None
        for name in disabled:
            for var in self.known_mechanisms[name].state:
                needed[var.name] = None
        variables = {v.name: v for m in self.known_mechanisms.values() for v in m.state}
        for var_name in list(needed):
            if var_name not in variables:
                self.problem(
                    ("mechanisms",),
                    f"a mechanism reads {var_name!r}, which no registered mechanism owns",
                )
                needed.pop(var_name)
        initial: dict[str, ResolvedValue] = {}
        for var_name in needed:
            var = variables[var_name]
            state_setting = self.document.state.get(var_name)
            if state_setting is not None and state_setting.forecast_spec is not None:
                self.problem(
                    ("state", var_name, "distribution"),
                    "a forecast can set a mechanism parameter, not an initial state",
                    expected="a number or a distribution",
                )
                state_setting = None
            initial[var_name] = (
                _setting(state_setting, var.unit, var.description)
                if state_setting is not None
                else ResolvedValue(
                    Fixed(value=var.initial),
                    var.unit,
                    var.description,
                    f"default initial value of {self.owners[var_name]}",
                    None,
                    "default",
                )
            )
        for var_name in self.document.state:
            if var_name not in needed:
                hint = did_you_mean(var_name, needed) or did_you_mean(var_name, variables)
                self.problem(
                    ("state", var_name),
                    f"no mechanism of this scenario uses state {var_name!r}",
                    expected="one of " + ", ".join(sorted(needed)),
                    hint=hint,
                )
        return initial

    # -- levers, strategies, outcomes --------------------------------------------------------------

    def levers(self, enabled: list[Mechanism]) -> None:
        """Every lever has a known actor; every lever a mechanism reads is declared."""
        document = self.document
        for lever_name, lever in document.levers.items():
            if document.actors and lever.actor not in document.actors:
                self.problem(
                    ("levers", lever_name, "actor"),
                    f"unknown actor {lever.actor!r}",
                    expected="one of " + ", ".join(document.actors),
                    hint=did_you_mean(lever.actor, document.actors),
                )
        for mechanism in enabled:
            for lever_name in mechanism.levers:
                if lever_name not in document.levers:
                    self.problem(
                        ("levers",),
                        f"mechanism {mechanism.name!r} reads lever {lever_name!r}, "
                        "which the scenario does not declare",
                        hint=did_you_mean(lever_name, document.levers),
                    )

    def strategies(self) -> dict[str, ResolvedStrategy]:
        """Each strategy's rule found and its parameters validated; the baseline among them."""
        document = self.document
        strategies: dict[str, ResolvedStrategy] = {}
        for name, strategy_config in document.strategies.items():
            rule_name = strategy_config.rule or name
            strategy = self.known_strategies.get(rule_name)
            loc: Loc = ("strategies", name) + (("rule",) if strategy_config.rule else ())
            if strategy is None:
                self.problem(
                    loc,
                    f"unknown strategy rule {rule_name!r}",
                    expected="one of " + ", ".join(sorted(self.known_strategies)),
                    hint=did_you_mean(rule_name, self.known_strategies),
                )
                continue
            try:
                params = strategy.parameters.model_validate(strategy_config.parameters)
            except ValidationError as exc:
                prefix: Loc = ("strategies", name, "parameters")
                for error in exc.errors():
                    self.problems.append(
                        problem_from_error(error, self.chain, strategy.parameters, prefix)
                        if self.chain
                        else Problem(error["msg"], dotted((*prefix, *error["loc"])))
                    )
                continue
            for lever_name in strategy.levers_set(params):
                if lever_name not in document.levers:
                    self.problem(
                        ("strategies", name),
                        f"strategy rule {rule_name!r} sets lever {lever_name!r}, which the "
                        "scenario does not declare",
                        expected="one of " + ", ".join(document.levers),
                        hint=did_you_mean(lever_name, document.levers),
                    )
            strategies[name] = ResolvedStrategy(
                name, strategy, params, strategy_config.description or strategy.summary
            )
        if document.baseline not in document.strategies:
            self.problem(
                ("baseline",),
                f"baseline {document.baseline!r} is not one of the strategies",
                expected="one of " + ", ".join(document.strategies),
                hint=did_you_mean(document.baseline, document.strategies),
            )
        return strategies

    def outcomes(self, initial: Mapping[str, ResolvedValue]) -> None:
        """Outcomes, the headline, summary outcomes and trajectories name known things."""
        document = self.document
        for name, outcome in document.outcomes.items():
            if outcome.variable not in initial:
                self.problem(
                    ("outcomes", name, outcome.kind),
                    f"unknown state variable {outcome.variable!r}",
                    expected="a state variable of this scenario",
                    hint=did_you_mean(outcome.variable, initial),
                )
        if document.headline not in document.outcomes:
            self.problem(
                ("headline",),
                f"headline {document.headline!r} is not one of the outcomes",
                hint=did_you_mean(document.headline, document.outcomes),
            )
        for i, outcome_name in enumerate(document.summary_outcomes):
            if outcome_name not in document.outcomes:
                self.problem(
                    ("summary_outcomes", i),
                    f"unknown outcome {outcome_name!r}",
                    expected="one of " + ", ".join(document.outcomes),
                    hint=did_you_mean(outcome_name, document.outcomes),
                )
        for i, var_name in enumerate(document.trajectories):
            if var_name not in initial:
                self.problem(
                    ("trajectories", i),
                    f"unknown state variable {var_name!r}",
                    hint=did_you_mean(var_name, initial),
                )

    def negotiations(self) -> list[str]:
        """The report's actor tables, found now rather than when the report is built."""
        from stratagem.bargaining import read_table

        resolved: list[str] = []
        for i, reference in enumerate(self.document.negotiations):
            path = table_reference(reference, self.base_directory(("negotiations", i)))
            try:
                read_table(path)
            except ScenarioError as exc:
                first = exc.problems[0]
                self.problem(
                    ("negotiations", i),
                    f"actor table {reference!r}: {first.message}",
                    expected=first.expected,
                    hint=first.hint,
                )
            resolved.append(path)
        return resolved


def resolve(document: ScenarioDocument, chain: list[SourceFile] | None = None) -> Scenario:
    """Check ``document`` against the registries and build a :class:`Scenario`.

    Raises :class:`~stratagem.errors.ScenarioError` with every problem found, each located in
    the files of ``chain`` (the file and the files it extends).
    """
    chain = chain or []
    check = _Resolution(document, chain)
    enabled, disabled, parameters, forecast_settings = check.mechanisms()
    initial = check.initial_state(enabled, disabled)
    check.levers(enabled)
    strategies = check.strategies()
    check.outcomes(initial)
    negotiations = check.negotiations()
    if check.problems:
        raise ScenarioError(check.problems)
    # The document follows what was resolved: forecast values, table paths that still resolve
    # when the scenario is written beside results and read back from there.
    if forecast_settings or negotiations != document.negotiations:
        configs = dict(document.mechanisms)
        for (name, pname), setting in forecast_settings.items():
            config = configs[name]
            configs[name] = config.model_copy(
                update={"parameters": {**config.parameters, pname: setting}}
            )
        document = document.model_copy(update={"mechanisms": configs, "negotiations": negotiations})
    return Scenario(
        document=document,
        mechanisms=tuple(enabled),
        disabled=tuple(disabled),
        parameters=parameters,
        initial_state=initial,
        strategies=strategies,
        sources=tuple(s.name for s in chain),
    )


def load(reference: str | Path = "korea-2013") -> Scenario:
    """Load a scenario by built-in name (``"korea-2013"``) or path to a YAML file.

    Raises :class:`~stratagem.errors.ScenarioError` listing every problem found.

    >>> import stratagem
    >>> stratagem.load("korea-2013").horizon_months
    120
    """
    document, chain = read_document(reference)
    return resolve(document, chain)
