"""Read scenario files: YAML with line numbers, ``extends`` chains, and readable errors.

Files are parsed with ruamel.yaml's round-trip loader so every key keeps its line and column.
Nothing in a file can execute code: any YAML tag beyond the core types (``!!python/...``,
custom ``!tags``) is rejected before anything is constructed.

``extends: NAME`` (a built-in case or a path relative to the file) makes a file a variant of
another: mappings merge key by key, any other value replaces the inherited one, and ``null``
removes an inherited entry. A parameter or initial value (a number or distribution with its
provenance) is replaced whole, never merged with the inherited one.
"""

from __future__ import annotations

import datetime as dt
import types
import typing
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from stratagem.distributions import DISTRIBUTION_NAMES
from stratagem.errors import Problem, ScenarioError, describe_value, did_you_mean
from stratagem.scenario.document import ScenarioDocument

_CORE_TAGS = {
    f"tag:yaml.org,2002:{t}"
    for t in ("str", "int", "float", "bool", "null", "map", "seq", "timestamp", "merge")
}
_MAX_EXTENDS = 16
#: Pydantic loc elements that are not YAML keys (the distribution wrapper and its tags).
_TRANSPARENT = {"dist", *DISTRIBUTION_NAMES}


@dataclass(frozen=True)
class SourceFile:
    """One file of an ``extends`` chain: its name for messages and its parsed tree."""

    name: str
    tree: CommentedMap
    path: Path | None


def builtin_names() -> list[str]:
    """Names of the cases shipped inside the package."""
    folder = resources.files("stratagem") / "cases"
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".yaml"))


def _builtin_text(name: str) -> str:
    return (resources.files("stratagem") / "cases" / f"{name}.yaml").read_text("utf-8")


def _check_tags(node: Node, name: str, problems: list[Problem]) -> None:
    stack = [node]
    while stack:
        current = stack.pop()
        tag = current.tag if isinstance(current.tag, str) else getattr(current.tag, "value", None)
        if tag is not None and tag not in _CORE_TAGS:
            mark = current.start_mark
            problems.append(
                Problem(
                    "YAML tags are not allowed: scenario files are data and never execute code",
                    file=name,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    found=str(tag),
                    expected="plain YAML values (text, numbers, true/false, lists, mappings)",
                )
            )
        if isinstance(current, MappingNode):
            for key, value in current.value:
                stack.extend((key, value))
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
        elif not isinstance(current, ScalarNode):  # pragma: no cover - YAML has no other kind
            continue


def parse_yaml(text: str, name: str) -> CommentedMap:
    """Parse ``text`` into a round-trip tree, or raise :class:`ScenarioError`."""
    yaml = YAML(typ="rt", pure=True)
    yaml.allow_duplicate_keys = False
    try:
        node = yaml.compose(text)
    except MarkedYAMLError as exc:
        raise ScenarioError([_yaml_problem(exc, name)]) from None
    except YAMLError as exc:
        raise ScenarioError([Problem(f"not valid YAML: {exc}", file=name)]) from None
    problems: list[Problem] = []
    if node is not None:
        _check_tags(node, name, problems)
    if problems:
        raise ScenarioError(problems)
    try:
        tree = YAML(typ="rt", pure=True).load(text)
    except MarkedYAMLError as exc:
        raise ScenarioError([_yaml_problem(exc, name)]) from None
    except (YAMLError, ValueError, TypeError) as exc:
        raise ScenarioError([Problem(f"not valid YAML: {exc}", file=name)]) from None
    if tree is None:
        raise ScenarioError([Problem("the file is empty", file=name, expected="a mapping")])
    if not isinstance(tree, CommentedMap):
        raise ScenarioError(
            [
                Problem(
                    "the top level must be a mapping of fields",
                    file=name,
                    line=1,
                    column=1,
                    expected="a mapping such as 'metadata: ...'",
                    found=describe_value(_plain(tree)),
                )
            ]
        )
    return tree


def _yaml_problem(exc: MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    message = exc.problem or exc.context or "not valid YAML"
    if "duplicate key" in str(exc):
        message = "duplicate key " + str(exc).split("found duplicate key", 1)[-1].split("\n")[0]
        message = message.replace("  ", " ").strip()
    return Problem(
        f"not valid YAML: {message.strip()}",
        file=name,
        line=None if mark is None else mark.line + 1,
        column=None if mark is None else mark.column + 1,
    )


def _plain(value: Any) -> Any:
    """Convert a round-trip tree to plain Python values (dict, list, str, int, float, bool)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    return str(value)


def _resolve_reference(reference: str, base: Path | None) -> tuple[str, str, Path | None]:
    """Return (display name, text, path) for an ``extends`` target or a ``load`` argument."""
    candidate = Path(reference)
    if base is not None and not candidate.is_absolute():
        candidate = base / candidate
    looks_like_path = reference.endswith((".yaml", ".yml")) or "/" in reference or "\\" in reference
    if candidate.is_file():
        try:
            return str(candidate), candidate.read_text("utf-8"), candidate.resolve()
        except (OSError, UnicodeDecodeError) as exc:
            problem = Problem(f"cannot read the file: {exc}", file=str(candidate))
            raise ScenarioError([problem]) from None
    names = builtin_names()
    if not looks_like_path and reference in names:
        return f"<built-in {reference}>", _builtin_text(reference), None
    hint = did_you_mean(reference, names)
    expected = "a built-in case (" + ", ".join(names) + ") or a path to a .yaml file"
    raise ScenarioError(
        [
            Problem(
                f"no scenario called {reference!r}",
                file=str(candidate) if looks_like_path else None,
                expected=expected,
                hint=hint,
            )
        ]
    )


def read_chain(reference: str) -> list[SourceFile]:
    """The file named by ``reference`` followed by every file it extends (child first)."""
    chain: list[SourceFile] = []
    seen: set[str] = set()
    base: Path | None = Path.cwd()
    while True:
        name, text, path = _resolve_reference(reference, base)
        key = str(path) if path is not None else name
        if key in seen or len(chain) >= _MAX_EXTENDS:
            raise ScenarioError(
                [
                    Problem(
                        "'extends' forms a cycle",
                        file=chain[-1].name,
                        path="extends",
                        found=" -> ".join([*(c.name for c in chain), name]),
                    )
                ]
            )
        seen.add(key)
        tree = parse_yaml(text, name)
        chain.append(SourceFile(name, tree, path))
        parent = tree.get("extends")
        if parent is None:
            return chain
        if not isinstance(parent, str):
            line, column = _key_position(tree, "extends")
            raise ScenarioError(
                [
                    Problem(
                        "'extends' must name a scenario",
                        file=name,
                        line=line,
                        column=column,
                        path="extends",
                        expected="a case name or a path",
                        found=describe_value(_plain(parent)),
                    )
                ]
            )
        reference = parent
        base = path.parent if path is not None else None


def _is_setting_path(path: tuple[str, ...]) -> bool:
    """Whether ``path`` names one value with its provenance (a parameter or an initial state)."""
    return (len(path) == 2 and path[0] == "state") or (
        len(path) == 4 and path[0] == "mechanisms" and path[2] == "parameters"
    )


def _merge(base: Any, override: Any, path: tuple[str, ...] = ()) -> Any:
    # A value is replaced whole: merging `{value: 3}` into `{distribution: uniform, low, high}`
    # would mix two distributions (and their provenance).
    if isinstance(base, dict) and isinstance(override, dict) and not _is_setting_path(path):
        merged = dict(base)
        for key, value in override.items():
            if value is None:
                merged.pop(key, None)
            elif key in merged:
                merged[key] = _merge(merged[key], value, (*path, str(key)))
            else:
                merged[key] = value
        return merged
    return override


def merged_data(chain: Sequence[SourceFile]) -> dict[str, Any]:
    """The plain data of an ``extends`` chain, parents first, with ``extends`` removed."""
    data: dict[str, Any] = {}
    for source in reversed(chain):
        data = _merge(data, _plain(source.tree))
    data.pop("extends", None)
    return data


def _key_position(tree: Any, key: Any) -> tuple[int | None, int | None]:
    try:
        if isinstance(tree, CommentedMap):
            line, column = tree.lc.key(key)
        elif isinstance(tree, CommentedSeq):
            line, column = tree.lc.item(key)
        else:
            return None, None
    except (KeyError, IndexError, TypeError, AttributeError):
        return None, None
    return line + 1, column + 1


def _walk(tree: Any, loc: Sequence[str | int]) -> Iterator[tuple[Any, str | int]]:
    """Yield (container, key) down ``loc`` as far as the tree goes, skipping unknown elements."""
    node = tree
    for element in loc:
        if (isinstance(node, CommentedMap) and element in node) or (
            isinstance(node, CommentedSeq) and isinstance(element, int) and element < len(node)
        ):
            yield node, element
            node = node[element]


def locate(
    chain: Sequence[SourceFile], loc: Sequence[str | int]
) -> tuple[str, int | None, int | None]:
    """File, line and column of the deepest node along ``loc`` (child files win ties)."""
    best: tuple[int, str, int | None, int | None] = (-1, chain[0].name, None, None)
    for source in chain:
        steps = list(_walk(source.tree, loc))
        if len(steps) > best[0]:
            if steps:
                line, column = _key_position(*steps[-1])
            else:
                line, column = 1, 1
            best = (len(steps), source.name, line, column)
    return best[1], best[2], best[3]


def dotted(loc: Sequence[str | int]) -> str:
    """``mechanisms.talks.parameters[0]`` style path."""
    text = ""
    for element in loc:
        if isinstance(element, int):
            text += f"[{element}]"
        else:
            text += ("." if text else "") + str(element)
    return text


def clean_loc(loc: Sequence[str | int]) -> tuple[str | int, ...]:
    """Drop pydantic's wrapper and union-tag elements so ``loc`` matches the YAML keys."""
    out: list[str | int] = []
    skip_tag = False
    for element in loc:
        if element == "dist":
            skip_tag = True
            continue
        if element == "forecast_spec":  # its fields sit beside source/assumption in the file
            continue
        if skip_tag and element in _TRANSPARENT:
            skip_tag = False
            continue
        skip_tag = False
        out.append(element)
    return tuple(out)


_EXPECTED = {
    "float_parsing": "a number",
    "float_type": "a number",
    "int_parsing": "a whole number",
    "int_type": "a whole number",
    "int_from_float": "a whole number",
    "bool_parsing": "true or false",
    "bool_type": "true or false",
    "string_type": "text",
    "dict_type": "a mapping",
    "list_type": "a list",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "finite_number": "a finite number",
}


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """Field names (YAML spelling) of the model reached along ``loc``, for suggestions."""
    current: Any = model
    for element in loc:
        current = _descend(current, element)
        if current is None:
            return []
    return _field_names(current)


def _field_names(annotation: Any) -> list[str]:
    names: list[str] = []
    for option in _options(annotation):
        if isinstance(option, type) and issubclass(option, BaseModel):
            for field_name, info in option.model_fields.items():
                names.append(info.alias or field_name)
    if any(_is_setting(o) for o in _options(annotation)):
        names += [
            "source",
            "assumption",
            "distribution",
            "value",
            "low",
            "high",
            "mode",
            "mean",
            "sd",
            "median",
            "sigma",
            "alpha",
            "beta",
            "values",
            "weights",
            "table",
            "models",
            "issue",
            "options",
        ]
    return sorted(set(names) - {"dist", "forecast_spec"})


def _is_setting(option: Any) -> bool:
    return isinstance(option, type) and option.__name__ == "ParameterSetting"


def _options(annotation: Any) -> list[Any]:
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _options(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [o for a in typing.get_args(annotation) for o in _options(a)]
    return [annotation]


def _descend(annotation: Any, element: str | int) -> Any:
    for option in _options(annotation):
        origin = typing.get_origin(option)
        if isinstance(option, type) and issubclass(option, BaseModel):
            for field_name, info in option.model_fields.items():
                if element in (field_name, info.alias):
                    return info.annotation
        elif origin is dict:
            return typing.get_args(option)[1]
        elif origin is list and isinstance(element, int):
            return typing.get_args(option)[0]
    return None


def problem_from_error(
    error: ErrorDetails,
    chain: Sequence[SourceFile],
    model: type[BaseModel],
    prefix: tuple[str | int, ...] = (),
) -> Problem:
    """Turn one pydantic error into a :class:`Problem` located in the files of ``chain``."""
    raw_loc = (*prefix, *error["loc"])
    loc = clean_loc(raw_loc)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
    expected = _EXPECTED.get(kind)
    found: str | None = describe_value(value)
    hint = None
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        message = f"unknown field {key!r}"
        allowed = _fields_at(model, [e for e in raw_loc[len(prefix) : -1] if e != "dist"])
        hint = did_you_mean(key, allowed)
        if allowed:
            expected = "one of " + ", ".join(allowed)
        found = None
    elif kind == "missing":
        message = f"missing required field {str(loc[-1])!r}" if loc else "missing field"
        found = None
    elif kind == "union_tag_invalid":
        tag = str(ctx.get("tag", value))
        message = f"unknown distribution {tag!r}"
        expected = "one of " + ", ".join((*DISTRIBUTION_NAMES, "forecast"))
        hint = did_you_mean(tag, (*DISTRIBUTION_NAMES, "forecast"))
        found = None
    elif kind == "literal_error":
        expected = str(ctx.get("expected", "")) or None
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        bound = next(iter(ctx.values()), "")
        bound = f"{bound:g}" if isinstance(bound, int | float) else bound
        symbol = {
            "greater_than": ">",
            "greater_than_equal": ">=",
            "less_than": "<",
            "less_than_equal": "<=",
        }[kind]
        expected = f"a number {symbol} {bound}"
    elif kind == "too_short":
        minimum = ctx.get("min_length", 1)
        expected = f"at least {minimum} entr{'y' if minimum == 1 else 'ies'}"
        found = "none"
    if kind in (
        "dict_type",
        "model_type",
        "model_attributes_type",
        "list_type",
        "string_type",
        "float_parsing",
        "float_type",
        "int_parsing",
        "int_type",
        "bool_parsing",
        "bool_type",
        "int_from_float",
    ):
        message = "wrong type"
    if not message.strip():
        message = "invalid value"
    file, line, column = locate(chain, loc)
    return Problem(message, dotted(loc), file, line, column, expected, found, hint)


def read_document(reference: str | Path) -> tuple[ScenarioDocument, list[SourceFile]]:
    """Read, merge and schema-validate a scenario; raise :class:`ScenarioError` on any problem."""
    chain = read_chain(str(reference))
    data = merged_data(chain)
    try:
        document = ScenarioDocument.model_validate(data)
    except ValidationError as exc:
        problems = [problem_from_error(e, chain, ScenarioDocument) for e in exc.errors()]
        raise ScenarioError(problems) from None
    return document, chain
