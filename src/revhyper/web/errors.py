"""The one place where errors become HTTP answers: ``{"error": {"code", "message"}}``.

Domain and service errors map to statuses here; request validation errors name the field and
what is allowed; anything unexpected is a 500 with a generic message (logged, never shown).
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, params
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from revhyper.domain.errors import (
    AlreadyExistsError,
    ClipUnusableError,
    ConcurrentWriteError,
    InvalidInputError,
    NotFoundError,
    RevhyperError,
    ScreeningRefusalError,
    StorageError,
)
from revhyper.services.accounts import AuthenticationError, TooManyAttemptsError
from revhyper.services.jobs import JobNotDoneError, UnsupportedUploadError, UploadTooLargeError

LOG = logging.getLogger("revhyper.web")

#: Domain error → (HTTP status, error code); the first matching class wins.
STATUS_OF_ERROR: tuple[tuple[type[Exception], int, str], ...] = (
    (AuthenticationError, 401, "unauthorized"),
    (TooManyAttemptsError, 429, "too_many_attempts"),
    (NotFoundError, 404, "not_found"),
    (ScreeningRefusalError, 422, "screening_refused"),
    (ClipUnusableError, 422, "clip_unusable"),
    (AlreadyExistsError, 409, "already_exists"),
    (UploadTooLargeError, 413, "payload_too_large"),
    (UnsupportedUploadError, 415, "unsupported_media_type"),
    (JobNotDoneError, 409, "job_not_done"),
    (InvalidInputError, 422, "invalid_input"),
    (ConcurrentWriteError, 409, "write_conflict"),
    (StorageError, 503, "storage_unavailable"),
    (RevhyperError, 400, "bad_request"),
)

#: Codes of the HTTP errors the framework raises itself.
_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_requests",
}


class ApiError(Exception):
    """An HTTP error with the contract's code and message, raised by the web layer."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_body(code: str, message: str) -> dict[str, Any]:
    """The contract's error document."""
    return {"error": {"code": code, "message": message}}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A JSON error answer."""
    return JSONResponse(error_body(code, message), status_code=status, headers=headers)


#: What FastAPI says when a JSON body cannot even be decoded (e.g. bytes that are not UTF-8).
_UNPARSABLE_BODY = "There was an error parsing the body"
#: The advice every answer to an unreadable JSON body ends with.
SEND_JSON = "send a JSON object with Content-Type: application/json"


def _field(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path", "header")]
    where = location[0] if location else "body"
    name = ".".join(parts) or "the body"
    return f"{where} field {name!r}" if parts else name


def _json_kind(value: Any) -> str:
    """What a decoded JSON value was, in JSON's words."""
    kinds = ((bool, "a boolean"), (int | float, "a number"), (str, "a string"), (list, "an array"))
    return next((name for kind, name in kinds if isinstance(value, kind)), "null")


def _sentence(error: dict[str, Any], known_fields: list[str]) -> str:
    """One problem: the field, and what is allowed."""
    kind = error.get("type")
    location = tuple(error.get("loc", ()))
    if kind == "json_invalid":
        context = error.get("ctx", {}).get("error", "")
        return f"the body is not valid JSON ({context}): {SEND_JSON}"
    if location == ("body",) and kind == "missing":
        return f"the body is missing: {SEND_JSON}"
    if location == ("body",) and kind in ("model_attributes_type", "dict_type"):
        return f"the body must be a JSON object, not {_json_kind(error.get('input'))}"
    if kind == "extra_forbidden":
        allowed = ", ".join(known_fields) or "see /openapi.json"
        return f"{_field(location)} is not a known field: allowed {allowed}"
    message = str(error.get("msg", "is not valid")).removeprefix("Value error, ")
    if kind in _CHOICE_ERRORS:
        given = repr(error.get("input"))
        shown = given if len(given) <= 80 else given[:77] + "..."
        return f"{_field(location)}: {shown} is not allowed: {message}"
    return f"{_field(location)}: {message}"


#: Pydantic's error types for a value outside a fixed list of choices (the message then
#: names the value sent as well as the allowed ones).
_CHOICE_ERRORS = frozenset({"enum", "literal_error"})


def validation_message(errors: list[dict[str, Any]], known_fields: list[str] | None = None) -> str:
    """One sentence per problem, naming the field and what is allowed."""
    sentences = [_sentence(error, known_fields or []) for error in errors[:5]]
    more = len(errors) - 5
    if more > 0:
        sentences.append(f"and {more} more problem(s)")
    return "; ".join(sentences)


#: What a client is told about a storage failure; the detail (database address, constraint
#: names) goes to the server's log only.
_STORAGE_MESSAGES = {
    "write_conflict": "another request changed the same data at the same moment: send it again",
    "storage_unavailable": "the database is not available right now: try again later",
}


def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def _body_params(request: Request) -> list[Any]:
    """The body parameters the request's route declares."""
    dependant = getattr(request.scope.get("route"), "dependant", None)
    return list(dependant.body_params) if dependant is not None else []


def _takes_form(request: Request) -> bool:
    return any(isinstance(param.field_info, params.Form) for param in _body_params(request))


def _known_fields(request: Request) -> list[str]:
    """The fields of the route's JSON body model (or its form fields)."""
    names: list[str] = []
    for param in _body_params(request):
        annotation = param.field_info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            names += [info.alias or name for name, info in annotation.model_fields.items()]
        else:
            names.append(param.alias)
    return names


def _wrong_content_type(request: Request) -> str | None:
    """What to send instead, when the body's content type is not the one the route reads."""
    kind = _content_type(request)
    if _takes_form(request):
        if kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
            return None
        fields = ", ".join(_known_fields(request))
        return (
            f"the body was sent as {kind[:80] or 'nothing'!r}: send a form "
            f"(application/x-www-form-urlencoded or multipart/form-data) with {fields}"
        )
    if not kind or kind == "application/json" or kind.endswith("+json"):
        return None
    return f"the body was sent as {kind[:80]!r}: {SEND_JSON}"


def invalid_request_response(request: Request, errors: list[dict[str, Any]]) -> JSONResponse:
    """422 naming each field and what is allowed (or the content type to send)."""
    body_errors = any(tuple(error.get("loc", ()))[:1] == ("body",) for error in errors)
    advice = _wrong_content_type(request) if body_errors else None
    message = advice or validation_message(errors, _known_fields(request))
    return error_response(422, "invalid_input", message)


def domain_error_response(error: Exception) -> JSONResponse:
    """The answer to a domain or service error."""
    for kind, status, code in STATUS_OF_ERROR:
        if isinstance(error, kind):
            if code in _STORAGE_MESSAGES:
                LOG.warning("storage error answered %d: %s", status, error)
                return error_response(status, code, _STORAGE_MESSAGES[code])
            headers = None
            if isinstance(error, TooManyAttemptsError):
                headers = {"Retry-After": str(error.retry_after_s)}
            if isinstance(error, AuthenticationError):
                headers = {"WWW-Authenticate": "Bearer"}
            return error_response(status, code, str(error), headers)
    raise error


def allowed_methods(request: Request) -> list[str]:
    """Every method some route answers on the request's path (the framework's own 405 names
    only the first route that matched the path). A path that a route names literally belongs
    to that route: ``/sessions/today`` is not also ``/sessions/{session_id}``, so the routes
    with the fewest path parameters among those that match decide."""
    by_parameters: dict[int, set[str]] = {}
    for route in iter_route_contexts(request.app.routes):
        match, child = route.matches(request.scope)
        if match is not Match.NONE and route.methods:
            parameters = len(child.get("path_params", {}))
            by_parameters.setdefault(parameters, set()).update(route.methods)
    return sorted(by_parameters[min(by_parameters)]) if by_parameters else []


def method_not_allowed(request: Request) -> JSONResponse:
    """405 naming the methods the path does allow, in the message and the ``Allow`` header."""
    allowed = allowed_methods(request)
    message = (
        f"method {request.method} is not allowed on {request.url.path}: "
        f"use {', '.join(allowed) or 'another path'}"
    )
    return error_response(405, "method_not_allowed", message, {"Allow": ", ".join(allowed)})


def install_error_handlers(app: FastAPI) -> None:
    """Make every error answer the contract's JSON error."""

    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, error.headers)

    @app.exception_handler(RevhyperError)
    async def _domain_error(_request: Request, error: RevhyperError) -> JSONResponse:
        return domain_error_response(error)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        return invalid_request_response(request, list(error.errors()))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        if error.status_code == 405:
            return method_not_allowed(request)
        if error.status_code == 400 and error.detail == _UNPARSABLE_BODY:
            message = f"the body could not be read as UTF-8 JSON: {SEND_JSON}"
            return error_response(422, "invalid_input", message)
        code = _HTTP_CODES.get(error.status_code, "error")
        detail = error.detail if isinstance(error.detail, str) else code.replace("_", " ")
        return error_response(error.status_code, code, detail, dict(error.headers or {}) or None)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        LOG.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(
            500, "internal_error", "the server failed unexpectedly: the error is in its log"
        )
