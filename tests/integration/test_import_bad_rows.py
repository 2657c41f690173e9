"""Imports refuse a file with bad rows as a whole (every bad row named), or skip them on request;
warm-up sets are stored as warm-ups. On SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.importers.csv_tables import BadRowsError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.analytics import RecordKind, personal_records, weekly_volume
from revhyper.domain.training.log import SetKind
from revhyper.services import athletes, history, imports

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.mark.parametrize(
    ("name", "app", "bad_lines", "fragment"),
    [
        ("strong_short_row.csv", "strong", [3], "11 values where the header has 12"),
        ("strong_unclosed_quote.csv", "strong", [3], "quote in this row is unbalanced"),
        ("strong_truncated.csv", "strong", [4], "the file looks cut off"),
        ("hevy_missing_reps.csv", "hevy", [3], "reps is empty"),
    ],
)
def test_a_file_with_a_bad_row_stores_nothing_and_names_the_row(
    uow: UnitOfWork, profile: Profile, name: str, app: str, bad_lines: list[int], fragment: str
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    with pytest.raises(BadRowsError) as caught:
        imports.import_workouts(uow, DATA / name, app, "Alex")
    assert [p.line for p in caught.value.problems] == bad_lines
    assert fragment in str(caught.value) and f"line {bad_lines[0]}: " in str(caught.value)
    assert history.sets_for(uow, "Alex") == []


@pytest.mark.parametrize(
    ("name", "app", "stored_lines"),
    [
        ("strong_short_row.csv", "strong", 2),
        ("strong_unclosed_quote.csv", "strong", 2),
        ("strong_truncated.csv", "strong", 2),
        ("hevy_missing_reps.csv", "hevy", 1),
    ],
)
def test_skipping_bad_rows_stores_the_good_ones_and_reports_the_skipped(
    uow: UnitOfWork, profile: Profile, name: str, app: str, stored_lines: int
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    report = imports.import_workouts(uow, DATA / name, app, "Alex", skip_bad_rows=True)
    assert report.sets_added == stored_lines == len(history.sets_for(uow, "Alex"))
    assert len(report.skipped_rows) == 1


def test_an_empty_reps_cell_of_another_exercise_is_not_an_error(
    uow: UnitOfWork, profile: Profile
) -> None:
    # The treadmill row (line 4) has no reps; it is not a reverse hyper, so it is only counted.
    athletes.add_athlete(uow, "Alex", profile)
    report = imports.import_workouts(
        uow, DATA / "hevy_missing_reps.csv", "hevy", "Alex", skip_bad_rows=True
    )
    assert [p.line for p in report.skipped_rows] == [3]
    assert report.unknown_exercises == {"Cardio Treadmill": 1}


def test_every_bad_row_of_a_file_is_listed_in_file_order(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    text = (
        (DATA / "strong_export.csv")
        .read_text()
        .replace('"Single Leg Reverse Hyper","1","5"', '"Single Leg Reverse Hyper","1","5000"')
        .replace('"Reverse Hyper (Machine)","1","20","12"', '"Reverse Hyper (Machine)","1","20",""')
    )
    path = tmp_path / "two_bad.csv"
    path.write_text(text + '"2025-03-06 12:00:00","Upper","40m","Reverse Hyper","1"\n')
    with pytest.raises(BadRowsError) as caught:
        imports.import_workouts(uow, path, "strong", "Alex")
    assert [str(p) for p in caught.value.problems] == [
        "line 4: Reps is empty: a machine-reverse-hyper set needs its repetitions (0–100)",
        "line 10: load 5000 is out of range: allowed 0–500 kg",
        "line 12: 5 values where the header has 12 (missing Weight, Reps, Distance, Seconds, "
        "Notes, Workout Notes, RPE): is a value or a delimiter missing?",
    ]
    assert history.sets_for(uow, "Alex") == []


def test_a_timed_hold_without_a_rep_count_is_one_hold(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    text = (
        (DATA / "strong_export.csv")
        .read_text()
        .replace(
            '"Reverse Hyper Hold (Bench)","1","0","1","0","30"',
            '"Reverse Hyper Hold (Bench)","1","0","","0","30"',
        )
    )
    path = tmp_path / "hold.csv"
    path.write_text(text)
    imports.import_workouts(uow, path, "strong", "Alex")
    holds = [s.record for s in history.sets_for(uow, "Alex") if s.record.hold_s]
    assert [(h.reps, h.hold_s) for h in holds] == [(1, 30)]


def test_hevy_warm_ups_are_stored_as_warm_ups_and_count_in_no_analytics(
    uow: UnitOfWork, profile: Profile
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    report = imports.import_workouts(uow, DATA / "hevy_export.csv", "hevy", "Alex")
    assert report.warmup_sets_added == 1
    kinds = [s.record.kind for s in history.sets_for(uow, "Alex")]
    assert kinds == [SetKind.WARMUP, SetKind.WORKING, SetKind.WORKING, SetKind.WORKING]
    with uow:
        sessions = uow.sessions.find(uow.athletes.get("Alex").id)
    # Working sets: 25 kg x 12 twice and the banded set (0 kg x 20); the 0 kg x 15 warm-up is out.
    (week,) = weekly_volume(sessions)
    assert (week.sets, week.reps, week.volume_load_kg) == (3, 44, 600)
    bests, _ = personal_records(sessions)
    assert [b[RecordKind.MOST_REPS].value for b in bests.values()] == [12, 20]


def test_strong_warm_up_letter_is_stored_as_a_warm_up(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    text = (
        (DATA / "strong_export.csv")
        .read_text()
        .replace('"Reverse Hyper (Machine)","1","20"', '"Reverse Hyper (Machine)","W","20"')
    )
    path = tmp_path / "strong_w.csv"
    path.write_text(text)
    imports.import_workouts(uow, path, "strong", "Alex")
    first = history.sets_for(uow, "Alex")[0].record
    assert first.kind is SetKind.WARMUP and first.notes == ""
