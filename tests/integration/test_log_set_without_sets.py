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
