"""Database fixtures: every repository/migration test runs on SQLite AND PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from postgres_support import create_postgres_database, drop_postgres_database
from revhyper.adapters.db import UnitOfWork
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.vocabulary import Equipment, Goal, Level


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL of a fresh, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'revhyper.db'}"
        return
    url = create_postgres_database()
    try:
        yield url
    finally:
        from revhyper.services.database import dispose_engines

        dispose_engines()
        drop_postgres_database(url)


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
