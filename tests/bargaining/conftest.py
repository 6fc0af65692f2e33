from __future__ import annotations

from pathlib import Path

import pytest

from stratagem.bargaining import ActorTable, read_table

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def ec() -> ActorTable:
    """BDM 1994 Table 1 (the EC emission-standards case)."""
    return read_table(FIXTURES / "ec_emissions.yaml")


@pytest.fixture(scope="session")
def toy() -> ActorTable:
    """schelling's toy three-actor fixture."""
    return read_table(FIXTURES / "toy_3actor.yaml")


@pytest.fixture(scope="session")
def soe_policy() -> ActorTable:
    """KTAB's SOE-Policy table (Efird, Lester & Wise 2016, Table 2), KTAB CSV layout."""
    return read_table(FIXTURES / "SOE-Policy.csv")


@pytest.fixture(scope="session")
def soe_two_issues() -> ActorTable:
    """KTAB's SOE-Pol-Comp table: 13 actors on two issues, KTAB CSV layout."""
    return read_table(FIXTURES / "SOE-Pol-Comp.csv")
