"""Recording training: start or resume today's session, record sets one at a time, finish.

Every function here commits its own transaction. ``record_set`` commits each set on its own, so
a process killed mid-session loses nothing already entered. ``log_session`` stores a whole
session in one transaction: all of it or nothing.

An athlete has one session per day (the database holds it to that). Writers of one athlete's
log take the athlete's row lock first and run through ``write_with_retry``, so any number of
processes logging at once store every set, in one session per day, at positions 1..N.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef, StoredProgram
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.training.log import (
    SessionRecord,
    SessionStatus,
    SetRecord,
    check_range,
    plan_places_by_date,
)
from revhyper.services.transactions import write_with_retry


@dataclass(frozen=True)
class PlannedSession:
    """One session of a stored plan: where it sits and its blocks (the plan JSON's dicts).

    Each block has ``role`` (warmup/main/cooldown), ``variation``, ``sets``, ``reps``,
    ``rest_s``, ``load``, ``tempo`` and ``reason`` (see the plan JSON contract).
    """

    program_id: int
    week: int
    day: int
    blocks: tuple[dict[str, Any], ...]


@dataclass(frozen=True)
class TodaySession:
    """The session to train today: the stored record and what the plan prescribes for it."""

    session: SessionRecord
    planned: PlannedSession | None
    resumed: bool


def check_pain(value: int | None, label: str) -> None:
    """Refuse a back-pain rating outside 0–10 or not a whole number, naming ``label``."""
    if value is not None:
        check_range("pain", value, label)
        if not float(value).is_integer():
            raise InvalidInputError(f"{label} must be a whole number, got {value!r}")


def plan_sessions(program: StoredProgram) -> list[PlannedSession]:
    """The plan's sessions in training order (week 1 day 1, week 1 day 2, ...)."""
    planned: list[PlannedSession] = []
    for week in program.plan.get("weeks", []):
        for session in week.get("sessions", []):
            planned.append(
                PlannedSession(
                    program_id=program.id,
                    week=int(week["week"]),
                    day=int(session["day"]),
                    blocks=tuple(session.get("blocks", [])),
                )
            )
    return planned


def next_planned_session(uow: UnitOfWork, athlete_id: int) -> PlannedSession | None:
    """The first session of the active program not yet trained (None without a program).

    Raises:
        NotFoundError: every session of the active program has been trained.
    """
    program = uow.programs.active_for(athlete_id)
    if program is None:
        return None
    done = {
        (s.plan_week, s.plan_day)
        for s in uow.sessions.find(
            athlete_id, statuses=(SessionStatus.IN_PROGRESS, SessionStatus.PERFORMED)
        )
        if s.program_id == program.id
    }
    for planned in plan_sessions(program):
        if (planned.week, planned.day) not in done:
            return planned
    raise NotFoundError(
        f"every session of program {program.id} has been trained: "
        "generate the next one with `revhyper athlete plan`"
    )


def planned_for(uow: UnitOfWork, session: SessionRecord) -> PlannedSession | None:
    """The plan's prescription for a stored session (None for a free session)."""
    if session.program_id is None or session.plan_week is None or session.plan_day is None:
        return None
    program = uow.programs.get(session.program_id)
    for planned in plan_sessions(program):
        if (planned.week, planned.day) == (session.plan_week, session.plan_day):
            return planned
    return None


def open_session_of_day(
    uow: UnitOfWork,
    athlete_id: int,
    day: date,
    *,
    next_planned: Callable[[], PlannedSession | None],
    pain_before: int | None = None,
) -> tuple[SessionRecord, PlannedSession | None, bool]:
    """The athlete's session of ``day``, in progress: reopened when one exists, else started.

    An athlete has one session per day, so a day's session already finished (or logged with
    ``log set``) is reopened with its sets and plan slot. A new session takes ``next_planned()``'s
    slot and the plan is re-sorted by date. Call inside a write transaction holding the
    athlete's lock; does not commit.

    Returns:
        The session, the plan's prescription for it (None for a free session), and whether it
        existed already.
    """
    existing = uow.sessions.on_day(athlete_id, day)
    if existing is not None:
        assert existing.id is not None
        first_pain = pain_before if existing.pain_before is None else None
        if existing.status is not SessionStatus.IN_PROGRESS or first_pain is not None:
            existing = uow.sessions.update(
                existing.id, status=SessionStatus.IN_PROGRESS, pain_before=first_pain
            )
        return existing, planned_for(uow, existing), True
    planned = next_planned()
    session = uow.sessions.add(
        SessionRecord(
            athlete_id=athlete_id,
            day=day,
            status=SessionStatus.IN_PROGRESS,
            program_id=planned.program_id if planned else None,
            plan_week=planned.week if planned else None,
            plan_day=planned.day if planned else None,
            pain_before=pain_before,
            today=day,
        )
    )
    assert session.id is not None
    if planned is not None:
        place_in_plan(uow, uow.programs.get(planned.program_id))
        session = uow.sessions.get(session.id)
    return session, planned_for(uow, session) or planned, False


def start_or_resume_today(
    uow: UnitOfWork,
    athlete: AthleteRef,
    *,
    today: date | None = None,
    pain_before: int | None = None,
) -> TodaySession:
    """Resume today's session, or start the next planned one (or a free one).

    A session started here is stored (status in_progress) and committed at once. As an athlete
    has one session per day, a day's session already finished (or logged with ``log set``) is
    reopened: it becomes in progress again and keeps its sets and plan slot.

    Args:
        athlete: the athlete's name.
        today: the training date (default: the system's today).
        pain_before: back pain before training, 0–10 (stored unless the day's session has
            one already).

    Returns:
        The stored session with the sets already recorded, and the plan's blocks for it.
    """
    check_pain(pain_before, "pain before")
    day = today or date.today()

    def work() -> TodaySession:
        stored = uow.athletes.lock(athlete)
        session, planned, resumed = open_session_of_day(
            uow,
            stored.id,
            day,
            pain_before=pain_before,
            next_planned=lambda: next_planned_session(uow, stored.id),
        )
        uow.commit()
        return TodaySession(session, planned, resumed=resumed)

    return write_with_retry(uow, work)


def start_session(
    uow: UnitOfWork,
    athlete: AthleteRef,
    *,
    day: date | None = None,
    pain_before: int | None = None,
    notes: str = "",
) -> SessionRecord:
    """Store an in-progress session for ``athlete`` on ``day`` (joining that day's session
    when there is one); commits."""
    check_pain(pain_before, "pain before")

    def work() -> SessionRecord:
        stored = uow.athletes.lock(athlete)
        record = SessionRecord(
            athlete_id=stored.id,
            day=day or date.today(),
            status=SessionStatus.IN_PROGRESS,
            pain_before=pain_before,
            notes=notes,
        )
        session = uow.sessions.add_or_join(record)
        uow.commit()
        return session

    return write_with_retry(uow, work)


def record_set(uow: UnitOfWork, session_id: int, record: SetRecord) -> SetRecord:
    """Append one set to a session and commit it at once (nothing entered is lost).

    A planned session becomes in progress. Returns the stored set (with id and position).

    Raises:
        NotFoundError: no such session, or the linked analysis does not exist.
    """

    def work() -> SetRecord:
        athlete_id = uow.sessions.get(session_id).athlete_id
        uow.athletes.lock_id(athlete_id)
        status = uow.sessions.status(session_id)
        stored = uow.sessions.add_set(session_id, record)
        if status is SessionStatus.PLANNED:
            uow.sessions.update(session_id, status=SessionStatus.IN_PROGRESS)
        uow.commit()
        return stored

    return write_with_retry(uow, work)


def finish_session(
    uow: UnitOfWork,
    session_id: int,
    pain_after: int | None = None,
    notes: str | None = None,
) -> SessionRecord:
    """Mark a session performed, with the back pain after it (0–10) and notes; commits."""
    check_pain(pain_after, "pain after")

    def work() -> SessionRecord:
        session = uow.sessions.update(
            session_id, status=SessionStatus.PERFORMED, pain_after=pain_after, notes=notes
        )
        uow.commit()
        return session

    return write_with_retry(uow, work)


def place_in_plan(uow: UnitOfWork, program: StoredProgram) -> None:
    """Give each session of ``program`` its plan slot by date: the k-th by date is the k-th
    planned session (``domain.training_log.plan_places_by_date``). Does not commit.

    Logging history out of order (20 Nov after 30 Nov) or deleting a session re-sorts the
    slots, so the plan week and day of every session, and so adherence, follow the dates.
    """
    places = uow.sessions.plan_places(program.id)
    slots = [(planned.week, planned.day) for planned in plan_sessions(program)]
    assigned = plan_places_by_date([(sid, day) for sid, day, _w, _d in places], slots)
    for session_id, _day, week, day in places:
        slot = assigned[session_id]
        if slot != ((week, day) if week is not None and day is not None else None):
            new_week, new_day = slot if slot is not None else (None, None)
            uow.sessions.set_plan_place(session_id, program.id, new_week, new_day)


def _join_plan(uow: UnitOfWork, athlete_id: int, session_id: int, day: date) -> None:
    """Count a new session against the active program when it is on or after the program's
    start, and re-sort the program's slots by date. Does not commit."""
    program = uow.programs.active_for(athlete_id)
    if program is None or day < program.start_date:
        return
    uow.sessions.set_plan_place(session_id, program.id, None, None)
    place_in_plan(uow, program)


def resort_plan(uow: UnitOfWork, program_id: int | None) -> None:
    """Re-sort the slots of a program (by id) after one of its sessions went; no commit."""
    if program_id is not None:
        place_in_plan(uow, uow.programs.get(program_id))


def log_set(
    uow: UnitOfWork,
    athlete: AthleteRef,
    record: SetRecord,
    *,
    day: date | None = None,
    analysis: dict[str, Any] | None = None,
    analysis_source: str = "",
    logged_at: datetime | None = None,
    before_commit: Callable[[SessionRecord, SetRecord], None] | None = None,
    with_sets: bool = True,
) -> tuple[SessionRecord, SetRecord]:
    """Record a set after the fact: it joins that day's session, created when there is none.

    Safe under concurrent writers: the athlete's row lock orders them, the unique index on
    (athlete, day) and on (session, position) guard the database, and a clash is retried.

    A new session counts as the next planned session of the active program (when the day is
    on or after the program's start), so adherence sees it.

    ``analysis`` (a ``revhyper-analysis/1`` document, checked by the caller) is stored with
    the set and linked to it. ``logged_at`` (naive UTC) is when the set was done, default now.
    ``before_commit`` runs inside the transaction, after the set is stored: what it writes
    through the same unit of work is committed with the set or not at all, and an error it
    raises stores nothing (the server keeps its idempotency records this way). Returns the
    session (as it is after the set; without its sets unless ``with_sets``: reading them back
    costs time in proportion to the session's length, for every set logged) and the stored
    set. One transaction.
    """
    on = day or date.today()

    def work() -> tuple[SessionRecord, SetRecord]:
        athlete_id = uow.athletes.locked_id(athlete)
        session = uow.sessions.on_day(athlete_id, on, with_sets=False)
        created = session is None
        if session is None:
            session = uow.sessions.add(SessionRecord(athlete_id=athlete_id, day=on))
            assert session.id is not None
            _join_plan(uow, athlete_id, session.id, on)
        elif session.status is SessionStatus.PLANNED:
            assert session.id is not None
            session = uow.sessions.update(session.id, status=SessionStatus.PERFORMED)
        assert session.id is not None
        entry = record
        if analysis is not None:
            stored_analysis = uow.analyses.add(
                analysis, athlete_id=athlete_id, source=analysis_source
            )
            entry = replace(record, analysis_id=stored_analysis.id)
        saved = uow.sessions.append_set(session.id, entry, logged_at=logged_at)
        # Without its sets, a session found here is already as it is after the set (adding a
        # set changes none of its fields); a new one was given its plan place since it was read.
        result = (
            uow.sessions.get(session.id, with_sets=with_sets) if with_sets or created else session
        )
        if before_commit is not None:
            before_commit(result, saved)
        uow.commit()
        return result, saved

    return write_with_retry(uow, work)


def log_session(
    uow: UnitOfWork,
    athlete: AthleteRef,
    day: date,
    sets: Sequence[SetRecord],
    *,
    pain_before: int | None = None,
    pain_after: int | None = None,
    notes: str = "",
) -> SessionRecord:
    """Store a whole performed session after the fact, all of it or nothing.

    It counts as the next planned session of the active program (when the day is on or after
    the program's start). On a day that already has a session, the sets join that session
    (after its sets; see ``domain.training_log.joined_session``) and the result is that
    session.
    """
    if not sets:
        raise InvalidInputError("a session needs at least one set")

    def work() -> SessionRecord:
        stored = uow.athletes.lock(athlete)
        record = SessionRecord(
            athlete_id=stored.id,
            day=day,
            status=SessionStatus.PERFORMED,
            pain_before=pain_before,
            pain_after=pain_after,
            notes=notes,
            sets=tuple(sets),
        )
        new = uow.sessions.on_day(stored.id, day) is None
        session = uow.sessions.add_or_join(record)
        assert session.id is not None
        if new:
            _join_plan(uow, stored.id, session.id, day)
            session = uow.sessions.get(session.id)
        uow.commit()
        return session

    return write_with_retry(uow, work)


def get_session(uow: UnitOfWork, session_id: int) -> SessionRecord:
    """A stored session with its sets."""
    with uow:
        return uow.sessions.get(session_id)
