"""Every page of the web app, at a phone's and a laptop's size, signed in as an athlete with
data (the demo) and as a coach with a granted athlete: axe-core finds no serious or critical
violation, and the keyboard reaches the tab bar. The pages are read from app.js's ROUTES
table, so a new page is checked without a change here."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from browser_support import (
    AXE_SCRIPT,
    DESKTOP,
    PASSWORD,
    PHONE,
    ROOT,
    LiveServer,
    sign_in,
)

from revhyper.services.demo import seed_server_demo

APP_JS = ROOT / "src" / "revhyper" / "web" / "static" / "js" / "app.js"
#: One row of ROUTES: `  name: ['./pages/name.js', 'Title', true],` ('' is Today).
ROUTE_ROW = re.compile(r"^\s*('?)([\w-]*)\1:\s*\[\s*'\./pages/[\w-]+\.js',\s*'([^']+)'", re.M)
#: Tab presses allowed to reach the tab bar (the frame and a page's controls come first).
MAX_TABS = 80


def routes() -> dict[str, str]:
    """app.js's routes: name -> title."""
    source = APP_JS.read_text(encoding="utf-8")
    table = source[source.index("export const ROUTES") :]
    table = table[: table.index("};")]
    return {name: title for _, name, title in ROUTE_ROW.findall(table)}


def test_the_routes_table_is_read_from_app_js() -> None:
    found = routes()
    assert {"", "session", "history", "login", "more"} <= found.keys()
    assert found[""] == "Today"


@dataclass
class Accounts:
    """The demo athlete's account and a coach of the demo athlete."""

    athlete: tuple[str, str]
    coach: tuple[str, str]


@pytest.fixture(scope="module")
def accounts(server: LiveServer) -> Accounts:
    demo = seed_server_demo(server.uow())
    server.add_user("a11ycoach", "coach")
    server.grant(demo.athlete_id, demo.username, "a11ycoach", "coach")
    return Accounts(athlete=(demo.username, demo.password), coach=("a11ycoach", PASSWORD))


def open_route(page: Any, server: LiveServer, name: str, title: str) -> None:
    """Show the route and wait until its page has finished loading."""
    page.goto(f"{server.url}/#/{name}")
    page.wait_for_function("(title) => document.title.startsWith(title + ' ·')", arg=title)
    page.locator("main h1").first.wait_for()
    page.wait_for_function(
        "() => ![...document.querySelectorAll('[role=status]')]"
        ".some((e) => /^Loading/.test(e.textContent.trim()))"
    )


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now (axe is added once
    per document: routes change the #fragment, not the document)."""
    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    found = page.evaluate(
        """async () => (await axe.run(document, {resultTypes: ['violations']})).violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map((n) => n.html)}))"""
    )
    return list(found)


def violations_on_every_page(page: Any, server: LiveServer) -> dict[str, Any]:
    found = {}
    for name, title in routes().items():
        open_route(page, server, name, title)
        violations = serious_violations(page)
        if violations:
            found["#/" + name] = violations
    return found


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("who", ["athlete", "coach"])
def test_no_page_has_serious_accessibility_violations(
    server: LiveServer, chromium: Any, accounts: Accounts, who: str, size: dict[str, int]
) -> None:
    context = chromium.new_context(viewport=size, has_touch=size is PHONE)
    context.set_default_timeout(15_000)
    try:
        page = context.new_page()
        username, password = getattr(accounts, who)
        sign_in(page, server, username, password)
        assert violations_on_every_page(page, server) == {}
    finally:
        context.close()


def focused_is_in_tab_bar(page: Any) -> bool:
    return bool(page.evaluate("() => !!document.activeElement.closest('nav[aria-label=Main]')"))


@pytest.mark.parametrize("who", ["athlete", "coach"])
def test_the_keyboard_reaches_the_tab_bar_from_every_page(
    server: LiveServer, desktop: Any, accounts: Accounts, who: str
) -> None:
    username, password = getattr(accounts, who)
    sign_in(desktop, server, username, password)
    unreached = []
    for name, title in routes().items():
        if name == "login":
            continue  # the sign-in form has no frame
        open_route(desktop, server, name, title)
        desktop.evaluate("() => document.activeElement && document.activeElement.blur()")
        for _ in range(MAX_TABS):
            desktop.keyboard.press("Tab")
            if focused_is_in_tab_bar(desktop):
                break
        else:
            unreached.append("#/" + name)
    assert unreached == []
