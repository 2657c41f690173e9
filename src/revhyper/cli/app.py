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
from revhyper.domain.typed_numbers import MAX_TYPED_NUMBER, as_typed, is_sane_number
from revhyper.settings import get_settings

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
        "not found: an athlete, session, analysis, account or input file",
        (NotFoundError, FileNotFoundError),
    ),
    ExitCode(5, "database unreachable or unusable", (StorageError,)),
    ExitCode(
        6,
        "the clip cannot be analysed (no person, not side-on, too little tracked)",
        (ClipUnusableError,),
    ),
    ExitCode(2, "", (OSError,)),
    ExitCode(
        70,
        "an unexpected error inside revhyper (a bug): one line says what; REVHYPER_DEBUG=1 "
        "shows the traceback",
    ),
)

#: The exit code of an error nothing above expects (EX_SOFTWARE in BSD's sysexits.h).
UNEXPECTED_ERROR_EXIT = 70

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
    "user": "users",
    "worker": "worker",
    "serve": "serve",
}


def commands_of(module: str) -> dict[str, click.Command]:
    """The click commands (and groups) that ``revhyper.cli.<module>`` registers, by name."""
    holder = typer.Typer(rich_markup_mode=None)  # plain help, as the root app: units in [] show
    importlib.import_module(f"revhyper.cli.{module}").register(holder)
    return dict(typer.main.get_group(holder).commands)


def exit_code_markdown() -> str:
    """The README's exit-code table, generated from :data:`EXIT_CODE_TABLE`."""
    lines = ["| code | meaning |", "|---|---|"]
    lines += [f"| `{row.code}` | {row.meaning} |" for row in EXIT_CODE_TABLE if row.meaning]
    return "\n".join(lines) + "\n"


#: Largest whole number an option takes (a 64-bit database integer; ids and seeds fit).
MAX_WHOLE_INPUT = 2**63 - 1


class _FiniteFloat(click.types.FloatParamType):
    """Click's float, refusing nan, inf (``1e400`` overflows to it) and absurd magnitudes.

    The message quotes the text as typed: ``'1e400'``, not ``inf``.
    """

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not is_sane_number(number):
            self.fail(
                f"{as_typed(value)} is not allowed: give a finite number between "
                f"{-MAX_TYPED_NUMBER:g} and {MAX_TYPED_NUMBER:g}",
                param,
                ctx,
            )
        return number


class _BoundedInt(click.types.IntParamType):
    """Click's integer, refusing numbers beyond a 64-bit integer (quoting them shortened)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if abs(number) > MAX_WHOLE_INPUT:
            self.fail(
                f"{as_typed(value)} is not allowed: give a whole number between "
                f"{-MAX_WHOLE_INPUT} and {MAX_WHOLE_INPUT}",
                param,
                ctx,
            )
        return number


_NUMBER_TYPES: dict[click.ParamType[Any], click.ParamType[Any]] = {
    click.FLOAT: _FiniteFloat(),
    click.INT: _BoundedInt(),
}


def _bound_numbers(command: click.Command) -> None:
    """Give every plain float and int parameter of ``command`` (and below) the checked types."""
    for param in command.params:
        param.type = _NUMBER_TYPES.get(param.type, param.type)
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _bound_numbers(sub)


class _ErrorMappingGroup(TyperGroup):
    """Loads each command's module on first use, checks every plain number option (finite and
    of a sane size), and turns domain errors and OS errors into one line on stderr and a
    non-zero exit."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _bound_numbers(self)

    def list_commands(self, ctx: click.Context) -> list[str]:
        loaded = super().list_commands(ctx)
        return [*loaded, *(name for name in COMMAND_MODULES if name not in loaded)]

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in COMMAND_MODULES:
            for name, loaded in commands_of(COMMAND_MODULES[cmd_name]).items():
                _bound_numbers(loaded)
                self.add_command(loaded, name)
            command = super().get_command(ctx, cmd_name)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except RevhyperError as error:
            message = "\n".join(safe(line) for line in error.message_lines())
            err_console.print(f"[bold red]error:[/] {message}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=exit_code_for(error)) from None
        except OSError as error:
            where = f" ({error.filename})" if error.filename else ""
            err_console.print(
                f"[bold red]error:[/] {safe(error.strerror or error)}{safe(where)}",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=exit_code_for(error)) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as error:
            if get_settings().debug:
                raise
            err_console.print(
                f"[bold red]error:[/] unexpected {type(error).__name__}: {safe(error)} "
                "(a bug in revhyper: please report it with the command you ran; "
                "REVHYPER_DEBUG=1 shows where it happened)",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(code=UNEXPECTED_ERROR_EXIT) from None


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


@app.callback()
def _root() -> None:
    """Reverse hyperextension training: plan, guide, log, and check your form."""


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
