"""Who may call what: every route of the app × six callers, each answered as its rule says.

The callers: the athlete's ``owner``; users granted ``read`` and ``coach``; a user once granted
and then ``revoked``; a signed-in ``stranger``; and an ``anonymous`` caller with no token. A
rule says which callers the route serves; the others get 404 when signed in (others' data does
not exist for them) and 401 when anonymous. A refused call writes nothing.

Adding a route: add a row to ``ROUTES`` (its rule, its success status and a valid request).
A route of the app without a row fails ``test_every_route_has_a_row_and_every_row_a_route``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from api_support import PASSWORD, Api
from fastapi.routing import iter_route_contexts
from guards import (
    api_on_sqlite,
    changed_tables,
    contract_error_problem,
    copy_database,
    row_counts,
)

from revhyper.services import accounts, programs
from revhyper.services.accounts import TokenKind

CALLERS = ("owner", "read", "coach", "revoked", "stranger", "anonymous")
SIGNED_IN = frozenset(CALLERS) - {"anonymous"}

#: FastAPI's own documentation routes: public by design, not part of the matrix.
DOCUMENTATION_ROUTES = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


@dataclass(frozen=True)
class Rule:
    """The callers a route serves; everyone else is refused (404 signed in, 401 anonymous)."""

    name: str
    allowed: frozenset[str]

    def expected(self, caller: str, success: int) -> int:
        if caller in self.allowed:
            return success
        return 401 if caller == "anonymous" else 404


PUBLIC = Rule("PUBLIC", frozenset(CALLERS))
ANY_USER = Rule("ANY_USER", SIGNED_IN)
READ = Rule("READ", frozenset({"owner", "read", "coach"}))
COACH = Rule("COACH", frozenset({"owner", "coach"}))
OWNER = Rule("OWNER", frozenset({"owner"}))


@dataclass
class World:
    """One athlete, its owner, the granted users, and every caller's headers."""

    api: Api
    athlete_id: int
    headers: dict[str, dict[str, str]]
    #: A user with a ``read`` grant that no caller uses (the revoke route takes it back).
    spare: str = "spare1"


def athlete_path(world: World) -> dict[str, object]:
    """Path values of a route about the world's athlete."""
    return {"athlete_id": world.athlete_id, "username": world.spare}


def with_active_plan(world: World) -> dict[str, object]:
    """The athlete's path values, after giving it an active plan."""
    programs.create_program(world.api.uow(), world.athlete_id, weeks=4, days_per_week=2)
    return athlete_path(world)


@dataclass(frozen=True)
class Call:
    """A route's rule and a valid request to it."""

    rule: Rule
    success: int
    json: Callable[[str], Any] | None = None
    form: dict[str, str] | None = None
    params: dict[str, str] = field(default_factory=dict)
    #: Readies the world and gives the path's values.
    prepare: Callable[[World], dict[str, object]] = athlete_path


def _new_athlete(caller: str) -> dict[str, Any]:
    return {"name": f"New {caller}", "goal": "strength", "level": "novice", "equipment": ["bench"]}


def _a_set(_caller: str) -> dict[str, Any]:
    return {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20, "rpe": 7}


#: Every route: (method, path template) → its rule and a valid request.
ROUTES: dict[tuple[str, str], Call] = {
    ("GET", "/healthz"): Call(PUBLIC, 200),
    ("POST", "/api/v1/auth/token"): Call(
        PUBLIC, 200, form={"username": "owner1", "password": PASSWORD}
    ),
    ("GET", "/api/v1/me"): Call(ANY_USER, 200),
    ("POST", "/api/v1/athletes"): Call(ANY_USER, 201, json=_new_athlete),
    ("GET", "/api/v1/athletes"): Call(ANY_USER, 200),
    ("GET", "/api/v1/athletes/{athlete_id}"): Call(READ, 200),
    ("PATCH", "/api/v1/athletes/{athlete_id}"): Call(OWNER, 200, json=lambda _: {"pain": 1}),
    ("POST", "/api/v1/athletes/{athlete_id}/grants"): Call(
        OWNER, 201, json=lambda _: {"username": "spare1", "scope": "coach"}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/grants"): Call(OWNER, 200),
    ("DELETE", "/api/v1/athletes/{athlete_id}/grants/{username}"): Call(OWNER, 204),
    ("GET", "/api/v1/athletes/{athlete_id}/audit"): Call(OWNER, 200, params={"limit": "10"}),
    ("POST", "/api/v1/athletes/{athlete_id}/sets"): Call(COACH, 201, json=_a_set),
    ("GET", "/api/v1/athletes/{athlete_id}/sets"): Call(
        READ, 200, params={"since": "2020-01-01", "limit": "5"}
    ),
    ("POST", "/api/v1/athletes/{athlete_id}/plans"): Call(
        COACH, 201, json=lambda _: {"weeks": 4, "days_per_week": 2}
    ),
    ("GET", "/api/v1/athletes/{athlete_id}/plans/active"): Call(
        READ, 200, prepare=with_active_plan
    ),
}


def app_routes(api: Api) -> set[tuple[str, str]]:
    """(method, path template) of every route the app serves, documentation routes aside."""
    found = set()
    for route in iter_route_contexts(api.client.app.routes):  # type: ignore[attr-defined]
        path = route.path
        if path is None or path in DOCUMENTATION_ROUTES:
            continue
        found |= {(method, path) for method in route.methods or ()}
    return found


def test_every_route_has_a_row_and_every_row_a_route(api: Api) -> None:
    served = app_routes(api)
    missing = sorted(served - set(ROUTES))
    stale = sorted(set(ROUTES) - served)
    hint = "\n".join(
        f'    ("{method}", "{path}"): Call(READ | COACH | OWNER | ANY_USER | PUBLIC, <status>, '
        "json=..., params=..., prepare=...),"
        for method, path in missing
    )
    assert not missing, f"routes with no row in ROUTES of {__file__}; add:\n{hint}"
    assert not stale, f"rows of ROUTES with no route in the app (remove or fix them): {stale}"


def build_world(api: Api) -> World:
    """An athlete with an owner, read/coach grantees, a revoked user and a stranger; tokens
    are issued through the service (no password check per user: the matrix stays fast)."""
    users = {
        "owner": "owner1",
        "read": "reader1",
        "coach": "coach1",
        "revoked": "gone1",
        "stranger": "stranger1",
        "spare": "spare1",
    }
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for caller, username in users.items():
        user = accounts.add_user(api.uow(), username, "athlete", PASSWORD)
        issued = accounts.issue_token(
            api.uow(), user, TokenKind.ACCESS, lifetime=timedelta(hours=1)
        )
        headers[caller] = {"Authorization": f"Bearer {issued.secret}"}
    athlete_id = api.add_athlete(headers["owner"])
    api.grant(headers["owner"], athlete_id, "reader1", "read")
    api.grant(headers["owner"], athlete_id, "coach1", "coach")
    api.grant(headers["owner"], athlete_id, "gone1", "coach")
    api.grant(headers["owner"], athlete_id, "spare1", "read")
    revoked = api.client.delete(
        f"/api/v1/athletes/{athlete_id}/grants/gone1", headers=headers["owner"]
    )
    assert revoked.status_code == 204, revoked.text
    return World(api, athlete_id, headers)


@pytest.fixture(scope="module")
def world_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, World]:
    """The world, built once (Argon2 hashes are slow on purpose) into a database file that
    each test then copies."""
    database = tmp_path_factory.mktemp("matrix") / "world.db"
    with api_on_sqlite(database) as api:
        world = build_world(api)
    return database, world


@pytest.fixture
def world(world_database: tuple[Path, World], tmp_path: Path) -> Iterator[World]:
    """A fresh copy of the world, served by its own app."""
    template, built = world_database
    with api_on_sqlite(copy_database(template, tmp_path / "world.db")) as api:
        yield World(api, built.athlete_id, built.headers)


def fill_path(template: str, values: dict[str, object]) -> str:
    try:
        return template.format(**values)
    except KeyError as missing:
        pytest.fail(f"{template}: give its row a prepare= that fills {missing}")


def send(world: World, method: str, path: str, call: Call, caller: str) -> Any:
    return world.api.client.request(
        method,
        path,
        headers=world.headers[caller],
        params=call.params,
        json=call.json(caller) if call.json else None,
        data=call.form,
    )


def _callers_refused_first(rule: Rule) -> list[str]:
    """Refused callers first, so that what they find is what the allowed ones will change."""
    return sorted(CALLERS, key=lambda caller: caller in rule.allowed)


@pytest.mark.parametrize(
    ("method", "template"), sorted(ROUTES), ids=[f"{m} {p}" for m, p in sorted(ROUTES)]
)
def test_each_caller_gets_what_the_routes_rule_gives(
    world: World, method: str, template: str
) -> None:
    call = ROUTES[(method, template)]
    api = world.api
    path = fill_path(template, call.prepare(world))
    problems = []
    for caller in _callers_refused_first(call.rule):
        expected = call.rule.expected(caller, call.success)
        before = row_counts(api)
        answer = send(world, method, path, call, caller)
        if answer.status_code != expected:
            problems.append(f"{caller}: {answer.status_code}, expected {expected}: {answer.text}")
        if answer.status_code >= 400 and (problem := contract_error_problem(answer)):
            problems.append(f"{caller}: {problem}")
        if caller not in call.rule.allowed and (changed := changed_tables(before, row_counts(api))):
            problems.append(f"{caller} was refused but rows changed: {changed}")
    assert not problems, f"{method} {template} ({call.rule.name}):\n" + "\n".join(problems)


#: Request body fields that hold an id of stored data → a check that another athlete's (or
#: user's) id there is refused. A body field named ``id`` or ``*_id`` with no row here fails
#: ``test_no_body_field_takes_an_id_without_a_check_on_whose_it_is``.
BODY_ID_CHECKS: dict[tuple[str, str, str], Callable[[Api], None]] = {}


def request_body_id_fields(api: Api) -> set[tuple[str, str, str]]:
    """(method, path, field) of every request-body property that names an id."""
    document = api.client.get("/openapi.json").json()
    components = document.get("components", {}).get("schemas", {})
    found = set()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            for media in content.values():
                reference = media.get("schema", {}).get("$ref", "")
                properties = components.get(reference.rsplit("/", 1)[-1], {}).get("properties", {})
                found |= {
                    (method.upper(), path, name)
                    for name in properties
                    if name == "id" or name.endswith("_id")
                }
    return found


def test_no_body_field_takes_an_id_without_a_check_on_whose_it_is(api: Api) -> None:
    unchecked = sorted(request_body_id_fields(api) - set(BODY_ID_CHECKS))
    assert not unchecked, (
        f"body fields holding ids with no row in BODY_ID_CHECKS of {__file__}: {unchecked}; "
        "add a check that another athlete's id there answers 404 or 422 and stores nothing"
    )
    for check in BODY_ID_CHECKS.values():
        check(api)


def test_a_set_cannot_link_another_athletes_analysis_through_its_body(api: Api) -> None:
    owner = api.add_user("owner1")
    stranger = api.add_user("stranger1")
    mine = api.add_athlete(owner)
    theirs = api.add_athlete(stranger, "Sam")
    with api.uow() as uow:
        analysis = uow.analyses.add({"schema": "revhyper-analysis/1"}, athlete_id=theirs)
        uow.commit()
    before = row_counts(api)
    answer = api.client.post(
        f"/api/v1/athletes/{mine}/sets",
        json={**_a_set("owner"), "analysis_id": analysis.id},
        headers=owner,
    )
    assert answer.status_code == 422, answer.text
    assert "analysis_id" in answer.json()["error"]["message"]
    assert changed_tables(before, row_counts(api)) == {}
