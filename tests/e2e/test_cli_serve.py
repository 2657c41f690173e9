"""``revhyper serve``: bad arguments are refused before anything starts; good ones migrate the
database once and hand uvicorn the app factory; one test runs the real server."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from revhyper.adapters.db import current_revision, head_revision, open_engine
from revhyper.cli import serve
from revhyper.cli.app import app
from revhyper.services.demo import DEMO_USERNAME
from revhyper.services.serving import max_workers

runner = CliRunner()


@pytest.fixture
def uvicorn_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """uvicorn is never started in these tests: its calls are recorded instead."""
    calls: list[dict[str, Any]] = []

    def record(host: str, port: int, workers: int) -> None:
        calls.append({"host": host, "port": port, "workers": workers})

    monkeypatch.setattr(serve, "_run_uvicorn", record)
    return calls


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["serve", *args])
    return result.exit_code, " ".join(result.output.split())


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.fixture
def busy_port() -> Iterator[int]:
    """A port another program listens on."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        yield listener.getsockname()[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--port", "0"), "--port 0 is not allowed: give a TCP port from 1 to 65535"),
        (("--port", "65536"), "--port 65536 is not allowed"),
        (("--port", "-1"), "--port -1 is not allowed"),
        (("--port", "eighty"), "'eighty' is not a valid integer"),
        (("--host", "no-such-host.invalid"), "is not an address of this machine or a name"),
        (("--host", "192.0.2.1"), "--host 192.0.2.1 is not an address of this machine"),
        (("--host", " "), "--host is empty"),
        (("--workers", "0"), "--workers 0 is not allowed: give 1 to"),
        (("--workers", str(max_workers() + 1)), f"give 1 to {max_workers()}"),
    ],
    ids=" ".join,
)
def test_bad_arguments_exit_2_with_a_message_and_start_nothing(
    args: tuple[str, ...], message: str, uvicorn_calls: list[dict[str, Any]]
) -> None:
    code, output = invoke(*args)
    assert code == 2
    assert message in output
    assert "Traceback" not in output
    assert uvicorn_calls == []


def test_a_port_in_use_is_named_in_one_line_and_starts_nothing(
    busy_port: int, uvicorn_calls: list[dict[str, Any]]
) -> None:
    code, output = invoke("--port", str(busy_port))
    assert code == 2
    assert f"port {busy_port} on 127.0.0.1 is in use by another program" in output
    assert "Traceback" not in output
    assert uvicorn_calls == []


def test_the_database_is_migrated_before_uvicorn_gets_the_workers(
    temporary_database: str, uvicorn_calls: list[dict[str, Any]]
) -> None:
    port = free_port()
    code, output = invoke("--port", str(port), "--workers", "2")
    assert code == 0, output
    assert uvicorn_calls == [{"host": "127.0.0.1", "port": port, "workers": 2}]
    assert f"revhyper serving on http://127.0.0.1:{port}" in output
    assert "2 worker processes" in output
    engine = open_engine(temporary_database)
    assert current_revision(engine) == head_revision()
    engine.dispose()


def test_uvicorn_gets_the_app_factory_by_import_string(monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: seen.update(app=app, **options))
    serve._run_uvicorn("127.0.0.1", 8000, 3)
    assert seen["app"] == "revhyper.web.app:served_app" and seen["factory"] is True
    assert seen["workers"] == 3


def test_demo_prints_the_login_that_the_database_accepts(
    uvicorn_calls: list[dict[str, Any]],
) -> None:
    from revhyper.services import accounts
    from revhyper.services.database import unit_of_work
    from revhyper.settings import get_settings

    code, output = invoke("--port", str(free_port()), "--demo")
    assert code == 0, output
    found = re.search(r"Demo login: username (\S+), password (\S+)", output)
    assert found is not None, output
    assert found.group(1).rstrip(",") == DEMO_USERNAME
    user = accounts.authenticate(
        unit_of_work(), DEMO_USERNAME, found.group(2), "127.0.0.1", get_settings()
    )
    assert user.role == "athlete"
    assert len(uvicorn_calls) == 1


#: Longest wait for the real server to answer /healthz or to stop [s] (a bound, not a timing).
SERVER_WAIT_S = 120


def _wait_for_health(base: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + SERVER_WAIT_S
    while time.monotonic() < deadline:
        assert server.poll() is None, server.communicate()
        try:
            if httpx.get(f"{base}/healthz", timeout=5).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail(f"the server did not answer {base}/healthz within {SERVER_WAIT_S} s")


def _demo_password(server: subprocess.Popen[str]) -> str:
    assert server.stdout is not None
    for line in server.stdout:
        found = re.search(r"Demo login: username \S+ password (\S+)", line.replace(",", ""))
        if found:
            return found.group(1)
    pytest.fail("the server printed no demo login")


@pytest.mark.slow
def test_the_real_server_answers_health_and_signs_the_demo_in(tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "REVHYPER_DATA_DIR": str(tmp_path),
        "REVHYPER_DATABASE_URL": f"sqlite:///{tmp_path / 'served.db'}",
        "PYTHONUNBUFFERED": "1",
        "COLUMNS": "400",
    }
    command = [sys.executable, "-m", "revhyper", "serve", "--port", str(port), "--demo"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        password = _demo_password(server)
        base = f"http://127.0.0.1:{port}"
        _wait_for_health(base, server)
        answer = httpx.post(
            f"{base}/api/v1/auth/token",
            data={"username": DEMO_USERNAME, "password": password},
            timeout=30,
        )
        assert answer.status_code == 200, answer.text
        token = answer.json()["access_token"]
        athletes = httpx.get(
            f"{base}/api/v1/athletes", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert athletes.json()["total"] == 1
        server.send_signal(signal.SIGINT)
        _, errors = server.communicate(timeout=SERVER_WAIT_S)
        assert server.returncode == 0, errors
        assert "Traceback" not in errors
    finally:
        if server.poll() is None:
            server.kill()
            server.communicate()
