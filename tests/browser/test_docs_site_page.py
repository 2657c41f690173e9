"""The documentation site in Chromium: linked from the More page when the server has one, and
the real MkDocs build works under the pages' Content-Security-Policy (its theme scripts run,
no policy violation, nothing is loaded from elsewhere)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from browser_support import ROOT, LiveServer, live_server, require_browser, sign_in


@pytest.fixture(scope="module")
def docs_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app with the checkout's documentation built into its site folder."""
    require_browser()
    data = tmp_path_factory.mktemp("docs-web")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(data / "site")],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    with live_server(data) as running:
        yield running


def test_more_page_has_no_documentation_link_when_no_site_was_built(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("nodocs")
    sign_in(phone, server, "nodocs")
    phone.goto(server.url + "/#/more")
    phone.get_by_role("button", name="Sign out").wait_for()
    phone.wait_for_load_state("networkidle")
    assert phone.get_by_role("link", name="Documentation").count() == 0


def test_documentation_link_opens_the_site_and_its_scripts_run_under_the_policy(
    docs_server: LiveServer, desktop: Any
) -> None:
    docs_server.add_user("reader")
    sign_in(desktop, docs_server, "reader")
    desktop.goto(docs_server.url + "/#/more")
    # From here on, what the documentation site does (a policy violation is a console error).
    problems: list[str] = []
    requested: list[str] = []
    desktop.on("console", lambda message: message.type == "error" and problems.append(message.text))
    desktop.on("pageerror", lambda error: problems.append(str(error)))
    desktop.on("request", lambda request: requested.append(request.url))
    desktop.get_by_role("link", name="Documentation").click()
    desktop.wait_for_url(docs_server.url + "/docs-site/")
    desktop.locator("article h1").first.wait_for()
    # The theme's inline scripts ran (allowed by their hashes): they define __md_get and set
    # the colour scheme on the body; its bundle ran: it marks the page's components ready.
    ran = desktop.evaluate(
        "() => typeof __md_get === 'function' && Boolean(document.body.dataset.mdColorScheme)"
    )
    assert ran, "the theme's inline scripts did not run"
    desktop.locator("[data-md-component=search] input").first.wait_for(state="attached")
    assert problems == [], problems
    assert all(url.startswith(docs_server.url) for url in requested), requested
