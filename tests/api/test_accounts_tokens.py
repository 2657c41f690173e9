"""Personal API tokens: made with their secret shown once, listed without it, working as bearer
tokens until revoked or expired, and nobody else's to revoke."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from account_support import bearer, stored
from api_support import Api
from sqlalchemy import select

from revhyper.adapters.db.models import ApiTokenRow
from revhyper.adapters.db.repositories import utc_now
from revhyper.services import accounts

TOKENS = "/api/v1/me/tokens"


def make_token(api: Api, headers: dict[str, str], **body: object) -> dict[str, object]:
    answer = api.client.post(TOKENS, json={"name": "backup script", **body}, headers=headers)
    assert answer.status_code == 201, answer.text
    document: dict[str, object] = answer.json()
    return document


def test_a_new_token_shows_its_secret_once_and_works_as_a_bearer_token(db_api: Api) -> None:
    headers = db_api.add_user("alex")
    made = make_token(db_api, headers)
    assert set(made) == {"id", "name", "token", "created_at", "expires_at"}
    assert made["name"] == "backup script" and made["expires_at"] is None
    secret = str(made["token"])
    me = db_api.client.get("/api/v1/me", headers=bearer(secret))
    assert me.status_code == 200
    assert me.json()["username"] == "alex"
    listed = db_api.client.get(TOKENS, headers=headers)
    assert secret not in listed.text
    assert listed.json()["items"][0].keys() == {
        "id",
        "name",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
    }


def test_only_the_secrets_hash_is_stored(api: Api) -> None:
    headers = api.add_user("alex")
    secret = str(make_token(api, headers)["token"])
    with api.uow() as uow:
        row = uow.session.scalars(select(ApiTokenRow).where(ApiTokenRow.kind == "personal")).one()
        columns = [str(getattr(row, c.key)) for c in ApiTokenRow.__table__.columns]
    assert all(secret not in value for value in columns)


def test_the_expiry_is_the_asked_number_of_days_after_creation(api: Api) -> None:
    made = make_token(api, api.add_user("alex"), expires_in_days=30)
    created = datetime.fromisoformat(str(made["created_at"]))
    expires = datetime.fromisoformat(str(made["expires_at"]))
    assert expires - created == timedelta(days=30)
    assert created.utcoffset() == timedelta(0)


def test_the_list_shows_last_use_and_revocation_newest_first(api: Api) -> None:
    headers = api.add_user("alex")
    first = make_token(api, headers, name="first")
    second = make_token(api, headers, name="second")
    listed = api.client.get(TOKENS, headers=headers).json()
    assert [t["name"] for t in listed["items"]] == ["second", "first"]
    assert listed["total"] == 2
    assert all(t["last_used_at"] is None and t["revoked_at"] is None for t in listed["items"])
    api.client.get("/api/v1/me", headers=bearer(str(first["token"])))
    api.client.delete(f"{TOKENS}/{second['id']}", headers=headers)
    by_name = {t["name"]: t for t in api.client.get(TOKENS, headers=headers).json()["items"]}
    assert by_name["first"]["last_used_at"] is not None
    assert by_name["first"]["revoked_at"] is None
    assert by_name["second"]["revoked_at"] is not None


def test_a_revoked_token_stops_working_at_once(db_api: Api) -> None:
    headers = db_api.add_user("alex")
    made = make_token(db_api, headers)
    assert db_api.client.get("/api/v1/me", headers=bearer(str(made["token"]))).status_code == 200
    revoked = db_api.client.delete(f"{TOKENS}/{made['id']}", headers=headers)
    assert revoked.status_code == 204
    after = db_api.client.get("/api/v1/me", headers=bearer(str(made["token"])))
    assert after.status_code == 401
    assert after.json()["error"]["code"] == "unauthorized"
    assert "revoked" in after.json()["error"]["message"]


def test_someone_elses_token_id_is_404_like_an_unknown_one_and_stays_valid(db_api: Api) -> None:
    alex = db_api.add_user("alex")
    sam = db_api.add_user("sam")
    made = make_token(db_api, alex)
    theirs = db_api.client.delete(f"{TOKENS}/{made['id']}", headers=sam)
    unknown = db_api.client.delete(f"{TOKENS}/999999", headers=sam)
    assert theirs.status_code == unknown.status_code == 404
    assert theirs.json()["error"]["message"].replace(str(made["id"]), "N") == unknown.json()[
        "error"
    ]["message"].replace("999999", "N")
    assert db_api.client.get("/api/v1/me", headers=bearer(str(made["token"]))).status_code == 200
    assert db_api.client.get(TOKENS, headers=sam).json()["total"] == 0


def test_an_access_token_is_not_revoked_through_the_personal_token_route(api: Api) -> None:
    headers = api.add_user("alex")
    with api.uow() as uow:
        access_id = uow.session.scalars(select(ApiTokenRow.id)).one()
    assert api.client.delete(f"{TOKENS}/{access_id}", headers=headers).status_code == 404
    assert api.client.get("/api/v1/me", headers=headers).status_code == 200


def test_an_expired_token_answers_401(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    made = make_token(api, api.add_user("alex"), expires_in_days=1)
    assert api.client.get("/api/v1/me", headers=bearer(str(made["token"]))).status_code == 200
    later = utc_now() + timedelta(days=1, minutes=1)
    monkeypatch.setattr(accounts, "utc_now", lambda: later)
    answer = api.client.get("/api/v1/me", headers=bearer(str(made["token"])))
    assert answer.status_code == 401
    assert "expired" in answer.json()["error"]["message"]


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"name": ""}, "'name'"),
        ({"name": "   "}, "token name is empty"),
        ({"name": "x" * 101}, "'name'"),
        ({"name": "ok", "expires_in_days": 0}, "'expires_in_days'"),
        ({"name": "ok", "expires_in_days": 3651}, "'expires_in_days'"),
        ({"name": "ok", "expires_in_days": 1.5}, "'expires_in_days'"),
        ({"name": "ok", "scope": "admin"}, "'scope'"),
        ({}, "'name'"),
    ],
)
def test_bad_token_requests_answer_422_naming_the_field_and_store_nothing(
    api: Api, body: dict[str, object], says: str
) -> None:
    headers = api.add_user("alex")
    before = stored(api, ApiTokenRow)
    answer = api.client.post(TOKENS, json=body, headers=headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "invalid_input"
    assert says in answer.json()["error"]["message"]
    assert stored(api, ApiTokenRow) == before


def test_the_token_routes_need_a_signed_in_caller(api: Api) -> None:
    assert api.client.post(TOKENS, json={"name": "x"}).status_code == 401
    assert api.client.get(TOKENS).status_code == 401
    assert api.client.delete(f"{TOKENS}/1").status_code == 401
    assert stored(api, ApiTokenRow) == 0
