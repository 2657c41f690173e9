"""A user's password change (the other tokens revoked, the one in use kept), and disabled
accounts: their tokens and sessions stop at once, and they cannot sign in."""

from __future__ import annotations

from collections.abc import Callable

from account_support import SESSION_URL, bearer, browser, signed_in_browser
from api_support import PASSWORD, Api

from revhyper.services import accounts

PASSWORD_URL = "/api/v1/me/password"
NEW_PASSWORD = "a completely new passphrase"


def change(current: str = PASSWORD, new: str = NEW_PASSWORD) -> dict[str, str]:
    return {"current_password": current, "new_password": new}


def personal_token(api: Api, headers: dict[str, str]) -> dict[str, str]:
    made = api.client.post("/api/v1/me/tokens", json={"name": "script"}, headers=headers)
    assert made.status_code == 201, made.text
    return bearer(made.json()["token"])


def test_a_password_change_keeps_the_token_in_use_and_revokes_the_others(db_api: Api) -> None:
    used = db_api.add_user("alex")
    other = db_api.sign_in("alex")
    script = personal_token(db_api, used)
    browser_client, _ = signed_in_browser(db_api, "alex")
    answer = db_api.client.post(PASSWORD_URL, json=change(), headers=used)
    assert answer.status_code == 204
    assert db_api.client.get("/api/v1/me", headers=used).status_code == 200
    for headers in (other, script):
        assert db_api.client.get("/api/v1/me", headers=headers).status_code == 401
    assert browser_client.get("/api/v1/me").status_code == 401
    assert (
        browser(db_api)
        .post("/api/v1/auth/token", data={"username": "alex", "password": PASSWORD})
        .status_code
        == 401
    )
    db_api.sign_in("alex", NEW_PASSWORD)


def test_a_password_change_from_a_browser_needs_its_csrf_token_and_keeps_the_session(
    api: Api,
) -> None:
    api.add_user("alex")
    client, csrf = signed_in_browser(api, "alex")
    assert client.post(PASSWORD_URL, json=change()).status_code == 403
    api.sign_in("alex")  # the password did not change
    changed = client.post(PASSWORD_URL, json=change(), headers={"X-CSRF-Token": csrf})
    assert changed.status_code == 204
    assert client.get(SESSION_URL).json()["csrf_token"] == csrf


def test_a_wrong_current_password_is_422_and_changes_nothing(api: Api) -> None:
    headers = api.add_user("alex")
    answer = api.client.post(PASSWORD_URL, json=change(current="not my password"), headers=headers)
    assert answer.status_code == 422
    assert "current_password is wrong" in answer.json()["error"]["message"]
    assert api.client.get("/api/v1/me", headers=headers).status_code == 200
    api.sign_in("alex", PASSWORD)


def test_wrong_current_passwords_count_as_failed_sign_ins(make_api: Callable[..., Api]) -> None:
    api = make_api(login_failures_per_account=2)
    headers = api.add_user("alex")
    for _ in range(2):
        api.client.post(PASSWORD_URL, json=change(current="a wrong guess"), headers=headers)
    locked = api.client.post(PASSWORD_URL, json=change(), headers=headers)
    assert locked.status_code == 429
    assert "Retry-After" in locked.headers
    assert (
        browser(api)
        .post("/api/v1/auth/token", data={"username": "alex", "password": NEW_PASSWORD})
        .status_code
        == 429
    )


def test_a_short_or_unchanged_new_password_is_422_naming_it(api: Api) -> None:
    headers = api.add_user("alex")
    short = api.client.post(PASSWORD_URL, json=change(new="short one"), headers=headers)
    assert short.status_code == 422
    assert "'new_password'" in short.json()["error"]["message"]
    same = api.client.post(PASSWORD_URL, json=change(new=PASSWORD), headers=headers)
    assert same.status_code == 422
    assert "new_password is the current password" in same.json()["error"]["message"]
    api.sign_in("alex", PASSWORD)


def test_disabling_stops_every_token_and_session_of_the_account_at_once(db_api: Api) -> None:
    admin = db_api.add_user("root.admin", "admin")
    access = db_api.add_user("alex")
    script = personal_token(db_api, access)
    client, _ = signed_in_browser(db_api, "alex")
    disabled = db_api.client.patch("/api/v1/users/alex", json={"disabled": True}, headers=admin)
    assert disabled.status_code == 200 and disabled.json()["disabled"] is True
    for headers in (access, script):
        answer = db_api.client.get("/api/v1/me", headers=headers)
        assert answer.status_code == 401
        assert answer.json()["error"]["code"] == "unauthorized"
    assert client.get("/api/v1/me").status_code == 401


def test_a_disabled_account_cannot_sign_in_and_is_told_as_for_a_wrong_password(
    db_api: Api,
) -> None:
    admin = db_api.add_user("root.admin", "admin")
    db_api.add_user("alex")
    db_api.client.patch("/api/v1/users/alex", json={"disabled": True}, headers=admin)
    credentials = {"username": "alex", "password": PASSWORD}
    token = browser(db_api).post("/api/v1/auth/token", data=credentials)
    session = browser(db_api).post(SESSION_URL, data=credentials)
    wrong = browser(db_api).post(
        "/api/v1/auth/token", data={"username": "root.admin", "password": "wrong password"}
    )
    assert token.status_code == session.status_code == 401
    assert token.json() == wrong.json()
    assert "set-cookie" not in session.headers


def test_a_token_stops_even_if_only_the_account_flag_changed(api: Api) -> None:
    headers = api.add_user("alex")
    with api.uow() as uow:
        user = uow.users.get("alex")
        uow.users.set_disabled(user.id, True)
        uow.commit()
    assert api.client.get("/api/v1/me", headers=headers).status_code == 401


def test_an_enabled_account_signs_in_again_but_its_old_tokens_stay_revoked(api: Api) -> None:
    admin = api.add_user("root.admin", "admin")
    old = api.add_user("alex")
    api.client.patch("/api/v1/users/alex", json={"disabled": True}, headers=admin)
    enabled = api.client.patch("/api/v1/users/alex", json={"disabled": False}, headers=admin)
    assert enabled.json()["disabled"] is False
    assert api.client.get("/api/v1/me", headers=old).status_code == 401
    fresh = api.sign_in("alex")
    assert api.client.get("/api/v1/me", headers=fresh).status_code == 200
    assert not accounts.get_user(api.uow(), "alex").disabled
