"""Stored programs drive today's session; logged sessions count against the plan."""

from __future__ import annotations

from datetime import date

import pytest

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import NotFoundError, ScreeningRefusalError
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SetRecord
from revhyper.services import athletes, programs, training

START = date(2025, 3, 3)


def test_program_is_stored_and_today_follows_the_plan(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    program = programs.create_program(uow, "Alex", weeks=1, days_per_week=2, start=START)
    assert (program.weeks, program.days_per_week, program.goal) == (1, 2, "hypertrophy")
    assert len(program.plan["weeks"][0]["sessions"]) == 2
    assert programs.active_program(uow, "Alex").id == program.id

    today = training.start_or_resume_today(uow, "Alex", today=START, pain_before=0)
    assert today.planned is not None
    assert (today.planned.week, today.planned.day) == (1, 1)
    roles = [block["role"] for block in today.planned.blocks]
    assert roles[0] == "warmup" and "main" in roles and roles[-1] == "cooldown"
    assert (today.session.plan_week, today.session.plan_day) == (1, 1)
    assert today.session.id is not None
    training.record_set(
        uow, today.session.id, SetRecord(variation="machine-reverse-hyper", reps=12)
    )
    training.finish_session(uow, today.session.id, pain_after=0)

    assert (programs.next_session(uow, "Alex").week, programs.next_session(uow, "Alex").day) == (
        1,
        2,
    )
    logged = training.log_session(
        uow, "Alex", date(2025, 3, 5), [SetRecord(variation="machine-reverse-hyper", reps=12)]
    )
    assert (logged.program_id, logged.plan_week, logged.plan_day) == (program.id, 1, 2)
    with pytest.raises(NotFoundError, match="every session of program"):
        programs.next_session(uow, "Alex")


def test_sessions_before_the_program_start_stay_free(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    programs.create_program(uow, "Alex", weeks=1, days_per_week=1, start=START)
    early = training.log_session(
        uow, "Alex", date(2025, 3, 1), [SetRecord(variation="machine-reverse-hyper", reps=12)]
    )
    assert early.program_id is None


def test_refused_athlete_gets_no_program(uow: UnitOfWork, profile: Profile) -> None:
    hurt = Profile(**{**profile.__dict__, "back_pain": 4})
    athletes.add_athlete(uow, "Sam", hurt)
    with pytest.raises(ScreeningRefusalError):
        programs.create_program(uow, "Sam", weeks=1, days_per_week=1, start=START)
    with pytest.raises(NotFoundError, match="has no program yet"):
        programs.active_program(uow, "Sam")


def test_the_active_program_is_found_or_none(uow: UnitOfWork, profile: Profile) -> None:
    athletes.add_athlete(uow, "Alex", profile)
    assert programs.find_active_program(uow, "Alex") is None
    program = programs.create_program(uow, "Alex", weeks=1, days_per_week=2, start=START)
    found = programs.find_active_program(uow, "Alex")
    assert found is not None and found.id == program.id
    assert len(programs.program_weeks(found)) == 1
    assert [len(week.sessions) for week in programs.program_weeks(found)] == [2]
