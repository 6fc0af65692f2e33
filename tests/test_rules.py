"""Alternative decision rules: `china_pressure: {rule: equilibrium, game: linkage}`."""

from __future__ import annotations

import numpy as np
import pytest

import stratagem
from stratagem import ScenarioError
from stratagem.engine.random import seed_sequence
from stratagem.engine.simulate import simulate_chunk

VARIANT = """extends: korea-2013
metadata: {name: korea-2013-equilibrium, title: "China's choice from the solved game"}
mechanisms:
  china_pressure: {rule: equilibrium, game: linkage}
"""


def test_equilibrium_rule_takes_chinas_choice_from_the_linkage_game(write):
    scenario = stratagem.load(write(VARIANT))
    reference = stratagem.load("korea-2013")
    names = ["do_nothing", "linkage_2013"]
    a = simulate_chunk(reference, names, seed_sequence(5), 0, 1500).outcomes
    b = simulate_chunk(scenario, names, seed_sequence(5), 0, 1500).outcomes
    # Same draws, different decision rule: China's pressure differs under the offer ...
    assert not np.array_equal(a["china_pressure"][1], b["china_pressure"][1])
    # ... and in the game too the offer makes China pressure more (C4).
    assert b["china_pressure"][1].mean() > b["china_pressure"][0].mean()


def test_rule_round_trips_through_the_results_scenario(write, tmp_path):
    results = stratagem.simulate(write(VARIANT), runs=20, seed=1, out=tmp_path / "r")
    again = stratagem.load(results.path / "scenario.yaml")
    assert again.document.mechanisms["china_pressure"].rule == "equilibrium"


def test_unknown_rule_and_game_are_located_with_suggestions(write):
    bad = VARIANT.replace("rule: equilibrium, game: linkage", "rule: equilibirum, game: linkag")
    with pytest.raises(ScenarioError) as info:
        stratagem.load(write(bad))
    problems = {p.path: p for p in info.value.problems}
    assert problems["mechanisms.china_pressure.rule"].hint == "Did you mean 'equilibrium'?"
    assert problems["mechanisms.china_pressure.game"].hint == "Did you mean 'linkage'?"
    assert problems["mechanisms.china_pressure.rule"].line == 4


def test_a_game_needs_a_rule(write):
    with pytest.raises(ScenarioError) as info:
        stratagem.load(write(VARIANT.replace("rule: equilibrium, ", "")))
    assert "needs a rule" in info.value.problems[0].message
