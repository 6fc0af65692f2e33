"""Errors people can act on: one readable message per problem in an input file.

Every problem names the file, line and column, the dotted path of the field, what was expected
and what was found, and where possible suggests the name that was probably meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a scenario (or other input) file."""

    message: str
    path: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None
    expected: str | None = None
    found: str | None = None
    hint: str | None = None

    def location(self) -> str:
        """``file:line:column`` (as much of it as is known)."""
        parts = [self.file or "<scenario>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        text = f"{self.location()}: " if self.file or self.line is not None else ""
        if self.path:
            text += f"{self.path}: "
        text += self.message
        details = []
        if self.expected is not None:
            details.append(f"expected {self.expected}")
        if self.found is not None:
            details.append(f"found {self.found}")
        if details:
            text += f" ({'; '.join(details)})"
        if self.hint:
            text += f". {self.hint}"
        return text


class ScenarioError(ValueError):
    """An input (scenario file, data file, table) was rejected; ``problems`` lists every problem.

    The name is historical: scenario files were the first inputs checked this way.
    """

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.problems)
        head = f"{n} problem{'s' if n != 1 else ''} found"
        return head + ":\n" + "\n".join(f"  {p}" for p in self.problems)


def did_you_mean(name: str, choices: Iterable[str]) -> str | None:
    """``"Did you mean 'x'?"`` for the closest of ``choices``, or ``None``.

    >>> did_you_mean("missle_defense", ["missile_defense", "talks"])
    "Did you mean 'missile_defense'?"
    """
    matches = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f"Did you mean {matches[0]!r}?" if matches else None


def describe_value(value: object) -> str:
    """A short description of a found value for error messages.

    >>> describe_value("abc")
    "'abc' (text)"
    >>> describe_value([1, 2])
    'a list'
    """
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (boolean)"
    if isinstance(value, int | float):
        return f"{value!r} (number)"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"{shown!r} (text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
