"""Form analyses: upload a clip (queued, run in the background), then read the job."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Path, Query, Request, UploadFile
from fastapi.responses import FileResponse, JSONResponse

from revhyper.adapters.db.accounts import StoredJob
from revhyper.domain.errors import NotFoundError
from revhyper.domain.training.log import LoggedSet
from revhyper.services import access as access_service
from revhyper.services import idempotency, jobs
from revhyper.services.access import Scope
from revhyper.services.jobs import AnalysisQueue
from revhyper.web.deps import (
    MAX_ID,
    CoachDep,
    IdempotencyKeyDep,
    ReaderDep,
    SettingsDep,
    UowDep,
    UserDep,
)
from revhyper.web.routers.athletes import idempotent_request
from revhyper.web.routers.sets import set_public
from revhyper.web.schemas import AnalysisJobPage, AnalysisJobPublic, ErrorPublic, SetPublic

router = APIRouter(prefix="/api/v1", tags=["analyses"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
    422: {"model": ErrorPublic},
}
_UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    **_ERRORS,
    413: {"model": ErrorPublic, "description": "The file is over REVHYPER_MAX_UPLOAD_MB."},
    415: {"model": ErrorPublic, "description": "Neither a video nor a keypoint file."},
    503: {"model": ErrorPublic, "description": "The job queue cannot be reached."},
}
#: Largest page of jobs [jobs].
MAX_PAGE = 500

JobId = Annotated[int, Path(ge=1, le=MAX_ID, description="The analysis job's id.")]
SetId = Annotated[int, Path(ge=1, le=MAX_ID, description="The logged set's id.")]


def analysis_queue(request: Request) -> AnalysisQueue:
    """The app's analysis queue."""
    queue: AnalysisQueue = request.app.state.analysis_queue
    return queue


QueueDep = Annotated[AnalysisQueue, Depends(analysis_queue)]


def readable_job(request: Request, job_id: JobId, user: UserDep, uow: UowDep) -> StoredJob:
    """The job in the path when the caller may read its athlete (404 otherwise), auditing a
    granted user's read."""
    job, access = jobs.readable_job(uow, user, job_id)
    access_service.record(uow, access, "read", f"{request.method} {request.url.path}")
    return job


ReadableJobDep = Annotated[StoredJob, Depends(readable_job)]


def job_public(
    job: StoredJob,
    result: dict[str, Any] | None = None,
    *,
    has_video: bool = False,
    sets: list[LoggedSet] | None = None,
) -> AnalysisJobPublic:
    """A job as the API shows it (``has_video``: its annotated video can be fetched; ``sets``:
    the logged sets linked to its analysis)."""
    return AnalysisJobPublic(
        id=job.id,
        athlete_id=job.athlete_id,
        status=job.status,  # type: ignore[arg-type]
        kind=job.kind,  # type: ignore[arg-type]
        filename=job.filename,
        created_at=job.created_at,
        started_at=job.started_at,
        finished_at=job.finished_at,
        analysis_id=job.analysis_id,
        result=result,
        error=job.error,
        video_url=f"/api/v1/analyses/{job.id}/video" if has_video else None,
        linked_sets=None if sets is None else [_set(logged) for logged in sets],
    )


def _set(logged: LoggedSet) -> SetPublic:
    return set_public(logged.record, logged.session_id, logged.day)


def _shown(job: AnalysisJobPublic) -> dict[str, Any]:
    return job.model_dump(mode="json", exclude_none=True)


@router.post(
    "/athletes/{athlete_id}/analyses",
    status_code=202,
    response_model=AnalysisJobPublic,
    response_model_exclude_none=True,
    responses=_UPLOAD_ERRORS,
)
def submit_analysis(
    request: Request,
    access: CoachDep,
    uow: UowDep,
    queue: QueueDep,
    key: IdempotencyKeyDep,
    file: Annotated[UploadFile, File(description="A side-view video or a keypoint file.")],
) -> Any:
    """Queue a form analysis of a video or keypoint file (owner or coach); it runs in the
    background: read ``GET /api/v1/analyses/{id}`` for its status and result."""
    fingerprint = f"{file.filename}\n{jobs.upload_digest(file.file)}" if key else ""
    ask = idempotent_request(request, access.user.id, key, fingerprint)

    def work() -> tuple[int, dict[str, Any]]:
        job = jobs.submit(uow, queue, access, file.filename, file.file)
        return 202, _shown(job_public(job))

    status, document = idempotency.answered(uow, ask, work)
    return JSONResponse(document, status_code=status)


@router.get(
    "/analyses/{job_id}",
    response_model=AnalysisJobPublic,
    response_model_exclude_none=True,
    responses=_ERRORS,
)
def get_analysis(job: ReadableJobDep, uow: UowDep, settings: SettingsDep) -> Any:
    """An analysis job: its status, and its result once done or its error once failed; a
    finished video job names its annotated video (``video_url``)."""
    has_video = jobs.annotated_video(settings, job) is not None
    shown = job_public(
        job, jobs.job_result(uow, job), has_video=has_video, sets=jobs.linked_sets(uow, job)
    )
    return JSONResponse(_shown(shown))


@router.put(
    "/analyses/{job_id}/sets/{set_id}",
    response_model=SetPublic,
    responses={**_ERRORS, 409: {"model": ErrorPublic, "description": "The job is not done."}},
)
def link_set(
    request: Request, job_id: JobId, set_id: SetId, user: UserDep, uow: UowDep
) -> SetPublic:
    """Link a logged set of the job's athlete to the job's finished analysis (owner or coach):
    the set then carries the analysis's faults, which the progression rules read. 404 for a
    set of another athlete; 409 while the job is not done."""
    job, access = jobs.job_in_scope(uow, user, job_id, Scope.COACH)
    linked = jobs.link_set(uow, job, set_id)
    access_service.record(uow, access, "write", f"{request.method} {request.url.path}")
    return _set(linked)


@router.get(
    "/analyses/{job_id}/video",
    response_class=FileResponse,
    responses={
        **_ERRORS,
        200: {"content": {"video/mp4": {}}, "description": "The annotated video (H.264 MP4)."},
        206: {"description": "The part of the video a Range header asked for."},
    },
)
def get_analysis_video(job: ReadableJobDep, settings: SettingsDep) -> FileResponse:
    """The annotated video of a finished video analysis (skeleton, thigh angle, rep counter
    and faults drawn on the clip); Range requests are answered, so browsers can seek. 404
    for a keypoint upload or a job not done."""
    path = jobs.annotated_video(settings, job)
    if path is None:
        raise NotFoundError(f"analysis job {job.id} has no annotated video")
    return FileResponse(path, media_type="video/mp4", filename=f"annotated-{job.id}.mp4",
                        content_disposition_type="inline")  # fmt: skip


@router.get("/athletes/{athlete_id}/analyses", response_model=AnalysisJobPage, responses=_ERRORS)
def list_analyses(
    access: ReaderDep,
    uow: UowDep,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> Any:
    """The athlete's analysis jobs, newest first (without results: read a job for its own)."""
    page, total = jobs.jobs_of(uow, access.athlete.id, limit=limit, offset=offset)
    return JSONResponse({"items": [_shown(job_public(job)) for job in page], "total": total})
