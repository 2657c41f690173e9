"""One session per athlete and day: later sessions of a day join it, nothing is lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SessionRecord, SessionStatus, SetRecord, joined_session
from revhyper.domain.vocabulary import VariationId
from revhyper.services import athletes, backup, corrections, history, imports, training

DAY = date(2026, 11, 20)
MACHINE = VariationId.MACHINE_REVERSE_HYPER


def _set(reps: int) -> SetRecord:
    return SetRecord(variation=MACHINE, reps=reps, load_kg=20.0)


def test_a_whole_session_logged_on_a_day_with_sets_joins_that_days_session(
    uow: UnitOfWork, profile: Profile
) -> None:
    with uow:
        uow.athletes.add("Alex", profile)
        uow.commit()
    first, _ = training.log_set(uow, "Alex", _set(10), day=DAY)
    joined = training.log_session(
        uow, "Alex", DAY, [_set(11), _set(12)], pain_after=2, notes="evening"
    )
    assert joined.id == first.id
    assert [(s.position, s.reps) for s in joined.sets] == [(1, 10), (2, 11), (3, 12)]
    assert joined.pain_after == 2 and joined.notes == "evening"
    with uow:
        assert len(uow.sessions.find(joined.athlete_id)) == 1


def test_starting_a_guided_session_on_a_finished_day_reopens_that_days_session(
    uow: UnitOfWork, profile: Profile
) -> None:
    with uow:
        uow.athletes.add("Alex", profile)
        uow.commit()
    logged, _ = training.log_set(uow, "Alex", _set(10), day=DAY)
    started = training.start_or_resume_today(uow, "Alex", today=DAY, pain_before=2)
    assert started.resumed and started.session.id == logged.id
    assert started.session.pain_before == 2
    assert started.session.status is SessionStatus.IN_PROGRESS
    assert [s.reps for s in started.session.sets] == [10]


def test_joining_keeps_the_first_pain_before_and_the_more_done_status() -> None:
    kept = SessionRecord(1, DAY, SessionStatus.IN_PROGRESS, pain_before=1, sets=(_set(5),))
    extra = SessionRecord(1, DAY, SessionStatus.PERFORMED, pain_before=4, pain_after=3)
    joined = joined_session(kept, extra)
    assert joined.status is SessionStatus.PERFORMED
    assert (joined.pain_before, joined.pain_after) == (1, 3)
    assert joined_session(extra, kept).status is SessionStatus.PERFORMED


def test_sessions_of_different_days_are_not_joined() -> None:
    with pytest.raises(InvalidInputError, match="only sessions of one athlete and day"):
        joined_session(SessionRecord(1, DAY), SessionRecord(1, date(2026, 11, 21)))


STRONG_HEADER = (
    '"Date","Workout Name","Duration","Exercise Name","Set Order","Weight","Reps",'
    '"Distance","Seconds","Notes","Workout Notes","RPE"\n'
)


def _strong_row(start: str, name: str, reps: int) -> str:
    return (
        f'"{start}","{name}","30m","Reverse Hyper (Machine)","1","20","{reps}","0","0","","",""\n'
    )


def test_two_imported_workouts_of_one_day_join_one_session_and_import_once(
    uow: UnitOfWork, profile: Profile, tmp_path: Path
) -> None:
    export = tmp_path / "strong.csv"
    export.write_text(
        STRONG_HEADER
        + _strong_row("2025-03-01 07:30:00", "Morning", 10)
        + _strong_row("2025-03-01 18:00:00", "Evening", 12)
    )
    athletes.add_athlete(uow, "Alex", profile)
    first = imports.import_workouts(uow, export, "strong", "Alex")
    again = imports.import_workouts(uow, export, "strong", "Alex")
    assert (first.sessions_added, first.sets_added) == (2, 2)
    assert (again.sessions_added, again.workouts_already_imported) == (0, 2)
    [session] = history.sessions_for(uow, "Alex")
    assert [s.reps for s in session.sets] == [10, 12]
    assert "[strong 2025-03-01 07:30]" in session.notes
    assert "[strong 2025-03-01 18:00]" in session.notes


def test_restoring_a_backup_onto_a_day_with_a_session_adds_its_sets_once(
    uow: UnitOfWork, profile: Profile
) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    training.log_set(uow, "Alex", _set(10), day=DAY)
    document = backup.export_backup(uow, "Alex")
    corrections.delete_athlete(uow, "Alex")
    athletes.add_athlete(uow, "Alex", profile)
    training.log_set(uow, "Alex", _set(7), day=DAY)
    backup.import_backup(uow, document)
    again = backup.import_backup(uow, document)
    assert again.sets == 0 and again.skipped_existing >= 1
    [session] = history.sessions_for(uow, "Alex")
    assert [s.reps for s in session.sets] == [7, 10]
