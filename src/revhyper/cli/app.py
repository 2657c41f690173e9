"""The ``revhyper`` command: one Typer app, one module per noun.

Domain errors are mapped to exit codes here, and only here.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
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


@dataclass(frozen=True)
class ExitCode:
    """One row of the exit-code table: the code, what it means, and the errors that give it."""

    code: int
    meaning: str
    errors: tuple[type[BaseException], ...] = ()


#: Exit codes, in one place (the README's table is generated from it, and tested against it).
#: Rows are tried in order: the first whose errors match decides.
EXIT_CODE_TABLE: tuple[ExitCode, ...] = (
    ExitCode(0, "success"),
    ExitCode(1, "an error without a more specific code"),
    ExitCode(
        2,
        "bad input: a value, an option, an unreadable file or an output path that cannot be "
        "written (Click's own usage errors use 2 too)",
        (InvalidInputError,),
    ),
    ExitCode(3, "screening refused a plan (see a doctor first)", (ScreeningRefusalError,)),
    ExitCode(
        4,
        "not found: an athlete, session, analysis or input file",
        (NotFoundError, FileNotFoundError),
    ),
    ExitCode(5, "database unreachable or unusable", (StorageError,)),
    ExitCode(
        6,
        "the clip cannot be analysed (no person, not side-on, too little tracked)",
        (ClipUnusableError,),
    ),
    ExitCode(2, "", (OSError,)),
)

#: Kept for callers that map one domain error: error class → exit code.
EXIT_CODES: dict[type[RevhyperError], int] = {
    kind: row.code
    for row in EXIT_CODE_TABLE
    for kind in row.errors
    if issubclass(kind, RevhyperError)
}


def exit_code_for(error: BaseException) -> int:
    """The exit code for an error (1 for one without a more specific code)."""
    for row in EXIT_CODE_TABLE:
        if row.errors and isinstance(error, row.errors):
            return row.code
    return 1


def exit_code_markdown() -> str:
    """The README's exit-code table, generated from :data:`EXIT_CODE_TABLE`."""
    lines = ["| code | meaning |", "|---|---|"]
    lines += [f"| `{row.code}` | {row.meaning} |" for row in EXIT_CODE_TABLE if row.meaning]
    return "\n".join(lines) + "\n"


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
            raise typer.Exit(code=exit_code_for(error)) from None


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
