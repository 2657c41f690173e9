"""Signing in: the OAuth2 password flow for API clients, and who am I."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request

from revhyper.services import accounts
from revhyper.services.accounts import TokenKind
from revhyper.web.deps import SettingsDep, UowDep, UserDep
from revhyper.web.schemas import ErrorPublic, TokenPublic, UserPublic

router = APIRouter(prefix="/api/v1", tags=["auth"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    422: {"model": ErrorPublic},
    429: {"model": ErrorPublic},
}


def client_address(request: Request) -> str:
    """The caller's address as the server sees it (the rate limit's key)."""
    return request.client.host if request.client else "unknown"


@router.post("/auth/token", response_model=TokenPublic, responses=_ERRORS)
def token(
    request: Request,
    uow: UowDep,
    settings: SettingsDep,
    username: Annotated[str, Form(min_length=1, max_length=200)],
    password: Annotated[str, Form(min_length=1, max_length=accounts.MAX_PASSWORD_CHARS)],
) -> TokenPublic:
    """Exchange a username and password (form fields) for a bearer token; 401 when wrong,
    429 after too many failures for the account or the address."""
    user = accounts.authenticate(uow, username, password, client_address(request), settings)
    lifetime = timedelta(hours=settings.access_token_hours)
    issued = accounts.issue_token(uow, user, TokenKind.ACCESS, lifetime=lifetime)
    return TokenPublic(access_token=issued.secret, expires_in=int(lifetime.total_seconds()))


@router.get("/me", response_model=UserPublic, responses={401: {"model": ErrorPublic}})
def me(user: UserDep) -> UserPublic:
    """The signed-in account."""
    return UserPublic(id=user.id, username=user.username, role=user.role)  # type: ignore[arg-type]
