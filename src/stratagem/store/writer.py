"""Stream simulation results to disk: Parquet chunk by chunk, then a DuckDB database.

A results directory holds::

    manifest.json        what was run (scenario, strategies, runs, seed, versions, timings)
    scenario.yaml        the scenario document as resolved (parameters, sources)
    outcomes.parquet     one row per (strategy, run): the per-run outcomes
    experiments.parquet  one row per run: the sampled uncertain inputs
    trajectories.parquet one row per (strategy, run, month) for the recorded runs
    results.duckdb       the same three tables, queryable with any DuckDB client

Everything is written into a hidden sibling directory and moved into place only when complete,
so an interrupted or failed run never leaves a half-written results directory and never damages
the previous results in the same place.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from stratagem.engine.simulate import ChunkResult

MANIFEST = "manifest.json"
TABLES = ("outcomes", "experiments", "trajectories")


class ResultsDirectoryError(ValueError):
    """The output directory exists and is not a stratagem results directory."""


def check_output_directory(path: Path) -> None:
    """Refuse to replace a directory that is not empty and holds no stratagem results."""
    if path.exists() and (
        not path.is_dir() or (any(path.iterdir()) and not (path / MANIFEST).is_file())
    ):
        raise ResultsDirectoryError(
            f"{path} exists and is not a stratagem results directory; choose another --out "
            "or remove it"
        )


class ResultsWriter:
    """Write chunks as they come; publish the directory atomically on :meth:`close`."""

    def __init__(self, out: Path, strategies: list[str], outcome_names: list[str]) -> None:
        self.out = out
        check_output_directory(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.tmp = out.parent / f".{out.name}.tmp-{uuid.uuid4().hex[:8]}"
        self.tmp.mkdir()
        self.strategies = strategies
        self.outcome_names = outcome_names
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._strategy_type = pa.dictionary(pa.int8(), pa.string())

    def _write(self, table_name: str, table: pa.Table) -> None:
        writer = self._writers.get(table_name)
        if writer is None:
            writer = pq.ParquetWriter(
                self.tmp / f"{table_name}.parquet", table.schema, compression="zstd"
            )
            self._writers[table_name] = writer
        writer.write_table(table)

    def _strategy_column(self, n: int) -> pa.Array:
        codes = np.repeat(np.arange(len(self.strategies), dtype=np.int8), n)
        return pa.DictionaryArray.from_arrays(codes, pa.array(self.strategies, pa.string()))

    def write(self, chunk: ChunkResult) -> None:
        """Append one chunk to the Parquet files."""
        n = chunk.stop - chunk.start
        runs = np.arange(chunk.start, chunk.stop, dtype=np.int64)
        columns: dict[str, Any] = {
            "strategy": self._strategy_column(n),
            "run": np.tile(runs, len(self.strategies)),
        }
        for name in self.outcome_names:
            columns[name] = chunk.outcomes[name].reshape(-1)
        self._write("outcomes", pa.table(columns))

        experiments: dict[str, Any] = {"run": runs}
        experiments.update(chunk.experiments)
        self._write("experiments", pa.table(experiments))

        if chunk.trajectories:
            first = next(iter(chunk.trajectories.values()))
            n_strategies, n_runs, n_months = first.shape
            traj: dict[str, Any] = {
                "strategy": self._strategy_column(n_runs * n_months),
                "run": np.tile(np.repeat(runs[:n_runs], n_months), n_strategies),
                "month": np.tile(chunk.months.astype(np.int32), n_strategies * n_runs),
            }
            for name, array in chunk.trajectories.items():
                traj[name] = array.reshape(-1)
            self._write("trajectories", pa.table(traj))

    def close(self, manifest: dict[str, Any], scenario_yaml: str) -> Path:
        """Finish the files, build the DuckDB database and move everything into place."""
        for writer in self._writers.values():
            writer.close()
        self._writers.clear()
        (self.tmp / "scenario.yaml").write_text(scenario_yaml, "utf-8")
        con = duckdb.connect(str(self.tmp / "results.duckdb"))
        try:
            for table in TABLES:
                parquet = self.tmp / f"{table}.parquet"
                if parquet.exists():
                    con.execute(
                        f"CREATE TABLE {table} AS SELECT * FROM read_parquet(?)", [str(parquet)]
                    )
        finally:
            con.close()
        (self.tmp / MANIFEST).write_text(json.dumps(manifest, indent=2, default=str), "utf-8")
        backup = None
        if self.out.exists():
            backup = self.out.parent / f".{self.out.name}.old-{uuid.uuid4().hex[:8]}"
            self.out.rename(backup)
        self.tmp.rename(self.out)
        if backup is not None:
            shutil.rmtree(backup, ignore_errors=True)
        return self.out

    def abort(self) -> None:
        """Discard everything written so far (the previous results stay untouched)."""
        for writer in self._writers.values():
            with contextlib.suppress(Exception):
                writer.close()
        self._writers.clear()
        shutil.rmtree(self.tmp, ignore_errors=True)
