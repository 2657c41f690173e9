"""The owner's Sharing page, in Chromium: giving a coach access, taking it back, and the audit
log of what the coach read."""

from __future__ import annotations

from typing import Any

from browser_support import (
    LiveServer,
    hold_requests,
    serious_accessibility_violations,
    wait_until,
)
from test_coach_view import open_as


def owner_and_coach(server: LiveServer, prefix: str) -> tuple[str, str, int]:
    """An athlete account with its athlete, and a coach with no access yet."""
    owner, coach = f"{prefix}owner", f"{prefix}coach"
    server.add_user(owner)
    server.add_user(coach, "coach")
    athlete_id = server.add_athlete(owner, f"{prefix.title()} Athlete")
    return owner, coach, athlete_id


def grant_on_the_page(page: Any, username: str, scope_text: str) -> None:
    page.get_by_label("Account name").fill(username)
    page.get_by_label("Access").select_option(label=scope_text)
    page.get_by_role("button", name="Give access").click()
    page.get_by_role("status").filter(has_text=f"{username} now has").wait_for()


def open_athletes_as(page: Any, server: LiveServer, coach: str) -> None:
    """``coach``, signed in afresh, opens the Athletes page."""
    page.context.clear_cookies()
    page.goto("about:blank")  # a full load next: the app must not keep the old sign-in
    open_as(page, server, coach, "athletes")


def test_an_owner_grants_a_coach_who_then_sees_the_athlete_until_revoked(
    server: LiveServer, phone: Any, desktop: Any
) -> None:
    owner, coach, _ = owner_and_coach(server, "sha")
    open_as(phone, server, owner, "sharing")
    phone.get_by_text("Nobody else has access.").wait_for()
    grant_on_the_page(phone, coach, "Coach")
    phone.get_by_text("coach access since").wait_for()
    open_athletes_as(desktop, server, coach)
    desktop.get_by_role("article", name="Sha Athlete").wait_for()

    phone.get_by_role("button", name=f"Revoke {coach}").click()
    phone.get_by_role("button", name=f"Yes, revoke {coach}").click()
    phone.get_by_text("Nobody else has access.").wait_for()
    open_athletes_as(desktop, server, coach)
    desktop.get_by_text("No athlete has shared their log with you yet").wait_for()
    assert desktop.get_by_role("article", name="Sha Athlete").count() == 0


def test_an_unknown_account_name_is_refused_with_the_servers_reason(
    server: LiveServer, phone: Any
) -> None:
    owner, _, _ = owner_and_coach(server, "shb")
    open_as(phone, server, owner, "sharing")
    phone.get_by_label("Account name").fill("nobody-like-this")
    phone.get_by_role("button", name="Give access").click()
    alert = phone.get_by_role("alert")
    alert.wait_for()
    assert "not an active account" in alert.inner_text()


def test_the_confirmation_starts_on_keep_access_and_keeping_revokes_nothing(
    server: LiveServer, phone: Any
) -> None:
    owner, coach, athlete_id = owner_and_coach(server, "shc")
    server.grant(athlete_id, owner, coach, "read")
    open_as(phone, server, owner, "sharing")
    phone.get_by_role("button", name=f"Revoke {coach}").click()
    keep = phone.get_by_role("button", name="Keep access")
    keep.wait_for()
    assert keep.evaluate("button => document.activeElement === button")
    keep.click()
    phone.get_by_role("button", name=f"Revoke {coach}").wait_for()
    with server.uow() as uow:
        assert uow.grants.scope(athlete_id, server.users[coach]) == "read"


def test_the_audit_log_shows_the_coachs_read(server: LiveServer, phone: Any, desktop: Any) -> None:
    owner, coach, athlete_id = owner_and_coach(server, "shd")
    server.grant(athlete_id, owner, coach, "read")
    open_as(desktop, server, coach, "athletes")
    desktop.get_by_role("article", name="Shd Athlete").get_by_role("button").wait_for()
    desktop.get_by_text("No back pain recorded yet.").wait_for()

    open_as(phone, server, owner, "sharing")
    table = phone.get_by_role("table")
    table.wait_for()
    reads = table.get_by_role("row").filter(has=phone.get_by_role("cell", name=coach, exact=True))
    # (the Athletes page reads every granted athlete's summary in one request)
    assert reads.filter(has_text="read: overview").count() >= 1
    assert reads.filter(has_text="GET /api/v1/shared-athletes").count() >= 1
    assert table.get_by_role("row").filter(has_text=f"grant: read to {coach}").count() == 1


def test_someone_else_s_athlete_gets_a_plain_explanation(server: LiveServer, phone: Any) -> None:
    owner, coach, athlete_id = owner_and_coach(server, "she")
    server.grant(athlete_id, owner, coach, "read")
    open_as(phone, server, coach, "sharing")
    phone.get_by_text("Only an athlete's owner can share their data").wait_for()
    assert phone.get_by_role("button", name="Give access").count() == 0


def test_the_sharing_page_has_no_serious_accessibility_violations(
    server: LiveServer, phone: Any, desktop: Any
) -> None:
    owner, coach, athlete_id = owner_and_coach(server, "shf")
    server.grant(athlete_id, owner, coach, "coach")
    for page in (phone, desktop):
        open_as(page, server, owner, "sharing")
        page.get_by_role("table").wait_for()
        page.get_by_role("button", name=f"Revoke {coach}").click()
        page.get_by_role("button", name="Keep access").wait_for()
        assert serious_accessibility_violations(page) == []


def test_the_audit_log_is_read_a_page_at_a_time(server: LiveServer, phone: Any) -> None:
    owner, coach, athlete_id = owner_and_coach(server, "shg")
    for scope in ("read", "coach") * 11:  # 22 grant events
        server.grant(athlete_id, owner, coach, scope)
    open_as(phone, server, owner, "sharing")
    phone.get_by_text("Events 1–20 of 22, newest first").wait_for()
    assert phone.get_by_role("button", name="Newer events").is_disabled()
    phone.get_by_role("button", name="Older events").click()
    phone.get_by_text("Events 21–22 of 22, newest first").wait_for()
    assert phone.get_by_role("table").get_by_role("row").count() == 3
    assert phone.get_by_role("button", name="Older events").is_disabled()


def test_the_audit_log_never_shows_one_pages_rows_under_the_next_pages_caption(
    server: LiveServer, phone: Any
) -> None:
    owner, coach, athlete_id = owner_and_coach(server, "shh")
    for scope in ("read", "coach") * 11:  # 22 grant events
        server.grant(athlete_id, owner, coach, scope)
    held = hold_requests(phone, "**/audit?*offset=20*")  # the second page's request
    open_as(phone, server, owner, "sharing")
    phone.get_by_text("Events 1–20 of 22, newest first").wait_for()
    phone.evaluate(RECORD_WHAT_THE_AUDIT_TABLE_SHOWS)
    phone.get_by_role("button", name="Older events").click()
    phone.get_by_text("Loading events…").wait_for()
    wait_until(phone, lambda: held, "the second page's request")
    held[0].continue_()
    phone.get_by_text("Events 21–22 of 22, newest first").wait_for()
    shown = phone.evaluate("window.auditTableShowed")
    second_page = [rows for caption, rows in shown if caption.startswith("Events 21")]
    assert second_page
    assert set(second_page) == {2}


# Every state the audit table passes through, as [caption, body rows], in window.auditTableShowed.
RECORD_WHAT_THE_AUDIT_TABLE_SHOWS = """() => {
  window.auditTableShowed = [];
  const region = document.querySelector('.sharing');
  const note = () => {
    const caption = region.querySelector('caption');
    const rows = region.querySelectorAll('tbody tr').length;
    window.auditTableShowed.push([caption ? caption.textContent : '', rows]);
  };
  const what = { subtree: true, childList: true, characterData: true };
  new MutationObserver(note).observe(region, what);
}"""
