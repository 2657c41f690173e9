"""``/api/v1/live``: the live form-coaching WebSocket (``docs/guide/live-protocol.md``).

Thin: authenticate the connection, read JSON text messages, hand each to
:class:`revhyper.services.live.LiveConnection` (in a worker thread: it reads the database and
runs the analysis) and send back what it answers.

Authentication: ``Authorization: Bearer`` (API clients), or the browser's session cookie when
the ``Origin`` header is the server's own origin (a page of another site cannot open a
WebSocket with the user's cookie: cross-site WebSocket hijacking). A connection without either
is accepted, told why in an ``error`` message, and closed with code 4401.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, WebSocket, WebSocketDisconnect
from starlette.concurrency import run_in_threadpool

from revhyper.adapters.db import UnitOfWork
from revhyper.adapters.db.accounts import StoredUser
from revhyper.services.accounts import AuthenticationError, TokenKind, resolve_token
from revhyper.services.live import (
    MAX_MESSAGE_BYTES,
    LiveConnection,
    LiveSets,
    error_message,
)
from revhyper.web.deps import SESSION_COOKIE

router = APIRouter(tags=["live"])

#: Close code for a connection that is not signed in (4000-4999: the application's own).
CLOSE_UNAUTHORIZED = 4401


def own_origin(websocket: WebSocket) -> str:
    """The origin a page of this server has (``http(s)://host[:port]``)."""
    scheme = "https" if websocket.url.scheme == "wss" else "http"
    return f"{scheme}://{websocket.headers.get('host', '')}"


def _authenticate(websocket: WebSocket) -> StoredUser:
    """The signed-in user of the connection (see the module docstring)."""
    uow = UnitOfWork(websocket.app.state.engine)
    header = websocket.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        kinds = frozenset({TokenKind.ACCESS, TokenKind.PERSONAL})
        return resolve_token(uow, header[7:].strip(), kinds)[0]
    secret = websocket.cookies.get(SESSION_COOKIE)
    if not secret:
        raise AuthenticationError(
            "not signed in: sign in first, or send Authorization: Bearer <token>"
        )
    origin = websocket.headers.get("origin")
    if origin != own_origin(websocket):
        raise AuthenticationError(
            f"the Origin header {str(origin)[:80]!r} is not this server's "
            f"({own_origin(websocket)}): a session cookie only counts from the app's own pages"
        )
    return resolve_token(uow, secret, frozenset({TokenKind.BROWSER}))[0]


def live_sets(websocket: WebSocket) -> LiveSets:
    """The process's live sets (made on first use)."""
    state = websocket.app.state
    if not hasattr(state, "live_sets"):
        state.live_sets = LiveSets()
    sets: LiveSets = state.live_sets
    return sets


def _parsed(text: str) -> tuple[Any, dict[str, Any] | None]:
    """The message as JSON, or the error to answer (NaN and Infinity are refused)."""
    if len(text.encode()) > MAX_MESSAGE_BYTES:
        return None, error_message(
            "payload_too_large",
            f"a message may hold at most {MAX_MESSAGE_BYTES} bytes: send frames in smaller batches",
        )

    def refuse_constant(name: str) -> None:
        raise ValueError(f"{name} is not a number JSON allows")

    try:
        return json.loads(text, parse_constant=refuse_constant), None
    except ValueError as error:
        return None, error_message("invalid_json", f"the message is not valid JSON: {error}")


@router.websocket("/api/v1/live")
async def live(websocket: WebSocket) -> None:
    """Live form coaching: frames of landmarks in, framing, state and reps out."""
    await websocket.accept()
    try:
        user = await run_in_threadpool(_authenticate, websocket)
    except AuthenticationError as error:
        await websocket.send_json(error_message("unauthorized", str(error)))
        await websocket.close(CLOSE_UNAUTHORIZED)
        return
    engine = websocket.app.state.engine
    connection = LiveConnection(user, live_sets(websocket), lambda: UnitOfWork(engine))
    try:
        while True:
            received = await websocket.receive()
            if received["type"] == "websocket.disconnect":
                return
            text = received.get("text")
            if text is None:
                await websocket.send_json(
                    error_message("invalid_input", "send JSON text messages, not binary ones")
                )
                continue
            message, refused = _parsed(text)
            replies = [refused] if refused else connection.handle_now(message)
            if replies is None:
                replies = await run_in_threadpool(connection.handle, message)
            for reply in replies:
                await websocket.send_json(reply)
    except WebSocketDisconnect:
        return
