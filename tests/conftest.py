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


# Rich output at one known width, whatever terminal (or none) runs the tests. A console made
# while COLUMNS is set keeps that width for good, so it is unset before any revhyper module
# makes its console and set per test (``terminal_width``): tests can then choose 80 or 120.
os.environ.pop("COLUMNS", None)
os.environ["LINES"] = "50"


def _load_every_command_module() -> None:
    """Import every CLI command module now, while COLUMNS is unset.

    The CLI imports a command's module on first use; left to that, a module first used by a
    test at 80 columns would keep an 80-column console for the rest of the run.
    """
    import importlib

    from revhyper.cli.app import COMMAND_MODULES

    for module in sorted({*COMMAND_MODULES.values(), "corrections"}):
        importlib.import_module(f"revhyper.cli.{module}")


_load_every_command_module()

#: The width [characters] a test's Rich output has unless the test sets another.
DEFAULT_TEST_COLUMNS = 160


@pytest.fixture(autouse=True)
def terminal_width(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests print at DEFAULT_TEST_COLUMNS unless they set COLUMNS themselves."""
    monkeypatch.setenv("COLUMNS", str(DEFAULT_TEST_COLUMNS))


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
