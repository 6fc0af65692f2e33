"""The public API of stratagem.bargaining is explicit, sorted and documented."""

from __future__ import annotations

import importlib
import inspect
import types

import pytest

import stratagem.bargaining as bargaining
from stratagem.bargaining import MODEL_OPTIONS, MODELS, forecast, make_table


def test_all_is_sorted_and_complete():
    public = {
        n
        for n, v in vars(bargaining).items()
        if not n.startswith("_") and not isinstance(v, types.ModuleType)
    }
    assert set(bargaining.__all__) == public
    assert bargaining.__all__ == sorted(bargaining.__all__, key=lambda s: (not s.isupper(), s))


def test_decisions_are_numbered_in_the_package_docstring():
    doc = bargaining.__doc__ or ""
    numbers = [
        int(line.split(".")[0][1:])
        for line in doc.splitlines()
        if line[:1] == "B" and line.split(".")[0][1:].isdigit()
    ]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= 15


def test_every_model_has_its_options_listed():
    assert set(MODEL_OPTIONS) == set(MODELS)
    toy = make_table(["A", "B"], [1, 1], [0, 10], [50, 50])
    with pytest.raises(TypeError, match="Did you mean 'rounds'"):
        forecast(toy, "expected_utility", round=3)
    with pytest.raises(ValueError, match="Did you mean 'median'"):
        forecast(toy, "medain")


def test_every_public_function_has_an_example():
    # import_module: the package attribute ``forecast`` is the function, not the module.
    names = (
        "compromise",
        "median",
        "nash",
        "expected_utility",
        "exchange",
        "table",
        "forecast",
        "plot",
    )
    modules = [importlib.import_module(f"stratagem.bargaining.{name}") for name in names]
    for module in (*modules, bargaining):
        for name in module.__all__:
            item = getattr(module, name)
            if inspect.isfunction(item):
                assert ">>>" in (item.__doc__ or ""), f"{module.__name__}.{name}"
