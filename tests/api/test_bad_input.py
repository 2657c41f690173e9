"""Bad input and attacks: each gets a 4xx with the contract's JSON error, a message naming the
field (or header) and what is allowed, and leaves every table as it was. Never a 5xx."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from api_support import Api
from guards import changed_tables, contract_error_problem, row_counts
from test_authorization_matrix import ROUTES, fill_params, fill_path

from revhyper.services import accounts
from revhyper.services.accounts import TokenKind
from revhyper.web.deps import CSRF_HEADER, SESSION_COOKIE

A_SET = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20.0}
JSON = {"Content-Type": "application/json"}
SETS = "/api/v1/athletes/{athlete}/sets"
SESSIONS = "/api/v1/athletes/{athlete}/sessions"


@dataclass(frozen=True)
class Bad:
    """One bad request: where it goes, what it sends, and what the answer must say."""

    method: str
    path: str
    status: int
    mentions: tuple[str, ...]
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)


def _set_with(**changes: Any) -> dict[str, Any]:
    return {**A_SET, **changes}


def _raw_set(number: str) -> bytes:
    """A set whose load is written as ``number`` in the JSON text itself (``NaN``...)."""
    return (
        b'{"variation": "machine-reverse-hyper", "reps": 12, "load_kg": ' + number.encode() + b"}"
    )


#: Bad requests an owner sends about their own athlete.
BAD_REQUESTS: dict[str, Bad] = {
    "unknown field": Bad(
        "POST", SETS, 422, ("colour", "not a known field", "reps"), json=_set_with(colour="red")
    ),
    "string for a number": Bad(
        "POST", SETS, 422, ("reps", "JSON number"), json=_set_with(reps="12")
    ),
    "boolean for a number": Bad(
        "POST", SETS, 422, ("load_kg", "JSON number"), json=_set_with(load_kg=True)
    ),
    "number for a boolean": Bad(
        "PATCH", "/api/v1/athletes/{athlete}", 422, ("clearance", "boolean"), json={"clearance": 1}
    ),
    "unknown variation": Bad(
        "POST", SETS, 422, ("variation", "machine-reverse-hyper"), json=_set_with(variation="squat")
    ),
    "NaN literal": Bad("POST", SETS, 422, ("load_kg", "finite"), content=_raw_set("NaN")),
    "Infinity literal": Bad("POST", SETS, 422, ("load_kg", "finite"), content=_raw_set("Infinity")),
    "-Infinity literal": Bad(
        "POST", SETS, 422, ("load_kg", "finite"), content=_raw_set("-Infinity")
    ),
    "a number past float range": Bad(
        "POST", SETS, 422, ("load_kg", "finite"), content=_raw_set("1e999")
    ),
    "negative reps": Bad(
        "POST", SETS, 422, ("reps", "greater than or equal"), json=_set_with(reps=-1)
    ),
    "negative load": Bad(
        "POST", SETS, 422, ("load_kg", "greater than or equal"), json=_set_with(load_kg=-5)
    ),
    "absurd reps": Bad(
        "POST", SETS, 422, ("reps", "less than or equal"), json=_set_with(reps=10**12)
    ),
    "absurd load": Bad(
        "POST", SETS, 422, ("load_kg", "less than or equal"), json=_set_with(load_kg=1e12)
    ),
    "absurd plan length": Bad(
        "POST", "/api/v1/athletes/{athlete}/plans", 422, ("weeks", "52"), json={"weeks": 10**6}
    ),
    "a time with no offset": Bad(
        "POST",
        SETS,
        422,
        ("performed_at", "timezone"),
        json=_set_with(performed_at="2026-03-01T18:30:00"),
    ),
    "a date as a number": Bad(
        "POST", "/api/v1/athletes/{athlete}/plans", 422, ("start", "ISO 8601"), json={"start": 0}
    ),
    "a 10 MB note": Bad(
        "POST",
        SETS,
        413,
        ("larger than", "REVHYPER_MAX_JSON_KB"),
        json=_set_with(notes="x" * 10**7),
    ),
    "malformed JSON": Bad(
        "POST", SETS, 422, ("not valid JSON", "application/json"), content=b'{"reps": 12,'
    ),
    "bytes that are not UTF-8": Bad(
        "POST", SETS, 422, ("UTF-8", "application/json"), content=b'{"reps": "\xff\xfe"}'
    ),
    "an array for an object": Bad("POST", SETS, 422, ("JSON object", "array"), json=[A_SET]),
    "no body": Bad("POST", SETS, 422, ("body is missing", "application/json")),
    "a text/plain body": Bad(
        "POST",
        SETS,
        422,
        ("text/plain", "Content-Type: application/json"),
        content=b"reps=12",
        headers={"Content-Type": "text/plain"},
    ),
    "a form to a JSON route": Bad(
        "POST",
        "/api/v1/athletes",
        422,
        ("x-www-form-urlencoded", "Content-Type: application/json"),
        content=b"name=Alex",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    ),
    "JSON to the form route": Bad(
        "POST",
        "/api/v1/auth/token",
        422,
        ("form", "username", "password"),
        json={"username": "owner1", "password": "x"},
    ),
    "an id over 2**31 in the path": Bad(
        "GET", f"/api/v1/athletes/{2**31}", 422, ("athlete_id", str(2**31 - 1))
    ),
    "an id past 64 bits in the path": Bad(
        "GET", f"/api/v1/athletes/{10**30}", 422, ("athlete_id", str(2**31 - 1))
    ),
    "a zero id in the path": Bad("GET", "/api/v1/athletes/0", 422, ("athlete_id", "1")),
    "a word for an id": Bad("GET", "/api/v1/athletes/abc", 422, ("athlete_id", "integer")),
    "a page of none": Bad("GET", SETS + "?limit=0", 422, ("limit", "greater than or equal")),
    "a huge page": Bad("GET", SETS + "?limit=1000000", 422, ("limit", "500")),
    "a negative offset": Bad("GET", SETS + "?offset=-1", 422, ("offset", "greater than")),
    "a word for a date": Bad("GET", SETS + "?since=yesterday", 422, ("since", "ISO 8601")),
    "a misspelt query parameter": Bad("GET", SETS + "?sinse=2026-01-01", 422, ("sinse", "since")),
    "an over-long Idempotency-Key": Bad(
        "POST",
        SETS,
        422,
        ("Idempotency-Key", "200"),
        json=A_SET,
        headers={"Idempotency-Key": "k" * 201},
    ),
    "a wrong method": Bad("PUT", SETS, 405, ("PUT", "GET", "POST")),
    # Found by the fuzz run over the merged server.
    "a number for a session date": Bad("GET", SESSIONS + "?until=0", 422, ("until", "ISO 8601")),
    "a method a literal path does not have": Bad(
        "DELETE", SESSIONS + "/today", 405, ("DELETE", "use GET, POST")
    ),
    "a boolean for a pain score": Bad(
        "POST",
        SESSIONS + "/today",
        422,
        ("pain_before", "JSON number"),
        json={"pain_before": False},
    ),
    "a correction with nothing to change": Bad(
        "PATCH", SETS + "/1", 422, ("nothing to change", "reps", "load_kg"), json={}
    ),
    "a correction to an unknown variation": Bad(
        "PATCH", SETS + "/1", 422, ("variation", "machine-reverse-hyper"), json={"variation": ""}
    ),
    "a body mass the mechanics do not cover": Bad(
        "GET", "/api/v1/tools/mechanics?body_mass_kg=20&height_m=1.8", 422, ("body_mass_kg", "30")
    ),
}


@pytest.fixture
def owner(api: Api) -> tuple[dict[str, str], int]:
    """An owner's headers and their athlete's id."""
    headers = api.add_user("owner1")
    return headers, api.add_athlete(headers)


def assert_refused(
    api: Api, answer: Any, status: int, mentions: tuple[str, ...], before: dict[str, int]
) -> None:
    """The answer is ``status`` with the contract's error mentioning each of ``mentions``,
    and no table changed."""
    assert answer.status_code == status, answer.text
    assert contract_error_problem(answer) is None, contract_error_problem(answer)
    message = answer.json()["error"]["message"]
    for needed in mentions:
        assert needed.lower() in message.lower(), f"{needed!r} not in {message!r}"
    assert changed_tables(before, row_counts(api)) == {}


@pytest.mark.parametrize("name", sorted(BAD_REQUESTS))
def test_bad_input_is_refused_with_a_message_and_stores_nothing(
    api: Api, owner: tuple[dict[str, str], int], name: str
) -> None:
    bad = BAD_REQUESTS[name]
    headers, athlete = owner
    sent_headers = {**headers, **(JSON if bad.content is not None else {}), **bad.headers}
    before = row_counts(api)
    answer = api.client.request(
        bad.method,
        bad.path.format(athlete=athlete),
        json=bad.json,
        content=bad.content,
        headers=sent_headers,
    )
    assert_refused(api, answer, bad.status, bad.mentions, before)


def _token(api: Api, username: str, lifetime: timedelta | None) -> str:
    user = next(u for u in accounts.list_users(api.uow()) if u.username == username)
    return accounts.issue_token(api.uow(), user, TokenKind.ACCESS, lifetime=lifetime).secret


def _expired(api: Api) -> str:
    return _token(api, "owner1", timedelta(seconds=-1))


def _revoked(api: Api) -> str:
    secret = _token(api, "owner1", timedelta(hours=1))
    accounts.revoke_secret(api.uow(), secret)
    return secret


def _forged(_api: Api) -> str:
    return "rh_" + secrets.token_urlsafe(32)


#: Credentials that must not open anything: the Authorization header sent, and the message.
BAD_CREDENTIALS = {
    "an expired token": (lambda api: f"Bearer {_expired(api)}", "expired"),
    "a revoked token": (lambda api: f"Bearer {_revoked(api)}", "revoked"),
    "a forged token": (lambda api: f"Bearer {_forged(api)}", "not valid"),
    "a token with no scheme": (lambda api: _token(api, "owner1", None), "Bearer"),
    "a token under another scheme": (lambda api: f"Token {_token(api, 'owner1', None)}", "Bearer"),
    "basic credentials": (lambda _api: "Basic b3duZXIxOnNlY3JldA==", "Bearer"),
    "the scheme alone": (lambda _api: "Bearer", "Bearer"),
}


@pytest.mark.parametrize("name", sorted(BAD_CREDENTIALS))
def test_bad_credentials_answer_401_and_write_nothing(
    api: Api, owner: tuple[dict[str, str], int], name: str
) -> None:
    make, said = BAD_CREDENTIALS[name]
    _, athlete = owner
    authorization = make(api)
    before = row_counts(api)
    answer = api.client.post(
        SETS.format(athlete=athlete), json=A_SET, headers={"Authorization": authorization}
    )
    assert_refused(api, answer, 401, (said,), before)
    assert answer.headers.get("WWW-Authenticate") == "Bearer"
    secret = authorization.split()[-1]
    assert not secret.startswith("rh_") or secret not in answer.text


def _browser_session(api: Api) -> accounts.IssuedToken:
    user = next(u for u in accounts.list_users(api.uow()) if u.username == "owner1")
    return accounts.issue_token(api.uow(), user, TokenKind.BROWSER, lifetime=timedelta(hours=1))


@pytest.mark.parametrize("csrf", [None, "wrong", ""], ids=["no header", "a wrong one", "empty"])
def test_a_cookie_session_without_its_csrf_token_cannot_write(
    api: Api, owner: tuple[dict[str, str], int], csrf: str | None
) -> None:
    _, athlete = owner
    session = _browser_session(api)
    api.client.cookies.set(SESSION_COOKIE, session.secret)
    headers = {} if csrf is None else {CSRF_HEADER: csrf}
    before = row_counts(api)
    answer = api.client.post(SETS.format(athlete=athlete), json=A_SET, headers=headers)
    assert_refused(api, answer, 403, (CSRF_HEADER,), before)
    assert answer.json()["error"]["code"] == "csrf_failed"


def test_a_cookie_session_reads_and_with_its_csrf_token_writes(
    api: Api, owner: tuple[dict[str, str], int]
) -> None:
    _, athlete = owner
    session = _browser_session(api)
    assert session.csrf is not None
    api.client.cookies.set(SESSION_COOKIE, session.secret)
    url = SETS.format(athlete=athlete)
    assert api.client.get(url).status_code == 200
    written = api.client.post(url, json=A_SET, headers={CSRF_HEADER: session.csrf})
    assert written.status_code == 201, written.text


ATHLETE_ROUTES = sorted(key for key in ROUTES if "{athlete_id}" in key[1])


@pytest.mark.parametrize(
    ("method", "template"), ATHLETE_ROUTES, ids=[f"{m} {p}" for m, p in ATHLETE_ROUTES]
)
def test_another_users_athlete_id_in_any_path_is_404_and_writes_nothing(
    api: Api, owner: tuple[dict[str, str], int], method: str, template: str
) -> None:
    headers, _ = owner
    other = api.add_user("other1")
    theirs = api.add_athlete(other, "Sam")
    logged = api.client.post(SETS.format(athlete=theirs), json=A_SET, headers=other).json()
    values = {
        "athlete_id": theirs,
        "username": "other1",
        "set_id": logged["id"],
        "session_id": logged["session_id"],
    }
    if "{machine_id}" in template:
        machine = api.client.post(
            f"/api/v1/athletes/{theirs}/machines",
            json={"name": "Gym A", "plates": "20x2"},
            headers=other,
        )
        assert machine.status_code == 201, machine.text
        values["machine_id"] = machine.json()["id"]
    call = ROUTES[(method, template)]
    path = fill_path(template, values)
    before = row_counts(api)
    answer = api.client.request(
        method,
        path,
        headers=headers,
        params=fill_params(call.params, values),
        json=call.json("owner") if call.json else None,
        data=call.form,
        files=call.files() if call.files else None,
    )
    assert_refused(api, answer, 404, (f"no athlete with id {theirs}",), before)
