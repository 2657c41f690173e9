"""``revhyper serve``: the web app and the API under uvicorn (``make run`` starts it with
``--demo``).

uvicorn is given the app factory by import string, so that ``--workers N`` can start N
processes, each building its own app, and so that the terminal's commands never import the
web layer. The address and the database are checked, and the database migrated, here, once,
before any worker starts.
"""

from __future__ import annotations

from importlib.util import find_spec
from typing import Annotated

import typer

from revhyper.cli import output
from revhyper.cli.output import safe

console = output.console()

#: The app factory uvicorn imports in each worker process.
APP_FACTORY = "revhyper.web.app:served_app"
#: How long a stopping server waits for requests in flight [s].
GRACEFUL_SHUTDOWN_S = 10

HostOption = Annotated[
    str,
    typer.Option(
        help="Address to listen on: 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)."
    ),
]
PortOption = Annotated[int, typer.Option(help="TCP port to listen on (1-65535).")]
WorkersOption = Annotated[
    int,
    typer.Option(help="Worker processes, 1 to twice the number of cores."),
]
DemoOption = Annotated[
    bool,
    typer.Option(
        "--demo",
        help="Add (when missing) the demo account and its athlete with a plan and a few sets; "
        "a new random password for it is printed at each start.",
    ),
]


def serve_command(
    host: HostOption = "127.0.0.1",
    port: PortOption = 8000,
    workers: WorkersOption = 1,
    demo: DemoOption = False,
) -> None:
    """Serve the web app and the API on the configured database (Ctrl+C stops it)."""
    from revhyper.services import serving

    serving.check_workers(workers)
    address = serving.check_address(host, port)
    database = serving.prepare_database()
    demo_line = _seed_demo() if demo else None
    console.print(
        f"revhyper serving on [bold]{safe(address.url)}[/] (API under /api/v1, described "
        f"at {safe(address.url)}/openapi.json) with {workers} worker process"
        f"{'es' if workers > 1 else ''}; database {safe(database)}. Ctrl+C stops it.",
        highlight=False,
    )
    if demo_line:
        console.print(demo_line, highlight=False, soft_wrap=True)
    _run_uvicorn(address.host, address.port, workers)


def _seed_demo() -> str:
    """Seed the demo; returns the line that tells its login (the password's only showing)."""
    from revhyper.services.database import unit_of_work
    from revhyper.services.demo import seed_server_demo

    seeded = seed_server_demo(unit_of_work())
    added = [
        what
        for what, done in (
            ("the account", seeded.created_account),
            ("the athlete", seeded.created_athlete),
            ("a plan for this week", seeded.new_program),
            (f"{seeded.logged_sets} logged sets", seeded.logged_sets > 0),
        )
        if done
    ]
    return (
        f"Demo login: username [bold]{safe(seeded.username)}[/], password "
        f"[bold]{safe(seeded.password)}[/] (new at every start: shown only here). Its athlete "
        f"'{safe(seeded.athlete_name)}' has id {seeded.athlete_id}"
        + (f"; added {safe(', '.join(added))}." if added else ".")
    )


#: uvicorn's HTTP protocols, by import string (the CLI does not import the web layer), each
#: with TCP_NODELAY on every connection (see ``revhyper.web.server_protocol``): httptools' C
#: parser where it is installed (less server CPU per request), else the pure-Python h11.
HTTPTOOLS_PROTOCOL = "revhyper.web.server_protocol_httptools:NoDelayHttpToolsProtocol"
H11_PROTOCOL = "revhyper.web.server_protocol:NoDelayH11Protocol"


def http_protocol() -> str:
    """The import string of the HTTP protocol ``revhyper serve`` runs."""
    return HTTPTOOLS_PROTOCOL if find_spec("httptools") is not None else H11_PROTOCOL


def _run_uvicorn(host: str, port: int, workers: int) -> None:
    import uvicorn

    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        http=http_protocol(),
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the root app."""
    app.command("serve", help="Serve the web app and the API (Ctrl+C stops it).")(serve_command)
