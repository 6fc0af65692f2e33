from __future__ import annotations

import importlib

import pytest

import stratagem.games as games

MODULES = [
    "stratagem.games.normal_form",
    "stratagem.games.extensive_form",
    "stratagem.games.io_gambit",
    "stratagem.games.gambit_adapter",
    "stratagem.games.examples",
    "stratagem.games.catalog",
    "stratagem.games.linkage",
    "stratagem.games.sanctions",
    "stratagem.games.talks",
    "stratagem.games.provocation",
    "stratagem.games.fearon",
    "stratagem.games.audience_costs",
    "stratagem.games.lewis_schultz",
    "stratagem.games.plot",
    "stratagem.games.solvers.backward_induction",
    "stratagem.games.solvers.support_enumeration",
    "stratagem.games.solvers.lemke_howson",
    "stratagem.games.solvers.pbe",
    "stratagem.games.solvers.qre",
]


def test_top_level_exports_are_sorted_and_present() -> None:
    assert games.__all__ == sorted(games.__all__)
    for name in games.__all__:
        assert hasattr(games, name), name


@pytest.mark.parametrize("name", MODULES)
def test_every_module_declares_all(name: str) -> None:
    module = importlib.import_module(name)
    assert isinstance(module.__all__, list)
    for item in module.__all__:
        assert hasattr(module, item), (name, item)


def test_decisions_are_numbered() -> None:
    doc = games.__doc__ or ""
    numbers = [
        int(line.split(".")[0][1:])
        for line in doc.splitlines()
        if line.startswith("G") and "." in line[:4]
    ]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 10


def test_pygambit_is_imported_only_by_the_adapter() -> None:
    import pathlib

    root = pathlib.Path(games.__file__).parent
    importers = [
        p.name
        for p in root.rglob("*.py")
        if "pygambit" in p.read_text("utf-8") and "import" in p.read_text("utf-8")
    ]
    offenders = [
        p
        for p in root.rglob("*.py")
        if p.name != "gambit_adapter.py"
        and ("import pygambit" in p.read_text("utf-8") or "from pygambit" in p.read_text("utf-8"))
    ]
    assert offenders == []
    assert "gambit_adapter.py" in importers
