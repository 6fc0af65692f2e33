"""Where the shared research data live.

Research-use data sets (CSIS, TIES, ...) are never packaged with stratagem (BRIEF §8). The user
points the toolkit at a copy of the project's ``shared/data`` folder, either with the environment
variable ``STRATAGEM_DATA`` or by working inside a tree that has one (``<somewhere>/shared/data``).
The file names below are relative to that folder; they are the layout of ``shared/data``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "CNS_TESTS",
    "CSIS_MONTHLY",
    "DATA_ENV_VAR",
    "GMD_TESTS",
    "TIES_INCIDENCE",
    "TIES_RAW",
    "TRADE",
    "default_data_dir",
]

DATA_ENV_VAR = "STRATAGEM_DATA"
"""Environment variable naming the ``shared/data`` folder."""

CSIS_MONTHLY = "csis_us_dprk_negotiations_provocations/USKoreaData.csv"
"""CSIS Beyond Parallel monthly provocations and US-DPRK negotiations, 1990-01..2018-08."""
CNS_TESTS = "nk_missile_tests/nk_missile_tests_flat.csv"
"""CNS North Korea missile test database (via nagix/nk-missile-tests), one row per missile."""
TIES_RAW = "ties_v4/TIESv4-1.csv"
"""TIES 4.1 case-level data (Morgan, Bapat & Kobayashi 2014), 1,412 cases."""
TIES_INCIDENCE = "compiled/ties_cumulative_incidence.json"
"""Aalen-Johansen cumulative incidence of TIES outcomes (game_theory.md §6.2)."""
TRADE = "compiled/china_dprk_trade_by_year.csv"
"""China-DPRK trade by year, US$ million (data.md §2.5)."""
GMD_TESTS = "compiled/gmd_intercept_tests.csv"
"""Ground-based Midcourse Defense intercept tests 1999-2023 (missile_defense.md)."""


def _find_upwards(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        candidate = folder / "shared" / "data"
        if candidate.is_dir():
            return candidate
    return None


def default_data_dir() -> Path | None:
    """The ``shared/data`` folder, or ``None`` when none can be found.

    Search order:

    1. the environment variable ``STRATAGEM_DATA``: if it is set (non-empty) it wins; it may name
       the data folder itself or a folder that contains ``shared/data``; if it names neither,
       the result is ``None`` (an explicit setting is never silently replaced by a guess);
    2. the current working directory and its parents, for a ``shared/data`` subfolder;
    3. the folder of this package and its parents, likewise.

    Returns
    -------
    pathlib.Path or None
        Absolute path of the data folder.

    Examples
    --------
    >>> import os, tempfile
    >>> from pathlib import Path
    >>> saved = os.environ.get("STRATAGEM_DATA")
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     (Path(tmp) / "shared" / "data").mkdir(parents=True)
    ...     os.environ["STRATAGEM_DATA"] = tmp
    ...     found = default_data_dir()
    ...     found == (Path(tmp) / "shared" / "data").resolve()
    True
    >>> if saved is None:
    ...     del os.environ["STRATAGEM_DATA"]
    ... else:
    ...     os.environ["STRATAGEM_DATA"] = saved
    """
    env = os.environ.get(DATA_ENV_VAR, "").strip()
    if env:
        root = Path(env).expanduser().resolve()
        nested = root / "shared" / "data"
        if nested.is_dir():
            return nested
        return root if root.is_dir() else None
    for start in (Path.cwd().resolve(), Path(__file__).resolve().parent):
        found = _find_upwards(start)
        if found is not None:
            return found
    return None
