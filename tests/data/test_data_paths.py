from __future__ import annotations

from pathlib import Path

import pytest

import stratagem.data
from stratagem.data import DATA_ENV_VAR, default_data_dir


def test_env_var_naming_the_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    assert default_data_dir() == tmp_path.resolve()


def test_env_var_naming_a_parent_of_shared_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared" / "data").mkdir(parents=True)
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path))
    assert default_data_dir() == (tmp_path / "shared" / "data").resolve()


def test_env_var_naming_nothing_gives_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_ENV_VAR, str(tmp_path / "missing"))
    assert default_data_dir() is None


def test_walks_up_from_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "shared" / "data").mkdir(parents=True)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    monkeypatch.chdir(deep)
    assert default_data_dir() == (tmp_path / "shared" / "data").resolve()


def test_falls_back_to_the_package_location(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_data: Path
) -> None:
    monkeypatch.delenv(DATA_ENV_VAR, raising=False)
    monkeypatch.chdir(tmp_path)  # no shared/ above a fresh temporary folder
    package = Path(stratagem.data.__file__).resolve()
    if not package.is_relative_to(shared_data.parent.parent):
        pytest.skip("stratagem is installed outside the tree that holds shared/")
    found = default_data_dir()
    assert found is not None
    assert found.resolve() == shared_data.resolve()
