"""A cap on request bodies, enforced before anything reads them (ASGI middleware).

JSON and form bodies may be at most ``Settings.max_json_kb``; uploads (``multipart/form-data``)
at most ``Settings.max_upload_mb``. A declared ``Content-Length`` over the cap is refused at
once; a body sent without one is counted as it arrives and refused when it passes the cap.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTooLargeError(Exception):
    """The body passed its cap while it was being read."""


def _json_error(status: int, code: str, message: str) -> bytes:
    return json.dumps({"error": {"code": code, "message": message}}).encode()


class BodyLimit:
    """Refuse request bodies over their cap with 413 and the contract's JSON error."""

    def __init__(self, app: ASGIApp, *, json_bytes: int, upload_bytes: int) -> None:
        self.app = app
        self.json_bytes = json_bytes
        self.upload_bytes = upload_bytes

    def _cap(self, headers: dict[bytes, bytes]) -> tuple[int, str]:
        kind = headers.get(b"content-type", b"").split(b";")[0].strip().lower()
        if kind == b"multipart/form-data":
            return self.upload_bytes, f"{self.upload_bytes / 1e6:g} MB (REVHYPER_MAX_UPLOAD_MB)"
        return self.json_bytes, f"{self.json_bytes / 1e3:g} kB (REVHYPER_MAX_JSON_KB)"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        cap, described = self._cap(headers)
        declared = headers.get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > cap):
            await _refuse(send, described)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    raise BodyTooLargeError
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLargeError:
            if not started:
                await _refuse(send, described)


async def _refuse(send: Send, described: str) -> None:
    body = _json_error(413, "payload_too_large", f"the request body is larger than {described}")
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
    ]
    await send({"type": "http.response.start", "status": 413, "headers": headers})
    await send({"type": "http.response.body", "body": body})
