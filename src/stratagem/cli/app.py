"""The ``stratagem`` command. Every command calls the public Python API; nothing is re-implemented.

Bad input never produces a traceback: scenario problems are printed one per line with their
file, line, column and field, and the command exits with status 2.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Annotated

import pandas as pd
import typer
from rich import box
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from stratagem import api
from stratagem.cli.bargain import bargain
from stratagem.cli.games import games_app
from stratagem.errors import Problem, ScenarioError
from stratagem.scenario.loader import builtin_names
from stratagem.scenario.model import Scenario, load
from stratagem.store.results import Results
from stratagem.store.writer import ResultsDirectoryError

app = typer.Typer(
    name="stratagem",
    help=(
        "Model, simulate and stress-test coercive-diplomacy strategies.\n\n"
        "Start with `stratagem run` (the default case, korea-2013, every strategy), then look "
        "at `stratagem scenarios list` and `stratagem scenarios show korea-2013`."
    ),
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode="rich",
)
scenarios_app = typer.Typer(help="List, show and validate scenario files.", no_args_is_help=True)
app.add_typer(scenarios_app, name="scenarios")
app.command()(bargain)
app.add_typer(games_app, name="games")

console = Console()
err_console = Console(stderr=True)


def _progress() -> Progress:
    """The one progress bar style of the command line."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=not sys.stdout.isatty(),
    )


def _fail_on_problems(error: ScenarioError) -> typer.Exit:
    err_console.print(
        f"[bold red]error:[/] {len(error.problems)} problem"
        f"{'s' if len(error.problems) != 1 else ''} found"
    )
    for problem in error.problems:
        _print_problem(problem)
    return typer.Exit(code=2)


def _print_problem(problem: Problem) -> None:
    err_console.print(
        Text("  ✗ ", style="red") + Text(str(problem)), soft_wrap=True, highlight=False
    )


def _load(reference: str) -> Scenario:
    try:
        return load(reference)
    except ScenarioError as error:
        raise _fail_on_problems(error) from None


def _fmt(value: float) -> str:
    """Compact numbers for narrow terminals: 0, 0.48, 46, 5.2, 14.3k, never.

    >>> [_fmt(v) for v in (0.0, 0.482, 46.0, 5.25, 14283.0, float("inf"))]
    ['0', '0.48', '46', '5.2', '14.3k', 'never']
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if math.isinf(value):
        return "never" if value > 0 else "-inf"
    if value == 0:
        return "0"
    if abs(value) >= 1000:
        return f"{value / 1000:.1f}k"
    if abs(value) >= 100 or value == round(value):
        return f"{value:,.0f}"
    if abs(value) < 1:
        return f"{value:.2f}"
    return f"{value:.1f}"


def _cell(row: pd.Series, horizon: int) -> str:
    cell = f"{_fmt(row['median'])} [{_fmt(row['q10'])}-{_fmt(row['q90'])}]"
    if pd.notna(row["p_event"]):
        cell += f"\n{row['p_event']:.0%} by {horizon}"
    return cell


def _label(outcome: str) -> str:
    return outcome.replace("_musd", "").replace("_", " ")


def summary_table(results: Results) -> Table:
    """Strategies as rows, the scenario's summary outcomes as columns: median [80 % interval]."""
    summary = results.summary()
    chosen = results.manifest.get("summary_outcomes") or list(results.outcome_specs)[:4]
    table = Table(
        title=f"{results.scenario_name}: {results.runs:,} runs per strategy, "
        "median [10th-90th percentile]; % of runs where the event happens by the horizon",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    table.add_column("strategy", style="bold", no_wrap=True)
    for outcome in chosen:
        unit = results.outcome_specs[outcome]["unit"]
        table.add_column(f"{_label(outcome)}\n[dim]{unit}[/]", justify="right")
    for strategy in results.strategies:
        rows = summary[summary["strategy"] == strategy]
        label = strategy + ("\n(baseline)" if strategy == results.baseline else "")
        cells = [_cell(rows[rows["outcome"] == o].iloc[0], results.horizon_months) for o in chosen]
        table.add_row(label, *cells)
    return table


def outcomes_table(results: Results) -> Table:
    """Every outcome as a row, strategies as columns (``--all``)."""
    summary = results.summary()
    table = Table(title="All outcomes: median [10th-90th percentile]", title_justify="left")
    table.add_column("outcome", style="bold", no_wrap=True)
    for strategy in results.strategies:
        table.add_column(strategy, justify="right")
    for outcome, rows in summary.groupby("outcome", sort=False):
        unit = str(rows["unit"].iloc[0])
        cells = [
            _cell(rows[rows["strategy"] == s].iloc[0], results.horizon_months)
            for s in results.strategies
        ]
        table.add_row(f"{_label(str(outcome))}\n[dim]{unit}[/]", *cells)
    return table


def time_bought_table(results: Results) -> Table:
    """Paired time bought on the headline outcome against the baseline."""
    frame = results.time_bought()
    outcome = str(frame["outcome"].iloc[0])
    table = Table(
        title=f"Months gained on {outcome.replace('_', ' ')} vs {results.baseline} (later is "
        f"+; paired runs, restricted to the {results.horizon_months}-month horizon)",
        title_justify="left",
    )
    for column in ("strategy", "mean", "median", "10th pct", "90th pct", "runs later"):
        table.add_column(column, justify="left" if column == "strategy" else "right")
    for _, row in frame.iterrows():
        if row["strategy"] == results.baseline:
            continue
        table.add_row(
            str(row["strategy"]),
            f"{row['mean']:+.1f}",
            f"{row['median']:+.0f}",
            f"{row['q10']:+.0f}",
            f"{row['q90']:+.0f}",
            f"{row['p_later']:.0%}",
        )
    return table


@app.command()
def run(
    scenario: Annotated[
        str, typer.Argument(help="Built-in case name or path to a YAML file.")
    ] = "korea-2013",
    strategy: Annotated[
        list[str] | None,
        typer.Option("--strategy", "-s", help="Strategy to simulate (repeatable; default: all)."),
    ] = None,
    runs: Annotated[int, typer.Option("--runs", "-n", min=1, help="Runs per strategy.")] = 10_000,
    seed: Annotated[int, typer.Option(min=0, help="Random seed (same seed, same results).")] = 1,
    out: Annotated[
        Path | None, typer.Option(help="Results directory (default: stratagem-results/SCENARIO).")
    ] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, help="Worker processes (default: automatic).")
    ] = None,
    chunk_size: Annotated[
        int | None, typer.Option(min=1, help="Runs simulated at once; never changes results.")
    ] = None,
    all_outcomes: Annotated[
        bool, typer.Option("--all", help="Also print every outcome for every strategy.")
    ] = False,
    report: Annotated[
        bool, typer.Option(help="Write the HTML report and summary.json into OUT.")
    ] = True,
) -> None:
    """Simulate strategies on common random numbers and print the comparison.

    Results go to OUT as Parquet files plus a DuckDB database (results.duckdb) that can be
    queried directly, e.g. `duckdb OUT/results.duckdb "select * from outcomes limit 5"`.
    """
    loaded = _load(scenario)
    target = out if out is not None else Path("stratagem-results") / loaded.name
    console.print(f"[bold]{loaded.document.metadata.title}[/]")
    try:
        with _progress() as bar:
            task = bar.add_task("simulating runs", total=runs)
            results = api.simulate(
                loaded,
                strategies=strategy,
                runs=runs,
                seed=seed,
                out=target,
                workers=workers,
                chunk_size=chunk_size,
                progress=lambda done, total: bar.update(task, completed=done),
            )
    except ScenarioError as error:
        raise _fail_on_problems(error) from None
    except ResultsDirectoryError as error:
        err_console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    console.print(summary_table(results))
    if all_outcomes:
        console.print(outcomes_table(results))
    if len(results.strategies) > 1 and results.baseline in results.strategies:
        console.print(time_bought_table(results))
    if report:
        _write_report(results)
    rate = results.manifest.get("run_months_per_second") or 0
    console.print(
        f"{results.manifest['run_months']:,} run-months in "
        f"{results.manifest['elapsed_seconds']:.1f} s ({rate / 1e6:.1f} M/s). "
        f"Results in [bold]{results.path}[/]"
    )


def _write_report(results: Results, claims: bool = True, claims_runs: int = 2000) -> None:
    from stratagem.report import build_report

    with _progress() as bar:
        task = bar.add_task("claim experiments", total=None)
        path = build_report(
            results,
            claims=claims,
            claims_runs=claims_runs,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    console.print(f"Report: [bold]{path}[/]")


@app.command("report")
def report_command(
    results_dir: Annotated[Path, typer.Argument(help="A results directory from `stratagem run`.")],
    claims: Annotated[bool, typer.Option(help="Run the claim-by-claim experiments.")] = True,
    claims_runs: Annotated[int, typer.Option(min=50, help="Runs per claim variant.")] = 2000,
) -> None:
    """Write the self-contained HTML report (report.html) and summary.json for a results directory.

    The report opens offline: Plotly's JavaScript and every figure are inside the file.
    """
    try:
        results = Results.open(results_dir)
    except FileNotFoundError as error:
        err_console.print(f"[bold red]error:[/] {error}")
        raise typer.Exit(code=2) from None
    except ScenarioError as error:
        raise _fail_on_problems(error) from None
    try:
        _write_report(results, claims=claims, claims_runs=claims_runs)
    except ScenarioError as error:
        raise _fail_on_problems(error) from None


@scenarios_app.command("list")
def scenarios_list() -> None:
    """List the built-in cases."""
    table = Table(title="Built-in cases")
    for column in ("name", "start", "months", "strategies", "title"):
        table.add_column(column)
    for name in builtin_names():
        s = _load(name)
        meta = s.document.metadata
        table.add_row(
            name, meta.start, str(meta.horizon_months), ", ".join(s.strategy_names()), meta.title
        )
    console.print(table)


@scenarios_app.command("show")
def scenarios_show(
    scenario: Annotated[str, typer.Argument(help="Built-in case name or path.")] = "korea-2013",
) -> None:
    """Show a scenario: mechanisms, every parameter with its distribution and source."""
    s = _load(scenario)
    meta = s.document.metadata
    console.print(f"[bold]{meta.title}[/]\n{meta.description.strip()}\n")
    console.print(
        f"start {meta.start}, horizon {meta.horizon_months} months; baseline "
        f"[bold]{s.baseline}[/]; mechanisms: "
        + ", ".join(m.name for m in s.mechanisms)
        + (f" (off: {', '.join(s.disabled)})" if s.disabled else "")
    )
    table = Table(title="Parameters", show_lines=False)
    for column in ("mechanism", "parameter", "value", "unit", "provenance"):
        table.add_column(column, overflow="fold")
    for (mechanism, name), value in s.parameters.items():
        provenance = (
            f"source: {value.source}" if value.source else f"assumption: {value.assumption}"
        )
        table.add_row(mechanism, name, value.distribution.describe(), value.unit, provenance)
    console.print(table)
    strategies = Table(title="Strategies")
    for column in ("strategy", "rule", "description"):
        strategies.add_column(column, overflow="fold")
    for name, resolved in s.strategies.items():
        strategies.add_row(name, resolved.strategy.name, resolved.description)
    console.print(strategies)


@scenarios_app.command("validate")
def scenarios_validate(
    files: Annotated[list[str], typer.Argument(help="Scenario files or built-in names.")],
) -> None:
    """Check scenario files; print every problem with its file, line and field (exit code 2)."""
    failed = False
    for reference in files:
        try:
            s = load(reference)
        except ScenarioError as error:
            failed = True
            err_console.print(f"[red]✗ {reference}[/]")
            for problem in error.problems:
                _print_problem(problem)
            continue
        console.print(
            f"[green]✓[/] {reference}: {s.name}, {len(s.mechanisms)} mechanisms, "
            f"{len(s.strategies)} strategies, {len(s.parameters)} parameters"
        )
    if failed:
        raise typer.Exit(code=2)


def main() -> None:
    """Entry point of the ``stratagem`` console script."""
    app()
