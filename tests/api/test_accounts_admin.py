"""The administrators' API: list, create, disable and re-role accounts; 404 for everyone else;
and no access to athletes' data without a grant."""

from __future__ import annotations

import pytest
from account_support import stored
from api_support import PASSWORD, Api

from revhyper.adapters.db.models import UserRow

USERS = "/api/v1/users"


def new_user(username: str = "coach.bo", role: str = "coach") -> dict[str, str]:
    return {"username": username, "role": role, "password": PASSWORD}


def test_an_admin_lists_every_account_without_secrets(db_api: Api) -> None:
    admin = db_api.add_user("root.admin", "admin")
    db_api.add_user("alex")
    answer = db_api.client.get(USERS, headers=admin)
    assert answer.status_code == 200
    listed = answer.json()
    assert listed["total"] == 2
    assert [(u["username"], u["role"], u["disabled"]) for u in listed["items"]] == [
        ("alex", "athlete", False),
        ("root.admin", "admin", False),
    ]
    assert set(listed["items"][0]) == {"id", "username", "role", "disabled", "created_at"}
    assert "argon2" not in answer.text


def test_an_admin_creates_an_account_that_can_sign_in(db_api: Api) -> None:
    admin = db_api.add_user("root.admin", "admin")
    answer = db_api.client.post(USERS, json=new_user(), headers=admin)
    assert answer.status_code == 201
    assert answer.json()["username"] == "coach.bo" and answer.json()["role"] == "coach"
    assert PASSWORD not in answer.text
    me = db_api.client.get("/api/v1/me", headers=db_api.sign_in("coach.bo"))
    assert me.json()["role"] == "coach"


def test_a_taken_name_is_409_and_the_first_account_is_kept(db_api: Api) -> None:
    admin = db_api.add_user("root.admin", "admin")
    db_api.add_user("alex")
    answer = db_api.client.post(USERS, json=new_user("alex", "admin"), headers=admin)
    assert answer.status_code == 409
    assert answer.json()["error"]["code"] == "already_exists"
    assert "'alex' is taken" in answer.json()["error"]["message"]
    assert db_api.client.get("/api/v1/me", headers=db_api.sign_in("alex")).json()["role"] == (
        "athlete"
    )


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (new_user() | {"password": "too short"}, "'password'"),
        (new_user() | {"role": "owner"}, "'role'"),
        (new_user("a b"), "username 'a b' is not allowed"),
        (new_user("x" * 61), "is not allowed"),
        (new_user() | {"disabled": True}, "'disabled'"),
        ({"username": "coach.bo", "role": "coach"}, "'password'"),
    ],
)
def test_bad_accounts_are_422_naming_the_field_and_store_nothing(
    api: Api, body: dict[str, object], says: str
) -> None:
    admin = api.add_user("root.admin", "admin")
    answer = api.client.post(USERS, json=body, headers=admin)
    assert answer.status_code == 422
    assert says in answer.json()["error"]["message"]
    assert stored(api, UserRow) == 1


@pytest.mark.parametrize("role", ["athlete", "coach"])
def test_everyone_but_an_admin_gets_404_as_at_an_unknown_address(api: Api, role: str) -> None:
    caller = api.add_user("someone", role)
    unknown = api.client.get("/api/v1/no-such-thing", headers=caller)
    answers = [
        api.client.get(USERS, headers=caller),
        api.client.post(USERS, json=new_user("made.up", "admin"), headers=caller),
        api.client.patch(f"{USERS}/someone", json={"role": "admin"}, headers=caller),
    ]
    for answer in answers:
        assert answer.status_code == 404
        assert answer.json() == unknown.json()
    assert stored(api, UserRow) == 1
    assert api.client.get("/api/v1/me", headers=caller).json()["role"] == role


def test_the_admin_routes_need_a_signed_in_caller(api: Api) -> None:
    assert api.client.get(USERS).status_code == 401
    assert api.client.post(USERS, json=new_user()).status_code == 401
    assert api.client.patch(f"{USERS}/alex", json={"disabled": True}).status_code == 401


def test_a_new_role_applies_to_the_accounts_next_request(db_api: Api) -> None:
    admin = db_api.add_user("root.admin", "admin")
    coach = db_api.add_user("coach.bo", "coach")
    answer = db_api.client.patch(f"{USERS}/coach.bo", json={"role": "athlete"}, headers=admin)
    assert answer.status_code == 200
    assert answer.json()["role"] == "athlete"
    assert db_api.client.get("/api/v1/me", headers=coach).json()["role"] == "athlete"


def test_a_promoted_admin_reaches_the_admin_routes(api: Api) -> None:
    admin = api.add_user("root.admin", "admin")
    alex = api.add_user("alex")
    assert api.client.get(USERS, headers=alex).status_code == 404
    api.client.patch(f"{USERS}/alex", json={"role": "admin"}, headers=admin)
    assert api.client.get(USERS, headers=alex).status_code == 200


def test_an_admin_may_not_disable_or_demote_their_own_account(api: Api) -> None:
    admin = api.add_user("root.admin", "admin")
    for change in ({"disabled": True}, {"role": "coach"}):
        answer = api.client.patch(f"{USERS}/root.admin", json=change, headers=admin)
        assert answer.status_code == 422
        assert "your own account" in answer.json()["error"]["message"]
    listed = api.client.get(USERS, headers=admin).json()["items"]
    assert (listed[0]["role"], listed[0]["disabled"]) == ("admin", False)


def test_patching_needs_a_change_and_a_known_account(api: Api) -> None:
    admin = api.add_user("root.admin", "admin")
    api.add_user("alex")
    empty = api.client.patch(f"{USERS}/alex", json={}, headers=admin)
    assert empty.status_code == 422
    assert "'disabled'" in empty.json()["error"]["message"]
    unknown = api.client.patch(f"{USERS}/nobody", json={"disabled": True}, headers=admin)
    assert unknown.status_code == 404
    assert "no user named 'nobody'" in unknown.json()["error"]["message"]
    bad = api.client.patch(f"{USERS}/alex", json={"disabled": "maybe"}, headers=admin)
    assert bad.status_code == 422


def test_an_admin_sees_no_athletes_data_without_a_grant(db_api: Api) -> None:
    admin = db_api.add_user("root.admin", "admin")
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    set_body = {"variation": "machine-reverse-hyper", "reps": 12}
    db_api.client.post(f"/api/v1/athletes/{athlete}/sets", json=set_body, headers=owner)
    assert db_api.client.get("/api/v1/athletes", headers=admin).json()["total"] == 0
    for path in (f"/api/v1/athletes/{athlete}", f"/api/v1/athletes/{athlete}/sets"):
        assert db_api.client.get(path, headers=admin).status_code == 404
    db_api.grant(owner, athlete, "root.admin", "read")
    sets = db_api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=admin)
    assert sets.status_code == 200 and sets.json()["total"] == 1
