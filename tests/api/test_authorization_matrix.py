"""Who may call what: every route of the app × seven callers, each answered as its rule says.

The callers: the athlete's ``owner``; users granted ``read`` and ``coach``; a user once granted
and then ``revoked``; a signed-in ``stranger``; an ``admin`` (an administrator with no grant:
the role manages accounts, not athletes' data); and an ``anonymous`` caller with no token. A
rule says which callers the route serves; the others get 404 when signed in (others' data does
not exist for them) and 401 when anonymous. A refused call writes nothing.

Adding a route: add a row to ``ROUTES`` (its rule, its success status and a valid request).
A route of the app without a row fails ``test_every_route_has_a_row_and_every_row_a_route``.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import secrets
import tempfile
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
from jobs_support import write_clip
from starlette.routing import WebSocketRoute

from revhyper.adapters.db.repositories import utc_now
from revhyper.services import accounts, jobs, programs
from revhyper.services.accounts import TokenKind
from revhyper.web.deps import CSRF_HEADER, SESSION_COOKIE

CALLERS = ("owner", "read", "coach", "revoked", "stranger", "admin", "anonymous")
SIGNED_IN = frozenset(CALLERS) - {"anonymous"}

#: FastAPI's own documentation routes: public by design, not part of the matrix.
DOCUMENTATION_ROUTES = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})
#: A Strong export with reverse-hyper sets (what ``POST /api/v1/imports`` reads).
STRONG_EXPORT = Path(__file__).resolve().parents[1] / "data" / "strong_export.csv"


@dataclass(frozen=True)
class Rule:
    """The callers a route serves; everyone else is refused (``refused_signed_in`` when signed
    in, 404 unless said otherwise; 401 when anonymous)."""

    name: str
    allowed: frozenset[str]
    refused_signed_in: int = 404
    #: The owner comes with its browser session (cookie and CSRF header), not a bearer token.
    owner_by_cookie: bool = False

    def expected(self, caller: str, success: int) -> int:
        if caller in self.allowed:
            return success
        return 401 if caller == "anonymous" else self.refused_signed_in


PUBLIC = Rule("PUBLIC", frozenset(CALLERS))
ANY_USER = Rule("ANY_USER", SIGNED_IN)
#: Every signed-in caller acts on its own account (its tokens, its password).
OWN_ACCOUNT = Rule("OWN_ACCOUNT", SIGNED_IN)
READ = Rule("READ", frozenset({"owner", "read", "coach"}))
COACH = Rule("COACH", frozenset({"owner", "coach"}))
OWNER = Rule("OWNER", frozenset({"owner"}))
#: The item in the path (a personal token) is the owner's account's: anyone else's is 404.
TOKEN_HOLDER = Rule("TOKEN_HOLDER", frozenset({"owner"}))
#: The account administration: administrators only, everyone else 404 as at an unknown address.
ADMIN = Rule("ADMIN", frozenset({"admin"}))
#: The browser session itself: a session cookie only; a bearer token is not a session (401).
BROWSER = Rule("BROWSER", frozenset({"owner"}), refused_signed_in=401, owner_by_cookie=True)


@dataclass
class World:
    """One athlete, its owner, the granted users, and every caller's headers."""

    api: Api
    athlete_id: int
    headers: dict[str, dict[str, str]]
    #: The owner's browser session: its cookie and CSRF header.
    browser: dict[str, str] = field(default_factory=dict)
    #: A user with a ``read`` grant that no caller uses (the revoke route takes it back).
    spare: str = "spare1"

    def credentials(self, rule: Rule, caller: str) -> dict[str, str]:
        """What the caller sends to prove who it is on a route of this rule."""
        if rule.owner_by_cookie and caller == "owner":
            return self.browser
        return self.headers[caller]


def athlete_path(world: World) -> dict[str, object]:
    """Path values of a route about the world's athlete."""
    return {"athlete_id": world.athlete_id, "username": world.spare}


def with_active_plan(world: World) -> dict[str, object]:
    """The athlete's path values, after giving it an active plan."""
    programs.create_program(world.api.uow(), world.athlete_id, weeks=4, days_per_week=2)
    return athlete_path(world)


def with_logged_set(world: World) -> dict[str, object]:
    """The athlete's path values with a set the owner just logged and its session."""
    answer = world.api.client.post(
        f"/api/v1/athletes/{world.athlete_id}/sets",
        json=_a_set("owner"),
        headers=world.headers["owner"],
    )
    assert answer.status_code == 201, answer.text
    logged = answer.json()
    return {**athlete_path(world), "set_id": logged["id"], "session_id": logged["session_id"]}


def with_machine(world: World) -> dict[str, object]:
    """The athlete's path values with a machine the owner just added."""
    answer = world.api.client.post(
        f"/api/v1/athletes/{world.athlete_id}/machines",
        json={"name": f"Machine {secrets.token_hex(4)}", "plates": "20x2,10x2"},
        headers=world.headers["owner"],
    )
    assert answer.status_code == 201, answer.text
    return {**athlete_path(world), "machine_id": answer.json()["id"]}


def with_queued_job(world: World) -> dict[str, object]:
    """The athlete's path values with an analysis job the owner queued (nothing runs it)."""
    answer = world.api.client.post(
        f"/api/v1/athletes/{world.athlete_id}/analyses",
        files=_a_clip(),
        headers=world.headers["owner"],
    )
    assert answer.status_code == 202, answer.text
    return {**athlete_path(world), "job_id": answer.json()["id"]}


def with_annotated_video_job(world: World) -> dict[str, object]:
    """The athlete's path values with a finished video job and its annotated video (stand-in
    bytes: access is checked, not the video)."""
    api = world.api
    with api.uow() as uow:
        job = uow.jobs.add(world.athlete_id, None, "video", "set.mp4", "gone", utc_now())
        uow.jobs.update(job.id, status="done", finished_at=utc_now())
        uow.commit()
    path = jobs.annotated_video_path(api.settings, job.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x00\x00\x00\x18ftypmp42 stand-in video")
    return {**athlete_path(world), "job_id": job.id}


def with_finished_job_and_a_set(world: World) -> dict[str, object]:
    """The athlete's path values with a finished analysis job and a logged set to link."""
    api = world.api
    with api.uow() as uow:
        analysis = uow.analyses.add({"format": "revhyper-analysis/1"}, athlete_id=world.athlete_id)
        job = uow.jobs.add(world.athlete_id, None, "keypoints", "set.json", "gone", utc_now())
        uow.jobs.update(job.id, status="done", analysis_id=analysis.id, finished_at=utc_now())
        uow.commit()
    return {**with_logged_set(world), "job_id": job.id}


def with_owners_token(world: World) -> dict[str, object]:
    """The id of a personal token the owner just made."""
    answer = world.api.client.post(
        "/api/v1/me/tokens", json={"name": "backup"}, headers=world.headers["owner"]
    )
    assert answer.status_code == 201, answer.text
    return {"token_id": answer.json()["id"]}


def with_docs_site(world: World) -> dict[str, object]:
    """A built documentation site of one page, and that page's path."""
    folder = world.api.settings.docs_site_dir
    assert folder is not None
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text("<!doctype html><title>Docs</title><h1>Docs</h1>")
    return {"path": "index.html"}


def a_variation(_world: World) -> dict[str, object]:
    return {"variation_id": "machine-reverse-hyper"}


@dataclass(frozen=True)
class Call:
    """A route's rule and a valid request to it."""

    rule: Rule
    success: int
    json: Callable[[str], Any] | None = None
    form: dict[str, str] | None = None
    #: Multipart files (the form fields then go with them).
    files: Callable[[], dict[str, tuple[str, bytes, str]]] | None = None
    #: Query values; ``{name}`` in a value is filled from the path's values.
    params: dict[str, str] = field(default_factory=dict)
    #: Readies the world and gives the path's values.
    prepare: Callable[[World], dict[str, object]] = athlete_path
    #: Ready a fresh item before each caller (a route that deletes what it is given).
    prepare_each_caller: bool = False


def _new_athlete(caller: str) -> dict[str, Any]:
    return {"name": f"New {caller}", "goal": "strength", "level": "novice", "equipment": ["bench"]}


def _a_set(_caller: str) -> dict[str, Any]:
    return {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20, "rpe": 7}


@functools.cache
def _clip_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        return write_clip(Path(folder) / "clip.json", reps=2).read_bytes()


def _a_clip() -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("clip.json", _clip_bytes(), "application/octet-stream")}


def _a_strong_export() -> dict[str, tuple[str, bytes, str]]:
    return {"file": ("strong.csv", STRONG_EXPORT.read_bytes(), "text/csv")}


_SIGN_IN = {"username": "owner1", "password": PASSWORD}
_ATHLETE = "/api/v1/athletes/{athlete_id}"
_TOOLS = "/api/v1/tools"

#: Every route: (method, path template) → its rule and a valid request.
ROUTES: dict[tuple[str, str], Call] = {
    ("GET", "/healthz"): Call(PUBLIC, 200),
    # The web app's shell, service worker and manifest: the same files for everyone (the data
    # comes from the API routes below).
    ("GET", "/"): Call(PUBLIC, 200),
    ("GET", "/sw.js"): Call(PUBLIC, 200),
    ("GET", "/manifest.webmanifest"): Call(PUBLIC, 200),
    # The documentation site: the same pages for everyone (a HEAD tells the app it exists).
    ("GET", "/docs-site"): Call(PUBLIC, 200, prepare=with_docs_site),
    ("HEAD", "/docs-site"): Call(PUBLIC, 200, prepare=with_docs_site),
    ("GET", "/docs-site/{path}"): Call(PUBLIC, 200, prepare=with_docs_site),
    ("HEAD", "/docs-site/{path}"): Call(PUBLIC, 200, prepare=with_docs_site),
    # Signing in, the caller's own account, and the account administration.
    ("POST", "/api/v1/auth/token"): Call(PUBLIC, 200, form=_SIGN_IN),
    ("POST", "/api/v1/auth/session"): Call(PUBLIC, 200, form=_SIGN_IN),
    ("GET", "/api/v1/auth/session"): Call(BROWSER, 200),
    ("DELETE", "/api/v1/auth/session"): Call(BROWSER, 204),
    ("GET", "/api/v1/me"): Call(ANY_USER, 200),
    ("GET", "/api/v1/me/tokens"): Call(OWN_ACCOUNT, 200),
    ("POST", "/api/v1/me/tokens"): Call(
        OWN_ACCOUNT, 201, json=lambda caller: {"name": f"script of {caller}"}
    ),
    ("DELETE", "/api/v1/me/tokens/{token_id}"): Call(TOKEN_HOLDER, 204, prepare=with_owners_token),
    ("POST", "/api/v1/me/password"): Call(
        OWN_ACCOUNT,
        204,
        json=lambda _: {"current_password": PASSWORD, "new_password": "a new long password"},
    ),
    ("GET", "/api/v1/users"): Call(ADMIN, 200),
    ("POST", "/api/v1/users"): Call(
        ADMIN,
        201,
        json=lambda caller: {"username": f"new-{caller}", "role": "coach", "password": PASSWORD},
    ),
    ("PATCH", "/api/v1/users/{username}"): Call(ADMIN, 200, json=lambda _: {"role": "coach"}),
    # Athletes and who may see them.
    ("POST", "/api/v1/athletes"): Call(ANY_USER, 201, json=_new_athlete),
    ("GET", "/api/v1/athletes"): Call(ANY_USER, 200),
    # (each caller's own answer: the athletes granted to them, none for a stranger)
    ("GET", "/api/v1/shared-athletes"): Call(ANY_USER, 200),
    ("GET", _ATHLETE): Call(READ, 200),
    ("PATCH", _ATHLETE): Call(OWNER, 200, json=lambda _: {"pain": 1}),
    ("POST", f"{_ATHLETE}/grants"): Call(
        OWNER, 201, json=lambda _: {"username": "spare1", "scope": "coach"}
    ),
    ("GET", f"{_ATHLETE}/grants"): Call(OWNER, 200),
    ("DELETE", f"{_ATHLETE}/grants/{{username}}"): Call(OWNER, 204),
    ("GET", f"{_ATHLETE}/audit"): Call(OWNER, 200, params={"limit": "10"}),
    # The log, sessions and plans.
    ("POST", f"{_ATHLETE}/sets"): Call(COACH, 201, json=_a_set),
    ("GET", f"{_ATHLETE}/sets"): Call(READ, 200, params={"since": "2020-01-01", "limit": "5"}),
    ("PATCH", f"{_ATHLETE}/sets/{{set_id}}"): Call(
        COACH, 200, json=lambda _: {"reps": 10}, prepare=with_logged_set
    ),
    ("DELETE", f"{_ATHLETE}/sets/{{set_id}}"): Call(
        COACH, 200, prepare=with_logged_set, prepare_each_caller=True
    ),
    ("GET", f"{_ATHLETE}/sessions"): Call(READ, 200, params={"limit": "5"}),
    ("GET", f"{_ATHLETE}/sessions/today"): Call(READ, 200, prepare=with_active_plan),
    ("POST", f"{_ATHLETE}/sessions/today"): Call(
        COACH, 200, json=lambda _: {"pain_before": 1}, prepare=with_active_plan
    ),
    ("GET", f"{_ATHLETE}/sessions/{{session_id}}"): Call(READ, 200, prepare=with_logged_set),
    ("POST", f"{_ATHLETE}/sessions/{{session_id}}/finish"): Call(
        COACH, 200, json=lambda _: {"pain_after": 1}, prepare=with_logged_set
    ),
    ("DELETE", f"{_ATHLETE}/sessions/{{session_id}}"): Call(
        COACH, 200, prepare=with_logged_set, prepare_each_caller=True
    ),
    ("POST", f"{_ATHLETE}/plans"): Call(
        COACH, 201, json=lambda _: {"weeks": 4, "days_per_week": 2}
    ),
    ("GET", f"{_ATHLETE}/plans/active"): Call(READ, 200, prepare=with_active_plan),
    ("GET", f"{_ATHLETE}/progress"): Call(READ, 200, params={"e1rm_method": "brzycki"}),
    ("GET", f"{_ATHLETE}/plates"): Call(READ, 200, params={"target": "40"}),
    # The athlete's machines and their plates.
    ("GET", f"{_ATHLETE}/machines"): Call(READ, 200),
    ("POST", f"{_ATHLETE}/machines"): Call(
        OWNER, 201, json=lambda caller: {"name": f"Machine of {caller}", "plates": "20x2"}
    ),
    ("PATCH", f"{_ATHLETE}/machines/{{machine_id}}"): Call(
        OWNER, 200, json=lambda _: {"plates": "15x2"}, prepare=with_machine
    ),
    ("DELETE", f"{_ATHLETE}/machines/{{machine_id}}"): Call(
        OWNER, 204, prepare=with_machine, prepare_each_caller=True
    ),
    # Form analyses.
    ("POST", f"{_ATHLETE}/analyses"): Call(COACH, 202, files=_a_clip),
    ("GET", f"{_ATHLETE}/analyses"): Call(READ, 200, params={"limit": "5"}),
    ("GET", "/api/v1/analyses/{job_id}"): Call(READ, 200, prepare=with_queued_job),
    ("GET", "/api/v1/analyses/{job_id}/video"): Call(READ, 200, prepare=with_annotated_video_job),
    ("PUT", "/api/v1/analyses/{job_id}/sets/{set_id}"): Call(
        COACH, 200, prepare=with_finished_job_and_a_set
    ),
    # Backups and imports (a workout file goes to ``athlete_id``: owner or coach).
    ("GET", f"{_ATHLETE}/export"): Call(READ, 200),
    ("GET", f"{_ATHLETE}/export.csv"): Call(READ, 200),
    ("POST", "/api/v1/imports"): Call(
        COACH,
        200,
        files=_a_strong_export,
        form={"format": "strong"},
        params={"athlete_id": "{athlete_id}"},
    ),
    # The catalogue and the calculators: any signed-in user.
    ("GET", "/api/v1/exercises"): Call(ANY_USER, 200),
    ("GET", "/api/v1/variations"): Call(ANY_USER, 200, params={"equipment": "bench"}),
    ("GET", "/api/v1/variations/{variation_id}"): Call(ANY_USER, 200, prepare=a_variation),
    ("GET", "/api/v1/protocols"): Call(ANY_USER, 200),
    ("GET", "/api/v1/profile-choices"): Call(ANY_USER, 200),
    ("GET", f"{_TOOLS}/e1rm"): Call(ANY_USER, 200, params={"load_kg": "60", "reps": "8"}),
    ("GET", f"{_TOOLS}/rpe"): Call(ANY_USER, 200, params={"reps": "5", "rpe": "8"}),
    ("GET", f"{_TOOLS}/working-load"): Call(
        ANY_USER,
        200,
        params={"load_kg": "60", "reps": "8", "rpe": "8", "target_reps": "5", "target_rpe": "9"},
    ),
    ("GET", f"{_TOOLS}/plates"): Call(ANY_USER, 200, params={"target": "42.5"}),
    ("GET", f"{_TOOLS}/mechanics"): Call(
        ANY_USER, 200, params={"body_mass_kg": "80", "height_m": "1.8"}
    ),
}


#: WebSocket routes: the matrix's HTTP calls cannot reach them, so each names the test that
#: runs the seven callers against it (a WebSocket route missing here fails the test below).
WEBSOCKET_ROUTES = {
    "/api/v1/live": "test_live_socket.py::test_only_the_owner_and_a_granted_coach_may_start_"
    "a_live_set (and test_an_unauthenticated_connection_is_told_why_and_closed_with_4401)",
}

#: A path parameter's convertor (``{session_id:int}``), which the OpenAPI path leaves out.
_CONVERTOR = re.compile(r"\{(\w+):\w+\}")


def app_routes(api: Api) -> set[tuple[str, str]]:
    """(method, path template) of every route the app serves, documentation routes aside."""
    found = set()
    for route in iter_route_contexts(api.client.app.routes):  # type: ignore[attr-defined]
        path = route.path
        if path is None or path in DOCUMENTATION_ROUTES:
            continue
        path = _CONVERTOR.sub(r"{\1}", path)
        if isinstance(route.route, WebSocketRoute) and path not in WEBSOCKET_ROUTES:
            found.add(("WEBSOCKET", path))  # no row can serve it: reported as missing
        found |= {(method, path) for method in route.methods or ()}
    return found


def test_every_route_has_a_row_and_every_row_a_route(api: Api) -> None:
    served = app_routes(api)
    missing = sorted(served - set(ROUTES))
    stale = sorted(set(ROUTES) - served)
    hint = "\n".join(
        f'    ("{method}", "{path}"): Call(<a rule: READ, COACH, OWNER, ...>, <status>, '
        "json=..., params=..., prepare=...),"
        for method, path in missing
    )
    assert not missing, f"routes with no row in ROUTES of {__file__}; add:\n{hint}"
    assert not stale, f"rows of ROUTES with no route in the app (remove or fix them): {stale}"


def build_world(api: Api) -> World:
    """An athlete with an owner, read/coach grantees, a revoked user, a stranger and an
    administrator; tokens are issued through the service (no password check per user: the
    matrix stays fast), and the owner also signs a browser in."""
    users = {
        "owner": ("owner1", "athlete"),
        "read": ("reader1", "athlete"),
        "coach": ("coach1", "coach"),
        "revoked": ("gone1", "coach"),
        "stranger": ("stranger1", "athlete"),
        "admin": ("admin1", "admin"),
        "spare": ("spare1", "athlete"),
    }
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for caller, (username, role) in users.items():
        user = accounts.add_user(api.uow(), username, role, PASSWORD)
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
    return World(api, athlete_id, headers, browser=sign_browser_in(api, "owner1"))


def sign_browser_in(api: Api, username: str) -> dict[str, str]:
    """The cookie and CSRF header of a browser session of ``username``."""
    answer = api.client.post(
        "/api/v1/auth/session", data={"username": username, "password": PASSWORD}
    )
    assert answer.status_code == 200, answer.text
    secret = answer.cookies[SESSION_COOKIE]
    api.client.cookies.clear()
    return {"Cookie": f"{SESSION_COOKIE}={secret}", CSRF_HEADER: answer.json()["csrf_token"]}


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
        yield dataclasses.replace(built, api=api)


def fill_path(template: str, values: dict[str, object]) -> str:
    try:
        return template.format(**values)
    except KeyError as missing:
        pytest.fail(f"{template}: give its row a prepare= that fills {missing}")


def send(world: World, method: str, path: str, call: Call, caller: str) -> Any:
    """The caller's request, with only the credentials the rule gives it (the client's cookie
    jar is emptied: a cookie set by an earlier answer must not sign the next caller in)."""
    client = world.api.client
    client.cookies.clear()
    return client.request(
        method,
        path,
        headers=world.credentials(call.rule, caller),
        params=call.params,
        json=call.json(caller) if call.json else None,
        data=call.form,
        files=call.files() if call.files else None,
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
    row = ROUTES[(method, template)]
    api = world.api
    values = row.prepare(world)
    problems = []
    for caller in _callers_refused_first(row.rule):
        if row.prepare_each_caller:
            values = row.prepare(world)
        call = dataclasses.replace(row, params=fill_params(row.params, values))
        expected = row.rule.expected(caller, row.success)
        before = row_counts(api)
        answer = send(world, method, fill_path(template, values), call, caller)
        if answer.status_code != expected:
            problems.append(f"{caller}: {answer.status_code}, expected {expected}: {answer.text}")
        if answer.status_code >= 400 and (problem := contract_error_problem(answer)):
            problems.append(f"{caller}: {problem}")
        if caller not in row.rule.allowed and (changed := changed_tables(before, row_counts(api))):
            problems.append(f"{caller} was refused but rows changed: {changed}")
    assert not problems, f"{method} {template} ({row.rule.name}):\n" + "\n".join(problems)


def fill_params(params: dict[str, str], values: dict[str, object]) -> dict[str, str]:
    """The query values with ``{name}`` filled from the path's values."""
    return {name: value.format(**values) for name, value in params.items()}


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
