"""The bargaining forecast feeds the simulation: what a freeze stops is the forecast settlement.

Covers the deal terms read off the issue scale (closed forms and properties), the concession
step, the engine-level effect of the terms on common random numbers, and the ``forecast``
distribution of scenario files (values, provenance, errors, paths, round trips).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stratagem
from stratagem import ScenarioError
from stratagem.bargaining import read_table
from stratagem.distributions import Fixed, Uniform
from stratagem.engine.model import StepInput
from stratagem.engine.random import seed_sequence
from stratagem.engine.simulate import simulate_chunk
from stratagem.mechanisms import concession
from stratagem.mechanisms.concession import deal_cost, deal_terms

KOREA_ANCHORS = {"status_quo": 85.0, "moratorium": 75.0, "verified_freeze": 50.0}


def _terms(x: float) -> tuple[float, float, float]:
    tests, production, dismantlement = deal_terms(x, 85.0, 75.0, 50.0, 0.0)
    return float(tests), float(production), float(dismantlement)


# -- the terms, from the anchors of the Korea tables' nuclear scale ------------------------------


@pytest.mark.parametrize(
    ("position", "expected"),
    [
        (0.0, (1.0, 1.0, 1.0)),  # CVID: everything stops, full dismantlement pace
        (25.0, (1.0, 1.0, 0.5)),  # phased denuclearization: dismantlement at half pace
        (50.0, (1.0, 1.0, 0.0)),  # verified freeze: no tests, no production, arsenal kept
        (62.5, (1.0, 0.5, 0.0)),
        (75.0, (1.0, 0.0, 0.0)),  # unverified moratorium: tests stop, the arsenal grows
        (80.0, (0.5, 0.0, 0.0)),
        (85.0, (0.0, 0.0, 0.0)),  # the status quo: nothing
        (100.0, (0.0, 0.0, 0.0)),
    ],
)
def test_terms_at_the_named_points_of_the_scale(position, expected):
    assert _terms(position) == pytest.approx(expected)


@given(
    st.floats(-20, 120, allow_nan=False),
    st.floats(-20, 120, allow_nan=False),
)
def test_deeper_terms_never_stop_less(a, b):
    deep, shallow = min(a, b), max(a, b)
    for d, s in zip(_terms(deep), _terms(shallow), strict=True):
        assert 0.0 <= s <= d <= 1.0
    cost_deep, cost_shallow = deal_cost(deep, 85.0, 0.0), deal_cost(shallow, 85.0, 0.0)
    assert 0.0 <= cost_shallow <= cost_deep <= 1.0


@given(st.floats(0, 100, allow_nan=False), st.floats(0.1, 10, allow_nan=False))
def test_terms_do_not_depend_on_the_units_of_the_scale(x, scale):
    """Rescaling the position and every anchor together leaves the terms unchanged."""
    plain = deal_terms(x, 85.0, 75.0, 50.0, 0.0)
    scaled = deal_terms(x * scale, 85.0 * scale, 75.0 * scale, 50.0 * scale, 0.0)
    np.testing.assert_allclose(plain, scaled, atol=1e-12)


def test_terms_are_vectorised_over_runs():
    settlement = np.array([0.0, 62.5, 85.0])
    tests, production, dismantlement = deal_terms(settlement, 85.0, 75.0, 50.0)
    np.testing.assert_allclose(tests, [1.0, 1.0, 0.0])
    np.testing.assert_allclose(production, [1.0, 0.5, 0.0])
    np.testing.assert_allclose(dismantlement, [1.0, 0.0, 0.0])


# -- the concession step --------------------------------------------------------------------


def _concession_step(settlement: float, pain: float, frozen: float = 0.0, months: float = 0.0):
    params = {p.name: float(p.default.mean) for p in concession.PARAMETERS}
    params["settlement_position"] = settlement
    state = {
        "program_frozen": np.array([frozen]),
        "months_frozen": np.array([months]),
        "program_rolled_back": np.zeros(1),
        "economic_pain": np.array([pain]),
        "resolve": np.array([0.6]),
        "offer_value_to_dprk": np.zeros(1),
        "talks_good_faith_active": np.zeros(1),
    }
    draws = np.array([[0.0], [0.999]])  # a uniform of 0 takes any positive hazard
    return concession.step(StepInput(state, {}, params, draws, 1))


def test_a_deal_at_the_status_quo_is_no_concession():
    out = _concession_step(85.0, pain=1.0)
    assert out["program_frozen"][0] == 0.0
    assert out["test_restraint"][0] == 0.0


def test_a_freeze_carries_the_terms_of_the_settlement():
    out = _concession_step(62.5, pain=1.0)
    assert out["program_frozen"][0] == 1.0
    assert out["test_restraint"][0] == pytest.approx(1.0)
    assert out["production_restraint"][0] == pytest.approx(0.5)
    assert out["dismantlement_pace"][0] == 0.0
    # held for a year it becomes a rollback, which dismantles at the settlement's pace
    rolled = _concession_step(25.0, pain=1.0, frozen=1.0, months=11.0)
    assert rolled["program_rolled_back"][0] == 1.0
    assert rolled["dismantlement_pace"][0] == pytest.approx(0.5)


def test_shallower_terms_are_accepted_at_less_pain():
    """The freeze hazard at the resolve's share of the pain is the full deal's at the resolve."""
    params = {p.name: float(p.default.mean) for p in concession.PARAMETERS}
    spread = params["resolve_spread"]
    full = concession.logistic((0.6 - 0.6) / spread)
    half_cost = float(deal_cost(42.5, 85.0, 0.0))
    assert half_cost == pytest.approx(0.5)
    shallow = concession.logistic((0.3 - 0.6 * half_cost) / spread)
    assert float(shallow) == pytest.approx(float(full))


# -- the terms in the simulation (common random numbers) -----------------------------------------


def _run(scenario, strategies=("engagement",), runs=2000, seed=5):
    return simulate_chunk(scenario, list(strategies), seed_sequence(seed), 0, runs).outcomes


def _at(scenario, x: float):
    note = f"test: settlement at {x}"
    return scenario.with_value("concession", "settlement_position", Fixed(value=x), note=note)


def test_shallower_terms_are_accepted_more_often_and_no_deal_never():
    korea = stratagem.load("korea-2013")
    cvid, freeze, moratorium, status_quo = (_run(_at(korea, x)) for x in (0.0, 50.0, 75.0, 85.0))
    assert status_quo["program_frozen"].max() == 0.0
    assert np.isinf(status_quo["months_to_freeze"]).all()
    assert (
        np.isfinite(cvid["months_to_freeze"]).mean()
        < np.isfinite(freeze["months_to_freeze"]).mean()
        < np.isfinite(moratorium["months_to_freeze"]).mean()
    )


def test_with_acceptance_held_equal_deeper_terms_leave_fewer_warheads_run_by_run():
    """With the freeze hazard made independent of the terms (a flat logistic) and no talks,
    freezes fall in the same months under every settlement (common random numbers), so the
    terms alone differ: per run, CVID leaves no more warheads than a verified freeze, which
    leaves no more than a moratorium; and only CVID's rollbacks dismantle."""
    korea = stratagem.load("korea-2013").with_value(
        "concession", "resolve_spread", Fixed(value=1e9), note="test: flat acceptance"
    )
    runs = {x: _run(_at(korea, x), ("do_nothing",)) for x in (0.0, 50.0, 75.0)}
    np.testing.assert_array_equal(runs[0.0]["months_to_freeze"], runs[75.0]["months_to_freeze"])
    assert np.isfinite(runs[0.0]["months_to_freeze"]).mean() > 0.2
    assert (runs[0.0]["warheads"] <= runs[50.0]["warheads"] + 1e-9).all()
    assert (runs[50.0]["warheads"] <= runs[75.0]["warheads"] + 1e-9).all()
    assert runs[0.0]["warheads"].mean() < runs[50.0]["warheads"].mean()
    assert runs[50.0]["warheads"].mean() < runs[75.0]["warheads"].mean()


def test_the_default_is_the_full_deal_and_matches_the_old_freeze():
    """Without a forecast a freeze stops everything (settlement 0, the reading before D41)."""
    default = {p.name: p.default for p in concession.PARAMETERS}["settlement_position"]
    assert default == Fixed(value=0.0)
    assert _terms(0.0) == (1.0, 1.0, 1.0)
    assert float(deal_cost(0.0, 85.0, 0.0)) == 1.0


# -- the forecast distribution of scenario files ---------------------------------------------------


def _weighted_mean(table_name: str) -> float:
    table = read_table(table_name)
    weight = table.capability * table.salience[:, 0]
    return float(np.sum(weight * table.position[:, 0]) / np.sum(weight))


@pytest.mark.parametrize(
    ("case", "table"), [("korea-2013", "korea-nuclear-2013"), ("korea-2017", "korea-nuclear-2017")]
)
def test_the_korea_cases_take_the_compromise_forecast_of_their_table(case, table):
    value = stratagem.load(case).parameters[("concession", "settlement_position")]
    assert value.distribution.distribution == "fixed"
    assert value.distribution.mean == pytest.approx(_weighted_mean(table), rel=1e-12)
    assert f"forecast of actor table {table!r}" in (value.source or "")
    assert "compromise" in (value.source or "")


def test_the_2017_case_reads_its_own_status_quo():
    scenario = stratagem.load("korea-2017")
    sq = scenario.parameters[("concession", "status_quo_position")].distribution
    assert sq == Fixed(value=90.0)
    assert read_table("korea-nuclear-2017").issues[0].status_quo == 90.0


TOY_CSV = "actor,capability,position,salience\nA,40,10,50\nB,100,20,80\nC,50,60,60\n"


def _variant(models: str, table: str = "toy.csv", extra: str = "") -> str:
    return (
        "extends: korea-2013\n"
        "mechanisms:\n"
        "  concession:\n"
        "    parameters:\n"
        "      settlement_position:\n"
        "        distribution: forecast\n"
        f"        table: {table}\n"
        f"        models: {models}\n"
        f"{extra}"
        "        assumption: test table\n"
    )


def test_a_table_beside_the_scenario_file_is_found_and_several_models_are_a_choice(tmp_path, write):
    """The toy fixture of bargaining.md section 3: compromise 27.6923, median 20."""
    (tmp_path / "toy.csv").write_text(TOY_CSV, "utf-8")
    path = write(_variant("[compromise, median]"), "sub.yaml")
    value = stratagem.load(path).parameters[("concession", "settlement_position")]
    assert value.distribution.distribution == "categorical"
    assert value.distribution.values == [pytest.approx(3600 / 130), pytest.approx(20.0)]
    assert "compromise 27.69, median 20" in (value.source or "")


def test_a_forecast_scenario_round_trips_through_the_results_folder(tmp_path, write):
    (tmp_path / "toy.csv").write_text(TOY_CSV, "utf-8")
    path = write(_variant("[median]"), "sub.yaml")
    results = stratagem.simulate(
        stratagem.load(path), runs=16, seed=1, strategies=["do_nothing"], out=tmp_path / "out"
    )
    (tmp_path / "toy.csv").unlink()  # results never depend on the table once run
    again = stratagem.load(results.path / "scenario.yaml")
    value = again.parameters[("concession", "settlement_position")]
    assert value.distribution == Fixed(value=20.0)
    assert "median 20" in (value.source or "")


def _problems(path):
    with pytest.raises(ScenarioError) as info:
        stratagem.load(path)
    return list(info.value.problems)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_an_unknown_table_is_located_and_suggested(write):
    text = _variant("[compromise]", table="korea-nuclear-2031")
    path = write(text)
    (problem,) = _problems(path)
    assert problem.path == "mechanisms.concession.parameters.settlement_position.table"
    assert problem.file == str(path)
    assert problem.line == _line_of(text, "table:")
    assert "korea-nuclear-2031" in problem.message
    assert problem.hint is not None and "korea-nuclear-20" in problem.hint


def test_an_unknown_model_or_issue_is_located(write):
    (problem,) = _problems(write(_variant("[compromize]", table="korea-nuclear-2013")))
    assert problem.path == "mechanisms.concession.parameters.settlement_position"
    assert "compromize" in problem.message and "compromise" in problem.message
    extra = "        issue: trade\n"
    (problem,) = _problems(write(_variant("[median]", "korea-nuclear-2013", extra)))
    assert "trade" in problem.message


def test_a_misspelt_forecast_field_is_suggested(write):
    text = _variant("[median]", "korea-nuclear-2013", "        isue: nuclear\n")
    (problem,) = _problems(write(text))
    assert problem.path == "mechanisms.concession.parameters.settlement_position.isue"
    assert problem.hint == "Did you mean 'issue'?"
    assert problem.line == _line_of(text, "isue:")


def test_weights_must_match_the_models(write):
    text = _variant("[median, compromise]", "korea-nuclear-2013", "        weights: [1]\n")
    (problem,) = _problems(write(text))
    assert "weights has 1 entries but models has 2" in problem.message


def test_a_forecast_cannot_set_an_initial_state(write):
    text = (
        "extends: korea-2013\n"
        "state:\n"
        "  warheads:\n"
        "    distribution: forecast\n"
        "    table: korea-nuclear-2013\n"
        "    assumption: no\n"
    )
    (problem,) = _problems(write(text))
    assert problem.path == "state.warheads.distribution"
    assert "not an initial state" in problem.message


def test_a_variant_replaces_an_inherited_distribution_whole(write):
    """`{value: ...}` over an inherited uniform is a fixed value, not a mix of the two."""
    path = write(
        "extends: korea-2013\n"
        "mechanisms:\n"
        "  hardship_tolerance:\n"
        "    parameters:\n"
        "      initial_resolve: {value: 0.5, assumption: a test}\n"
        "  concession:\n"
        "    parameters:\n"
        "      settlement_position: {value: 50, assumption: a verified freeze}\n"
    )
    scenario = stratagem.load(path)
    resolve = scenario.parameters[("hardship_tolerance", "initial_resolve")]
    assert resolve.distribution == Fixed(value=0.5)
    assert resolve.source is None and resolve.assumption == "a test"
    assert scenario.parameters[("concession", "settlement_position")].distribution == Fixed(
        value=50.0
    )


def test_settlement_draws_are_reproducible_and_leave_other_streams_alone():
    """A categorical settlement is drawn from its own stream: the other parameters' draws do
    not move when it becomes uncertain."""
    korea = stratagem.load("korea-2013")
    uncertain = korea.with_value(
        "concession",
        "settlement_position",
        Uniform(distribution="uniform", low=0, high=100),
        note="t",
    )
    a = simulate_chunk(uncertain, ["do_nothing"], seed_sequence(3), 0, 64, trajectory_runs=0)
    b = simulate_chunk(uncertain, ["do_nothing"], seed_sequence(3), 0, 64, trajectory_runs=0)
    for name in a.outcomes:
        np.testing.assert_array_equal(a.outcomes[name], b.outcomes[name])
    base = simulate_chunk(korea, ["do_nothing"], seed_sequence(3), 0, 64).experiments
    other = a.experiments
    for column in base:
        if column != "concession.settlement_position":
            np.testing.assert_array_equal(base[column], other[column])
