"""The vectorized engine: runs x months, all strategies side by side on common random numbers.

One *chunk* of runs is simulated at a time. Inside a chunk every state variable is an array of
shape ``(n_strategies, n_runs)``: the strategies share the runs' parameter draws and random
numbers (common random numbers by construction), each month every strategy sets its levers from
its own runs' state, then every enabled mechanism advances the state in scenario order. Random
numbers come from per-block streams (:mod:`stratagem.engine.random`), so a run's history depends
only on (scenario, strategy, seed, run index), never on the chunk size or the worker count.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from stratagem.engine.model import Array, Mechanism, StepInput, StrategyContext, Value
from stratagem.engine.random import PARAMETERS, DynamicStream, draw_runs
from stratagem.scenario.model import ResolvedValue, Scenario


class EngineError(RuntimeError):
    """A mechanism or strategy broke the engine contract (a bug in that code, not in the data)."""


@dataclass(frozen=True)
class ChunkResult:
    """What one chunk of runs produced.

    Attributes
    ----------
    start, stop:
        Global run indices ``start .. stop-1``.
    experiments:
        Per-run sampled values of the uncertain inputs, ``{"mechanism.parameter": (n,)}``.
    outcomes:
        ``{outcome: (n_strategies, n)}``.
    trajectories:
        ``{variable: (n_strategies, n_recorded_runs, n_recorded_months)}``; empty if none.
    months:
        The months (0 = initial state) at which trajectories were recorded.
    """

    start: int
    stop: int
    experiments: dict[str, Array]
    outcomes: dict[str, Array]
    trajectories: dict[str, Array]
    months: Array


def _sample(
    root: np.random.SeedSequence, name: str, value: ResolvedValue, start: int, stop: int
) -> Value:
    if not value.is_uncertain:
        return float(value.distribution.mean)
    return draw_runs(root, PARAMETERS, name, start, stop, value.distribution.sample)


def sample_inputs(
    scenario: Scenario, root: np.random.SeedSequence, start: int, stop: int
) -> tuple[dict[str, dict[str, Value]], dict[str, Value]]:
    """Per-mechanism parameters and initial state for runs ``start .. stop-1``."""
    params: dict[str, dict[str, Value]] = {m.name: {} for m in scenario.mechanisms}
    for (mechanism, name), value in scenario.parameters.items():
        if mechanism in params:
            params[mechanism][name] = _sample(root, f"{mechanism}.{name}", value, start, stop)
    initial = {
        name: _sample(root, f"state.{name}", value, start, stop)
        for name, value in scenario.initial_state.items()
    }
    return params, initial


def _check_step(mechanism: Mechanism, result: Mapping[str, Array]) -> None:
    owned = {v.name for v in mechanism.state}
    if set(result) != owned:
        missing, extra = owned - set(result), set(result) - owned
        raise EngineError(
            f"mechanism {mechanism.name!r} returned the wrong variables: "
            f"missing {sorted(missing)}, unexpected {sorted(extra)}"
        )


def simulate_chunk(
    scenario: Scenario,
    strategies: Sequence[str],
    root: np.random.SeedSequence,
    start: int,
    stop: int,
    *,
    trajectory_runs: int = 0,
    trajectory_every: int = 1,
    trajectory_variables: Sequence[str] = (),
) -> ChunkResult:
    """Simulate runs ``start .. stop-1`` of every strategy in ``strategies``."""
    n = stop - start
    n_strategies = len(strategies)
    horizon = scenario.horizon_months
    params, initial = sample_inputs(scenario, root, start, stop)

    state: dict[str, Array] = {}
    for name, value in initial.items():
        state[name] = np.empty((n_strategies, n), dtype=np.float64)
        state[name][...] = value
    views = [{name: array[s] for name, array in state.items()} for s in range(n_strategies)]

    resolved = [scenario.strategies[name] for name in strategies]
    lever_specs = scenario.levers
    allowed = [set(r.strategy.levers_set(r.params)) for r in resolved]
    setters = set().union(*allowed)
    levers: dict[str, Array] = {}
    for name, lever_spec in lever_specs.items():
        shape = (n_strategies, n) if name in setters else (n_strategies, 1)
        levers[name] = np.full(shape, lever_spec.default, dtype=np.float64)

    no_draws = np.empty((0, n))
    streams = [
        (m, DynamicStream(root, m.name, m.draws, start, stop) if m.draws else None)
        for m in scenario.mechanisms
    ]

    outcome_specs = scenario.outcomes
    accumulators: dict[str, Array] = {}
    for name, spec in outcome_specs.items():
        fill = {"total": 0.0, "mean": 0.0, "max": -np.inf, "min": np.inf, "first_month": np.inf}
        if spec.kind != "final":
            accumulators[name] = np.full((n_strategies, n), fill[spec.kind])

    record_runs = max(0, min(stop, trajectory_runs) - start)
    record_months = [0, *range(trajectory_every, horizon + 1, trajectory_every)]
    if record_months[-1] != horizon:
        record_months.append(horizon)
    trajectories = (
        {v: np.empty((n_strategies, record_runs, len(record_months))) for v in trajectory_variables}
        if record_runs
        else {}
    )
    record_index = {m: i for i, m in enumerate(record_months)}

    def record(month: int) -> None:
        i = record_index.get(month)
        if i is not None:
            for var, array in trajectories.items():
                array[:, :, i] = state[var][:, :record_runs]

    record(0)
    checked = False
    for month in range(horizon):
        for s, strategy in enumerate(resolved):
            context = StrategyContext(views[s], month, strategy.params)
            for lever, value in strategy.strategy.rule(context).items():
                if lever not in allowed[s]:
                    raise EngineError(
                        f"strategy rule {strategy.strategy.name!r} set lever {lever!r}, which is "
                        f"not among the levers it declares ({', '.join(sorted(allowed[s]))})"
                    )
                bounds = lever_specs[lever]
                target = levers[lever][s]
                target[...] = value
                if bounds.low is not None or bounds.high is not None:
                    np.clip(target, bounds.low, bounds.high, out=target)
        for mechanism, stream in streams:
            draws = stream.next_month() if stream is not None else no_draws
            result = mechanism.step(StepInput(state, levers, params[mechanism.name], draws, month))
            if not checked:
                _check_step(mechanism, result)
            for name, value in result.items():
                target = state[name]
                if (
                    isinstance(value, np.ndarray)
                    and value.shape == target.shape
                    and value.dtype == np.float64
                    and value.flags.writeable
                    and value.base is None
                ):
                    state[name] = value  # a fresh array: adopt it instead of copying
                else:
                    np.copyto(target, value)
        checked = True
        views = [{name: array[s] for name, array in state.items()} for s in range(n_strategies)]
        for name, spec in outcome_specs.items():
            x = state[spec.variable]
            kind = spec.kind
            if kind in ("total", "mean"):
                accumulators[name] += x
            elif kind == "max":
                np.maximum(accumulators[name], x, out=accumulators[name])
            elif kind == "min":
                np.minimum(accumulators[name], x, out=accumulators[name])
            elif kind == "first_month":
                acc = accumulators[name]
                acc[np.isinf(acc) & (x > 0)] = month + 1
        if trajectories:
            record(month + 1)

    outcomes: dict[str, Array] = {}
    for name, spec in outcome_specs.items():
        if spec.kind == "final":
            outcomes[name] = state[spec.variable].copy()
        elif spec.kind == "mean":
            outcomes[name] = accumulators[name] / horizon
        else:
            outcomes[name] = accumulators[name]

    experiments: dict[str, Array] = {}
    for (owner, name), resolved_value in scenario.parameters.items():
        if resolved_value.is_uncertain and owner in params:
            experiments[f"{owner}.{name}"] = np.asarray(params[owner][name])
    for name, resolved_value in scenario.initial_state.items():
        if resolved_value.is_uncertain:
            experiments[f"state.{name}"] = np.asarray(initial[name])
    return ChunkResult(
        start, stop, experiments, outcomes, trajectories, np.asarray(record_months, dtype=float)
    )


def chunks(runs: int, chunk_size: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` pairs covering ``0 .. runs-1``.

    >>> list(chunks(10, 4))
    [(0, 4), (4, 8), (8, 10)]
    """
    for start in range(0, runs, chunk_size):
        yield start, min(start + chunk_size, runs)
