"""The guided-session use cases and the history totals, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.programming.athlete import KnownSet, Profile
from revhyper.domain.training.log import SessionStatus, SetRecord
from revhyper.domain.training.session_flow import SetEntry
from revhyper.domain.vocabulary import Equipment, Goal, Level
from revhyper.services import athletes, guided_session, history, programs, training

DAY = date(2026, 11, 2)


class CountingUnitOfWork(UnitOfWork):
    """A unit of work that counts how often a transaction is opened on it."""

    opened = 0

    def __enter__(self) -> UnitOfWork:
        type(self).opened += 1
        return super().__enter__()


def _athlete_with_plan(uow: UnitOfWork, name: str = "alex") -> None:
    profile = Profile(
        level=Level.INTERMEDIATE,
        equipment=frozenset({Equipment.MACHINE}),
        goal=Goal.HYPERTROPHY,
        known_set=KnownSet(40.0, 10, 8.0),
    )
    athletes.add_athlete(uow, name, profile)
    programs.create_program(uow, name, weeks=2, days_per_week=2, start=DAY)


def test_starting_a_session_is_one_transaction_and_stores_it_in_progress(
    uow: UnitOfWork,
) -> None:
    _athlete_with_plan(uow)
    counting = CountingUnitOfWork(uow.engine)
    CountingUnitOfWork.opened = 0
    start = guided_session.start_guided_session(counting, None, DAY)
    assert CountingUnitOfWork.opened == 1
    assert (start.athlete, start.resumed, start.needs_pain_before) == ("alex", False, True)
    assert (start.planned.week, start.planned.day) == (1, 1)
    assert start.pending == start.plan.steps and start.plan.steps
    stored = training.get_session(uow, start.session_id)
    assert stored.status is SessionStatus.IN_PROGRESS
    assert (stored.plan_week, stored.plan_day) == (1, 1)


def test_a_second_start_the_same_day_resumes_without_asking_pain_again(uow: UnitOfWork) -> None:
    _athlete_with_plan(uow)
    first = guided_session.start_guided_session(uow, "alex", DAY)
    guided_session.record_pain_before(uow, first.session_id, 2)
    step = first.pending[0]
    guided_session.record_guided_set(uow, first.session_id, step, SetEntry(12, 35.0, 7.0, 0))
    again = guided_session.start_guided_session(uow, "alex", DAY)
    assert again.resumed and again.session_id == first.session_id
    assert not again.needs_pain_before
    assert again.session.pain_before == 2
    assert len(again.pending) == len(first.pending) - 1


def test_a_session_killed_at_the_pain_question_asks_it_again_on_resume(uow: UnitOfWork) -> None:
    _athlete_with_plan(uow)
    guided_session.start_guided_session(uow, "alex", DAY)
    again = guided_session.start_guided_session(uow, "alex", DAY)
    assert again.resumed and again.needs_pain_before


def test_a_pain_answer_outside_zero_to_ten_is_refused_and_nothing_changes(
    uow: UnitOfWork,
) -> None:
    _athlete_with_plan(uow)
    start = guided_session.start_guided_session(uow, "alex", DAY)
    with pytest.raises(InvalidInputError, match="pain before"):
        guided_session.record_pain_before(uow, start.session_id, 11)
    assert training.get_session(uow, start.session_id).pain_before is None


def test_an_athlete_without_a_plan_gets_no_session(uow: UnitOfWork) -> None:
    athletes.add_athlete(
        uow,
        "sam",
        Profile(level=Level.NOVICE, equipment=frozenset({Equipment.FLOOR}), goal=Goal.ENDURANCE),
    )
    with pytest.raises(NotFoundError, match="no stored plan"):
        guided_session.start_guided_session(uow, "sam", DAY)
    with uow:
        assert uow.sessions.in_range() == []


def test_without_a_name_several_athletes_must_be_told_apart(uow: UnitOfWork) -> None:
    _athlete_with_plan(uow, "alex")
    _athlete_with_plan(uow, "bo")
    with pytest.raises(InvalidInputError, match=r"several athletes are stored \(alex, bo\)"):
        guided_session.start_guided_session(uow, None, DAY)


@pytest.mark.parametrize(("pain", "stops"), [(0, False), (3, False), (4, True), (5, True)])
def test_pain_during_a_set_stops_the_exercise_from_four(
    uow: UnitOfWork, pain: int, stops: bool
) -> None:
    _athlete_with_plan(uow)
    start = guided_session.start_guided_session(uow, "alex", DAY)
    entry = SetEntry(12, 35.0, 7.0, pain)
    result = guided_session.record_guided_set(uow, start.session_id, start.pending[0], entry)
    assert result.stop_exercise is stops
    assert result.pain_threshold == 4
    assert (result.stored.position, result.stored.pain) == (1, pain)


def test_finishing_stores_pain_after_and_previews_the_next_planned_session(
    uow: UnitOfWork,
) -> None:
    _athlete_with_plan(uow)
    start = guided_session.start_guided_session(uow, "alex", DAY)
    entry = SetEntry(12, 35.0, 7.0, 0)
    guided_session.record_guided_set(uow, start.session_id, start.pending[0], entry)
    finish = guided_session.finish_guided_session(uow, "alex", start.session_id, 1)
    assert finish.session.status is SessionStatus.PERFORMED
    assert finish.session.pain_after == 1
    assert finish.next_time  # week 1 day 2 has main blocks
    assert guided_session.start_guided_session(uow, "alex", date(2026, 11, 4)).planned.day == 2


def test_history_totals_volume_sessions_and_athletes(uow: UnitOfWork) -> None:
    _athlete_with_plan(uow, "alex")
    _athlete_with_plan(uow, "bo")
    machine = "machine-reverse-hyper"
    training.log_session(uow, "alex", DAY, [SetRecord(machine, 10, 40.0), SetRecord(machine, 8)])
    training.log_session(uow, "alex", date(2026, 11, 4), [SetRecord(machine, 12, 42.5)])
    training.log_session(uow, "bo", DAY, [SetRecord(machine, 5, 20.0)])

    alex = history.set_history(uow, "alex")
    assert (alex.volume_load_kg, alex.session_count, alex.athlete_count) == (910.0, 2, 1)
    everyone = history.set_history(uow)
    assert (everyone.volume_load_kg, everyone.session_count, everyone.athlete_count) == (
        1010.0,
        3,
        2,
    )
    sessions = history.session_history(uow, since=DAY, until=DAY)
    assert sorted(sessions.athlete_names.values()) == ["alex", "bo"]
    assert [sessions.athlete_names[s.athlete_id] for s in sessions.sessions] == ["alex", "bo"]


def test_history_of_nothing_totals_zero(uow: UnitOfWork) -> None:
    _athlete_with_plan(uow)
    empty = history.set_history(uow, "alex")
    assert (empty.sets, empty.volume_load_kg, empty.session_count) == ([], 0, 0)
