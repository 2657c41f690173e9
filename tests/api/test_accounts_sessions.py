"""Browser sessions: a form sign-in sets an HttpOnly cookie and gives a CSRF token; requests
that change something with the cookie need that token; sign-out revokes the session."""

from __future__ import annotations

from http.cookies import SimpleCookie

from account_support import SESSION_URL, bearer, browser, signed_in_browser, stored
from api_support import PASSWORD, Api

from revhyper.adapters.db.models import ApiTokenRow, AthleteRow

ATHLETE = {"name": "Alex", "goal": "hypertrophy", "level": "intermediate", "equipment": ["floor"]}


def session_cookie(set_cookie: str) -> dict[str, str | bool]:
    """The attributes of the ``revhyper_session`` cookie in a Set-Cookie header."""
    parsed = SimpleCookie()
    parsed.load(set_cookie)
    morsel = parsed["revhyper_session"]
    attributes: dict[str, str | bool] = {k: v for k, v in morsel.items() if v}
    attributes["value"] = morsel.value
    return attributes


def test_signing_in_sets_an_httponly_lax_cookie_and_answers_the_csrf_token(db_api: Api) -> None:
    db_api.add_user("alex", "coach")
    client = browser(db_api)
    answer = client.post(SESSION_URL, data={"username": "alex", "password": PASSWORD})
    assert answer.status_code == 200
    body = answer.json()
    assert body["username"] == "alex" and body["role"] == "coach"
    assert body["csrf_token"]
    cookie = session_cookie(answer.headers["set-cookie"])
    assert cookie["httponly"] is True
    assert str(cookie["samesite"]).lower() == "lax"
    assert cookie["path"] == "/"
    assert cookie["max-age"] == str(int(db_api.settings.browser_session_hours * 3600))
    assert "secure" not in cookie
    assert str(cookie["value"]).startswith("rh_")
    assert body["csrf_token"] != cookie["value"]


def test_the_cookie_is_secure_when_the_request_came_over_https(api: Api) -> None:
    api.add_user("alex")
    answer = browser(api).post(
        "https://testserver" + SESSION_URL, data={"username": "alex", "password": PASSWORD}
    )
    assert answer.status_code == 200
    assert session_cookie(answer.headers["set-cookie"])["secure"] is True


def test_a_wrong_password_sets_no_cookie_and_stores_no_session(api: Api) -> None:
    api.add_user("alex")
    before = stored(api, ApiTokenRow)
    answer = browser(api).post(SESSION_URL, data={"username": "alex", "password": "wrong pass"})
    assert answer.status_code == 401
    assert "set-cookie" not in answer.headers
    assert stored(api, ApiTokenRow) == before


def test_a_reloaded_page_gets_the_same_csrf_token_and_nothing_new_is_stored(db_api: Api) -> None:
    db_api.add_user("alex")
    client, csrf = signed_in_browser(db_api, "alex")
    before = stored(db_api, ApiTokenRow)
    again = client.get(SESSION_URL)
    assert again.status_code == 200
    assert again.json() == {"username": "alex", "role": "athlete", "csrf_token": csrf}
    assert stored(db_api, ApiTokenRow) == before


def test_asking_for_the_session_needs_the_cookie_not_a_bearer_token(api: Api) -> None:
    headers = api.add_user("alex")
    assert browser(api).get(SESSION_URL).status_code == 401
    assert browser(api).get(SESSION_URL, headers=headers).status_code == 401


def test_a_cookie_request_without_or_with_a_wrong_csrf_token_is_403_and_stores_nothing(
    db_api: Api,
) -> None:
    db_api.add_user("alex")
    client, csrf = signed_in_browser(db_api, "alex")
    missing = client.post("/api/v1/athletes", json=ATHLETE)
    wrong = client.post("/api/v1/athletes", json=ATHLETE, headers={"X-CSRF-Token": csrf + "x"})
    for answer in (missing, wrong):
        assert answer.status_code == 403
        assert answer.json()["error"]["code"] == "csrf_failed"
        assert "X-CSRF-Token" in answer.json()["error"]["message"]
    assert stored(db_api, AthleteRow) == 0


def test_a_cookie_request_with_its_csrf_token_works(db_api: Api) -> None:
    db_api.add_user("alex")
    client, csrf = signed_in_browser(db_api, "alex")
    made = client.post("/api/v1/athletes", json=ATHLETE, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    listed = client.get("/api/v1/athletes").json()
    assert [a["name"] for a in listed["items"]] == ["Alex"]


def test_another_sessions_csrf_token_does_not_open_this_one(api: Api) -> None:
    api.add_user("alex")
    api.add_user("sam")
    alex, _ = signed_in_browser(api, "alex")
    _, sams_csrf = signed_in_browser(api, "sam")
    answer = alex.post("/api/v1/athletes", json=ATHLETE, headers={"X-CSRF-Token": sams_csrf})
    assert answer.status_code == 403
    assert stored(api, AthleteRow) == 0


def test_reading_with_the_cookie_needs_no_csrf_token(api: Api) -> None:
    api.add_user("alex")
    client, _ = signed_in_browser(api, "alex")
    assert client.get("/api/v1/me").json()["username"] == "alex"


def test_a_bearer_request_needs_no_csrf_token(api: Api) -> None:
    headers = api.add_user("alex")
    answer = browser(api).post("/api/v1/athletes", json=ATHLETE, headers=headers)
    assert answer.status_code == 201


def test_signing_out_needs_the_csrf_token(api: Api) -> None:
    api.add_user("alex")
    client, _ = signed_in_browser(api, "alex")
    refused = client.delete(SESSION_URL)
    assert refused.status_code == 403
    assert client.get("/api/v1/me").status_code == 200


def test_signing_out_revokes_the_session_and_clears_the_cookie(db_api: Api) -> None:
    db_api.add_user("alex")
    client, csrf = signed_in_browser(db_api, "alex")
    secret = client.cookies["revhyper_session"]
    answer = client.delete(SESSION_URL, headers={"X-CSRF-Token": csrf})
    assert answer.status_code == 204
    cleared = session_cookie(answer.headers["set-cookie"])
    assert cleared["value"] == "" and cleared["max-age"] == "0"
    assert "revhyper_session" not in client.cookies
    replayed = browser(db_api)
    replayed.cookies.set("revhyper_session", secret)
    assert replayed.get("/api/v1/me").status_code == 401
    assert replayed.get(SESSION_URL).status_code == 401


def test_signing_in_again_revokes_the_session_the_browser_had(api: Api) -> None:
    api.add_user("alex")
    client, _ = signed_in_browser(api, "alex")
    first = client.cookies["revhyper_session"]
    again = client.post(SESSION_URL, data={"username": "alex", "password": PASSWORD})
    assert again.status_code == 200
    assert client.cookies["revhyper_session"] != first
    old = browser(api)
    old.cookies.set("revhyper_session", first)
    assert old.get("/api/v1/me").status_code == 401
    assert client.get("/api/v1/me").status_code == 200


def test_a_session_secret_is_no_bearer_token(api: Api) -> None:
    api.add_user("alex")
    client, _ = signed_in_browser(api, "alex")
    secret = client.cookies["revhyper_session"]
    assert browser(api).get("/api/v1/me", headers=bearer(secret)).status_code == 401
