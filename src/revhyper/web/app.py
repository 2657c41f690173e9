"""The server's application: ``create_app()`` builds it (``revhyper serve`` runs it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI

from revhyper.adapters.db import ensure_current, open_engine
from revhyper.settings import Settings, get_settings
from revhyper.web.errors import install_error_handlers
from revhyper.web.limits import BodyLimit
from revhyper.web.routers import athletes, auth, health, plans, sets

#: Every router of the app, in the order the OpenAPI document lists them.
ROUTERS = (health.router, auth.router, athletes.router, sets.router, plans.router)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The FastAPI app on the configured database (migrated to the newest schema at start)."""
    chosen = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = open_engine(
            chosen.effective_database_url, sqlite_synchronous=chosen.sqlite_synchronous
        )
        ensure_current(engine)
        app.state.engine = engine
        try:
            yield
        finally:
            engine.dispose()

    app = FastAPI(
        title="revhyper",
        version=version("revhyper"),
        description="Reverse hyperextension training: plans, the log, form analysis.",
        lifespan=lifespan,
    )
    app.state.settings = chosen
    install_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    app.add_middleware(
        BodyLimit,
        json_bytes=int(chosen.max_json_kb * 1000),
        upload_bytes=int(chosen.max_upload_mb * 1e6),
    )
    return app
