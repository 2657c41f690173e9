"""The browser tests' helpers: the server running on a port of its own (uvicorn in a thread,
on a fresh SQLite database), Debian's Chromium driven by Playwright, and the axe-core check.

Playwright never downloads a browser here: it launches the ``chromium`` package's binary
(``REVHYPER_CHROMIUM``, default ``/usr/bin/chromium``). Where that binary (or the web app's
front-end files) are missing the tests skip with the reason, unless
``REVHYPER_REQUIRE_CHROMIUM=1`` (set by ``.ci/run``) makes that a failure.
"""

from __future__ import annotations

import os
import socket
import struct
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from sqlalchemy import select

from revhyper.adapters.db import UnitOfWork, ensure_current, open_engine
from revhyper.adapters.db.models import SessionRow, SetRow
from revhyper.services import access, accounts
from revhyper.settings import Settings
from revhyper.web.app import create_app
from revhyper.web.pages import assets_installed

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("REVHYPER_CHROMIUM", "/usr/bin/chromium"))
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
#: Every test account's password.
PASSWORD = "correct horse battery staple"
#: Chromium's flags: headless, and none of its own calls to Google's services (this machine
#: has no internet; they would fail, many at a time).
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
#: A phone's screen (the issue's smallest) and a laptop's [CSS pixels].
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


def missing_requirement() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.is_file():
        return f"no Chromium at {CHROMIUM} (as root: apt-get install -y chromium)"
    if not assets_installed():
        return "the web app's front-end files are missing (make install runs npm ci)"
    if not AXE_SCRIPT.is_file():
        return f"axe-core is missing at {AXE_SCRIPT} (make install runs npm ci)"
    return None


def require_browser() -> None:
    """Skip (or fail, with REVHYPER_REQUIRE_CHROMIUM=1) when the tests cannot run."""
    reason = missing_requirement()
    if reason is None:
        return
    if os.environ.get("REVHYPER_REQUIRE_CHROMIUM") == "1":
        pytest.fail(f"browser tests required but cannot run: {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class NetworkLink:
    """A TCP relay between the browser and the server that can be cut: the network the phone
    loses. While cut, every open connection is reset and every new one is reset as it is
    accepted, so no request reaches the server (Chromium's offline emulation, even with its
    requests aborted by Playwright, let a page's write through now and then)."""

    def __init__(self, upstream_port: int) -> None:
        self.upstream = ("127.0.0.1", upstream_port)
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self.listener.getsockname()[1])
        self._cut = threading.Event()
        self._lock = threading.Lock()
        self._open: set[socket.socket] = set()
        threading.Thread(target=self._accept, name="network-link", daemon=True).start()

    def cut(self) -> None:
        """Lose the network: reset every connection, now and until ``restore``."""
        self._cut.set()
        with self._lock:
            for connection in list(self._open):
                _reset(connection)
            self._open.clear()

    def restore(self) -> None:
        """The network is back."""
        self._cut.clear()

    def close(self) -> None:
        self.cut()
        self.listener.close()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if self._cut.is_set():
                _reset(client)
                continue
            try:
                server = socket.create_connection(self.upstream)
            except OSError:
                _reset(client)
                continue
            with self._lock:
                self._open.update((client, server))
            for source, target in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(source, target), daemon=True).start()

    def _pump(self, source: socket.socket, target: socket.socket) -> None:
        try:
            while not self._cut.is_set():
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
        finally:
            with self._lock:
                self._open.discard(source)
                self._open.discard(target)
            for end in (source, target):
                with suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)


def _reset(connection: socket.socket) -> None:
    """Close with a reset (SO_LINGER 0), as a dropped network would look to the browser."""
    try:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        connection.close()
    except OSError:
        pass


@dataclass
class LiveServer:
    """The app served on 127.0.0.1 by uvicorn in a thread, with shortcuts to set up accounts
    and to look behind the pages at what was stored."""

    url: str
    settings: Settings
    app: Any
    users: dict[str, int] = field(default_factory=dict)
    #: The cuttable network in front of the server (``live_server(..., cuttable=True)``).
    link: NetworkLink | None = None
    #: The server's own address, not through ``link`` (the tests' set-up goes there).
    direct_url: str = ""

    def uow(self) -> UnitOfWork:
        """A unit of work on the server's database."""
        return UnitOfWork(self.app.state.engine)

    def add_user(self, username: str, role: str = "athlete") -> int:
        """An account with the test password; returns its id."""
        user = accounts.add_user(self.uow(), username, role, PASSWORD)
        self.users[username] = user.id
        return int(user.id)

    def add_athlete(self, owner: str, name: str, **profile: Any) -> int:
        """An athlete owned by ``owner``, made through the API (as the pages would)."""
        import httpx

        with httpx.Client(base_url=self.direct_url or self.url) as client:
            token = client.post(
                "/api/v1/auth/token", data={"username": owner, "password": PASSWORD}
            ).json()["access_token"]
            body: dict[str, Any] = {
                "name": name,
                "goal": "hypertrophy",
                "level": "intermediate",
                "equipment": ["machine"],
                **profile,
            }
            answer = client.post(
                "/api/v1/athletes", json=body, headers={"Authorization": f"Bearer {token}"}
            )
            assert answer.status_code == 201, answer.text
            return int(answer.json()["id"])

    def grant(self, athlete_id: int, owner: str, username: str, scope: str = "coach") -> None:
        """``owner`` gives ``username`` access to the athlete."""
        uow = self.uow()
        with uow:
            owner_user = uow.users.get(owner)
        access.grant(uow, owner_user, athlete_id, username, scope)

    def stored_sets(self, athlete_id: int) -> list[SetRow]:
        """Every set stored for the athlete, in the order logged."""
        uow = self.uow()
        with uow:
            rows = uow.session.scalars(
                select(SetRow)
                .join(SessionRow, SessionRow.id == SetRow.session_id)
                .where(SessionRow.athlete_id == athlete_id)
                .order_by(SetRow.id)
            ).all()
            uow.session.expunge_all()
            return list(rows)


@contextmanager
def live_server(data_dir: Path, cuttable: bool = False, **overrides: Any) -> Iterator[LiveServer]:
    """Serve the app on a free port until the block ends; with ``cuttable`` its address is a
    ``NetworkLink``'s, which ``go_offline`` cuts."""
    url = f"sqlite:///{data_dir / 'web.db'}"
    engine = open_engine(url)
    ensure_current(engine)
    engine.dispose()
    overrides.setdefault("run_jobs_in_server", False)
    # The documentation site is the test's own (none unless it builds one), not the checkout's.
    overrides.setdefault("docs_site_dir", data_dir / "site")
    settings = Settings(data_dir=data_dir, database_url=url, **overrides)
    app = create_app(settings)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, name="live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    link = NetworkLink(port) if cuttable else None
    address = f"http://127.0.0.1:{link.port if link else port}"
    try:
        yield LiveServer(address, settings, app, link=link, direct_url=f"http://127.0.0.1:{port}")
    finally:
        if link is not None:
            link.close()
        server.should_exit = True
        thread.join(timeout=30)


def serious_accessibility_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now (its id, impact,
    help text and the first offending elements)."""
    # Evaluated through the DevTools protocol: the page's Content-Security-Policy (scripts
    # from this server only) would block a <script> tag the test adds.
    page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    result = page.evaluate("async () => await axe.run(document)")
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["html"] for node in violation["nodes"][:3]],
        }
        for violation in result["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def submit_sign_in(page: Any, server: LiveServer, username: str, password: str = PASSWORD) -> None:
    """Open the app and send its sign-in form, without waiting for what follows."""
    page.goto(server.url + "/#/login")
    page.get_by_label("Account name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def sign_in(page: Any, server: LiveServer, username: str, password: str = PASSWORD) -> None:
    """Open the app and sign in through its form; waits for the signed-in frame on Today (the
    sign-in moves there itself, so a test's own navigation afterwards is not overridden)."""
    submit_sign_in(page, server, username, password)
    page.get_by_role("navigation", name="Main").wait_for()
    # (wait_for_url: a wait_for_function on an expression would be evaluated with eval(), which
    # the page's Content-Security-Policy refuses)
    page.wait_for_url(lambda url: url.endswith("/#/"))
    page.locator("main h1").first.wait_for()


def go_offline(context: Any, server: LiveServer) -> None:
    """The phone loses the network: the browser says it is offline (``navigator.onLine``, the
    'offline' event) and the link to the server is cut, so nothing it sends arrives."""
    assert server.link is not None, "the server must be started with cuttable=True"
    server.link.cut()
    context.set_offline(True)


def go_online(context: Any, server: LiveServer) -> None:
    """Undo ``go_offline``."""
    assert server.link is not None, "the server must be started with cuttable=True"
    server.link.restore()
    context.set_offline(False)


def wait_until(page: Any, check: Any, what: str, timeout_s: float = 15.0) -> None:
    """Polls ``check()`` while the page runs (Playwright hands routed requests to the test only
    while it waits on the page) until it is true; fails naming ``what`` after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not check():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        page.wait_for_timeout(50)


def hold_requests(page: Any, pattern: str) -> list[Any]:
    """Requests matching ``pattern`` are held (never sent) and listed, until each is continued."""
    held: list[Any] = []
    page.context.route(pattern, lambda route: held.append(route))
    return held
