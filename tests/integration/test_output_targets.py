"""Output files go only to an absent path or an ordinary file: never over a FIFO, link or device."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.adapters.files import atomic_open, check_output_path
from revhyper.cli.app import app
from revhyper.domain.errors import InvalidInputError
from revhyper.services.synth import MAX_SEED

runner = CliRunner()


def test_an_absent_path_and_an_ordinary_file_are_accepted(tmp_path: Path) -> None:
    check_output_path(tmp_path / "new.json")
    existing = tmp_path / "old.json"
    existing.write_text("old")
    with atomic_open(existing, "w") as out:
        out.write("new")
    assert existing.read_text() == "new"


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: os.mkfifo(p), "a named pipe (FIFO)"),
        (lambda p: p.symlink_to(p.parent / "elsewhere.json"), "a symbolic link"),
        (lambda p: p.mkdir(), "a directory"),
    ],
    ids=["fifo", "symlink", "directory"],
)
def test_a_target_that_is_not_a_regular_file_is_refused_and_left_alone(
    tmp_path: Path, make: object, kind: str
) -> None:
    target = tmp_path / "out.json"
    make(target)  # type: ignore[operator]
    before = os.lstat(target)
    refused = re.escape(f"output '{target}' is {kind}")
    with pytest.raises(InvalidInputError, match=refused), atomic_open(target, "w") as out:
        out.write("x")
    after = os.lstat(target)
    assert (after.st_mode, after.st_ino) == (before.st_mode, before.st_ino)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_device_file_is_refused() -> None:
    with pytest.raises(InvalidInputError, match="'/dev/null' is a character device"):
        check_output_path(Path("/dev/null"))


def test_a_missing_directory_is_named_not_a_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "out.json"
    with pytest.raises(InvalidInputError) as caught, atomic_open(target, "w") as out:
        out.write("x")
    assert str(caught.value) == f"output '{target}': directory '{target.parent}' does not exist"


def test_export_onto_a_fifo_exits_2_and_writes_nothing(tmp_path: Path) -> None:
    fifo = tmp_path / "backup.json"
    os.mkfifo(fifo)
    result = runner.invoke(app, ["export", "--output", str(fifo)])
    assert result.exit_code == 2, result.output
    assert "is a named pipe (FIFO)" in result.output
    assert [p.name for p in tmp_path.iterdir()] == ["backup.json"]


@pytest.mark.parametrize(
    ("seed", "message"),
    [
        (-1, "--seed -1 is not allowed: use a whole number from 0 to"),
        (-5, "--seed -5 is not allowed"),
        (MAX_SEED + 1, f"'{MAX_SEED + 1}' is not allowed: give a whole number"),
    ],
)
def test_a_seed_outside_0_to_max_is_refused_with_exit_2(
    tmp_path: Path, seed: int, message: str
) -> None:
    result = runner.invoke(app, ["synth", str(tmp_path / "c.kp.json"), "--seed", str(seed)])
    assert result.exit_code == 2, result.output
    assert message in " ".join(result.output.split())
    assert list(tmp_path.iterdir()) == []


def test_the_largest_seed_makes_a_clip(tmp_path: Path) -> None:
    out = tmp_path / "c.kp.json"
    result = runner.invoke(app, ["synth", str(out), "--seed", str(MAX_SEED), "--reps", "2"])
    assert result.exit_code == 0, result.output
    assert out.is_file()


def test_a_300_digit_seed_is_shown_shortened() -> None:
    result = runner.invoke(app, ["synth", "c.kp.json", "--seed", "9" * 300])
    assert result.exit_code == 2
    assert "'999999999999…' (300 characters) is not allowed" in result.output
    assert "9" * 40 not in result.output.replace(str(MAX_SEED), "")


def test_the_synth_service_shortens_a_huge_seed_in_its_message(tmp_path: Path) -> None:
    from revhyper.services.synth import SynthRequest, generate_synthetic_clip

    with pytest.raises(InvalidInputError) as caught:
        generate_synthetic_clip(SynthRequest(out=tmp_path / "c.kp.json", seed=-(10**300)))
    assert str(caught.value).startswith("--seed -10000000000… (301 digits) is not allowed")
