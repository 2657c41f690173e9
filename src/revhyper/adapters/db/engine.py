"""Engines for the configured database: SQLite (WAL, foreign keys on) or PostgreSQL (psycopg 3).

``open_engine(url)`` checks that the database can be reached and turns every failure into a
``StorageError`` whose message shows the URL with any password masked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from revhyper.domain.errors import InvalidInputError, StorageError

#: Seconds to wait for a PostgreSQL server before giving up [s].
CONNECT_TIMEOUT_S = 5


def masked(url: str | URL) -> str:
    """The URL as text with any password replaced by ``***``."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return "<unparseable database URL>"


def normalise_url(url: str) -> URL:
    """Parse ``url``; ``postgresql://`` and ``postgres://`` mean psycopg 3."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        raise StorageError(
            f"database URL {url!r} is not a valid SQLAlchemy URL "
            "(expected sqlite:///PATH or postgresql+psycopg://USER@HOST/DB)"
        ) from None
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if not parsed.drivername.startswith(("sqlite", "postgresql")):
        raise StorageError(
            f"database URL {masked(parsed)} uses {parsed.drivername!r}: "
            "only sqlite and postgresql are supported"
        )
    return parsed


def _sqlite_file(url: URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


#: How long a SQLite writer waits for another writer's lock before giving up [ms].
SQLITE_BUSY_TIMEOUT_MS = 5000

#: Execution option naming how a SQLite transaction begins: ``"IMMEDIATE"`` takes the write lock
#: at BEGIN (waiting up to ``SQLITE_BUSY_TIMEOUT_MS``), so a transaction that reads and then
#: writes cannot fail half-way because another writer committed in between.
SQLITE_BEGIN_OPTION = "revhyper_sqlite_begin"


#: The SQLite ``synchronous`` levels ``open_engine`` accepts (see ``Settings.sqlite_synchronous``).
SQLITE_SYNCHRONOUS_LEVELS = ("full", "normal")


def _configure_sqlite(engine: Engine, synchronous: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, emits BEGIN (see _on_begin).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute(f"PRAGMA synchronous={synchronous.upper()}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        mode = connection.get_execution_options().get(SQLITE_BEGIN_OPTION, "DEFERRED")
        if mode not in ("DEFERRED", "IMMEDIATE"):
            raise ValueError(f"unknown SQLite BEGIN mode {mode!r}")
        connection.exec_driver_sql(f"BEGIN {mode}")


def open_engine(url: str, *, sqlite_synchronous: str = "full") -> Engine:
    """A connected engine for ``url`` (the data directory of a SQLite file is created).

    ``sqlite_synchronous`` is SQLite's ``synchronous`` level, ``full`` or ``normal`` (ignored
    for PostgreSQL).

    Raises:
        StorageError: the URL is malformed, its driver is missing, or the database cannot be
            reached; the message names the URL with the password masked.
        InvalidInputError: ``sqlite_synchronous`` is not a known level.
    """
    if sqlite_synchronous not in SQLITE_SYNCHRONOUS_LEVELS:
        raise InvalidInputError(
            f"SQLite synchronous level {sqlite_synchronous!r} is not allowed: use "
            f"{' or '.join(SQLITE_SYNCHRONOUS_LEVELS)} (REVHYPER_SQLITE_SYNCHRONOUS)"
        )
    parsed = normalise_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.drivername.startswith("sqlite"):
        path = _sqlite_file(parsed)
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise StorageError(
                    f"cannot create the data directory {path.parent}: {error.strerror}"
                ) from None
    else:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (ArgumentError, NoSuchModuleError, ImportError) as error:
        raise StorageError(f"cannot use database URL {masked(parsed)}: {error}") from None
    if parsed.drivername.startswith("sqlite"):
        _configure_sqlite(engine, sqlite_synchronous)
    try:
        with engine.connect():
            pass
    except SQLAlchemyError as error:
        engine.dispose()
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise StorageError(f"cannot reach the database at {masked(parsed)}: {reason}") from None
    return engine
