"""The ``revhyper`` command: one Typer app, one module per noun.

Domain errors are mapped to exit codes here, and only here.
"""

from __future__ import annotations

import importlib
from typing import Any

import click
import typer
from rich.console import Console
from typer.core import TyperGroup

from revhyper.domain.errors import (
    ClipUnusableError,
    InvalidInputError,
    NotFoundError,
    RevhyperError,
    ScreeningRefusalError,
    StorageError,
)

err_console = Console(stderr=True)

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


#: Every top-level command and command group → the module under ``revhyper.cli`` whose
#: ``register(app)`` adds it, in the order ``revhyper --help`` lists them. A module is imported
#: only when one of its commands runs (or for ``--help``), so ``revhyper log set`` does not pay
#: for the planner, the mechanics model (NumPy) or the video stack; the modules still import
#: heavy libraries (SciPy, Matplotlib, SQLAlchemy, the video stack) only inside the command
#: functions that need them. tests/unit/test_cli_startup.py holds both to it.
COMMAND_MODULES: dict[str, str] = {
    "demo": "demo",
    "exercises": "exercises",
    "explain": "exercises",
    "plan": "plan",
    "e1rm": "loads",
    "plates": "loads",
    "rpe": "loads",
    "working-load": "loads",
    "analyze": "analyze",
    "synth": "synth",
    "mechanics": "mechanics",
    "session": "session",
    "history": "history",
    "progress": "progress",
    "export": "backup",
    "import": "backup",
    "db": "db",
    "athlete": "athletes",
    "log": "log",
}


def commands_of(module: str) -> dict[str, click.Command]:
    """The click commands (and groups) that ``revhyper.cli.<module>`` registers, by name."""
    holder = typer.Typer()
    importlib.import_module(f"revhyper.cli.{module}").register(holder)
    return dict(typer.main.get_group(holder).commands)


class _ErrorMappingGroup(TyperGroup):
    """Loads each command's module on first use, and turns domain errors and OS errors into one
    line on stderr and a non-zero exit."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        loaded = super().list_commands(ctx)
        return [*loaded, *(name for name in COMMAND_MODULES if name not in loaded)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMAND_MODULES:
            for name, loaded in commands_of(COMMAND_MODULES[cmd_name]).items():
                self.add_command(loaded, name)
            command = super().get_command(ctx, cmd_name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RevhyperError as error:
            err_console.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=exit_code_for(error)) from None
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            err_console.print(
                f"[bold red]error:[/] {error.strerror or error}{where}",
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
)


@app.callback()
def _root() -> None:
    """Reverse hyperextension training: plan, guide, log, and check your form."""


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
