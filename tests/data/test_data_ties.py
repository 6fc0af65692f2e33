from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from stratagem.data import (
    TIES_INCIDENCE,
    TIES_RAW,
    aalen_johansen,
    acquiescence_incidence,
    fit_weibull_time_to_success,
    load_ties,
    monthly_hazard_from_incidence,
    ties_episodes,
)
from stratagem.data.ties import ACQUIESCENCE, FAILURE, NEGOTIATED, cause_key
from stratagem.errors import ScenarioError

YEARS = [0.5, 1, 2, 3, 5, 10]
# game_theory.md §6.2, cumulative incidence of target acquiescence (per cent)
PUBLISHED = {
    "all": [10.8, 14.7, 20.5, 24.1, 26.1, 30.4],
    "us_sender": [10.0, 15.2, 22.8, 26.7, 28.6, 32.3],
}


@pytest.mark.parametrize("sender", ["all", "us_sender"])
def test_loader_reproduces_the_published_points(shared_data: Path, sender: str) -> None:
    years, incidence = acquiescence_incidence(shared_data / TIES_INCIDENCE, sender)
    np.testing.assert_array_equal(years, YEARS)
    np.testing.assert_array_equal(np.round(100 * incidence, 1), PUBLISHED[sender])


def test_loader_other_outcomes(shared_data: Path) -> None:
    _, nego = acquiescence_incidence(shared_data / TIES_INCIDENCE, outcome="nego")
    _, running = acquiescence_incidence(shared_data / TIES_INCIDENCE, outcome="still_running")
    np.testing.assert_array_equal(np.round(100 * nego, 1), [3.7, 6.2, 12.1, 13.7, 16.5, 21.6])
    np.testing.assert_array_equal(np.round(100 * running, 1), [76.0, 65.4, 49.7, 42.4, 34.1, 13.7])


@pytest.mark.parametrize("sender", ["all", "us_sender"])
def test_raw_ties_reproduce_the_compiled_incidence(shared_data: Path, sender: str) -> None:
    """Recomputing §6.2 from TIESv4-1.csv gives the compiled JSON (rounded to 0.1 point)."""
    doc = json.loads((shared_data / TIES_INCIDENCE).read_text())[sender]
    ties = load_ties(shared_data / TIES_RAW)
    durations, causes = ties_episodes(ties, sender)
    assert durations.size == doc["n_episodes"]  # 579 all, 293 US
    assert int((causes == 0).sum()) == doc["n_censored"]  # 99, 49
    ci = aalen_johansen(durations, causes, YEARS)
    for cause in (ACQUIESCENCE, NEGOTIATED, FAILURE):
        published = [doc["cumulative_incidence"][f"{y:g}"][cause_key(cause)] for y in YEARS]
        np.testing.assert_allclose(ci[cause], published, atol=0.0006)


def test_duration_counts_match_the_stats_file(shared_data: Path) -> None:
    stats = json.loads((shared_data / "compiled" / "ties_outcome_duration_stats.json").read_text())
    durations, causes = ties_episodes(load_ties(shared_data / TIES_RAW))
    success = durations[causes == ACQUIESCENCE]
    assert success.size == stats["all"]["dur_imposed_success_6_7"]["n"]  # 172
    np.testing.assert_allclose(
        np.median(success), stats["all"]["dur_imposed_success_6_7"]["median_yr"], atol=0.005
    )
    assert (causes == FAILURE).sum() == stats["all"]["dur_imposed_failure_8_9"]["n"]  # 182


def test_aalen_johansen_by_hand() -> None:
    ci = aalen_johansen([1, 2, 3, 4], [1, 0, 2, 1], [0.5, 1, 3, 10])
    np.testing.assert_allclose(ci[1], [0, 0.25, 0.25, 0.625])
    np.testing.assert_allclose(ci[2], [0, 0, 0.375, 0.375])


@given(
    st.lists(st.tuples(st.integers(1, 30), st.integers(0, 1)), min_size=1, max_size=40),
)
def test_single_cause_equals_one_minus_kaplan_meier(episodes: list[tuple[int, int]]) -> None:
    t = np.array([e[0] for e in episodes], dtype=float)
    c = np.array([e[1] for e in episodes])
    times = [0.5, 5, 12, 31]
    ci = aalen_johansen(t, c, times)
    km = []
    for x in times:  # independent product-limit estimator
        s = 1.0
        for u in np.unique(t[c == 1]):
            if u <= x:
                s *= 1 - np.sum((t == u) & (c == 1)) / np.sum(t >= u)
        km.append(1 - s)
    np.testing.assert_allclose(ci.get(1, np.zeros(4)), km, atol=1e-12)


@given(st.lists(st.tuples(st.integers(1, 20), st.integers(0, 3)), min_size=1, max_size=40))
def test_incidences_are_monotone_and_sum_below_one(episodes: list[tuple[int, int]]) -> None:
    t = np.array([e[0] for e in episodes], dtype=float)
    c = np.array([e[1] for e in episodes])
    ci = aalen_johansen(t, c, np.arange(0, 22))
    total = np.zeros(22)
    for values in ci.values():
        assert np.all(np.diff(values) >= -1e-12)
        assert np.all((values >= 0) & (values <= 1 + 1e-12))
        total += values
    assert np.all(total <= 1 + 1e-12)
    if (c == 0).sum() == 0:  # no censoring: every episode ends with some cause by t = 20
        assert total[-1] == pytest.approx(1.0)


@pytest.mark.parametrize("sender", ["all", "us_sender"])
def test_piecewise_hazards_reproduce_the_incidence(shared_data: Path, sender: str) -> None:
    years, incidence = acquiescence_incidence(shared_data / TIES_INCIDENCE, sender)
    h = monthly_hazard_from_incidence(years, incidence)
    np.testing.assert_array_equal(h.edges_months, [0, 6, 12, 24, 36, 60, 120])
    assert np.all((h.monthly >= 0) & (h.monthly <= 1))
    # month by month survival, computed here without the package
    survival, month, cumulative = 1.0, 0, []
    for k, rate in enumerate(h.monthly):
        while month < h.edges_months[k + 1]:
            survival *= 1 - rate
            month += 1
        cumulative.append(1 - survival)
    np.testing.assert_allclose(cumulative, incidence, atol=1e-12)
    np.testing.assert_allclose(h.cumulative(12 * years), incidence, atol=1e-12)
    np.testing.assert_array_equal(h.at([0, 5, 6, 119, 500]), h.monthly[[0, 0, 1, 5, 5]])
    print(f"TIES {sender} monthly hazards by interval: {np.round(h.monthly, 5).tolist()}")


@given(
    st.lists(st.floats(0.0, 0.2), min_size=1, max_size=8),
    st.lists(st.floats(0.1, 5.0), min_size=8, max_size=8),
)
def test_piecewise_hazards_are_probabilities(steps: list[float], spans: list[float]) -> None:
    incidence = np.minimum(np.cumsum(steps), 0.99)
    years = np.cumsum(spans[: len(steps)])
    h = monthly_hazard_from_incidence(years, incidence)
    assert np.all((h.monthly >= 0) & (h.monthly <= 1))
    np.testing.assert_allclose(h.cumulative(12 * years), incidence, atol=1e-9)


@pytest.mark.parametrize("sender", ["all", "us_sender"])
def test_weibull_cure_fit_within_one_and_a_half_points(shared_data: Path, sender: str) -> None:
    years, incidence = acquiescence_incidence(shared_data / TIES_INCIDENCE, sender)
    fit = fit_weibull_time_to_success(years, incidence)
    fitted = 100 * fit.cumulative_incidence(YEARS)
    np.testing.assert_allclose(fitted, PUBLISHED[sender], atol=1.5)
    assert fit.max_abs_error < 0.015
    # the reading of §6.2: success plateaus near 30 % and its hazard falls with time
    assert 0.28 < fit.plateau < 0.40
    assert fit.shape < 1.0
    # the monthly hazards of the fit compound to its cumulative incidence
    months = np.arange(120)
    survival = np.cumprod(1 - fit.monthly_hazard(months))
    np.testing.assert_allclose(
        1 - survival[[11, 23, 35, 119]], fit.cumulative_incidence([1, 2, 3, 10]), atol=1e-12
    )
    assert np.all(np.diff(fit.monthly_hazard(months)) < 0)
    print(
        f"TIES {sender} Weibull-cure fit: plateau {fit.plateau:.4f}, scale "
        f"{fit.scale_years:.3f} y, shape {fit.shape:.3f}, max error {100 * fit.max_abs_error:.2f}"
        f" points; monthly hazard in month 1 {fit.monthly_hazard(0):.4f}, month 36 "
        f"{fit.monthly_hazard(35):.4f}"
    )


def test_weibull_cure_fit_recovers_exact_points() -> None:
    t = np.array(YEARS, dtype=float)
    truth = 0.4 * (1 - np.exp(-((t / 2.5) ** 1.3)))
    fit = fit_weibull_time_to_success(t, truth)
    np.testing.assert_allclose(
        [fit.plateau, fit.scale_years, fit.shape], [0.4, 2.5, 1.3], rtol=1e-5
    )
    assert fit.max_abs_error < 1e-8


def test_incidence_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ScenarioError) as info:
        acquiescence_incidence(tmp_path)
    assert info.value.problems[0].found == "no such file"
    path = tmp_path / "ties_cumulative_incidence.json"
    path.write_text('{"all": {"cumulative_incidence": {"1": {"succ": 0.1}}}')
    with pytest.raises(ScenarioError) as info:
        acquiescence_incidence(path)
    assert info.value.problems[0].line == 1
    path.write_text(json.dumps({"all": {"cumulative_incidence": {"1": {"succ": 0.1}}}}))
    with pytest.raises(ScenarioError) as info:
        acquiescence_incidence(path, "us_sender")
    assert info.value.problems[0].path == "us_sender.cumulative_incidence"
    path.write_text(
        json.dumps({"all": {"cumulative_incidence": {"x": {"succ": 0.1}, "2": {"succ": "a"}}}})
    )
    with pytest.raises(ScenarioError) as info:
        acquiescence_incidence(path)
    assert [p.path for p in info.value.problems] == [
        "all.cumulative_incidence.x",
        "all.cumulative_incidence.2.succ",
    ]


def test_hazard_input_checks() -> None:
    with pytest.raises(ValueError, match="increasing"):
        monthly_hazard_from_incidence([1, 1], [0.1, 0.2])
    with pytest.raises(ValueError, match="non-decreasing"):
        monthly_hazard_from_incidence([1, 2], [0.2, 0.1])


def test_incidence_default_path(shared_data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STRATAGEM_DATA", str(shared_data))
    _, incidence = acquiescence_incidence()
    np.testing.assert_array_equal(np.round(100 * incidence, 1), PUBLISHED["all"])
    monkeypatch.setenv("STRATAGEM_DATA", str(shared_data / "missing"))
    with pytest.raises(ScenarioError):
        acquiescence_incidence()
