"""Scenario files: schema, loading with located errors, resolution against the registries."""

from stratagem.errors import Problem, ScenarioError
from stratagem.scenario.model import ResolvedStrategy, ResolvedValue, Scenario, load

__all__ = ["Problem", "ResolvedStrategy", "ResolvedValue", "Scenario", "ScenarioError", "load"]
