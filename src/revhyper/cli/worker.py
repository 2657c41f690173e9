"""CLI command: ``revhyper worker`` — run the form analyses queued through the server."""

from __future__ import annotations

from typing import Annotated

import typer

from revhyper.cli import output
from revhyper.cli.output import safe

console = output.console(stderr=True)

#: Most worker threads one command runs [threads] (each video analysis uses every core).
MAX_WORKERS = 32


def worker(
    workers: Annotated[
        int,
        typer.Option(
            min=1,
            max=MAX_WORKERS,
            metavar="N",
            help="Jobs run at once, on threads (a video's pose model uses its own processes).",
        ),
    ] = 1,
) -> None:
    """Run queued form analyses (REVHYPER_QUEUE_URL, or the SQLite queue in the data
    directory) until Ctrl+C or SIGTERM; jobs orphaned by a killed worker are queued again."""
    import logging

    from revhyper.services.jobs import run_worker
    from revhyper.settings import get_settings

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    run_worker(
        get_settings(),
        workers,
        lambda line: console.print(safe(line), highlight=False, soft_wrap=True),
    )


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.command()(worker)
