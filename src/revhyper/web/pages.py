"""The web app's files: the page shell, its scripts and styles, the PWA's manifest and service
worker. The app is a set of static files that call the REST API (the same services as the
CLI); nothing here holds a training rule.

Every asset is served from ``web/static`` (front-end packages are copied into
``static/vendor`` at install time by ``tools/vendor_assets.py``): no page loads anything from
elsewhere, and the Content-Security-Policy says so to the browser too.
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response
from starlette.middleware.gzip import GZipMiddleware
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

STATIC = Path(__file__).parent / "static"
VENDOR = STATIC / "vendor"
#: The service worker's source; served at /sw.js with the asset list filled in.
SW_TEMPLATE = "sw-template.js"

#: What pages may load and from where: only this server. Styles set from scripts through the
#: CSSOM (Preact, uPlot) are not inline styles in the policy's sense, so 'self' is enough.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    )
)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
#: Responses smaller than this are sent uncompressed [bytes].
GZIP_MINIMUM_BYTES = 1000

#: Shown instead of the app when the front-end packages were not installed.
MISSING_ASSETS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>revhyper: web app not installed</title></head><body><main>
<h1>The web app's files are missing</h1>
<p>The API works, but the page's front-end packages were not installed. Run
<code>make install</code> (it runs <code>npm ci</code>) in the revhyper folder, then start the
server again.</p></main></body></html>"""

router = APIRouter(include_in_schema=False)


def assets_installed() -> bool:
    """True when the front-end packages were copied into ``static/vendor``."""
    return (VENDOR / "preact-htm.js").is_file()


def asset_paths() -> list[str]:
    """Every file the app serves under /static/, as URL paths (the service worker caches
    them all, so the app opens with no connection)."""
    return sorted(
        "/static/" + path.relative_to(STATIC).as_posix()
        for path in STATIC.rglob("*")
        if path.is_file() and not path.name.startswith(".") and path.name != SW_TEMPLATE
    )


@cache
def _service_worker() -> str:
    """The service worker's script with the asset list and a version that changes whenever
    any asset does (the browser then installs the new worker and drops the old cache)."""
    assets = asset_paths()
    digest = hashlib.sha256()
    for url in assets:
        digest.update(url.encode())
        digest.update((STATIC / url.removeprefix("/static/")).read_bytes())
    template = (STATIC / SW_TEMPLATE).read_text(encoding="utf-8")
    return template.replace("__ASSETS__", json.dumps(["/", *assets])).replace(
        "__VERSION__", digest.hexdigest()[:16]
    )


@router.get("/")
def app_shell() -> Response:
    """The app's single page; its script routes by the URL's #fragment."""
    if not assets_installed():
        return HTMLResponse(MISSING_ASSETS_PAGE, status_code=503, headers=PAGE_HEADERS)
    return FileResponse(STATIC / "index.html", media_type="text/html", headers=PAGE_HEADERS)


@router.get("/sw.js")
def service_worker() -> Response:
    """The service worker, served from the root so that it controls the whole app."""
    return Response(_service_worker(), media_type="text/javascript", headers=PAGE_HEADERS)


@router.get("/manifest.webmanifest")
def manifest() -> Response:
    """The PWA manifest (name, icons, start page), so the app can be installed."""
    return FileResponse(
        STATIC / "manifest.webmanifest",
        media_type="application/manifest+json",
        headers=PAGE_HEADERS,
    )


class _StaticWithHeaders:
    """Static files with the pages' security headers (and revalidation: the service worker
    holds the offline copy)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                for name, value in PAGE_HEADERS.items():
                    headers.append((name.lower().encode(), value.encode()))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def mount_pages(app: FastAPI) -> None:
    """Add the web app's routes and its static files (gzip-compressed) to ``app``."""
    app.include_router(router)
    files = StaticFiles(directory=STATIC, check_dir=False)
    app.mount(
        "/static",
        _StaticWithHeaders(GZipMiddleware(files, minimum_size=GZIP_MINIMUM_BYTES)),
        name="static",
    )
