"""Whatever text a person types comes back as typed: never read as markup, never a crash.

Control characters, line separators and bidirectional overrides are shown escaped
(``revhyper.cli.output.visible``); everything else (markup, emoji codes, right-to-left
script, very long text) must come back verbatim.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import click
import pytest
import typer
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from revhyper.cli.app import app
from revhyper.cli.output import visible
from revhyper.services.athletes import MAX_NAME_CHARS

runner = CliRunner()

#: Wide enough that no line of these tests wraps: verbatim means verbatim.
WIDE_COLUMNS = "3000"

#: Fragments people (or attackers) type: Rich markup, emoji codes, escapes, right-to-left.
FRAGMENTS = (
    "[/]",
    "[bold red]",
    "[link=https://example.org]x[/link]",
    ":thumbs_up:",
    "\\",
    "[",
    "]",
    "\x1b[31m",
    "\x07",
    "\n",
    "\t",
    "\u2028",
    "\u202e",
    "שלום",
    "مرحبا",
    "Ann",
    " ",
)

user_text = st.one_of(
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=12).map("".join),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        min_size=1,
        max_size=150,
    ),
)

_unique = itertools.count()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def shown_name(name: str) -> str:
    """The name as stored (spaces collapsed) and shown (control characters escaped)."""
    return visible(" ".join(name.split()))


@pytest.fixture()
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", WIDE_COLUMNS)


@pytest.mark.usefixtures("wide")
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=user_text)
@example(text="Ann [/]")
@example(text="[bold red]x[/]")
@example(text=":thumbs_up: y")
@example(text="\x1b[2Jwiped")
@example(text="אבי [/] عمر")
@example(text="x" * (MAX_NAME_CHARS + 1))
def test_an_athlete_name_comes_back_as_typed_in_every_command(text: str) -> None:
    name = f"t{next(_unique)} {text}"
    code, output = run(
        "athlete", "add", name, "--goal", "strength", "--level", "new", "--equipment", "floor"
    )
    if len(" ".join(name.split())) > MAX_NAME_CHARS:
        assert code == 2 and f"allowed up to {MAX_NAME_CHARS}" in output
        return
    assert code == 0, output
    assert f"Added athlete {shown_name(name)} (id" in output
    code, output = run("athlete", "list")
    assert code == 0 and shown_name(name) in output, output
    name = " ".join(name.split())  # as stored
    code, output = run("athlete", "show", name)
    assert code == 0 and f"Athlete {shown_name(name)}" in output, output
    code, output = run(
        "log", "set", "--athlete", name, "--variation", "floor-reverse-hyper", "--reps", "12"
    )
    assert code == 0, output
    code, output = run(
        "log",
        "session",
        "--athlete",
        name,
        "--date",
        "yesterday",
        "--set",
        "variation=floor-reverse-hyper,reps=10",
    )
    assert code == 0 and f"for {shown_name(name)} on" in output, output
    code, output = run("progress", "--athlete", name)
    assert code == 0 and f"{shown_name(name)}: 2 session(s)" in output, output
    missing = " ".join(f"{name[: MAX_NAME_CHARS - 8]} missing".split())
    code, output = run("athlete", "show", missing)
    assert code == 4 and f"no athlete named {visible(repr(missing))}" in output, output


@pytest.mark.usefixtures("wide")
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(notes=user_text, band=user_text)
@example(notes="pain [/] left side", band="[red]")
@example(notes="x" * 1999 + "]", band="\u202eder")
def test_set_notes_and_band_come_back_as_typed_in_history(notes: str, band: str) -> None:
    name = f"n{next(_unique)}"
    code, output = run(
        "athlete", "add", name, "--goal", "strength", "--level", "new", "--equipment", "floor"
    )
    assert code == 0, output
    code, output = run(
        "log",
        "set",
        "--athlete",
        name,
        "--variation",
        "floor-reverse-hyper",
        "--reps",
        "12",
        "--notes",
        notes,
        "--band",
        band,
    )
    assert code == 0, output
    code, output = run("history", "--athlete", name)
    assert code == 0, output
    assert visible(notes.strip()) in output
    assert visible(band.strip()) in output


@pytest.mark.usefixtures("wide")
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=user_text)
@example(text="[bold]sled[/]")
def test_a_variation_that_is_not_in_the_catalogue_is_quoted_in_the_error(text: str) -> None:
    name = f"v{next(_unique)}"
    run("athlete", "add", name, "--goal", "strength", "--level", "new", "--equipment", "floor")
    code, output = run("log", "set", "--athlete", name, "--variation", text, "--reps", "12")
    if text.strip().lower() in ("floor-reverse-hyper",):
        return
    assert code == 2
    assert visible(f"unknown variation {text!r}") in output


file_name = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00/"),
    min_size=1,
    max_size=60,
).filter(lambda n: n not in (".", ".."))


@pytest.mark.usefixtures("wide")
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(stem=file_name)
@example(stem="[bold]backup[red]")
@example(stem=":fire:\x1b[0m")
def test_file_paths_come_back_as_typed_in_messages(stem: str, tmp_path: Path) -> None:
    target = tmp_path / f"{next(_unique)}{stem}.json"
    code, output = run("export", "--output", str(target))
    assert code == 0, output
    assert f"Wrote json export to {visible(target)}" in output
    missing = tmp_path / f"missing{next(_unique)}{stem}.csv"
    code, output = run("import", str(missing), "--athlete", "x")
    assert code != 0 and "Traceback" not in output
    assert visible(missing) in output or visible(missing.name) in output


def test_help_shows_units_in_brackets() -> None:
    code, output = run("log", "set", "--help")
    assert code == 0
    assert "[kg or lb, up to 500 kg]" in output and "Isometric hold done [s]." in output


def _leaf_commands() -> list[tuple[tuple[str, ...], click.Command]]:
    def walk(command: click.Command, words: tuple[str, ...]):  # type: ignore[no-untyped-def]
        if isinstance(command, click.Group):
            context = click.Context(command)  # lists the commands loaded on first use too
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None, name
                yield from walk(sub, (*words, name))
        else:
            yield words, command

    return list(walk(typer.main.get_command(app), ()))


@pytest.mark.parametrize(
    ("words", "command"),
    _leaf_commands(),
    ids=lambda v: " ".join(v) if isinstance(v, tuple) else "",
)
def test_every_help_text_with_brackets_is_shown_whole(
    words: tuple[str, ...], command: click.Command, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    code, output = run(*words, "--help")
    assert code == 0, output
    shown = " ".join(output.split())
    helps = [getattr(p, "help", None) or "" for p in command.params]
    for text in [*helps, command.help or ""]:
        if "[" in text:
            assert " ".join(text.split()) in shown


exercise_name = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters='"'),
    min_size=1,
    max_size=80,
).filter(lambda n: n.strip() == n and n.strip())


@pytest.mark.usefixtures("wide")
@settings(max_examples=5, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=exercise_name)
@example(name="[bold]Squat[/] :fire:")
def test_an_imported_exercise_name_comes_back_as_typed(name: str, tmp_path: Path) -> None:
    athlete = f"i{next(_unique)}"
    run("athlete", "add", athlete, "--goal", "strength", "--level", "new", "--equipment", "floor")
    export = tmp_path / f"strong{next(_unique)}.csv"
    export.write_text(
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
        f'"2025-03-01 07:30:00","W","52m","{name}","1","100","5","0","0","","",""\n',
        encoding="utf-8",
    )
    code, output = run("import", str(export), "--format", "strong", "--athlete", athlete)
    assert code == 0, output
    assert f"  {visible(name)}: 1 set" in output
