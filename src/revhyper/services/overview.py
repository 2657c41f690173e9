"""The coach's and physio's overview: each athlete granted to the caller at a glance (recent
sessions, the back-pain trend, form flags, analyses) in one answer, each read audited as a
read of that athlete's data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredJob, StoredUser
from revhyper.domain.programming.adaptation import PAIN_RULES
from revhyper.domain.training.analytics import PainPoint, pain_trend
from revhyper.domain.training.log import SessionRecord
from revhyper.services.access import Access, Scope, record, visible_athletes

#: How far back the recent sessions are looked up [days].
RECENT_DAYS = 56
#: Sessions summarised per athlete (the newest).
RECENT_SESSIONS = 3
#: Back-pain points in the trend (the newest).
PAIN_POINTS = 8


@dataclass(frozen=True)
class PainFlagged:
    """A pain point with what the pain rules make of it."""

    point: PainPoint
    stopped_a_set: bool
    rose_too_much: bool


@dataclass(frozen=True)
class AthleteSummary:
    """One granted athlete at a glance.

    Attributes:
        access: the caller's access (the athlete and the granted scope).
        recent_sessions: up to ``RECENT_SESSIONS`` of the last ``RECENT_DAYS`` days, newest
            first.
        pain: up to ``PAIN_POINTS`` pain points, oldest first.
        faults: form fault codes on the recent sessions' sets, with how many sets had each,
            most frequent first.
        analyses: how many analysis jobs the athlete has.
        latest_analysis: the newest of them, or None.
    """

    access: Access
    recent_sessions: list[SessionRecord]
    pain: list[PainFlagged]
    faults: list[tuple[str, int]]
    analyses: int
    latest_analysis: StoredJob | None


def _flagged(point: PainPoint) -> PainFlagged:
    return PainFlagged(
        point,
        stopped_a_set=PAIN_RULES.stops_exercise(point.max_during),
        rose_too_much=PAIN_RULES.rose_too_much(point.before, point.after),
    )


def _fault_counts(sessions: list[SessionRecord]) -> list[tuple[str, int]]:
    counts = Counter(
        str(fault) for session in sessions for one in session.sets for fault in one.faults
    )
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def _summary(uow: UnitOfWork, access: Access, today: date) -> AthleteSummary:
    athlete_id = access.athlete.id
    with uow:
        sessions = uow.sessions.in_range(athlete_id)
        jobs = uow.jobs.of_athlete(athlete_id)
    since = today - timedelta(days=RECENT_DAYS)
    recent = [s for s in sessions if s.day >= since][-RECENT_SESSIONS:]
    pain = [_flagged(p) for p in pain_trend(sessions)][-PAIN_POINTS:]
    return AthleteSummary(
        access=access,
        recent_sessions=list(reversed(recent)),
        pain=pain,
        faults=_fault_counts(recent),
        analyses=len(jobs),
        latest_analysis=jobs[0] if jobs else None,
    )


def shared_athlete_summaries(
    uow: UnitOfWork, user: StoredUser, detail: str, today: date | None = None
) -> list[AthleteSummary]:
    """A summary of every athlete granted to ``user`` (not those they own), by name; each is
    audited as a read with ``detail`` (the request, e.g. ``GET /api/v1/shared-athletes``)."""
    granted = [a for a in visible_athletes(uow, user) if a.scope is not Scope.OWNER]
    summaries = []
    for access in granted:
        record(uow, access, "read", detail)
        summaries.append(_summary(uow, access, today or date.today()))
    return summaries
