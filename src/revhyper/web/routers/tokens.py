"""Personal API tokens: made and named by their user, listed without their secret, revoked."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from revhyper.adapters.db.accounts import StoredToken
from revhyper.services import accounts
from revhyper.services.accounts import TokenKind
from revhyper.web.account_schemas import (
    PersonalTokenCreate,
    PersonalTokenCreated,
    PersonalTokenList,
    PersonalTokenPublic,
)
from revhyper.web.deps import MAX_ID, UowDep, UserDep
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1/me/tokens", tags=["tokens"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    403: {"model": ErrorPublic, "description": "A browser session without its CSRF token."},
    422: {"model": ErrorPublic},
}

TokenId = Annotated[int, Path(ge=1, le=MAX_ID, description="The token's id.")]


def token_public(token: StoredToken) -> PersonalTokenPublic:
    """A personal token as listed."""
    return PersonalTokenPublic(
        id=token.id,
        name=token.name,
        created_at=token.created_at,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
    )


@router.post("", status_code=201, response_model=PersonalTokenCreated, responses=_ERRORS)
def create_token(body: PersonalTokenCreate, user: UserDep, uow: UowDep) -> PersonalTokenCreated:
    """Make a personal token for scripts; its secret is in this answer only (stored hashed)."""
    issued = accounts.issue_personal_token(uow, user, body.name, body.expires_in_days)
    return PersonalTokenCreated(
        id=issued.record.id,
        name=issued.record.name,
        token=issued.secret,
        created_at=issued.record.created_at,
        expires_at=issued.record.expires_at,
    )


@router.get("", response_model=PersonalTokenList, responses=_ERRORS)
def list_tokens(user: UserDep, uow: UowDep) -> PersonalTokenList:
    """The caller's personal tokens, newest first, revoked ones included (never a secret)."""
    items = [token_public(t) for t in accounts.personal_tokens(uow, user)]
    return PersonalTokenList(items=items, total=len(items))


@router.delete("/{token_id}", status_code=204, responses={**_ERRORS, 404: {"model": ErrorPublic}})
def revoke_token(token_id: TokenId, user: UserDep, uow: UowDep) -> Response:
    """Revoke one of the caller's personal tokens at once; anyone else's id: 404."""
    accounts.revoke_token(uow, user, token_id, TokenKind.PERSONAL)
    return Response(status_code=204)
