"""The documents of the account routes: personal tokens, browser sessions, the admin API and
password changes (``XCreate``/``XUpdate`` in, ``XPublic`` out)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from revhyper.services.accounts import (
    MAX_PASSWORD_CHARS,
    MAX_PERSONAL_TOKEN_DAYS,
    MAX_TOKEN_NAME_CHARS,
    MIN_PASSWORD_CHARS,
)
from revhyper.web.schemas import Flag, Public, Strict, UtcTime

RoleName = Literal["athlete", "coach", "admin"]


class PersonalTokenCreate(Strict):
    """A new personal token: what it is for, and how long it lives (none: until revoked)."""

    name: str = Field(min_length=1, max_length=MAX_TOKEN_NAME_CHARS, description="e.g. backup")
    expires_in_days: int | None = Field(
        default=None, ge=1, le=MAX_PERSONAL_TOKEN_DAYS, description="Lifetime [days]."
    )


class PersonalTokenPublic(Public):
    """A personal token as listed (never its secret)."""

    id: int
    name: str
    created_at: UtcTime
    expires_at: UtcTime | None
    last_used_at: UtcTime | None
    revoked_at: UtcTime | None


class PersonalTokenCreated(Public):
    """A personal token just made: ``token`` is its secret, shown this once only."""

    id: int
    name: str
    token: str = Field(description="Send as Authorization: Bearer <token>; not shown again.")
    created_at: UtcTime
    expires_at: UtcTime | None


class PersonalTokenList(Public):
    items: list[PersonalTokenPublic]
    total: int


class BrowserSessionPublic(Public):
    """The signed-in browser's account and the CSRF token to send as ``X-CSRF-Token``."""

    username: str
    role: RoleName
    csrf_token: str


class UserAdminPublic(Public):
    """An account as an administrator sees it."""

    id: int
    username: str
    role: RoleName
    disabled: bool
    created_at: UtcTime


class UserAdminList(Public):
    items: list[UserAdminPublic]
    total: int


class UserCreate(Strict):
    """A new account (the password as typed; stored only as an Argon2id hash)."""

    username: str = Field(min_length=1, max_length=200, description="3-60 of A-Z a-z 0-9 . - _")
    role: RoleName
    password: str = Field(
        min_length=MIN_PASSWORD_CHARS,
        max_length=MAX_PASSWORD_CHARS,
        json_schema_extra={"writeOnly": True},
    )


class UserUpdate(Strict):
    """What an administrator changes about an account (at least one field)."""

    disabled: Flag | None = None
    role: RoleName | None = None


class PasswordChange(Strict):
    """The signed-in user's current password and the new one."""

    current_password: str = Field(
        min_length=1, max_length=MAX_PASSWORD_CHARS, json_schema_extra={"writeOnly": True}
    )
    new_password: str = Field(
        min_length=MIN_PASSWORD_CHARS,
        max_length=MAX_PASSWORD_CHARS,
        json_schema_extra={"writeOnly": True},
    )
