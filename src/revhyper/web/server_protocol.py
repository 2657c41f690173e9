"""The HTTP protocols ``revhyper serve`` runs under uvicorn, with Nagle's algorithm off.

With ``--workers N`` uvicorn binds the listening socket itself, without the TCP protocol
number, so asyncio does not switch Nagle's algorithm off on the connections it accepts (it
does only for sockets it knows to be TCP). A response written as headers then body then
waits for the client's delayed acknowledgement of the headers: about 40 ms on Linux, added to
every request (measured: 46 ms for ``/healthz`` with two workers, 3.5 ms with one). These
protocols set ``TCP_NODELAY`` on every connection, as single-process uvicorn already does.

``NoDelayH11Protocol`` is uvicorn's pure-Python h11 parser; ``NoDelayHttpToolsProtocol`` (in
``revhyper.web.server_protocol_httptools``) its C parser, used when ``httptools`` is installed
because it costs less server CPU per request.
"""

from __future__ import annotations

import asyncio
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol


def switch_nagle_off(transport: asyncio.BaseTransport) -> None:
    """Send each write on this TCP connection at once (no wait for the peer's ACK)."""
    connection = transport.get_extra_info("socket")
    if connection is not None and connection.family in (socket.AF_INET, socket.AF_INET6):
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol, sending each write at once."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        switch_nagle_off(transport)
        super().connection_made(transport)  # type: ignore[arg-type]
