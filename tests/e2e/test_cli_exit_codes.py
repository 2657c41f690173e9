"""One exit-code table (cli/app.py), checked for every command that reads or writes a file.

A missing input file is "not found" (4); an output path that cannot be written is bad input
(2). The README's table is the one generated from the code.
"""

from __future__ import annotations

from pathlib import Path

import click
import pytest
import typer
from typer.testing import CliRunner

from revhyper.cli.app import EXIT_CODE_TABLE, app, exit_code_markdown

runner = CliRunner()
README = Path(__file__).resolve().parents[2] / "README.md"

MECHANICS = ("--body-mass", "80", "--height", "1.8")

#: (command words, the path option or None for an argument, other arguments, file name).
INPUTS: list[tuple[tuple[str, ...], str | None, tuple[str, ...], str]] = [
    (("plan",), "--profile", (), "missing.toml"),
    (("analyze",), None, (), "missing.kp.json"),
    (("mechanics",), "--analysis", MECHANICS, "missing.json"),
    (("import",), None, ("--athlete", "Alex"), "missing.csv"),
    (("athlete", "add"), "--profile", ("Bo",), "missing.json"),
    (("athlete", "update"), "--profile", ("Alex",), "missing.toml"),
    (("log", "set"), "--analysis-file",
     ("--athlete", "Alex", "--variation", "floor-reverse-hyper", "--reps", "10"), "missing.json"),
    (("log", "session"), "--file", ("--athlete", "Alex"), "missing.csv"),
]  # fmt: skip

#: (command words, the path option or None for an argument, other arguments, file name,
#: what the message says). The analysis outputs that need a video input are refused for a
#: keypoint input first (their missing directory: tests/e2e/test_cli_analyze_video.py).
OUTPUTS: list[tuple[tuple[str, ...], str | None, tuple[str, ...], str, str]] = [
    (("export",), "--output", (), "x.json", "does not exist"),
    (("athlete", "delete"), "--export", ("Alex", "--yes"), "x.json", "does not exist"),
    (("synth",), None, (), "x.kp.json", "does not exist"),
    (("synth",), "--truth", ("{tmp}/ok.kp.json",), "truth.json", "does not exist"),
    (("progress",), "--plot", ("--athlete", "Alex"), "p.png", "does not exist"),
    (("mechanics",), "--plot", MECHANICS, "m.png", "does not exist"),
    (("analyze",), "--plot", ("{clip}",), "a.png", "does not exist"),
    (("analyze",), "--keypoints-out", ("{clip}",), "k.kp.json", "need a video input"),
    (("analyze",), "--report", ("{clip}",), "r.html", "need a video input"),
    (("analyze",), "--annotate", ("{clip}",), "v.mp4", "need a video input"),
]


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


def _path_parameters() -> set[tuple[tuple[str, ...], str | None]]:
    def walk(command: click.Command, words: tuple[str, ...]):  # type: ignore[no-untyped-def]
        if isinstance(command, click.Group):
            context = click.Context(command)  # lists the commands loaded on first use too
            for name in command.list_commands(context):
                sub = command.get_command(context, name)
                assert sub is not None, name
                yield from walk(sub, (*words, name))
            return
        for param in command.params:
            if isinstance(param.type, click.Path):
                yield words, (param.opts[0] if isinstance(param, click.Option) else None)

    return set(walk(typer.main.get_command(app), ()))


def test_every_path_parameter_of_every_command_is_checked_here() -> None:
    covered = {(words, option) for words, option, *_ in INPUTS + OUTPUTS}  # type: ignore[misc]
    assert _path_parameters() == covered


@pytest.fixture()
def alex() -> None:
    code, output = invoke(
        "athlete", "add", "Alex", "--goal", "strength", "--level", "new", "--equipment", "floor"
    )
    assert code == 0, output


@pytest.fixture()
def clip(tmp_path: Path) -> Path:
    path = tmp_path / "clip.kp.json"
    code, output = invoke("synth", str(path), "--reps", "3", "--seed", "1")
    assert code == 0, output
    return path


@pytest.mark.usefixtures("alex")
@pytest.mark.parametrize(
    ("words", "option", "others", "name"),
    INPUTS,
    ids=[" ".join(w) + f" {o}" for w, o, _, _ in INPUTS],
)
def test_a_missing_input_file_exits_4_naming_it(
    tmp_path: Path, words: tuple[str, ...], option: str | None, others: tuple[str, ...], name: str
) -> None:
    missing = tmp_path / name
    path_args = (option, str(missing)) if option else (str(missing),)
    code, output = invoke(*words, *path_args, *others)
    assert code == 4, output
    assert name in output and "Traceback" not in output


@pytest.mark.usefixtures("alex")
@pytest.mark.parametrize(
    ("words", "option", "others", "name", "says"),
    OUTPUTS,
    ids=[" ".join(w) + f" {o}" for w, o, _, _, _ in OUTPUTS],
)
def test_an_output_in_a_missing_directory_exits_2_and_writes_nothing(
    tmp_path: Path,
    clip: Path,
    words: tuple[str, ...],
    option: str | None,
    others: tuple[str, ...],
    name: str,
    says: str,
) -> None:
    target = tmp_path / "no-such-dir" / name
    path_args = (option, str(target)) if option else (str(target),)
    filled = tuple(o.format(tmp=tmp_path, clip=clip) for o in others)
    before = sorted(tmp_path.iterdir())
    code, output = invoke(*words, *filled, *path_args)
    assert code == 2, output
    assert says in output
    assert "no-such-dir" in output or says != "does not exist"
    assert ".tmp" not in output
    assert sorted(tmp_path.iterdir()) == before


def test_the_readme_exit_code_table_is_the_one_in_the_code() -> None:
    section = README.read_text(encoding="utf-8").split("### Exit codes", 1)[1].split("\n### ")[0]
    assert exit_code_markdown() in section


def test_each_code_in_the_table_has_one_meaning() -> None:
    meanings = [row.code for row in EXIT_CODE_TABLE if row.meaning]
    assert meanings == sorted(set(meanings))


def _break_athlete_list(monkeypatch: pytest.MonkeyPatch) -> None:
    from revhyper.services import athletes

    def broken(*_: object) -> None:
        raise KeyError("a [bold]bug[/]")

    monkeypatch.setattr(athletes, "list_athletes", broken)


def test_an_unexpected_error_is_one_line_and_exit_70_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _break_athlete_list(monkeypatch)
    result = runner.invoke(app, ["athlete", "list"])
    assert result.exit_code == 70
    assert "unexpected KeyError: 'a [bold]bug[/]'" in " ".join(result.output.split())
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_revhyper_debug_lets_an_unexpected_error_through_with_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from revhyper.settings import get_settings

    _break_athlete_list(monkeypatch)
    monkeypatch.setenv("REVHYPER_DEBUG", "1")
    get_settings.cache_clear()
    try:
        result = runner.invoke(app, ["athlete", "list"])
    finally:
        monkeypatch.delenv("REVHYPER_DEBUG")
        get_settings.cache_clear()
    assert isinstance(result.exception, KeyError)
