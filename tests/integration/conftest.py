"""Database fixtures: every repository/migration test runs on SQLite AND PostgreSQL."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.vocabulary import Equipment, Goal, Level
from revhyper.settings import Settings


def _postgres_admin_url() -> str:
    return Settings().postgres_test_url


def _create_postgres_database() -> str:
    """Create a uniquely named database; returns its URL (skips/fails when no server)."""
    settings = Settings()
    admin_url = make_url(settings.postgres_test_url)
    name = f"revhyper_test_{uuid.uuid4().hex[:12]}"
    try:
        admin = create_engine(
            admin_url, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
        message = (
            f"PostgreSQL at {admin_url.render_as_string(hide_password=True)} unusable: {reason}"
        )
        if settings.require_postgres:
            pytest.fail(message + " (REVHYPER_REQUIRE_POSTGRES is set)")
        pytest.skip(message)
    return admin_url.set(database=name).render_as_string(hide_password=False)


def _drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(make_url(_postgres_admin_url()), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a fresh, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'revhyper.db'}"
        return
    url = _create_postgres_database()
    try:
        yield url
    finally:
        from revhyper.services.database import dispose_engines

        dispose_engines()
        _drop_postgres_database(url)


@pytest.fixture
def uow(db_url: str) -> Iterator[UnitOfWork]:
    """A unit of work on a fresh, migrated database (SQLite and PostgreSQL)."""
    from revhyper.services.database import dispose_engines, engine_for

    engine = engine_for(db_url)
    yield UnitOfWork(engine)
    dispose_engines()


@pytest.fixture
def profile() -> Profile:
    """A healthy intermediate athlete with a machine."""
    return Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE, Equipment.FLOOR}),
        goal=Goal.HYPERTROPHY,
        body_mass_kg=82.5,
        height_m=1.8,
    )
