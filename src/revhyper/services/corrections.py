"""Correcting the log: edit or delete a set, undo the last set, delete a session, rename or
delete an athlete.

Each function is one transaction (through ``write_with_retry``, holding the athlete's row
lock): all of the change is stored, or none of it. History, progress and adherence read the
stored log, so they follow every correction; deleting a session or a session's last set
re-sorts the plan slots of its program by date (``training.place_in_plan``).

A session left without sets by a deletion is deleted too, unless it is in progress (a guided
session still running keeps its place): a session without sets is never stored as performed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef, StoredAthlete
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.training.log import LoggedSet, SessionRecord, SessionStatus, SetRecord
from revhyper.services.athletes import check_name
from revhyper.services.training import resort_plan
from revhyper.services.transactions import write_with_retry

#: Fields of a set that ``edit_set`` may change (``SetRecord`` field names).
EDITABLE_SET_FIELDS = (
    "variation",
    "reps",
    "load_kg",
    "band",
    "rpe",
    "rir",
    "tempo",
    "hold_s",
    "pain",
    "notes",
)


@dataclass(frozen=True)
class SetRemoval:
    """A deleted set, and whether its session went with it (it had no other set)."""

    removed: LoggedSet
    session_deleted: bool


@dataclass(frozen=True)
class AthleteRemoval:
    """What deleting an athlete removed."""

    athlete: str
    programs: int
    sessions: int
    sets: int
    body_mass_values: int
    #: The athlete's analysis jobs (gone with it): their annotated videos are to be deleted.
    job_ids: tuple[int, ...] = ()


def parse_id(text: str | int, what: str) -> int:
    """A storage id from user text; ``NotFoundError`` naming the value when it is not one."""
    cleaned = str(text).strip()
    if not cleaned.isdigit() or int(cleaned) < 1:
        raise NotFoundError(
            f"no {what} with id {text!r}: ids are whole numbers from 1, shown by `revhyper history`"
        )
    return int(cleaned)


def _set_of(uow: UnitOfWork, set_id: int, athlete_id: int | None) -> LoggedSet:
    """The stored set, when it is ``athlete_id``'s (any athlete's when None).

    Raises:
        NotFoundError: no such set, or it is another athlete's (the same answer).
    """
    logged = uow.sessions.logged_set(set_id)
    if athlete_id is not None and logged.athlete_id != athlete_id:
        raise NotFoundError(f"athlete {athlete_id} has no set with id {set_id}")
    return logged


def edit_set(
    uow: UnitOfWork, set_id: int, changes: dict[str, Any], *, athlete_id: int | None = None
) -> LoggedSet:
    """Change some values of a stored set (keys of ``EDITABLE_SET_FIELDS``); commits.

    The edited set is checked like a new one; its session, place and entry time stay. With
    ``athlete_id`` only a set of that athlete is edited.

    Raises:
        NotFoundError: no set with that id (of that athlete).  InvalidInputError: an unknown
            field, nothing to change, or a value out of range (nothing is stored).
    """
    unknown = sorted(set(changes) - set(EDITABLE_SET_FIELDS))
    if unknown:
        allowed = ", ".join(EDITABLE_SET_FIELDS)
        raise InvalidInputError(f"cannot edit {', '.join(unknown)} of a set: allowed {allowed}")
    if not changes:
        raise InvalidInputError(
            "nothing to change: give at least one of --reps, --load, --rpe, ... (see --help)"
        )

    def work() -> LoggedSet:
        before = _set_of(uow, set_id, athlete_id)
        uow.athletes.lock_id(before.athlete_id)
        edited: SetRecord = replace(before.record, **changes)
        stored = uow.sessions.replace_set(set_id, edited)
        uow.commit()
        return replace(before, record=stored)

    return write_with_retry(uow, work)


def _remove_set(uow: UnitOfWork, logged: LoggedSet) -> SetRemoval:
    assert logged.record.id is not None
    uow.sessions.remove_set(logged.record.id)
    session = uow.sessions.get(logged.session_id)
    emptied = not session.sets and session.status is not SessionStatus.IN_PROGRESS
    if emptied:
        uow.sessions.remove(logged.session_id)
        resort_plan(uow, session.program_id)
    return SetRemoval(logged, session_deleted=emptied)


def delete_set(uow: UnitOfWork, set_id: int, *, athlete_id: int | None = None) -> SetRemoval:
    """Delete a stored set (its session's later sets move up one place); commits. With
    ``athlete_id`` only a set of that athlete is deleted.

    Raises:
        NotFoundError: no set with that id (of that athlete).
    """

    def work() -> SetRemoval:
        logged = _set_of(uow, set_id, athlete_id)
        uow.athletes.lock_id(logged.athlete_id)
        removal = _remove_set(uow, logged)
        uow.commit()
        return removal

    return write_with_retry(uow, work)


def undo_last_set(uow: UnitOfWork, athlete: str) -> SetRemoval:
    """Delete the set of ``athlete`` entered last (whatever its date); commits.

    Raises:
        NotFoundError: unknown athlete, or no set logged yet.
    """

    def work() -> SetRemoval:
        stored = uow.athletes.lock(athlete)
        logged = uow.sessions.last_logged_set(stored.id)
        if logged is None:
            raise NotFoundError(f"{stored.name} has no logged set to undo")
        removal = _remove_set(uow, logged)
        uow.commit()
        return removal

    return write_with_retry(uow, work)


def delete_session(
    uow: UnitOfWork, session_id: int, *, athlete_id: int | None = None
) -> SessionRecord:
    """Delete a session with all its sets; returns it as it was; commits. With
    ``athlete_id`` only a session of that athlete is deleted.

    Raises:
        NotFoundError: no session with that id (of that athlete).
    """

    def work() -> SessionRecord:
        session = uow.sessions.get(session_id)
        if athlete_id is not None and session.athlete_id != athlete_id:
            raise NotFoundError(f"athlete {athlete_id} has no session with id {session_id}")
        uow.athletes.lock_id(session.athlete_id)
        uow.sessions.remove(session_id)
        resort_plan(uow, session.program_id)
        uow.commit()
        return session

    return write_with_retry(uow, work)


#: How the terminal names an athlete by id: ``#`` and the id, e.g. ``#7``.
ATHLETE_ID_PATTERN = re.compile(r"#(\d{1,10})")


def athlete_ref(text: str) -> AthleteRef:
    """An athlete's name, or its id when written ``#ID`` (for names several accounts share)."""
    found = ATHLETE_ID_PATTERN.fullmatch(text.strip())
    return int(found.group(1)) if found else check_name(text)


def rename_athlete(uow: UnitOfWork, old: str, new: str) -> StoredAthlete:
    """Give athlete ``old`` (a name, or ``#ID``) the name ``new`` (their log stays theirs);
    commits.

    Raises:
        NotFoundError: no athlete called ``old``.  InvalidInputError: ``new`` is empty, too
            long, the same, or another athlete's name.
    """
    new_name = check_name(new)
    ref = athlete_ref(old)

    def work() -> StoredAthlete:
        stored = uow.athletes.lock(ref)
        if new_name == stored.name:
            raise InvalidInputError(f"athlete {stored.name!r} already has that name")
        taken = uow.athletes.find(new_name)
        if taken is not None:
            raise InvalidInputError(
                f"cannot rename {stored.name!r} to {new_name!r}: another athlete has that name"
            )
        renamed = uow.athletes.rename(stored.id, new_name)
        uow.commit()
        return renamed

    return write_with_retry(uow, work)


def delete_athlete(uow: UnitOfWork, name: str) -> AthleteRemoval:
    """Delete an athlete with all their data (programs, sessions, sets, form analyses, body
    mass); commits. Callers offer a complete export (``backup.export_backup``) first.

    Raises:
        NotFoundError: no athlete with that name.
    """

    def work() -> AthleteRemoval:
        stored = uow.athletes.lock(check_name(name))
        sessions = uow.sessions.find(stored.id)
        removal = AthleteRemoval(
            athlete=stored.name,
            programs=len(uow.programs.list_for(stored.id)),
            sessions=len(sessions),
            sets=sum(len(s.sets) for s in sessions),
            body_mass_values=len(uow.body_mass.list_for(stored.id)),
            job_ids=tuple(job.id for job in uow.jobs.of_athlete(stored.id)),
        )
        uow.athletes.remove(stored.id)
        uow.commit()
        return removal

    return write_with_retry(uow, work)
