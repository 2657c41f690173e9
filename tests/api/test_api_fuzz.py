"""Fuzz the API from its own OpenAPI document (schemathesis 4): no input gets a 5xx, and every
answer is one the document describes (status code documented, body valid, ``Allow`` right).

Requests go through the test client of the ``api`` fixture, signed in as an owner whose athlete
id fills ``{athlete_id}`` (so the fuzz reaches the handlers, not only 401/404). Generation is
deterministic and bounded (``MAX_EXAMPLES`` per operation and phase).
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
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from revhyper.settings import Settings
from revhyper.web.app import create_app

#: Examples per operation and phase: enough to find what the early runs found, fast in CI.
MAX_EXAMPLES = 8

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
    # Cross-field and stored-state rules.
    ("GET /api/v1/athletes/{athlete_id}/sets", r"since .* is after .*until"),
    ("POST /api/v1/athletes", r"^an athlete named .* already exists"),
    ("POST /api/v1/athletes/{athlete_id}/grants", r"is not an active account here"),
    ("POST /api/v1/athletes/{athlete_id}/plans", r"screening|clearance"),
    ("PATCH /api/v1/athletes/{athlete_id}", r"clearance|screening"),
)


@dataclass
class FuzzTarget:
    """The signed-in owner the fuzz acts as, and the ids that make requests reach handlers."""

    api: Api
    headers: dict[str, str]
    athlete_id: int
    grantee: str


@pytest.fixture
def target(api: Api) -> FuzzTarget:
    owner = api.add_user("owner1")
    api.add_user("coach1", "coach")
    athlete_id = api.add_athlete(owner)
    api.grant(owner, athlete_id, "coach1", "read")
    return FuzzTarget(api, owner, athlete_id, "coach1")


_KEYS = count()


def _aim_at_real_data(case: Any, target: FuzzTarget) -> None:
    """Point the case at the owner's athlete and real accounts; give each request its own
    Idempotency-Key (a key reused for another body is refused, as the contract says)."""
    path = case.path_parameters or {}
    if "athlete_id" in path:
        path["athlete_id"] = target.athlete_id
    if "username" in path:
        path["username"] = target.grantee
    is_positive = case.meta is None or case.meta.generation.mode is GenerationMode.POSITIVE
    if is_positive and isinstance(case.body, dict) and "username" in case.body:
        case.body["username"] = target.grantee
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
    response = target.api.client.request(**request)
    assert response.status_code < 500, response.text
    if response.status_code >= 400:
        error = response.json()["error"]
        assert set(error) == {"code", "message"} and error["message"], response.text
    operation = f"{case.method.upper()} {case.path}"
    if response.status_code == 422 and _explained(operation, response):
        case.validate_response(response, excluded_checks=[positive_data_acceptance])
    else:
        case.validate_response(response)
    if response.status_code == 201 and _idempotency_key(request.get("headers") or {}):
        _replay_answers_the_same_and_as_documented(case, target, request, response)


def _idempotency_key(headers: dict[str, Any]) -> str | None:
    return next((v for k, v in headers.items() if k.lower() == "idempotency-key" and v), None)


def _replay_answers_the_same_and_as_documented(
    case: Any, target: FuzzTarget, request: dict[str, Any], first: Any
) -> None:
    """A repeat with the same Idempotency-Key answers the stored document, in a status the
    OpenAPI document lists (each case has its own key, so only this reaches a replay)."""
    replay = target.api.client.request(**request)
    assert replay.status_code in (200, 201), replay.text
    assert replay.json() == first.json()
    case.validate_response(replay)
