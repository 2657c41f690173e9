"""CLI commands: ``revhyper user add|list|set-password|disable|enable`` — the server's accounts.

A password is never an argument (it would stay in the shell's history and show in the process
list): ``--password-stdin`` reads one line from standard input (its line ending dropped), and
without it a terminal is asked twice, without echo. No command ever prints a password.
"""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from revhyper.cli import output
from revhyper.cli.output import safe
from revhyper.domain.errors import InvalidInputError

if TYPE_CHECKING:
    from revhyper.adapters.db.accounts import StoredUser

console = output.console()

user_app = typer.Typer(help="Accounts of the server: add, list, set a password, disable.")

UsernameArgument = Annotated[str, typer.Argument(help="The account's name.")]
PasswordStdinOption = Annotated[
    bool,
    typer.Option(
        "--password-stdin",
        help="Read the password from standard input (one line) instead of asking for it.",
    ),
]


def stdin_is_terminal() -> bool:
    """Whether standard input is a terminal a person types at (so a prompt can be shown)."""
    return sys.stdin.isatty()


def read_password(from_stdin: bool) -> str:
    """The new password: one line of standard input, or typed twice at a terminal.

    Raises:
        InvalidInputError: no ``--password-stdin`` and standard input is not a terminal.
    """
    if from_stdin:
        line = sys.stdin.readline()
        return line.removesuffix("\n").removesuffix("\r")
    if not stdin_is_terminal():
        raise InvalidInputError(
            "no terminal to ask the password at: pipe it in with --password-stdin"
        )
    password: str = typer.prompt("Password", hide_input=True, confirmation_prompt=True, err=True)
    return password


@user_app.command("add")
def add(
    username: UsernameArgument,
    role: Annotated[str, typer.Option(help="athlete, coach or admin.")] = "athlete",
    password_stdin: PasswordStdinOption = False,
) -> None:
    """Create an account (the first admin account takes over athletes that have no owner)."""
    from revhyper.services import accounts
    from revhyper.services.database import unit_of_work

    accounts.check_username(username)
    accounts.check_role(role)
    password = read_password(password_stdin)
    user = accounts.add_user(unit_of_work(), username, role, password)
    console.print(f"Added {user.role} account [bold]{safe(user.username)}[/] (id {user.id}).")


@user_app.command("list")
def list_(
    as_json: Annotated[bool, typer.Option("--json", help="Print the accounts as JSON.")] = False,
) -> None:
    """List the accounts: name, role, whether disabled, when created (UTC)."""
    from revhyper.services import accounts
    from revhyper.services.database import unit_of_work

    stored = accounts.list_users(unit_of_work())
    if as_json:
        typer.echo(json.dumps([user_document(u) for u in stored], indent=2))
        return
    if not stored:
        console.print("No accounts yet: add one with `revhyper user add NAME --role admin`.")
        return
    table = Table("Name", "Role", "Disabled", "Created (UTC)")
    for user in stored:
        table.add_row(
            safe(user.username),
            user.role,
            "yes" if user.disabled else "no",
            user.created_at.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)


def user_document(user: StoredUser) -> dict[str, object]:
    """An account as ``user list --json`` prints it."""
    return {
        "id": user.id,
        "username": user.username,
        "role": user.role,
        "disabled": user.disabled,
        "created_at": user.created_at.isoformat() + "+00:00",
    }


@user_app.command("set-password")
def set_password(username: UsernameArgument, password_stdin: PasswordStdinOption = False) -> None:
    """Give an account a new password; its tokens and browser sessions stop working."""
    from revhyper.services import accounts
    from revhyper.services.database import unit_of_work

    uow = unit_of_work()
    accounts.get_user(uow, username)
    user = accounts.set_password(uow, username, read_password(password_stdin))
    console.print(
        f"New password for [bold]{safe(user.username)}[/]; its tokens and sessions are revoked."
    )


@user_app.command("disable")
def disable(username: UsernameArgument) -> None:
    """Disable an account: it cannot sign in, and its tokens stop working at once."""
    from revhyper.services import accounts
    from revhyper.services.database import unit_of_work

    user = accounts.set_disabled(unit_of_work(), username, True)
    console.print(f"Disabled [bold]{safe(user.username)}[/]; its tokens are revoked.")


@user_app.command("enable")
def enable(username: UsernameArgument) -> None:
    """Enable a disabled account again (it signs in anew: old tokens stay revoked)."""
    from revhyper.services import accounts
    from revhyper.services.database import unit_of_work

    user = accounts.set_disabled(unit_of_work(), username, False)
    console.print(f"Enabled [bold]{safe(user.username)}[/].")


def register(app: typer.Typer) -> None:
    """Add this module's commands to the root app."""
    app.add_typer(
        user_app, name="user", help="Accounts of the server: add, list, set-password, disable."
    )
