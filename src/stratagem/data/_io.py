"""Reading data files with errors people can act on (file, line, column, expected, found).

Every failure while reading a data file becomes a :class:`stratagem.errors.ScenarioError` that
lists :class:`stratagem.errors.Problem` entries, never a raw traceback from pandas or ``csv``.
Line numbers are those of the file (the header is line 1) and are exact even when a quoted field
spans several lines, because rows are read with :mod:`csv`, which tracks them.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn, TypeVar

from stratagem.errors import Problem, ScenarioError, did_you_mean

PathLike = str | os.PathLike[str]
T = TypeVar("T")

_MAX_PROBLEMS_PER_COLUMN = 5


def fail(problems: Sequence[Problem]) -> NoReturn:
    """Raise a :class:`ScenarioError` listing ``problems``."""
    raise ScenarioError(problems)


def resolve(path: PathLike, default_name: str) -> Path:
    """``path`` itself, or ``path / default_name`` when ``path`` is a folder."""
    p = Path(path).expanduser()
    return p / default_name if p.is_dir() else p


def require_file(path: Path, what: str, default_name: str) -> None:
    """Raise a readable error unless ``path`` is an existing file."""
    if not path.is_file():
        fail(
            [
                Problem(
                    message=f"{what}: data file not found",
                    file=str(path),
                    expected=f"a file {default_name!r}",
                    found="a folder" if path.is_dir() else "no such file",
                    hint=(
                        "Pass the path of your copy of the file (or of the folder holding it); "
                        "research-use data are not shipped with stratagem"
                    ),
                )
            ]
        )


@dataclass(frozen=True)
class Table:
    """A CSV file read as text: header, rows and the file line on which each row starts."""

    file: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    lines: tuple[int, ...]

    def column(self, name: str) -> list[str]:
        """The stripped text of column ``name`` (empty string for a short row)."""
        j = self.header.index(name)
        return [row[j].strip() if j < len(row) else "" for row in self.rows]

    def problem(self, i: int, name: str, expected: str, found: str) -> Problem:
        """A problem with the value of column ``name`` in row ``i`` (0-based data row)."""
        return Problem(
            message="bad value",
            path=name,
            file=self.file,
            line=self.lines[i],
            expected=expected,
            found=repr(found) if found else "an empty cell",
        )


def read_table(path: Path, what: str, default_name: str, required: Sequence[str]) -> Table:
    """Read a CSV file as text, checking that it exists and has the ``required`` columns."""
    require_file(path, what, default_name)
    try:
        text = _read_text(path)
        reader = csv.reader(text.splitlines(keepends=True))
        header_row = next(reader, None)
        rows: list[tuple[str, ...]] = []
        lines: list[int] = []
        start = reader.line_num + 1
        for row in reader:
            if any(cell.strip() for cell in row):
                rows.append(tuple(row))
                lines.append(start)
            start = reader.line_num + 1
    except (OSError, csv.Error) as exc:
        fail([Problem(message=f"{what}: could not read the file", file=str(path), found=str(exc))])
    if header_row is None:
        fail(
            [
                Problem(
                    message=f"{what}: empty file",
                    file=str(path),
                    expected="a header line",
                    found="nothing",
                )
            ]
        )
    header = tuple(h.strip() for h in header_row)
    missing = [name for name in required if name not in header]
    if missing:
        fail(
            [
                Problem(
                    message=f"{what}: missing column",
                    path=name,
                    file=str(path),
                    line=1,
                    expected=f"a column named {name!r}",
                    found="columns " + ", ".join(header),
                    hint=did_you_mean(name, header),
                )
                for name in missing
            ]
        )
    return Table(str(path), header, tuple(rows), tuple(lines))


def read_json(path: Path, what: str, default_name: str) -> object:
    """Parse a JSON file, with a readable error on a missing or malformed file."""
    require_file(path, what, default_name)
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        fail(
            [
                Problem(
                    message=f"{what}: not valid JSON",
                    file=str(path),
                    line=exc.lineno,
                    column=exc.colno,
                    found=exc.msg,
                )
            ]
        )
    except OSError as exc:
        fail([Problem(message=f"{what}: could not read the file", file=str(path), found=str(exc))])


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Some free-text notes in TIES are 8-bit; Latin-1 decodes any byte sequence.
        return raw.decode("latin-1")


def convert(
    table: Table,
    name: str,
    parse: Callable[[str], T | None],
    expected: str,
    problems: list[Problem],
) -> list[T | None]:
    """Parse column ``name`` with ``parse`` (which returns ``None`` for an allowed blank).

    ``parse`` raises :class:`ValueError` on a bad value; each bad value becomes a problem (at
    most a few per column) and a ``None`` in the result.
    """
    out: list[T | None] = []
    bad = 0
    for i, text in enumerate(table.column(name)):
        try:
            out.append(parse(text))
        except ValueError:
            out.append(None)
            bad += 1
            if bad <= _MAX_PROBLEMS_PER_COLUMN:
                problems.append(table.problem(i, name, expected, text))
    return out


def int_or_blank(text: str) -> int | None:
    """An integer (``"3"``, ``"3.0"``); ``None`` for a blank or ``?``; else :class:`ValueError`."""
    if not text or text == "?":
        return None
    value = float(text)
    if not value.is_integer():
        raise ValueError(text)
    return int(value)


def count(text: str) -> int:
    """A non-negative integer count; blanks are errors."""
    value = int_or_blank(text)
    if value is None or value < 0:
        raise ValueError(text)
    return value


def float_or_blank(text: str) -> float | None:
    """A float; ``None`` for a blank or a missing-value code (``?``, ``na``, ``unknown``)."""
    if not text or text.lower() in {"?", "na", "n/a", "nan", "unknown"}:
        return None
    return float(text)


def one_of(choices: Sequence[str]) -> Callable[[str], str]:
    """A parser accepting one of ``choices`` (case-insensitive), returned in lower case."""
    allowed = {c.lower() for c in choices}

    def parse(text: str) -> str:
        value = text.lower()
        if value not in allowed:
            raise ValueError(text)
        return value

    return parse


_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


def lenient_year(text: str) -> int | None:
    """The first four-digit year in ``text`` (TIES puts notes in some year cells), or ``None``.

    >>> lenient_year("1969, probably sometime before this date")
    1969
    >>> lenient_year("") is None
    True
    """
    if not text:
        return None
    match = _YEAR.search(text)
    if match is None:
        raise ValueError(text)
    return int(match.group(1))
