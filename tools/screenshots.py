"""Screenshots of the web app's main pages for the guide: starts ``revhyper serve --demo`` on
a fresh temporary data directory, signs in as the demo account in Chromium, and saves one PNG
per page and size into ``docs/screenshots/`` (``<page>-phone.png`` at 360x740,
``<page>-desktop.png`` at 1280x800).

Run:

    PYTHONPATH=src .venv/bin/python tools/screenshots.py [--out docs/screenshots]
        [--pages today,session,...]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from first_load import CHROMIUM, CHROMIUM_ARGS, free_port, start_server  # noqa: E402

#: Page -> its #route ('' is Today).
PAGES = {
    "today": "",
    "session": "session",
    "history": "history",
    "progress": "progress",
    "form": "form",
    "plan": "plan",
    "athletes": "athletes",
    "settings": "settings",
}
SIZES = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 800}}
#: No page is loading data any more (the app shows "Loading…" in a status while it does).
NOTHING_LOADING = (
    "() => ![...document.querySelectorAll('[role=status]')]"
    ".some((e) => /^Loading/.test(e.textContent.trim()))"
)


def sign_in(page: Any, url: str, password: str) -> None:
    page.goto(url + "/#/login")
    page.get_by_label("Account name").fill("demo")
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").wait_for()


def shoot(page: Any, url: str, route: str, path: Path) -> None:
    """Open the route, wait until it has loaded, save the PNG (the visible screen)."""
    page.goto(f"{url}/#/{route}")
    page.locator("main h1").first.wait_for()
    page.wait_for_function(NOTHING_LOADING)
    page.evaluate("() => document.fonts.ready")
    page.screenshot(path=str(path), animations="disabled", caret="hide")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated page names")
    options = parser.parse_args()
    chosen = [name for name in options.pages.split(",") if name]
    unknown = sorted(set(chosen) - PAGES.keys())
    if unknown:
        parser.error(f"unknown pages {unknown}; known: {', '.join(PAGES)}")
    options.out.mkdir(parents=True, exist_ok=True)
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory(prefix="revhyper-screenshots-") as data:
        process, password = start_server(Path(data), port)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                for size_name, viewport in SIZES.items():
                    context = browser.new_context(
                        viewport=viewport,
                        has_touch=size_name == "phone",
                        device_scale_factor=1,
                        reduced_motion="reduce",
                    )
                    page = context.new_page()
                    sign_in(page, url, password)
                    for name in chosen:
                        path = options.out / f"{name}-{size_name}.png"
                        shoot(page, url, PAGES[name], path)
                        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
                    context.close()
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "400")
    main()
