"""Sign-in rate limits: per account and per address, on both sign-in routes, with Retry-After
and the contract's error; a success clears the account's failures. Secrets never reach logs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import timedelta

import pytest
from account_support import SESSION_URL, bearer, browser
from api_support import PASSWORD, Api

from revhyper.adapters.db.repositories import utc_now
from revhyper.services import accounts

TOKEN_URL = "/api/v1/auth/token"
WRONG = "not the password at all"


def sign_in(
    api: Api, username: str, password: str, address: str = "testclient", url: str = TOKEN_URL
) -> int:
    """The status of one sign-in from ``address``."""
    answer = browser(api, address).post(url, data={"username": username, "password": password})
    return answer.status_code


def fail(api: Api, username: str, times: int, address: str = "testclient") -> None:
    for _ in range(times):
        assert sign_in(api, username, WRONG, address) == 401


def test_the_account_limit_answers_429_with_retry_after_and_the_json_error(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(login_failures_per_account=3, login_window_minutes=10)
    api.add_user("alex")
    fail(api, "alex", 3)
    answer = browser(api).post(TOKEN_URL, data={"username": "alex", "password": WRONG})
    assert answer.status_code == 429
    assert answer.headers["Retry-After"] == "600"
    assert answer.json()["error"]["code"] == "too_many_attempts"
    assert "too many failed sign-ins for 'alex'" in answer.json()["error"]["message"]
    assert "10 minutes" in answer.json()["error"]["message"]


def test_the_right_password_is_refused_while_the_account_is_locked_on_both_routes(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(login_failures_per_account=3)
    api.add_user("alex")
    fail(api, "alex", 3)
    assert sign_in(api, "alex", PASSWORD) == 429
    session = browser(api).post(SESSION_URL, data={"username": "alex", "password": PASSWORD})
    assert session.status_code == 429
    assert "set-cookie" not in session.headers


def test_the_account_limit_holds_from_every_address(make_api: Callable[..., Api]) -> None:
    api = make_api(login_failures_per_account=3, login_failures_per_address=100)
    api.add_user("alex")
    api.add_user("sam")
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        fail(api, "alex", 1, address)
    assert sign_in(api, "alex", PASSWORD, "10.0.0.4") == 429
    assert sign_in(api, "sam", PASSWORD, "10.0.0.4") == 200


def test_failures_on_the_session_route_count_for_the_token_route(
    make_api: Callable[..., Api],
) -> None:
    api = make_api(login_failures_per_account=2)
    api.add_user("alex")
    assert sign_in(api, "alex", WRONG, url=SESSION_URL) == 401
    assert sign_in(api, "alex", WRONG, url=SESSION_URL) == 401
    assert sign_in(api, "alex", PASSWORD) == 429


def test_the_address_limit_applies_across_usernames(make_api: Callable[..., Api]) -> None:
    api = make_api(login_failures_per_account=100, login_failures_per_address=3)
    api.add_user("alex")
    for guessed in ("root", "admin", "alex"):
        fail(api, guessed, 1, "10.0.0.66")
    refused = browser(api, "10.0.0.66").post(
        TOKEN_URL, data={"username": "someone.else", "password": WRONG}
    )
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(int(api.settings.login_window_minutes * 60))
    assert "from this address" in refused.json()["error"]["message"]
    assert sign_in(api, "alex", PASSWORD, "10.0.0.66") == 429
    assert sign_in(api, "alex", PASSWORD, "10.0.0.7") == 200


def test_a_success_clears_the_accounts_failures(make_api: Callable[..., Api]) -> None:
    api = make_api(login_failures_per_account=3, login_failures_per_address=100)
    api.add_user("alex")
    fail(api, "alex", 2)
    assert sign_in(api, "alex", PASSWORD) == 200
    fail(api, "alex", 2)
    assert sign_in(api, "alex", PASSWORD) == 200


def test_failures_older_than_the_window_no_longer_count(
    make_api: Callable[..., Api], monkeypatch: pytest.MonkeyPatch
) -> None:
    api = make_api(login_failures_per_account=3, login_window_minutes=5)
    api.add_user("alex")
    fail(api, "alex", 3)
    assert sign_in(api, "alex", PASSWORD) == 429
    later = utc_now() + timedelta(minutes=5, seconds=1)
    monkeypatch.setattr(accounts, "utc_now", lambda: later)
    assert sign_in(api, "alex", PASSWORD) == 200


def test_no_password_or_token_appears_in_the_logs(
    make_api: Callable[..., Api], caplog: pytest.LogCaptureFixture
) -> None:
    api = make_api(login_failures_per_account=2)
    caplog.set_level(logging.DEBUG)
    api.add_user("alex")
    guesses = ["first-guess-Zq81x", "second-guess-Wy72y", "third-guess-Vx63z"]
    for guess in guesses:
        browser(api).post(TOKEN_URL, data={"username": "alex", "password": guess})
        browser(api).post(SESSION_URL, data={"username": "nobody.here", "password": guess})
    token = api.tokens["alex"]
    new_password = "a brand new secret Ut54w"
    api.client.post(
        "/api/v1/me/password",
        json={"current_password": guesses[0], "new_password": new_password},
        headers=bearer(token),
    )
    made = api.client.post("/api/v1/me/tokens", json={"name": "ci"}, headers=bearer(token))
    personal = made.json()["token"]
    api.client.get("/api/v1/me", headers=bearer(personal))
    logged = caplog.text
    assert "failed sign-in as 'alex'" in logged  # the capture works: the failures are logged
    assert "failed sign-in as 'nobody.here'" in logged
    for secret in [PASSWORD, *guesses, new_password, token, personal]:
        assert secret not in logged
