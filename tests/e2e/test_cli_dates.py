"""Every date option refuses year 1 and empty text with exit code 2, storing nothing."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app

runner = CliRunner()

ADD = ("athlete", "add", "Alex", "--goal", "strength", "--level", "new", "--equipment", "floor")
LOG_SET = ("log", "set", "--athlete", "Alex", "--variation", "floor-reverse-hyper", "--reps", "10")


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


@pytest.mark.parametrize("bad", ["0001-01-01", "", "9999-12-31"])
@pytest.mark.parametrize(
    "command",
    [
        (*LOG_SET, "--date"),
        (
            "log",
            "session",
            "--athlete",
            "Alex",
            "--set",
            "variation=floor-reverse-hyper,reps=9",
            "--date",
        ),
        ("athlete", "weigh", "Alex", "80", "--date"),
        ("athlete", "plan", "Alex", "--start"),
        ("history", "--since"),
        ("history", "--until"),
        ("plan", "--goal", "strength", "--level", "new", "--equipment", "floor", "--start"),
    ],
    ids=lambda c: " ".join(c[:2]) if isinstance(c, tuple) else c,
)
def test_a_date_outside_1900_to_next_year_or_empty_is_refused(
    command: tuple[str, ...], bad: str
) -> None:
    assert run(*ADD)[0] == 0
    code, output = run(*command, bad)
    assert code == 2, output
    assert f"'{bad}'" in output and ("out of range" in output or "is not a date" in output)
    code, output = run("history")
    assert code == 0 and "No sets match" in output


def test_the_earliest_allowed_date_is_logged() -> None:
    assert run(*ADD)[0] == 0
    code, output = run(*LOG_SET, "--date", "1900-01-01")
    assert code == 0 and "(1900-01-01)" in output, output
