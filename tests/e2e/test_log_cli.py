"""Log commands end to end: temporary database, real output, exit codes, nothing half-stored."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.adapters.db import head_revision
from revhyper.cli.app import app
from revhyper.services import history
from revhyper.services.database import dispose_engines, unit_of_work
from revhyper.settings import get_settings

DATA = Path(__file__).resolve().parents[1] / "data"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    """Exit code and output with whitespace runs (Rich's line wrapping) made single spaces."""
    result = runner.invoke(app, list(args))
    return result.exit_code, " ".join(result.output.split())


def add_alex() -> None:
    code, output = run(
        "athlete",
        "add",
        "Alex",
        "--goal",
        "hypertrophy",
        "--level",
        "intermediate",
        "--equipment",
        "machine",
        "--equipment",
        "floor",
        "--body-mass",
        "82",
    )
    assert code == 0, output


def stored_sets() -> int:
    return len(history.sets_for(unit_of_work()))


def test_db_upgrade_then_current_reports_the_newest_revision(temporary_database: str) -> None:
    code, output = run("db", "current")
    assert code == 0 and "no schema yet" in output
    newest = head_revision()
    code, output = run("db", "upgrade")
    assert code == 0 and f"upgraded from empty to revision {newest}" in output
    code, output = run("db", "current")
    assert code == 0 and f"revision {newest} (newest)" in output


def test_athlete_add_list_show_and_duplicate() -> None:
    add_alex()
    code, output = run("athlete", "list")
    assert code == 0 and "Alex" in output and "hypertrophy" in output
    code, output = run("athlete", "show", "Alex")
    assert code == 0 and "82 kg" in output
    code, output = run(
        "athlete", "add", "Alex", "--goal", "strength", "--level", "new", "--equipment", "floor"
    )
    assert code == 2 and "already exists" in output
    code, output = run("athlete", "show", "Bo")
    assert code == 4 and "no athlete named 'Bo'" in output


def test_athlete_add_reads_a_profile_file(tmp_path: Path) -> None:
    profile = tmp_path / "bo.toml"
    profile.write_text('goal = "endurance"\nlevel = "new"\nequipment = ["floor"]\n')
    code, output = run("athlete", "add", "Bo", "--profile", str(profile))
    assert code == 0, output
    code, output = run("athlete", "show", "Bo")
    assert "endurance" in output and "floor" in output


def test_athlete_plan_stores_program_and_refusal_stores_nothing() -> None:
    add_alex()
    code, output = run("athlete", "plan", "Alex", "--weeks", "2", "--days-per-week", "3")
    assert code == 0 and "2 weeks × 3 days (6 sessions)" in output
    assert output.count("Week 1") == 1 and output.count("Week 2") == 1
    assert output.count("Day 3 — ") == 2  # the third session of each week, with its date
    assert "machine-reverse-hyper" in output and "45–90 s" in output  # hypertrophy blocks
    run(
        "athlete",
        "add",
        "Sam",
        "--goal",
        "strength",
        "--level",
        "novice",
        "--equipment",
        "bench",
        "--pain",
        "4",
    )
    code, output = run("athlete", "plan", "Sam")
    assert code == 3 and "clearance" in output
    with unit_of_work() as uow:
        assert uow.programs.active_for(uow.athletes.get("Sam").id) is None
    code, output = run("athlete", "plan", "Alex", "--weeks", "200")
    assert code == 2 and "weeks 200 is out of range" in output


def test_log_set_is_stored_and_shown_in_history() -> None:
    add_alex()
    code, output = run(
        "log",
        "set",
        "--athlete",
        "Alex",
        "--variation",
        "machine-reverse-hyper",
        "--reps",
        "12",
        "--load",
        "20",
        "--rpe",
        "7",
        "--pain",
        "1",
        "--date",
        "2025-03-01",
    )
    assert code == 0 and "Logged set 1 of session 1 (2025-03-01)" in output
    code, output = run("history", "--athlete", "Alex")
    assert code == 0
    assert "2025-03-01" in output and "machine-reverse-hyper" in output and "RPE 7" in output
    assert "1 set in 1 session, volume load 240 kg" in output


TOMORROW = (date.today() + timedelta(days=1)).isoformat()


@pytest.mark.parametrize(
    ("extra", "code", "message"),
    [
        (["--reps", "-1"], 2, "reps -1 is out of range: allowed 0–100"),
        (["--reps", "500"], 2, "reps 500 is out of range"),
        (["--load", "5000"], 2, "load 5000 is out of range: allowed 0–500 kg"),
        (["--load", "-5"], 2, "load -5 is out of range"),
        (["--rpe", "11"], 2, "RPE 11 is out of range: allowed 1–10"),
        (["--rpe", "0"], 2, "RPE 0 is out of range"),
        (["--pain", "11"], 2, "pain 11 is out of range: allowed 0–10"),
        (["--date", TOMORROW], 2, "is in the future"),
        (["--date", "someday"], 2, "is not a date"),
        (["--variation", "deadlift"], 2, "unknown variation 'deadlift'"),
        (["--athlete", "Nobody"], 4, "no athlete named 'Nobody'"),
        (["--analysis", "42"], 4, "no form analysis with id 42"),
    ],
)
def test_bad_set_is_refused_and_database_unchanged(
    extra: list[str], code: int, message: str
) -> None:
    add_alex()
    run("log", "set", "--athlete", "Alex", "--variation", "bench-reverse-hyper", "--reps", "15")
    base = {"--athlete": "Alex", "--variation": "machine-reverse-hyper", "--reps": "10"}
    options = dict(base)
    for key, value in zip(extra[::2], extra[1::2], strict=True):
        options[key] = value
    args = [item for pair in options.items() for item in pair]
    exit_code, output = run("log", "set", *args)
    assert exit_code == code
    assert message in " ".join(output.split())
    assert "Traceback" not in output
    assert stored_sets() == 1


def test_log_session_from_options_and_file(tmp_path: Path) -> None:
    add_alex()
    code, output = run(
        "log",
        "session",
        "--athlete",
        "Alex",
        "--date",
        "2025-03-03",
        "--variation",
        "bench-reverse-hyper",
        "--set",
        "reps=15,rpe=6",
        "--set",
        "reps=14,load=5,rpe=7,pain=2",
        "--pain-before",
        "1",
        "--pain-after",
        "1",
    )
    assert code == 0 and "2 sets, volume load 70 kg" in output
    sets_file = tmp_path / "sets.csv"
    sets_file.write_text(
        "variation,reps,load_kg,rpe,pain,notes\n"
        "machine-reverse-hyper,12,20,7,0,easy\n"
        "machine-reverse-hyper,10,25,8.5,1,\n"
    )
    code, output = run(
        "log", "session", "--athlete", "Alex", "--date", "2025-03-05", "--file", str(sets_file)
    )
    assert code == 0 and "2 sets, volume load 490 kg" in output
    assert stored_sets() == 4


def test_log_session_with_one_bad_set_stores_nothing(tmp_path: Path) -> None:
    add_alex()
    code, output = run(
        "log",
        "session",
        "--athlete",
        "Alex",
        "--variation",
        "machine-reverse-hyper",
        "--set",
        "reps=10,load=20",
        "--set",
        "reps=10,load=20,rpe=15",
    )
    assert code == 2 and "--set 2: RPE 15 is out of range" in output
    no_reps = tmp_path / "no_reps.csv"
    no_reps.write_text("variation,load_kg\nmachine-reverse-hyper,20\n")
    code, output = run("log", "session", "--athlete", "Alex", "--file", str(no_reps))
    assert code == 2 and "missing column(s) reps" in " ".join(output.split())
    code, output = run(
        "log",
        "session",
        "--athlete",
        "Alex",
        "--set",
        "reps=10,weight=20",
        "--variation",
        "machine-reverse-hyper",
    )
    assert code == 2 and "unknown field 'weight'" in output
    assert stored_sets() == 0


def test_export_import_round_trip_through_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_alex()
    run(
        "log",
        "set",
        "--athlete",
        "Alex",
        "--variation",
        "tempo-reverse-hyper",
        "--reps",
        "8",
        "--load",
        "10",
        "--rir",
        "2",
        "--tempo",
        "3-1-3-0",
        "--band",
        "light",
        "--date",
        "2025-03-01",
    )
    run("athlete", "weigh", "Alex", "81.5", "--date", "2025-03-01")
    backup_file = tmp_path / "backup.json"
    code, output = run("export", "--format", "json", "--output", str(backup_file))
    assert code == 0, output
    exported = json.loads(backup_file.read_text())
    assert exported["format"] == "revhyper-backup/1"

    other = tmp_path / "other"
    monkeypatch.setenv("REVHYPER_DATA_DIR", str(other))
    monkeypatch.setenv("REVHYPER_DATABASE_URL", f"sqlite:///{other / 'revhyper.db'}")
    get_settings.cache_clear()
    dispose_engines()
    code, output = run("import", str(backup_file))
    assert code == 0 and "1 athletes added" in output and "1 sets" in output
    again = tmp_path / "again.json"
    run("export", "--output", str(again))
    restored = json.loads(again.read_text())
    exported.pop("exported_at")
    restored.pop("exported_at")
    assert restored == exported


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"format": "revhyper-backup/1", "athletes": [', "invalid JSON at line 1"),
        ('["not", "an", "object"]', "expected a JSON object"),
        ('{"format": "other/9"}', "not a revhyper backup"),
        (
            '{"format": "revhyper-backup/1", "athletes": [{"name": "Zed"}]}',
            "missing field 'profile'",
        ),
    ],
)
def test_corrupt_backup_is_refused_and_database_unchanged(
    tmp_path: Path, content: str, message: str
) -> None:
    add_alex()
    corrupt = tmp_path / "corrupt.json"
    corrupt.write_text(content)
    code, output = run("import", str(corrupt))
    assert code == 2 and message in " ".join(output.split())
    code, output = run("athlete", "list")
    assert "Zed" not in output and "Alex" in output


def test_import_strong_and_hevy_report_unknown_exercises() -> None:
    add_alex()
    code, output = run("import", str(DATA / "strong_export.csv"), "--athlete", "Alex")
    text = " ".join(output.split())
    assert code == 0 and "Imported 5 reverse-hyper sets in 2 sessions" in text
    assert "Squat (Barbell): 2 sets" in text and "Back Extension: 1 set" in text
    code, output = run(
        "import", str(DATA / "hevy_export.csv"), "--format", "hevy", "--athlete", "Alex"
    )
    assert code == 0 and "Hip Thrust (Barbell): 1 set" in output
    assert stored_sets() == 9
    code, output = run("import", str(DATA / "hevy_export.csv"))
    assert code == 2 and "--athlete is required" in output


def test_export_csv_lists_sets(tmp_path: Path) -> None:
    add_alex()
    run(
        "log",
        "set",
        "--athlete",
        "Alex",
        "--variation",
        "machine-reverse-hyper",
        "--reps",
        "12",
        "--load",
        "20",
        "--date",
        "2025-03-01",
    )
    result = runner.invoke(app, ["export", "--format", "csv"])
    assert result.exit_code == 0
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("athlete,date,session_id,set,variation,reps,load_kg")
    assert lines[1].startswith("Alex,2025-03-01,1,1,machine-reverse-hyper,12,20")


def test_unreachable_database_is_a_clear_storage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(
        "REVHYPER_DATABASE_URL", "postgresql+psycopg://me:s3cret@127.0.0.1:1/revhyper"
    )
    get_settings.cache_clear()
    code, output = run("athlete", "list")
    assert code == 5
    assert "cannot reach the database at postgresql+psycopg://me:***@127.0.0.1:1/revhyper" in (
        " ".join(output.split())
    )
    assert "s3cret" not in output


def test_athlete_update_with_clearance_unlocks_a_plan() -> None:
    run(
        "athlete",
        "add",
        "Sam",
        "--goal",
        "strength",
        "--level",
        "novice",
        "--equipment",
        "bench",
        "--injury",
        "herniated-disc",
    )
    code, output = run("athlete", "plan", "Sam")
    assert code == 3
    code, output = run("athlete", "update", "Sam", "--clearance", "--body-mass", "70")
    assert code == 0 and "cleared; plans start conservatively" in output
    code, output = run("athlete", "plan", "Sam", "--weeks", "1")
    assert code == 0, output
    code, output = run("athlete", "update", "Sam", "--pain", "12")
    assert code == 2 and "pain 12" in output
    code, output = run("athlete", "show", "Sam")
    assert "70 kg" in output and "herniated-disc" in output


def test_set_logged_with_an_analysis_file_carries_its_faults(tmp_path: Path) -> None:
    add_alex()
    analysis = tmp_path / "analysis.json"
    analysis.write_text(
        json.dumps(
            {
                "format": "revhyper-analysis/1",
                "rep_count": 10,
                "reps": [],
                "faults": ["short_rom"],
                "quality": {"tracked_fraction": 0.97, "side": "left"},
            }
        )
    )
    code, output = run(
        "log",
        "set",
        "--athlete",
        "Alex",
        "--variation",
        "machine-reverse-hyper",
        "--reps",
        "10",
        "--load",
        "30",
        "--analysis-file",
        str(analysis),
    )
    assert code == 0 and "(analysis 1: short_rom)" in output
    code, output = run("history", "--athlete", "Alex")
    assert "short_rom" in output
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "revhyper-analysis/1", "faults": ["wobble"]}))
    code, output = run(
        "log",
        "set",
        "--athlete",
        "Alex",
        "--variation",
        "machine-reverse-hyper",
        "--reps",
        "10",
        "--analysis-file",
        str(bad),
    )
    assert code == 2 and "unknown form fault 'wobble'" in output
    assert stored_sets() == 1


def test_a_one_week_one_day_plan_is_summarised_in_the_singular() -> None:
    add_alex()
    code, output = run("athlete", "plan", "Alex", "--weeks", "1", "--days-per-week", "1")
    assert code == 0 and "1 week × 1 day (1 session)" in output, output
