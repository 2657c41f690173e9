"""The server's HTTP protocols switch Nagle's algorithm off on every connection."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from importlib.util import find_spec
from typing import Any

import pytest
from uvicorn.config import Config
from uvicorn.server import ServerState

from revhyper.cli.serve import H11_PROTOCOL, HTTPTOOLS_PROTOCOL, http_protocol
from revhyper.web.server_protocol import NoDelayH11Protocol


def _httptools_protocol() -> Any:
    from revhyper.web.server_protocol_httptools import NoDelayHttpToolsProtocol

    return NoDelayHttpToolsProtocol


_WITHOUT_HTTPTOOLS = pytest.mark.skipif(
    find_spec("httptools") is None, reason="httptools is not installed here"
)


class _Transport(asyncio.Transport):
    def __init__(self, connection: socket.socket) -> None:
        super().__init__()
        self._connection = connection

    def get_extra_info(self, name: str, default: object = None) -> object:
        extra = {"socket": self._connection, "peername": ("127.0.0.1", 1), "sockname": None}
        return extra.get(name, default)


@pytest.fixture
def accepted() -> Iterator[socket.socket]:
    """A TCP connection accepted on a socket bound as uvicorn binds it for several workers
    (no protocol number given), so asyncio leaves Nagle's algorithm on."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    client = socket.create_connection(listener.getsockname())
    connection, _ = listener.accept()
    yield connection
    for opened in (connection, client, listener):
        opened.close()


@pytest.mark.parametrize(
    "protocol_class",
    [
        pytest.param(lambda: NoDelayH11Protocol, id="h11"),
        pytest.param(_httptools_protocol, id="httptools", marks=_WITHOUT_HTTPTOOLS),
    ],
)
def test_a_connection_accepted_without_the_tcp_protocol_number_gets_nodelay(
    accepted: socket.socket, protocol_class: Any
) -> None:
    assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 0
    config = Config(app=lambda scope, receive, send: None)
    config.load()
    loop = asyncio.new_event_loop()
    try:
        protocol = protocol_class()(
            config=config, server_state=ServerState(), app_state={}, _loop=loop
        )
        protocol.connection_made(_Transport(accepted))
    finally:
        loop.close()
    assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_the_server_runs_the_c_parser_when_httptools_is_installed_and_h11_otherwise() -> None:
    expected = HTTPTOOLS_PROTOCOL if find_spec("httptools") is not None else H11_PROTOCOL
    assert http_protocol() == expected
