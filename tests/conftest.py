"""Shared fixtures: no test ever touches the user's real data directory or database."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis: no wall-clock deadlines (CI shares two cores with other work).
settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")


# Rich output at one known width, whatever terminal (or none) runs the tests. Set before any
# revhyper module creates its module-level Console, which reads the width when it is made.
os.environ["COLUMNS"] = "160"
os.environ["LINES"] = "50"


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
