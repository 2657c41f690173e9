"""The ``revhyper`` command starts fast: heavy libraries load only for the commands that use them.

Each check runs in a fresh interpreter, since this test process has long imported everything.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app

#: Libraries that each cost a noticeable fraction of a second to import.
HEAVY_MODULES = (
    "scipy.signal",
    "scipy.optimize",
    "matplotlib",
    "sqlalchemy",
    "alembic",
    "av",
    "cv2",
    "mediapipe",
)

#: Every command and command group ``revhyper --help`` lists.
COMMANDS = (
    "demo",
    "exercises",
    "explain",
    "plan",
    "e1rm",
    "plates",
    "rpe",
    "working-load",
    "analyze",
    "synth",
    "mechanics",
    "session",
    "history",
    "progress",
    "export",
    "import",
    "db",
    "athlete",
    "log",
    "user",
    "worker",
    "serve",
)

runner = CliRunner()


def _heavy_modules_loaded_after(code: str) -> list[str]:
    """Run ``code`` in a fresh interpreter; the heavy modules it left in ``sys.modules``."""
    script = (
        "import json, sys\n"
        f"{code}\n"
        f"print(json.dumps([m for m in {HEAVY_MODULES!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def test_importing_the_cli_loads_no_heavy_library() -> None:
    assert _heavy_modules_loaded_after("import revhyper.cli.app") == []


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["exercises"],
        ["explain", "machine-reverse-hyper"],
        ["e1rm", "100", "5"],
        ["plan", "--help"],
        ["mechanics", "--help"],
        ["synth", "--help"],
        ["analyze", "--help"],
    ],
    ids=" ".join,
)
def test_help_and_light_commands_load_no_heavy_library(args: list[str]) -> None:
    # The output goes to a pipe: only what was imported matters here.
    code = (
        "import contextlib, io\n"
        "from revhyper.cli.app import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    app({args!r}, standalone_mode=False)"
    )
    assert _heavy_modules_loaded_after(code) == []


def test_a_database_command_loads_the_database_libraries_when_it_runs() -> None:
    # The temporary database of the autouse fixture reaches the child through its environment.
    code = (
        "import contextlib, io\n"
        "from revhyper.cli.app import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    app(['db', 'current'], standalone_mode=False)"
    )
    assert _heavy_modules_loaded_after(code) == ["sqlalchemy"]


#: What a database command on an up-to-date database must not import: Alembic (only to
#: migrate), the numeric and plotting stacks (only for plans, mechanics and analysis), the video
#: stack, pydantic (the settings are read without it) and the PostgreSQL driver (SQLite here).
NOT_FOR_DATABASE_COMMANDS = (
    "alembic",
    "numpy",
    "scipy",
    "matplotlib",
    "pydantic",
    "pydantic_settings",
    "psycopg",
    "av",
    "cv2",
    "mediapipe",
)


def _modules_loaded_by_command(args: list[str], names: tuple[str, ...]) -> list[str]:
    """Run the CLI with ``args`` in a fresh interpreter; which of ``names`` it imported."""
    code = (
        "import contextlib, io, json, sys\n"
        "from revhyper.cli.app import app\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    app({args!r}, standalone_mode=False)\n"
        f"print(json.dumps([m for m in {names!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


def _athlete_on_a_current_database() -> None:
    result = runner.invoke(
        app,
        ["athlete", "add", "Alex", "--goal", "hypertrophy", "--level", "intermediate",
         "--equipment", "machine", "--body-mass", "82"],
    )  # fmt: skip
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["log", "set", "--athlete", "Alex", "--variation", "machine-reverse-hyper", "--reps", "10"],
        ["history"],
        ["athlete", "list"],
        ["athlete", "show", "Alex"],
        ["db", "current"],
    ],
    ids=" ".join,
)
def test_a_database_command_on_a_current_schema_loads_only_sqlalchemy(args: list[str]) -> None:
    _athlete_on_a_current_database()
    names = ("sqlalchemy", *NOT_FOR_DATABASE_COMMANDS)
    assert _modules_loaded_by_command(args, names) == ["sqlalchemy"]


@pytest.mark.parametrize("args", [["exercises"], ["e1rm", "100", "5"]], ids=" ".join)
def test_the_light_commands_load_no_database_or_numeric_library(args: list[str]) -> None:
    names = ("sqlalchemy", *NOT_FOR_DATABASE_COMMANDS)
    assert _modules_loaded_by_command(args, names) == []


def test_a_database_behind_the_packaged_schema_is_still_migrated(temporary_database: str) -> None:
    from revhyper.adapters.db import current_revision, head_revision, open_engine, upgrade

    engine = open_engine(temporary_database)
    upgrade(engine, "0001")
    engine.dispose()
    assert _modules_loaded_by_command(["athlete", "list"], ("alembic",)) == ["alembic"]
    engine = open_engine(temporary_database)
    assert current_revision(engine) == head_revision() != "0001"
    engine.dispose()


def _listed_commands(help_text: str) -> set[str]:
    """The names in the Commands section of a plain-text help."""
    section = help_text.split("Commands:", 1)[1]
    return {line.split()[0] for line in section.splitlines() if line.startswith("  ")}


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    listed = _listed_commands(result.output)
    assert set(COMMANDS) <= listed


@pytest.mark.parametrize(
    ("group", "subcommands"),
    [
        ("athlete", ("add", "update", "list", "show", "plan", "weigh")),
        ("log", ("set", "session")),
        ("db", ("upgrade", "current")),
    ],
)
def test_group_help_lists_its_subcommands(group: str, subcommands: tuple[str, ...]) -> None:
    result = runner.invoke(app, [group, "--help"], env={"COLUMNS": "160"})
    assert result.exit_code == 0, result.output
    listed = _listed_commands(result.output)
    assert set(subcommands) <= listed


def test_a_database_command_still_maps_a_missing_athlete_to_exit_code_4() -> None:
    result = runner.invoke(app, ["athlete", "show", "Nobody"])
    assert result.exit_code == 4, result.output
    assert "error:" in result.output


def test_each_command_is_mapped_to_the_module_that_registers_it() -> None:
    from revhyper.cli.app import COMMAND_MODULES, commands_of

    for module in sorted(set(COMMAND_MODULES.values())):
        mapped = {name for name, owner in COMMAND_MODULES.items() if owner == module}
        assert set(commands_of(module)) == mapped, module
    assert list(COMMAND_MODULES) == list(COMMANDS)
