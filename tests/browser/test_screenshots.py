"""Screenshots of the web app's main pages for the docs, taken by the test suite: each page of
the demo account (``revhyper serve --demo``'s data) at a phone's and a laptop's size, after
checking the page rendered its heading and finished loading.

They are written into a temporary folder, or into ``docs/screenshots/`` (the names the README
and the docs use: ``<page>-phone.png``, ``<page>-desktop.png``) when
``REVHYPER_WRITE_SCREENSHOTS=1`` (``make docs-screenshots``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import DESKTOP, PHONE, ROOT, LiveServer, live_server, require_browser

from revhyper.services.demo import seed_server_demo

#: Page -> (its #route, the heading it shows).
PAGES = {
    "today": ("", "Today"),
    "session": ("session", "Session"),
    "history": ("history", "History"),
    "progress": ("progress", "Progress"),
    "form": ("form", "Form check"),
    "plan": ("plan", "Plan"),
    "athletes": ("athletes", "Athletes"),
    "settings": ("settings", "Settings"),
}
#: Size name -> (viewport, touch screen).
SIZES = {"phone": (PHONE, True), "desktop": (DESKTOP, False)}
#: No page is loading data any more (the app shows "Loading…" in a status while it does).
NOTHING_LOADING = (
    "() => ![...document.querySelectorAll('[role=status]')]"
    ".some((e) => /^Loading/.test(e.textContent.trim()))"
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LiveServer, str]]:
    """The app with the demo account, its athlete, plan and sets; and the demo's password."""
    require_browser()
    with live_server(tmp_path_factory.mktemp("screenshots")) as running:
        seeded = seed_server_demo(running.uow())
        yield running, seeded.password


@pytest.fixture(scope="module")
def screenshot_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if os.environ.get("REVHYPER_WRITE_SCREENSHOTS") == "1":
        return ROOT / "docs" / "screenshots"
    return tmp_path_factory.mktemp("screenshot-files")


@pytest.fixture(scope="module", params=list(SIZES))
def signed_in(
    request: pytest.FixtureRequest, chromium: Any, demo: tuple[LiveServer, str]
) -> Iterator[tuple[str, Any, str]]:
    """A page signed in as the demo account at one size: (size name, page, server address)."""
    server, password = demo
    viewport, touch = SIZES[request.param]
    context = chromium.new_context(
        viewport=viewport, has_touch=touch, device_scale_factor=1, reduced_motion="reduce"
    )
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.goto(server.url + "/#/login")
    page.get_by_label("Account name").fill("demo")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").wait_for()
    try:
        yield request.param, page, server.url
    finally:
        context.close()


@pytest.mark.parametrize("name", list(PAGES))
def test_page_renders_its_heading_and_is_photographed_at_each_size(
    signed_in: tuple[str, Any, str], screenshot_folder: Path, name: str
) -> None:
    size, page, url = signed_in
    route, heading = PAGES[name]
    page.goto(f"{url}/#/{route}")
    page.locator("main h1", has_text=heading).first.wait_for()
    page.wait_for_function(NOTHING_LOADING)
    page.evaluate("() => document.fonts.ready")
    assert page.get_by_role("alert").count() == 0, page.get_by_role("alert").all_inner_texts()
    path = screenshot_folder / f"{name}-{size}.png"
    page.screenshot(path=str(path), animations="disabled", caret="hide")
    assert path.stat().st_size > 10_000, f"{path} looks empty"
