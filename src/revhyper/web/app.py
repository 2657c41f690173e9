"""The server's application: ``create_app()`` builds it (``revhyper serve`` runs it)."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from importlib.metadata import version

from fastapi import Depends, FastAPI

from revhyper.adapters.db import ensure_current, open_engine
from revhyper.services.jobs import AnalysisQueue, start_in_process_consumer
from revhyper.services.live import LiveSets
from revhyper.settings import Settings, get_settings
from revhyper.web import docs_site
from revhyper.web.deps import refuse_unknown_query
from revhyper.web.errors import install_error_handlers
from revhyper.web.limits import BodyLimit
from revhyper.web.pages import mount_pages
from revhyper.web.routers import (
    analyses,
    athletes,
    auth,
    backup,
    browser_session,
    catalogue,
    health,
    live,
    machines,
    plans,
    progress,
    sessions,
    sets,
    shared_athletes,
    tokens,
    tools,
    users,
)

#: Every router of the app, in the order the OpenAPI document lists them.
ROUTERS = (
    health.router,
    auth.router,
    browser_session.router,
    tokens.router,
    users.router,
    athletes.router,
    shared_athletes.router,
    sets.router,
    plans.router,
    analyses.router,
    sessions.router,
    progress.router,
    backup.router,
    catalogue.router,
    tools.router,
    machines.router,
    live.router,
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI app on the configured database (migrated to the newest schema at start),
    with the analysis queue's consumer on threads of its own when ``run_jobs_in_server``."""
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with ExitStack() as closing:
            engine = open_engine(
                chosen.effective_database_url, sqlite_synchronous=chosen.sqlite_synchronous
            )
            closing.callback(engine.dispose)
            ensure_current(engine)
            app.state.engine = engine
            app.state.live_sets = LiveSets()
            app.state.analysis_queue = AnalysisQueue(chosen, engine)
            closing.callback(app.state.analysis_queue.close)
            if chosen.run_jobs_in_server:
                closing.callback(start_in_process_consumer(chosen))
            yield

    app = FastAPI(
        title="revhyper",
        version=version("revhyper"),
        description="Reverse hyperextension training: plans, the log, form analysis.",
        lifespan=lifespan,
        dependencies=[Depends(refuse_unknown_query)],
        # FastAPI's interactive pages load Swagger UI and ReDoc from a CDN; the server loads
        # nothing from elsewhere, so they are off. /openapi.json describes every route.
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = chosen
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    mount_pages(app)
    app.include_router(docs_site.router)
    app.add_middleware(
        BodyLimit,
        json_bytes=int(chosen.max_json_kb * 1000),
        upload_bytes=int(chosen.max_upload_mb * 1e6),
    )
    return app


def served_app() -> FastAPI:
    """The app as ``revhyper serve`` runs it in each worker process: :func:`create_app`, then
    every object made so far (the imported modules, the app and its routes: most of what the
    process will ever hold) moved out of the garbage collector's reach (``gc.freeze``). Left
    in, each full collection walked them all: 30-220 ms with the event loop stopped, every few
    seconds under the live sessions' load, which was most of their latency's 99th percentile
    (``benchmarks/live_load.py``)."""
    app = create_app()
    gc.freeze()
    return app
