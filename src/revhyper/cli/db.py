"""CLI commands: ``revhyper db upgrade|current`` — the database schema."""

from __future__ import annotations

import typer

from revhyper.cli import output
from revhyper.cli.output import safe

console = output.console()

db_app = typer.Typer(help="Database schema: apply migrations, show the current revision.")


@db_app.command("upgrade")
def upgrade() -> None:
    """Apply every migration to the configured database (creates it if needed)."""
    from revhyper.adapters.db import masked
    from revhyper.services.database import database_url, upgrade_database

    before, after = upgrade_database()
    where = safe(masked(database_url()))
    if before == after:
        console.print(f"{where}: already at revision {after} (newest)")
    else:
        console.print(f"{where}: upgraded from {before or 'empty'} to revision {after} (newest)")


@db_app.command("current")
def current() -> None:
    """Show the configured database URL and its schema revision."""
    from revhyper.adapters.db import head_revision, masked
    from revhyper.services.database import database_revision, database_url

    revision = database_revision()
    where = safe(masked(database_url()))
    if revision is None:
        console.print(f"{where}: no schema yet (run `revhyper db upgrade`)")
    elif revision == head_revision():
        console.print(f"{where}: revision {revision} (newest)")
    else:
        console.print(f"{where}: revision {revision}; newest is {head_revision()}")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(db_app, name="db", help="Database schema: upgrade, current revision.")
