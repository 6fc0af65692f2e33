from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from stratagem.cli.games import games_app

app = typer.Typer()
app.add_typer(games_app, name="games")
runner = CliRunner()


def test_list() -> None:
    result = runner.invoke(app, ["games", "list"])
    assert result.exit_code == 0
    assert "linkage" in result.output and "kuhn_poker" in result.output


def test_solve_named_game_prints_equilibria() -> None:
    result = runner.invoke(app, ["games", "solve", "battle_of_the_sexes"])
    assert result.exit_code == 0, result.output
    assert "3 equilibria" in result.output
    assert "opera 0.6667" in result.output


def test_solve_linkage_prints_headline() -> None:
    result = runner.invoke(app, ["games", "solve", "linkage"])
    assert result.exit_code == 0, result.output
    assert "headline" in result.output and "2.2" in result.output


def test_solve_file_and_write(tmp_path: Path) -> None:
    out = tmp_path / "pd.nfg"
    result = runner.invoke(
        app, ["games", "solve", "prisoners_dilemma", "--write", str(out), "--lambda", "1"]
    )
    assert result.exit_code == 0, result.output
    assert "logit QRE at lambda = 1" in result.output
    again = runner.invoke(app, ["games", "solve", str(out)])
    assert again.exit_code == 0 and "1 equilibrium" in again.output


def test_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.nfg"
    bad.write_text('NFG 1 R "x" { "A" "B" } { 2 2 }\n1 2 3\n', "utf-8")
    result = runner.invoke(app, ["games", "solve", str(bad)])
    assert result.exit_code == 2
    assert "bad.nfg:2" in result.output and "Traceback" not in result.output


def test_unknown_name_suggests() -> None:
    result = runner.invoke(app, ["games", "solve", "sanction"])
    assert result.exit_code == 2
    assert "Did you mean 'sanctions'?" in result.output


def test_plot_writes_self_contained_html(tmp_path: Path) -> None:
    pytest.importorskip("plotly")
    out = tmp_path / "linkage.html"
    result = runner.invoke(app, ["games", "plot", "linkage", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "plotly" in html.lower() and "PBE boundary" in html and len(html) > 1_000_000


def test_plot_unknown() -> None:
    result = runner.invoke(app, ["games", "plot", "linkag"])
    assert result.exit_code == 2 and "Did you mean 'linkage'?" in result.output


def test_estimate_reports_missing_data(tmp_path: Path) -> None:
    result = runner.invoke(app, ["games", "estimate", "--data", str(tmp_path / "none.csv")])
    assert result.exit_code == 2
    assert "data file not found" in result.output
    bad = runner.invoke(app, ["games", "estimate", "--method", "ols"])
    assert bad.exit_code == 2 and "npl or pl" in bad.output
