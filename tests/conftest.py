"""Shared fixtures: no test ever touches the user's real data directory or database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def temporary_database(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """Point REVHYPER_DATA_DIR and REVHYPER_DATABASE_URL at a fresh temporary directory.

    Yields the SQLite URL in use; cached settings and engines are reset before and after.
    """
    from revhyper.services.database import dispose_engines
    from revhyper.settings import get_settings

    data_dir: Path = tmp_path_factory.mktemp("revhyper-data")
    url = f"sqlite:///{data_dir / 'revhyper.db'}"
    monkeypatch.setenv("REVHYPER_DATA_DIR", str(data_dir))
    monkeypatch.setenv("REVHYPER_DATABASE_URL", url)
    get_settings.cache_clear()
    dispose_engines()
    yield url
    dispose_engines()
    get_settings.cache_clear()
