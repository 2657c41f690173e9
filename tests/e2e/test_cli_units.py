"""Pound athletes end to end: entry, storage in kg, display in lb, plates from their inventory."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app
from revhyper.domain.units import KG_PER_LB
from revhyper.services import history
from revhyper.services.database import unit_of_work

runner = CliRunner()
WIDE = {"COLUMNS": "160"}


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env=WIDE)
    assert "Traceback" not in result.output
    # Table borders out, whitespace runs (Rich's wrapping) as single spaces.
    return result.exit_code, " ".join(result.output.replace("│", " ").split())


def add_pat(*extra: str) -> None:
    code, out = run(
        "athlete",
        "add",
        "Pat",
        *("--goal", "hypertrophy", "--level", "intermediate", "--equipment", "machine"),
        *extra,
    )
    assert code == 0, out


def stored_loads_kg() -> list[float]:
    return [s.record.load_kg for s in history.sets_for(unit_of_work())]


def test_a_pound_athlete_logs_in_pounds_and_the_log_stores_kilograms() -> None:
    add_pat("--unit", "lb")
    code, out = run(
        "log",
        "set",
        *("--athlete", "Pat", "--variation", "machine-reverse-hyper"),
        *("--reps", "12", "--load", "90"),
    )
    assert code == 0 and "@ 90 lb" in out
    assert stored_loads_kg() == [pytest.approx(90 * KG_PER_LB)]
    code, out = run("history", "--athlete", "Pat")
    assert code == 0 and " lb " in f" {out} " and " 90 " in out and "40.8" not in out
    assert "volume load 1080 lb" in out


def test_a_load_naming_its_unit_overrides_the_athletes() -> None:
    add_pat("--unit", "lb")
    code, out = run(
        "log",
        "set",
        *("--athlete", "Pat", "--variation", "machine-reverse-hyper"),
        *("--reps", "10", "--load", "40kg"),
    )
    assert code == 0 and "@ 88.18 lb" in out
    assert stored_loads_kg() == [pytest.approx(40.0)]


def test_log_session_reads_set_loads_in_the_athletes_unit() -> None:
    add_pat("--unit", "lb")
    code, out = run(
        "log",
        "session",
        *("--athlete", "Pat", "--variation", "machine-reverse-hyper"),
        *("--set", "reps=10,load=100", "--set", "reps=10,load=45.36kg"),
    )
    assert code == 0, out
    assert stored_loads_kg() == [pytest.approx(100 * KG_PER_LB), pytest.approx(45.36)]


def test_a_kilogram_athlete_is_unchanged_by_default() -> None:
    add_pat()
    code, out = run(
        "log",
        "set",
        *("--athlete", "Pat", "--variation", "machine-reverse-hyper"),
        *("--reps", "12", "--load", "40"),
    )
    assert code == 0 and "@ 40 kg" in out
    assert stored_loads_kg() == [40.0]


def test_a_strong_file_in_pounds_shows_90_lb_for_a_pound_athlete(tmp_path: Path) -> None:
    add_pat("--unit", "lb")
    export = tmp_path / "strong.csv"
    export.write_text(
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
        '"2025-03-01 07:30:00","Back","40m","Reverse Hyper (Machine)","1","90","12",'
        '"0","0","","",""\n',
        encoding="utf-8",
    )
    code, out = run(
        "import", str(export), "--format", "strong", "--athlete", "Pat", "--weight-unit", "lbs"
    )
    assert code == 0, out
    code, out = run("history", "--athlete", "Pat")
    assert " 90 " in out and "40.823" not in out and "lb" in out


def test_the_plan_shows_a_pound_athlete_loads_in_pounds() -> None:
    add_pat("--unit", "lb", "--known-set", "130x10@8")
    code, out = run("athlete", "show", "Pat")
    assert code == 0 and "130 lb × 10 @ RPE 8" in out and "unit lb" in out
    code, out = run(
        "plan",
        *("--goal", "hypertrophy", "--level", "intermediate", "--equipment", "machine"),
        *("--unit", "lb", "--known-set", "130x10@8"),
    )
    assert code == 0
    assert "from your set of 130 lb × 10 @ RPE 8" in out
    assert " kg" not in out


def test_the_plate_inventory_is_stored_per_athlete_and_used_by_plates() -> None:
    add_pat("--unit", "lb", "--plates", "45x2,25x2,10x2,5x2,2.5x2")
    code, out = run("athlete", "show", "Pat")
    assert "45x2,25x2,10x2,5x2,2.5x2 lb" in out
    code, out = run("plates", "135", "--athlete", "Pat")
    assert code == 0 and "45 + 45 + 25 + 10 + 10 lb (5 plates)" in out
    code, out = run("plates", "300", "--athlete", "Pat")
    assert "Total: 175 lb" in out and "125 lb short" in out


def test_changing_the_unit_keeps_the_known_set_and_the_plates_as_they_were() -> None:
    add_pat("--known-set", "60x10@8", "--plates", "20x4,10x2")
    code, out = run("athlete", "update", "Pat", "--unit", "lb")
    assert code == 0, out
    code, out = run("athlete", "show", "Pat")
    assert "132.28 lb × 10 @ RPE 8" in out  # 60 kg, not 60 lb
    assert "20x4,10x2 kg" in out  # the plates are still kilogram plates


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--unit", "stone"), "unknown unit 'stone'"),
        (("--plates", "45x2,45x1"), "twice"),
        (("--unit", "lb", "--plates", "45xmany"), "SIZExCOPIES"),
    ],
)
def test_bad_unit_or_plates_are_refused_and_nothing_is_stored(
    args: tuple[str, ...], needle: str
) -> None:
    code, out = run(
        "athlete",
        "add",
        "Pat",
        *("--goal", "hypertrophy", "--level", "intermediate", "--equipment", "machine"),
        *args,
    )
    assert code == 2 and needle in out
    code, out = run("athlete", "list")
    assert "No athletes yet" in out


def test_progress_shows_a_pound_athlete_in_pounds() -> None:
    add_pat("--unit", "lb")
    run(
        "log",
        "set",
        *("--athlete", "Pat", "--variation", "machine-reverse-hyper"),
        *("--reps", "10", "--load", "100", "--rpe", "8"),
    )
    code, out = run("progress", "--athlete", "Pat")
    assert code == 0
    assert "100 lb × 10" in out and "e1RM [lb]" in out and "volume load [lb]" in out


def test_a_single_leg_set_is_logged_per_side() -> None:
    add_pat()
    base = ("log", "set", "--athlete", "Pat", "--variation", "single-leg-reverse-hyper")
    code, out = run(*base, "--reps", "10", "--load", "20")
    assert code == 2 and "logged per side" in out and "--side left" in out
    assert stored_loads_kg() == []
    code, out = run(*base, "--reps", "10", "--load", "20", "--side", "left")
    assert code == 0 and "(left leg)" in out
    code, out = run(*base, "--reps", "9", "--load", "20", "--side", "right")
    assert code == 0
    sides = [s.record.side for s in history.sets_for(unit_of_work())]
    assert [side.value if side else None for side in sides] == ["left", "right"]
    code, out = run("history", "--athlete", "Pat")
    assert "single-leg-reverse-hyper (left)" in out and "single-leg-reverse-hyper (right)" in out


def test_a_side_on_a_two_leg_set_is_refused() -> None:
    add_pat()
    code, out = run(
        "log",
        "set",
        *("--athlete", "Pat", "--variation", "machine-reverse-hyper"),
        *("--reps", "10", "--side", "left"),
    )
    assert code == 2 and "only for single-leg" in out
    assert stored_loads_kg() == []


def test_log_session_takes_a_side_per_single_leg_set() -> None:
    add_pat()
    code, out = run(
        "log",
        "session",
        *("--athlete", "Pat", "--variation", "single-leg-reverse-hyper"),
        *("--set", "reps=10,load=20,side=left", "--set", "reps=10,load=20"),
    )
    assert code == 2 and "--set 2" in out and "logged per side" in out
    assert stored_loads_kg() == []


def test_plates_gym_goes_back_to_a_full_gym_set() -> None:
    add_pat("--plates", "20x1")
    code, out = run("athlete", "update", "Pat", "--plates", "gym")
    assert code == 0, out
    code, out = run("athlete", "show", "Pat")
    assert "a full gym set (kg)" in out
    code, out = run("plates", "60", "--athlete", "Pat")
    assert "Total: 60 kg" in out


def test_a_strong_file_without_a_unit_column_is_read_in_the_athletes_unit(
    tmp_path: Path,
) -> None:
    add_pat("--unit", "lb")
    export = tmp_path / "strong.csv"
    export.write_text(
        '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
        '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
        '"2025-03-01 07:30:00","Back","40m","Reverse Hyper (Machine)","1","90","12",'
        '"0","0","","",""\n',
        encoding="utf-8",
    )
    code, out = run("import", str(export), "--format", "strong", "--athlete", "Pat")
    assert code == 0, out
    assert stored_loads_kg() == [pytest.approx(90 * KG_PER_LB)]
