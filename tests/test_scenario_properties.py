"""Property tests: valid scenarios round-trip; corrupted files only ever raise ScenarioError."""

from __future__ import annotations

import copy
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stratagem
from stratagem import ScenarioError
from stratagem.scenario.loader import read_document
from stratagem.scenario.serialize import document_to_data, to_yaml

BASE = document_to_data(stratagem.load("korea-2013").document)
PARAMS = [(m.name, p.name) for m in stratagem.load("korea-2013").mechanisms for p in m.parameters]

finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
positive = st.floats(min_value=1e-3, max_value=1e3, allow_nan=False)
provenance = st.sampled_from([{"source": "a citation"}, {"assumption": "a judgement"}])


@st.composite
def distributions(draw):
    kind = draw(
        st.sampled_from(
            [
                "fixed",
                "uniform",
                "triangular",
                "normal",
                "truncated_normal",
                "lognormal",
                "beta",
                "categorical",
            ]
        )
    )
    a, b, c = sorted(draw(st.lists(finite, min_size=3, max_size=3, unique=True)))
    if kind == "fixed":
        return {"value": a}
    if kind == "uniform":
        return {"distribution": kind, "low": a, "high": c}
    if kind == "triangular":
        return {"distribution": kind, "low": a, "mode": b, "high": c}
    if kind == "normal":
        return {"distribution": kind, "mean": b, "sd": draw(positive)}
    if kind == "truncated_normal":
        return {"distribution": kind, "mean": b, "sd": draw(positive), "low": a, "high": c}
    if kind == "lognormal":
        return {"distribution": kind, "median": draw(positive), "sigma": draw(positive)}
    if kind == "beta":
        return {"distribution": kind, "alpha": draw(positive), "beta": draw(positive)}
    values = draw(st.lists(finite, min_size=1, max_size=4))
    return {"distribution": kind, "values": values}


@st.composite
def scenarios(draw):
    data = copy.deepcopy(BASE)
    data["metadata"]["horizon_months"] = draw(st.integers(1, 600))
    data["metadata"]["start"] = f"{draw(st.integers(1950, 2090))}-{draw(st.integers(1, 12)):02d}"
    for mechanism, name in draw(st.lists(st.sampled_from(PARAMS), max_size=6, unique=True)):
        setting = {**draw(distributions()), **draw(provenance)}
        data["mechanisms"][mechanism].setdefault("parameters", {})[name] = setting
    for mechanism in draw(st.lists(st.sampled_from(sorted(data["mechanisms"])), max_size=3)):
        data["mechanisms"][mechanism]["enabled"] = draw(st.booleans())
    return data


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=scenarios())
def test_valid_scenarios_load_and_round_trip(data, tmp_path_factory):
    folder = tmp_path_factory.mktemp("rt")
    first = folder / "first.yaml"
    first.write_text(to_yaml(data), "utf-8")
    document, _ = read_document(first)
    second = folder / "second.yaml"
    second.write_text(to_yaml(document_to_data(document)), "utf-8")
    again, _ = read_document(second)
    assert again == document
    stratagem.load(second)  # also passes the semantic checks


def _corrupt(text: str, data) -> str:
    lines = text.splitlines()
    kind = data.draw(
        st.sampled_from(["delete", "insert", "replace_char", "indent", "truncate", "swap"])
    )
    i = data.draw(st.integers(0, len(lines) - 1))
    if kind == "delete":
        del lines[i]
    elif kind == "insert":
        lines.insert(i, data.draw(st.text(max_size=30)))
    elif kind == "replace_char" and lines[i]:
        j = data.draw(st.integers(0, len(lines[i]) - 1))
        lines[i] = lines[i][:j] + data.draw(st.characters()) + lines[i][j + 1 :]
    elif kind == "indent":
        lines[i] = " " * data.draw(st.integers(0, 7)) + lines[i].lstrip()
    elif kind == "truncate":
        lines = lines[:i]
    else:
        j = data.draw(st.integers(0, len(lines) - 1))
        lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_corrupted_files_give_clear_errors_never_tracebacks(data, korea_yaml, tmp_path):
    text = korea_yaml
    for _ in range(data.draw(st.integers(1, 3))):
        text = _corrupt(text, data)
    path = Path(tmp_path) / "corrupt.yaml"
    # Lone surrogates become invalid UTF-8 bytes: the loader must report that too.
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        stratagem.load(path)
    except ScenarioError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.message
            assert problem.file is None or problem.file == str(path) or "built-in" in problem.file
            rendered = str(problem)
            assert "Traceback" not in rendered
