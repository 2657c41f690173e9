"""The contract's core routes answer as written (``../shared/contracts/api.md``)."""

from __future__ import annotations

from api_support import Api


def test_health_answers_ok_once_the_database_is_reachable(db_api: Api) -> None:
    answer = db_api.client.get("/healthz")
    assert answer.status_code == 200
    assert answer.json() == {"status": "ok"}


def test_the_password_flow_returns_a_bearer_token_that_opens_me(db_api: Api) -> None:
    headers = db_api.add_user("alex")
    me = db_api.client.get("/api/v1/me", headers=headers)
    assert me.status_code == 200
    assert me.json() == {"id": me.json()["id"], "username": "alex", "role": "athlete"}


def test_wrong_credentials_answer_401_with_the_json_error(db_api: Api) -> None:
    db_api.add_user("alex")
    answer = db_api.client.post(
        "/api/v1/auth/token", data={"username": "alex", "password": "not the password"}
    )
    assert answer.status_code == 401
    assert answer.json()["error"]["code"] == "unauthorized"


def test_a_set_sent_twice_with_one_idempotency_key_is_stored_once(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    body = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20, "rpe": 7}
    headers = {**owner, "Idempotency-Key": "phone-42"}
    first = db_api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)
    second = db_api.client.post(f"/api/v1/athletes/{athlete}/sets", json=body, headers=headers)
    assert first.status_code == 201
    assert second.status_code == 200
    assert second.json() == first.json()
    listed = db_api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=owner).json()
    assert listed["total"] == 1


def test_a_key_reused_for_another_set_is_refused_and_stores_nothing(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    headers = {**owner, "Idempotency-Key": "phone-42"}
    url = f"/api/v1/athletes/{athlete}/sets"
    db_api.client.post(
        url, json={"variation": "machine-reverse-hyper", "reps": 12}, headers=headers
    )
    other = db_api.client.post(
        url, json={"variation": "machine-reverse-hyper", "reps": 8}, headers=headers
    )
    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["error"]["message"]
    assert db_api.client.get(url, headers=owner).json()["total"] == 1


def test_a_stranger_gets_404_for_someone_elses_athlete(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    stranger = db_api.add_user("sam")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.get(f"/api/v1/athletes/{athlete}", headers=stranger)
    missing = db_api.client.get("/api/v1/athletes/999999", headers=stranger)
    assert answer.status_code == missing.status_code == 404
    assert answer.json()["error"]["message"].replace(str(athlete), "N") == missing.json()["error"][
        "message"
    ].replace("999999", "N")


def test_a_read_grant_sees_the_log_and_the_owner_sees_that_in_the_audit(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    db_api.grant(owner, athlete, "coach1", "read")
    assert db_api.client.get(f"/api/v1/athletes/{athlete}/sets", headers=coach).status_code == 200
    write = db_api.client.post(
        f"/api/v1/athletes/{athlete}/sets",
        json={"variation": "machine-reverse-hyper", "reps": 12},
        headers=coach,
    )
    assert write.status_code == 404
    audit = db_api.client.get(f"/api/v1/athletes/{athlete}/audit", headers=owner).json()
    details = [(event["actor"], event["action"], event["detail"]) for event in audit["items"]]
    assert ("coach1", "read", f"GET /api/v1/athletes/{athlete}/sets") in details
    assert db_api.client.get(f"/api/v1/athletes/{athlete}/audit", headers=coach).status_code == 404


def test_revoking_a_grant_takes_access_away_at_once(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    db_api.grant(owner, athlete, "coach1", "coach")
    assert db_api.client.get(f"/api/v1/athletes/{athlete}", headers=coach).status_code == 200
    revoked = db_api.client.delete(f"/api/v1/athletes/{athlete}/grants/coach1", headers=owner)
    assert revoked.status_code == 204
    assert db_api.client.get(f"/api/v1/athletes/{athlete}", headers=coach).status_code == 404
    listed = db_api.client.get("/api/v1/athletes", headers=coach).json()
    assert listed["total"] == 0


def test_a_screening_refusal_answers_422_with_the_reason(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner, medical_care=True)
    answer = db_api.client.post(f"/api/v1/athletes/{athlete}/plans", json={}, headers=owner)
    assert answer.status_code == 422
    assert answer.json()["error"]["code"] == "screening_refused"
    assert "clearance" in answer.json()["error"]["message"].lower()


def test_a_plan_comes_back_in_the_plan_json_format(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.post(
        f"/api/v1/athletes/{athlete}/plans", json={"weeks": 4, "days_per_week": 2}, headers=owner
    )
    assert answer.status_code == 201
    plan = answer.json()
    assert len(plan["weeks"]) == 4
    assert plan["athlete"]["name"] == "Alex"
