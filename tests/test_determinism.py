"""Results depend only on (scenario, strategy, seed): not on chunking, workers or process."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import numpy as np
import pytest

import stratagem
from stratagem.engine.random import seed_sequence
from stratagem.engine.simulate import simulate_chunk

RUNS = 60


def _outcomes(chunk_size: int, runs: int = RUNS, seed: int = 7) -> dict[str, np.ndarray]:
    scenario = stratagem.load("korea-2013")
    names = list(scenario.strategy_names())
    root = seed_sequence(seed)
    parts = [
        simulate_chunk(scenario, names, root, start, min(start + chunk_size, runs))
        for start in range(0, runs, chunk_size)
    ]
    return {
        name: np.concatenate([p.outcomes[name] for p in parts], axis=1)
        for name in parts[0].outcomes
    }


@pytest.fixture(scope="module")
def reference() -> dict[str, np.ndarray]:
    return _outcomes(1000)


@pytest.mark.parametrize("chunk_size", [1, 7])
def test_bit_identical_across_chunk_sizes(reference, chunk_size):
    other = _outcomes(chunk_size)
    for name, values in reference.items():
        assert np.array_equal(values, other[name], equal_nan=True), name


def test_runs_straddling_a_random_block_do_not_depend_on_chunking():
    # 1024-run blocks: chunks that cut block boundaries in different places.
    a = _outcomes(700, runs=1100, seed=3)
    b = _outcomes(1100, runs=1100, seed=3)
    for name in a:
        assert np.array_equal(a[name], b[name], equal_nan=True)


def test_a_run_does_not_depend_on_how_many_runs_are_asked_for(reference):
    prefix = _outcomes(1000, runs=25)
    for name, values in prefix.items():
        assert np.array_equal(values, reference[name][:, :25], equal_nan=True)


def test_different_seeds_give_different_histories(reference):
    other = _outcomes(1000, seed=8)
    assert not np.array_equal(reference["provocations"], other["provocations"])


def test_strategies_share_parameters_and_draws():
    """Common random numbers: a strategy's runs are the same whoever else is simulated."""
    scenario = stratagem.load("korea-2013")
    root = seed_sequence(11)
    alone = simulate_chunk(scenario, ["do_nothing"], root, 0, 50)
    together = simulate_chunk(scenario, ["linkage_2013", "do_nothing"], root, 0, 50)
    for name in alone.outcomes:
        assert np.array_equal(alone.outcomes[name][0], together.outcomes[name][1], equal_nan=True)
    for name in alone.experiments:
        assert np.array_equal(alone.experiments[name], together.experiments[name])


def _digest(results: stratagem.Results) -> str:
    frame = results.outcomes().sort_values(["strategy", "run"])
    return hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest()


def test_identical_across_workers_and_processes(tmp_path):
    serial = stratagem.simulate("korea-2013", runs=300, seed=5, chunk_size=100, workers=1)
    parallel = stratagem.simulate("korea-2013", runs=300, seed=5, chunk_size=64, workers=2)
    assert _digest(serial) == _digest(parallel)
    code = (
        "import stratagem, hashlib;"
        "r = stratagem.simulate('korea-2013', runs=300, seed=5, chunk_size=1000);"
        "f = r.outcomes().sort_values(['strategy', 'run']);"
        "print(hashlib.sha256(f.to_csv(index=False).encode()).hexdigest())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == _digest(serial)
