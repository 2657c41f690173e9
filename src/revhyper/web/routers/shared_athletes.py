"""The coach's and physio's overview: every athlete granted to the caller, summarised in one
answer (one request for the Athletes page instead of three per athlete); audited per athlete."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from revhyper.domain.training.log import SessionRecord, SetKind
from revhyper.services.overview import AthleteSummary, shared_athlete_summaries
from revhyper.web.api_schemas import PainPointPublic
from revhyper.web.deps import UowDep, UserDep
from revhyper.web.overview_schemas import (
    FaultCountPublic,
    LatestAnalysisPublic,
    RecentSessionPublic,
    SharedAthleteList,
    SharedAthleteSummaryPublic,
)
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1/shared-athletes", tags=["athletes"])

_ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": ErrorPublic}}


def _session_public(session: SessionRecord) -> RecentSessionPublic:
    assert session.id is not None
    return RecentSessionPublic(
        id=session.id,
        day=session.day,
        status=session.status.value,
        working_sets=sum(1 for one in session.sets if one.kind is SetKind.WORKING),
        volume_load_kg=session.volume_load_kg,
        pain_before=session.pain_before,
        pain_after=session.pain_after,
    )


def _summary_public(summary: AthleteSummary) -> SharedAthleteSummaryPublic:
    athlete = summary.access.athlete
    latest = summary.latest_analysis
    return SharedAthleteSummaryPublic(
        id=athlete.id,
        name=athlete.name,
        access=summary.access.scope.value,  # type: ignore[arg-type]
        unit=athlete.profile.unit.value,
        recent_sessions=[_session_public(s) for s in summary.recent_sessions],
        pain=[
            PainPointPublic(
                day=p.point.day,
                before=p.point.before,
                after=p.point.after,
                max_during=p.point.max_during,
                stopped_a_set=p.stopped_a_set,
                rose_too_much=p.rose_too_much,
            )
            for p in summary.pain
        ],
        faults=[FaultCountPublic(fault=f, sets=n) for f, n in summary.faults],
        analyses=summary.analyses,
        latest_analysis=(
            LatestAnalysisPublic(id=latest.id, filename=latest.filename, status=latest.status)
            if latest is not None
            else None
        ),
    )


@router.get("", response_model=SharedAthleteList, responses=_ERRORS)
def list_shared_athletes(request: Request, user: UserDep, uow: UowDep) -> SharedAthleteList:
    """Every athlete granted to the caller (not their own), by name, with recent sessions,
    back pain and form flags; each athlete's owner sees the read in their audit log."""
    detail = f"{request.method} {request.url.path}"
    summaries = shared_athlete_summaries(uow, user, detail)
    return SharedAthleteList(items=[_summary_public(s) for s in summaries])
