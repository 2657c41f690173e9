"""Apply and inspect the Alembic migrations, configured in code (no alembic.ini needed)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from revhyper.adapters.db.engine import masked
from revhyper.domain.errors import StorageError

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    """The newest migration's revision id."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships migrations
        raise StorageError("no migrations are packaged with revhyper")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at, or None for an empty database."""
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    except SQLAlchemyError as error:
        raise StorageError(
            f"cannot read the schema version of {masked(engine.url)}: {error}"
        ) from None


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Apply every migration up to ``revision``; returns the revision reached."""
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except SQLAlchemyError as error:
        raise StorageError(f"migrating {masked(engine.url)} failed: {error}") from None
    except CommandError as error:
        raise StorageError(
            f"cannot migrate {masked(engine.url)}: {error} (was it created by a newer revhyper?)"
        ) from None
    return current_revision(engine)


def ensure_current(engine: Engine) -> None:
    """Upgrade the database to the newest schema if it is not there yet."""
    if current_revision(engine) != head_revision():
        upgrade(engine)
