"""Reading actor tables (YAML, CSV, KTAB CSV) and the errors bad tables produce."""

from __future__ import annotations

import numpy as np
import pytest

from stratagem.bargaining import builtin_tables, make_table, parse_csv, read_table
from stratagem.bargaining.table import parse_yaml_table
from stratagem.errors import ScenarioError

from .conftest import FIXTURES


def _problems(text: str, *, csv: bool = False, name: str = "t.yaml") -> list:
    with pytest.raises(ScenarioError) as info:
        (parse_csv if csv else parse_yaml_table)(text, name)
    return list(info.value.problems)


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


GOOD = """\
name: demo
sources: ["a published table"]
issues:
  tax:
    scale: {low: 0, high: 100, low_label: none, high_label: all}
    status_quo: 40
actors:
  A: {capability: 2, position: 10, salience: 50}
  B: {capability: 1, position: 90, salience: 80}
"""


def test_yaml_table_reads_every_field():
    table = parse_yaml_table(GOOD, "demo.yaml")
    assert table.name == "demo"
    assert table.actors == ("A", "B")
    assert table.issue_names == ("tax",)
    assert table.capability.tolist() == [2.0, 1.0]
    assert table.position[:, 0].tolist() == [10.0, 90.0]
    assert table.salience[:, 0].tolist() == [50.0, 80.0]
    issue = table.issues[0]
    assert (issue.low, issue.high, issue.status_quo) == (0.0, 100.0, 40.0)
    assert issue.describe(0.0) == "0: none"


def test_misspelt_field_names_line_and_suggests():
    text = GOOD.replace("A: {capability: 2", "A: {capabilty: 2")
    problems = _problems(text)
    unknown = next(p for p in problems if "unknown field" in p.message)
    assert unknown.file == "t.yaml"
    assert unknown.line == _line_of(text, "capabilty")
    assert unknown.column == 7
    assert unknown.path == "actors.A.capabilty"
    assert unknown.hint == "Did you mean 'capability'?"
    missing = next(p for p in problems if "missing" in p.message)
    assert missing.path == "actors.A.capability"


def test_wrong_type_says_expected_and_found():
    text = GOOD.replace("position: 90", "position: ninety")
    (problem,) = _problems(text)
    assert problem.path == "actors.B.position"
    assert problem.expected == "a number"
    assert "'ninety'" in problem.found
    assert problem.line == _line_of(text, "ninety")


def test_out_of_range_values_are_located():
    text = GOOD.replace("salience: 80", "salience: 180").replace("position: 10,", "position: 110,")
    problems = _problems(text)
    salience = next(p for p in problems if "salience" in p.message)
    assert salience.line == _line_of(text, "180")
    assert salience.expected == "a number from 0 to 100"
    assert "180" in salience.found
    position = next(p for p in problems if "outside" in p.message)
    assert position.path == "actors.A.position"
    assert position.line == _line_of(text, "110")


def test_bare_numbers_need_table_sources():
    text = GOOD.replace('sources: ["a published table"]\n', "")
    problems = _problems(text)
    assert {p.path for p in problems} >= {
        "actors.A.capability",
        "actors.A.position",
        "actors.B.salience",
        "issues.tax.status_quo",
    }
    assert all("provenance" in p.message for p in problems)
    assert problems[0].hint and "sources" in problems[0].hint


def test_values_with_provenance_need_no_table_sources():
    text = """\
name: sourced
actors:
  A:
    capability: {value: 1, source: "SIPRI"}
    position: {value: 0, assumption: "statement read as 0"}
    salience: {value: 50, assumption: "judgement"}
"""
    table = parse_yaml_table(text)
    assert table.provenance["A.capability"] == "source: SIPRI"


def test_multi_issue_yaml_suggests_issue_names():
    text = """\
name: two
sources: [x]
issues: {trade: {}, security: {}}
actors:
  A:
    capability: 1
    position: {trade: 10, securty: 20}
    salience: {trade: 50, security: 50}
"""
    problems = _problems(text)
    unknown = next(p for p in problems if "unknown issue" in p.message)
    assert unknown.hint == "Did you mean 'security'?"
    assert unknown.line == _line_of(text, "securty")
    assert any("missing position on issue 'security'" in p.message for p in problems)


def test_yaml_syntax_error_has_a_line():
    (problem,) = _problems("name: x\nactors: [\n")
    assert problem.line is not None
    assert "YAML" in problem.message


def test_fractional_saliences_are_rejected_with_a_hint():
    text = GOOD.replace("salience: 50", "salience: 0.5").replace("salience: 80", "salience: 0.8")
    (problem,) = _problems(text)
    assert "fractions" in problem.message
    assert "multiply" in problem.hint
    assert problem.line == _line_of(text, "0.5")


# --- CSV -----------------------------------------------------------------------------------


def test_plain_csv_with_synonyms_and_two_issues():
    text = "actor,influence,trade position,trade salience,security position,security salience\n"
    text += "A,1,10,50,20,40\nB,2,30,60,70,30\n"
    table = parse_csv(text, "two.csv")
    assert table.name == "two"
    assert table.issue_names == ("trade", "security")
    assert table.position.tolist() == [[10, 20], [30, 70]]
    assert table.capability.tolist() == [1, 2]


def test_ktab_layout(soe_policy, soe_two_issues):
    assert soe_policy.name == "China Policy; scen 0"
    assert soe_policy.issue_names == ("Policy",)
    assert (soe_policy.issues[0].low, soe_policy.issues[0].high) == (0.0, 100.0)
    assert soe_policy.labels[0] == "Xi Jinping"
    assert soe_two_issues.n_actors == 13
    assert soe_two_issues.issue_names == ("Policy", "Competitive")
    xi = soe_two_issues.actors.index("XJ")
    assert soe_two_issues.position[xi].tolist() == [30, 20]
    assert soe_two_issues.salience[xi].tolist() == [24, 48]


def test_csv_bad_cell_names_line_and_column():
    text = "actor,capability,position,salience\nA,1,10,50\nB,two,30,60\n"
    (problem,) = _problems(text, csv=True, name="bad.csv")
    assert (problem.file, problem.line, problem.column) == ("bad.csv", 3, 3)
    assert problem.path == "B.capability"
    assert problem.expected == "a number"
    assert "'two'" in problem.found


def test_csv_missing_column_and_unpaired_issue():
    problems = _problems("actor,position,salience\nA,1,2\n", csv=True)
    assert any("capability" in p.message for p in problems)
    problems = _problems("actor,capability,x position\nA,1,2\n", csv=True)
    assert any("no salience column" in p.message for p in problems)


def test_ktab_counts_on_line_one_are_checked():
    text = (FIXTURES / "SOE-Policy.csv").read_text().replace(", 26, 1,", ", 25, 1,", 1)
    (problem,) = _problems(text, csv=True)
    assert problem.line == 1
    assert problem.expected == "25 actor rows"
    assert problem.found == "26"


def test_jmckib_fraction_saliences_are_caught():
    text = "Actor,Capability,Position,Salience\nNetherlands,0.08,4,0.8\nBelgium,0.08,7,0.4\n"
    (problem,) = _problems(text, csv=True)
    assert "fractions" in problem.message


# --- finding tables -----------------------------------------------------------------------


def test_builtin_tables_and_suggestion():
    assert builtin_tables() == ["korea-nuclear-2013", "korea-nuclear-2017"]
    with pytest.raises(ScenarioError) as info:
        read_table("korea-nucler-2013")
    (problem,) = info.value.problems
    assert problem.hint == "Did you mean 'korea-nuclear-2013'?"


def test_missing_file_and_unknown_format(tmp_path):
    with pytest.raises(ScenarioError):
        read_table(tmp_path / "nope.yaml")
    other = tmp_path / "table.txt"
    other.write_text("x")
    with pytest.raises(ScenarioError) as info:
        read_table(other)
    assert "format" in info.value.problems[0].message


def test_make_table_validates():
    with pytest.raises(ScenarioError) as info:
        make_table(["A", "A"], [1, -1], [0, 1], [50, 150])
    messages = " ".join(p.message for p in info.value.problems)
    assert "unique" in messages
    table = make_table(["A", "B"], [1, 1], [0, 1], [50, 50])
    assert not table.position.flags.writeable
    with pytest.raises(ScenarioError) as info:
        make_table(["A", "B"], [1, -1], [0, 1], [50, 150])
    paths = {p.path for p in info.value.problems}
    assert paths == {"actors.B.capability", "actors.B.salience.issue"}
    with pytest.raises(ScenarioError):
        make_table(["A"], [1], [np.nan], [50])
