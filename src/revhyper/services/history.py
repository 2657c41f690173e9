"""Reading the log back: sets and sessions filtered by athlete, dates and variation."""

from __future__ import annotations

from datetime import date

from revhyper.adapters.db import UnitOfWork
from revhyper.domain.errors import InvalidInputError
from revhyper.domain.training_log import LoggedSet, SessionRecord, parse_variation


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise InvalidInputError(
            f"--since {since.isoformat()} is after --until {until.isoformat()}: "
            "give a start date on or before the end date"
        )


def sets_for(
    uow: UnitOfWork,
    athlete: str | None = None,
    since: date | None = None,
    until: date | None = None,
    variation: str | None = None,
) -> list[LoggedSet]:
    """Stored sets (oldest first) of one athlete (by name) or all, within dates, of a variation.

    Raises:
        NotFoundError: unknown athlete.  InvalidInputError: unknown variation or since > until.
    """
    _check_range(since, until)
    variation_id = parse_variation(variation).value if variation else None
    with uow:
        athlete_id = uow.athletes.get(athlete).id if athlete else None
        return uow.sessions.sets(athlete_id, since, until, variation_id)


def sessions_for(
    uow: UnitOfWork,
    athlete: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[SessionRecord]:
    """Stored sessions with their sets (oldest first), optionally of one athlete and dates."""
    _check_range(since, until)
    with uow:
        athlete_id = uow.athletes.get(athlete).id if athlete else None
        return uow.sessions.in_range(athlete_id, since, until)
