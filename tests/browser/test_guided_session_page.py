"""Today and the guided session on a phone (360x740) in Chromium, timers driven by page.clock."""

from __future__ import annotations

import re
from typing import Any

from browser_support import LiveServer, serious_accessibility_violations, sign_in
from playwright.sync_api import expect
from session_support import HOLD_S, LOAD_KG, REST_S, planned_athlete

from revhyper.adapters.db.models import SessionRow

#: Counts the end signals: vibrations and WebAudio oscillators started.
SIGNAL_SPY = """
window.__vibrations = 0;
window.__beeps = 0;
const vibrate = () => { window.__vibrations += 1; return true; };
Object.defineProperty(navigator, 'vibrate', { value: vibrate });
const original = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.__beeps += 1;
  return original.call(this);
};
"""


def _start_session(page: Any, server: LiveServer) -> None:
    page.goto(server.url + "/#/")
    page.get_by_role("button", name="Start session").click()
    page.get_by_role("heading", name="Warm-up").wait_for()
    page.get_by_role("button", name="Warm-up done: start the sets").click()


def _log(page: Any, reps: int, pain: int = 0) -> None:
    page.get_by_label("Reps").fill(str(reps))
    page.get_by_label("Back pain (0–10)").fill(str(pain))
    page.get_by_role("button", name="Log this set").click()


def _wait_for_signals(page: Any, vibrations: int) -> None:
    """Until the page has vibrated ``vibrations`` times. The end signal runs in an effect after
    the render that shows the end, and Preact schedules effects with timers the installed fake
    clock holds: the clock is moved on by a frame at a time until the effect has run."""
    for _ in range(50):
        if page.evaluate("window.__vibrations") >= vibrations:
            break
        page.clock.run_for(50)
    assert page.evaluate("window.__vibrations") == vibrations


def test_a_whole_guided_session_stores_every_set_with_its_timers(
    server: LiveServer, phone: Any
) -> None:
    athlete = planned_athlete(server, "guided")
    phone.add_init_script(SIGNAL_SPY)
    phone.clock.install()
    sign_in(phone, server, "guided")
    _start_session(phone, server)

    expect(
        phone.get_by_role("heading", name=re.compile("Machine reverse hyper: set 1 of 2"))
    ).to_be_visible()
    expect(phone.get_by_label("Load (kg)")).to_have_value(str(LOAD_KG))
    expect(phone.get_by_label("Reps")).to_have_value("12")
    _log(phone, 13)
    rest = phone.get_by_test_id("rest-remaining")
    expect(rest).to_have_text(f"{REST_S} s")
    expect(phone.get_by_test_id("logged-set")).to_have_text(re.compile("13 reps.*saved"))
    expect(phone.get_by_test_id("next-set-advice")).to_contain_text("37.5 kg")
    phone.clock.fast_forward(f"00:{REST_S - 5}")
    expect(rest).to_have_text("5 s")
    assert phone.evaluate("window.__vibrations") == 0
    phone.clock.fast_forward("00:06")
    expect(phone.get_by_text("Rest over: go for the next set.")).to_be_visible()
    _wait_for_signals(phone, vibrations=1)
    assert phone.evaluate("window.__beeps") >= 1

    _log(phone, 12)
    expect(
        phone.get_by_role("heading", name=re.compile("Tempo reverse hyper: set 1 of 1"))
    ).to_be_visible()
    phone.get_by_role("button", name="Start the tempo count").click()
    phase = phone.get_by_test_id("tempo-phase")
    expect(phase).to_have_text(re.compile(r"Rep 1 · Lift 1/3"))
    phone.clock.fast_forward(3000)
    expect(phase).to_have_text(re.compile(r"Rep 1 · Hold at the top 1/1"))
    phone.clock.fast_forward(1000)
    expect(phase).to_have_text(re.compile(r"Rep 1 · Lower 1/3"))
    phone.clock.fast_forward(3000)
    expect(phase).to_have_text(re.compile(r"Rep 2 · Lift 1/3"))
    phone.get_by_label("Load (kg)").fill("30")
    _log(phone, 12)

    expect(
        phone.get_by_role("heading", name=re.compile("Reverse hyper isometric hold: set 1 of 1"))
    ).to_be_visible()
    phone.get_by_role("button", name=f"Start the {HOLD_S} s hold").click()
    hold = phone.get_by_test_id("hold-remaining")
    expect(hold).to_have_text(f"{HOLD_S} s")
    phone.clock.fast_forward("00:04")
    expect(hold).to_have_text(f"{HOLD_S - 4} s")
    phone.clock.fast_forward("00:07")
    expect(phone.get_by_text("Hold done.")).to_be_visible()
    _wait_for_signals(phone, vibrations=2)  # the first rest, then the hold
    _log(phone, 1)

    phone.get_by_label("How does your back feel now? Pain 0–10").fill("1")
    phone.get_by_role("button", name="Finish the session").click()
    expect(phone.get_by_text("Saved. Well trained.")).to_be_visible()
    expect(phone.get_by_test_id("logged-set")).to_have_count(4)
    expect(phone.get_by_text("waiting for connection")).to_have_count(0)

    stored = server.stored_sets(athlete)
    assert [(s.variation, s.reps) for s in stored] == [
        ("machine-reverse-hyper", 13),
        ("machine-reverse-hyper", 12),
        ("tempo-reverse-hyper", 12),
        ("isometric-hold", 1),
    ]
    assert [s.load_kg for s in stored[:3]] == [LOAD_KG, LOAD_KG, 30.0]
    assert stored[2].tempo == "3-1-3-0"
    assert stored[3].hold_s == HOLD_S
    uow = server.uow()
    with uow:
        session = uow.session.get(SessionRow, stored[0].session_id)
        assert session is not None
        assert (session.status, session.pain_after) == ("performed", 1)


def test_pain_at_the_threshold_shows_the_stop_advice_and_skips_the_exercise(
    server: LiveServer, phone: Any
) -> None:
    athlete = planned_athlete(server, "painful")
    sign_in(phone, server, "painful")
    _start_session(phone, server)
    _log(phone, 12, pain=5)
    alert = phone.get_by_role("alert").filter(has_text="Stop this exercise for today")
    expect(alert).to_contain_text("Back pain 5/10 during the set reached 4/10")
    expect(alert).to_contain_text("stop this exercise for today")
    alert.get_by_role("button", name="Skip the rest of this exercise").click()
    expect(
        phone.get_by_role("heading", name=re.compile("Tempo reverse hyper: set 1 of 1"))
    ).to_be_visible()
    assert [s.pain for s in server.stored_sets(athlete)] == [5]


def test_a_reload_mid_rest_keeps_the_remaining_time(server: LiveServer, phone: Any) -> None:
    planned_athlete(server, "reloader")
    sign_in(phone, server, "reloader")
    _start_session(phone, server)
    _log(phone, 12)
    rest = phone.get_by_test_id("rest-remaining")
    expect(rest).to_have_text(f"{REST_S - 2} s", timeout=5000)
    phone.reload()
    remaining = int(rest.inner_text().split()[0])
    assert REST_S - 5 <= remaining <= REST_S - 2
    expect(rest).to_have_text(f"{remaining - 1} s", timeout=3000)


def test_today_and_the_session_have_no_serious_accessibility_violations(
    server: LiveServer, phone: Any
) -> None:
    planned_athlete(server, "axecheck")
    sign_in(phone, server, "axecheck")
    phone.goto(server.url + "/#/")
    phone.get_by_role("button", name="Start session").wait_for()
    assert serious_accessibility_violations(phone) == []
    _start_session(phone, server)
    phone.get_by_role("button", name="Log this set").wait_for()
    assert serious_accessibility_violations(phone) == []
    _log(phone, 12)
    phone.get_by_test_id("rest-remaining").wait_for()
    assert serious_accessibility_violations(phone) == []


def test_a_reader_sees_todays_plan_but_no_way_to_start_it(server: LiveServer, phone: Any) -> None:
    athlete = planned_athlete(server, "planowner")
    server.add_user("onlooker")
    server.grant(athlete, "planowner", "onlooker", "read")
    sign_in(phone, server, "onlooker")
    phone.goto(server.url + "/#/")
    expect(phone.get_by_role("heading", name="Tempo reverse hyper")).to_be_visible()
    expect(phone.get_by_text("only the owner or a coach starts sessions")).to_be_visible()
    expect(phone.get_by_role("button", name="Start session")).to_have_count(0)
