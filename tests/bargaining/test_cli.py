"""``stratagem bargain``: tables printed, plots written, bad input -> exit code 2, no traceback."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from stratagem.cli.bargain import bargain

from .conftest import FIXTURES

app = typer.Typer()
app.command()(bargain)


@app.callback()
def _group() -> None:
    """Test harness: `bargain` as a sub-command, as in the real app."""


runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["bargain", *args])


def test_all_models_on_a_builtin_table():
    result = _run("korea-nuclear-2013")
    assert result.exit_code == 0, result.output
    for model in ("compromise", "median", "nash", "expected_utility"):
        assert model in result.output
    assert "status quo 85" in result.output
    assert "positions on nuclear by round" in result.output


def test_one_model_with_rounds_and_options():
    result = _run(
        str(FIXTURES / "ec_emissions.yaml"),
        "-m",
        "expected_utility",
        "--rounds",
        "3",
        "--set",
        "probability=pairwise",
    )
    assert result.exit_code == 0, result.output
    assert "expected_utility: actors" in result.output
    lines = result.output.splitlines()
    start = next(i for i, line in enumerate(lines) if "positions on year" in line)
    header = next(line for line in lines[start:] if line.strip().startswith("actor"))
    assert header.split()[1:] == ["0", "1", "2", "3"]


def test_exchange_on_the_ktab_two_issue_table():
    result = _run(str(FIXTURES / "SOE-Pol-Comp.csv"), "-m", "exchange", "--issue", "Competitive")
    assert result.exit_code == 0, result.output
    assert "exchanges" in result.output
    assert "Policy" in result.output


def test_plot_is_written_offline(tmp_path):
    target = tmp_path / "positions.html"
    result = _run("korea-nuclear-2017", "--plot", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text()
    assert 'src="https://cdn.plot.ly' not in html  # plotly.js is embedded, not fetched
    assert len(html) > 1_000_000
    assert "Where do the six parties" in html


def test_bad_table_prints_located_problems(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "name: x\nsources: [y]\nactors:\n  A: {capabilty: 1, position: 0, salience: 5}\n"
    )
    result = _run(str(bad))
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert f"{bad}:4:" in result.output
    assert "Did you mean 'capability'?" in result.output


def test_unknown_model_option_and_table():
    result = _run("korea-nuclear-2013", "-m", "nahs")
    assert result.exit_code == 2
    assert "Did you mean 'nash'?" in result.output
    result = _run("korea-nuclear-2013", "-m", "nash", "--set", "utilty=linear")
    assert result.exit_code == 2
    assert "utilty" in result.output
    result = _run("korea-nuclear-2013", "-m", "exchange")
    assert result.exit_code == 2
    assert "two issues" in result.output
    result = _run("korea-nuclear-2031")
    assert result.exit_code == 2
    assert "Did you mean" in result.output
    result = _run("korea-nuclear-2013", "--plot", "out.pdf")
    assert result.exit_code == 2
    assert ".html or .png" in result.output
