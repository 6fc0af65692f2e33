"""The results of a simulation: per-run outcomes, sampled inputs, trajectories and summaries.

A :class:`Results` object reads a results directory (see :mod:`stratagem.store.writer`); tables are
loaded on demand, and summaries are computed by DuckDB over the Parquet files, so memory stays
bounded however many runs were simulated.
"""

from __future__ import annotations

import json
import shutil
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from stratagem.store.writer import MANIFEST

if TYPE_CHECKING:  # pragma: no cover
    from stratagem.report.figures import ResultsPlots

#: Quantiles reported by :meth:`Results.summary` (an 80 % interval and the median).
LOW_Q, HIGH_Q = 0.1, 0.9


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class Results:
    """Results of :func:`stratagem.simulate`, stored in :attr:`path`.

    >>> import stratagem
    >>> r = stratagem.simulate("korea-2013", runs=200, seed=1)
    >>> r.strategies[:3]
    ['provocation_reward', 'linkage_2013', 'bad_faith_talks_2017']
    >>> len(r.outcomes()) == len(r.strategies) * 200
    True
    """

    def __init__(self, path: str | Path, *, _owned: bool = False) -> None:
        self.path = Path(path)
        manifest_path = self.path / MANIFEST
        if not manifest_path.is_file():
            raise FileNotFoundError(
                f"{self.path} is not a stratagem results directory (no {MANIFEST})"
            )
        self.manifest: dict[str, Any] = json.loads(manifest_path.read_text("utf-8"))
        if _owned:
            weakref.finalize(self, shutil.rmtree, str(self.path), True)

    @classmethod
    def open(cls, path: str | Path) -> Results:
        """Open a results directory written earlier."""
        return cls(path)

    # -- what was run -------------------------------------------------------------------------
    @property
    def scenario_name(self) -> str:
        """Name of the simulated scenario."""
        return str(self.manifest["scenario"]["name"])

    @property
    def strategies(self) -> list[str]:
        """Strategies simulated, in order."""
        return list(self.manifest["strategies"])

    @property
    def baseline(self) -> str:
        """The scenario's baseline strategy."""
        return str(self.manifest["baseline"])

    @property
    def runs(self) -> int:
        """Runs per strategy."""
        return int(self.manifest["runs"])

    @property
    def horizon_months(self) -> int:
        """Months simulated."""
        return int(self.manifest["scenario"]["horizon_months"])

    @property
    def outcome_specs(self) -> dict[str, dict[str, Any]]:
        """Per-outcome kind, variable, unit, description and preferred direction."""
        return dict(self.manifest["outcomes"])

    def _parquet(self, table: str) -> str:
        return str(self.path / f"{table}.parquet")

    def _sql(self, query: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        con = duckdb.connect()
        try:
            return con.execute(query, list(params)).df()
        finally:
            con.close()

    # -- tables ------------------------------------------------------------------------------
    def outcomes(self, strategies: Sequence[str] | None = None) -> pd.DataFrame:
        """Per-run outcomes, one row per (strategy, run)."""
        df = pd.read_parquet(self._parquet("outcomes"))
        df["strategy"] = df["strategy"].astype(str)
        if strategies is not None:
            df = df[df["strategy"].isin(list(strategies))]
        return df.reset_index(drop=True)

    def experiments(self) -> pd.DataFrame:
        """Sampled uncertain inputs, one row per run (shared by every strategy)."""
        return pd.read_parquet(self._parquet("experiments"))

    def trajectories(self, variables: Sequence[str] | None = None) -> pd.DataFrame:
        """Recorded state trajectories: one row per (strategy, run, month)."""
        path = self.path / "trajectories.parquet"
        if not path.exists():
            return pd.DataFrame(columns=["strategy", "run", "month"])
        columns = None if variables is None else ["strategy", "run", "month", *variables]
        df = pd.read_parquet(path, columns=columns)
        df["strategy"] = df["strategy"].astype(str)
        return df

    def query(self, sql: str) -> pd.DataFrame:
        """Run SQL against the results database.

        Tables: ``outcomes``, ``experiments`` and ``trajectories``.
        """
        con = duckdb.connect(str(self.path / "results.duckdb"), read_only=True)
        try:
            return con.execute(sql).df()
        finally:
            con.close()

    # -- summaries ---------------------------------------------------------------------------
    def summary(self) -> pd.DataFrame:
        """Mean, median and 80 % interval of every outcome for every strategy.

        Time-to-event outcomes (``first_month``) are infinite in runs where the event never
        happens within the horizon: their quantiles are exact months or ``inf``, their ``mean``
        is the mean restricted to the horizon, and ``p_event`` is the share of runs in which the
        event happens.
        """
        frames = []
        order = {s: i for i, s in enumerate(self.strategies)}
        horizon = self.horizon_months
        for name, spec in self.outcome_specs.items():
            col = _quote(name)
            if spec["kind"] == "first_month":
                query = (
                    f"SELECT CAST(strategy AS VARCHAR) AS strategy, "
                    f"avg(least({col}, {horizon})) AS mean, "
                    f"quantile_disc({col}, 0.5) AS median, quantile_disc({col}, {LOW_Q}) AS q10, "
                    f"quantile_disc({col}, {HIGH_Q}) AS q90, "
                    f"avg(CASE WHEN isinf({col}) THEN 0.0 ELSE 1.0 END) AS p_event "
                    f"FROM read_parquet(?) GROUP BY 1"
                )
            else:
                query = (
                    f"SELECT CAST(strategy AS VARCHAR) AS strategy, avg({col}) AS mean, "
                    f"quantile_cont({col}, 0.5) AS median, quantile_cont({col}, {LOW_Q}) AS q10,"
                    f" quantile_cont({col}, {HIGH_Q}) AS q90, NULL::DOUBLE AS p_event "
                    f"FROM read_parquet(?) GROUP BY 1"
                )
            df = self._sql(query, [self._parquet("outcomes")])
            df.insert(1, "outcome", name)
            df.insert(2, "unit", spec["unit"])
            frames.append(df)
        out = pd.concat(frames, ignore_index=True)
        out["_order"] = out["strategy"].map(order)
        out["_outcome"] = out["outcome"].map({n: i for i, n in enumerate(self.outcome_specs)})
        out = out.sort_values(["_outcome", "_order"]).drop(columns=["_order", "_outcome"])
        return out.reset_index(drop=True)

    def time_bought(self, vs: str | None = None, outcome: str | None = None) -> pd.DataFrame:
        """Months each strategy delays ``outcome`` relative to ``vs``, paired run by run.

        Runs are paired on common random numbers. Event times beyond the horizon are counted
        as the horizon, so the differences are restricted to the horizon (a lower bound where
        the later event is censored). Columns: mean, median, q10, q90 of the paired difference
        and ``p_later``, the share of runs in which the strategy's event comes later.

        Defaults: ``vs`` is the scenario's baseline, ``outcome`` its headline outcome.
        """
        vs = vs or self.baseline
        outcome = outcome or str(self.manifest["headline"])
        if vs not in self.strategies:
            raise ValueError(f"{vs!r} was not simulated; choose one of {self.strategies}")
        if outcome not in self.outcome_specs:
            raise ValueError(f"no outcome {outcome!r}; choose one of {list(self.outcome_specs)}")
        col, horizon = _quote(outcome), self.horizon_months
        query = (
            "WITH o AS (SELECT CAST(strategy AS VARCHAR) AS strategy, run, "
            f"least({col}, {horizon}) AS t FROM read_parquet(?)), "
            "d AS (SELECT a.strategy, a.t - b.t AS diff FROM o a JOIN o b "
            "ON a.run = b.run AND b.strategy = ?) "
            "SELECT strategy, avg(diff) AS mean, quantile_cont(diff, 0.5) AS median, "
            f"quantile_cont(diff, {LOW_Q}) AS q10, quantile_cont(diff, {HIGH_Q}) AS q90, "
            "avg(CASE WHEN diff > 0 THEN 1.0 ELSE 0.0 END) AS p_later FROM d GROUP BY 1"
        )
        df = self._sql(query, [self._parquet("outcomes"), vs])
        df["_order"] = df["strategy"].map({s: i for i, s in enumerate(self.strategies)})
        df = df.sort_values("_order").drop(columns="_order").reset_index(drop=True)
        df.insert(1, "vs", vs)
        df.insert(2, "outcome", outcome)
        return df

    @property
    def plot(self) -> ResultsPlots:
        """The report's figures for notebooks: ``results.plot.fan("warheads")`` etc."""
        from stratagem.report.figures import ResultsPlots

        return ResultsPlots(self)

    def __repr__(self) -> str:
        return (
            f"Results({self.scenario_name!r}, strategies={self.strategies}, "
            f"runs={self.runs}, path={str(self.path)!r})"
        )
