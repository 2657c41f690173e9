"""``GET /healthz``: 200 once the database answers, 503 otherwise."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text

from revhyper.web.deps import UowDep
from revhyper.web.errors import error_response
from revhyper.web.schemas import ErrorPublic, HealthPublic

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    response_model=HealthPublic,
    responses={503: {"model": ErrorPublic, "description": "The database does not answer."}},
)
def healthz(uow: UowDep) -> HealthPublic | JSONResponse:
    """Whether the server can reach its database."""
    try:
        with uow:
            uow.session.execute(text("SELECT 1"))
    except Exception:  # any failure to reach the database means "not healthy"
        return error_response(503, "storage_unavailable", "the database does not answer")
    return HealthPublic(status="ok")
