"""API fixtures: the app on a fresh database (SQLite, and PostgreSQL for ``db_api``), with
helpers that make accounts, sign them in and add athletes through the API itself."""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from api_support import Api, TestClient
from jobs_support import consumer_threads

from postgres_support import create_postgres_database, drop_postgres_database

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from revhyper.adapters.db import ensure_current, open_engine
from revhyper.settings import Settings
from revhyper.web.app import create_app


def _api_on(url: str, data_dir: Path, **overrides: Any) -> Iterator[Api]:
    # The analysis queue's consumer thread runs only where a test asks for it (the job tests
    # start their own): the other API tests need no background work.
    overrides.setdefault("run_jobs_in_server", False)
    # The documentation site is the test's own (empty unless it writes one), never the checkout's.
    overrides.setdefault("docs_site_dir", data_dir / "site")
    settings = Settings(data_dir=data_dir, database_url=url, **overrides)
    engine = open_engine(url)
    ensure_current(engine)
    engine.dispose()
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, url)


@pytest.fixture(autouse=True)
def no_consumer_left_running() -> Iterator[None]:
    """Every analysis consumer a test starts is stopped by its end."""
    before = consumer_threads()
    yield
    assert consumer_threads() == before


@pytest.fixture
def api(tmp_path: Path) -> Iterator[Api]:
    """The app on a fresh SQLite database."""
    yield from _api_on(f"sqlite:///{tmp_path / 'api.db'}", tmp_path)


@pytest.fixture
def make_api(tmp_path: Path) -> Iterator[Callable[..., Api]]:
    """A factory of apps on fresh SQLite databases with some settings overridden, e.g.
    ``make_api(login_failures_per_account=3)``."""
    made = itertools.count()
    with ExitStack() as stack:

        def make(**overrides: Any) -> Api:
            folder = tmp_path / f"app{next(made)}"
            folder.mkdir()
            url = f"sqlite:///{folder / 'api.db'}"
            return stack.enter_context(contextmanager(_api_on)(url, folder, **overrides))

        yield make


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_api(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Api]:
    """The app on a fresh database of each kind: SQLite and PostgreSQL."""
    if request.param == "sqlite":
        yield from _api_on(f"sqlite:///{tmp_path / 'api.db'}", tmp_path)
        return
    url = create_postgres_database()
    try:
        yield from _api_on(url, tmp_path)
    finally:
        drop_postgres_database(url)
