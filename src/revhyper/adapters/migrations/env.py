"""Alembic environment: runs online against the connection ``adapters.db.migrate`` passes in."""

from __future__ import annotations

from alembic import context

from revhyper.adapters.db.models import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    """Migrate through the caller's connection (``config.attributes['connection']``)."""
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("revhyper migrations run online only (revhyper db upgrade)")
run_migrations_online()
