"""The coach's Athletes page, in Chromium: granted athletes with their recent sessions and
back pain, nothing of a stranger's athlete."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from browser_support import PASSWORD, LiveServer, serious_accessibility_violations, sign_in


def log_sets(server: LiveServer, owner: str, athlete_id: int, pains: list[int]) -> None:
    """``owner`` logs one set a day for the last ``len(pains)`` days with those pains (0-10)."""
    with httpx.Client(base_url=server.url) as client:
        token = client.post(
            "/api/v1/auth/token", data={"username": owner, "password": PASSWORD}
        ).json()["access_token"]
        now = datetime.now(UTC)
        for days_ago, pain in zip(range(len(pains), 0, -1), pains, strict=True):
            answer = client.post(
                f"/api/v1/athletes/{athlete_id}/sets",
                json={
                    "variation": "machine-reverse-hyper",
                    "reps": 12,
                    "load_kg": 40.0,
                    "pain": pain,
                    "performed_at": (now - timedelta(days=days_ago)).isoformat(),
                },
                headers={"Authorization": f"Bearer {token}"},
            )
            assert answer.status_code in (200, 201), answer.text


def open_as(page: Any, server: LiveServer, username: str, route: str) -> None:
    """Sign ``username`` in, then open ``#/route`` once the sign-in has moved on from the form
    (it navigates to today after loading the athletes; opening a route before would race it)."""
    sign_in(page, server, username)
    page.wait_for_function("() => !location.hash.includes('login')")
    page.goto(server.url + "/#/" + route)


def coach_with_athletes(server: LiveServer, prefix: str) -> tuple[str, int, int]:
    """A coach granted one athlete (with three days of sets) and a stranger's athlete they
    were not granted: (coach name, granted id, stranger's id)."""
    coach, owner, stranger = f"{prefix}coach", f"{prefix}owner", f"{prefix}stranger"
    server.add_user(coach, "coach")
    server.add_user(owner)
    server.add_user(stranger)
    granted = server.add_athlete(owner, f"{prefix.title()} Granted")
    hidden = server.add_athlete(stranger, f"{prefix.title()} Hidden")
    log_sets(server, owner, granted, [2, 3, 1])
    server.grant(granted, owner, coach, "read")
    return coach, granted, hidden


def test_a_coach_sees_a_granted_athletes_sessions_and_pain_but_not_a_strangers_athlete(
    server: LiveServer, desktop: Any
) -> None:
    coach, _, _ = coach_with_athletes(server, "cva")
    open_as(desktop, server, coach, "athletes")
    card = desktop.get_by_role("article", name="Cva Granted")
    card.get_by_role("heading", name="Recent sessions").wait_for()
    card.get_by_test_id("pain-values").wait_for()
    assert card.get_by_test_id("pain-values").inner_text() == "2 · 3 · 1"
    assert card.get_by_role("row").count() == 4  # the header and the three sessions
    assert "read access" in card.inner_text()
    assert desktop.get_by_text("Cva Hidden").count() == 0


def test_opening_a_strangers_athlete_by_its_id_shows_not_found(
    server: LiveServer, phone: Any
) -> None:
    coach, _, hidden = coach_with_athletes(server, "cvb")
    open_as(phone, server, coach, f"athletes/{hidden}")
    alert = phone.get_by_role("alert")
    alert.wait_for()
    assert f"no athlete with id {hidden}" in alert.inner_text()
    assert phone.get_by_text("Cvb Hidden").count() == 0


def test_opening_an_athlete_makes_it_the_one_the_app_shows(server: LiveServer, phone: Any) -> None:
    coach, granted, _ = coach_with_athletes(server, "cvc")
    open_as(phone, server, coach, "athletes")
    phone.get_by_role("button", name="Open Cvc Granted").click()
    phone.wait_for_url("**/#/history")
    chosen = phone.evaluate("() => localStorage.getItem('revhyper.athlete')")
    assert chosen == str(granted)


def test_a_coach_without_athletes_is_told_how_to_get_access(server: LiveServer, phone: Any) -> None:
    server.add_user("cvdlonely", "coach")
    open_as(phone, server, "cvdlonely", "athletes")
    phone.get_by_text("No athlete has shared their log with you yet").wait_for()


def test_the_athletes_page_has_no_serious_accessibility_violations(
    server: LiveServer, phone: Any, desktop: Any
) -> None:
    coach, _, _ = coach_with_athletes(server, "cve")
    for page in (phone, desktop):
        open_as(page, server, coach, "athletes")
        page.get_by_role("article", name="Cve Granted").get_by_test_id("pain-values").wait_for()
        page.get_by_text("No form faults on recent sets.").wait_for()
        assert serious_accessibility_violations(page) == []


def test_the_athletes_page_asks_once_for_every_athlete_when_a_coach_has_several(
    server: LiveServer, desktop: Any
) -> None:
    coach, first, _ = coach_with_athletes(server, "cvo")
    second = server.add_athlete("cvoowner", "Cvo Second")
    server.grant(second, "cvoowner", coach, "coach")
    sign_in(desktop, server, coach)
    asked: list[str] = []
    desktop.on("request", lambda r: asked.append(r.url) if "/api/v1/" in r.url else None)
    desktop.goto(server.url + "/#/athletes")
    for name in ("Cvo Granted", "Cvo Second"):
        desktop.get_by_role("article", name=name).get_by_test_id("pain-values").or_(
            desktop.get_by_role("article", name=name).get_by_text("No back pain recorded yet.")
        ).wait_for()
    per_athlete = [
        url for url in asked if f"/athletes/{first}/" in url or f"/athletes/{second}/" in url
    ]
    assert per_athlete == [], f"the page asked per athlete: {per_athlete}"
    assert sum("/api/v1/shared-athletes" in url for url in asked) == 1
