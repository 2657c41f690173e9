"""The guided session without a connection: sets wait on the device, the page opens offline
after one online visit, and every set reaches the server exactly once when it returns."""

from __future__ import annotations

import re
from typing import Any

import offline_support
from browser_support import (
    LiveServer,
    go_offline,
    go_online,
    sign_in,
)
from playwright.sync_api import expect
from session_support import LOAD_KG, planned_athlete
from test_guided_session_page import _log, _start_session

#: The app behind a link the tests cut, each test starting online (offline_support).
server = offline_support.server
network_back = offline_support.network_back


def _wait_for_service_worker(page: Any) -> None:
    """Until the service worker controls the page (it then keeps the app and API answers)."""
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    if not page.evaluate("() => Boolean(navigator.serviceWorker.controller)"):
        page.reload()
        page.wait_for_function("() => Boolean(navigator.serviceWorker.controller)")


def test_sets_logged_offline_are_stored_exactly_once_when_the_connection_returns(
    server: LiveServer, phone: Any
) -> None:
    athlete = planned_athlete(server, "offliner")
    sign_in(phone, server, "offliner")
    _wait_for_service_worker(phone)
    _start_session(phone, server)
    # The page reads today's session again after a saved set; the test cuts the network once
    # that read is back (cut in the middle of it, the device keeps the older copy: see below).
    with phone.expect_response(lambda answer: answer.url.endswith("/sessions/today")):
        _log(phone, 13)
    logged = phone.get_by_test_id("logged-set")
    expect(logged.nth(0)).to_contain_text("saved")
    expect(phone.get_by_test_id("next-set-advice")).to_be_visible()

    go_offline(phone.context, server)
    _log(phone, 11, pain=1)
    expect(logged.nth(1)).to_contain_text("waiting for connection")
    phone.get_by_label("Load (kg)").fill("30")
    _log(phone, 12)
    expect(logged.nth(2)).to_contain_text("waiting for connection")
    expect(phone.get_by_test_id("connection-status")).to_contain_text("2 entries wait")

    phone.reload()  # the app, today's session and the device's progress open offline
    expect(
        phone.get_by_role("heading", name=re.compile("Reverse hyper isometric hold: set 1 of 1"))
    ).to_be_visible()
    expect(logged).to_have_count(3)
    expect(logged.nth(2)).to_contain_text("waiting for connection")
    assert len(server.stored_sets(athlete)) == 1

    go_online(phone.context, server)
    phone.evaluate("() => window.dispatchEvent(new Event('online'))")
    expect(phone.get_by_text("waiting for connection")).to_have_count(0)
    expect(logged.nth(2)).to_contain_text("saved")
    stored = server.stored_sets(athlete)
    assert [(s.variation, s.reps, s.load_kg, s.pain) for s in stored] == [
        ("machine-reverse-hyper", 13, LOAD_KG, 0),
        ("machine-reverse-hyper", 11, LOAD_KG, 1),
        ("tempo-reverse-hyper", 12, 30.0, 0),
    ]
    assert len({s.session_id for s in stored}) == 1

    phone.reload()  # sending again after the reload stores nothing twice
    expect(logged).to_have_count(3)
    expect(phone.get_by_text("waiting for connection")).to_have_count(0)
    assert len(server.stored_sets(athlete)) == 3
