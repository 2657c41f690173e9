"""Every route of the API contract (``../shared/contracts/api.md``) answers as written, for
success and for failure, on SQLite and PostgreSQL (analyses are tested with their router)."""

from __future__ import annotations

import json
import re
import threading
from typing import Any

import pytest
from api_support import Api
from sqlalchemy import create_engine, make_url, text
from typer.testing import CliRunner

from postgres_support import postgres_admin_url
from revhyper.cli.app import app as cli
from revhyper.services import accounts

SET = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20}

#: The contract's routes: (method, path) as the OpenAPI document names them.
CONTRACT_ROUTES = {
    ("get", "/healthz"),
    ("post", "/api/v1/auth/token"),
    ("get", "/api/v1/me"),
    ("post", "/api/v1/athletes"),
    ("get", "/api/v1/athletes"),
    ("get", "/api/v1/athletes/{athlete_id}"),
    ("post", "/api/v1/athletes/{athlete_id}/grants"),
    ("delete", "/api/v1/athletes/{athlete_id}/grants/{username}"),
    ("post", "/api/v1/athletes/{athlete_id}/sets"),
    ("get", "/api/v1/athletes/{athlete_id}/sets"),
    ("post", "/api/v1/athletes/{athlete_id}/plans"),
}
#: The one ``/api/v1`` route open without a token: signing in.
SIGN_IN = ("post", "/api/v1/auth/token")
#: The routes open to anonymous callers: the two ways of signing in (token, browser session).
SIGN_IN_ROUTES = {SIGN_IN, ("post", "/api/v1/auth/session")}


def assert_error(answer: Any, status: int, *words: str) -> dict[str, str]:
    """The answer is the contract's JSON error with ``status``, its message naming ``words``."""
    assert answer.status_code == status, answer.text
    error = answer.json()["error"]
    assert set(answer.json()) == {"error"} and set(error) == {"code", "message"}
    for word in words:
        assert word in error["message"], error["message"]
    return dict(error)


def openapi_operations(api: Api) -> set[tuple[str, str]]:
    document = api.client.get("/openapi.json").json()
    return {(method, path) for path, item in document["paths"].items() for method in item}


def sets_of(api: Api, headers: dict[str, str], athlete: int, **query: Any) -> dict[str, Any]:
    answer = api.client.get(f"/api/v1/athletes/{athlete}/sets", params=query, headers=headers)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


# --- the OpenAPI document and health -------------------------------------------------------


def test_the_openapi_document_lists_every_contract_route_and_every_route_of_the_app(
    db_api: Api,
) -> None:
    listed = openapi_operations(db_api)
    assert listed >= CONTRACT_ROUTES
    served = {
        (method.lower(), route.path)  # type: ignore[attr-defined]
        for route in db_api.client.app.routes  # type: ignore[attr-defined]
        if getattr(route, "include_in_schema", False)
        for method in route.methods  # type: ignore[attr-defined]
        if method not in ("HEAD", "OPTIONS")
    }
    assert served <= listed


def break_the_database(api: Api) -> None:
    """Make the app's database unreachable for real: PostgreSQL's database is dropped (its
    connections cut), SQLite's file is replaced by bytes that are no database."""
    engine = api.client.app.state.engine  # type: ignore[attr-defined]
    url = make_url(api.database_url)
    engine.dispose()
    if url.drivername.startswith("sqlite"):
        assert url.database is not None
        for suffix in ("-wal", "-shm"):
            path = url.database + suffix
            with open(path, "wb"):
                pass
        with open(url.database, "wb") as broken:
            broken.write(b"this is not a database file" * 200)
        return
    admin = create_engine(make_url(postgres_admin_url()), isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{url.database}" WITH (FORCE)'))
    admin.dispose()


def test_health_answers_503_with_the_json_error_once_the_database_is_unreachable(
    db_api: Api,
) -> None:
    assert db_api.client.get("/healthz").status_code == 200
    break_the_database(db_api)
    answer = db_api.client.get("/healthz")
    error = assert_error(answer, 503)
    assert error["code"] == "storage_unavailable"


def test_a_broken_database_answers_503_without_its_address_or_internals(db_api: Api) -> None:
    headers = db_api.add_user("alex")
    break_the_database(db_api)
    answer = db_api.client.get("/api/v1/me", headers=headers)
    error = assert_error(answer, 503)
    database = make_url(db_api.database_url).database or ""
    assert error["code"] == "storage_unavailable"
    assert database not in error["message"]
    assert "sqlite" not in error["message"].lower()
    assert "postgres" not in error["message"].lower()


# --- authentication ------------------------------------------------------------------------


def concrete(path: str) -> str:
    """The path with its parameters filled (any id not named here: 1)."""
    named = path.replace("{athlete_id}", "1").replace("{username}", "coach1")
    return re.sub(r"\{\w+\}", "1", named)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic YWxleDp4"}],
    ids=["no-token", "unknown-token", "not-bearer"],
)
def test_every_api_route_but_sign_in_answers_401_without_a_valid_token(
    db_api: Api, headers: dict[str, str]
) -> None:
    owner = db_api.add_user("alex")
    db_api.add_athlete(owner)
    routes = sorted(
        (method, path)
        for method, path in openapi_operations(db_api)
        if path.startswith("/api/v1/") and (method, path) not in SIGN_IN_ROUTES
    )
    assert set(routes) >= {r for r in CONTRACT_ROUTES if r[1].startswith("/api/v1/")} - {SIGN_IN}
    for method, path in routes:
        answer = db_api.client.request(method.upper(), concrete(path), headers=headers)
        assert_error(answer, 401)
        assert answer.headers["WWW-Authenticate"] == "Bearer", (method, path)


def test_an_unknown_username_and_a_missing_password_field_are_refused(db_api: Api) -> None:
    db_api.add_user("alex")
    unknown = db_api.client.post(
        "/api/v1/auth/token", data={"username": "nobody", "password": "correct horse battery"}
    )
    assert_error(unknown, 401)
    missing = db_api.client.post("/api/v1/auth/token", data={"username": "alex"})
    assert_error(missing, 422, "password")


def test_a_signed_out_token_answers_401_and_the_password_never_shows(db_api: Api) -> None:
    headers = db_api.add_user("alex")
    token = db_api.tokens["alex"]
    assert db_api.client.get("/api/v1/me", headers=headers).status_code == 200
    accounts.revoke_secret(db_api.uow(), token)
    answer = db_api.client.get("/api/v1/me", headers=headers)
    error = assert_error(answer, 401, "revoked")
    assert token not in error["message"]


def test_me_names_the_coach_account_with_its_role(db_api: Api) -> None:
    headers = db_api.add_user("coach1", "coach")
    me = db_api.client.get("/api/v1/me", headers=headers).json()
    assert (me["username"], me["role"]) == ("coach1", "coach")
    assert isinstance(me["id"], int)


# --- athletes ------------------------------------------------------------------------------


def test_a_created_athlete_belongs_to_the_caller_and_reads_back_the_same(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    created = db_api.client.post(
        "/api/v1/athletes",
        json={
            "name": "Riley",
            "goal": "strength",
            "level": "advanced",
            "equipment": ["machine", "bench"],
            "body_mass": 90.5,
            "height": 1.85,
            "unit": "lb",
        },
        headers=owner,
    )
    assert created.status_code == 201, created.text
    athlete = created.json()
    assert athlete["access"] == "owner" and athlete["name"] == "Riley"
    read = db_api.client.get(f"/api/v1/athletes/{athlete['id']}", headers=owner)
    assert read.status_code == 200
    assert read.json() == athlete
    assert athlete["profile"]["goal"] == "strength"
    assert athlete["profile"]["body_mass_kg"] == pytest.approx(90.5)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"goal": "fame"}, ("fame",)),
        ({"level": "godlike"}, ("godlike",)),
        ({"equipment": []}, ("equipment",)),
        ({"equipment": ["trampoline"]}, ("trampoline",)),
        ({"name": ""}, ("name",)),
        ({"body_mass": 5000}, ("body_mass",)),
        ({"favourite_colour": "red"}, ("favourite_colour",)),
        ({"pain": 11}, ("pain",)),
    ],
    ids=["goal", "level", "no-equipment", "equipment", "name", "mass", "unknown-field", "pain"],
)
def test_a_bad_athlete_is_refused_with_422_naming_the_field_and_nothing_is_stored(
    db_api: Api, change: dict[str, Any], words: tuple[str, ...]
) -> None:
    owner = db_api.add_user("alex")
    body = {"name": "Riley", "goal": "strength", "level": "novice", "equipment": ["machine"]}
    answer = db_api.client.post("/api/v1/athletes", json={**body, **change}, headers=owner)
    assert_error(answer, 422, *words)
    assert db_api.client.get("/api/v1/athletes", headers=owner).json()["total"] == 0


def test_the_athlete_list_holds_the_callers_own_and_granted_athletes_only(db_api: Api) -> None:
    alex = db_api.add_user("alex")
    sam = db_api.add_user("sam")
    coach = db_api.add_user("coach1", "coach")
    mine = db_api.add_athlete(alex, "Riley")
    db_api.add_athlete(sam, "Jo")
    granted = db_api.add_athlete(sam, "Kim")
    db_api.grant(sam, granted, "alex", "read")
    listed = db_api.client.get("/api/v1/athletes", headers=alex).json()
    assert {(a["id"], a["access"]) for a in listed["items"]} == {(mine, "owner"), (granted, "read")}
    assert listed["total"] == 2
    assert db_api.client.get("/api/v1/athletes", headers=coach).json() == {"items": [], "total": 0}


def test_two_owners_may_each_have_an_athlete_of_one_name_but_not_one_owner_twice(
    db_api: Api,
) -> None:
    alex = db_api.add_user("alex")
    sam = db_api.add_user("sam")
    db_api.add_athlete(alex, "Riley")
    db_api.add_athlete(sam, "Riley")
    again = db_api.client.post(
        "/api/v1/athletes",
        json={"name": "Riley", "goal": "strength", "level": "novice", "equipment": ["machine"]},
        headers=alex,
    )
    assert_error(again, 422, "Riley")


# --- grants --------------------------------------------------------------------------------


def test_a_grant_is_made_by_the_owner_and_gives_the_scope_asked(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.post(
        f"/api/v1/athletes/{athlete}/grants",
        json={"username": "coach1", "scope": "coach"},
        headers=owner,
    )
    assert answer.status_code == 201, answer.text
    assert (answer.json()["username"], answer.json()["scope"]) == ("coach1", "coach")
    seen = db_api.client.get(f"/api/v1/athletes/{athlete}", headers=coach)
    assert seen.json()["access"] == "coach"
    logged = db_api.client.post(f"/api/v1/athletes/{athlete}/sets", json=SET, headers=coach)
    assert logged.status_code == 201


def test_only_the_owner_may_grant_others_get_404(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    stranger = db_api.add_user("sam")
    athlete = db_api.add_athlete(owner)
    db_api.grant(owner, athlete, "coach1", "coach")
    for caller in (coach, stranger):
        answer = db_api.client.post(
            f"/api/v1/athletes/{athlete}/grants",
            json={"username": "sam", "scope": "read"},
            headers=caller,
        )
        assert_error(answer, 404)
    assert db_api.client.get(f"/api/v1/athletes/{athlete}", headers=stranger).status_code == 404


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"username": "nobody", "scope": "read"}, 422, ("nobody",)),
        ({"username": "coach1", "scope": "owner"}, 422, ("scope",)),
        ({"username": "coach1", "scope": "admin"}, 422, ("scope",)),
        ({"username": "coach1"}, 422, ("scope",)),
        ({"username": "alex", "scope": "read"}, 422, ("owner",)),
    ],
    ids=["unknown-user", "owner-scope", "bad-scope", "no-scope", "self"],
)
def test_a_bad_grant_is_refused_and_grants_nothing(
    db_api: Api, body: dict[str, str], status: int, words: tuple[str, ...]
) -> None:
    owner = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.post(f"/api/v1/athletes/{athlete}/grants", json=body, headers=owner)
    assert_error(answer, status, *words)
    assert db_api.client.get(f"/api/v1/athletes/{athlete}", headers=coach).status_code == 404
    assert db_api.client.get(f"/api/v1/athletes/{athlete}/grants", headers=owner).json() == []


def test_revoking_is_the_owners_and_a_missing_grant_answers_404(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(owner)
    db_api.grant(owner, athlete, "coach1", "coach")
    url = f"/api/v1/athletes/{athlete}/grants/coach1"
    assert_error(db_api.client.delete(url, headers=coach), 404)
    assert db_api.client.get(f"/api/v1/athletes/{athlete}", headers=coach).status_code == 200
    assert db_api.client.delete(url, headers=owner).status_code == 204
    assert_error(db_api.client.delete(url, headers=owner), 404, "coach1")
    assert_error(
        db_api.client.delete(f"/api/v1/athletes/{athlete}/grants/nobody", headers=owner), 404
    )
    assert (
        db_api.client.post(f"/api/v1/athletes/{athlete}/sets", json=SET, headers=coach).status_code
        == 404
    )


# --- the log -------------------------------------------------------------------------------


def log(api: Api, headers: dict[str, str], athlete: int, **fields: Any) -> dict[str, Any]:
    answer = api.client.post(
        f"/api/v1/athletes/{athlete}/sets", json={**SET, **fields}, headers=headers
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def test_a_logged_set_comes_back_as_stored_with_its_id(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    stored = log(
        db_api,
        owner,
        athlete,
        rpe=7.5,
        pain=1,
        notes="felt <b>[red]</b> good",
        performed_at="2026-11-02T08:15:00+01:00",
    )
    assert isinstance(stored["id"], int)
    assert (stored["reps"], stored["load_kg"], stored["rpe"]) == (12, 20, 7.5)
    assert (stored["pain"], stored["notes"], stored["day"]) == (
        1,
        "felt <b>[red]</b> good",
        "2026-11-02",
    )
    assert sets_of(db_api, owner, athlete)["items"] == [stored]


def test_the_offset_of_performed_at_decides_the_day_of_the_set(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    late_evening = log(db_api, owner, athlete, performed_at="2026-11-02T23:30:00-05:00")
    early_morning = log(db_api, owner, athlete, performed_at="2026-11-04T00:30:00+09:00")
    assert late_evening["day"] == "2026-11-02"  # 04:30 UTC on the 3rd
    assert early_morning["day"] == "2026-11-04"  # 15:30 UTC on the 3rd
    on_the_third = sets_of(db_api, owner, athlete, since="2026-11-03", until="2026-11-03")
    assert on_the_third == {"items": [], "total": 0}


def test_a_time_without_an_offset_is_refused(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.post(
        f"/api/v1/athletes/{athlete}/sets",
        json={**SET, "performed_at": "2026-11-02T08:15:00"},
        headers=owner,
    )
    assert_error(answer, 422, "performed_at")
    assert sets_of(db_api, owner, athlete)["total"] == 0


def test_the_set_list_filters_by_dates_and_variation_and_pages_with_the_total(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner, equipment=["machine", "floor"])
    days = ("2026-11-02", "2026-11-03", "2026-11-04", "2026-11-05")
    stored = []
    for day in days:
        stored.append(log(db_api, owner, athlete, performed_at=f"{day}T10:00:00+00:00"))
        stored.append(
            log(
                db_api,
                owner,
                athlete,
                variation="floor-hyperextension",
                load_kg=0,
                performed_at=f"{day}T10:30:00+00:00",
            )
        )
    ids = [s["id"] for s in stored]
    everything = sets_of(db_api, owner, athlete)
    assert [s["id"] for s in everything["items"]] == ids and everything["total"] == 8

    middle = sets_of(db_api, owner, athlete, since="2026-11-03", until="2026-11-04")
    assert [s["id"] for s in middle["items"]] == ids[2:6] and middle["total"] == 4

    floor = sets_of(db_api, owner, athlete, variation="floor-hyperextension", since="2026-11-04")
    assert [s["id"] for s in floor["items"]] == [ids[5], ids[7]] and floor["total"] == 2

    page = sets_of(db_api, owner, athlete, limit=3, offset=2)
    assert [s["id"] for s in page["items"]] == ids[2:5] and page["total"] == 8

    beyond = sets_of(db_api, owner, athlete, limit=3, offset=100)
    assert beyond == {"items": [], "total": 8}


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ({"since": "2026-11-05", "until": "2026-11-01"}, ("since",)),
        ({"since": "yesterday-ish"}, ("since",)),
        ({"variation": "squat"}, ("squat",)),
        ({"limit": 0}, ("limit",)),
        ({"limit": 100000}, ("limit",)),
        ({"offset": -1}, ("offset",)),
    ],
    ids=["since-after-until", "bad-date", "variation", "limit-0", "limit-huge", "offset"],
)
def test_bad_set_filters_answer_422_naming_the_parameter(
    db_api: Api, query: dict[str, Any], words: tuple[str, ...]
) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.get(f"/api/v1/athletes/{athlete}/sets", params=query, headers=owner)
    assert_error(answer, 422, *words)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"variation": "squat"}, ("squat",)),
        ({"reps": 1000}, ("reps",)),
        ({"reps": -1}, ("reps",)),
        ({"load_kg": -5}, ("load_kg",)),
        ({"rpe": 11}, ("rpe",)),
        ({"pain": 11}, ("pain",)),
        ({"kind": "cooldown"}, ("kind",)),
        ({"side": "left"}, ("side",)),
        ({"weight": 20}, ("weight",)),
    ],
    ids=["variation", "reps-high", "reps-negative", "load", "rpe", "pain", "kind", "side", "field"],
)
def test_a_bad_set_is_refused_with_422_and_stores_nothing(
    db_api: Api, change: dict[str, Any], words: tuple[str, ...]
) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.post(
        f"/api/v1/athletes/{athlete}/sets", json={**SET, **change}, headers=owner
    )
    assert_error(answer, 422, *words)
    assert sets_of(db_api, owner, athlete)["total"] == 0


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_a_non_finite_load_in_the_body_is_refused(db_api: Api, number: str) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    body = json.dumps(SET).replace('"load_kg": 20', f'"load_kg": {number}')
    assert number in body
    answer = db_api.client.post(
        f"/api/v1/athletes/{athlete}/sets",
        content=body,
        headers={**owner, "Content-Type": "application/json"},
    )
    assert_error(answer, 422, "load_kg", "finite")
    assert sets_of(db_api, owner, athlete)["total"] == 0


def test_sets_of_someone_elses_athlete_answer_404_both_ways(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    stranger = db_api.add_user("sam")
    athlete = db_api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sets"
    assert_error(db_api.client.get(url, headers=stranger), 404)
    assert_error(db_api.client.post(url, json=SET, headers=stranger), 404)
    assert sets_of(db_api, owner, athlete)["total"] == 0


def test_without_an_idempotency_key_each_post_stores_a_set_and_distinct_keys_too(
    db_api: Api,
) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sets"
    answers = [
        db_api.client.post(url, json=SET, headers=owner),
        db_api.client.post(url, json=SET, headers=owner),
        db_api.client.post(url, json=SET, headers={**owner, "Idempotency-Key": "a"}),
        db_api.client.post(url, json=SET, headers={**owner, "Idempotency-Key": "b"}),
    ]
    assert [a.status_code for a in answers] == [201] * 4
    assert len({a.json()["id"] for a in answers}) == 4
    assert sets_of(db_api, owner, athlete)["total"] == 4


def test_one_idempotency_key_of_two_users_stores_a_set_for_each(db_api: Api) -> None:
    alex = db_api.add_user("alex")
    coach = db_api.add_user("coach1", "coach")
    athlete = db_api.add_athlete(alex)
    db_api.grant(alex, athlete, "coach1", "coach")
    url = f"/api/v1/athletes/{athlete}/sets"
    first = db_api.client.post(url, json=SET, headers={**alex, "Idempotency-Key": "k"})
    second = db_api.client.post(url, json=SET, headers={**coach, "Idempotency-Key": "k"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert sets_of(db_api, alex, athlete)["total"] == 2


def test_a_set_refused_with_a_key_can_be_sent_again_corrected_with_that_key(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sets"
    headers = {**owner, "Idempotency-Key": "retry-me"}
    refused = db_api.client.post(url, json={**SET, "variation": "squat"}, headers=headers)
    assert_error(refused, 422, "squat")
    accepted = db_api.client.post(url, json=SET, headers=headers)
    assert accepted.status_code == 201
    assert sets_of(db_api, owner, athlete)["total"] == 1


def test_concurrent_posts_with_one_idempotency_key_store_exactly_one_set(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    url = f"/api/v1/athletes/{athlete}/sets"
    headers = {**owner, "Idempotency-Key": "flaky-phone-7"}
    writers = 6
    start = threading.Barrier(writers)
    answers: list[Any] = [None] * writers

    def send(index: int) -> None:
        start.wait()
        answers[index] = db_api.client.post(url, json=SET, headers=headers)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(a.status_code for a in answers)
    assert statuses == [200] * (writers - 1) + [201], [a.text for a in answers]
    assert len({json.dumps(a.json(), sort_keys=True) for a in answers}) == 1
    assert sets_of(db_api, owner, athlete)["total"] == 1


# --- plans ---------------------------------------------------------------------------------

PROFILE = {
    "goal": "strength",
    "level": "intermediate",
    "equipment": ["machine", "floor"],
    "body_mass": 82.0,
    "height": 1.8,
    "known_set": "40x10@8",
}


def test_a_plan_is_the_document_plan_json_prints_for_the_same_profile(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner, "Riley", **PROFILE)
    options = {"weeks": 3, "days_per_week": 2, "start": "2026-12-07"}
    answer = db_api.client.post(f"/api/v1/athletes/{athlete}/plans", json=options, headers=owner)
    assert answer.status_code == 201, answer.text
    served = answer.json()
    assert isinstance(served.pop("id"), int)

    arguments = ["plan", "--json", "--name", "Riley", "--goal", "strength"]
    arguments += ["--level", "intermediate", "--equipment", "machine", "--equipment", "floor"]
    arguments += ["--body-mass", "82", "--height", "1.8", "--known-set", "40x10@8"]
    arguments += ["--weeks", "3", "--days-per-week", "2", "--start", "2026-12-07"]
    printed = CliRunner().invoke(cli, arguments)
    assert printed.exit_code == 0, printed.output
    assert served == json.loads(printed.output)

    active = db_api.client.get(f"/api/v1/athletes/{athlete}/plans/active", headers=owner)
    assert active.status_code == 200 and active.json()["weeks"] == served["weeks"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"weeks": 0}, ("weeks",)),
        ({"weeks": 53}, ("weeks",)),
        ({"days_per_week": 7}, ("days_per_week",)),
        ({"start": "soon"}, ("start",)),
        ({"goal": "strength"}, ("goal",)),
    ],
    ids=["weeks-0", "weeks-53", "days", "start", "unknown-option"],
)
def test_bad_plan_options_answer_422_naming_the_option_and_store_no_program(
    db_api: Api, options: dict[str, Any], words: tuple[str, ...]
) -> None:
    owner = db_api.add_user("alex")
    athlete = db_api.add_athlete(owner)
    answer = db_api.client.post(f"/api/v1/athletes/{athlete}/plans", json=options, headers=owner)
    assert_error(answer, 422, *words)
    active = db_api.client.get(f"/api/v1/athletes/{athlete}/plans/active", headers=owner)
    assert active.status_code == 404


def test_a_screening_refusal_stores_no_program_and_a_read_grant_may_not_plan(db_api: Api) -> None:
    owner = db_api.add_user("alex")
    reader = db_api.add_user("physio", "coach")
    athlete = db_api.add_athlete(owner, pain=6)
    db_api.grant(owner, athlete, "physio", "read")
    url = f"/api/v1/athletes/{athlete}/plans"
    error = assert_error(db_api.client.post(url, json={}, headers=owner), 422)
    assert error["code"] == "screening_refused"
    assert db_api.client.get(f"{url}/active", headers=owner).status_code == 404
    assert_error(db_api.client.post(url, json={}, headers=reader), 404)
