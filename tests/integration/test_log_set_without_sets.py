"""``log_set(..., with_sets=False)`` (what the server asks for: reading a long session back for
every set cost time in proportion to its length) answers the same session header, and the
stored sets are the same, as with its sets."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.programming.athlete import Profile
from revhyper.domain.training.log import SetRecord
from revhyper.services import athletes, training

DAY = date(2026, 11, 25)


def _set(reps: int) -> SetRecord:
    return SetRecord(variation="machine-reverse-hyper", reps=reps, load_kg=30.0)  # type: ignore[arg-type]


def test_the_header_without_sets_is_the_session_as_stored(
    uow: UnitOfWork, profile: Profile
) -> None:
    athlete = athletes.add_athlete(uow, "Alex", profile)
    new, first = training.log_set(uow, athlete.id, _set(10), day=DAY, with_sets=False)
    joined, second = training.log_set(uow, athlete.id, _set(9), day=DAY, with_sets=False)
    stored = training.get_session(uow, joined.id or 0)
    assert new.sets == joined.sets == ()
    assert replace(stored, sets=()) == joined == new
    assert [(s.position, s.reps) for s in stored.sets] == [(1, 10), (2, 9)]
    assert (first.position, second.position) == (1, 2)


def test_the_logged_set_answered_is_the_set_as_read_back_when_no_analysis_is_linked(
    uow: UnitOfWork, profile: Profile
) -> None:
    athlete = athletes.add_athlete(uow, "Alex", profile)
    sent = SetRecord(
        variation="machine-reverse-hyper",  # type: ignore[arg-type]
        reps=8,
        load_kg=40,
        rpe=8,
        rir=2,
        tempo="3-1-3-0",
        hold_s=2,
        pain=1,
        notes="felt easy",
        band="light",
    )
    training.log_set(uow, athlete.id, _set(10), day=DAY, with_sets=False)
    session, answered = training.log_set(uow, athlete.id, sent, day=DAY, with_sets=False)
    stored = training.get_session(uow, session.id or 0)
    assert stored.sets[-1] == answered
    assert (answered.position, answered.load_kg, answered.rpe, answered.hold_s) == (
        2,
        40.0,
        8.0,
        2.0,
    )
    assert all(isinstance(value, float) for value in (answered.load_kg, answered.rpe, answered.rir))
