from __future__ import annotations

from pathlib import Path

import pytest

# tests/data/conftest.py -> parents[3] is the folder holding the repository and ``shared``.
SHARED = Path(__file__).resolve().parents[3] / "shared"


@pytest.fixture
def shared_data() -> Path:
    """``shared/data`` beside the repository (research-use data are never in the package)."""
    data = SHARED / "data"
    if not data.is_dir():  # pragma: no cover - CI clones shared/ beside the repository
        pytest.skip(f"shared data folder not found at {data}: research data are not packaged")
    return data
