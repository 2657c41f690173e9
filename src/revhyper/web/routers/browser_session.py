"""Browser sessions: sign in with a form to get an HttpOnly cookie and a CSRF token, ask for
the CSRF token again after a page reload, sign out.

The cookie ``revhyper_session`` holds the session's secret (HttpOnly: the page's scripts never
see it; SameSite=Lax; Secure when the request came over https). State-changing requests made
with the cookie must carry the CSRF token in ``X-CSRF-Token`` (``web.deps``). The CSRF token is
derived from the cookie's secret, so ``GET /api/v1/auth/session`` gives the same token again
without storing anything (no rotation: other open tabs keep working).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, Response

from revhyper.adapters.db.accounts import StoredUser
from revhyper.services import accounts
from revhyper.web.account_schemas import BrowserSessionPublic
from revhyper.web.deps import SESSION_COOKIE, BrowserSessionDep, SettingsDep, UowDep
from revhyper.web.routers.auth import client_address
from revhyper.web.schemas import ErrorPublic

router = APIRouter(prefix="/api/v1/auth/session", tags=["auth"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorPublic},
    422: {"model": ErrorPublic},
}


def session_public(user: StoredUser, csrf: str) -> BrowserSessionPublic:
    """The answer of the session routes."""
    return BrowserSessionPublic(username=user.username, role=user.role, csrf_token=csrf)  # type: ignore[arg-type]


@router.post(
    "",
    response_model=BrowserSessionPublic,
    responses={**_ERRORS, 429: {"model": ErrorPublic}},
)
def sign_in(
    request: Request,
    response: Response,
    uow: UowDep,
    settings: SettingsDep,
    username: Annotated[str, Form(min_length=1, max_length=200)],
    password: Annotated[str, Form(min_length=1, max_length=accounts.MAX_PASSWORD_CHARS)],
) -> BrowserSessionPublic:
    """Sign a browser in (form fields, the same rate limits as ``/auth/token``): sets the
    session cookie and answers the CSRF token to send as ``X-CSRF-Token``. A session cookie
    the browser already had is revoked."""
    user = accounts.authenticate(uow, username, password, client_address(request), settings)
    previous = request.cookies.get(SESSION_COOKIE)
    if previous:
        accounts.revoke_secret(uow, previous)
    issued = accounts.start_browser_session(uow, user, settings)
    response.set_cookie(
        SESSION_COOKIE,
        issued.secret,
        max_age=int(settings.browser_session_hours * 3600),
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )
    return session_public(user, accounts.browser_session_csrf(issued.secret))


@router.get("", response_model=BrowserSessionPublic, responses=_ERRORS)
def current_session(session: BrowserSessionDep) -> BrowserSessionPublic:
    """The signed-in browser's account and its CSRF token again (e.g. after a page reload)."""
    return session_public(session.user, accounts.browser_session_csrf(session.secret))


@router.delete(
    "",
    status_code=204,
    responses={**_ERRORS, 403: {"model": ErrorPublic, "description": "No CSRF token."}},
)
def sign_out(request: Request, session: BrowserSessionDep, uow: UowDep) -> Response:
    """Sign the browser out: the stored session is revoked and the cookie cleared."""
    accounts.revoke_secret(uow, session.secret)
    response = Response(status_code=204)
    response.delete_cookie(
        SESSION_COOKIE,
        path="/",
        secure=request.url.scheme == "https",
        httponly=True,
        samesite="lax",
    )
    return response
