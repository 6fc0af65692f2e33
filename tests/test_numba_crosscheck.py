"""An independent implementation of korea-2013 (the benchmark's numba kernel) gives the same runs.

The kernel is written from the mechanism equations as fused scalar loops; it shares only the
parameter samples and random streams with the engine. Agreement on every run is a strong check of
both the engine's bookkeeping (order of mechanisms, lever handling, accumulators) and the kernel.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

import stratagem
from stratagem.engine.random import seed_sequence
from stratagem.engine.simulate import simulate_chunk

pytest.importorskip("numba")
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from numba_kernel import simulate_chunk_numba


def _assert_agree(scenario, seed, runs):
    names = list(scenario.strategy_names())
    root = seed_sequence(seed)
    engine = simulate_chunk(scenario, names, root, 0, runs).outcomes
    kernel = simulate_chunk_numba(scenario, names, root, 0, runs)
    for name, values in kernel.items():
        same = np.isclose(engine[name], values, rtol=1e-12, atol=0.0) | (
            np.isinf(engine[name]) & np.isinf(values)
        )
        assert same.mean() == 1.0, name


def test_engine_and_numba_kernel_agree_run_by_run():
    _assert_agree(stratagem.load("korea-2013"), seed=123, runs=1500)


def test_engine_and_kernel_agree_across_the_range_of_settlements():
    """Settlements drawn over the whole scale exercise every segment of the deal terms (D41)."""
    from stratagem.distributions import Uniform

    scenario = stratagem.load("korea-2013").with_value(
        "concession",
        "settlement_position",
        Uniform(distribution="uniform", low=0.0, high=100.0),
        note="test: every segment of the terms",
    )
    _assert_agree(scenario, seed=7, runs=1200)
