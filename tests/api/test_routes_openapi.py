"""The new routes' OpenAPI document is accurate: requests generated from it (Schemathesis)
never get a 5xx, and every answer has a documented status, content type and shape."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from api_support import Api
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

#: The operations these routers added (method, path).
OPERATIONS = (
    ("GET", "/api/v1/exercises"),
    ("GET", "/api/v1/variations"),
    ("GET", "/api/v1/variations/{variation_id}"),
    ("GET", "/api/v1/protocols"),
    ("GET", "/api/v1/tools/e1rm"),
    ("GET", "/api/v1/tools/rpe"),
    ("GET", "/api/v1/tools/working-load"),
    ("GET", "/api/v1/tools/plates"),
    ("GET", "/api/v1/tools/mechanics"),
    ("GET", "/api/v1/athletes/{athlete_id}/plates"),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions"),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions/today"),
    ("POST", "/api/v1/athletes/{athlete_id}/sessions/today"),
    ("GET", "/api/v1/athletes/{athlete_id}/sessions/{session_id}"),
    ("POST", "/api/v1/athletes/{athlete_id}/sessions/{session_id}/finish"),
    ("PATCH", "/api/v1/athletes/{athlete_id}/sets/{set_id}"),
    ("DELETE", "/api/v1/athletes/{athlete_id}/sets/{set_id}"),
    ("DELETE", "/api/v1/athletes/{athlete_id}/sessions/{session_id}"),
    ("GET", "/api/v1/athletes/{athlete_id}/progress"),
    ("GET", "/api/v1/athletes/{athlete_id}/export"),
    ("GET", "/api/v1/athletes/{athlete_id}/export.csv"),
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _seeded(api: Api) -> tuple[dict[str, str], dict[str, int]]:
    """An owner with an athlete, a plan and one logged set; the ids paths should use."""
    owner = api.add_user("alex")
    athlete = api.add_athlete(owner)
    api.client.post(f"/api/v1/athletes/{athlete}/plans", json={}, headers=owner)
    logged = api.client.post(
        f"/api/v1/athletes/{athlete}/sets",
        json={"variation": "machine-reverse-hyper", "reps": 10, "load_kg": 20},
        headers=owner,
    ).json()
    ids = {"athlete_id": athlete, "session_id": logged["session_id"], "set_id": logged["id"]}
    return owner, ids


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_generated_requests_get_documented_answers_never_a_5xx(
    api: Api, method: str, path: str
) -> None:
    headers, ids = _seeded(api)
    schema = schemathesis.openapi.from_asgi("/openapi.json", api.client.app)
    operation = schema[path][method]

    @settings(
        max_examples=25,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(), real_ids=st.booleans())
    def check(case: Any, real_ids: bool) -> None:
        if real_ids and case.path_parameters:
            known = {k: ids[k] for k in case.path_parameters if k in ids}
            case.path_parameters = {**case.path_parameters, **known}
        response = case.call(headers=headers)
        case.validate_response(response, checks=CHECKS)

    check()
