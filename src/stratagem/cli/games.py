"""``stratagem games``: list, solve and plot the games of :mod:`stratagem.games`.

Register in the main app with ``app.add_typer(games_app, name="games")``. Bad game files never
produce a traceback: their problems are printed with file, line and field, exit status 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from stratagem.errors import Problem, ScenarioError, did_you_mean

__all__ = ["games_app"]

games_app = typer.Typer(
    help="Solve the coercion games (equilibria, QRE) and plot their comparative statics.",
    no_args_is_help=True,
)
console = Console()
err_console = Console(stderr=True)


def _fail(error: ScenarioError) -> typer.Exit:
    n = len(error.problems)
    err_console.print(f"[bold red]error:[/] {n} problem{'s' if n != 1 else ''} found")
    for problem in error.problems:
        err_console.print(
            Text("  ✗ ", style="red") + Text(str(problem)), soft_wrap=True, highlight=False
        )
    return typer.Exit(code=2)


@games_app.command("list")
def list_games() -> None:
    """List the named games."""
    from stratagem.games.catalog import CATALOG

    table = Table(title="games")
    table.add_column("name")
    table.add_column("game")
    table.add_column("source")
    for entry in CATALOG.values():
        table.add_row(entry.name, entry.summary, entry.source)
    console.print(table)


@games_app.command("solve")
def solve(
    game: Annotated[
        str, typer.Argument(help="A .efg/.nfg file or a name from `stratagem games list`.")
    ],
    qre: Annotated[
        float | None, typer.Option("--lambda", help="Also print the logit QRE at this precision.")
    ] = None,
    write: Annotated[
        Path | None, typer.Option("--write", help="Write the game to this .efg/.nfg file.")
    ] = None,
) -> None:
    """Print the equilibria of a game file or a named game."""
    from stratagem.games.catalog import CATALOG, solve_text
    from stratagem.games.io_gambit import read_game, write_game

    path = Path(game)
    try:
        if path.suffix.lower() in (".efg", ".nfg") or path.is_file():
            g = read_game(path)
        elif game in CATALOG:
            g = CATALOG[game].build()
        else:
            raise ScenarioError(
                [
                    Problem(
                        "no such game file or game name",
                        path="game",
                        expected="a .efg/.nfg file or one of " + ", ".join(CATALOG),
                        found=repr(game),
                        hint=did_you_mean(game, CATALOG),
                    )
                ]
            )
    except ScenarioError as error:
        raise _fail(error) from None
    for line in solve_text(g, precision=qre):
        console.print(line, highlight=False, soft_wrap=True)
    if game == "linkage":
        from stratagem.games.linkage import LinkageParams, pressure_threshold, solve_linkage

        p = LinkageParams()
        s = solve_linkage(p)
        threshold = float(pressure_threshold(p.prior_pliable, p.k_pragmatic, p.h))
        console.print(
            f"headline: a pragmatic China pressures iff rho*m > {threshold:.3g} "
            f"(default rho*m = {p.rho * p.m:.3g}); P(pressure and freeze) = "
            f"{s.outcome['pressure_and_freeze']:.3g}",
            highlight=False,
        )
    if write is not None:
        written = write_game(g, write)
        console.print(f"wrote {written}")


@games_app.command("plot")
def plot(
    name: Annotated[
        str,
        typer.Argument(
            help="linkage, sanctions, talks, provocation, audience_costs, fearon or all"
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("games.html"),
) -> None:
    """Write comparative-statics plots of a case game to a self-contained HTML file."""
    from stratagem.games.plot import FIGURES, to_html

    names = list(FIGURES) if name == "all" else [name]
    unknown = [n for n in names if n not in FIGURES]
    if unknown:
        raise _fail(
            ScenarioError(
                [
                    Problem(
                        "no plot for this game",
                        path="name",
                        expected="one of " + ", ".join([*FIGURES, "all"]),
                        found=repr(unknown[0]),
                        hint=did_you_mean(unknown[0], FIGURES),
                    )
                ]
            )
        )
    with np.errstate(all="ignore"):
        figures = [FIGURES[n]() for n in names]
    console.print(f"wrote {to_html(figures, out)}")


@games_app.command("estimate")
def estimate(
    data: Annotated[
        Path | None,
        typer.Option("--data", help="sanctionsData.csv or a shared/data folder (default: found)."),
    ] = None,
    method: Annotated[str, typer.Option(help="npl (default) or pl")] = "npl",
) -> None:
    """Fit the Lewis-Schultz crisis game to the sigInt TIES data; compare with published figures."""
    from stratagem.games import lewis_schultz as ls

    if method not in ("npl", "pl"):
        raise _fail(
            ScenarioError(
                [Problem("unknown method", path="method", expected="npl or pl", found=repr(method))]
            )
        )
    try:
        df = ls.load_sanctions_data(data)
    except ScenarioError as error:
        raise _fail(error) from None
    result = ls.fit(df, method=method)
    table = Table(title=f"Lewis-Schultz {method.upper()} fit ({len(df)} dyad-decades)")
    table.add_column("coefficient")
    table.add_column("estimate", justify="right")
    for name, value in zip(result.names, result.coef, strict=True):
        table.add_row(name, f"{value:.3f}")
    console.print(table)
    comp = ls.comparison(df, result)
    for key, value in comp.items():
        console.print(f"{key}: {value:.4g}", highlight=False)
    console.print(f"converged: {result.converged} ({result.iterations} NPL iterations)")
