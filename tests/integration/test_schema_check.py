"""The start-up schema check: cheap when the database is current, and still safe when it is not."""

from __future__ import annotations

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from revhyper.adapters.db import (
    current_revision,
    ensure_current,
    head_revision,
    open_engine,
    upgrade,
)
from revhyper.adapters.db.migrate import alembic_config
from revhyper.domain.errors import StorageError


def test_the_head_read_from_the_migration_files_is_alembics_head() -> None:
    assert head_revision() == ScriptDirectory.from_config(alembic_config()).get_current_head()


def test_an_empty_database_is_migrated_to_the_head(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        assert current_revision(engine) is None
        ensure_current(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_a_database_from_a_newer_revhyper_is_refused(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
        with pytest.raises(StorageError, match="was it created by a newer revhyper"):
            ensure_current(engine)
        assert current_revision(engine) == "9999"
    finally:
        engine.dispose()


def test_a_database_at_two_revisions_is_refused(db_url: str) -> None:
    engine = open_engine(db_url)
    try:
        upgrade(engine)
        with engine.begin() as connection:
            connection.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
        with pytest.raises(StorageError, match="several revisions at once"):
            ensure_current(engine)
    finally:
        engine.dispose()
