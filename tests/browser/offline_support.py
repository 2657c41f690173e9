"""The fixtures of the tests that take the phone offline: the app behind a ``NetworkLink``
(``go_offline`` cuts it), and each test starting online. Imported by those test modules."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_support import LiveServer, live_server, require_browser


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app behind a network link these tests cut (``go_offline``)."""
    require_browser()
    with live_server(tmp_path_factory.mktemp("web"), cuttable=True) as running:
        yield running


@pytest.fixture(autouse=True)
def network_back(server: LiveServer) -> Iterator[None]:
    """Each test starts online, whatever the one before it left cut."""
    assert server.link is not None
    server.link.restore()
    yield
