"""``revhyper plan`` and ``revhyper demo`` through the real Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from revhyper.cli.app import app

runner = CliRunner()

BASE = ["plan", "--goal", "strength", "--level", "intermediate", "--equipment", "machine"]


def _run(args: list[str]) -> tuple[int, str, str]:
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    return result.exit_code, result.stdout, result.stderr


def test_plan_prints_weeks_days_and_blocks() -> None:
    code, out, err = _run([*BASE, "--weeks", "2", "--days-per-week", "2", "--start", "2026-11-23"])
    assert code == 0, err
    assert "Week 1" in out and "Week 2" in out
    assert "Day 2 — Thu 26 Nov 2026" in out
    assert "machine-reverse-hyper" in out
    assert "strength protocol (seed): 3–4 × 8–10" in out


def test_plan_json_follows_the_contract() -> None:
    code, out, err = _run([*BASE, "--weeks", "1", "--days-per-week", "3", "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["goal"] == "strength"
    assert len(data["weeks"][0]["sessions"]) == 3
    block = data["weeks"][0]["sessions"][0]["blocks"][0]
    assert block["role"] == "warmup"
    assert {"variation", "sets", "reps", "rest_s", "load", "tempo", "reason"} <= set(block)


def test_plan_with_known_set_and_measures_gives_kilograms() -> None:
    code, out, err = _run([*BASE, "--weeks", "1", "--known-set", "60x10@8", "--json"])
    assert code == 0, err
    loads = [b["load"] for b in json.loads(out)["weeks"][0]["sessions"][0]["blocks"]]
    assert any("about 60 kg, from your set of 60 kg × 10 @ RPE 8" in load for load in loads)


def test_plan_refuses_without_clearance_when_injured_and_prints_no_plan() -> None:
    code, out, err = _run([*BASE, "--injury", "herniated-disc", "--pain", "3"])
    assert code == 3
    assert "Week" not in out
    assert "herniated-disc" in err
    assert "current back pain 3/10" in err
    assert "--clearance" in err
    assert "Traceback" not in out + err


def test_plan_with_clearance_starts_conservatively_and_says_so() -> None:
    code, out, err = _run([*BASE, "--medical-care", "--clearance", "--weeks", "1"])
    assert code == 0, err
    assert "conservative start" in out.lower()
    assert "movement-integrity protocol" in out


def test_beginner_plan_starts_on_the_floor_with_the_criterion() -> None:
    code, out, err = _run(
        ["plan", "--goal", "hypertrophy", "--level", "new", "--equipment", "bench", "--json"]
    )
    assert code == 0, err
    data = json.loads(out)
    mains = [b for b in data["weeks"][0]["sessions"][0]["blocks"] if b["role"] == "main"]
    assert [b["variation"] for b in mains] == ["floor-hyperextension", "floor-reverse-hyper"]
    assert mains[0]["reps"] == [15, 20]
    assert any("15–20" in note for note in data["notes"])


def test_profile_file_is_used_and_options_override_it(tmp_path: Path) -> None:
    path = tmp_path / "me.toml"
    path.write_text(
        'goal = "endurance"\nlevel = "advanced"\nequipment = ["bands", "bench"]\nweeks = 2\n',
        encoding="utf-8",
    )
    code, out, err = _run(["plan", "--profile", str(path), "--goal", "hypertrophy", "--json"])
    assert code == 0, err
    data = json.loads(out)
    assert data["goal"] == "hypertrophy"
    assert len(data["weeks"]) == 2
    assert data["athlete"]["equipment"] == ["bands", "bench"]


def test_demo_screens_the_sample_athlete_and_prints_this_week() -> None:
    code, out, err = _run(["demo"])
    assert code == 0, err
    assert "Sam (sample athlete)" in out
    assert "Screening: passed" in out
    assert "Week 1" in out and "Week 2" not in out
    assert "Day 3" in out


def test_demo_stores_the_sample_athlete_once_and_a_program_per_run() -> None:
    from revhyper.services.database import unit_of_work

    for _ in range(2):
        code, out, err = _run(["demo"])
        assert code == 0, err
        assert "revhyper.db" in out
    with unit_of_work() as uow:
        names = [athlete.name for athlete in uow.athletes.all()]
        program = uow.programs.active_for(uow.athletes.get("Sam (sample athlete)").id)
    assert names == ["Sam (sample athlete)"]
    assert program is not None and program.id == 2
    assert program.plan["goal"] == "hypertrophy"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--goal", "power"], "unknown goal 'power'"),
        (["--level", "expert"], "unknown level 'expert'"),
        (["--equipment", "rowing-machine"], "unknown equipment 'rowing-machine'"),
        (["--injury", "knee"], "unknown injury 'knee'"),
        (["--weeks", "0"], "weeks 0 is out of range: allowed 1–52"),
        (["--weeks", "200"], "weeks 200 is out of range: allowed 1–52"),
        (["--days-per-week", "9"], "days per week 9 is out of range: allowed 1–6"),
        (["--body-mass", "0"], "body mass 0.0 kg is out of range: allowed 20–300 kg"),
        (["--pain", "11"], "pain 11 is out of range: allowed 0–10"),
        (["--height", "3"], "height 3.0 m is out of range: allowed 1–2.5 m"),
        (["--known-set", "lots"], "known set 'lots' is not LOADxREPS@RPE"),
        (["--start", "someday"], "start 'someday' is not a date"),
    ],
)
def test_bad_input_gives_one_clear_line_and_exit_2(args: list[str], named: str) -> None:
    code, out, err = _run([*BASE, *args])
    assert code == 2
    assert named in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err
    assert "Week" not in out


def test_missing_goal_is_bad_input() -> None:
    code, _, err = _run(["plan", "--level", "new", "--equipment", "floor"])
    assert code == 2
    assert "missing goal" in err


def test_malformed_profile_file_gives_one_clear_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('goal = "strength\n', encoding="utf-8")
    code, out, err = _run(["plan", "--profile", str(path)])
    assert code == 2
    assert "broken.toml" in err
    assert "not valid TOML" in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in out + err


def test_missing_profile_file_is_not_found(tmp_path: Path) -> None:
    code, _, err = _run(["plan", "--profile", str(tmp_path / "none.json")])
    assert code == 4
    assert "does not exist" in err
