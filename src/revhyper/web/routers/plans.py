"""Plans: generated from the athlete's profile, screened, stored as the active program."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from revhyper.services import idempotency, programs
from revhyper.web.deps import CoachDep, IdempotencyKeyDep, ReaderDep, UowDep
from revhyper.web.routers.athletes import idempotent_request
from revhyper.web.schemas import ErrorPublic, PlanCreate

router = APIRouter(prefix="/api/v1/athletes/{athlete_id}/plans", tags=["plans"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
    422: {"model": ErrorPublic, "description": "Bad options, or the screening refused."},
}


@router.post(
    "",
    status_code=201,
    responses={**_ERRORS, 200: {"description": "A repeat (same Idempotency-Key): made before."}},
)
def create_plan(
    body: PlanCreate, request: Request, access: CoachDep, uow: UowDep, key: IdempotencyKeyDep
) -> Any:
    """Generate a plan (the ``plan --json`` document, with the stored program's ``id``) and
    make it the athlete's active program; 422 with the reasons when screening refuses."""

    def work() -> tuple[int, dict[str, Any]]:
        program = programs.create_program(
            uow,
            access.athlete.id,
            weeks=body.weeks,
            days_per_week=body.days_per_week,
            start=body.start,
        )
        return 201, {**program.plan, "id": program.id}

    ask = idempotent_request(request, access.user.id, key, body.model_dump_json())
    status, document = idempotency.answered(uow, ask, work)
    return JSONResponse(document, status_code=status)


@router.get("/active", responses=_ERRORS)
def active_plan(access: ReaderDep, uow: UowDep) -> Any:
    """The athlete's active plan (404 when there is none)."""
    program = programs.active_program(uow, access.athlete.id)
    return {**program.plan, "id": program.id}
