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
#: ``{script_src}`` is 'self', plus 'wasm-unsafe-eval' for the app's page (see APP_SCRIPT_SRC).
_POLICY_TEMPLATE = "; ".join(
    (
        "default-src 'self'",
        "script-src {script_src}",
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
#: Every response but the app's page: scripts from this server only, no WebAssembly.
CONTENT_SECURITY_POLICY = _POLICY_TEMPLATE.format(script_src="'self'")
#: The app's single page (every #/route is this one document): the live page runs BlazePose
#: as WebAssembly (static/vendor/pose/), which compiling needs 'wasm-unsafe-eval'. It allows
#: WebAssembly.instantiate only, not eval() or new Function(), and scripts still come from
#: this server alone.
APP_SCRIPT_SRC = "'self' 'wasm-unsafe-eval'"
APP_CONTENT_SECURITY_POLICY = _POLICY_TEMPLATE.format(script_src=APP_SCRIPT_SRC)
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
APP_PAGE_HEADERS = {**PAGE_HEADERS, "Content-Security-Policy": APP_CONTENT_SECURITY_POLICY}
#: The pose model's files (about 30 MB), cached by the service worker on first use, not at
#: install: most visits never open the live page, and a phone should not download them for it.
POSE_ASSETS = "vendor/pose/"
#: Responses smaller than this are sent uncompressed [bytes].
GZIP_MINIMUM_BYTES = 1000

#: Shown instead of the app when the front-end packages were not installed.
MISSING_ASSETS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>revhyper: web app not installed</title></head><body><main>
<h1>The web app's files are missing</h1>
<p>The API works, but the page's front-end packages were not installed. Run
<code>make install</code> (it runs <code>npm ci</code>) in the revhyper folder, then start the
server again.</p></main></body></html>"""

#: Why the pose files (and the rest of static/vendor/) may be missing.
MISSING_ASSETS_HINT = "the web app's front-end files are missing (make install runs npm ci)"

router = APIRouter(include_in_schema=False)


def assets_installed() -> bool:
    """True when the front-end packages were copied into ``static/vendor``."""
    return (VENDOR / "preact-htm.js").is_file()


def _served_files() -> list[str]:
    """Every file under static/ the app serves, as paths relative to it."""
    return sorted(
        path.relative_to(STATIC).as_posix()
        for path in STATIC.rglob("*")
        if path.is_file() and not path.name.startswith(".") and path.name != SW_TEMPLATE
    )


def asset_paths() -> list[str]:
    """Every file the app serves under /static/ but the pose model's, as URL paths (the
    service worker caches them all at install, so the app opens with no connection)."""
    return ["/static/" + name for name in _served_files() if not name.startswith(POSE_ASSETS)]


def pose_version() -> str:
    """Changes whenever a pose file does (its names and sizes, and the loader's bytes): the
    service worker then drops the pose files cached on first use and fetches them again."""
    digest = hashlib.sha256()
    for name in _served_files():
        if name.startswith(POSE_ASSETS):
            path = STATIC / name
            digest.update(f"{name}:{path.stat().st_size}".encode())
            if name.endswith(".js"):
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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
    return (
        template.replace("__ASSETS__", json.dumps(["/", *assets]))
        .replace("__VERSION__", digest.hexdigest()[:16])
        .replace("__POSE_VERSION__", pose_version())
        .replace("__POSE_PREFIX__", json.dumps("/static/" + POSE_ASSETS))
    )


@router.get("/")
def app_shell() -> Response:
    """The app's single page; its script routes by the URL's #fragment."""
    if not assets_installed():
        return HTMLResponse(MISSING_ASSETS_PAGE, status_code=503, headers=PAGE_HEADERS)
    return FileResponse(STATIC / "index.html", media_type="text/html", headers=APP_PAGE_HEADERS)


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
