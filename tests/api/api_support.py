"""The API test helper: a test client with shortcuts for accounts and athletes."""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import Any

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    from fastapi.testclient import TestClient

from revhyper.adapters.db import UnitOfWork
from revhyper.services import accounts
from revhyper.settings import Settings

#: Every test account's password (long enough for the rule).
PASSWORD = "correct horse battery staple"


@dataclass
class Api:
    """A test client on a fresh database, with shortcuts for accounts and athletes."""

    client: TestClient
    settings: Settings
    database_url: str
    tokens: dict[str, str] = field(default_factory=dict)

    def uow(self) -> UnitOfWork:
        """A unit of work on the app's database (to look behind the API)."""
        return UnitOfWork(self.client.app.state.engine)  # type: ignore[attr-defined]

    def add_user(self, username: str, role: str = "athlete") -> dict[str, str]:
        """Create an account (through the service, as the CLI does) and sign it in; returns
        its Authorization header."""
        accounts.add_user(self.uow(), username, role, PASSWORD)
        return self.sign_in(username)

    def sign_in(self, username: str, password: str = PASSWORD) -> dict[str, str]:
        """The Authorization header of a fresh token for this account."""
        answer = self.client.post(
            "/api/v1/auth/token", data={"username": username, "password": password}
        )
        assert answer.status_code == 200, answer.text
        token = answer.json()["access_token"]
        self.tokens[username] = token
        return {"Authorization": f"Bearer {token}"}

    def add_athlete(self, headers: dict[str, str], name: str = "Alex", **profile: Any) -> int:
        """Create an athlete owned by the caller; returns its id."""
        body = {"name": name, "goal": "hypertrophy", "level": "intermediate"}
        body["equipment"] = ["machine"]
        body.update(profile)
        answer = self.client.post("/api/v1/athletes", json=body, headers=headers)
        assert answer.status_code == 201, answer.text
        return int(answer.json()["id"])

    def grant(self, owner: dict[str, str], athlete_id: int, username: str, scope: str) -> None:
        """Grant ``username`` access to the owner's athlete."""
        answer = self.client.post(
            f"/api/v1/athletes/{athlete_id}/grants",
            json={"username": username, "scope": scope},
            headers=owner,
        )
        assert answer.status_code == 201, answer.text
