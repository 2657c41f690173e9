"""Browser fixtures: a live server per test module, Chromium per test worker, a fresh
browser context (its own cookies and storage) per test at a phone's or a laptop's size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    LiveServer,
    live_server,
    require_browser,
)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on a fresh SQLite database, served on a free port of 127.0.0.1."""
    require_browser()
    with live_server(tmp_path_factory.mktemp("web")) as running:
        yield running


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _context(chromium: Any, viewport: dict[str, int], tmp: Path, **options: Any) -> Iterator[Any]:
    context = chromium.new_context(viewport=viewport, **options)
    context.set_default_timeout(15_000)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def phone(chromium: Any, tmp_path: Path) -> Iterator[Any]:
    """A new page in a phone-sized context (360x740, touch)."""
    for context in _context(chromium, PHONE, tmp_path, has_touch=True, is_mobile=True):
        yield context.new_page()


@pytest.fixture
def desktop(chromium: Any, tmp_path: Path) -> Iterator[Any]:
    """A new page in a laptop-sized context (1280x800)."""
    for context in _context(chromium, DESKTOP, tmp_path):
        yield context.new_page()
