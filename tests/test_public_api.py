"""The public API is explicit and documented."""

from __future__ import annotations

import stratagem


def test_all_is_sorted_and_complete():
    import types

    public = {
        n
        for n, v in vars(stratagem).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert set(stratagem.__all__) - {"__version__"} == public
    assert stratagem.__all__ == sorted(stratagem.__all__)


def test_every_strategy_declares_provenance_and_tags():
    for strategy in stratagem.registered_strategies().values():
        assert strategy.summary and strategy.provenance
        assert set(strategy.tags) == {"uses_aid", "uses_linkage", "reacts_to_state"}


def test_strategy_tags_describe_what_the_strategies_do():
    """Classifier tags are checked against behaviour, Axelrod-style."""
    import numpy as np

    from stratagem.engine.random import seed_sequence
    from stratagem.engine.simulate import simulate_chunk

    scenario = stratagem.load("korea-2013")
    names = list(scenario.strategy_names())
    chunk = simulate_chunk(
        scenario,
        names,
        seed_sequence(3),
        0,
        300,
        trajectory_runs=300,
        trajectory_variables=("offer_value_to_china",),
    )
    for i, name in enumerate(names):
        tags = scenario.strategies[name].strategy.tags
        pays = chunk.outcomes["aid_paid_musd"][i].mean() > 0
        offers = np.any(chunk.trajectories["offer_value_to_china"][i] > 0)
        assert pays == tags["uses_aid"], name
        assert offers == tags["uses_linkage"], name


def test_every_mechanism_parameter_has_provenance_and_units():
    for mechanism in stratagem.registered_mechanisms().values():
        assert mechanism.summary and mechanism.claims
        for parameter in mechanism.parameters:
            assert parameter.unit and parameter.description
            assert parameter.source or parameter.assumption


def test_user_strategy_registers_without_editing_the_package(tmp_path):
    from pydantic import BaseModel

    class Params(BaseModel):
        aid: float = 5.0

    def always_pay(context):
        return {"aid_musd": context.params.aid}

    strategy = stratagem.Strategy(
        name="always_pay_test",
        rule=always_pay,
        parameters=Params,
        sets=("aid_musd",),
        summary="Pay every month.",
        provenance="test",
        tags={},
    )
    stratagem.register_strategy(strategy, replace=True)
    path = tmp_path / "v.yaml"
    path.write_text(
        "extends: korea-2013\nstrategies:\n  always_pay_test:\n    parameters: {aid: 2}\n"
    )
    results = stratagem.simulate(path, strategies=["always_pay_test"], runs=10, seed=1)
    assert results.outcomes()["aid_paid_musd"].eq(2 * 120).all()
