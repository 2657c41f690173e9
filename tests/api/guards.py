"""Checks the API tests share: the contract's error document, and "nothing was written"
(the row count of every table, compared before and after a refused request)."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from api_support import Api
from sqlalchemy import func, inspect, select, table

from revhyper.settings import Settings
from revhyper.web.app import create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

#: Bookkeeping of the migration tool, not data.
_NOT_DATA = frozenset({"alembic_version"})


def row_counts(api: Api) -> dict[str, int]:
    """The number of rows of every table of the app's database."""
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    names = sorted(set(inspect(engine).get_table_names()) - _NOT_DATA)
    with engine.connect() as connection:
        return {name: _count(connection, name) for name in names}


def _count(connection: Any, name: str) -> int:
    return int(connection.execute(select(func.count()).select_from(table(name))).scalar_one())


def changed_tables(before: dict[str, int], after: dict[str, int]) -> dict[str, tuple[int, int]]:
    """The tables whose row count differs: name → (before, after)."""
    return {
        name: (before.get(name, 0), after.get(name, 0))
        for name in sorted(set(before) | set(after))
        if before.get(name, 0) != after.get(name, 0)
    }


def contract_error_problem(response: Any) -> str | None:
    """Why a 4xx/5xx answer is not the contract's ``{"error": {"code", "message"}}`` (None
    when it is)."""
    try:
        document = response.json()
    except ValueError:
        return f"the body is not JSON: {response.text[:200]!r}"
    if not isinstance(document, dict) or set(document) != {"error"}:
        return f"the body is not {{'error': ...}}: {document!r:.200}"
    error = document["error"]
    if not isinstance(error, dict) or set(error) != {"code", "message"}:
        return f"the error is not {{'code', 'message'}}: {error!r:.200}"
    if not all(isinstance(error[key], str) and error[key] for key in ("code", "message")):
        return f"code and message must be non-empty strings: {error!r:.200}"
    return None


@contextmanager
def api_on_sqlite(database: Path) -> Iterator[Api]:
    """The app started on an SQLite file as it is (made by ``copy_database`` or fresh), without
    the analysis queue's consumer (a queued job stays queued)."""
    url = f"sqlite:///{database}"
    settings = Settings(
        data_dir=database.parent,
        database_url=url,
        run_jobs_in_server=False,
        docs_site_dir=database.parent / "site",
    )
    with TestClient(create_app(settings)) as client:
        yield Api(client, settings, url)


def copy_database(source: Path, target: Path) -> Path:
    """A copy of a closed SQLite database (with its journal files, if any)."""
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{target}{suffix}")
    return target
