"""The bottom tab bar on the smallest phone the app supports (360 px wide): every label on one
line, inside its tab, and every tab a tap target of at least 44 x 44 px (WCAG 2.5.5)."""

from __future__ import annotations

from typing import Any

from browser_support import LiveServer, sign_in

#: The smallest tap target allowed [CSS px].
MIN_TAP_PX = 44

#: Per tab: its size, and the line boxes of its label's text and whether the text overflows.
TAB_LAYOUT = """nav => [...nav.querySelectorAll('a')].map(a => {
  const range = document.createRange();
  range.selectNodeContents(a);
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
  const box = a.getBoundingClientRect();
  return {label: a.textContent.trim(), width: box.width, height: box.height,
          lines: lines.size, overflows: a.scrollWidth > a.clientWidth};
})"""


def test_every_tab_label_fits_one_line_when_the_screen_is_360_px_wide(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("tabbar")
    sign_in(phone, server, "tabbar")
    assert phone.viewport_size["width"] == 360
    tabs = phone.get_by_role("navigation", name="Main").evaluate(TAB_LAYOUT)
    assert len(tabs) >= 4
    for tab in tabs:
        assert tab["lines"] == 1, f"the tab {tab['label']!r} wraps onto {tab['lines']} lines"
        assert not tab["overflows"], f"the tab {tab['label']!r} is wider than its tab"


def test_every_tab_is_a_tap_target_of_44_px_or_more_when_on_a_phone(
    server: LiveServer, phone: Any
) -> None:
    server.add_user("tabtaps")
    sign_in(phone, server, "tabtaps")
    tabs = phone.get_by_role("navigation", name="Main").evaluate(TAB_LAYOUT)
    for tab in tabs:
        assert tab["width"] >= MIN_TAP_PX and tab["height"] >= MIN_TAP_PX, tab
