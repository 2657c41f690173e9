"""The log: sets as done, logged idempotently, and read back a page at a time."""

from __future__ import annotations

from datetime import UTC, date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse

from revhyper.domain.training.log import LoggedSet, SessionRecord, SetRecord
from revhyper.domain.vocabulary import VariationId
from revhyper.services import history, idempotency, training
from revhyper.web.deps import CoachDep, IdempotencyKeyDep, ReaderDep, UowDep
from revhyper.web.routers.athletes import idempotent_request
from revhyper.web.schemas import ErrorPublic, IsoDate, SetCreate, SetPage, SetPublic

router = APIRouter(prefix="/api/v1/athletes/{athlete_id}/sets", tags=["log"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
    409: {"model": ErrorPublic},
    422: {"model": ErrorPublic},
}
#: Largest page of sets [sets].
MAX_PAGE = 500


def set_public(record: SetRecord, session_id: int, day: date) -> SetPublic:
    """A stored set as the API shows it."""
    assert record.id is not None and record.position is not None
    return SetPublic(
        id=record.id,
        session_id=session_id,
        day=day,
        position=record.position,
        variation=record.variation.value,
        reps=record.reps,
        load_kg=record.load_kg,
        rpe=record.rpe,
        rir=record.rir,
        pain=record.pain,
        band=record.band,
        tempo=record.tempo,
        hold_s=record.hold_s,
        kind=record.kind.value,
        side=record.side.value if record.side else None,
        notes=record.notes,
        analysis_id=record.analysis_id,
        faults=list(record.faults),
    )


@router.post(
    "",
    status_code=201,
    response_model=SetPublic,
    responses={**_ERRORS, 200: {"model": SetPublic, "description": "A repeat: stored before."}},
)
def log_set(
    body: SetCreate, request: Request, access: CoachDep, uow: UowDep, key: IdempotencyKeyDep
) -> Any:
    """Log a set for the athlete (owner or coach). With an ``Idempotency-Key``, a repeat of
    the same request answers the stored set (200) and stores nothing."""
    fields = body.model_dump(exclude={"performed_at"}, exclude_none=True)
    record = SetRecord(**fields)
    at = body.performed_at
    day = at.date() if at is not None else None
    logged_at = at.astimezone(UTC).replace(tzinfo=None) if at is not None else None
    ask = idempotent_request(request, access.user.id, key, body.model_dump_json())

    def remember(session: SessionRecord, saved: SetRecord) -> None:
        assert session.id is not None
        document = set_public(saved, session.id, session.day).model_dump(mode="json")
        idempotency.guard(uow, ask, 201, document)

    try:  # the guard, inside the set's transaction, finds a repeat: no lookup before it
        session, saved = training.log_set(
            uow,
            access.athlete.id,
            record,
            day=day,
            logged_at=logged_at,
            before_commit=remember,
            with_sets=False,
        )
    except idempotency.Replayed as replay:
        return JSONResponse(replay.body, status_code=200)
    assert session.id is not None
    return JSONResponse(set_public(saved, session.id, session.day).model_dump(mode="json"), 201)


@router.get("", response_model=SetPage, responses=_ERRORS)
def list_sets(
    access: ReaderDep,
    uow: UowDep,
    since: IsoDate | None = None,
    until: IsoDate | None = None,
    variation: VariationId | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> SetPage:
    """The athlete's sets, oldest first, filtered by dates and variation, a page at a time."""
    page, total = history.set_page(
        uow,
        access.athlete.id,
        since=since,
        until=until,
        variation=variation.value if variation else None,
        limit=limit,
        offset=offset,
    )
    return SetPage(items=[_public(entry) for entry in page], total=total)


def _public(entry: LoggedSet) -> SetPublic:
    return set_public(entry.record, entry.session_id, entry.day)
