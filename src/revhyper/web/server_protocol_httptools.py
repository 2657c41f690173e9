"""uvicorn's httptools (C parser) protocol with Nagle's algorithm off (see
``revhyper.web.server_protocol``); importable only where ``httptools`` is installed."""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from revhyper.web.server_protocol import switch_nagle_off


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    """uvicorn's httptools protocol, sending each write at once."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        switch_nagle_off(transport)
        super().connection_made(transport)  # type: ignore[arg-type]
