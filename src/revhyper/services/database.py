"""Opening the configured database: engines cached per URL, migrations applied on first use."""

from __future__ import annotations

from sqlalchemy import Engine

from revhyper.adapters.db import UnitOfWork, current_revision, ensure_current, open_engine, upgrade
from revhyper.settings import get_settings

_engines: dict[str, Engine] = {}


def database_url() -> str:
    """The URL in use (``REVHYPER_DATABASE_URL`` or the SQLite file in the data directory)."""
    return get_settings().effective_database_url


def engine_for(url: str | None = None, *, migrate: bool = True) -> Engine:
    """A connected engine for ``url`` (default: the configured one), brought up to date.

    Raises:
        StorageError: the database cannot be reached or migrated.
    """
    url = url or database_url()
    engine = _engines.get(url)
    if engine is None:
        engine = open_engine(url, sqlite_synchronous=get_settings().sqlite_synchronous)
        if migrate:
            ensure_current(engine)
        _engines[url] = engine
    return engine


def unit_of_work(url: str | None = None) -> UnitOfWork:
    """A new unit of work on the configured (or given) database, migrated to the newest schema."""
    return UnitOfWork(engine_for(url))


def upgrade_database(url: str | None = None) -> tuple[str | None, str | None]:
    """Apply all migrations; returns (revision before, revision after)."""
    engine = engine_for(url, migrate=False)
    before = current_revision(engine)
    after = upgrade(engine)
    return before, after


def database_revision(url: str | None = None) -> str | None:
    """The schema revision of the database (None when no migration was applied yet)."""
    return current_revision(engine_for(url, migrate=False))


def dispose_engines() -> None:
    """Close every cached engine (tests call this before dropping their databases)."""
    for engine in _engines.values():
        engine.dispose()
    _engines.clear()
