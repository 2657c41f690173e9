"""Accounts: the administrators' API (list, create, disable, change a role), and a user's own
password change.

Privacy: the administrator role manages accounts only. It gives no access to athletes' data:
an administrator sees an athlete's profile, log, plans or analyses only as its owner or with a
grant from the owner, like anyone else (``services.access``). Everyone but an administrator
gets 404 from the account routes, as from an unknown address (never 403).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response

from revhyper.adapters.db.accounts import StoredUser
from revhyper.services import accounts
from revhyper.web.account_schemas import (
    PasswordChange,
    UserAdminList,
    UserAdminPublic,
    UserCreate,
    UserUpdate,
)
from revhyper.web.deps import AdminDep, CredentialsDep, SettingsDep, UowDep
from revhyper.web.routers.auth import client_address
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1", tags=["users"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    403: {"model": ErrorPublic, "description": "A browser session without its CSRF token."},
    404: {"model": ErrorPublic, "description": "Not an administrator, or no such account."},
    422: {"model": ErrorPublic},
}

Username = Annotated[str, Path(min_length=1, max_length=200, description="The account's name.")]


def user_admin_public(user: StoredUser) -> UserAdminPublic:
    """An account as an administrator sees it."""
    return UserAdminPublic(
        id=user.id,
        username=user.username,
        role=user.role,  # type: ignore[arg-type]
        disabled=user.disabled,
        created_at=user.created_at,
    )


@router.get("/users", response_model=UserAdminList, responses=_ERRORS)
def list_users(_admin: AdminDep, uow: UowDep) -> UserAdminList:
    """Every account, by name (administrators only)."""
    items = [user_admin_public(u) for u in accounts.list_users(uow)]
    return UserAdminList(items=items, total=len(items))


@router.post(
    "/users",
    status_code=201,
    response_model=UserAdminPublic,
    responses={**_ERRORS, 409: {"model": ErrorPublic, "description": "The name is taken."}},
)
def create_user(body: UserCreate, _admin: AdminDep, uow: UowDep) -> UserAdminPublic:
    """Create an account (administrators only); a taken name is 409."""
    return user_admin_public(accounts.add_user(uow, body.username, body.role, body.password))


@router.patch("/users/{username}", response_model=UserAdminPublic, responses=_ERRORS)
def update_user(
    username: Username, body: UserUpdate, admin: AdminDep, uow: UowDep
) -> UserAdminPublic:
    """Disable or enable an account (disabling revokes its tokens and sessions at once), or
    change its role (administrators only; not their own account)."""
    updated = accounts.update_user(uow, admin, username, disabled=body.disabled, role=body.role)
    return user_admin_public(updated)


@router.post("/me/password", status_code=204, responses={**_ERRORS, 429: {"model": ErrorPublic}})
def change_password(
    body: PasswordChange,
    request: Request,
    credentials: CredentialsDep,
    uow: UowDep,
    settings: SettingsDep,
) -> Response:
    """Change the caller's password; their other tokens and sessions are revoked (the one
    this request came with stays valid). A wrong current password is 422 and counts as a
    failed sign-in."""
    user, token = credentials
    accounts.change_password(
        uow,
        user,
        body.current_password,
        body.new_password,
        address=client_address(request),
        settings=settings,
        keep_token_id=token.id,
    )
    return Response(status_code=204)
