"""The one way in: load a scenario, simulate strategies, get results.

The CLI, the report, the dashboard and the distributed runner all call these functions.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np

from stratagem._version import __version__
from stratagem.engine.random import BLOCK_RUNS, SeedLike, seed_sequence
from stratagem.engine.simulate import ChunkResult, chunks, simulate_chunk
from stratagem.errors import Problem, ScenarioError, did_you_mean
from stratagem.scenario.model import Scenario, load
from stratagem.scenario.serialize import document_to_data, to_yaml
from stratagem.store.results import Results
from stratagem.store.writer import ResultsWriter

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(runs_done, runs_total)`` after each chunk."""

#: Default runs per chunk: a multiple of the random block, small enough to stay in cache.
DEFAULT_CHUNK_SIZE = 8 * BLOCK_RUNS
#: Below this many run-months, extra worker processes cost more than they save.
_PARALLEL_THRESHOLD = 20_000_000


def _resolve_strategies(scenario: Scenario, strategies: Sequence[str] | str | None) -> list[str]:
    if strategies is None:
        return list(scenario.strategy_names())
    names = [strategies] if isinstance(strategies, str) else list(strategies)
    problems = []
    for name in names:
        if name not in scenario.strategies:
            problems.append(
                Problem(
                    f"scenario {scenario.name!r} has no strategy {name!r}",
                    path="strategies",
                    expected="one of " + ", ".join(scenario.strategy_names()),
                    hint=did_you_mean(name, scenario.strategy_names()),
                )
            )
    if problems:
        raise ScenarioError(problems)
    if not names:
        raise ScenarioError([Problem("no strategy to simulate", path="strategies")])
    return list(dict.fromkeys(names))


def _auto_workers(run_months: int) -> int:
    if run_months < _PARALLEL_THRESHOLD:
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def _process_context() -> multiprocessing.context.BaseContext:
    """The start method for worker processes.

    Fork where it is safe (POSIX, Python < 3.12, no other Python threads): workers start at
    once and inherit strategies registered interactively. From Python 3.12 forking a process with
    native threads (BLAS pools) is deprecated, so use the fork server there, and spawn elsewhere;
    both re-import the modules that registered custom strategies.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and sys.version_info < (3, 12) and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


def _run_chunk(args: tuple[Any, ...]) -> ChunkResult:
    scenario, strategies, root, start, stop, kwargs = args
    return simulate_chunk(scenario, strategies, root, start, stop, **kwargs)


def simulate(
    scenario: Scenario | str | Path = "korea-2013",
    *,
    strategies: Sequence[str] | str | None = None,
    runs: int = 1000,
    seed: SeedLike = None,
    out: str | Path | None = None,
    chunk_size: int | None = None,
    workers: int | None = None,
    trajectory_runs: int = 500,
    trajectory_every: int = 1,
    progress: ProgressCallback | None = None,
) -> Results:
    """Simulate ``strategies`` of ``scenario`` on ``runs`` common-random-number runs.

    Parameters
    ----------
    scenario:
        A :class:`~stratagem.scenario.Scenario`, a built-in case name or a path to a YAML file.
    strategies:
        Strategy names of the scenario (default: all of them, in file order).
    runs:
        Runs per strategy. Strategies share the runs' sampled parameters and random numbers.
    seed:
        Integer seed (or ``SeedSequence``); ``None`` draws fresh entropy and records it.
    out:
        Results directory (replaced atomically if it holds earlier results). Default: a
        temporary directory removed when the returned object is garbage-collected.
    chunk_size:
        Runs simulated together; any value gives identical results (multiples of 1024 are
        fastest). Bounds memory.
    workers:
        Worker processes (default: 1 for small jobs, else the number of cores).
    trajectory_runs, trajectory_every:
        Record full state trajectories for the first ``trajectory_runs`` runs, every
        ``trajectory_every`` months.
    progress:
        ``progress(runs_done, runs_total)`` callback.

    Returns
    -------
    Results
        Per-run outcomes, sampled inputs, trajectories and summaries.
    """
    if not isinstance(scenario, Scenario):
        scenario = load(scenario)
    names = _resolve_strategies(scenario, strategies)
    if not isinstance(runs, int) or isinstance(runs, bool) or runs < 1:
        raise ValueError(f"runs must be a positive integer, got {runs!r}")
    chunk_size = DEFAULT_CHUNK_SIZE if chunk_size is None else int(chunk_size)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be positive, got {chunk_size}")
    if trajectory_every < 1:
        raise ValueError(f"trajectory_every must be positive, got {trajectory_every}")
    root = seed_sequence(seed)
    horizon = scenario.horizon_months
    run_months = runs * len(names) * horizon
    n_workers = _auto_workers(run_months) if workers is None else max(1, int(workers))
    n_workers = min(n_workers, -(-runs // chunk_size))

    owned = out is None
    out_path = Path(tempfile.mkdtemp(prefix="stratagem-")) if owned else Path(out)  # type: ignore[arg-type]
    writer = ResultsWriter(out_path, names, list(scenario.outcomes))
    kwargs = {
        "trajectory_runs": trajectory_runs,
        "trajectory_every": trajectory_every,
        "trajectory_variables": tuple(scenario.document.trajectories),
    }
    started = time.perf_counter()
    done = 0
    try:
        tasks = [(scenario, names, root, a, b, kwargs) for a, b in chunks(runs, chunk_size)]
        if n_workers == 1:
            for task in tasks:
                result = _run_chunk(task)
                writer.write(result)
                done += result.stop - result.start
                if progress:
                    progress(done, runs)
        else:
            context = _process_context()
            with ProcessPoolExecutor(n_workers, mp_context=context) as pool:
                pending: list[Future[ChunkResult]] = []
                queue = iter(tasks)
                for task in queue:
                    pending.append(pool.submit(_run_chunk, task))
                    if len(pending) >= 2 * n_workers:
                        break
                while pending:
                    result = pending.pop(0).result()
                    writer.write(result)
                    done += result.stop - result.start
                    if progress:
                        progress(done, runs)
                    nxt = next(queue, None)
                    if nxt is not None:
                        pending.append(pool.submit(_run_chunk, nxt))
        elapsed = time.perf_counter() - started
        manifest = {
            "stratagem_version": __version__,
            "numpy_version": np.__version__,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "scenario": {
                "name": scenario.name,
                "title": scenario.document.metadata.title,
                "start": scenario.document.metadata.start,
                "horizon_months": horizon,
                "files": list(scenario.sources),
                "disabled_mechanisms": list(scenario.disabled),
            },
            "strategies": names,
            "baseline": scenario.baseline,
            "headline": scenario.document.headline,
            "summary_outcomes": list(scenario.document.summary_outcomes)
            or list(scenario.outcomes)[:4],
            "runs": runs,
            "seed": {"entropy": root.entropy, "spawn_key": list(root.spawn_key)},
            "chunk_size": chunk_size,
            "workers": n_workers,
            "elapsed_seconds": elapsed,
            "run_months": run_months,
            "run_months_per_second": run_months / elapsed if elapsed > 0 else None,
            "outcomes": {
                name: {
                    "kind": spec.kind,
                    "variable": spec.variable,
                    "unit": spec.unit,
                    "description": spec.description,
                    "better": spec.better,
                }
                for name, spec in scenario.outcomes.items()
            },
            "trajectories": {
                "runs": min(trajectory_runs, runs),
                "every": trajectory_every,
                "variables": list(scenario.document.trajectories),
            },
        }
        path = writer.close(manifest, to_yaml(document_to_data(scenario.document)))
    except BaseException:
        writer.abort()
        raise
    return Results(path, _owned=owned)
