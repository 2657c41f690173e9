"""Alembic migrations of the revhyper database (configured in code by ``adapters.db.migrate``)."""
