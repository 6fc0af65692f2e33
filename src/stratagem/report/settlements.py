"""What the negotiated settlement changes: the simulation under each bargaining model's forecast.

A freeze in the simulation implements a deal whose terms are a position on the nuclear issue
scale (``concession.settlement_position``, decision D41); the Korea cases take it from the
compromise forecast of their actor table. This experiment reruns one strategy with the settlement
at each model's forecast of the same table, on common random numbers, and reports what the terms
stop and what they buy: how often a freeze comes, the headline outcome, the arsenal at the
horizon. It is the bridge from "where would the parties settle?" to "what would it change?".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from stratagem.distributions import Fixed
from stratagem.scenario.model import Scenario

__all__ = ["SettlementOutcome", "freeze_outcome", "settlement_experiment", "settlement_strategy"]

_KEY = ("concession", "settlement_position")


@dataclass(frozen=True)
class SettlementOutcome:
    """One model's forecast read as the terms of a freeze, and what the simulation makes of it.

    ``tests``, ``production`` and ``dismantlement`` are the shares the terms stop (and the pace of
    dismantlement) from :func:`stratagem.mechanisms.concession.deal_terms`; ``p_freeze`` is the
    share of runs with a freeze within the horizon; ``headline_median`` the median of the
    scenario's headline outcome; ``warheads_mean`` the mean arsenal at the horizon (NaN when the
    scenario has no such outcome).
    """

    model: str
    settlement: float
    in_run: bool
    tests: float
    production: float
    dismantlement: float
    p_freeze: float
    headline_median: float
    warheads_mean: float

    def as_dict(self) -> dict[str, Any]:
        """Plain data for ``summary.json``."""
        return asdict(self)


def _outcome_of(scenario: Scenario, variable: str, kind: str) -> str | None:
    return next(
        (
            name
            for name, spec in scenario.outcomes.items()
            if spec.variable == variable and spec.kind == kind
        ),
        None,
    )


def freeze_outcome(scenario: Scenario) -> str | None:
    """The scenario's outcome that times the first freeze, if it has one.

    >>> import stratagem
    >>> freeze_outcome(stratagem.load("korea-2013"))
    'months_to_freeze'
    """
    return _outcome_of(scenario, "program_frozen", "first_month")


def settlement_strategy(scenario: Scenario, p_freeze: Mapping[str, float]) -> str:
    """The strategy to show: the one most likely to reach a freeze, else the baseline."""
    candidates = {s: p for s, p in p_freeze.items() if s in scenario.strategies and np.isfinite(p)}
    if not candidates:
        return scenario.baseline
    return max(candidates, key=lambda s: (candidates[s], s == scenario.baseline))


def settlement_experiment(
    scenario: Scenario,
    table: str,
    *,
    strategy: str,
    runs: int,
    seed: int,
) -> list[SettlementOutcome]:
    """Run ``strategy`` with the settlement at each model's forecast of ``table``.

    Returns one row per model (empty when the scenario has no ``concession`` mechanism). Models
    that forecast the same settlement share one simulation.

    Examples
    --------
    >>> import stratagem
    >>> rows = settlement_experiment(
    ...     stratagem.load("korea-2013"), "korea-nuclear-2013",
    ...     strategy="linkage_2013", runs=50, seed=1)
    >>> [(r.model, r.tests, r.in_run) for r in rows][:2]
    [('compromise', 1.0, True), ('median', 1.0, False)]
    """
    from stratagem.api import simulate
    from stratagem.bargaining import compare_models
    from stratagem.mechanisms.concession import deal_terms

    if _KEY not in scenario.parameters or "concession" not in {m.name for m in scenario.mechanisms}:
        return []
    current = scenario.parameters[_KEY].distribution
    anchors = [
        scenario.parameters[("concession", name)].distribution.mean
        for name in (
            "status_quo_position",
            "moratorium_position",
            "verified_freeze_position",
            "dismantlement_position",
        )
    ]
    freeze = freeze_outcome(scenario)
    warheads_outcome = _outcome_of(scenario, "warheads", "final")
    headline = scenario.document.headline

    cache: dict[float, tuple[float, float, float]] = {}
    rows = []
    for _, forecast in compare_models(table).iterrows():
        settlement = float(forecast["outcome"])
        if settlement not in cache:
            variant = scenario.with_value(
                *_KEY,
                Fixed(value=settlement),
                note=f"settlement at the {forecast['model']} forecast of {table}",
            )
            frame = simulate(
                variant, strategies=[strategy], runs=runs, seed=seed, trajectory_runs=0, workers=1
            ).outcomes()
            cache[settlement] = (
                float(np.isfinite(frame[freeze]).mean()) if freeze else np.nan,
                float(np.quantile(frame[headline], 0.5, method="inverted_cdf")),
                float(frame[warheads_outcome].mean()) if warheads_outcome else np.nan,
            )
        tests, production, dismantlement = (float(v) for v in deal_terms(settlement, *anchors))
        p_freeze, headline_median, warheads_mean = cache[settlement]
        rows.append(
            SettlementOutcome(
                model=str(forecast["model"]),
                settlement=settlement,
                in_run=bool(
                    current.distribution == "fixed" and np.isclose(current.mean, settlement)
                ),
                tests=tests,
                production=production,
                dismantlement=dismantlement,
                p_freeze=p_freeze,
                headline_median=headline_median,
                warheads_mean=warheads_mean,
            )
        )
    return rows
