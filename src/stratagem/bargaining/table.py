"""Actor tables: who bargains, how strong they are, where they stand and how much they care.

An :class:`ActorTable` holds ``n`` actors and ``m`` issues: one capability per actor (any
non-negative unit: the models only use ratios), and per actor and issue a position (on the
issue's numeric scale, whose ends may carry names) and a salience on 0-100. An issue may carry
a status quo (reference point) and named anchor points of its scale.

Tables are read from

- YAML (the shipped cases, ``stratagem/cases/tables/*.yaml``): every value may carry a
  ``source`` or an ``assumption``; a bare number is allowed only if the table lists its
  ``sources`` as a whole (decision B1);
- CSV with a header row ``actor, capability, position, salience`` (``influence`` or ``power``
  for capability; ``<issue> position`` / ``<issue> salience`` pairs for several issues);
- KTAB's CSV layout: line 1 ``scenario name, description, nActors, nDims``, line 2
  ``Actor, Description, Influence, <Dim> Position, <Dim> Salience, ...`` (positions on 0-100).

Problems in a file are reported like scenario problems: one :class:`~stratagem.errors.Problem`
per problem with file, line, column, field, what was expected and what was found.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from stratagem.bargaining._arrays import FloatArray
from stratagem.errors import Problem, ScenarioError, describe_value, did_you_mean
from stratagem.scenario.loader import (
    SourceFile,
    dotted,
    locate,
    merged_data,
    parse_yaml,
    problem_from_error,
)

__all__ = [
    "ActorTable",
    "Issue",
    "builtin_tables",
    "make_table",
    "parse_csv",
    "parse_yaml_table",
    "read_table",
]

_TABLES = ("cases", "tables")


# --------------------------------------------------------------------------------------------
# The table type
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Issue:
    """One issue: its name, scale, named points and status quo.

    Attributes
    ----------
    name : str
        Identifier used in tables and on the command line.
    description : str
        What the issue is about.
    low, high : float or None
        Ends of the scale (None: not declared; the models then use the range of the positions).
    low_label, high_label : str
        What the ends of the scale mean.
    anchors : tuple of (float, str)
        Named points of the scale, sorted by value (e.g. ``(50.0, "verified freeze")``).
    status_quo : float or None
        The reference point: what happens without agreement.
    """

    name: str
    description: str = ""
    low: float | None = None
    high: float | None = None
    low_label: str = ""
    high_label: str = ""
    anchors: tuple[tuple[float, str], ...] = ()
    status_quo: float | None = None

    def points(self) -> list[tuple[float, str]]:
        """Every named point of the scale (ends and anchors), sorted by value."""
        named = list(self.anchors)
        if self.low is not None and self.low_label:
            named.append((self.low, self.low_label))
        if self.high is not None and self.high_label:
            named.append((self.high, self.high_label))
        unique = {value: label for value, label in sorted(named)}
        return sorted(unique.items())

    def describe(self, value: float) -> str:
        """The named point of the scale nearest to ``value`` ("" if the scale has none).

        >>> issue = Issue("x", low=0, high=100, low_label="none", high_label="all",
        ...               anchors=((50.0, "half"),))
        >>> issue.describe(41.0)
        '≈ 50: half'
        >>> issue.describe(100.0)
        '100: all'
        """
        named = self.points()
        if not named:
            return ""
        nearest, label = min(named, key=lambda item: (abs(item[0] - value), item[0]))
        prefix = "" if nearest == value else "≈ "
        return f"{prefix}{nearest:g}: {label}"


def _array(values: ArrayLike, shape: tuple[int, ...], name: str) -> FloatArray:
    array = np.array(values, dtype=np.float64)
    if array.shape != shape:
        raise ScenarioError(
            [Problem(f"{name} has shape {array.shape}", path=name, expected=f"shape {shape}")]
        )
    array.setflags(write=False)
    return array


@dataclass(frozen=True, eq=False)
class ActorTable:
    """Actors' capabilities, positions and saliences on one or more issues.

    Attributes
    ----------
    name : str
        Identifier of the table.
    actors : tuple of str
        Actor identifiers (unique).
    capability : ndarray, shape (n,)
        Capabilities, any non-negative unit.
    position : ndarray, shape (n, m)
        Positions on each issue's scale.
    salience : ndarray, shape (n, m)
        Saliences on 0-100.
    issues : tuple of Issue
        The ``m`` issues.
    title, description : str
        Human-readable title and description.
    labels : tuple of str
        Long names of the actors (defaults to the identifiers).
    sources : tuple of str
        Documents the table as a whole draws on.
    provenance : mapping of str to str
        ``"actor.field"`` or ``"actor.field.issue"`` -> its source or assumption.

    Examples
    --------
    >>> table = make_table(["A", "B"], [1, 2], [0, 10], [50, 50], name="demo")
    >>> table.n_actors, table.issue_names, table.column("issue")[0].tolist()
    (2, ('issue',), [0.0, 10.0])
    """

    name: str
    actors: tuple[str, ...]
    capability: FloatArray
    position: FloatArray
    salience: FloatArray
    issues: tuple[Issue, ...]
    title: str = ""
    description: str = ""
    labels: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    provenance: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n, m = len(self.actors), len(self.issues)
        object.__setattr__(self, "capability", _array(self.capability, (n,), "capability"))
        object.__setattr__(self, "position", _array(self.position, (n, m), "position"))
        object.__setattr__(self, "salience", _array(self.salience, (n, m), "salience"))
        if not self.labels:
            object.__setattr__(self, "labels", tuple(self.actors))
        problems = _check_arrays(self)
        if problems:
            raise ScenarioError(problems)

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.actors)

    @property
    def n_issues(self) -> int:
        """Number of issues."""
        return len(self.issues)

    @property
    def issue_names(self) -> tuple[str, ...]:
        """Names of the issues, in order."""
        return tuple(issue.name for issue in self.issues)

    def issue_index(self, issue: str | None = None) -> int:
        """Index of ``issue`` (None: the first issue); unknown names raise ScenarioError."""
        if issue is None:
            return 0
        if issue in self.issue_names:
            return self.issue_names.index(issue)
        raise ScenarioError(
            [
                Problem(
                    f"no issue called {issue!r} in table {self.name!r}",
                    path="issue",
                    expected="one of " + ", ".join(self.issue_names),
                    hint=did_you_mean(issue, self.issue_names),
                )
            ]
        )

    def column(self, issue: str | None = None) -> tuple[FloatArray, FloatArray]:
        """Positions and saliences of every actor on one issue (default: the first)."""
        k = self.issue_index(issue)
        return self.position[:, k], self.salience[:, k]


def _check_arrays(table: ActorTable) -> list[Problem]:
    problems: list[Problem] = []
    if not table.actors:
        problems.append(Problem("the table has no actors", path="actors", expected="an actor"))
    if not table.issues:
        problems.append(Problem("the table has no issues", path="issues", expected="an issue"))
    duplicates = sorted({a for a in table.actors if table.actors.count(a) > 1})
    if duplicates:
        problems.append(
            Problem("actor names must be unique", path="actors", found=", ".join(duplicates))
        )
    if len(table.labels) != len(table.actors):
        problems.append(Problem("one label per actor is needed", path="labels"))
    for name, array in (
        ("capability", table.capability),
        ("position", table.position),
        ("salience", table.salience),
    ):
        if not np.all(np.isfinite(array)):
            problems.append(Problem(f"{name} must be finite numbers", path=name))
    if problems:
        return problems
    for i, actor in enumerate(table.actors):
        if table.capability[i] < 0:
            problems.append(
                Problem(
                    "capability cannot be negative",
                    path=f"actors.{actor}.capability",
                    expected="a number >= 0",
                    found=describe_value(float(table.capability[i])),
                )
            )
    if _looks_like_fractions(table.salience):
        problems.append(
            Problem(
                "the saliences look like fractions of 1",
                path="salience",
                expected="saliences on 0-100",
                found=f"all between 0 and {table.salience.max():g}",
                hint=_FRACTION_HINT,
            )
        )
    for k, issue in enumerate(table.issues):
        for i, actor in enumerate(table.actors):
            s = float(table.salience[i, k])
            if not 0 <= s <= 100:
                problems.append(
                    Problem(
                        "salience must lie on the 0-100 scale",
                        path=f"actors.{actor}.salience.{issue.name}",
                        expected="a number from 0 to 100",
                        found=describe_value(s),
                    )
                )
            x = float(table.position[i, k])
            if not _inside(x, issue):
                problems.append(
                    Problem(
                        "position lies outside the issue's scale",
                        path=f"actors.{actor}.position.{issue.name}",
                        expected=f"a number from {issue.low:g} to {issue.high:g}",
                        found=describe_value(x),
                    )
                )
        if not np.any(table.capability * table.salience[:, k] > 0):
            problems.append(
                Problem(
                    "no actor has both capability and salience on this issue",
                    path=f"issues.{issue.name}",
                    expected="at least one actor with capability > 0 and salience > 0",
                )
            )
    return problems


_FRACTION_HINT = "Saliences are on 0-100: multiply saliences written as fractions by 100."


def _looks_like_fractions(salience: FloatArray) -> bool:
    """All saliences within [0, 1] and some strictly between: a 0-1 scale by mistake (B2)."""
    return bool(salience.size and salience.max() <= 1 and np.any((salience > 0) & (salience < 1)))


def _inside(value: float, issue: Issue) -> bool:
    low = -np.inf if issue.low is None else issue.low
    high = np.inf if issue.high is None else issue.high
    return bool(low <= value <= high)


def make_table(
    actors: Sequence[str],
    capability: ArrayLike,
    position: ArrayLike,
    salience: ArrayLike,
    *,
    name: str = "table",
    issue: str = "issue",
    low: float | None = None,
    high: float | None = None,
    status_quo: float | None = None,
) -> ActorTable:
    """A one-issue table from plain sequences.

    Parameters
    ----------
    actors : sequence of str
        Actor names.
    capability, position, salience : array_like, shape (n,)
        Capabilities (any non-negative unit), positions (units of the scale), saliences (0-100).
    name, issue : str
        Names of the table and of its issue.
    low, high : float, optional
        Ends of the scale.
    status_quo : float, optional
        Reference point.

    Examples
    --------
    >>> make_table(["A", "B", "C"], [40, 100, 50], [10, 20, 60], [50, 80, 60]).n_actors
    3
    """
    x = np.asarray(position, dtype=np.float64).reshape(-1, 1)
    s = np.asarray(salience, dtype=np.float64).reshape(-1, 1)
    return ActorTable(
        name=name,
        actors=tuple(actors),
        capability=np.asarray(capability, dtype=np.float64),
        position=x,
        salience=s,
        issues=(Issue(issue, low=low, high=high, status_quo=status_quo),),
    )


# --------------------------------------------------------------------------------------------
# YAML
# --------------------------------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ValueSpec(_Strict):
    """A number with its provenance: ``{value: 640, source: "..."}`` (or a bare number)."""

    value: float = Field(strict=True, allow_inf_nan=False)
    source: str | None = None
    assumption: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _bare(cls, data: Any) -> Any:
        # A bare scalar is the value itself (its type is then checked as a number).
        if not isinstance(data, dict):
            return {"value": data}
        return data

    @model_validator(mode="after")
    def _notes(self) -> ValueSpec:
        for key in ("source", "assumption"):
            text = getattr(self, key)
            if text is not None and not text.strip():
                raise ValueError(f"'{key}' is empty: write the citation or remove the key")
        return self

    def provenance(self) -> str:
        """``"source: ...; assumption: ..."`` (empty if neither is given)."""
        parts = []
        if self.source:
            parts.append(f"source: {self.source.strip()}")
        if self.assumption:
            parts.append(f"assumption: {self.assumption.strip()}")
        return "; ".join(parts)


class ScaleSpec(_Strict):
    """Ends of an issue scale and what they mean."""

    low: float = Field(strict=True, allow_inf_nan=False)
    high: float = Field(strict=True, allow_inf_nan=False)
    low_label: str = ""
    high_label: str = ""

    @model_validator(mode="after")
    def _order(self) -> ScaleSpec:
        if not self.low < self.high:
            raise ValueError(f"low ({self.low:g}) must be below high ({self.high:g})")
        return self


class AnchorSpec(_Strict):
    """A named point of an issue scale."""

    value: float = Field(strict=True, allow_inf_nan=False)
    label: str


class IssueSpec(_Strict):
    """An issue of a YAML table."""

    description: str = ""
    scale: ScaleSpec | None = None
    anchors: list[AnchorSpec] = Field(default_factory=list)
    status_quo: ValueSpec | None = None


class ActorSpec(_Strict):
    """An actor of a YAML table (``position``/``salience`` map issue names to values)."""

    name: str = ""
    capability: ValueSpec
    position: dict[str, ValueSpec]
    salience: dict[str, ValueSpec]


class TableDocument(_Strict):
    """The schema of a YAML actor table."""

    name: str
    title: str = ""
    description: str = ""
    sources: list[str] = Field(default_factory=list)
    issues: dict[str, IssueSpec] = Field(default_factory=lambda: {"issue": IssueSpec()})
    actors: dict[str, ActorSpec] = Field(min_length=1)


def _single_issue_shorthand(data: Any) -> tuple[Any, set[tuple[str, str]]]:
    """Wrap ``position: {value: ...}`` (or a bare number) of one-issue tables as ``{issue: ...}``.

    Returns the rewritten data and the (actor, field) pairs that used the shorthand.
    """
    used: set[tuple[str, str]] = set()
    if not isinstance(data, dict):
        return data, used
    issues = data.get("issues")
    names = list(issues) if isinstance(issues, dict) and issues else ["issue"]
    actors = data.get("actors")
    if len(names) != 1 or not isinstance(actors, dict):
        return data, used
    rewritten = dict(data)
    rewritten["actors"] = {}
    for actor, spec in actors.items():
        if isinstance(spec, dict):
            spec = dict(spec)
            for key in ("position", "salience"):
                if key not in spec:
                    continue
                value = spec[key]
                if not isinstance(value, dict) or "value" in value:
                    spec[key] = {names[0]: value}
                    used.add((str(actor), key))
        rewritten["actors"][actor] = spec
    return rewritten, used


def _strip_shorthand(
    loc: tuple[str | int, ...], used: set[tuple[str, str]], raw: Any
) -> tuple[str | int, ...]:
    """The location as written in the file.

    Drops the issue the one-issue shorthand added and the ``value`` key of a bare scalar.
    """
    if len(loc) >= 4 and loc[0] == "actors" and (str(loc[1]), str(loc[2])) in used:
        loc = (*loc[:3], *loc[4:])
    return _as_written(loc, raw)


def _as_written(loc: tuple[str | int, ...], raw: Any) -> tuple[str | int, ...]:
    """``loc`` without a final ``value`` key when the value was written as a bare scalar."""
    if loc and loc[-1] == "value":
        node = raw
        for element in loc[:-1]:
            if isinstance(node, dict) and element in node:
                node = node[element]
            else:
                return loc
        if not isinstance(node, dict):
            return loc[:-1]
    return loc


def _located(
    chain: Sequence[SourceFile], loc: tuple[str | int, ...], message: str, **details: Any
) -> Problem:
    loc = _as_written(loc, merged_data(chain))
    file, line, column = locate(chain, loc)
    return Problem(message, dotted(loc), file, line, column, **details)


def _document_problems(
    document: TableDocument,
    raw: dict[str, Any],
    chain: Sequence[SourceFile],
    used: set[tuple[str, str]],
) -> list[Problem]:
    """Checks beyond the schema: issue names, ranges and provenance."""
    problems: list[Problem] = []
    issue_names = list(document.issues)
    raw_actors = raw.get("actors", {})

    def loc_of(actor: str, key: str, issue: str, *rest: str) -> tuple[str, ...]:
        if (actor, key) in used:
            return ("actors", actor, key, *rest)
        return ("actors", actor, key, issue, *rest)

    def bare(value: Any) -> bool:
        return isinstance(value, int | float) and not isinstance(value, bool)

    for actor, spec in document.actors.items():
        for key in ("position", "salience"):
            given: dict[str, ValueSpec] = getattr(spec, key)
            for issue in given:
                if issue not in document.issues:
                    problems.append(
                        _located(
                            chain,
                            ("actors", actor, key, issue),
                            f"unknown issue {issue!r}",
                            expected="one of " + ", ".join(issue_names),
                            hint=did_you_mean(issue, issue_names),
                        )
                    )
            for issue in issue_names:
                if issue not in given:
                    problems.append(
                        _located(
                            chain,
                            ("actors", actor, key),
                            f"missing {key} on issue {issue!r}",
                            expected=f"a {key} for each issue: " + ", ".join(issue_names),
                        )
                    )
        if spec.capability.value < 0:
            problems.append(
                _located(
                    chain,
                    ("actors", actor, "capability", "value"),
                    "capability cannot be negative",
                    expected="a number >= 0",
                    found=describe_value(spec.capability.value),
                )
            )
        for issue, value in spec.salience.items():
            if not 0 <= value.value <= 100:
                problems.append(
                    _located(
                        chain,
                        loc_of(actor, "salience", issue, "value"),
                        "salience must lie on the 0-100 scale",
                        expected="a number from 0 to 100",
                        found=describe_value(value.value),
                    )
                )
        for issue, value in spec.position.items():
            scale = document.issues[issue].scale if issue in document.issues else None
            if scale is not None and not scale.low <= value.value <= scale.high:
                problems.append(
                    _located(
                        chain,
                        loc_of(actor, "position", issue, "value"),
                        "position lies outside the issue's scale",
                        expected=f"a number from {scale.low:g} to {scale.high:g}",
                        found=describe_value(value.value),
                    )
                )
        if not document.sources:
            raw_spec = raw_actors.get(actor, {}) if isinstance(raw_actors, dict) else {}
            checks: list[tuple[tuple[str, ...], ValueSpec, Any]] = [
                (
                    ("actors", actor, "capability"),
                    spec.capability,
                    raw_spec.get("capability") if isinstance(raw_spec, dict) else None,
                )
            ]
            for key in ("position", "salience"):
                for issue, value in getattr(spec, key).items():
                    raw_value = raw_spec.get(key) if isinstance(raw_spec, dict) else None
                    if isinstance(raw_value, dict) and (actor, key) not in used:
                        raw_value = raw_value.get(issue)
                    checks.append((loc_of(actor, key, issue), value, raw_value))
            for loc, value, raw_value in checks:
                if not (value.source or value.assumption):
                    problems.append(
                        _located(
                            chain,
                            loc,
                            "this value has no provenance",
                            expected="{value: ..., source: ...} or {value: ..., assumption: ...}",
                            found=describe_value(raw_value) if bare(raw_value) else None,
                            hint="Or list the documents the whole table draws on under 'sources'.",
                        )
                    )
    all_saliences = [
        (who, where, given.value)
        for who, who_spec in document.actors.items()
        for where, given in who_spec.salience.items()
    ]
    if _looks_like_fractions(np.array([v for _, _, v in all_saliences])):
        actor, issue, fraction = next(item for item in all_saliences if 0 < item[2] < 1)
        problems.append(
            _located(
                chain,
                loc_of(actor, "salience", issue, "value"),
                "the saliences look like fractions of 1",
                expected="saliences on 0-100",
                found=f"{fraction:g} and every other salience at most 1",
                hint=_FRACTION_HINT,
            )
        )
    for issue_name, issue_spec in document.issues.items():
        scale = issue_spec.scale
        sq = issue_spec.status_quo
        if sq is not None and scale is not None and not scale.low <= sq.value <= scale.high:
            problems.append(
                _located(
                    chain,
                    ("issues", issue_name, "status_quo", "value"),
                    "the status quo lies outside the issue's scale",
                    expected=f"a number from {scale.low:g} to {scale.high:g}",
                    found=describe_value(sq.value),
                )
            )
        for index, anchor in enumerate(issue_spec.anchors):
            if scale is not None and not scale.low <= anchor.value <= scale.high:
                problems.append(
                    _located(
                        chain,
                        ("issues", issue_name, "anchors", index, "value"),
                        "the anchor lies outside the issue's scale",
                        expected=f"a number from {scale.low:g} to {scale.high:g}",
                        found=describe_value(anchor.value),
                    )
                )
        if sq is not None and not document.sources and not (sq.source or sq.assumption):
            problems.append(
                _located(
                    chain,
                    ("issues", issue_name, "status_quo"),
                    "this value has no provenance",
                    expected="{value: ..., source: ...} or {value: ..., assumption: ...}",
                )
            )
    return problems


def parse_yaml_table(text: str, name: str = "<table>", path: Path | None = None) -> ActorTable:
    """Parse a YAML actor table; raise :class:`~stratagem.errors.ScenarioError` on problems.

    Examples
    --------
    >>> text = '''
    ... name: toy
    ... sources: ["schelling tests/fixtures/toy_3actor.json"]
    ... actors:
    ...   A: {capability: 40, position: 10, salience: 50}
    ...   B: {capability: 100, position: 20, salience: 80}
    ... '''
    >>> parse_yaml_table(text).position[:, 0].tolist()
    [10.0, 20.0]
    """
    tree = parse_yaml(text, name)
    chain = [SourceFile(name, tree, path)]
    raw = merged_data(chain)
    data, used = _single_issue_shorthand(raw)
    try:
        document = TableDocument.model_validate(data)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            # Suggestions come from the schema path, the location from the file as written.
            problem = problem_from_error(error, chain, TableDocument)
            loc = _strip_shorthand(tuple(error["loc"]), used, raw)
            file, line, column = locate(chain, loc)
            problems.append(replace(problem, path=dotted(loc), file=file, line=line, column=column))
        raise ScenarioError(problems) from None
    problems = _document_problems(document, raw, chain, used)
    if problems:
        raise ScenarioError(problems)
    issue_names = list(document.issues)
    issues = tuple(
        Issue(
            name=issue_name,
            description=spec.description.strip(),
            low=None if spec.scale is None else spec.scale.low,
            high=None if spec.scale is None else spec.scale.high,
            low_label="" if spec.scale is None else spec.scale.low_label,
            high_label="" if spec.scale is None else spec.scale.high_label,
            anchors=tuple(sorted((a.value, a.label) for a in spec.anchors)),
            status_quo=None if spec.status_quo is None else spec.status_quo.value,
        )
        for issue_name, spec in document.issues.items()
    )
    actors = list(document.actors)
    provenance: dict[str, str] = {}
    for actor, spec in document.actors.items():
        provenance[f"{actor}.capability"] = spec.capability.provenance()
        for issue in issue_names:
            provenance[f"{actor}.position.{issue}"] = spec.position[issue].provenance()
            provenance[f"{actor}.salience.{issue}"] = spec.salience[issue].provenance()
    for issue_name, issue_spec in document.issues.items():
        if issue_spec.status_quo is not None:
            provenance[f"{issue_name}.status_quo"] = issue_spec.status_quo.provenance()
    return ActorTable(
        name=document.name,
        actors=tuple(actors),
        capability=np.array([document.actors[a].capability.value for a in actors]),
        position=np.array(
            [[document.actors[a].position[i].value for i in issue_names] for a in actors]
        ),
        salience=np.array(
            [[document.actors[a].salience[i].value for i in issue_names] for a in actors]
        ),
        issues=issues,
        title=document.title.strip(),
        description=document.description.strip(),
        labels=tuple(document.actors[a].name or a for a in actors),
        sources=tuple(document.sources),
        provenance={k: v for k, v in provenance.items() if v},
    )


# --------------------------------------------------------------------------------------------
# CSV (plain and KTAB)
# --------------------------------------------------------------------------------------------

_CAPABILITY = {"capability", "influence", "power", "clout", "cap"}
_ACTOR = {"actor", "id", "name"}
_LABEL = {"description", "label", "long name"}
_POSITION = re.compile(r"^(?P<issue>.*?)[\s_:.-]*(?:position|pstn(?P<n>\d+))$", re.IGNORECASE)
_SALIENCE = re.compile(r"^(?P<issue>.*?)[\s_:.-]*(?:salience|sal(?P<n>\d+))$", re.IGNORECASE)


@dataclass(frozen=True)
class _Cell:
    text: str
    line: int
    column: int


def _split(line: str, number: int) -> list[_Cell]:
    """CSV fields of one line with the 1-based column where each starts (quotes allowed)."""
    cells: list[_Cell] = []
    start = 0
    in_quotes = False
    for index, char in enumerate(line + ","):
        if char == '"':
            in_quotes = not in_quotes
        elif char == "," and not in_quotes:
            raw = line[start:index]
            text = raw.strip()
            if len(text) >= 2 and text[0] == text[-1] == '"':
                text = text[1:-1].replace('""', '"').strip()
            offset = len(raw) - len(raw.lstrip())
            cells.append(_Cell(text, number, start + offset + 1))
            start = index + 1
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def _number(cell: _Cell, name: str, what: str, problems: list[Problem]) -> float:
    try:
        value = float(cell.text)
    except ValueError:
        value = float("nan")
    if not np.isfinite(value):
        problems.append(
            Problem(
                "not a number",
                path=what,
                file=name,
                line=cell.line,
                column=cell.column,
                expected="a number",
                found=describe_value(cell.text) if cell.text else "an empty cell",
            )
        )
    return value


def _issue_name(match: re.Match[str]) -> str:
    issue = match.group("issue").strip()
    return issue or (match.group("n") or "issue")


def parse_csv(text: str, name: str = "<table>") -> ActorTable:
    r"""Parse a CSV actor table (plain header or KTAB layout); raise ScenarioError on problems.

    Examples
    --------
    >>> table = parse_csv("actor,capability,position,salience\nA,40,10,50\nB,100,20,80\n")
    >>> table.actors, table.issue_names
    (('A', 'B'), ('issue',))
    """
    lines = [(i + 1, line) for i, line in enumerate(text.splitlines()) if line.strip()]
    if not lines:
        raise ScenarioError([Problem("the file is empty", file=name, expected="a header row")])
    first = _split(lines[0][1], lines[0][0])
    ktab = (
        len(first) >= 4
        and first[2].text.isdigit()
        and first[3].text.isdigit()
        and len(lines) > 1
        and _split(lines[1][1], lines[1][0])[:1] != []
        and _split(lines[1][1], lines[1][0])[0].text.lower() == "actor"
    )
    problems: list[Problem] = []
    table_name = "table" if name.startswith("<") else Path(name).stem
    description = ""
    expected_actors = expected_dims = None
    if ktab:
        table_name = first[0].text or table_name
        description = first[1].text
        expected_actors, expected_dims = int(first[2].text), int(first[3].text)
        lines = lines[1:]
    header = _split(lines[0][1], lines[0][0])
    keys = [cell.text.lower() for cell in header]
    actor_col = next((k for k, key in enumerate(keys) if key in _ACTOR), None)
    label_col = next((k for k, key in enumerate(keys) if key in _LABEL), None)
    cap_col = next((k for k, key in enumerate(keys) if key in _CAPABILITY), None)
    positions: dict[str, int] = {}
    saliences: dict[str, int] = {}
    for k, cell in enumerate(header):
        if (match := _POSITION.match(cell.text)) is not None:
            positions[_issue_name(match)] = k
        elif (match := _SALIENCE.match(cell.text)) is not None:
            saliences[_issue_name(match)] = k
    header_line = lines[0][0]
    if actor_col is None:
        problems.append(
            Problem(
                "no actor column",
                file=name,
                line=header_line,
                column=1,
                expected="a column named 'actor'",
                found=", ".join(c.text for c in header) or "an empty header",
            )
        )
    if cap_col is None:
        problems.append(
            Problem(
                "no capability column",
                file=name,
                line=header_line,
                column=1,
                expected="a column named 'capability' (or 'influence', 'power')",
                found=", ".join(c.text for c in header),
                hint=did_you_mean(keys[-1] if keys else "", sorted(_CAPABILITY)),
            )
        )
    if not positions:
        problems.append(
            Problem(
                "no position column",
                file=name,
                line=header_line,
                column=1,
                expected="a column named 'position' (or '<issue> position')",
                found=", ".join(c.text for c in header),
            )
        )
    for issue in sorted(set(positions) ^ set(saliences)):
        has = positions if issue in positions else saliences
        missing = "salience" if issue in positions else "position"
        cell = header[has[issue]]
        problems.append(
            Problem(
                f"issue {issue!r} has no {missing} column",
                file=name,
                line=cell.line,
                column=cell.column,
                expected=f"a '{issue} {missing}' column beside '{cell.text}'"
                if issue != "issue"
                else f"a '{missing}' column",
            )
        )
    if problems:
        raise ScenarioError(problems)
    assert actor_col is not None
    assert cap_col is not None
    issues = [issue for issue in positions if issue in saliences]
    actors: list[str] = []
    labels: list[str] = []
    capability: list[float] = []
    position: list[list[float]] = []
    salience: list[list[float]] = []
    for number, line in lines[1:]:
        cells = _split(line, number)
        needed = max([actor_col, cap_col, *positions.values(), *saliences.values()])
        if len(cells) <= needed:
            problems.append(
                Problem(
                    "too few fields",
                    file=name,
                    line=number,
                    column=1,
                    expected=f"{needed + 1} fields (as in the header)",
                    found=f"{len(cells)}",
                )
            )
            continue
        actor = cells[actor_col].text
        if not actor:
            problems.append(
                Problem(
                    "empty actor name",
                    file=name,
                    line=number,
                    column=cells[actor_col].column,
                    expected="an actor name",
                )
            )
        elif actor in actors:
            problems.append(
                Problem(
                    f"actor {actor!r} appears twice",
                    file=name,
                    line=number,
                    column=cells[actor_col].column,
                    expected="unique actor names",
                )
            )
        actors.append(actor)
        labels.append(cells[label_col].text if label_col is not None else actor)
        capability.append(_number(cells[cap_col], name, f"{actor}.capability", problems))
        row_x, row_s = [], []
        for issue in issues:
            x_cell, s_cell = cells[positions[issue]], cells[saliences[issue]]
            row_x.append(_number(x_cell, name, f"{actor}.position.{issue}", problems))
            s = _number(s_cell, name, f"{actor}.salience.{issue}", problems)
            if np.isfinite(s) and not 0 <= s <= 100:
                problems.append(
                    Problem(
                        "salience must lie on the 0-100 scale",
                        path=f"{actor}.salience.{issue}",
                        file=name,
                        line=number,
                        column=s_cell.column,
                        expected="a number from 0 to 100",
                        found=describe_value(s),
                    )
                )
            row_s.append(s)
            if ktab and np.isfinite(row_x[-1]) and not 0 <= row_x[-1] <= 100:
                problems.append(
                    Problem(
                        "KTAB positions lie on the 0-100 scale",
                        path=f"{actor}.position.{issue}",
                        file=name,
                        line=number,
                        column=x_cell.column,
                        expected="a number from 0 to 100",
                        found=describe_value(row_x[-1]),
                    )
                )
        c = capability[-1]
        if np.isfinite(c) and c < 0:
            problems.append(
                Problem(
                    "capability cannot be negative",
                    path=f"{actor}.capability",
                    file=name,
                    line=number,
                    column=cells[cap_col].column,
                    expected="a number >= 0",
                    found=describe_value(c),
                )
            )
        position.append(row_x)
        salience.append(row_s)
    if not actors and not problems:
        problems.append(Problem("the table has no actors", file=name, expected="actor rows"))
    if ktab and expected_actors is not None and len(actors) != expected_actors:
        problems.append(
            Problem(
                "the number of actors differs from the count on line 1",
                file=name,
                line=1,
                column=first[2].column,
                expected=f"{expected_actors} actor rows",
                found=f"{len(actors)}",
            )
        )
    if ktab and expected_dims is not None and len(issues) != expected_dims:
        problems.append(
            Problem(
                "the number of dimensions differs from the count on line 1",
                file=name,
                line=1,
                column=first[3].column,
                expected=f"{expected_dims} position/salience pairs",
                found=f"{len(issues)}",
            )
        )
    values = np.array(salience, dtype=np.float64)
    if not problems and _looks_like_fractions(values):
        problems.append(
            Problem(
                "the saliences look like fractions of 1",
                file=name,
                line=lines[1][0],
                column=_split(lines[1][1], lines[1][0])[next(iter(saliences.values()))].column,
                expected="saliences on 0-100",
                found=f"every salience at most {values.max():g}",
                hint=_FRACTION_HINT,
            )
        )
    if problems:
        raise ScenarioError(problems)
    scale = (0.0, 100.0) if ktab else (None, None)
    return ActorTable(
        name=table_name,
        actors=tuple(actors),
        capability=np.array(capability),
        position=np.array(position).reshape(len(actors), len(issues)),
        salience=np.array(salience).reshape(len(actors), len(issues)),
        issues=tuple(Issue(issue, low=scale[0], high=scale[1]) for issue in issues),
        description=description,
        labels=tuple(labels),
    )


# --------------------------------------------------------------------------------------------
# Finding tables
# --------------------------------------------------------------------------------------------


def builtin_tables() -> list[str]:
    """Names of the actor tables shipped with the package.

    >>> "korea-nuclear-2013" in builtin_tables()
    True
    """
    folder = resources.files("stratagem").joinpath(*_TABLES)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def read_table(source: str | Path) -> ActorTable:
    """Read an actor table: a built-in name, or a path to a ``.yaml``/``.yml``/``.csv`` file.

    Raises :class:`~stratagem.errors.ScenarioError` with every problem found.

    Examples
    --------
    >>> table = read_table("korea-nuclear-2017")
    >>> table.actors
    ('US', 'ROK', 'Japan', 'China', 'Russia', 'DPRK')
    """
    reference = str(source)
    path = Path(reference)
    if path.is_file():
        try:
            text = path.read_text("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise ScenarioError([Problem(f"cannot read the file: {exc}", file=reference)]) from None
        if path.suffix.lower() == ".csv":
            return parse_csv(text, reference)
        if path.suffix.lower() in (".yaml", ".yml"):
            return parse_yaml_table(text, reference, path.resolve())
        raise ScenarioError(
            [
                Problem(
                    "unknown table format",
                    file=reference,
                    expected="a .yaml, .yml or .csv file",
                    found=path.suffix or "no extension",
                )
            ]
        )
    names = builtin_tables()
    if reference in names:
        text = (
            resources.files("stratagem").joinpath(*_TABLES, f"{reference}.yaml").read_text("utf-8")
        )
        return parse_yaml_table(text, f"<built-in {reference}>")
    looks_like_path = path.suffix != "" or "/" in reference or "\\" in reference
    raise ScenarioError(
        [
            Problem(
                f"no table called {reference!r}" if not looks_like_path else "no such file",
                file=reference if looks_like_path else None,
                expected="a built-in table (" + ", ".join(names) + ") or a .yaml/.csv file",
                hint=did_you_mean(reference, names),
            )
        ]
    )
