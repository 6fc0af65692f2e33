"""Properties every model must have, checked on random tables (Hypothesis).

- the outcome lies inside the range of the positions;
- rescaling every capability leaves the outcome unchanged;
- shifting and scaling the issue axis moves the outcome the same way;
- the order of the actors in the table does not matter.

Tables have whole-number positions, capabilities and saliences. The discrete models (expected
utility, exchange) compare expected utilities and outcomes, so their transformations use powers
of two and whole-number shifts, which floating point carries out exactly; a tie broken one way
in one table and the other way in its transform would otherwise be rounding, not the model.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from stratagem.bargaining import ActorTable, Issue, forecast

ONE_ISSUE = ("compromise", "median", "nash", "expected_utility")
EXACT = ("expected_utility", "exchange")
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def tables(draw: st.DrawFn, issues: int = 1) -> ActorTable:
    n = draw(st.integers(2, 7))
    whole = st.integers(0, 100)
    position = draw(
        st.lists(st.lists(whole, min_size=issues, max_size=issues), min_size=n, max_size=n)
    )
    salience = draw(
        st.lists(
            st.lists(st.integers(1, 100), min_size=issues, max_size=issues), min_size=n, max_size=n
        )
    )
    capability = draw(st.lists(st.integers(1, 100), min_size=n, max_size=n))
    return ActorTable(
        name="random",
        actors=tuple(f"a{i}" for i in range(n)),
        capability=np.array(capability, dtype=float),
        position=np.array(position, dtype=float),
        salience=np.array(salience, dtype=float),
        issues=tuple(Issue(f"issue{k}") for k in range(issues)),
    )


def _transform(table: ActorTable, scale: float, shift: float) -> ActorTable:
    issues = []
    for issue in table.issues:
        ends = None
        if issue.low is not None and issue.high is not None:
            ends = sorted([issue.low * scale + shift, issue.high * scale + shift])
        sq = None if issue.status_quo is None else issue.status_quo * scale + shift
        issues.append(
            Issue(
                issue.name,
                low=None if ends is None else ends[0],
                high=None if ends is None else ends[1],
                status_quo=sq,
            )
        )
    return ActorTable(
        name=table.name,
        actors=table.actors,
        capability=table.capability,
        position=table.position * scale + shift,
        salience=table.salience,
        issues=tuple(issues),
    )


def _outcomes(table: ActorTable, model: str) -> np.ndarray:
    result = forecast(table, model)
    return np.array([result.outcomes[name] for name in table.issue_names])


@pytest.mark.parametrize("model", ONE_ISSUE)
@FAST
@given(table=tables())
def test_outcome_inside_the_range_of_positions(model, table):
    outcome = forecast(table, model).outcome
    x = table.position[:, 0]
    assert x.min() - 1e-9 <= outcome <= x.max() + 1e-9


@FAST
@given(table=tables(issues=2))
def test_exchange_outcomes_inside_the_range_of_positions(table):
    result = forecast(table, "exchange")
    for k, name in enumerate(table.issue_names):
        x = table.position[:, k]
        assert x.min() - 1e-9 <= result.outcomes[name] <= x.max() + 1e-9
        # Voting positions never leave the range either.
        assert np.all(result.positions[:, :, k] >= x.min() - 1e-9)
        assert np.all(result.positions[:, :, k] <= x.max() + 1e-9)


@pytest.mark.parametrize("model", ONE_ISSUE)
@FAST
@given(table=tables(), power=st.integers(-6, 6), factor=st.floats(0.01, 100.0))
def test_invariant_to_rescaling_capabilities(model, table, power, factor):
    scale = 2.0**power if model in EXACT else factor
    rescaled = ActorTable(
        name=table.name,
        actors=table.actors,
        capability=table.capability * scale,
        position=table.position,
        salience=table.salience,
        issues=table.issues,
    )
    assert_allclose(_outcomes(rescaled, model), _outcomes(table, model), rtol=1e-9, atol=1e-9)


@FAST
@given(table=tables(issues=2), power=st.integers(-6, 6))
def test_exchange_invariant_to_rescaling_capabilities(table, power):
    rescaled = ActorTable(
        name=table.name,
        actors=table.actors,
        capability=table.capability * 2.0**power,
        position=table.position,
        salience=table.salience,
        issues=table.issues,
    )
    assert_allclose(_outcomes(rescaled, "exchange"), _outcomes(table, "exchange"), atol=1e-9)


@pytest.mark.parametrize("model", ONE_ISSUE)
@FAST
@given(
    table=tables(),
    power=st.integers(-3, 3),
    shift=st.integers(-1000, 1000),
    factor=st.floats(0.05, 20.0),
    fshift=st.floats(-1e3, 1e3),
)
def test_equivariant_to_shifting_and_scaling_the_axis(model, table, power, shift, factor, fshift):
    scale, offset = (2.0**power, float(shift)) if model in EXACT else (factor, fshift)
    moved = _transform(table, scale, offset)
    expected = _outcomes(table, model) * scale + offset
    assert_allclose(_outcomes(moved, model), expected, rtol=1e-9, atol=1e-7 * (1 + abs(offset)))


@pytest.mark.parametrize("model", ["compromise", "median", "nash"])
@FAST
@given(table=tables())
def test_closed_form_models_do_not_depend_on_the_direction_of_the_axis(model, table):
    mirrored = _transform(table, -1.0, 100.0)
    assert_allclose(_outcomes(mirrored, model), 100.0 - _outcomes(table, model), atol=1e-9)


@FAST
@given(table=tables(issues=2), power=st.integers(-3, 3), shift=st.integers(-1000, 1000))
def test_exchange_equivariant_to_the_axis(table, power, shift):
    moved = _transform(table, 2.0**power, float(shift))
    expected = _outcomes(table, "exchange") * 2.0**power + shift
    assert_allclose(_outcomes(moved, "exchange"), expected, atol=1e-7 * (1 + abs(shift)))


@pytest.mark.parametrize("model", [*ONE_ISSUE, "exchange"])
@FAST
@given(data=st.data())
def test_invariant_to_the_order_of_the_actors(model, data):
    table = data.draw(tables(issues=2 if model == "exchange" else 1))
    order = data.draw(st.permutations(range(table.n_actors)))
    shuffled = ActorTable(
        name=table.name,
        actors=tuple(table.actors[i] for i in order),
        capability=table.capability[list(order)],
        position=table.position[list(order)],
        salience=table.salience[list(order)],
        issues=table.issues,
    )
    assert_allclose(_outcomes(shuffled, model), _outcomes(table, model), rtol=0, atol=0)
    # Per-actor results follow their actor.
    a = forecast(table, model).actor_frame().set_index("actor").sort_index()
    b = forecast(shuffled, model).actor_frame().set_index("actor").sort_index()
    if (
        len(set(map(tuple, np.column_stack([table.position, table.salience, table.capability]))))
        == table.n_actors
    ):
        assert a.equals(b)


@FAST
@given(table=tables(), status_quo=st.integers(0, 100))
def test_nash_never_leaves_everyone_worse_than_the_status_quo(table, status_quo):
    """Individual rationality: every actor is at least as close to its ideal as the status quo."""
    with_sq = ActorTable(
        name=table.name,
        actors=table.actors,
        capability=table.capability,
        position=table.position,
        salience=table.salience,
        issues=(Issue("issue0", status_quo=float(status_quo)),),
    )
    outcome = forecast(with_sq, "nash").outcome
    x = table.position[:, 0]
    assert np.all(np.abs(outcome - x) <= np.abs(status_quo - x) + 1e-9)


@FAST
@given(table=tables())
def test_compromise_and_median_are_what_they_say(table):
    """The weighted mean balances the weighted deviations; the median splits the weight."""
    x, s = table.column()
    w = table.capability * s
    mean = forecast(table).outcome
    assert abs(np.sum(w * (x - mean))) <= 1e-9 * np.sum(w * (np.abs(x) + 1))
    med = forecast(table, "median").outcome
    assert w[x < med].sum() <= w.sum() / 2 * (1 + 1e-12)
    assert w[x > med].sum() <= w.sum() / 2 * (1 + 1e-12)
