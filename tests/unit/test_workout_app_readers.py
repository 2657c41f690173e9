"""Strong and Hevy CSV readers: layouts, timestamps, units and missing columns."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from revhyper.adapters.importers.workout_apps import (
    KG_PER_LB,
    parse_timestamp,
    read_hevy,
    read_strong,
)
from revhyper.domain.errors import InvalidInputError

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-01 07:30:00",
        "2025-03-01 7:30:00 AM",
        "2025-03-01 7:30:00\u202fAM",
        "1 Mar 2025, 07:30",
        "2025-03-01T07:30:00",
    ],
)
def test_timestamps_of_both_apps_are_read(text: str) -> None:
    assert parse_timestamp(text, "here") == datetime(2025, 3, 1, 7, 30)


def test_unreadable_timestamp_names_the_text() -> None:
    with pytest.raises(InvalidInputError, match="here: date 'last Tuesday'"):
        parse_timestamp("last Tuesday", "here")


def test_strong_rows_group_into_workouts_and_skip_rest_timers() -> None:
    workouts = read_strong(DATA / "strong_export.csv").workouts
    assert [w.name for w in workouts] == ["Posterior chain", "Home", "Upper"]
    first = workouts[0]
    assert first.started_at == datetime(2025, 3, 1, 7, 30)
    assert first.notes == "Felt good"
    assert [s.exercise for s in first.sets].count("Reverse Hyper (Machine)") == 3
    assert first.sets[3].weight_kg == 22.5 and first.sets[3].rpe == 7.5


def test_strong_weights_in_pounds_are_converted() -> None:
    in_kg = read_strong(DATA / "strong_export.csv", weight_unit="lbs").workouts
    assert in_kg[0].sets[2].weight_kg == pytest.approx(20 * KG_PER_LB, abs=1e-3)
    old = read_strong(DATA / "strong_export_semicolon.csv").workouts
    assert old[0].sets[0].weight_kg == pytest.approx(45 * KG_PER_LB, abs=1e-3)


def test_hevy_in_pounds_is_converted(tmp_path: Path) -> None:
    text = (DATA / "hevy_export.csv").read_text().replace("weight_kg", "weight_lbs")
    path = tmp_path / "hevy_lbs.csv"
    path.write_text(text)
    sets = read_hevy(path).workouts[0].sets
    assert sets[2].weight_kg == pytest.approx(25 * KG_PER_LB, abs=1e-3)
    assert sets[1].kind == "warmup" and sets[2].order == 2


def test_hevy_without_a_weight_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "hevy.csv"
    path.write_text('"title","start_time","exercise_title","set_index","reps"\n')
    with pytest.raises(InvalidInputError, match=r"missing column\(s\) weight_kg \(or weight_lbs\)"):
        read_hevy(path)


def test_empty_file_and_non_numbers_are_clear_errors(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(InvalidInputError, match="is empty"):
        read_strong(empty)
    text = (
        (DATA / "strong_export.csv")
        .read_text()
        .replace('"12","0","0","","Felt good","7"', '"twelve","0","0","","Felt good","7"')
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(text)
    export = read_strong(bad)
    assert [str(p) for p in export.problems] == ["line 4: Reps 'twelve' is not a number"]
    assert export.problems[0].exercise == "Reverse Hyper (Machine)"
    assert sum(len(w.sets) for w in export.workouts) == 8


def test_strong_warm_up_letters_are_kept_as_warm_up_sets(tmp_path: Path) -> None:
    text = (
        (DATA / "strong_export.csv")
        .read_text()
        .replace('"Reverse Hyper (Machine)","1","20"', '"Reverse Hyper (Machine)","W","20"')
    )
    path = tmp_path / "strong_w.csv"
    path.write_text(text)
    sets = [
        s for s in read_strong(path).workouts[0].sets if s.exercise == "Reverse Hyper (Machine)"
    ]
    assert [s.kind for s in sets] == ["warmup", "normal", "normal"]
    text = text.replace('"Reverse Hyper (Machine)","W"', '"Reverse Hyper (Machine)","X"')
    path.write_text(text)
    assert [str(p) for p in read_strong(path).problems] == ["line 4: Set Order 'X' is not a number"]
