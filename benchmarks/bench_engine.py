"""Engine throughput in run-months per second, against a hand-written numba kernel.

Both implementations run korea-2013's monthly step (six mechanisms, three strategies) on the same
runs, the same sampled parameters and the same random numbers, in the same process; the script
checks that they agree before reporting speeds. Run::

    python benchmarks/bench_engine.py [--runs 8192] [--end-to-end-runs 100000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

import stratagem
from numba_kernel import simulate_chunk_numba
from stratagem.engine.random import seed_sequence
from stratagem.engine.simulate import simulate_chunk


def best_of(function, repeat: int) -> float:
    """Best wall time of ``repeat`` calls (after one warm-up call)."""
    function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=8192, help="runs per timed chunk")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--end-to-end-runs", type=int, default=100_000)
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()

    console = Console()
    scenario = stratagem.load("korea-2013")
    names = list(scenario.strategy_names())
    root = seed_sequence(2026)
    run_months = args.runs * len(names) * scenario.horizon_months

    engine = simulate_chunk(scenario, names, root, 0, args.runs).outcomes
    kernel = simulate_chunk_numba(scenario, names, root, 0, args.runs)
    agreement = {k: float(np.mean(np.isclose(engine[k], kernel[k], rtol=1e-12))) for k in kernel}
    if min(agreement.values()) < 0.999:
        console.print(f"[red]engine and numba kernel disagree:[/] {agreement}")
        raise SystemExit(1)

    t_engine = best_of(lambda: simulate_chunk(scenario, names, root, 0, args.runs), args.repeat)
    t_kernel = best_of(
        lambda: simulate_chunk_numba(scenario, names, root, 0, args.runs), args.repeat
    )
    cores = os.cpu_count() or 1
    start = time.perf_counter()
    results = stratagem.simulate(
        scenario, runs=args.end_to_end_runs, seed=1, workers=cores, trajectory_runs=0
    )
    t_total = time.perf_counter() - start
    total_run_months = results.manifest["run_months"]

    figures = {
        "runs_per_chunk": args.runs,
        "run_months_per_chunk": run_months,
        "engine_1_core": run_months / t_engine,
        "numba_kernel_1_core": run_months / t_kernel,
        "ratio_1_core": t_kernel / t_engine,
        "simulate_end_to_end": total_run_months / t_total,
        "simulate_engine_time": results.manifest["run_months_per_second"],
        "end_to_end_runs": args.end_to_end_runs,
        "workers": results.manifest["workers"],
        "cores": cores,
        "agreement_min": min(agreement.values()),
    }
    table = Table(title=f"korea-2013 engine throughput ({cores} cores)")
    table.add_column("what")
    table.add_column("run-months / s", justify="right")
    table.add_column("ratio", justify="right")
    table.add_row("numba kernel, 1 thread", f"{figures['numba_kernel_1_core']:,.0f}", "1.00")
    table.add_row(
        "stratagem engine, 1 process",
        f"{figures['engine_1_core']:,.0f}",
        f"{figures['ratio_1_core']:.2f}",
    )
    table.add_row(
        f"stratagem.simulate, {figures['workers']} workers, engine time",
        f"{figures['simulate_engine_time']:,.0f}",
        "",
    )
    table.add_row(
        f"stratagem.simulate end to end, {figures['workers']} workers "
        f"({args.end_to_end_runs:,} runs, load + Parquet + DuckDB)",
        f"{figures['simulate_end_to_end']:,.0f}",
        "",
    )
    console.print(table)
    console.print(
        f"engine and kernel agree on {figures['agreement_min']:.4%} of run outcomes "
        "(same runs, same random numbers)"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
