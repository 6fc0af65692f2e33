"""One entry point for every bargaining model: :func:`forecast` and its result :class:`Forecast`.

``forecast(table, model=..., **options)`` runs one model on an actor table and returns the
predicted position (``.outcome``, on the focal issue; ``.outcomes`` for every issue), the
per-round trajectory where the model has rounds, and per-actor detail. One-issue models run on
every issue of a multi-issue table independently; the exchange model needs two issues or more.

Models and their options (defaults in brackets):

``"compromise"``
    capability x salience weighted mean (no options).
``"median"``
    weighted median, the Condorcet winner on one dimension (no options).
``"nash"``
    asymmetric Nash bargaining solution. ``disagreement`` ["status_quo" if the issue has one,
    else "worst"]: "status_quo", "worst" or a position; ``utility`` ["quadratic"] or "linear".
``"expected_utility"``
    Bueno de Mesquita / Scholz et al. (2011). ``rounds`` [8], ``probability``
    ["scholz_code"], ``conflict`` ["loser_moves"], ``offer`` ["scholz_code"],
    ``capitulation`` [True], ``q`` [1.0], ``t`` ["median_rule"], ``perspective`` ["receiver"],
    ``risk`` [True], ``span`` ["initial"], ``outcome`` ["median"]; see
    :mod:`stratagem.bargaining.expected_utility`.
``"exchange"``
    Stokman-Van Oosten vote trading. ``rounds`` [1].
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from stratagem.bargaining import compromise, exchange, expected_utility, median, nash
from stratagem.bargaining._arrays import FloatArray
from stratagem.bargaining.table import ActorTable, Issue, read_table
from stratagem.errors import did_you_mean

__all__ = ["MODELS", "MODEL_OPTIONS", "Forecast", "compare_models", "forecast", "forecast_all"]

#: The models, in the order the command line and the report show them.
MODELS = ("compromise", "median", "nash", "expected_utility", "exchange")

#: Options each model accepts, with their defaults (None: decided from the table).
MODEL_OPTIONS: Mapping[str, Mapping[str, object]] = {
    "compromise": {},
    "median": {},
    "nash": {"disagreement": None, "utility": "quadratic"},
    "expected_utility": {
        "rounds": expected_utility.DEFAULT_ROUNDS,
        "probability": "scholz_code",
        "conflict": "loser_moves",
        "offer": "scholz_code",
        "capitulation": True,
        "q": 1.0,
        "t": "median_rule",
        "perspective": "receiver",
        "risk": True,
        "span": "initial",
        "outcome": "median",
    },
    "exchange": {"rounds": exchange.DEFAULT_ROUNDS},
}


@dataclass(frozen=True, eq=False)
class Forecast:
    """The result of :func:`forecast`.

    Attributes
    ----------
    model : str
        The model that produced it.
    table : ActorTable
        The input table.
    issue : str
        The focal issue (``outcome``, ``series`` and ``detail`` refer to it).
    outcome : float
        The predicted position on the focal issue (units of its scale).
    outcomes : mapping of str to float
        The predicted position on every issue.
    positions : ndarray, shape (rounds + 1, n_actors, n_issues)
        Actors' positions at the start (row 0) and after each round; models without rounds have
        one row, the table's positions.
    trajectory : ndarray, shape (rounds + 1, n_issues)
        The model's outcome after each round (one row for models without rounds).
    series : mapping of str to ndarray
        Further per-round series on the focal issue (e.g. the weighted ``mean`` and ``median``
        of the expected-utility model's positions).
    detail : mapping of str to ndarray
        Per-actor results on the focal issue, each of shape (n_actors,).
    options : mapping of str to object
        Every option the model ran with, defaults included.
    notes : tuple of str
        Remarks worth showing with the number (e.g. "no agreement improves on the status quo").
    """

    model: str
    table: ActorTable
    issue: str
    outcome: float
    outcomes: Mapping[str, float]
    positions: FloatArray
    trajectory: FloatArray
    series: Mapping[str, FloatArray] = field(default_factory=dict)
    detail: Mapping[str, FloatArray] = field(default_factory=dict)
    options: Mapping[str, object] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def rounds(self) -> int:
        """Rounds run (0 for models without rounds)."""
        return int(self.positions.shape[0]) - 1

    @property
    def issue_spec(self) -> Issue:
        """The focal :class:`Issue`."""
        return self.table.issues[self.table.issue_index(self.issue)]

    def describe(self) -> str:
        """The named point of the scale nearest to the outcome ("" if the scale has none)."""
        return self.issue_spec.describe(self.outcome)

    def actor_frame(self) -> pd.DataFrame:
        """One row per actor on the focal issue: inputs, final position and model detail."""
        k = self.table.issue_index(self.issue)
        frame = pd.DataFrame(
            {
                "actor": list(self.table.actors),
                "name": list(self.table.labels),
                "capability": self.table.capability,
                "salience": self.table.salience[:, k],
                "position": self.table.position[:, k],
            }
        )
        if self.rounds > 0:
            frame["final_position"] = self.positions[-1, :, k]
        for key, values in self.detail.items():
            frame[key] = values
        return frame

    def trajectory_frame(self) -> pd.DataFrame:
        """One row per round on the focal issue: the outcome and the further series."""
        k = self.table.issue_index(self.issue)
        frame = pd.DataFrame(
            {"round": np.arange(self.rounds + 1), "outcome": self.trajectory[:, k]}
        )
        for key, values in self.series.items():
            frame[key] = values
        return frame


def _check_options(model: str, options: Mapping[str, object]) -> dict[str, object]:
    allowed = MODEL_OPTIONS[model]
    unknown = [key for key in options if key not in allowed]
    if unknown:
        key = unknown[0]
        choices = ", ".join(allowed) if allowed else "none"
        hint = did_you_mean(key, list(allowed))
        raise TypeError(
            f"unknown option {key!r} for model {model!r} (options: {choices})"
            + (f". {hint}" if hint else "")
        )
    return {**allowed, **options}


def _single_issue(
    table: ActorTable,
    k: int,
    model: str,
    options: dict[str, object],
) -> tuple[float, FloatArray, dict[str, FloatArray], dict[str, FloatArray], list[str]]:
    """Run a one-issue model on issue ``k``: outcome, positions, series, detail, notes."""
    x, s = table.position[:, k], table.salience[:, k]
    c = table.capability
    issue = table.issues[k]
    notes: list[str] = []
    if model == "compromise":
        result_c = compromise.solve(x, c, s)
        detail = {"weight_share": result_c.weight_share, "pull": result_c.pull}
        return result_c.outcome, x[None, :], {}, detail, notes
    if model == "median":
        result_m = median.solve(x, c, s)
        detail = {"weight_share": result_m.weight_share, "side": result_m.side.astype(float)}
        return result_m.outcome, x[None, :], {}, detail, notes
    if model == "nash":
        point = options["disagreement"]
        if point is None:
            point = "status_quo" if issue.status_quo is not None else "worst"
        if point == "status_quo":
            if issue.status_quo is None:
                raise ValueError(
                    f"issue {issue.name!r} has no status quo: give disagreement='worst' or a "
                    "position, or add a status_quo to the table"
                )
            point = issue.status_quo
        if not (point == "worst" or isinstance(point, int | float)) or isinstance(point, bool):
            raise ValueError(
                f"disagreement must be 'status_quo', 'worst' or a position, got {point!r}"
            )
        result_n = nash.solve(
            x,
            c,
            s,
            disagreement="worst" if point == "worst" else float(point),
            utility=options["utility"],  # type: ignore[arg-type]
            low=issue.low,
            high=issue.high,
        )
        if not result_n.agreement:
            notes.append(
                f"{issue.name}: no agreement improves on the disagreement point for every actor"
            )
        detail = {"gain_share": result_n.gain_share, "weight_share": result_n.weight_share}
        return result_n.outcome, x[None, :], {}, detail, notes
    result_e = expected_utility.solve(x, c, s, **options)  # type: ignore[arg-type]
    last_kind = result_e.kind[-1] if len(result_e.kind) else np.zeros(len(x), dtype=np.int64)
    detail = {
        "change": result_e.positions[-1] - result_e.positions[0],
        "risk_exponent": result_e.risk[0] if len(result_e.risk) else np.ones(len(x)),
        "moves": (np.diff(result_e.positions, axis=0) != 0).sum(axis=0).astype(float),
        "last_offer": last_kind.astype(float),
    }
    if result_e.converged:
        stable = len(result_e.positions) - 2
        notes.append(f"{issue.name}: nobody moves after round {stable}")
    series = {"median": result_e.median, "mean": result_e.mean}
    return result_e.outcome, result_e.positions, series, detail, notes


def _pad(rows: FloatArray, length: int) -> FloatArray:
    """Repeat the last row of ``rows`` up to ``length`` rows (a converged run stays put)."""
    if len(rows) >= length:
        return rows
    padded: FloatArray = np.concatenate([rows, np.repeat(rows[-1:], length - len(rows), axis=0)])
    return padded


def forecast(
    table: ActorTable | str | Path,
    model: str = "compromise",
    *,
    issue: str | None = None,
    **options: Any,
) -> Forecast:
    """Forecast the outcome of a negotiation from an actor table.

    Parameters
    ----------
    table : ActorTable, str or Path
        The table, a built-in table name or a path (``.yaml``, ``.csv``).
    model : str
        One of ``MODELS``: "compromise" (default: the weighted mean, the benchmark every other
        model must beat on real outcomes), "median", "nash", "expected_utility", "exchange".
    issue : str, optional
        The focal issue (default: the table's first issue).
    **options
        Model options (see the module docstring and ``MODEL_OPTIONS``).

    Returns
    -------
    Forecast

    Raises
    ------
    ScenarioError
        If the table cannot be read.
    TypeError
        For an option the model does not have.
    ValueError
        For an unknown model or an invalid option value.

    Examples
    --------
    The toy three-actor fixture: weighted mean 3600 / 130 and weighted median 20.

    >>> from stratagem.bargaining.table import make_table
    >>> toy = make_table(["A", "B", "C"], [40, 100, 50], [10, 20, 60], [50, 80, 60])
    >>> round(forecast(toy).outcome, 4), forecast(toy, "median").outcome
    (27.6923, 20.0)
    >>> result = forecast("korea-nuclear-2013", "nash")
    >>> result.outcome, result.describe()
    (85.0, '≈ 75: unverified test moratorium; arsenal kept and growing; not recognized')
    """
    if not isinstance(table, ActorTable):
        table = read_table(table)
    if model not in MODELS:
        hint = did_you_mean(model, MODELS)
        raise ValueError(
            f"unknown model {model!r} (models: {', '.join(MODELS)})" + (f". {hint}" if hint else "")
        )
    resolved = _check_options(model, options)
    focal = table.issue_index(issue)
    if model == "exchange" and table.n_issues < 2:
        raise ValueError(
            f"the exchange model needs at least two issues; table {table.name!r} has one"
        )
    # Run on a canonical order of the actors (decision B16) and map the results back.
    order = _canonical_order(table)
    inverse = np.argsort(order)
    ordered = replace(
        table,
        actors=tuple(table.actors[i] for i in order),
        labels=tuple(table.labels[i] for i in order),
        capability=table.capability[order],
        position=table.position[order],
        salience=table.salience[order],
    )
    result = _run(ordered, model, focal, resolved)
    return replace(
        result,
        table=table,
        positions=result.positions[:, inverse, :],
        detail={key: values[inverse] for key, values in result.detail.items()},
    )


def _canonical_order(table: ActorTable) -> np.ndarray[tuple[int], np.dtype[np.intp]]:
    """Actors sorted by their data (positions, then saliences, then capability)."""
    keys = [table.capability]
    keys += [table.salience[:, k] for k in reversed(range(table.n_issues))]
    keys += [table.position[:, k] for k in reversed(range(table.n_issues))]
    order: np.ndarray[tuple[int], np.dtype[np.intp]] = np.lexsort(keys)
    return order


def _run(table: ActorTable, model: str, focal: int, resolved: dict[str, object]) -> Forecast:
    """Run ``model`` on ``table`` as given (the actors' order is the caller's business)."""
    n, m = table.n_actors, table.n_issues
    if model == "exchange":
        lows = [
            i.low if i.low is not None else float(table.position[:, k].min())
            for k, i in enumerate(table.issues)
        ]
        highs = [
            i.high if i.high is not None else float(table.position[:, k].max())
            for k, i in enumerate(table.issues)
        ]
        result_x = exchange.solve(
            table.position,
            table.capability,
            table.salience,
            rounds=resolved["rounds"],  # type: ignore[arg-type]
            low=lows,
            high=highs,
        )
        involved = np.zeros(n)
        for trade in result_x.exchanges:
            involved[trade.demander] += 1
            involved[trade.supplier] += 1
        return Forecast(
            model=model,
            table=table,
            issue=table.issue_names[focal],
            outcome=float(result_x.outcomes[focal]),
            outcomes=dict(zip(table.issue_names, map(float, result_x.outcomes), strict=True)),
            positions=result_x.positions,
            trajectory=result_x.trajectory,
            series={},
            detail={"gain": result_x.gain, "exchanges": involved},
            options=resolved,
            notes=(f"{len(result_x.exchanges)} exchanges",),
        )
    outcomes: list[float] = []
    runs: list[FloatArray] = []
    series: dict[str, FloatArray] = {}
    detail: dict[str, FloatArray] = {}
    notes: list[str] = []
    for k in range(m):
        value, rows, extra, per_actor, remarks = _single_issue(table, k, model, resolved)
        outcomes.append(value)
        runs.append(rows)
        notes.extend(remarks)
        if k == focal:
            series, detail = extra, per_actor
    if model == "nash" and resolved["disagreement"] is None:
        has_status_quo = table.issues[focal].status_quo is not None
        resolved["disagreement"] = "status_quo" if has_status_quo else "worst"
    length = max(len(rows) for rows in runs)
    positions = np.stack([_pad(rows, length) for rows in runs], axis=-1)
    if model == "expected_utility":
        rule: Callable[[FloatArray, FloatArray], float] = (
            median.weighted_median if resolved["outcome"] == "median" else compromise.weighted_mean
        )
        trajectory = np.array(
            [
                [
                    rule(positions[t, :, k], table.capability * table.salience[:, k])
                    for k in range(m)
                ]
                for t in range(length)
            ]
        )
        series = {key: _pad(values[:, None], length)[:, 0] for key, values in series.items()}
    else:
        trajectory = np.array([outcomes])
    return Forecast(
        model=model,
        table=table,
        issue=table.issue_names[focal],
        outcome=outcomes[focal],
        outcomes=dict(zip(table.issue_names, outcomes, strict=True)),
        positions=positions,
        trajectory=trajectory,
        series=series,
        detail=detail,
        options=resolved,
        notes=tuple(notes),
    )


def forecast_all(
    table: ActorTable | str | Path,
    models: Sequence[str] | None = None,
    *,
    issue: str | None = None,
    options: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Forecast]:
    """Run several models on one table (default: every model that applies to it).

    ``options`` maps a model name to its options. The exchange model is skipped by default on
    one-issue tables.

    Examples
    --------
    >>> results = forecast_all("korea-nuclear-2017")
    >>> list(results)
    ['compromise', 'median', 'nash', 'expected_utility']
    """
    if not isinstance(table, ActorTable):
        table = read_table(table)
    if models is None:
        models = [m for m in MODELS if m != "exchange" or table.n_issues >= 2]
    given = options or {}
    return {
        model: forecast(table, model, issue=issue, **dict(given.get(model, {}))) for model in models
    }


def compare_models(
    table: ActorTable | str | Path,
    models: Sequence[str] | None = None,
    *,
    issue: str | None = None,
) -> pd.DataFrame:
    """One row per model: the outcome, the nearest named point of the scale, the rounds run.

    This is the table the report shows for the Korea cases.

    Examples
    --------
    >>> frame = compare_models("korea-nuclear-2013")
    >>> frame["model"].tolist()
    ['compromise', 'median', 'nash', 'expected_utility']
    """
    results = forecast_all(table, models, issue=issue)
    return pd.DataFrame(
        [
            {
                "model": name,
                "issue": result.issue,
                "outcome": result.outcome,
                "nearest_point": result.describe(),
                "rounds": result.rounds,
                "notes": "; ".join(result.notes),
            }
            for name, result in results.items()
        ]
    )
