"""Helpers of the account tests: a browser of its own (its own cookie jar) on the app, and
counts of what is stored."""

from __future__ import annotations

from api_support import PASSWORD, Api, TestClient
from sqlalchemy import func, select

from revhyper.adapters.db.models import ApiTokenRow, AthleteRow, LoginAttemptRow, UserRow

SESSION_URL = "/api/v1/auth/session"


def browser(api: Api, address: str = "testclient") -> TestClient:
    """A new client on the app (an empty cookie jar) whose requests come from ``address``."""
    return TestClient(api.client.app, client=(address, 50000))


def signed_in_browser(api: Api, username: str, password: str = PASSWORD) -> tuple[TestClient, str]:
    """A browser signed in as ``username`` (the cookie in its jar) and its CSRF token."""
    client = browser(api)
    answer = client.post(SESSION_URL, data={"username": username, "password": password})
    assert answer.status_code == 200, answer.text
    return client, answer.json()["csrf_token"]


def bearer(token: str) -> dict[str, str]:
    """The Authorization header of a token."""
    return {"Authorization": f"Bearer {token}"}


def stored(api: Api, row: type[ApiTokenRow | AthleteRow | LoginAttemptRow | UserRow]) -> int:
    """How many rows of this table are stored."""
    with api.uow() as uow:
        return int(uow.session.scalar(select(func.count()).select_from(row)) or 0)
