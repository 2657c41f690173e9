"""Athletes, their grants and their audit log."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import JSONResponse

from revhyper.adapters.db.repositories import StoredAthlete
from revhyper.adapters.plan_json import athlete_to_dict, screening_to_dict
from revhyper.services import access as access_service
from revhyper.services import athletes as athlete_service
from revhyper.services import idempotency
from revhyper.services.planning import profile_from_fields
from revhyper.web.deps import (
    IdempotencyKeyDep,
    OwnerDep,
    ReaderDep,
    UowDep,
    UserDep,
    request_fingerprint,
)
from revhyper.web.schemas import (
    AthleteCreate,
    AthleteList,
    AthletePublic,
    AthleteUpdate,
    AuditEventPublic,
    AuditPage,
    ErrorPublic,
    GrantCreate,
    GrantPublic,
)

router = APIRouter(prefix="/api/v1/athletes", tags=["athletes"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    404: {"model": ErrorPublic},
    422: {"model": ErrorPublic},
}


def athlete_public(athlete: StoredAthlete, access: str) -> AthletePublic:
    """The athlete as the API shows it."""
    return AthletePublic(
        id=athlete.id,
        name=athlete.name,
        access=access,  # type: ignore[arg-type]
        profile=athlete_to_dict(athlete.profile),
        screening=screening_to_dict(athlete.screening),  # type: ignore[arg-type]
        created_at=athlete.created_at,
    )


def idempotent_request(
    request: Request, user_id: int, key: str | None, body: str
) -> idempotency.IdempotentRequest | None:
    """The idempotency record a request with ``key`` is stored under."""
    if key is None:
        return None
    fingerprint = request_fingerprint(request.method, request.url.path, body.encode())
    return idempotency.IdempotentRequest(user_id, key, fingerprint)


@router.post(
    "",
    status_code=201,
    response_model=AthletePublic,
    responses={
        **_ERRORS,
        200: {"model": AthletePublic, "description": "A repeat (same Idempotency-Key)."},
    },
)
def create_athlete(
    body: AthleteCreate, request: Request, user: UserDep, uow: UowDep, key: IdempotencyKeyDep
) -> Any:
    """Add an athlete owned by the caller (screened on the way in)."""
    fields = body.model_dump(exclude_none=True)
    profile = profile_from_fields(fields)

    def work() -> tuple[int, dict[str, Any]]:
        stored = athlete_service.add_athlete(uow, body.name, profile, owner_id=user.id)
        return 201, athlete_public(stored, "owner").model_dump(mode="json")

    status, document = idempotency.answered(
        uow, idempotent_request(request, user.id, key, body.model_dump_json()), work
    )
    return JSONResponse(document, status_code=status)


@router.get("", response_model=AthleteList, responses=_ERRORS)
def list_athletes(user: UserDep, uow: UowDep) -> AthleteList:
    """The athletes the caller owns and those granted to them."""
    visible = access_service.visible_athletes(uow, user)
    items = [athlete_public(a.athlete, a.scope.value) for a in visible]
    return AthleteList(items=items, total=len(items))


@router.get("/{athlete_id}", response_model=AthletePublic, responses=_ERRORS)
def get_athlete(access: ReaderDep) -> AthletePublic:
    """One athlete; 404 when the caller may not see it."""
    return athlete_public(access.athlete, access.scope.value)


@router.patch("/{athlete_id}", response_model=AthletePublic, responses=_ERRORS)
def update_athlete(body: AthleteUpdate, access: OwnerDep, uow: UowDep) -> AthletePublic:
    """Change the owner's athlete's profile (screened again)."""
    changes = body.model_dump(exclude_unset=True, exclude_none=True)
    updated = athlete_service.update_athlete(uow, access.athlete.id, changes)
    return athlete_public(updated, "owner")


@router.post("/{athlete_id}/grants", status_code=201, response_model=GrantPublic, responses=_ERRORS)
def create_grant(body: GrantCreate, access: OwnerDep, uow: UowDep) -> GrantPublic:
    """Give a coach or physio ``read`` or ``coach`` access (owner only)."""
    stored = access_service.grant(uow, access.user, access.athlete.id, body.username, body.scope)
    return GrantPublic(username=stored.grantee, scope=stored.scope, created_at=stored.created_at)  # type: ignore[arg-type]


@router.get("/{athlete_id}/grants", response_model=list[GrantPublic], responses=_ERRORS)
def list_grants(access: OwnerDep, uow: UowDep) -> list[GrantPublic]:
    """Who has access to the owner's athlete."""
    return [
        GrantPublic(username=g.grantee, scope=g.scope, created_at=g.created_at)  # type: ignore[arg-type]
        for g in access_service.grants_of(uow, access.user, access.athlete.id)
    ]


@router.delete("/{athlete_id}/grants/{username}", status_code=204, responses=_ERRORS)
def revoke_grant(username: str, access: OwnerDep, uow: UowDep) -> Response:
    """Take a user's access back at once."""
    access_service.revoke(uow, access.user, access.athlete.id, username[:200])
    return Response(status_code=204)


@router.get("/{athlete_id}/audit", response_model=AuditPage, responses=_ERRORS)
def audit(
    access: OwnerDep,
    uow: UowDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
) -> AuditPage:
    """Every read and write of the athlete's data by others, newest first (owner only)."""
    events, total = access_service.audit_log(
        uow, access.user, access.athlete.id, limit=limit, offset=offset
    )
    items = [
        AuditEventPublic(id=e.id, actor=e.actor, action=e.action, detail=e.detail, at=e.at)
        for e in events
    ]
    return AuditPage(items=items, total=total)
