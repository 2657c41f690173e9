"""A session's place in the plan (week, day) follows its date, not the order it was logged in."""

from __future__ import annotations

from datetime import date

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SetRecord, plan_places_by_date
from revhyper.domain.vocabulary import VariationId
from revhyper.services import training
from revhyper.services.programs import create_program
from revhyper.services.progress import progress_report

START = date(2026, 11, 2)


def _set() -> SetRecord:
    return SetRecord(variation=VariationId.MACHINE_REVERSE_HYPER, reps=10, load_kg=20.0)


def _places(uow: UnitOfWork) -> dict[date, tuple[int | None, int | None]]:
    with uow:
        athlete = uow.athletes.get("Alex")
        return {s.day: (s.plan_week, s.plan_day) for s in uow.sessions.find(athlete.id)}


def _alex_with_plan(uow: UnitOfWork, profile: Profile, weeks: int, days: int) -> None:
    with uow:
        uow.athletes.add("Alex", profile)
        uow.commit()
    create_program(uow, "Alex", weeks=weeks, days_per_week=days, start=START)


def test_a_session_logged_after_a_later_one_takes_the_earlier_plan_slot(
    uow: UnitOfWork, profile: Profile
) -> None:
    _alex_with_plan(uow, profile, weeks=4, days=3)
    training.log_set(uow, "Alex", _set(), day=date(2026, 11, 30))
    training.log_set(uow, "Alex", _set(), day=date(2026, 11, 20))
    training.log_session(uow, "Alex", date(2026, 11, 25), [_set()])
    assert _places(uow) == {
        date(2026, 11, 20): (1, 1),
        date(2026, 11, 25): (1, 2),
        date(2026, 11, 30): (1, 3),
    }
    report = progress_report(uow, "Alex", today=date(2026, 11, 30))
    first_week = report.data.adherence[0]
    assert (first_week.week, first_week.done_sessions, first_week.planned_sessions) == (1, 3, 3)


def test_back_filling_a_full_plan_pushes_its_last_session_out_of_the_plan(
    uow: UnitOfWork, profile: Profile
) -> None:
    _alex_with_plan(uow, profile, weeks=1, days=2)
    training.log_set(uow, "Alex", _set(), day=date(2026, 11, 4))
    training.log_set(uow, "Alex", _set(), day=date(2026, 11, 6))
    assert _places(uow)[date(2026, 11, 6)] == (1, 2)
    training.log_set(uow, "Alex", _set(), day=date(2026, 11, 3))
    assert _places(uow) == {
        date(2026, 11, 3): (1, 1),
        date(2026, 11, 4): (1, 2),
        date(2026, 11, 6): (None, None),
    }


def test_a_session_before_the_program_start_stays_free(uow: UnitOfWork, profile: Profile) -> None:
    _alex_with_plan(uow, profile, weeks=4, days=3)
    training.log_set(uow, "Alex", _set(), day=date(2026, 11, 1))
    assert _places(uow) == {date(2026, 11, 1): (None, None)}


def test_plan_places_go_by_date_then_id_whatever_the_input_order() -> None:
    slots = [(1, 1), (1, 2)]
    sessions = [(7, date(2026, 11, 9)), (3, date(2026, 11, 9)), (5, date(2026, 11, 2))]
    assert plan_places_by_date(sessions, slots) == {5: (1, 1), 3: (1, 2), 7: None}
