"""Invalid scenario files give one located, actionable message per problem, never a traceback."""

from __future__ import annotations

import pytest

import stratagem
from stratagem import ScenarioError


def _problems(path) -> list:
    with pytest.raises(ScenarioError) as info:
        stratagem.load(path)
    return list(info.value.problems)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_builtin_case_loads():
    scenario = stratagem.load("korea-2013")
    assert scenario.baseline == "provocation_reward"
    assert {m.name for m in scenario.mechanisms} >= {
        "missile_defense",
        "missile_program",
        "provocation_cycle",
        "china_pressure",
        "linkage_offer",
    }
    for value in scenario.parameters.values():
        assert value.source or value.assumption


def test_misspelt_key_names_line_and_suggests(korea_yaml, write):
    text = korea_yaml.replace("  horizon_months: 120", "  horizon_month: 120")
    path = write(text)
    problems = _problems(path)
    unknown = next(p for p in problems if "unknown field" in p.message)
    assert unknown.file == str(path)
    assert unknown.line == _line_of(text, "horizon_month:")
    assert unknown.column == 3
    assert unknown.path == "metadata.horizon_month"
    assert unknown.hint == "Did you mean 'horizon_months'?"
    missing = next(p for p in problems if "missing" in p.message)
    assert missing.path == "metadata.horizon_months"


def test_wrong_type_says_expected_and_found(korea_yaml, write):
    text = korea_yaml.replace("  horizon_months: 120", "  horizon_months: ten years")
    (problem,) = _problems(write(text))
    assert problem.path == "metadata.horizon_months"
    assert problem.expected == "a whole number"
    assert "'ten years'" in problem.found
    assert problem.line == _line_of(text, "horizon_months:")


def test_unknown_mechanism_suggests_the_registered_name(korea_yaml, write):
    text = korea_yaml.replace("  china_pressure: {}", "  china_presure: {}")
    problems = _problems(write(text))
    problem = next(p for p in problems if "unknown mechanism" in p.message)
    assert problem.hint == "Did you mean 'china_pressure'?"
    assert problem.line == _line_of(text, "china_presure")


def test_parameter_errors_are_located_inside_the_distribution(korea_yaml, write):
    text = korea_yaml.replace("        alpha: 9\n", "        alpha: -9\n")
    (problem,) = _problems(write(text))
    assert problem.path == "mechanisms.missile_defense.parameters.sspk.alpha"
    assert problem.line == _line_of(text, "alpha: -9")
    assert problem.expected == "a number > 0"


def test_unknown_distribution_is_suggested(korea_yaml, write):
    text = korea_yaml.replace("distribution: beta", "distribution: betta")
    (problem,) = _problems(write(text))
    assert problem.hint == "Did you mean 'beta'?"
    assert problem.path == "mechanisms.missile_defense.parameters.sspk"


def test_values_need_provenance(korea_yaml, write):
    text = korea_yaml.replace(
        '    value: 30\n    source: "30 GBIs deployed in 2013 (26 Fort Greely + 4 Vandenberg; '
        'missile_defense.md §0)"\n',
        "    value: 30\n",
    )
    (problem,) = _problems(write(text))
    assert problem.path == "state.interceptors"
    assert "source" in problem.message and "assumption" in problem.message


def test_unknown_strategy_parameter(korea_yaml, write):
    text = korea_yaml.replace("      offered_cut_gbis: 14", "      offered_cut: 14")
    (problem,) = _problems(write(text))
    assert problem.path == "strategies.linkage_2013.parameters.offered_cut"
    assert problem.hint == "Did you mean 'offered_cut_gbis'?"
    assert problem.line == _line_of(text, "offered_cut: 14")


def test_several_problems_are_all_reported(korea_yaml, write):
    text = korea_yaml.replace("baseline: provocation_reward", "baseline: provocation_rewards")
    text = text.replace("  - china_pressure\n", "  - china_presure\n")
    problems = _problems(write(text))
    assert {p.path for p in problems} == {"baseline", "trajectories[8]"}
    assert all(p.hint for p in problems)


def test_yaml_tags_are_rejected_and_never_executed(korea_yaml, write, tmp_path):
    marker = tmp_path / "pwned"
    text = korea_yaml.replace(
        "  question: >",
        f"  evil: !!python/object/apply:os.system ['touch {marker}']\n  question: >",
    )
    problems = _problems(write(text))
    assert not marker.exists()
    assert "tags are not allowed" in problems[0].message
    assert problems[0].line == _line_of(text, "evil:")


def test_duplicate_keys_and_syntax_errors(korea_yaml, write):
    dup = korea_yaml.replace("  start: 2013-04", "  start: 2013-04\n  start: 2014-01")
    (problem,) = _problems(write(dup))
    assert "duplicate key" in problem.message
    assert problem.line == _line_of(dup, "start: 2014-01")
    broken = korea_yaml.replace("  start: 2013-04", "  start: [2013-04")
    (problem,) = _problems(write(broken))
    assert problem.message.startswith("not valid YAML")
    assert problem.line is not None


def test_non_mapping_and_empty_files(write):
    (problem,) = _problems(write("- a\n- b\n"))
    assert "mapping" in problem.message
    (problem,) = _problems(write(""))
    assert "empty" in problem.message


def test_missing_file_and_unknown_case():
    (problem,) = _problems("no/such/file.yaml")
    assert "no scenario" in problem.message
    (problem,) = _problems("kroea-2013")
    assert problem.hint == "Did you mean 'korea-2013'?"


def test_extends_makes_a_variant_in_a_few_lines(write):
    path = write(
        "extends: korea-2013\n"
        "metadata:\n"
        "  name: korea-2013-no-china\n"
        "  horizon_months: 24\n"
        "mechanisms:\n"
        "  china_pressure: {enabled: false}\n"
        "strategies:\n"
        "  do_nothing: null\n"
    )
    scenario = stratagem.load(path)
    assert scenario.name == "korea-2013-no-china"
    assert scenario.horizon_months == 24
    assert scenario.document.metadata.start == "2013-04"
    assert "china_pressure" in scenario.disabled
    assert "do_nothing" not in scenario.strategies
    assert scenario.sources[-1] == "<built-in korea-2013>"


def test_errors_in_a_variant_point_at_the_variant_file(write):
    path = write("extends: korea-2013\nmetadata:\n  horizon_months: -3\n")
    (problem,) = _problems(path)
    assert problem.file == str(path)
    assert problem.line == 3


def test_extends_cycle_is_reported(write):
    write("extends: b.yaml\n", "a.yaml")
    path = write("extends: a.yaml\n", "b.yaml")
    (problem,) = _problems(path)
    assert "cycle" in problem.message


def test_problem_renders_as_one_line(korea_yaml, write):
    text = korea_yaml.replace("  horizon_months: 120", "  horizon_months: ten")
    path = write(text)
    with pytest.raises(ScenarioError) as info:
        stratagem.load(path)
    rendered = str(info.value.problems[0])
    assert rendered.startswith(f"{path}:{_line_of(text, 'horizon_months')}:3: ")
    assert "expected a whole number" in rendered and "found 'ten' (text)" in rendered
