"""Fuzz the API from its own OpenAPI document (schemathesis 4): no input gets a 5xx, and every
answer is one the document describes (status code documented, content type and body valid,
``Allow`` right, schema-valid input accepted and schema-invalid input refused).

Requests go through the test client of the ``api`` fixture, signed in as an owner (also an
administrator, so the account routes reach their handlers) whose athlete has a plan, a logged
set, a queued analysis and whose account a personal token: their ids fill the paths (so the
fuzz reaches the handlers, not only 401/404). Generation is deterministic and bounded
(``MAX_EXAMPLES`` per operation and phase). This file replaces the routes branch's own
Schemathesis run (its real session/set ids and plan are kept here).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from api_support import Api
from hypothesis import HealthCheck, settings
from jobs_support import upload, write_clip
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from revhyper.settings import Settings
from revhyper.web.app import create_app

#: Examples per operation and phase: enough to find what the early runs found, and with ~55
#: operations the whole file stays within about two minutes on a loaded 2-core machine.
MAX_EXAMPLES = 6

#: The app's OpenAPI document (building it needs no database: the app is never started here).
_DOCUMENT = create_app(
    Settings(environ={}, data_dir=Path("unused"), database_url="sqlite://")
).openapi()
schema = schemathesis.openapi.from_dict(_DOCUMENT)
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True)

#: 422s for schema-valid input that are right although the document cannot say so: rules of
#: the domain's own text formats and of stored state. Each is (operation, message pattern);
#: any other 422 for input the document allows fails the test (the document is then wrong).
RULES_BEYOND_THE_DOCUMENT: tuple[tuple[str, str], ...] = (
    # Free-text formats parsed by the domain (a pattern in the schema could not hold it all).
    ("POST /api/v1/athletes/{athlete_id}/sets", r"^tempo "),
    ("POST /api/v1/athletes/{athlete_id}/sets", r"^band "),
    ("POST /api/v1/athletes", r"^known set "),
    ("POST /api/v1/athletes", r"plates|plate "),
    ("POST /api/v1/athletes/{athlete_id}/sets", r"^side .* is only for single-leg"),
    ("PATCH /api/v1/athletes/{athlete_id}/sets/{set_id}", r"^tempo "),
    ("PATCH /api/v1/athletes/{athlete_id}/sets/{set_id}", r"^band "),
    # Cross-field and stored-state rules.
    ("GET /api/v1/athletes/{athlete_id}/sets", r"since .* is after .*until"),
    ("POST /api/v1/athletes", r"^an athlete named .* already exists"),
    ("POST /api/v1/athletes/{athlete_id}/grants", r"is not an active account here"),
    ("POST /api/v1/athletes/{athlete_id}/plans", r"screening|clearance"),
    ("PATCH /api/v1/athletes/{athlete_id}", r"clearance|screening"),
    ("POST /api/v1/me/password", r"^current_password is wrong"),
    ("POST /api/v1/me/password", r"^new_password is the current password"),
    ("PATCH /api/v1/athletes/{athlete_id}/sets/{set_id}", r"^nothing to change"),
    ("GET /api/v1/tools/rpe", r"^give both reps and rpe"),
    ("POST /api/v1/users", r"^username .* is not allowed"),
    ("POST /api/v1/users", r"^an? .*already exists|is taken"),
    ("PATCH /api/v1/users/{username}", r"^nothing to change"),
    # The plate list's text format (SIZExCOPIES), parsed by the domain.
    ("GET /api/v1/tools/plates", r"^plate|plates?\b"),
    ("GET /api/v1/athletes/{athlete_id}/plates", r"^plate|plates?\b"),
    ("GET /api/v1/athletes/{athlete_id}/plates", r"^with machine_id, give only the target"),
    ("PATCH /api/v1/athletes/{athlete_id}", r"plates|plate "),
    # A machine's plates (the same text format), its name's spaces and its name taken.
    ("POST /api/v1/athletes/{athlete_id}/machines", r"plates|plate |machine's name|already"),
    ("PATCH /api/v1/athletes/{athlete_id}/machines/{machine_id}", r"plates|plate |name|already"),
    # The machine's geometry across fields: a strap or band on the leg (its length comes from
    # the height), offsets as distances from the hip, the top above the bottom; the tempo text.
    ("GET /api/v1/tools/mechanics", r"not on the leg|from the hip|from the pivot|pivot must"),
    ("GET /api/v1/tools/mechanics", r"must be above the bottom|tempo|time .* s is outside"),
    ("GET /api/v1/tools/mechanics", r"modelled for the bench only"),
    # Uploaded files: what is inside is checked, not describable in the document.
    ("POST /api/v1/athletes/{athlete_id}/analyses", r"is not a clip revhyper can analyse"),
    ("POST /api/v1/imports", r"."),
)
#: Statuses that answer the content of valid-looking input (see ``RULES_BEYOND_THE_DOCUMENT``).
CONTENT_REFUSALS = (415, 422)


@dataclass
class FuzzTarget:
    """The signed-in owner the fuzz acts as, and the ids that make requests reach handlers."""

    api: Api
    headers: dict[str, str]
    athlete_id: int
    grantee: str
    #: Path parameter → an id of the owner's own data (a session, a set, a job, a token).
    ids: dict[str, int]


@pytest.fixture
def target(api: Api, tmp_path: Path) -> FuzzTarget:
    owner = api.add_user("owner1", "admin")
    api.add_user("coach1", "coach")
    athlete_id = api.add_athlete(owner)
    api.grant(owner, athlete_id, "coach1", "read")
    client = api.client
    planned = client.post(f"/api/v1/athletes/{athlete_id}/plans", json={}, headers=owner)
    assert planned.status_code == 201, planned.text
    logged = client.post(
        f"/api/v1/athletes/{athlete_id}/sets",
        json={"variation": "machine-reverse-hyper", "reps": 10, "load_kg": 20},
        headers=owner,
    )
    assert logged.status_code == 201, logged.text
    clip = write_clip(tmp_path / "clip.json", reps=2)
    queued = upload(api, owner, athlete_id, clip)
    assert queued.status_code == 202, queued.text
    token = client.post("/api/v1/me/tokens", json={"name": "fuzz"}, headers=owner)
    assert token.status_code == 201, token.text
    ids = {
        "session_id": logged.json()["session_id"],
        "set_id": logged.json()["id"],
        "job_id": queued.json()["id"],
        "token_id": token.json()["id"],
    }
    return FuzzTarget(api, owner, athlete_id, "coach1", ids)


_KEYS = count()


def _aim_at_real_data(case: Any, target: FuzzTarget) -> None:
    """Point the case at the owner's athlete, its data and real accounts (an id generated as
    a number is replaced; a malformed one is kept, to be refused); give each request its own
    Idempotency-Key (a key reused for another body is refused, as the contract says)."""
    path = case.path_parameters or {}
    if "athlete_id" in path:
        path["athlete_id"] = target.athlete_id
    if "username" in path:
        path["username"] = target.grantee
    for name, real in target.ids.items():
        if isinstance(path.get(name), int) and not isinstance(path[name], bool):
            path[name] = real
    is_positive = case.meta is None or case.meta.generation.mode is GenerationMode.POSITIVE
    if is_positive and isinstance(case.body, dict) and "username" in case.body:
        case.body["username"] = target.grantee
    if is_positive and "variation_id" in path:
        path["variation_id"] = "machine-reverse-hyper"
    headers = case.headers or {}
    for name in list(headers):
        key = headers[name]
        if name.lower() == "idempotency-key" and isinstance(key, str) and len(key) <= 200:
            headers[name] = f"{next(_KEYS)}-{key}"[:200]


def _explained(operation: str, response: Any) -> bool:
    try:
        message = response.json()["error"]["message"]
    except (ValueError, KeyError, TypeError):
        return False
    return any(
        operation == where and re.search(pattern, message)
        for where, pattern in RULES_BEYOND_THE_DOCUMENT
    )


@schema.parametrize()
@settings(derandomize=True, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_input_gets_a_server_error_or_an_answer_the_document_does_not_describe(
    case: Any, target: FuzzTarget
) -> None:
    _aim_at_real_data(case, target)
    request = case.as_transport_kwargs(base_url="http://testserver", headers=target.headers)
    if not request.get("cookies"):
        request.pop("cookies", None)
    if isinstance(request.get("data"), bytes | str):
        request["content"] = request.pop("data")
    if request.get("files"):
        request["files"] = _sendable_files(request["files"])
    response = target.api.client.request(**request)
    # A multipart request is streamed: load it, for Schemathesis reads what was sent.
    response.request.read()
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message"} and error["message"], response.text
    operation = f"{case.method.upper()} {case.path}"
    if response.status_code in CONTENT_REFUSALS and _explained(operation, response):
        case.validate_response(response, excluded_checks=[positive_data_acceptance])
    else:
        case.validate_response(response)
    if response.status_code == 201 and _idempotency_key(request.get("headers") or {}):
        _replay_answers_the_same_and_as_documented(case, target, request, response)


def _sendable_files(files: Any) -> Any:
    """The generated multipart files with any content that is not bytes (a number or null from
    the negative phase) sent as its text, as a client would have to."""

    def sendable(value: Any) -> Any:
        if isinstance(value, tuple):
            return (value[0], sendable(value[1]), *value[2:]) if len(value) > 1 else value
        return value if isinstance(value, bytes | str) else str(value).encode()

    items = files.items() if isinstance(files, dict) else files
    return [(name, sendable(value)) for name, value in items]


def _idempotency_key(headers: dict[str, Any]) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == "idempotency-key" and v), None)


def _replay_answers_the_same_and_as_documented(
    case: Any, target: FuzzTarget, request: dict[str, Any], first: Any
) -> None:
    """A repeat with the same Idempotency-Key answers the stored document, in a status the
    OpenAPI document lists (each case has its own key, so only this reaches a replay)."""
    replay = target.api.client.request(**request)
    replay.request.read()
    assert replay.status_code in (200, 201), replay.text
    assert replay.json() == first.json()
    case.validate_response(replay)
