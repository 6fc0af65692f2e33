"""The shipped Korea tables: provenance for every number, and every model runs on them."""

from __future__ import annotations

import pytest

from stratagem.bargaining import compare_models, forecast, forecast_all, read_table

YEARS = ("korea-nuclear-2013", "korea-nuclear-2017")
PARTIES = ("US", "ROK", "Japan", "China", "Russia", "DPRK")


@pytest.mark.parametrize("name", YEARS)
def test_every_number_has_a_source_or_an_assumption(name):
    table = read_table(name)
    assert table.actors == PARTIES
    assert table.sources == ()  # no blanket citation: each value carries its own
    for actor in table.actors:
        for key in ("capability", "position.nuclear", "salience.nuclear"):
            note = table.provenance.get(f"{actor}.{key}", "")
            assert note.startswith(("source: ", "assumption: ")), (actor, key)
    assert table.provenance["nuclear.status_quo"].startswith("assumption: ")


@pytest.mark.parametrize("name", YEARS)
def test_scale_runs_from_cvid_to_a_recognized_arsenal(name):
    issue = read_table(name).issues[0]
    assert (issue.low, issue.high) == (0.0, 100.0)
    assert "dismantlement" in issue.low_label
    assert "recognized" in issue.high_label
    assert [value for value, _ in issue.anchors] == [25.0, 50.0, 75.0]


@pytest.mark.parametrize("name", YEARS)
def test_all_models_run_and_stay_on_the_scale(name):
    results = forecast_all(name)
    assert list(results) == ["compromise", "median", "nash", "expected_utility"]
    for result in results.values():
        assert 0.0 <= result.outcome <= 100.0
        assert result.describe()
    assert results["expected_utility"].rounds >= 1


@pytest.mark.parametrize(("name", "status_quo"), [(YEARS[0], 85.0), (YEARS[1], 90.0)])
def test_nash_keeps_the_status_quo(name, status_quo):
    # The US (at 0) gains only below the status quo and the DPRK (at 100) only above it, so no
    # agreement improves on it for both: the Nash forecast is the status quo itself.
    result = forecast(name, "nash")
    assert result.outcome == status_quo
    assert result.notes


def test_compare_models_is_the_report_table():
    frame = compare_models("korea-nuclear-2017")
    assert list(frame.columns) == ["model", "issue", "outcome", "nearest_point", "rounds", "notes"]
    assert frame.loc[frame["model"] == "median", "outcome"].item() == 0.0
