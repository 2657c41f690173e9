"""Reading the log back: sets and sessions filtered by athlete, dates and variation."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.repositories import AthleteRef
from revhyper.domain.errors import InvalidInputError, NotFoundError
from revhyper.domain.training.log import (
    LoggedSet,
    SessionRecord,
    SetKind,
    parse_set_kind,
    parse_variation,
)


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise InvalidInputError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: "
            "give a start date on or before the end date"
        )


def _checked_filter(since: date | None, until: date | None, variation: str | None) -> str | None:
    """The variation id to filter on (None: all), once the dates and the variation are checked."""
    _check_range(since, until)
    return parse_variation(variation).value if variation else None


def sets_for(
    uow: UnitOfWork,
    athlete: AthleteRef | None = None,
    since: date | None = None,
    until: date | None = None,
    variation: str | None = None,
) -> list[LoggedSet]:
    """Stored sets (oldest first) of one athlete (by name) or all, within dates, of a variation.

    Raises:
        NotFoundError: unknown athlete.  InvalidInputError: unknown variation or since > until.
    """
    variation_id = _checked_filter(since, until, variation)
    with uow:
        athlete_id = uow.athletes.get(athlete).id if athlete else None
        return uow.sessions.sets(athlete_id, since, until, variation_id)


def set_page(
    uow: UnitOfWork,
    athlete: AthleteRef,
    *,
    since: date | None = None,
    until: date | None = None,
    variation: str | None = None,
    limit: int,
    offset: int,
) -> tuple[list[LoggedSet], int]:
    """One page of an athlete's sets (oldest first) and how many match in all.

    Raises:
        NotFoundError: unknown athlete.  InvalidInputError: unknown variation or since > until.
    """
    variation_id = _checked_filter(since, until, variation)
    with uow:
        athlete_id = uow.athletes.get(athlete).id
        total = uow.sessions.count_matching(athlete_id, since, until, variation_id)
        page = uow.sessions.sets(athlete_id, since, until, variation_id, limit=limit, offset=offset)
    return page, total


def sessions_for(
    uow: UnitOfWork,
    athlete: AthleteRef | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[SessionRecord]:
    """Stored sessions with their sets (oldest first), optionally of one athlete and dates."""
    _check_range(since, until)
    with uow:
        athlete_id = uow.athletes.get(athlete).id if athlete else None
        return uow.sessions.in_range(athlete_id, since, until)


@dataclass(frozen=True)
class SetHistory:
    """Stored sets (oldest first) with their totals.

    Attributes:
        sets: the sets matched.
        volume_load_kg: reps × load summed over them [kg].
        session_count: sessions they belong to.
        athlete_count: athletes they belong to.
    """

    sets: list[LoggedSet]
    volume_load_kg: float
    session_count: int
    athlete_count: int


def set_history(
    uow: UnitOfWork,
    athlete: AthleteRef | None = None,
    since: date | None = None,
    until: date | None = None,
    variation: str | None = None,
) -> SetHistory:
    """:func:`sets_for` with the volume load, sessions and athletes they add up to."""
    sets = sets_for(uow, athlete, since, until, variation)
    return SetHistory(
        sets=sets,
        volume_load_kg=sum(s.record.volume_load_kg for s in sets),
        session_count=len({s.session_id for s in sets}),
        athlete_count=len({s.athlete_id for s in sets}),
    )


@dataclass(frozen=True)
class SessionHistory:
    """Stored sessions (oldest first) and the names of their athletes by id."""

    sessions: list[SessionRecord]
    athlete_names: dict[int, str]


def session_history(
    uow: UnitOfWork,
    athlete: AthleteRef | None = None,
    since: date | None = None,
    until: date | None = None,
) -> SessionHistory:
    """:func:`sessions_for` with the athletes' names, in one transaction."""
    _check_range(since, until)
    with uow:
        athlete_id = uow.athletes.get(athlete).id if athlete else None
        sessions = uow.sessions.in_range(athlete_id, since, until)
        names = {a.id: a.name for a in uow.athletes.all()}
    return SessionHistory(sessions, names)


def session_page(
    uow: UnitOfWork,
    athlete: AthleteRef,
    *,
    since: date | None = None,
    until: date | None = None,
    variation: str | None = None,
    kind: str | None = None,
    newest_first: bool = False,
    limit: int,
    offset: int,
) -> tuple[list[SessionRecord], int]:
    """One page of an athlete's sessions with their sets (oldest first, or newest first) and
    how many match. With ``variation`` or ``kind`` ("working", "warmup"), each session keeps
    only its sets that match, and sessions left without one are not listed.

    Raises:
        NotFoundError: unknown athlete.  InvalidInputError: since > until, an unknown
        variation or kind.
    """
    variation_id = _checked_filter(since, until, variation)
    set_kind = parse_set_kind(kind) if kind else None
    sessions = sessions_for(uow, athlete, since, until)
    if variation_id is not None or set_kind is not None:
        sessions = _with_matching_sets(sessions, variation_id, set_kind)
    if newest_first:
        sessions.reverse()
    return sessions[offset : offset + limit], len(sessions)


def _with_matching_sets(
    sessions: list[SessionRecord], variation_id: str | None, kind: SetKind | None
) -> list[SessionRecord]:
    """The sessions reduced to their sets of ``variation_id`` and ``kind`` (None: any)."""
    kept = []
    for session in sessions:
        sets = tuple(
            s
            for s in session.sets
            if (variation_id is None or s.variation.value == variation_id)
            and (kind is None or s.kind is kind)
        )
        if sets:
            kept.append(replace(session, sets=sets))
    return kept


def session_of_athlete(uow: UnitOfWork, athlete_id: int, session_id: int) -> SessionRecord:
    """The athlete's session with its sets; ``NotFoundError`` when it is not theirs (the
    same answer as for an id nobody has, so others' sessions are not revealed)."""
    with uow:
        try:
            session = uow.sessions.get(session_id)
        except NotFoundError:
            session = None
    if session is None or session.athlete_id != athlete_id:
        raise NotFoundError(f"athlete {athlete_id} has no session with id {session_id}")
    return session
