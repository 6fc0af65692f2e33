"""stratagem: model, simulate, solve and stress-test coercive-diplomacy strategies.

The public API::

    import stratagem
    scenario = stratagem.load("korea-2013")          # or a path to a YAML file
    results = stratagem.simulate(scenario, runs=10_000, seed=1)
    results.summary()                                 # per strategy and outcome
    results.time_bought(vs="provocation_reward")      # paired on common random numbers
"""

from stratagem._version import __version__
from stratagem.api import simulate
from stratagem.engine.model import (
    Mechanism,
    Parameter,
    StateVar,
    StepInput,
    Strategy,
    StrategyContext,
)
from stratagem.engine.registry import (
    register_mechanism,
    register_strategy,
    registered_mechanisms,
    registered_strategies,
)
from stratagem.errors import Problem, ScenarioError
from stratagem.scenario.model import Scenario, load
from stratagem.store.results import Results

__all__ = [
    "Mechanism",
    "Parameter",
    "Problem",
    "Results",
    "Scenario",
    "ScenarioError",
    "StateVar",
    "StepInput",
    "Strategy",
    "StrategyContext",
    "__version__",
    "load",
    "register_mechanism",
    "register_strategy",
    "registered_mechanisms",
    "registered_strategies",
    "simulate",
]
