"""The documentation site (``make docs`` builds it into ``site/``), served at ``/docs-site/``.

Public, like the web app's own files: the site holds no one's data. The pages get the same
security headers as ``/static``; MkDocs' theme sets its options with a few small inline
scripts, so each HTML page's Content-Security-Policy allows exactly those scripts by their
SHA-256 hashes (and nothing else inline). When no site was built, a page says how to build it.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from revhyper.web.deps import SettingsDep
from revhyper.web.pages import CONTENT_SECURITY_POLICY, PAGE_HEADERS

PREFIX = "/docs-site"

#: Shown (status 404) when no documentation site was built.
NOT_BUILT_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>revhyper: documentation not built</title></head><body><main>
<h1>The documentation site has not been built</h1>
<p>Run <code>make docs</code> in the revhyper folder (it writes <code>site/</code>), or point
<code>REVHYPER_DOCS_SITE_DIR</code> at a built site; this page then shows it, with no restart.
The same pages are readable as Markdown in the <code>docs/</code> folder.</p>
<p><a href="/">Back to the app</a></p></main></body></html>"""

#: An inline script: a ``<script>`` without ``src`` (JSON data blocks never run, so they are
#: left out: the policy does not apply to them).
_INLINE_SCRIPT = re.compile(
    r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>(.*?)</script>", re.DOTALL
)

router = APIRouter(include_in_schema=False)


def site_root(settings: SettingsDep) -> Path | None:
    """The built site's folder, or ``None`` when there is none (no ``index.html``)."""
    folder = settings.docs_site_dir
    if folder is None or not (folder / "index.html").is_file():
        return None
    return folder.resolve()


def find_file(root: Path, path: str) -> Path | None:
    """The site's file for a URL path (a folder means its ``index.html``); ``None`` when there
    is none or the path leads out of the site."""
    candidate = (root / path).resolve()
    if not candidate.is_relative_to(root):
        return None
    if candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def html_headers(page: bytes) -> dict[str, str]:
    """The pages' security headers, with the page's own inline scripts allowed by hash."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script).digest()).decode() + "'"
        for script in _inline_scripts(page)
    )
    policy = CONTENT_SECURITY_POLICY.replace("script-src 'self'", f"script-src 'self' {hashes}")
    return {**PAGE_HEADERS, "Content-Security-Policy": policy}


def _inline_scripts(page: bytes) -> list[bytes]:
    return [match.encode() for match in _INLINE_SCRIPT.findall(page.decode("utf-8", "replace"))]


def serve_file(file: Path) -> Response:
    if file.suffix == ".html":
        page = file.read_bytes()
        return Response(page, media_type="text/html", headers=html_headers(page))
    return FileResponse(file, headers=PAGE_HEADERS)


def not_found(root: Path | None) -> Response:
    """The site's own 404 page, or the page saying how to build the site."""
    if root is not None and (root / "404.html").is_file():
        page = (root / "404.html").read_bytes()
        return Response(page, status_code=404, media_type="text/html", headers=html_headers(page))
    return HTMLResponse(NOT_BUILT_PAGE, status_code=404, headers=PAGE_HEADERS)


@router.api_route(PREFIX, methods=["GET", "HEAD"])
def docs_site_without_slash() -> Response:
    """The site's address without its final slash: the pages' relative links need it."""
    return RedirectResponse(PREFIX + "/", status_code=308)


@router.api_route(PREFIX + "/{path:path}", methods=["GET", "HEAD"])
def docs_site_file(
    settings: SettingsDep,
    path: Annotated[str, PathParam(max_length=500, description="A file of the built site.")],
    h: Annotated[
        str | None,
        Query(max_length=200, description="A search term the page highlights (its script)."),
    ] = None,
) -> Response:
    """A page or asset of the built documentation site (404 when absent or not built)."""
    root = site_root(settings)
    file = find_file(root, path) if root is not None else None
    return serve_file(file) if file is not None else not_found(root)
