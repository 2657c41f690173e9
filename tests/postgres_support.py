"""Fresh PostgreSQL databases for tests: created per test, dropped after (skipped with the
reason when no server answers, or failed when ``REVHYPER_REQUIRE_POSTGRES`` is set)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.exc import SQLAlchemyError

from revhyper.settings import Settings


def postgres_admin_url() -> str:
    return Settings().postgres_test_url


def create_postgres_database() -> str:
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


def drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(make_url(postgres_admin_url()), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
