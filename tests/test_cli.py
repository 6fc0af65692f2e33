"""The command line end to end: run, scenarios list/show/validate, and clean failures."""

from __future__ import annotations

import json
import subprocess
import sys

import duckdb
from typer.testing import CliRunner

from stratagem.cli import app

runner = CliRunner()


def test_run_writes_parquet_duckdb_and_prints_the_comparison(tmp_path):
    out = tmp_path / "res"
    result = runner.invoke(app, ["run", "--runs", "300", "--seed", "3", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "credible icbm" in result.output
    assert "Months gained" in result.output
    for name in (
        "outcomes.parquet",
        "experiments.parquet",
        "trajectories.parquet",
        "results.duckdb",
        "manifest.json",
        "scenario.yaml",
    ):
        assert (out / name).is_file(), name
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["runs"] == 300
    con = duckdb.connect(str(out / "results.duckdb"), read_only=True)
    count = con.execute("select count(*) from outcomes").fetchone()[0]
    assert count == 300 * len(manifest["strategies"])


def test_run_selected_strategies(tmp_path):
    out = tmp_path / "res"
    result = runner.invoke(
        app,
        [
            "run",
            "korea-2013",
            "-s",
            "do_nothing",
            "-s",
            "linkage_2013",
            "-n",
            "50",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads((out / "manifest.json").read_text())["strategies"] == [
        "do_nothing",
        "linkage_2013",
    ]


def test_unknown_strategy_exits_2_with_suggestion(tmp_path):
    result = runner.invoke(
        app, ["run", "-s", "do_nothin", "-n", "10", "--out", str(tmp_path / "r")]
    )
    assert result.exit_code == 2
    assert "Did you mean 'do_nothing'?" in result.output
    assert not (tmp_path / "r").exists()


def test_invalid_file_exits_2_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: korea-2013\nmetadata:\n  horizon_months: soon\n")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "stratagem",
            "run",
            str(bad),
            "-n",
            "5",
            "--out",
            str(tmp_path / "r"),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr + proc.stdout
    assert f"{bad}:3:3: metadata.horizon_months" in proc.stderr


def test_refuses_to_overwrite_a_foreign_directory(tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "thesis.tex").write_text("precious")
    result = runner.invoke(app, ["run", "-n", "5", "--out", str(foreign)])
    assert result.exit_code == 2
    assert (foreign / "thesis.tex").read_text() == "precious"


def test_scenarios_list_show_validate(tmp_path):
    listed = runner.invoke(app, ["scenarios", "list"])
    assert listed.exit_code == 0 and "korea-2013" in listed.output
    shown = runner.invoke(app, ["scenarios", "show", "korea-2013"])
    assert shown.exit_code == 0
    assert "beta(9, 8)" in shown.output and "sspk" in shown.output
    good = runner.invoke(app, ["scenarios", "validate", "korea-2013"])
    assert good.exit_code == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("extends: korea-2013\nbaseline: nothing\n")
    result = runner.invoke(app, ["scenarios", "validate", str(bad), "korea-2013"])
    assert result.exit_code == 2
    assert "baseline" in result.output


def test_help_teaches():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "stratagem run" in result.output
    run_help = runner.invoke(app, ["run", "--help"])
    assert "--runs" in run_help.output and "DuckDB" in run_help.output
