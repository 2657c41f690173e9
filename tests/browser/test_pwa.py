"""The app as a PWA, in Chromium: installable (manifest, icons), its service worker in
control, opening with no connection after one online visit, and the outbox keeping a write
on the device until it is sent, once, even when the first answer was lost."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from typing import Any

import offline_support
import pytest
from browser_support import (
    PHONE,
    LiveServer,
    go_offline,
    go_online,
    hold_requests,
    sign_in,
    submit_sign_in,
    wait_until,
)

#: The app behind a link the tests cut, each test starting online (offline_support).
server = offline_support.server
network_back = offline_support.network_back

#: A set as the session page would log it.
A_SET = {"variation": "machine-reverse-hyper", "reps": 12, "load_kg": 20.0}
#: Waits for the service worker to control the page (clients.claim() after activation).
CONTROLLED = "async () => { await navigator.serviceWorker.ready; return true; }"
IS_CONTROLLED = "() => navigator.serviceWorker.controller !== null"
#: Submits A_SET to the athlete through the app's outbox; answers the outbox's status.
SUBMIT = """async ([path, body]) => {
  const outbox = await import('/static/js/outbox.js');
  const answer = await outbox.submit('POST', path, body, 'test set');
  return answer.status;
}"""
PENDING = "async () => (await import('/static/js/outbox.js')).pending().length"
FLUSH = "async () => { await (await import('/static/js/outbox.js')).flush(); return true; }"
REJECTED = "async () => (await import('/static/js/outbox.js')).rejected()"


def png_size(data: bytes) -> tuple[int, int]:
    """A PNG's width and height [pixels], from its IHDR chunk."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return int(width), int(height)


def athlete_with_account(server: LiveServer, username: str) -> int:
    """An athlete account owning one athlete; answers the athlete's id."""
    server.add_user(username)
    return server.add_athlete(username, f"{username} athlete")


def signed_in_athlete(page: Any, server: LiveServer, username: str) -> int:
    """A new account owning one athlete, signed in on ``page``; answers the athlete's id."""
    athlete = athlete_with_account(server, username)
    sign_in(page, server, username)
    return athlete


def wait_until_sent(page: Any, timeout_s: float = 15.0) -> None:
    """The outbox has sent everything it kept (polled through evaluate: a wait_for_function
    predicate that imports a module is refused by the page's CSP in some runs)."""
    wait_until(
        page, lambda: page.evaluate(PENDING) == 0, "the outbox to send what it keeps", timeout_s
    )


def wait_until_controlled(page: Any) -> None:
    """The service worker is active and controls the page."""
    page.evaluate(CONTROLLED)
    page.wait_for_function(IS_CONTROLLED)


@pytest.fixture
def no_worker_phone(chromium: Any) -> Iterator[Any]:
    """A phone page with service workers blocked: page.route then sees every request (a
    worker's own fetches would bypass it)."""
    context = chromium.new_context(viewport=PHONE, has_touch=True, service_workers="block")
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_manifest_makes_the_app_installable(server: LiveServer, phone: Any) -> None:
    phone.goto(server.url + "/#/login")
    href = phone.locator("link[rel=manifest]").get_attribute("href")
    answer = phone.request.get(server.url + href)
    assert answer.ok
    assert answer.headers["content-type"].startswith("application/manifest+json")
    manifest = answer.json()
    assert manifest["name"] and manifest["short_name"]
    assert manifest["display"] == "standalone"
    assert manifest["start_url"].startswith("/")
    assert phone.request.get(server.url + manifest["start_url"]).ok
    sizes = {}
    for icon in manifest["icons"]:
        if icon["type"] != "image/png":
            continue
        image = phone.request.get(server.url + icon["src"])
        assert image.ok, icon["src"]
        sizes[icon["sizes"]] = png_size(image.body())
    assert sizes["192x192"] == (192, 192)
    assert sizes["512x512"] == (512, 512)


def test_the_service_worker_registers_and_controls_the_page(server: LiveServer, phone: Any) -> None:
    server.add_user("worker")
    sign_in(phone, server, "worker")
    wait_until_controlled(phone)
    phone.reload()
    phone.get_by_role("navigation", name="Main").wait_for()
    assert phone.evaluate(IS_CONTROLLED)
    assert phone.evaluate("() => navigator.serviceWorker.controller.scriptURL").endswith("/sw.js")


def test_after_one_visit_the_app_opens_with_no_connection(server: LiveServer, phone: Any) -> None:
    athlete_with_account(server, "offliner")
    sign_in(phone, server, "offliner")
    wait_until_controlled(phone)
    phone.reload()  # every API answer the frame needs now passes the worker (and is kept)
    phone.get_by_role("navigation", name="Main").wait_for()
    go_offline(phone.context, server)
    phone.reload()
    phone.get_by_role("navigation", name="Main").wait_for()
    status = phone.get_by_test_id("connection-status")
    status.wait_for()
    assert "Offline" in status.inner_text()
    phone.get_by_role("link", name="History").click()
    phone.get_by_role("heading", level=1).wait_for()
    assert phone.get_by_text("Something went wrong").count() == 0


def test_a_read_answered_after_the_worker_took_control_is_still_kept_for_offline(
    server: LiveServer, phone: Any
) -> None:
    # On a first visit the page asks for its athletes before the service worker controls it;
    # here the answer is held back until the worker has taken control.
    athlete_with_account(server, "midanswer")
    held = hold_requests(phone, "**/api/v1/athletes")
    submit_sign_in(phone, server, "midanswer")
    wait_until_controlled(phone)
    wait_until(phone, lambda: held, "the athletes read")
    held[0].continue_()
    phone.context.unroute("**/api/v1/athletes")
    url = server.url + "/api/v1/athletes"
    wait_until(phone, lambda: phone.evaluate(KEPT_ATHLETES, url), "the answer in the API cache")
    go_offline(phone.context, server)
    phone.goto(server.url + "/#/sharing")  # (a change of hash only: the reload opens it anew)
    phone.reload()
    phone.get_by_text("Who may see midanswer athlete's training log").wait_for()
    assert phone.get_by_text("No athlete to show yet").count() == 0


#: Whether the API cache holds the answer for the URL given.
KEPT_ATHLETES = """async (url) => Boolean(await (await caches.open('revhyper-api')).match(url))"""


def test_a_write_made_online_is_sent_at_once(server: LiveServer, phone: Any) -> None:
    athlete = signed_in_athlete(phone, server, "onliner")
    for _ in range(2):  # the second shows the first send left the outbox ready for more
        assert phone.evaluate(SUBMIT, [f"/athletes/{athlete}/sets", A_SET]) == "sent"
    assert len(server.stored_sets(athlete)) == 2


def test_a_write_made_offline_waits_survives_a_reload_and_is_sent_once_online(
    server: LiveServer, phone: Any
) -> None:
    athlete = signed_in_athlete(phone, server, "outboxer")
    wait_until_controlled(phone)
    go_offline(phone.context, server)
    assert phone.evaluate(SUBMIT, [f"/athletes/{athlete}/sets", A_SET]) == "queued"
    phone.reload()
    phone.get_by_role("navigation", name="Main").wait_for()
    assert phone.evaluate(PENDING) == 1
    assert "1 entry waits" in phone.get_by_test_id("connection-status").inner_text()
    assert server.stored_sets(athlete) == []
    go_online(phone.context, server)
    wait_until_sent(phone)
    phone.evaluate(FLUSH)
    stored = server.stored_sets(athlete)
    assert [(s.reps, s.load_kg) for s in stored] == [(12, 20.0)]


def test_a_write_kept_offline_is_sent_when_the_app_is_opened_again_online(
    server: LiveServer, phone: Any
) -> None:
    athlete = signed_in_athlete(phone, server, "reopener")
    wait_until_controlled(phone)
    go_offline(phone.context, server)
    assert phone.evaluate(SUBMIT, [f"/athletes/{athlete}/sets", A_SET]) == "queued"
    go_online(phone.context, server)
    phone.reload()  # the app's start sends the queue: it must wait for the sign-in's token
    phone.get_by_role("navigation", name="Main").wait_for()
    wait_until_sent(phone)
    assert phone.evaluate(REJECTED) == []
    assert len(server.stored_sets(athlete)) == 1


def test_a_resend_after_a_lost_answer_is_a_replay_not_a_second_set(
    server: LiveServer, no_worker_phone: Any
) -> None:
    page = no_worker_phone
    athlete = signed_in_athlete(page, server, "lostanswer")
    answers: list[int] = []
    sends: list[str | None] = []

    def lose_the_first_answer(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        sends.append(route.request.headers.get("idempotency-key"))
        if len(sends) == 1:
            route.fetch()  # the server stores the set; its answer never reaches the page
            route.abort("connectionreset")
            return
        response = route.fetch()
        answers.append(response.status)
        route.fulfill(response=response)

    page.route(f"**/api/v1/athletes/{athlete}/sets", lose_the_first_answer)
    assert page.evaluate(SUBMIT, [f"/athletes/{athlete}/sets", A_SET]) == "queued"
    assert len(server.stored_sets(athlete)) == 1
    assert page.evaluate(PENDING) == 1
    page.evaluate(FLUSH)
    assert page.evaluate(PENDING) == 0
    assert len(server.stored_sets(athlete)) == 1
    assert len(sends) == 2 and sends[0] and sends[0] == sends[1]
    assert answers == [200]  # the stored set's answer, replayed


#: Makes the body of the next answer to a set's write fail to arrive, the way Chromium fails
#: `response.json()` when the connection drops (or the page reloads) after the headers came.
CUT_THE_NEXT_SETS_ANSWER = """() => {
  const read = Response.prototype.json;
  Response.prototype.json = function () {
    if (!this.url.endsWith('/sets')) return read.call(this);
    Response.prototype.json = read;
    return Promise.reject(new TypeError('Failed to fetch'));
  };
}"""


def test_an_answer_cut_off_while_it_is_read_leaves_the_write_waiting_not_refused(
    server: LiveServer, no_worker_phone: Any
) -> None:
    page = no_worker_phone
    athlete = signed_in_athlete(page, server, "cutanswer")
    page.evaluate(CUT_THE_NEXT_SETS_ANSWER)
    assert page.evaluate(SUBMIT, [f"/athletes/{athlete}/sets", A_SET]) == "queued"
    assert len(server.stored_sets(athlete)) == 1  # stored; only its answer was lost
    assert page.evaluate(REJECTED) == []
    assert page.evaluate(PENDING) == 1
    page.evaluate(FLUSH)
    assert page.evaluate(PENDING) == 0
    assert page.evaluate(REJECTED) == []
    assert len(server.stored_sets(athlete)) == 1  # the resend was the stored set's replay


def test_a_write_kept_on_a_shared_phone_is_sent_only_under_the_account_that_made_it(
    server: LiveServer, phone: Any
) -> None:
    first = athlete_with_account(server, "firstuser")
    athlete_with_account(server, "seconduser")
    sign_in(phone, server, "firstuser")
    wait_until_controlled(phone)  # the app's pages are on the device: More opens offline
    go_offline(phone.context, server)
    assert phone.evaluate(SUBMIT, [f"/athletes/{first}/sets", A_SET]) == "queued"
    phone.goto(server.url + "/#/more")
    phone.get_by_role("button", name="Sign out").click()  # offline: signed out on the device
    phone.get_by_role("button", name="Sign in").wait_for()
    go_online(phone.context, server)

    sign_in(phone, server, "seconduser")
    assert phone.evaluate(PENDING) == 0  # the other account's write is neither shown nor sent
    phone.evaluate(FLUSH)
    assert server.stored_sets(first) == []

    phone.goto(server.url + "/#/more")
    phone.get_by_role("button", name="Sign out").click()
    phone.get_by_role("button", name="Sign in").wait_for()
    sign_in(phone, server, "firstuser")
    wait_until_sent(phone)
    assert [(s.reps, s.load_kg) for s in server.stored_sets(first)] == [(12, 20.0)]
