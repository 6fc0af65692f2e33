"""``stratagem bargain``: bargaining forecasts from an actor table, as Rich tables and a plot.

Register it on the main Typer app with ``app.command()(bargain)``. Like the rest of the command
line, bad input never produces a traceback: table problems are printed one per line with their
file, line, column and field, and the command exits with status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from stratagem.bargaining import MODEL_OPTIONS, MODELS, Forecast, forecast, read_table, write_plot
from stratagem.bargaining.expected_utility import KIND_NAMES
from stratagem.bargaining.table import ActorTable, builtin_tables
from stratagem.errors import ScenarioError, did_you_mean

__all__ = ["bargain", "parse_setting"]

console = Console()
err_console = Console(stderr=True)

_ROUND_MODELS = {name for name, options in MODEL_OPTIONS.items() if "rounds" in options}


def _fail(message: str) -> typer.Exit:
    err_console.print(Text("error: ", style="bold red") + Text(message), highlight=False)
    return typer.Exit(code=2)


def _fail_on_problems(error: ScenarioError) -> typer.Exit:
    n = len(error.problems)
    err_console.print(f"[bold red]error:[/] {n} problem{'s' if n != 1 else ''} found")
    for problem in error.problems:
        err_console.print(
            Text("  ✗ ", style="red") + Text(str(problem)), soft_wrap=True, highlight=False
        )
    return typer.Exit(code=2)


def parse_setting(text: str) -> tuple[str, object]:
    """``"key=value"`` -> ``(key, value)`` with the value read as bool, int, float or text.

    >>> parse_setting("q=0.5"), parse_setting("risk=false"), parse_setting("offer=least_move")
    (('q', 0.5), ('risk', False), ('offer', 'least_move'))
    """
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        raise ValueError(f"--set expects KEY=VALUE, got {text!r}")
    value = raw.strip()
    lowered = value.lower()
    if lowered in ("true", "yes", "on"):
        return key.strip(), True
    if lowered in ("false", "no", "off"):
        return key.strip(), False
    for kind in (int, float):
        try:
            return key.strip(), kind(value)
        except ValueError:
            continue
    return key.strip(), value


def _fmt(value: float) -> str:
    """Positions with up to three significant decimals: 7, 7.39, 27.692."""
    return f"{value:.4g}" if abs(value) < 1000 else f"{value:,.0f}"


def _header(table: ActorTable, issue: str) -> None:
    spec = table.issues[table.issue_index(issue)]
    console.print(f"[bold]{table.title or table.name}[/]")
    scale = ""
    if spec.low is not None and spec.high is not None:
        scale = f"scale {spec.low:g} ({spec.low_label or 'low'}) to {spec.high:g} "
        scale += f"({spec.high_label or 'high'})"
    parts = [f"issue [bold]{spec.name}[/]", f"{table.n_actors} actors"]
    if scale:
        parts.append(scale)
    if spec.status_quo is not None:
        parts.append(f"status quo {spec.status_quo:g}")
    console.print("; ".join(parts), highlight=False)


def results_table(results: list[Forecast]) -> Table:
    """One row per model: outcome, what it means on the scale, rounds run."""
    table = Table(title="Forecasts", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False)
    table.add_column("model", style="bold", no_wrap=True)
    table.add_column("outcome", justify="right")
    table.add_column("nearest named point", overflow="fold")
    table.add_column("rounds", justify="right")
    table.add_column("notes", overflow="fold")
    for result in results:
        others = [f"{k} {_fmt(v)}" for k, v in result.outcomes.items() if k != result.issue]
        notes = "; ".join(
            [*result.notes, *(["other issues: " + ", ".join(others)] if others else [])]
        )
        table.add_row(
            result.model,
            _fmt(result.outcome),
            result.describe() or "–",
            str(result.rounds) if result.rounds else "–",
            notes,
        )
    return table


def rounds_table(result: Forecast) -> Table:
    """Actors' positions on the focal issue after each round, and the model's outcome."""
    k = result.table.issue_index(result.issue)
    table = Table(
        title=f"{result.model}: positions on {result.issue} by round",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("actor", style="bold", no_wrap=True)
    for t in range(result.rounds + 1):
        table.add_column(str(t), justify="right")
    for i, actor in enumerate(result.table.actors):
        table.add_row(actor, *(f"{v:.3g}" for v in result.positions[:, i, k]))
    table.add_row(
        Text("outcome", style="bold cyan"),
        *(Text(f"{v:.3g}", style="bold cyan") for v in result.trajectory[:, k]),
    )
    for name, values in result.series.items():
        if np.array_equal(values, result.trajectory[:, k]):
            continue  # the outcome row already shows it
        table.add_row(Text(name, style="dim"), *(Text(f"{v:.3g}", style="dim") for v in values))
    return table


#: Short column headings of the per-actor table (the terminal is often 80 columns wide).
_HEADINGS = {
    "capability": "cap.",
    "salience": "sal.",
    "position": "start",
    "final_position": "final",
    "risk_exponent": "risk r",
    "weight_share": "weight",
    "gain_share": "gain",
    "last_offer": "offer",
    "exchanges": "trades",
}


def actors_table(result: Forecast) -> Table:
    """Per-actor inputs and the model's per-actor detail on the focal issue."""
    frame = result.actor_frame().drop(columns=["name"])
    table = Table(
        title=f"{result.model}: actors", title_justify="left", box=box.SIMPLE_HEAD, pad_edge=False
    )
    for column in frame.columns:
        heading = _HEADINGS.get(column, column.replace("_", " "))
        if column == "actor":
            table.add_column(heading, no_wrap=True, style="bold")
        else:
            table.add_column(heading, justify="right")
    for _, row in frame.iterrows():
        cells = []
        for column in frame.columns:
            value = row[column]
            if column == "actor":
                cells.append(str(value))
            elif column == "last_offer":
                cells.append(KIND_NAMES[int(value)])
            elif column == "side":
                cells.append({-1: "below", 0: "at", 1: "above"}[int(value)])
            elif column.endswith("share"):
                cells.append(f"{value:.1%}")
            else:
                cells.append(_fmt(float(value)))
        table.add_row(*cells)
    return table


def bargain(
    table: Annotated[
        str,
        typer.Argument(
            help="Built-in table (" + ", ".join(builtin_tables()) + ") or a .yaml/.csv file "
            "(KTAB's CSV layout is read too)."
        ),
    ],
    model: Annotated[
        list[str] | None,
        typer.Option(
            "--model",
            "-m",
            help="Model to run (repeatable): " + ", ".join(MODELS) + ". Default: all that apply.",
        ),
    ] = None,
    rounds: Annotated[
        int | None,
        typer.Option(
            min=0, help="Rounds for the models that have them (expected_utility, exchange)."
        ),
    ] = None,
    issue: Annotated[
        str | None, typer.Option(help="Issue to report (default: the table's first).")
    ] = None,
    setting: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            help="Model option KEY=VALUE (repeatable), e.g. --set probability=pairwise.",
        ),
    ] = None,
    plot: Annotated[
        Path | None,
        typer.Option(help="Write a plot of positions over rounds to this .html (or .png) file."),
    ] = None,
) -> None:
    """Forecast where a negotiation settles: compromise, median, Nash, expected utility, exchange.

    Prints each model's outcome with the nearest named point of the issue's scale.

    Models with rounds also show the actors' positions round by round; a single model, per actor.

    Example: stratagem bargain korea-nuclear-2017 -m expected_utility --rounds 8 --plot k.html
    """
    try:
        actor_table = read_table(table)
    except ScenarioError as error:
        raise _fail_on_problems(error) from None
    names = (
        list(model)
        if model
        else [m for m in MODELS if m != "exchange" or actor_table.n_issues >= 2]
    )
    for name in names:
        if name not in MODELS:
            hint = did_you_mean(name, MODELS)
            raise _fail(
                f"unknown model {name!r}; models: {', '.join(MODELS)}"
                + (f". {hint}" if hint else "")
            )
    try:
        settings = dict(parse_setting(text) for text in setting or [])
    except ValueError as exc:
        raise _fail(str(exc)) from None
    unused = [key for key in settings if not any(key in MODEL_OPTIONS[n] for n in names)]
    if unused:
        raise _fail(
            f"option {unused[0]!r} is not an option of "
            + ", ".join(names)
            + "; options: "
            + "; ".join(f"{n}: {', '.join(MODEL_OPTIONS[n]) or 'none'}" for n in names)
        )
    results: list[Forecast] = []
    try:
        for name in names:
            options = {k: v for k, v in settings.items() if k in MODEL_OPTIONS[name]}
            if rounds is not None and name in _ROUND_MODELS:
                options["rounds"] = rounds
            results.append(forecast(actor_table, name, issue=issue, **options))
    except ScenarioError as error:
        raise _fail_on_problems(error) from None
    except (TypeError, ValueError) as exc:
        raise _fail(str(exc)) from None
    _header(actor_table, results[0].issue)
    console.print(results_table(results))
    if len(results) == 1:
        console.print(actors_table(results[0]))
    for result in results:
        if result.rounds > 0:
            console.print(rounds_table(result))
    if plot is not None:
        try:
            written = write_plot(results, plot)
        except (ImportError, ValueError, OSError) as exc:
            raise _fail(str(exc)) from None
        console.print(f"Plot written to [bold]{written}[/]")
