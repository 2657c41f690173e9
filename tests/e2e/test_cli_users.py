"""``revhyper user ...`` end to end: a temporary database, real output, exit codes, and the
password read from standard input (or typed twice at a terminal), never printed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from revhyper.cli import users as user_commands
from revhyper.cli.app import app
from revhyper.services import accounts
from revhyper.services.accounts import AuthenticationError, TokenKind
from revhyper.services.database import unit_of_work
from revhyper.settings import get_settings

runner = CliRunner()
PASSWORD = "correct horse battery"


def run(*args: str, stdin: str | None = None) -> tuple[int, str]:
    """Exit code and everything printed (stdout and stderr), whitespace runs made one space."""
    result = runner.invoke(app, list(args), input=stdin)
    return result.exit_code, " ".join(result.output.split())


def signs_in(username: str, password: str) -> bool:
    """Whether these credentials open the account (from a fresh address each time)."""
    try:
        accounts.authenticate(unit_of_work(), username, password, "cli-test", get_settings())
    except AuthenticationError:
        return False
    return True


def usernames() -> list[str]:
    return [user.username for user in accounts.list_users(unit_of_work())]


def test_user_add_reads_one_line_of_stdin_as_the_password_and_never_prints_it() -> None:
    code, output = run(
        "user", "add", "alex", "--role", "coach", "--password-stdin", stdin=PASSWORD + "\n"
    )
    assert code == 0, output
    assert "alex" in output and "coach" in output
    assert PASSWORD not in output
    assert signs_in("alex", PASSWORD)
    assert not signs_in("alex", PASSWORD + "\n")


def test_only_the_line_ending_is_stripped_from_the_password() -> None:
    spaced = "  spaces kept inside and out  "
    code, output = run("user", "add", "alex", "--password-stdin", stdin=spaced + "\r\nignored\n")
    assert code == 0, output
    assert signs_in("alex", spaced)
    assert not signs_in("alex", spaced.strip())


def test_a_short_password_exits_2_naming_the_rule_and_stores_nothing() -> None:
    code, output = run("user", "add", "alex", "--password-stdin", stdin="nine char\n")
    assert code == 2
    assert "9 characters: at least 10 needed" in output
    assert "nine char" not in output
    assert usernames() == []


def test_a_taken_name_exits_2_and_keeps_the_first_account() -> None:
    run("user", "add", "alex", "--password-stdin", stdin=PASSWORD)
    code, output = run(
        "user", "add", "alex", "--role", "admin", "--password-stdin", stdin="another password"
    )
    assert code == 2
    assert "'alex' is taken" in output
    assert signs_in("alex", PASSWORD)
    assert [u.role for u in accounts.list_users(unit_of_work())] == ["athlete"]


def test_an_unknown_role_exits_2_listing_the_roles_before_reading_a_password() -> None:
    code, output = run("user", "add", "alex", "--role", "owner", "--password-stdin", stdin="")
    assert code == 2
    assert "role 'owner' is not known: allowed athlete, coach, admin" in output
    assert usernames() == []


def test_without_password_stdin_and_without_a_terminal_it_says_to_use_the_option() -> None:
    code, output = run("user", "add", "alex", stdin=PASSWORD + "\n")
    assert code == 2
    assert "--password-stdin" in output
    assert usernames() == []


def test_at_a_terminal_the_password_is_asked_twice_without_echo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(user_commands, "stdin_is_terminal", lambda: True)
    typed = f"{PASSWORD}\nnot the same at all\n{PASSWORD}\n{PASSWORD}\n"
    code, output = run("user", "add", "alex", stdin=typed)
    assert code == 0, output
    assert output.count("Password:") == 2
    assert output.count("Repeat for confirmation:") == 2
    assert "do not match" in output
    assert PASSWORD not in output and "not the same" not in output
    assert signs_in("alex", PASSWORD)


def test_user_list_shows_name_role_disabled_and_created_in_80_columns(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    run("user", "add", "alex", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    run("user", "add", "coach.bo", "--role", "coach", "--password-stdin", stdin=PASSWORD)
    run("user", "disable", "coach.bo")
    result = runner.invoke(app, ["user", "list"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert max(len(line) for line in lines) <= 80
    created = accounts.get_user(unit_of_work(), "alex").created_at.strftime("%Y-%m-%d %H:%M")
    alex = next(line for line in lines if "alex" in line).split("│")
    bo = next(line for line in lines if "coach.bo" in line).split("│")
    assert [cell.strip() for cell in alex[1:5]] == ["alex", "admin", "no", created]
    assert [cell.strip() for cell in bo[1:4]] == ["coach.bo", "coach", "yes"]


def test_user_list_json_is_the_accounts_and_nothing_else() -> None:
    run("user", "add", "alex", "--role", "admin", "--password-stdin", stdin=PASSWORD)
    run("user", "add", "coach.bo", "--role", "coach", "--password-stdin", stdin=PASSWORD)
    result = runner.invoke(app, ["user", "list", "--json"])
    assert result.exit_code == 0, result.output
    listed = json.loads(result.stdout)
    assert [(u["username"], u["role"], u["disabled"]) for u in listed] == [
        ("alex", "admin", False),
        ("coach.bo", "coach", False),
    ]
    assert all(u["created_at"].endswith("+00:00") for u in listed)
    assert PASSWORD not in result.output


def test_user_list_without_accounts_says_how_to_add_one() -> None:
    code, output = run("user", "list")
    assert code == 0
    assert "revhyper user add" in output


def test_disable_stops_the_accounts_tokens_and_sign_in_and_enable_restores_sign_in() -> None:
    run("user", "add", "alex", "--password-stdin", stdin=PASSWORD)
    alex = accounts.get_user(unit_of_work(), "alex")
    issued = accounts.issue_token(unit_of_work(), alex, TokenKind.PERSONAL, lifetime=None)
    code, output = run("user", "disable", "alex")
    assert code == 0, output
    with pytest.raises(AuthenticationError):
        accounts.resolve_token(unit_of_work(), issued.secret, frozenset({TokenKind.PERSONAL}))
    assert not signs_in("alex", PASSWORD)
    code, output = run("user", "enable", "alex")
    assert code == 0, output
    assert signs_in("alex", PASSWORD)
    with pytest.raises(AuthenticationError):
        accounts.resolve_token(unit_of_work(), issued.secret, frozenset({TokenKind.PERSONAL}))


def test_set_password_replaces_the_password_and_revokes_the_tokens() -> None:
    run("user", "add", "alex", "--password-stdin", stdin=PASSWORD)
    alex = accounts.get_user(unit_of_work(), "alex")
    issued = accounts.issue_token(unit_of_work(), alex, TokenKind.ACCESS, lifetime=None)
    code, output = run("user", "set-password", "alex", "--password-stdin", stdin="a new password\n")
    assert code == 0, output
    assert "a new password" not in output
    assert signs_in("alex", "a new password")
    assert not signs_in("alex", PASSWORD)
    with pytest.raises(AuthenticationError):
        accounts.resolve_token(unit_of_work(), issued.secret, frozenset({TokenKind.ACCESS}))


def test_set_password_of_an_unknown_account_exits_4_before_asking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(user_commands, "stdin_is_terminal", lambda: True)
    code, output = run("user", "set-password", "nobody", stdin=f"{PASSWORD}\n{PASSWORD}\n")
    assert code == 4
    assert "no user named 'nobody'" in output
    assert "Password:" not in output


def test_disable_of_an_unknown_account_exits_4() -> None:
    code, output = run("user", "disable", "nobody")
    assert code == 4
    assert "no user named 'nobody'" in output
