"""Apply and inspect the Alembic migrations, configured in code (no alembic.ini needed).

Every database command checks the schema before it runs, so the check is cheap: the packaged
head revision is read from the migration files' ``revision``/``down_revision`` lines, and the
stored one from the ``alembic_version`` table with one query. Alembic itself (a large import)
is loaded only when the two differ, to migrate or to refuse a database newer than this
revhyper.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from revhyper.adapters.db.engine import SQLITE_BEGIN_OPTION, masked
from revhyper.domain.errors import StorageError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
VERSIONS_DIR = MIGRATIONS_DIR / "versions"

#: Alembic's bookkeeping table (one row per applied head).
VERSION_TABLE = "alembic_version"

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def _revisions_of(path: Path) -> tuple[str, tuple[str, ...]] | None:
    """``(revision, down revisions)`` of one migration file, or None if it declares none."""
    source = path.read_text(encoding="utf-8")
    found: dict[str, str] = {m.group(1): m.group(2) for m in _ASSIGNMENT.finditer(source)}
    if "revision" not in found:
        return None
    revision = ast.literal_eval(found["revision"])
    down = ast.literal_eval(found.get("down_revision", "None"))
    downs = () if down is None else (down,) if isinstance(down, str) else tuple(down)
    return str(revision), tuple(str(d) for d in downs)


@lru_cache(maxsize=1)
def head_revision() -> str:
    """The newest packaged migration's revision id, read from the files (no Alembic import).

    Raises:
        StorageError: the packaged migrations have no single head.
    """
    revisions: dict[str, tuple[str, ...]] = {}
    for path in sorted(VERSIONS_DIR.glob("*.py")):
        found = _revisions_of(path)
        if found is not None:
            revisions[found[0]] = found[1]
    referenced = {down for downs in revisions.values() for down in downs}
    heads = sorted(set(revisions) - referenced)
    if len(heads) != 1:  # pragma: no cover - a packaging mistake, caught by the tests
        raise StorageError(f"the packaged migrations have {len(heads)} heads: {heads}")
    return heads[0]


def _stored_revisions(connection: Connection) -> tuple[str, ...]:
    if not inspect(connection).has_table(VERSION_TABLE):
        return ()
    rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}"))
    return tuple(sorted(str(row[0]) for row in rows))


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    try:
        with engine.connect() as connection:
            stored = _stored_revisions(connection)
    except SQLAlchemyError as error:
        raise StorageError(
            f"cannot read the schema version of {masked(engine.url)}: {error}"
        ) from None
    if len(stored) > 1:
        raise StorageError(
            f"the database at {masked(engine.url)} is at several revisions at once "
            f"({', '.join(stored)}): it was not migrated by revhyper"
        )
    return stored[0] if stored else None


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply every migration up to ``revision``; returns the revision reached."""
    from alembic import command
    from alembic.util import CommandError

    try:
        _run_migrations(engine, lambda config: command.upgrade(config, revision))
    except CommandError as error:
        raise StorageError(
            f"cannot migrate {masked(engine.url)}: {error} (was it created by a newer revhyper?)"
        ) from None
    return current_revision(engine)


def downgrade(engine: Engine, revision: str) -> str | None:
    """Undo the migrations after ``revision`` (foreign keys off on SQLite, as for ``upgrade``,
    so that a table copy cannot cascade-delete the log); returns the revision reached.

    Raises:
        StorageError: a migration refused to undo itself (its message says why and what to do)
            or the database failed; nothing is changed then.
    """
    from alembic import command
    from alembic.util import CommandError

    try:
        _run_migrations(engine, lambda config: command.downgrade(config, revision))
    except CommandError as error:
        raise StorageError(
            f"cannot downgrade {masked(engine.url)} to revision {revision}: {error}"
        ) from None
    return current_revision(engine)


def _run_migrations(engine: Engine, migrate: Callable[[Config], None]) -> None:
    """Run ``migrate`` on one connection in one transaction, foreign keys off on SQLite and
    references checked before the commit."""
    config = alembic_config()
    try:
        with (
            engine.connect() as plain,
            _foreign_keys_off(plain),
        ):
            connection = plain.execution_options(**{SQLITE_BEGIN_OPTION: "IMMEDIATE"})
            with connection.begin():
                _take_migration_lock(connection)
                config.attributes["connection"] = connection
                migrate(config)
                _refuse_broken_references(connection)
    except SQLAlchemyError as error:
        raise StorageError(f"migrating {masked(engine.url)} failed: {error}") from None


#: Key of the PostgreSQL advisory lock that lets one process at a time migrate a database.
MIGRATION_LOCK_KEY = 0x72657668  # "revh"


def _take_migration_lock(connection: Connection) -> None:
    """Make processes that migrate the same database at once (a server starting while
    ``revhyper user add`` runs) take turns: the later one waits, then finds the schema
    current and does nothing. SQLite: the transaction began IMMEDIATE, holding the write lock
    (a deferred one could not upgrade its read lock once the other had written, and would
    fail at once). PostgreSQL: a transaction-scoped advisory lock."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK_KEY})


@contextmanager
def _foreign_keys_off(connection: Connection) -> Iterator[None]:
    """On SQLite, foreign keys off while migrating, checked afterwards.

    Alembic's batch mode changes a SQLite table by copying it to a new one and dropping the
    old; with foreign keys on, that drop would delete every row that refers to the table by
    ``ON DELETE CASCADE`` (an athlete's sessions and sets). The pragma only takes effect
    outside a transaction, so it is set on the driver's connection before the migration
    begins (``_refuse_broken_references`` checks the result before it commits).
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    driver = connection.connection.dbapi_connection
    assert driver is not None
    driver.execute("PRAGMA foreign_keys=OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys=ON")


def _refuse_broken_references(connection: Connection) -> None:
    """Roll the migration back if it left a row referring to a missing one (SQLite)."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise StorageError(
            f"the migration would leave {len(broken)} broken reference(s), first {broken[0]}"
        )


def ensure_current(engine: Engine) -> None:
    """Upgrade the database to the newest schema if it is not there yet (a database at an
    unknown, newer revision is refused with a ``StorageError``)."""
    if current_revision(engine) != head_revision():
        upgrade(engine)
