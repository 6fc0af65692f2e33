"""Results: summaries and time bought checked against an independent pandas/numpy computation."""

from __future__ import annotations

import numpy as np
import pytest

import stratagem


@pytest.fixture(scope="module")
def results():
    return stratagem.simulate("korea-2013", runs=500, seed=9)


def test_summary_matches_numpy(results):
    outcomes = results.outcomes()
    summary = results.summary()
    for (strategy, outcome), row in summary.set_index(["strategy", "outcome"]).iterrows():
        values = outcomes.loc[outcomes.strategy == strategy, outcome].to_numpy()
        if results.outcome_specs[outcome]["kind"] == "first_month":
            capped = np.minimum(values, results.horizon_months)
            assert row["mean"] == pytest.approx(capped.mean())
            assert row["p_event"] == pytest.approx(np.isfinite(values).mean())
            assert row["median"] == np.quantile(values, 0.5, method="inverted_cdf")
        else:
            assert row["mean"] == pytest.approx(values.mean())
            assert row["q10"] == pytest.approx(np.quantile(values, 0.1))
            assert row["q90"] == pytest.approx(np.quantile(values, 0.9))


def test_time_bought_is_the_paired_difference(results):
    outcomes = results.outcomes()
    wide = outcomes.pivot(index="run", columns="strategy", values="months_to_credible_icbm")
    wide = np.minimum(wide, results.horizon_months)
    frame = results.time_bought(vs="provocation_reward").set_index("strategy")
    for strategy in results.strategies:
        diff = (wide[strategy] - wide["provocation_reward"]).to_numpy()
        assert frame.loc[strategy, "mean"] == pytest.approx(diff.mean())
        assert frame.loc[strategy, "median"] == pytest.approx(np.median(diff))
        assert frame.loc[strategy, "p_later"] == pytest.approx((diff > 0).mean())
    assert frame.loc["provocation_reward", "mean"] == 0


def test_tables_and_query(results):
    experiments = results.experiments()
    assert len(experiments) == 500 and "missile_defense.sspk" in experiments
    # Beta(9, 8) has mean 9/17.
    assert experiments["missile_defense.sspk"].mean() == pytest.approx(9 / 17, abs=0.02)
    traj = results.trajectories(["demonstrated_range_km"])
    assert set(traj.month) == set(range(results.horizon_months + 1))
    count = results.query("select count(*) as n from outcomes")["n"][0]
    assert count == 500 * len(results.strategies)


def test_failed_run_leaves_previous_results_untouched(tmp_path):
    out = tmp_path / "res"
    stratagem.simulate("korea-2013", runs=20, seed=1, out=out)
    before = (out / "outcomes.parquet").read_bytes()
    with pytest.raises(ValueError, match="runs"):
        stratagem.simulate("korea-2013", runs=0, out=out)

    def boom(done, total):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stratagem.simulate("korea-2013", runs=50, seed=2, out=out, chunk_size=10, progress=boom)
    assert (out / "outcomes.parquet").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["res"]


def test_time_bought_rejects_unknown_names(results):
    with pytest.raises(ValueError, match="was not simulated"):
        results.time_bought(vs="appeasement")
    with pytest.raises(ValueError, match="no outcome"):
        results.time_bought(outcome="happiness")
