"""The ``revhyper`` command: one Typer app, one module per noun.

Domain errors are mapped to exit codes here, and only here.
"""

from __future__ import annotations

import importlib
from typing import Any

import click
import typer
from typer.core import TyperGroup

from revhyper.cli.output import console, safe
from revhyper.domain.errors import (
    ClipUnusableError,
    InvalidInputError,
    NotFoundError,
    RevhyperError,
    ScreeningRefusalError,
    StorageError,
)

err_console = console(stderr=True)

#: Exit codes, in one place. 2 is also what Click uses for a bad option.
EXIT_CODES: dict[type[RevhyperError], int] = {
    InvalidInputError: 2,
    ScreeningRefusalError: 3,
    NotFoundError: 4,
    StorageError: 5,
    ClipUnusableError: 6,
}


def exit_code_for(error: RevhyperError) -> int:
    """The exit code for a domain error (1 for one without a more specific code)."""
    for kind, code in EXIT_CODES.items():
        if isinstance(error, kind):
            return code
    return 1


class _ErrorMappingGroup(TyperGroup):
    """Turns domain errors and OS errors into one line on stderr and a non-zero exit."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RevhyperError as error:
            err_console.print(f"[bold red]error:[/] {safe(error)}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=exit_code_for(error)) from None
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            err_console.print(
                f"[bold red]error:[/] {safe(error.strerror or error)}{safe(where)}",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=2) from None


app = typer.Typer(
    name="revhyper",
    cls=_ErrorMappingGroup,
    help="Reverse hyperextension training: plan, guide, log, and check your form.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    # Help is plain text, not Rich markup: units such as [kg] and [s] must show as written.
    # Every sub-app's commands inherit this from the root app.
    rich_markup_mode=None,
)

#: Modules under revhyper.cli that each define ``register(app)``. They are all imported (and,
#: for any command or ``--help``, their option types evaluated) at every start, so they import
#: heavy libraries (SciPy via the motion analysis, Matplotlib, SQLAlchemy/Alembic via the
#: database services, the video stack) inside the command functions that need them, and only
#: the light domain modules at the top; tests/unit/test_cli_startup.py holds them to it.
COMMAND_MODULES = (
    "demo",
    "exercises",
    "plan",
    "loads",
    "analyze",
    "synth",
    "mechanics",
    "db",
    "athletes",
    "session",
    "log",
    "history",
    "progress",
    "backup",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"revhyper.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
