"""Progress: the figures of ``revhyper progress`` as JSON (loads in kilograms)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from revhyper.services.progress import ProgressReport, progress_report
from revhyper.web.api_schemas import (
    AdherencePublic,
    E1rmPointPublic,
    PainPointPublic,
    ProgressPublic,
    RecordPublic,
    WeekVolumePublic,
)
from revhyper.web.deps import ReaderDep, UowDep
from revhyper.web.routers.tools import E1rmMethod
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1/athletes/{athlete_id}", tags=["progress"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
    422: {"model": ErrorPublic, "description": "An unknown e1RM method."},
}


def progress_public(athlete_id: int, report: ProgressReport) -> ProgressPublic:
    """The report as the API shows it: weeks with training listed, the others counted."""
    data = report.data
    trained = [week for week in data.volume if week.sessions]
    return ProgressPublic(
        athlete_id=athlete_id,
        athlete=data.athlete,
        unit=report.unit.value,
        method=report.method,
        sessions=report.sessions,
        volume=[
            WeekVolumePublic(
                week_start=w.week_start,
                sessions=w.sessions,
                sets=w.sets,
                reps=w.reps,
                volume_load_kg=w.volume_load_kg,
            )
            for w in trained
        ],
        weeks_without_training=len(data.volume) - len(trained),
        e1rm=[
            E1rmPointPublic(
                day=p.day,
                variation=p.variation.value,
                e1rm_kg=p.e1rm_kg,
                load_kg=p.load_kg,
                reps=p.reps,
            )
            for p in data.e1rm
        ],
        records=[
            RecordPublic(
                variation=variation.value,
                kind=kind.value,
                value=best.value,
                day=best.day,
                load_kg=best.load_kg,
                reps=best.reps,
            )
            for variation in sorted(report.bests)
            for kind, best in report.bests[variation].items()
        ],
        adherence=[
            AdherencePublic(
                week=w.week,
                planned_sessions=w.planned_sessions,
                done_sessions=w.done_sessions,
                planned_sets=w.planned_sets,
                done_sets=w.done_sets,
                set_fraction=w.set_fraction,
            )
            for w in data.adherence
        ],
        adherence_gap=report.adherence_gap,
        plan_start=data.plan_start,
        pain=[
            PainPointPublic(
                day=p.day,
                before=p.before,
                after=p.after,
                max_during=p.max_during,
                stopped_a_set=report.pain_stopped_a_set(p),
                rose_too_much=report.pain_rose_too_much(p),
            )
            for p in data.pain
        ],
        pain_threshold=data.pain_threshold,
    )


@router.get("/progress", response_model=ProgressPublic, responses=_ERRORS)
def progress(
    access: ReaderDep,
    uow: UowDep,
    e1rm_method: Annotated[E1rmMethod, Query(description="The e1RM formula.")] = "epley",
) -> ProgressPublic:
    """Volume per week, the e1RM trend, personal records, adherence and back pain."""
    report = progress_report(uow, access.athlete.id, e1rm_method)
    return progress_public(access.athlete.id, report)
