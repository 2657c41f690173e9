"""Correcting the log: every change is one transaction and the analytics follow it."""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import corrections, history, training
from revhyper.services.body_mass import record_body_mass
from revhyper.services.programs import create_program
from revhyper.services.progress import progress_report

DAY = date(2026, 11, 20)
LATER = date(2026, 11, 23)


def _set(reps: int, load: float = 20.0) -> SetRecord:
    return SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=reps, load_kg=load)


@pytest.fixture
def alex(uow: UnitOfWork, profile: Profile) -> list[int]:
    """Alex with three sets on DAY and one on LATER; returns the set ids in logging order."""
    with uow:
        uow.athletes.add("Alex", profile)
        uow.commit()
    ids = []
    for reps, day in ((10, DAY), (11, DAY), (12, DAY), (13, LATER)):
        _, stored = training.log_set(uow, "Alex", _set(reps), day=day)
        assert stored.id is not None
        ids.append(stored.id)
    return ids


def _reps_by_day(uow: UnitOfWork) -> dict[date, list[tuple[int | None, int]]]:
    found: dict[date, list[tuple[int | None, int]]] = {}
    for logged in history.sets_for(uow, "Alex"):
        found.setdefault(logged.day, []).append((logged.record.position, logged.record.reps))
    return found


def test_editing_a_set_changes_only_the_given_values_and_progress_follows(
    uow: UnitOfWork, alex: list[int]
) -> None:
    before = progress_report(uow, "Alex", today=LATER).bests
    edited = corrections.edit_set(uow, alex[0], {"load_kg": 60.0, "rpe": 8.0})
    assert (edited.record.reps, edited.record.load_kg, edited.record.rpe) == (10, 60.0, 8.0)
    assert edited.record.position == 1 and edited.day == DAY
    after = progress_report(uow, "Alex", today=LATER).bests
    assert after != before
    assert _reps_by_day(uow)[DAY] == [(1, 10), (2, 11), (3, 12)]


def test_an_edit_with_a_value_out_of_range_stores_nothing(uow: UnitOfWork, alex: list[int]) -> None:
    with pytest.raises(InvalidInputError, match="reps 101 is out of range"):
        corrections.edit_set(uow, alex[0], {"reps": 101, "load_kg": 30.0})
    with pytest.raises(InvalidInputError, match="nothing to change"):
        corrections.edit_set(uow, alex[0], {})
    with pytest.raises(NotFoundError, match="no set with id 999"):
        corrections.edit_set(uow, 999, {"reps": 5})
    assert history.sets_for(uow, "Alex")[0].record.load_kg == 20.0


def test_deleting_a_set_closes_the_gap_in_its_session(uow: UnitOfWork, alex: list[int]) -> None:
    removal = corrections.delete_set(uow, alex[1])
    assert removal.removed.record.reps == 11 and not removal.session_deleted
    assert _reps_by_day(uow)[DAY] == [(1, 10), (2, 12)]
    # the next set logged that day takes the next place
    training.log_set(uow, "Alex", _set(14), day=DAY)
    assert _reps_by_day(uow)[DAY] == [(1, 10), (2, 12), (3, 14)]


def test_deleting_a_sessions_only_set_deletes_the_session(uow: UnitOfWork, alex: list[int]) -> None:
    removal = corrections.delete_set(uow, alex[3])
    assert removal.session_deleted
    assert [s.day for s in history.sessions_for(uow, "Alex")] == [DAY]


def test_undo_removes_the_set_entered_last_whatever_its_date(
    uow: UnitOfWork, alex: list[int]
) -> None:
    training.log_set(uow, "Alex", _set(9), day=DAY)  # entered last, on the earlier day
    removal = corrections.undo_last_set(uow, "Alex")
    assert (removal.removed.day, removal.removed.record.reps) == (DAY, 9)
    assert _reps_by_day(uow)[DAY] == [(1, 10), (2, 11), (3, 12)]
    for _ in range(4):
        corrections.undo_last_set(uow, "Alex")
    with pytest.raises(NotFoundError, match="Alex has no logged set to undo"):
        corrections.undo_last_set(uow, "Alex")
    assert history.sessions_for(uow, "Alex") == []


def test_deleting_a_session_deletes_its_sets_and_re_sorts_the_plan(
    uow: UnitOfWork, profile: Profile
) -> None:
    with uow:
        uow.athletes.add("Alex", profile)
        uow.commit()
    create_program(uow, "Alex", weeks=2, days_per_week=2, start=date(2026, 11, 2))
    first, _ = training.log_set(uow, "Alex", _set(10), day=DAY)
    second, _ = training.log_set(uow, "Alex", _set(10), day=LATER)
    assert (second.plan_week, second.plan_day) == (1, 2)
    assert first.id is not None
    deleted = corrections.delete_session(uow, first.id)
    assert len(deleted.sets) == 1
    [left] = history.sessions_for(uow, "Alex")
    assert (left.day, left.plan_week, left.plan_day) == (LATER, 1, 1)
    with pytest.raises(NotFoundError, match=f"no session with id {first.id}"):
        corrections.delete_session(uow, first.id)


def test_renaming_keeps_the_log_and_refuses_a_taken_name(
    uow: UnitOfWork, alex: list[int], profile: Profile
) -> None:
    with uow:
        uow.athletes.add("Bo", profile)
        uow.commit()
    with pytest.raises(InvalidInputError, match="another athlete has that name"):
        corrections.rename_athlete(uow, "Alex", "Bo")
    renamed = corrections.rename_athlete(uow, "Alex", "  Alexandra ")
    assert renamed.name == "Alexandra"
    assert len(history.sets_for(uow, "Alexandra")) == 4
    with pytest.raises(NotFoundError, match="no athlete named 'Alex'"):
        corrections.rename_athlete(uow, "Alex", "Al")


def test_deleting_an_athlete_removes_all_their_data_and_nothing_else(
    uow: UnitOfWork, alex: list[int], profile: Profile
) -> None:
    with uow:
        uow.athletes.add("Bo", profile)
        uow.commit()
    training.log_set(uow, "Bo", _set(8), day=DAY)
    create_program(uow, "Alex", weeks=1, days_per_week=2, start=DAY)
    record_body_mass(uow, "Alex", 82.0, DAY)
    removal = corrections.delete_athlete(uow, "Alex")
    assert (removal.programs, removal.sessions, removal.sets, removal.body_mass_values) == (
        1,
        2,
        4,
        1,
    )
    with uow:
        assert [a.name for a in uow.athletes.all()] == ["Bo"]
        assert uow.sessions.count_sets() == 1
        assert uow.programs.list_for(alex[0]) == []


def test_ids_that_are_not_whole_numbers_are_not_found() -> None:
    for text in ("abc", "-1", "0", "1.5", ""):
        with pytest.raises(NotFoundError, match="ids are whole numbers"):
            corrections.parse_id(text, "set")
    assert corrections.parse_id(" 12 ", "set") == 12
