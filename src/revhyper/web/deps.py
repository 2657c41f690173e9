"""Dependencies every route declares: the settings, a unit of work, the signed-in user, and
the caller's access to the athlete in the path (authorization lives here, not in handlers)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Header, Path, Request
from fastapi.dependencies.models import Dependant
from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel
from starlette.requests import HTTPConnection

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredToken, StoredUser
from revhyper.services import access as access_service
from revhyper.services.access import Access, Scope
from revhyper.services.accounts import (
    AuthenticationError,
    TokenKind,
    csrf_matches,
    require_admin,
    resolve_token,
)
from revhyper.settings import Settings
from revhyper.web.errors import ApiError

#: Largest database id accepted in a path [–] (a 32-bit column's range).
MAX_ID = 2**31 - 1
#: The browser session's cookie and the header that carries its CSRF token.
SESSION_COOKIE = "revhyper_session"
CSRF_HEADER = "X-CSRF-Token"
#: Methods that change nothing, so need no CSRF token.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Longest ``Idempotency-Key`` accepted [characters].
MAX_IDEMPOTENCY_KEY_CHARS = 200

bearer = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


def _declared_query(dependant: Dependant) -> set[str]:
    """The query parameter names a route (and its dependencies) declares."""
    names: set[str] = set()
    for field in dependant.query_params:
        annotation = field.field_info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names |= {info.alias or name for name, info in annotation.model_fields.items()}
        names.add(field.alias)
    for sub in dependant.dependencies:
        names |= _declared_query(sub)
    return names


async def refuse_unknown_query(request: HTTPConnection) -> None:
    """422 for a query parameter the route does not know (a misspelt filter such as
    ``?sinse=`` would otherwise be ignored silently); applied to every route by the app (an
    ``HTTPConnection``, so WebSocket routes get it too)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    declared = _declared_query(dependant)
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        allowed = ", ".join(sorted(declared)) or "none"
        shown = ", ".join(repr(name[:40]) for name in unknown[:5])
        raise ApiError(422, "invalid_input", f"unknown query parameter {shown}: allowed {allowed}")


async def settings_of(request: Request) -> Settings:
    """The app's settings (``async``: no I/O, so FastAPI runs it without a thread hop)."""
    settings: Settings = request.app.state.settings
    return settings


async def unit_of_work(request: Request) -> UnitOfWork:
    """A fresh unit of work on the app's database (``async``: making it does no I/O, so
    FastAPI runs it without a thread hop; the work in it runs in the sync routes' threads)."""
    return UnitOfWork(request.app.state.engine)


SettingsDep = Annotated[Settings, Depends(settings_of)]
UowDep = Annotated[UnitOfWork, Depends(unit_of_work)]


def _from_cookie(request: Request, uow: UnitOfWork) -> tuple[StoredUser, StoredToken] | None:
    secret = request.cookies.get(SESSION_COOKIE)
    if not secret:
        return None
    user, token = resolve_token(uow, secret, frozenset({TokenKind.BROWSER}))
    if request.method not in SAFE_METHODS and not csrf_matches(
        token, request.headers.get(CSRF_HEADER)
    ):
        raise ApiError(
            403,
            "csrf_failed",
            f"missing or wrong {CSRF_HEADER} header: send the CSRF token given at sign-in",
        )
    return user, token


def current_credentials(
    request: Request, uow: UowDep, token: Annotated[str | None, Depends(bearer)]
) -> tuple[StoredUser, StoredToken]:
    """The signed-in user and the token they came with: a bearer token (access or personal),
    or a browser session cookie with its CSRF header on state-changing requests; 401
    otherwise."""
    if token:
        return resolve_token(uow, token, frozenset({TokenKind.ACCESS, TokenKind.PERSONAL}))
    found = _from_cookie(request, uow)
    if found is None:
        raise AuthenticationError("not signed in: send Authorization: Bearer <token>")
    return found


CredentialsDep = Annotated[tuple[StoredUser, StoredToken], Depends(current_credentials)]


async def current_user(credentials: CredentialsDep) -> StoredUser:
    """The signed-in user (see ``current_credentials``; ``async``: no I/O, no thread hop)."""
    return credentials[0]


UserDep = Annotated[StoredUser, Depends(current_user)]


async def admin_user(user: UserDep) -> StoredUser:
    """The signed-in administrator; everyone else gets 404 (not 403), as at an unknown
    address (``async``: no I/O, no thread hop)."""
    return require_admin(user)


AdminDep = Annotated[StoredUser, Depends(admin_user)]


@dataclass(frozen=True)
class BrowserSession:
    """A signed-in browser: its account, its stored session and the cookie's secret."""

    user: StoredUser
    token: StoredToken
    secret: str


def browser_session(request: Request, uow: UowDep) -> BrowserSession:
    """The browser session of the request's cookie (bearer tokens do not count), with its
    CSRF header on state-changing requests (403 ``csrf_failed``); 401 without one."""
    found = _from_cookie(request, uow)
    if found is None:
        raise AuthenticationError("no browser session: sign in with POST /api/v1/auth/session")
    return BrowserSession(found[0], found[1], request.cookies[SESSION_COOKIE])


BrowserSessionDep = Annotated[BrowserSession, Depends(browser_session)]

AthleteId = Annotated[int, Path(ge=1, le=MAX_ID, description="The athlete's id.")]


def athlete_access(needed: Scope) -> Callable[..., Access]:
    """A dependency giving the caller's access to ``{athlete_id}`` when it covers ``needed``
    (404 otherwise), auditing a granted user's use of it."""

    def dependency(request: Request, athlete_id: AthleteId, user: UserDep, uow: UowDep) -> Access:
        access = access_service.access_to(uow, user, athlete_id, needed)
        action = "read" if request.method in SAFE_METHODS else "write"
        access_service.record(uow, access, action, f"{request.method} {request.url.path}")
        return access

    return dependency


ReaderDep = Annotated[Access, Depends(athlete_access(Scope.READ))]
CoachDep = Annotated[Access, Depends(athlete_access(Scope.COACH))]
OwnerDep = Annotated[Access, Depends(athlete_access(Scope.OWNER))]


async def idempotency_key(
    key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            max_length=MAX_IDEMPOTENCY_KEY_CHARS,
            description="Any string: repeating the request with it stores nothing new.",
        ),
    ] = None,
) -> str | None:
    """The request's ``Idempotency-Key`` header, if any."""
    return key or None


IdempotencyKeyDep = Annotated[str | None, Depends(idempotency_key)]


def request_fingerprint(method: str, path: str, body: bytes) -> str:
    """SHA-256 of what a request asks (a key reused for another request is refused)."""
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()
