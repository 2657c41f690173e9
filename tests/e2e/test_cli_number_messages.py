"""Bad numbers are refused quoting what was typed: '1e400', 'nan', never inf or 300 digits."""

from __future__ import annotations

import re

import click
import pytest
import typer
from typer.testing import CliRunner

from revhyper.cli.app import MAX_WHOLE_INPUT, app
from revhyper.domain.typed_numbers import MAX_TYPED_NUMBER

runner = CliRunner()

LONG = "9" * 300
#: A run of digits longer than any number a message should print.
TOO_MANY_DIGITS = re.compile(r"\d{21,}")

LOG_SET = ("log", "set", "--athlete", "Alex", "--variation", "machine-reverse-hyper")


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


@pytest.fixture(autouse=True)
def alex() -> None:
    code, output = invoke(
        "athlete", "add", "Alex", "--goal", "strength", "--level", "new", "--equipment", "machine"
    )
    assert code == 0, output


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (("plates", "1e400"), "'1e400'"),
        (("plates", "nan"), "'nan'"),
        (("plates", LONG), "'999999999999…' (300 characters)"),
        (("e1rm", "inf", "5"), "'inf'"),
        (("e1rm", "1e16", "5"), "'1e16'"),
        (("athlete", "weigh", "Alex", "1e400"), "'1e400'"),
        (("athlete", "weigh", "Alex", "NaN"), "'NaN'"),
        ((*LOG_SET, "--reps", "10", "--load", "nan"), "'nan'"),
        ((*LOG_SET, "--reps", LONG), "'999999999999…' (300 characters)"),
        ((*LOG_SET, "--reps", "10", "--analysis", "9223372036854775808"), "'9223372036854775808'"),
        (("plan", "--goal", "strength", "--weeks", LONG), "'999999999999…' (300 characters)"),
        (("synth", "x.kp.json", "--fps", "inf"), "'inf'"),
        (("mechanics", "--body-mass", "1e400", "--height", "1.8"), "'1e400'"),
        (("session", "--athlete", "Alex", "--rest-scale", "nan"), "'nan'"),
    ],
    ids=lambda v: " ".join(a[:12] for a in v[:3]) if isinstance(v, tuple) else "",
)
def test_an_impossible_number_is_refused_as_typed(args: tuple[str, ...], shown: str) -> None:
    code, output = invoke(*args)
    assert code == 2, output
    assert shown in output
    assert TOO_MANY_DIGITS.search(output.replace(str(MAX_WHOLE_INPUT), "")) is None
    assert "Traceback" not in output


def test_the_largest_allowed_numbers_reach_the_command() -> None:
    code, output = invoke(*LOG_SET, "--reps", "10", "--load", f"{MAX_TYPED_NUMBER:g}")
    assert code == 2 and "out of range: allowed 0–500 kg" in output
    code, output = invoke(*LOG_SET, "--reps", str(MAX_WHOLE_INPUT))
    assert code == 2 and "out of range: allowed 0–100" in output


@pytest.mark.parametrize(
    ("field", "shown"),
    [("reps=1e300", "reps '1e300'"), ("load=nan", "load 'nan'"), ("rpe=inf", "rpe 'inf'")],
)
def test_a_set_field_that_is_not_a_finite_number_is_quoted(field: str, shown: str) -> None:
    code, output = invoke(
        "log", "session", "--athlete", "Alex", "--variation", "machine-reverse-hyper",
        "--set", f"reps=10,{field}" if not field.startswith("reps") else field,
    )  # fmt: skip
    assert code == 2, output
    assert shown in output.lower()
    assert TOO_MANY_DIGITS.search(output) is None


def test_every_number_parameter_is_checked() -> None:
    def walk(command: click.Command):  # type: ignore[no-untyped-def]
        if isinstance(command, click.Group):
            for sub in command.commands.values():
                yield from walk(sub)
            return
        yield from command.params

    plain = [
        p.name
        for p in walk(typer.main.get_command(app))
        if type(p.type) in (click.types.FloatParamType, click.types.IntParamType)
    ]
    assert plain == []
