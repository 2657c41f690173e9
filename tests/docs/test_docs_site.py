"""The documentation site: ``mkdocs build --strict`` succeeds with no warning, nothing in the
built site loads anything from another host, and the REST API page lists every route.

The site is built once per module into a temporary folder (as ``make docs`` builds ``site/``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

#: An address on another host: ``http://``, ``https://`` or protocol-relative ``//host.tld``.
EXTERNAL = re.compile(r"^\s*(?:https?:)?//[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: Where HTML makes the browser load or link an address.
HTML_ADDRESS = re.compile(
    r"""\b(?:src|href|action|formaction|poster|data|srcset)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""",
    re.IGNORECASE,
)
#: Where CSS (a file or a ``style``) loads an address.
CSS_ADDRESS = re.compile(r"""(?:url\(\s*|@import\s+)["']?([^"')\s]+)""", re.IGNORECASE)
#: A quoted external address in a script (addresses in license comments are not quoted).
SCRIPT_ADDRESS = re.compile(r"""["'`]((?:https?:)?//[\w$.{}-]+[^"'`\s]*)""", re.IGNORECASE)

#: Links in the pages' text that may point elsewhere (read by a person, never fetched).
ALLOWED_TEXT_LINKS: frozenset[str] = frozenset(
    {"https://caddyserver.com/docs/caddyfile/directives/reverse_proxy"}
)
#: Addresses Material's script bundle holds but never uses on this site, and why.
ALLOWED_SCRIPT_ADDRESSES = {
    "https://unpkg.com/mermaid@": "loaded only for ```mermaid blocks (no such fence configured)",
    "https://unpkg.com/resize-observer-polyfill": "loaded only where ResizeObserver is missing",
    "https://api.github.com/": "the repository widget, shown only with repo_url (none is set)",
    "https://${": "the GitLab repository widget, shown only with repo_url (none is set)",
}


def build_site(site: Path) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` of the checkout into ``site``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    site = tmp_path_factory.mktemp("site")
    result = build_site(site)
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stderr}"
    yield site, result.stderr


def external_addresses(path: Path) -> list[str]:
    """The external addresses a built file would make a browser load (or link to)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    found: list[str] = []
    if path.suffix == ".html":
        found += [next(filter(None, match)) for match in HTML_ADDRESS.findall(text) if any(match)]
        found = [part.strip().split(" ")[0] for value in found for part in value.split(",")]
        found = [value for value in found if value not in ALLOWED_TEXT_LINKS]
    if path.suffix in {".html", ".css"}:
        found += CSS_ADDRESS.findall(text)
    if path.suffix == ".js":
        found += [
            address
            for address in SCRIPT_ADDRESS.findall(text)
            if not address.startswith(tuple(ALLOWED_SCRIPT_ADDRESSES))
        ]
    return sorted({value for value in found if EXTERNAL.match(value)})


def test_site_builds_with_no_warning_when_strict(built: tuple[Path, str]) -> None:
    _site, log = built
    warnings = [line for line in log.splitlines() if line.startswith(("WARNING", "ERROR"))]
    assert not warnings, "\n".join(warnings)


def test_no_built_file_loads_or_links_an_external_address(built: tuple[Path, str]) -> None:
    site, _log = built
    offenders = {
        str(path.relative_to(site)): addresses
        for path in sorted(site.rglob("*"))
        if path.suffix in {".html", ".css", ".js"} and (addresses := external_addresses(path))
    }
    assert not offenders, "external addresses in the built site:\n" + "\n".join(
        f"  {name}: {', '.join(addresses)}" for name, addresses in offenders.items()
    )


def test_the_scripts_allowed_addresses_stay_unused_when_the_config_enables_nothing() -> None:
    lines = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    config = "\n".join(line.split("#", 1)[0] for line in lines)  # the settings, not comments
    assert not re.search(r"^repo_url\s*:", config, re.MULTILINE), "repo_url calls GitHub's API"
    assert "mermaid" not in config, "Material loads mermaid from unpkg.com"
    assert "social" not in config, "the social plugin fetches fonts to draw its cards"
    assert "emoji" not in config, "emoji images may come from a CDN"


def test_scan_finds_external_addresses_when_a_file_has_them(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        '<link href="https://fonts.example.com/a.css"><img src=//cdn.example.org/x.png>'
        "<div style=\"background: url('http://img.example.net/b.png')\"></div>"
        '<a href="../local/">here</a><svg xmlns="http://www.w3.org/2000/svg"></svg>',
        encoding="utf-8",
    )
    script = tmp_path / "app.js"
    script.write_text('/* see https://example.com */ fetch("https://api.example.com/x")')
    assert external_addresses(page) == [
        "//cdn.example.org/x.png",
        "http://img.example.net/b.png",
        "https://fonts.example.com/a.css",
    ]
    assert external_addresses(script) == ["https://api.example.com/x"]


def openapi_routes() -> set[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        from api_reference import METHODS, openapi_document
    finally:
        sys.path.remove(str(ROOT / "tools"))
    document = openapi_document()
    return {
        (method.upper(), path)
        for path, item in document["paths"].items()
        for method in METHODS
        if method in item
    }


def test_api_page_documents_every_route_of_the_openapi_document(built: tuple[Path, str]) -> None:
    site, _log = built
    page = (site / "reference" / "api" / "index.html").read_text(encoding="utf-8")
    headings = set(re.findall(r"<h3 id=\"[^\"]+\"><code>(\w+) ([^<]+)</code>", page))
    routes = openapi_routes()
    assert routes, "the OpenAPI document lists no route"
    missing = sorted(routes - {(method, path.replace("&amp;", "&")) for method, path in headings})
    assert not missing, f"routes missing from reference/api: {missing}"
