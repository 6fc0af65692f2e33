from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# CI explores the same examples every run; locally Hypothesis keeps exploring new ones.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The shared data folder beside the repository (CI clones it there)."""
    if not SHARED.is_dir():  # pragma: no cover - CI always has it
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture
def korea_yaml() -> str:
    return (REPO / "src" / "stratagem" / "cases" / "korea-2013.yaml").read_text("utf-8")


@pytest.fixture
def write(tmp_path: Path):
    """Write a scenario file into tmp_path and return its path."""

    def _write(text: str, name: str = "case.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, "utf-8")
        return path

    return _write
