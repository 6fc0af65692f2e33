from __future__ import annotations

from pathlib import Path

import pytest

# tests/games/conftest.py -> parents[3] is the folder holding the repository and ``shared``.
SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture
def sigint_csv() -> Path:
    """The sigInt sanctions data (research-use, never packaged)."""
    path = SHARED / "data" / "sigint_sanctions" / "sanctionsData.csv"
    if not path.is_file():  # pragma: no cover - CI clones shared/ beside the repository
        pytest.skip(f"{path} not found")
    return path
