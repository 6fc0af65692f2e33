"""Registries of mechanisms and strategies.

Built-in mechanisms and strategies are listed explicitly (no import-order magic). Users add their
own without editing the package, either in Python::

    import stratagem
    stratagem.register_strategy(my_strategy)

or from an installed package through the ``stratagem.plugins`` entry-point group, whose objects
are callables that receive this module and register what they bring.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from stratagem.engine.model import Mechanism, Strategy

_MECHANISMS: dict[str, Mechanism] = {}
_STRATEGIES: dict[str, Strategy] = {}
_LOADED = False


def _ensure_loaded() -> None:
    global _LOADED
    if _LOADED:
        return
    _LOADED = True
    from stratagem.mechanisms import BUILTIN_MECHANISMS
    from stratagem.strategies import BUILTIN_STRATEGIES

    for m in BUILTIN_MECHANISMS:
        _MECHANISMS.setdefault(m.name, m)
    for s in BUILTIN_STRATEGIES:
        _STRATEGIES.setdefault(s.name, s)
    for ep in entry_points(group="stratagem.plugins"):
        ep.load()()


def register_mechanism(mechanism: Mechanism, *, replace: bool = False) -> Mechanism:
    """Add ``mechanism`` to the registry (``replace=True`` to override one of the same name)."""
    _ensure_loaded()
    if mechanism.name in _MECHANISMS and not replace:
        raise ValueError(f"a mechanism named {mechanism.name!r} is already registered")
    _MECHANISMS[mechanism.name] = mechanism
    return mechanism


def register_strategy(strategy: Strategy, *, replace: bool = False) -> Strategy:
    """Add ``strategy`` to the registry (``replace=True`` to override one of the same name)."""
    _ensure_loaded()
    if strategy.name in _STRATEGIES and not replace:
        raise ValueError(f"a strategy named {strategy.name!r} is already registered")
    _STRATEGIES[strategy.name] = strategy
    return strategy


def registered_mechanisms() -> dict[str, Mechanism]:
    """All registered mechanisms by name."""
    _ensure_loaded()
    return dict(_MECHANISMS)


def registered_strategies() -> dict[str, Strategy]:
    """All registered strategies by name."""
    _ensure_loaded()
    return dict(_STRATEGIES)


def state_owners() -> dict[str, str]:
    """Map each state variable to the mechanism that owns it."""
    return {v.name: m.name for m in registered_mechanisms().values() for v in m.state}
